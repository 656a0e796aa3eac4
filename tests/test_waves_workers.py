"""Waves on two worker processes forked from the zygote (runners/zygote.py), as ``akhbar run --workers 2``."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import run_akhbar, write_sources
from tests.test_crash import _visible_titles

pytestmark = pytest.mark.e2e


def _zygotes() -> set:
    found = set()
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if b"akhbar.runners.zygote" in handle.read():
                    found.add(int(pid))
        except (OSError, ValueError):
            continue
    return found


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_two_workers_in_waves_write_every_article_once_and_leave_no_zygote(tmp_path, site):
    before = _zygotes()
    sources = write_sources(tmp_path / "sources.yaml", site.base)
    out = tmp_path / "out"
    result = run_akhbar("run", "--sources", str(sources), "--output", str(out), "--run-id", "w2", "--workers", "2",
                        "--allow-private-addresses", "--wave-size", "4")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "wave-00001 done" in result.stderr and "wave-00002 done" not in result.stderr, "7 unique entries: waves of 4 and 3"
    seen = _visible_titles(out)
    assert sum(seen.values()) == 6 and set(seen.values()) == {1}, seen
    report = json.loads((out / "_runs" / "w2.json").read_text(encoding="utf-8"))
    assert report["totals"]["written"] == 6
    assert _zygotes() <= before, "the zygote ended with the run"


def test_worker_client_starts_a_plain_worker_when_no_zygote_answers(tmp_path):
    """No zygote at the socket: the client becomes ``python -m akhbar.runners.worker`` (which then fails
    here for want of Beam's endpoints, with its own error, not the client's)."""
    client = os.path.join(os.path.dirname(__file__), "..", "runners", "zygote_client.py")
    env = dict(os.environ, AKHBAR_ZYGOTE=str(tmp_path / "none"))
    env.pop("CONTROL_API_SERVICE_DESCRIPTOR", None)
    done = subprocess.run([sys.executable, "-S", client], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "CONTROL_API_SERVICE_DESCRIPTOR" in done.stderr or "KeyError" in done.stderr, done.stderr[-2000:]
