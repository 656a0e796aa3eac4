"""The zygote is started before the launcher imports Beam (runners/launch.py) and waited for only when the
first pipeline needs workers: spawning does not wait, and a spawned zygote is the one ``start`` uses."""
from __future__ import annotations

import os
import time


def test_spawn_does_not_wait_and_start_uses_the_spawned_zygote(tmp_path, monkeypatch):
    import tempfile

    from akhbar.runners import zygote

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv(zygote.ENV, raising=False)
    began = time.monotonic()
    zygote.spawn()
    spawned_in = time.monotonic() - began
    process = zygote._started
    try:
        path = os.environ[zygote.ENV]
        assert process.poll() is None and not zygote._ready, "spawn returns while the zygote still warms up"
        assert spawned_in < 0.5, f"spawn took {spawned_in:.2f} s: it waited for the warm-up"
        zygote.spawn()
        assert zygote._started is process, "one zygote per launcher"
        command = zygote.start()
        assert zygote._started is process and zygote._ready and os.environ[zygote.ENV] == path
        assert os.path.exists(path), "listening once start() returns"
        assert "zygote_client.py" in command
        # the allocator settings reached the zygote's environment (runners/memory.py)
        with open(f"/proc/{process.pid}/environ", "rb") as handle:
            assert b"MALLOC_ARENA_MAX=" in handle.read()
    finally:
        zygote.stop()
    assert process.poll() is not None and not os.path.exists(path) and zygote.ENV not in os.environ
    assert zygote._started is None


def test_workers_cpu_counts_workers_that_ended(tmp_path, monkeypatch):
    """With a fresh fork per pipeline the workers end within their phase: their CPU must still count."""
    import subprocess
    import tempfile

    from akhbar.runners import zygote

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv(zygote.ENV, raising=False)
    command = zygote.start()
    try:
        assert zygote.workers_cpu() == 0.0
        env = dict(os.environ)
        env.pop("CONTROL_API_SERVICE_DESCRIPTOR", None)  # the harness fails at once: the worker ends
        readings = []
        for _ in range(3):
            done = subprocess.run(command.split(), env=env, capture_output=True, timeout=120)
            assert done.returncode != 0
            time.sleep(0.2)  # reaped by the zygote's loop (every 50 ms)
            readings.append(zygote.workers_cpu())
        assert readings == sorted(readings) and readings[-1] > 0.0, readings  # each worker: ~10-20 ms
    finally:
        zygote.stop()
    assert zygote.workers_cpu() == 0.0
