"""The malloc settings of runners/memory.py: applied on glibc, inherited by workers, a user's value kept."""
import os
import platform
import subprocess
import sys

import pytest

from akhbar.runners import memory


def test_export_keeps_a_value_the_user_set(monkeypatch):
    for name in memory.MALLOC_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    memory.export_for_workers()
    assert os.environ["MALLOC_ARENA_MAX"] == "4"
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == memory.MALLOC_ENV["MALLOC_MMAP_THRESHOLD_"]


def test_a_worker_process_inherits_the_settings(monkeypatch):
    for name in memory.MALLOC_ENV:
        monkeypatch.delenv(name, raising=False)
    memory.export_for_workers()
    out = subprocess.run([sys.executable, "-c", "import os; print(os.environ.get('MALLOC_ARENA_MAX'))"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == memory.MALLOC_ENV["MALLOC_ARENA_MAX"]


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_mallopt_accepts_the_settings_on_glibc():
    assert memory.tune_this_process() is True
