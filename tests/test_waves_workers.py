"""Waves on two worker processes forked from the zygote (runners/zygote.py), as ``akhbar run --workers 2``."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import write_sources
from tests.test_crash import _visible_titles

pytestmark = pytest.mark.e2e


def _zygotes(marker: str) -> set:
    """Zygote processes whose socket lies under ``marker`` (other runs on the machine have their own)."""
    found = set()
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                cmdline = handle.read()
        except OSError:
            continue
        if b"akhbar.runners.zygote" in cmdline and marker.encode() in cmdline:
            found.add(int(pid))
    return found


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_two_workers_in_waves_write_every_article_once_and_leave_no_zygote(tmp_path, site):
    sources = write_sources(tmp_path / "sources.yaml", site.base)
    out = tmp_path / "out"
    scratch = tmp_path / "scratch"  # the zygote's socket folder goes here: its processes can be told apart
    scratch.mkdir()
    env = dict(os.environ, PYTHONWARNINGS="ignore", TMPDIR=str(scratch))
    result = subprocess.run([sys.executable, "-m", "akhbar.runners.cli", "run", "--sources", str(sources), "--output",
                             str(out), "--run-id", "w2", "--workers", "2", "--allow-private-addresses",
                             "--wave-size", "4"], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "wave-00001 done" in result.stderr and "wave-00002 done" not in result.stderr, "7 unique entries: waves of 4 and 3"
    seen = _visible_titles(out)
    assert sum(seen.values()) == 6 and set(seen.values()) == {1}, seen
    report = json.loads((out / "_runs" / "w2.json").read_text(encoding="utf-8"))
    assert report["totals"]["written"] == 6
    assert not _zygotes(str(scratch)), "the zygote ended with the run"
    assert not list(scratch.iterdir()), "its socket folder is gone"


def test_worker_client_starts_a_plain_worker_when_no_zygote_answers(tmp_path):
    """No zygote at the socket: the client becomes ``python -m akhbar.runners.worker`` (which then fails
    here for want of Beam's endpoints, with its own error, not the client's)."""
    client = os.path.join(os.path.dirname(__file__), "..", "runners", "zygote_client.py")
    env = dict(os.environ, AKHBAR_ZYGOTE=str(tmp_path / "none"))
    env.pop("CONTROL_API_SERVICE_DESCRIPTOR", None)
    done = subprocess.run([sys.executable, "-S", client], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "CONTROL_API_SERVICE_DESCRIPTOR" in done.stderr or "KeyError" in done.stderr, done.stderr[-2000:]


def test_zygote_starts_warm_and_stops(tmp_path, monkeypatch):
    import tempfile

    from akhbar.runners import zygote

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv(zygote.ENV, raising=False)
    command = zygote.start()
    try:
        path = os.environ[zygote.ENV]
        assert path.startswith(str(tmp_path)) and os.path.exists(path), "listening once start() returns"
        assert "zygote_client.py" in command and " -S " in command
        assert zygote.start() == command and os.environ[zygote.ENV] == path, "one zygote per launcher"
    finally:
        process = zygote._started
        zygote.stop()
    assert process.poll() is not None and not os.path.exists(path) and zygote.ENV not in os.environ


_CHILD_PRINTS = """
import os, socket, sys
import akhbar.runners.worker as worker
from akhbar.runners import zygote

def noisy(environment):
    sys.stdout.write("x" * 262144)  # four times a pipe's buffer
    sys.stdout.flush()

worker.run_harness = noisy
worker.prepare = lambda: None
mine, theirs = socket.socketpair()
pid = os.fork()
if pid == 0:
    mine.close()
    zygote._child(theirs, '{"PATH": "/bin"}', [])
theirs.close()
print("child said", mine.recv(64).decode().strip(), file=sys.stderr)
mine.close()  # no next request: the child ends
_, status = os.waitpid(pid, 0)
print("child exit", os.waitstatus_to_exitcode(status), file=sys.stderr)
"""


def test_forked_worker_output_does_not_fill_the_zygotes_stdout_pipe(tmp_path):
    # The zygote's stdout is a pipe the launcher stops reading after "ready"; a worker printing there would
    # block once the pipe is full. Here nobody reads stdout until the child has ended.
    err = tmp_path / "stderr"
    with open(err, "wb") as err_handle:
        proc = subprocess.Popen([sys.executable, "-c", _CHILD_PRINTS], stdout=subprocess.PIPE, stderr=err_handle)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            pytest.fail("the forked worker blocked on a full stdout pipe")
    proc.stdout.close()
    text = err.read_text(errors="replace")
    assert "child said done 0" in text and "child exit 0" in text
    assert text.count("x") >= 262144  # the worker's output reached stderr, nothing lost
