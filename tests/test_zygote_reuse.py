"""The zygote reuses its worker processes across pipelines (runners/zygote.py), with a stand-in harness.

A real zygote process serves real clients (runners/zygote_client.py); only Beam's harness is replaced by a
function that logs the worker's pid and then ends as the test asks: normally, with an error, with an exit
code, or never.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLIENT = str(Path(__file__).resolve().parents[1] / "runners" / "zygote_client.py")
_ZYGOTE = """
import os, sys, time
from akhbar.runners import worker, zygote

def harness(environment):
    with open(environment["FAKE_LOG"], "a") as handle:
        handle.write(f"{os.getpid()}\\n")
    what = environment.get("FAKE", "ok")
    if what == "fail":
        raise RuntimeError("the harness failed")
    if what == "exit3":
        raise SystemExit(3)
    if what.startswith("sleep"):
        time.sleep(float(what[5:]))

worker.run_harness = harness
worker.prepare = lambda: None
zygote.serve(sys.argv[1])
"""

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc") or not hasattr(os, "fork"), reason="fork and /proc")


@pytest.fixture
def zygote(tmp_path, request):
    path = str(tmp_path / "z" / "socket")
    os.makedirs(os.path.dirname(path))
    env = dict(os.environ, AKHBAR_WORKER_REUSES=str(getattr(request, "param", 0)))  # 0: no limit
    proc = subprocess.Popen([sys.executable, "-c", _ZYGOTE, path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            env=env)
    assert proc.stdout.readline().strip() == b"ready"
    log = tmp_path / "pids"
    log.touch()

    def client(fake: str = "ok") -> subprocess.Popen:
        env = dict(os.environ, AKHBAR_ZYGOTE=path, FAKE_LOG=str(log), FAKE=fake)
        return subprocess.Popen([sys.executable, "-S", CLIENT], env=env)

    def pids():
        return [int(line) for line in log.read_text().split()]

    yield proc, client, pids
    if proc.poll() is None:
        proc.stdin.close()
        proc.wait(timeout=10)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def _gone(pid: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


def test_one_worker_serves_pipeline_after_pipeline(zygote):
    proc, client, pids = zygote
    for _ in range(3):
        assert client().wait(timeout=30) == 0
    assert len(pids()) == 3 and len(set(pids())) == 1, pids()
    assert _alive(pids()[0]), "idle between pipelines, not ended"
    proc.stdin.close()  # the launcher is done: the zygote ends, and its idle worker with it
    proc.wait(timeout=10)
    assert _gone(pids()[0])


def test_workers_asked_at_once_are_two_processes_and_both_are_reused(zygote):
    _, client, pids = zygote
    first = [client("sleep1"), client("sleep1")]
    assert [c.wait(timeout=30) for c in first] == [0, 0]
    busy = set(pids())
    assert len(busy) == 2, pids()
    second = [client("sleep0.2"), client("sleep0.2")]
    assert [c.wait(timeout=30) for c in second] == [0, 0]
    assert set(pids()[2:]) == busy, "the next pipeline's two workers are the same two processes"


def test_a_failed_harness_fails_its_client_and_its_process_is_not_reused(zygote):
    _, client, pids = zygote
    assert client("fail").wait(timeout=30) == 1
    assert client("exit3").wait(timeout=30) == 3, "the worker's exit code reaches Beam through the client"
    assert client().wait(timeout=30) == 0
    failed, exited, fresh = pids()
    assert len({failed, exited, fresh}) == 3
    assert _gone(failed) and _gone(exited)


def test_a_killed_client_takes_its_busy_worker_with_it(zygote):
    _, client, pids = zygote
    waiting = client("sleep600")
    deadline = time.monotonic() + 20
    while not pids() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pids(), "the worker started"
    waiting.kill()
    waiting.wait()
    assert _gone(pids()[0]), "a worker nobody waits for does not run on"
    assert client().wait(timeout=30) == 0


@pytest.mark.parametrize("zygote", [2], indirect=True)
def test_a_worker_ends_after_its_share_of_pipelines_and_a_fresh_one_follows(zygote):
    _, client, pids = zygote
    for _ in range(3):
        assert client().wait(timeout=30) == 0
    first, again, fresh = pids()
    assert first == again != fresh
    assert _gone(first), "served AKHBAR_WORKER_REUSES=2 pipelines, then ended"
    assert _alive(fresh)
