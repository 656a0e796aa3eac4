"""A wave (or a part of the feeds) in a process of its own, on Beam's in-memory runner (pipeline/waves_side.py).

The launcher writes the task (the function and its arguments, pickled) to a file and starts a worker
the way Beam starts one: the zygote's client (runners/zygote_client.py), so the wave runs in a child forked
from the warm zygote, or a plain ``python -m akhbar.runners.worker`` when no zygote answers. The worker sees
``AKHBAR_TASK`` and runs the task instead of Beam's harness (runners/worker.py); its exit code is the
wave's. Stopping the client stops the wave (the zygote kills the child of a client that went away).
"""
from __future__ import annotations

import os
import pickle
import shlex
import subprocess
import sys
from typing import List, Optional

TASK_ENV = "AKHBAR_TASK"


class WaveProcesses:
    """``Processes`` for pipeline/waves_side.py: each call starts one part of the run in a new worker process."""

    def __init__(self, folder: str, beam_args: List[str], show: bool, use_zygote: bool):
        self._folder, self._beam_args, self._show, self._use_zygote = folder, list(beam_args), show, use_zygote

    def feed_part(self, config, feed_states, part: int) -> subprocess.Popen:
        return self._start(f"feeds-{part}", run_feed_part, (config, feed_states, part))

    def wave(self, config, wave: int, path: str, stored: Optional[List[str]]) -> subprocess.Popen:
        return self._start(f"wave-{wave:05d}", run_wave, (config, wave, path, stored))

    def _start(self, name: str, function, args) -> subprocess.Popen:
        task = os.path.join(self._folder, f"{name}.task")
        with open(task, "wb") as handle:
            pickle.dump((function, (*args, self._beam_args, self._show)), handle, protocol=pickle.HIGHEST_PROTOCOL)
        if self._use_zygote:
            from akhbar.runners import zygote

            command = shlex.split(zygote.spawned_command())
            zygote.wait_ready()
        else:
            command = [sys.executable, "-m", "akhbar.runners.worker"]
        return subprocess.Popen(command, env=dict(os.environ, **{TASK_ENV: task}))


def run_wave(config, wave: int, path: str, stored: Optional[List[str]], beam_args: List[str], show: bool) -> None:
    """In the wave's process: its pipeline on the in-memory runner, to completion (raises if it fails)."""
    from akhbar.pipeline.waves_run import run_wave_alone
    from akhbar.runners.launch import pipeline_runner

    run_wave_alone(pipeline_runner("local", 1, beam_args, show, release=False), config, wave, path, stored)


def run_feed_part(config, feed_states, part: int, beam_args: List[str], show: bool) -> None:
    """In a feed part's process: its feeds fetched and parsed on the in-memory runner (pipeline/waves_side.py)."""
    from akhbar.pipeline.waves_side import build_feed_part, feeds_phase
    from akhbar.runners.launch import pipeline_runner

    pipeline_runner("local", 1, beam_args, show, release=False)(feeds_phase(part), lambda p: build_feed_part(
        p, config, feed_states, part))


def run_task(path: str) -> None:
    """Run the task a launcher wrote to ``path`` (see the module's docstring)."""
    with open(path, "rb") as handle:
        function, args = pickle.load(handle)
    function(*args)


def die_with_parent() -> None:
    """A plain worker process (no zygote) ends with the launcher that started it (Linux; else a no-op)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
