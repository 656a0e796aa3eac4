"""Waves side by side (pipeline/wave_slots.py) and what a wave waits for (pipeline/wave_prior.py), without Beam."""
from __future__ import annotations

import os
import pickle
import threading
import time

import pytest

from akhbar.pipeline.spool import spool_path
from akhbar.pipeline.wave_prior import EarlierWaves, signatures_phase
from akhbar.pipeline.wave_slots import WaveFailed, run_side_by_side
from akhbar.pipeline.waves import MIN_SLOT_WAVE, wave_count, wave_sizes
from akhbar.transforms.sink_commit import WrittenFile


class _Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


class _Wave:
    """A fake wave process: finishes ``after`` seconds of the fake clock after its start, with ``code``."""

    def __init__(self, clock: _Clock, after: float, code: int = 0):
        self.clock, self.end, self.code, self.killed = clock, clock.now + after, code, False

    def poll(self):
        if self.killed:
            return -9
        return self.code if self.clock.now >= self.end else None

    def kill(self):
        self.killed = True


def _schedule(durations, slots, codes=None, pause=0.0):
    clock, waves, log = _Clock(), {}, []

    def start(wave):
        running = [w for w, h in waves.items() if h.poll() is None]
        log.append(("start", wave, clock.now, running))
        waves[wave] = _Wave(clock, durations[wave], (codes or {}).get(wave, 0))
        return waves[wave]

    def done(wave, seconds):
        log.append(("done", wave, clock.now, seconds))

    run_side_by_side(len(durations), slots, start, pause=pause, on_done=done, sleep=clock.sleep, clock=clock,
                     poll_seconds=0.5)
    return log, waves


def test_waves_start_in_order_at_most_slots_at_once_and_report_in_order():
    log, _ = _schedule([4.0, 2.0, 3.0, 1.0, 1.0], slots=2)
    starts = [(w, t, running) for kind, w, t, running in log if kind == "start"]
    assert [w for w, _, _ in starts] == [0, 1, 2, 3, 4]
    assert all(len(running) < 2 for _, _, running in starts), "never a third wave beside two running ones"
    assert starts[0][1] == starts[1][1] == 0.0, "the first two start together"
    assert starts[2][1] == pytest.approx(2.0), "wave 2 takes the slot wave 1 freed, before wave 0 ends"
    done = [(w, t) for kind, w, t, _ in log if kind == "done"]
    assert [w for w, _ in done] == [0, 1, 2, 3, 4], "reported in wave order"
    assert dict(done)[1] >= dict(done)[0], "wave 1 ended first, but is reported after wave 0"


def test_a_pause_between_a_wave_and_the_next_in_its_slot():
    log, _ = _schedule([1.0, 1.0, 1.0], slots=2, pause=2.5)
    starts = {w: t for kind, w, t, _ in log if kind == "start"}
    assert starts[2] >= 1.0 + 2.5


def test_a_failed_wave_stops_the_others_and_fails_the_run():
    with pytest.raises(WaveFailed, match="wave 1 failed .*exited with 3"):
        _schedule([10.0, 1.0, 10.0, 10.0], slots=3, codes={1: 3})
    waves, clock = {}, _Clock()

    def start(wave):
        waves[wave] = _Wave(clock, [10.0, 1.0, 10.0][wave], 3 if wave == 1 else 0)
        return waves[wave]

    with pytest.raises(WaveFailed, match="feed part 1 failed"):
        run_side_by_side(3, 3, start, sleep=clock.sleep, clock=clock, poll_seconds=0.5, what="feed part")
    assert waves[0].killed and waves[2].killed and not waves[1].killed


def test_wave_count_fills_the_slots_when_waves_stay_large_enough():
    assert wave_count(3000, 1100) == 3 and wave_count(3000, 1100, slots=2) == 4
    assert wave_count(1000, 1100, slots=2) == 2, "a run of one wave is cut in two"
    assert wave_count(10000, 1100, slots=2) == 10
    small = 2 * MIN_SLOT_WAVE - 1
    assert wave_count(small, 1100, slots=2) == 1, "too small to be worth two processes"
    assert wave_count(7, 4, slots=2) == 2 and wave_count(5000, 0, slots=2) == 1


def _spool(out, run_id, wave, files):
    path = spool_path(str(out), run_id, signatures_phase(wave))
    body = {"files": [WrittenFile(f"{out}/_tmp/{run_id}/_state/{kind}/{name}", f"{out}/_state/{kind}/{name}", 1, "s",
                                  kind) for kind, name in files]}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".part", "wb") as handle:
        pickle.dump(body, handle)
    os.replace(path + ".part", path)


