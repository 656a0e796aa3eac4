"""Waves side by side: each wave's pipeline in its own process, ``slots`` at a time, in wave order.

Why: Beam's local runner with N worker processes sends every element that crosses a stage through the
launcher and back (gRPC, decoded and encoded again), ~2.4 ms per article on the 10k replay site. One
pipeline on Beam's in-memory runner per wave, two at once, keeps both cores busy without that traffic
(two 1-worker runs on halves of the feeds: 152 articles/s against 131 for one 2-worker run).

What does not change: waves are cut as before (pipeline/waves.py), each writes only under the run's
temporary folder and its spool, and the launcher commits once at the end (pipeline/waves_run.py). The
near-duplicate step of wave k waits for waves < k (pipeline/wave_prior.py), so the marks are those of one
pass. Each process keeps its part of every host's politeness limits (transforms/politeness.py ``share``),
so together they ask no host more often than one would.

When a wave fails (its process exits non-zero), the waves still running are stopped and the run fails:
nothing was committed, the next run deletes the temporary folder.
"""
from __future__ import annotations

import time
from typing import Callable, Dict, List, Optional, Protocol


class Handle(Protocol):
    def poll(self) -> Optional[int]: ...
    def kill(self) -> None: ...


class WaveFailed(RuntimeError):
    pass


def run_side_by_side(count: int, slots: int, start: Callable[[int], Handle], *, pause: float = 0.0,
                     on_done: Callable[[int, float], None] = lambda wave, seconds: None,
                     sleep=time.sleep, clock=time.monotonic, poll_seconds: float = 0.02, what: str = "wave") -> None:
    """Run waves ``0..count-1``, at most ``slots`` at once, each started in wave order by ``start(wave)``.

    ``on_done(wave, seconds)`` is called in wave order, once every earlier wave is done too (a later wave
    cannot finish first: it waits for the earlier ones, but the order is kept even if it did). ``pause``:
    seconds between a wave's end and the start of the wave that takes its slot (politeness: a new process
    does not know when its hosts were last asked). ``what`` names the work in the error (a wave, a feed part).
    """
    running: Dict[int, Handle] = {}
    started: Dict[int, float] = {}
    finished: Dict[int, float] = {}
    free_at: List[float] = [0.0] * max(1, slots)  # each free slot: when it may take its next wave
    next_wave, reported = 0, 0
    try:
        while True:
            for wave, handle in list(running.items()):
                code = handle.poll()
                if code is None:
                    continue
                del running[wave]
                if code != 0:
                    raise WaveFailed(f"{what} {wave} failed (its process exited with {code}; its error is above)")
                finished[wave] = clock() - started[wave]
                free_at.append(clock() + pause)
            while reported in finished:
                on_done(reported, finished.pop(reported))
                reported += 1
            if reported >= count:
                return
            now = clock()
            while next_wave < count and free_at and min(free_at) <= now:
                free_at.remove(min(free_at))
                running[next_wave], started[next_wave] = start(next_wave), clock()
                next_wave += 1
            sleep(poll_seconds)
    finally:
        for handle in running.values():  # a wave failed, or the launcher is stopping: the others go too
            try:
                handle.kill()
            except OSError:
                pass
