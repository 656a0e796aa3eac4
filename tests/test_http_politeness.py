"""The per-host scheduler: concurrency across hosts, limits and delays within one, back-pressure, errors."""
from __future__ import annotations

import threading
import time
from collections import defaultdict

import pytest

from akhbar.transforms.politeness import Batch, HostScheduler


class _Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.active = defaultdict(int)
        self.peak = defaultdict(int)
        self.starts = defaultdict(list)

    def job(self, host, seconds):
        def run():
            with self.lock:
                self.active[host] += 1
                self.peak[host] = max(self.peak[host], self.active[host])
                self.starts[host].append(time.monotonic())
            time.sleep(seconds)
            with self.lock:
                self.active[host] -= 1
            return host
        return run


def test_hosts_run_concurrently_each_within_its_limit():
    scheduler = HostScheduler(workers=16)
    rec = _Recorder()
    batch = Batch(scheduler, max_ready=64)
    started = time.monotonic()
    for host in ("a", "b", "c", "d"):
        for _ in range(4):
            batch.submit(host, 2, 0.0, rec.job(host, 0.2))
    results = list(batch.drain(block=True))
    elapsed = time.monotonic() - started
    scheduler.close()
    assert sorted(results) == sorted([h for h in "abcd" for _ in range(4)])
    assert all(rec.peak[h] == 2 for h in "abcd"), dict(rec.peak)
    assert elapsed < 0.7, f"4 hosts x 4 jobs of 0.2 s at 2 per host is 0.4 s, took {elapsed:.2f}"


def test_delay_between_request_starts_to_one_host():
    scheduler = HostScheduler(workers=8)
    rec = _Recorder()
    batch = Batch(scheduler, max_ready=8)
    for _ in range(4):
        batch.submit("slow.example", 4, 0.15, rec.job("slow.example", 0.0))
    batch.submit("other.example", 4, 0.0, rec.job("other.example", 0.0))
    list(batch.drain(block=True))
    scheduler.close()
    starts = rec.starts["slow.example"]
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert len(gaps) == 3 and min(gaps) >= 0.14, gaps
    assert rec.starts["other.example"][0] - starts[0] < 0.1, "another host does not wait for the delay"


def test_shared_host_takes_the_strictest_limits_and_crawl_delay_raises_delay():
    scheduler = HostScheduler(workers=4)
    scheduler.submit("h", 4, 0.0, lambda: None)
    scheduler.submit("h", 1, 0.5, lambda: None)
    scheduler.raise_delay("h", 2.0)
    scheduler.raise_delay("h", 1.0)
    slot = scheduler._hosts["h"]
    assert (slot.concurrency, slot.delay) == (1, 2.0)
    scheduler.close()


def test_job_errors_reach_the_bundle_thread_and_results_are_bounded():
    scheduler = HostScheduler(workers=4)
    batch = Batch(scheduler, max_ready=2)
    for i in range(10):
        batch.submit(f"h{i}", 1, 0.0, lambda i=i: i)
    time.sleep(0.3)
    assert batch._results.qsize() <= 2, "threads wait for the bundle to take results"
    assert sorted(batch.drain(block=True)) == list(range(10))

    def boom():
        raise ValueError("bug")

    failing = Batch(scheduler, max_ready=4)
    failing.submit("x", 1, 0.0, boom)
    with pytest.raises(ValueError):
        list(failing.drain(block=True))
    scheduler.close()


def test_finished_jobs_wake_no_idle_thread_and_a_dying_thread_frees_its_slot(monkeypatch):
    # The thread that ran a job frees the slot and takes the next job itself; the old notify_all woke every
    # idle thread per job (with 128 threads that was ~1 ms of CPU per page, bench/profile_fetch.py).
    monkeypatch.setattr(threading, "excepthook", lambda args: None)  # the dying thread below is expected
    scheduler = HostScheduler(workers=8)
    wakeups = []
    real_notify = scheduler._cv.notify
    monkeypatch.setattr(scheduler._cv, "notify_all", lambda: wakeups.append("all") or real_notify(99))
    batch = Batch(scheduler, max_ready=64)
    for i in range(40):
        batch.submit("one.example", 1, 0.0, lambda i=i: i)
    assert sorted(batch.drain(block=True)) == list(range(40))
    assert wakeups == []

    def dies():
        raise SystemExit  # escapes Batch's handler: the thread ends, its slot must not stay taken
    scheduler.submit("one.example", 1, 0.0, dies)
    after = Batch(scheduler, max_ready=4)
    after.submit("one.example", 1, 0.0, lambda: "next")
    assert list(after.drain(block=True)) == ["next"]
    scheduler.close()


def test_processes_sharing_hosts_each_keep_their_part_of_the_limits():
    """Two waves side by side (pipeline/wave_slots.py) each run a scheduler with ``share=2``: together they
    must not exceed one host's limits, so each allows half the requests at once and twice the delay."""
    scheduler = HostScheduler(workers=8, share=2)
    rec = _Recorder()
    batch = Batch(scheduler, max_ready=16)
    for _ in range(6):
        batch.submit("busy.example", 4, 0.0, rec.job("busy.example", 0.1))
    for _ in range(3):
        batch.submit("slow.example", 4, 0.08, rec.job("slow.example", 0.0))
    list(batch.drain(block=True))
    scheduler.raise_delay("slow.example", 0.5)  # robots.txt Crawl-delay: halved per process as well
    slot = scheduler._hosts["slow.example"]
    scheduler.close()
    assert rec.peak["busy.example"] == 2, "4 at once for the host: 2 in each of the 2 processes"
    starts = rec.starts["slow.example"]
    assert min(b - a for a, b in zip(starts, starts[1:])) >= 0.15, "0.08 s between starts: 0.16 in each process"
    assert (slot.concurrency, slot.delay) == (2, 1.0)
    lone = HostScheduler(workers=2, share=3)
    lone.submit("one.example", 2, 0.0, lambda: None)
    assert lone._hosts["one.example"].concurrency == 1, "never below one request at a time"
    lone.close()


def test_threads_start_only_as_work_needs_them():
    """A fresh process per wave (pipeline/waves_side.py) should not pay for 128 idle threads; the limit holds.
    (Counted by the scheduler itself: other tests' threads come and go in ``threading.active_count``.)"""
    scheduler = HostScheduler(workers=6)
    assert scheduler._live == 0, "no thread before the first job"
    batch = Batch(scheduler, max_ready=64)
    for _ in range(3):  # one at a time for this host: one thread does them one after the other
        batch.submit("one.example", 1, 0.0, lambda: time.sleep(0.05))
    list(batch.drain(block=True))
    assert 1 <= scheduler._live <= 3
    lock, running, most = threading.Lock(), [0], [0]

    def job():
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.1)
        with lock:
            running[0] -= 1

    for n in range(20):
        batch.submit(f"h{n}", 2, 0.0, job)
    list(batch.drain(block=True))
    assert scheduler._live == 6, "twenty hosts at once: as many threads as allowed, and no more"
    assert most[0] == 6, "and they all worked at once"
    scheduler.close()
