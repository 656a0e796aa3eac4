"""Two runs on one output: the second refuses with a clear message; a dead holder never blocks for long."""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys

import pytest

from akhbar.pipeline.lock import LockHeld, OutputLock, is_stale
from akhbar.pipeline.publish_guard import EXIT_LOCKED
from tests.conftest import run_akhbar, write_sources
from tests.test_sink import FakeObjectStore


def test_second_lock_on_a_local_output_is_refused_until_the_first_is_released(tmp_path):
    first = OutputLock(str(tmp_path), "first").acquire()
    with pytest.raises(LockHeld, match=r"in use by run first \(pid \d+"):
        OutputLock(str(tmp_path), "second").acquire()
    first.release()
    with OutputLock(str(tmp_path), "second"):
        pass


def test_a_killed_holder_releases_the_local_lock(tmp_path):
    code = ("import sys, time; from akhbar.pipeline.lock import OutputLock; "
            f"OutputLock({str(tmp_path)!r}, 'doomed').acquire(); print('locked', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(LockHeld, match="doomed"):
            OutputLock(str(tmp_path), "next").acquire()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        with OutputLock(str(tmp_path), "next"):  # the kernel dropped the flock with the process
            pass
    finally:
        if holder.poll() is None:
            holder.kill()


@pytest.mark.e2e
def test_cli_refuses_a_second_run_with_exit_code_3(tmp_path, site):
    out = tmp_path / "out"
    sources = write_sources(tmp_path / "sources.yaml", site.base)
    with OutputLock(str(out), "hourly-0900"):
        result = run_akhbar("run", "--sources", str(sources), "--output", str(out), "--workers", "1",
                            "--allow-private-addresses")
    assert result.returncode == EXIT_LOCKED == 3
    assert "is in use by run hourly-0900" in result.stderr and "this run did nothing" in result.stderr
    assert not (out / "articles").exists() and not (out / "_runs").exists()
    assert not site.requests, "a refused run fetches nothing"


def _remote_lock(holder: dict) -> str:
    FakeObjectStore.objects.clear()
    FakeObjectStore.objects["fakegs://b/out/_state/run.lock"] = json.dumps(holder).encode()
    return "fakegs://b/out"


def test_object_store_lock_with_a_fresh_heartbeat_is_respected():
    now = dt.datetime.now(dt.timezone.utc)
    output = _remote_lock({"run_id": "other", "host": "elsewhere", "pid": 1,
                           "heartbeat_at": (now - dt.timedelta(minutes=2)).isoformat()})
    with pytest.raises(LockHeld, match="stale 15 minutes after its last heartbeat"):
        OutputLock(output, "mine").acquire()


def test_object_store_lock_is_taken_over_when_stale():
    now = dt.datetime.now(dt.timezone.utc)
    output = _remote_lock({"run_id": "crashed", "host": "elsewhere", "pid": 1,
                           "heartbeat_at": (now - dt.timedelta(minutes=20)).isoformat()})
    lock = OutputLock(output, "mine").acquire()
    try:
        assert lock.took_over["run_id"] == "crashed"
        assert json.loads(FakeObjectStore.objects["fakegs://b/out/_state/run.lock"])["run_id"] == "mine"
    finally:
        lock.release()
    assert "fakegs://b/out/_state/run.lock" not in FakeObjectStore.objects


def test_stale_rule():
    now = dt.datetime.now(dt.timezone.utc)
    fresh = now.isoformat()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    assert is_stale({"host": socket.gethostname(), "pid": dead.pid, "heartbeat_at": fresh}, now), "dead local pid"
    assert not is_stale({"host": socket.gethostname(), "pid": os.getpid(), "heartbeat_at": fresh}, now)
    assert not is_stale({"host": "other", "pid": 1, "heartbeat_at": (now - dt.timedelta(minutes=14)).isoformat()}, now)
    assert is_stale({"host": "other", "pid": 1, "heartbeat_at": (now - dt.timedelta(minutes=16)).isoformat()}, now)
    assert is_stale({"host": "other"}, now), "a lock without a heartbeat is unreadable, hence stale"