def test_earlier_waves_are_waited_for_and_only_their_signature_files_listed(tmp_path):
    _spool(tmp_path, "r", 0, [("minhash", "w0.parquet"), ("ids", "w0.parquet")])
    later = threading.Timer(0.3, _spool, (tmp_path, "r", 1, [("minhash", "w1.parquet")]))
    later.start()
    began = time.monotonic()
    files = EarlierWaves(str(tmp_path), "r", 2)()
    assert time.monotonic() - began >= 0.25, "wave 1's spool was not there yet"
    assert [f.rsplit("/", 2)[-2:] for f in files] == [["minhash", "w0.parquet"], ["minhash", "w1.parquet"]]
    assert not EarlierWaves(str(tmp_path), "r", 0) and EarlierWaves(str(tmp_path), "r", 0)() == []


def test_a_wave_that_never_finishes_is_named_when_the_wait_gives_up(tmp_path):
    _spool(tmp_path, "r", 0, [])
    clock = _Clock()
    with pytest.raises(TimeoutError, match="signatures-00001 did not finish"):
        EarlierWaves(str(tmp_path), "r", 3, limit_seconds=5.0)(sleep=clock.sleep, clock=clock)


def _sources(tmp_path, concurrency: int, pages: bool = True):
    from akhbar.pipeline.sources import load_sources

    path = tmp_path / "sources.yaml"
    path.write_text(f"""defaults:
  fetch: {{pages: {str(pages).lower()}, concurrency_per_host: {concurrency}, delay_seconds: 1.0}}
sources:
  - id: furat
    name: الفرات
    country: IQ
    timezone: Asia/Baghdad
    feeds: [https://example.com/rss.xml]
""", encoding="utf-8")
    return load_sources(str(path))


def _slot_times(sizes, slots):
    """Start and end of every wave when the next one goes to the first free slot (run_side_by_side), a wave's
    time being its size."""
    free, starts, ends = [0.0] * slots, [], []
    for size in sizes:
        slot = min(range(slots), key=lambda s: free[s])
        starts.append(free[slot])
        free[slot] += size
        ends.append(free[slot])
    return starts, ends, free


def test_side_by_side_waves_ramp_so_that_no_wave_waits_for_the_one_before():
    for entries, size, slots in ((10000, 733, 2), (3017, 733, 2), (1005, 733, 2), (10000, 1100, 3)):
        sizes = wave_sizes(entries, size, slots)
        assert sum(sizes) == entries and max(sizes) <= size and min(sizes) >= MIN_SLOT_WAVE, sizes
        starts, ends, free = _slot_times(sizes, slots)
        # wave k's candidate step (after ~80 % of its work) needs wave k-1's signatures (written at its end);
        # only the ramp down at the very end may wait a little
        for k in range(1, len(sizes) - (slots - 1)):
            assert starts[k] + 0.8 * sizes[k] >= ends[k - 1], (entries, slots, k)
        assert max(free) - min(free) <= 1, "every slot ends together"
    equal = [714] * 14  # what one-size waves did: wave 1 started beside wave 0 and waited for it
    starts, ends, _ = _slot_times(equal, 2)
    assert starts[1] + 0.8 * equal[1] < ends[0]
    assert wave_sizes(300, 733, 2) == [150, 150], "too small for ramp waves: equal ones"
    assert wave_sizes(10000, 733, 1) == wave_sizes(10000, 733) and len(set(wave_sizes(10000, 733))) <= 2


def test_slots_follow_the_workers_within_every_hosts_concurrency(tmp_path):
    from akhbar.runners.presets import DEFAULT_WAVE_SIZE, default_wave_size, wave_slots

    two = _sources(tmp_path, 2)
    assert wave_slots("local", 2, two, DEFAULT_WAVE_SIZE) == 2
    assert wave_slots("local", 4, two, DEFAULT_WAVE_SIZE) == 2, "no more processes than requests a host allows"
    assert wave_slots("local", 4, _sources(tmp_path, 1), DEFAULT_WAVE_SIZE) == 1, "one at a time: the old way"
    assert wave_slots("local", 4, _sources(tmp_path, 1, pages=False), DEFAULT_WAVE_SIZE) == 1, "feeds in parts too"
    assert wave_slots("local", 1, two, DEFAULT_WAVE_SIZE) == 1 and wave_slots("local", 2, two, 0) == 1
    assert wave_slots("flink", 2, two, DEFAULT_WAVE_SIZE) == 1
    assert default_wave_size("local", 2) == DEFAULT_WAVE_SIZE * 2 // 3 and default_wave_size("local", 3) == (
        DEFAULT_WAVE_SIZE // 2), "the waves in flight share the articles, not all of them"
    assert default_wave_size("local") == DEFAULT_WAVE_SIZE and default_wave_size("dataflow", 2) == 0
