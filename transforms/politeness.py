"""Politeness across hosts: one bounded pool of threads, work queued per host, each host with its limits.

A host gets at most ``concurrency`` requests at once and ``delay`` seconds between request starts
(Scrapy's slots, Nutch's fetch queues). Threads never wait on a busy host: a dispatcher hands each free
thread the next job of a host that may start now, round-robin, so one slow or big host cannot starve the
others. Built once per worker (in a DoFn's ``setup``); a ``Batch`` collects one bundle's results with a
bounded queue, so fetched bodies wait for the main thread in bounded number (back-pressure).
"""
from __future__ import annotations

import collections
import queue
import threading
import time
from typing import Callable, Deque, Dict, Iterator, Optional


class _Host:
    __slots__ = ("concurrency", "delay", "active", "next_start", "jobs")

    def __init__(self, concurrency: int, delay: float):
        self.concurrency, self.delay = concurrency, delay
        self.active, self.next_start = 0, 0.0
        self.jobs: Deque = collections.deque()


class HostScheduler:
    """Runs submitted jobs on ``workers`` threads, honouring each host's concurrency and delay.

    ``share``: how many processes fetch from the same hosts at once (waves side by side, pipeline/waves_side.py).
    Each takes its part of every host's limits, so together they never exceed them: ``concurrency // share``
    requests at once (at least 1: the launcher runs no more processes than the smallest concurrency) and
    ``delay * share`` between starts, robots.txt Crawl-delay included.
    """

    def __init__(self, workers: int, share: int = 1):
        self._share = max(1, share)
        self._cv = threading.Condition()
        self._hosts: Dict[str, _Host] = {}
        self._ready: Deque[str] = collections.deque()  # hosts with queued jobs, round-robin
        self._closed = False
        # Threads start when work needs them, up to ``workers``: every process that sets a fetch step up paid
        # for 128 threads at once (~0.1 s of CPU), and a wave side by side is a fresh process.
        self._max, self._live = max(1, workers), 0
        self._waiting = 0  # threads waiting for work
        self._woken = 0  # of those, the ones a submit has already woken (not yet running)

    def host(self, name: str, concurrency: int, delay: float) -> _Host:
        """The host's slot; when several sources share a host, the strictest limits win."""
        concurrency, delay = max(1, concurrency // self._share), delay * self._share
        slot = self._hosts.get(name)
        if slot is None:
            slot = self._hosts[name] = _Host(max(1, concurrency), max(0.0, delay))
        else:
            slot.concurrency = max(1, min(slot.concurrency, concurrency))
            slot.delay = max(slot.delay, delay)
        return slot

    def raise_delay(self, name: str, delay: float) -> None:
        """Lengthen a host's delay (robots.txt Crawl-delay); never shortens it."""
        with self._cv:
            self.host(name, 64, delay)

    def submit(self, name: str, concurrency: int, delay: float, job: Callable[[], None]) -> None:
        with self._cv:
            slot = self.host(name, concurrency, delay)
            if not slot.jobs:
                self._ready.append(name)
            slot.jobs.append(job)
            if self._waiting > self._woken:
                self._woken += 1
                self._cv.notify()
            elif self._live < self._max:
                self._live += 1
                threading.Thread(target=self._work, name=f"akhbar-fetch-{self._live}", daemon=True).start()

    def close(self) -> None:
        with self._cv:
            self._closed = True
            self._cv.notify_all()

    def _take(self):
        """Under the lock: (host name, job) that may start now, or the seconds to wait for one."""
        now = time.monotonic()
        soonest = None
        for _ in range(len(self._ready)):
            name = self._ready[0]
            slot = self._hosts[name]
            if not slot.jobs:
                self._ready.popleft()
                continue
            self._ready.rotate(-1)
            if slot.active >= slot.concurrency:
                continue
            if slot.next_start > now:
                soonest = min(soonest or 1e9, slot.next_start - now)
                continue
            slot.active += 1
            slot.next_start = now + slot.delay
            job = slot.jobs.popleft()
            if not slot.jobs:
                self._ready.remove(name)
            return name, job
        return None, soonest

    def _work(self) -> None:
        name = None
        while True:
            with self._cv:
                if name is not None:  # the job just run frees its host's slot
                    self._hosts[name].active -= 1
                while True:
                    if self._closed:
                        return
                    name, job = self._take()
                    if name is not None:
                        break
                    self._waiting += 1
                    self._cv.wait(job)  # job holds the seconds until a delayed host may start, or None
                    self._waiting -= 1
                    # a thread back from a timed wait may count a wake-up meant for another: the count then runs
                    # low, a later submit may notify no new thread, and its job waits for the next thread free
                    self._woken = max(0, self._woken - 1)
            # No wake-up when a job ends: this thread frees the slot and looks for the next job itself, so a
            # slot freed is never missed. (notify_all here woke every idle thread per page: with 128 threads
            # and a busy bundle thread that was ~1 ms of CPU per page in wake-ups that found nothing.)
            try:
                job()
            except BaseException:
                with self._cv:  # this thread is gone: free the slot and wake another in its place
                    self._hosts[name].active -= 1
                    self._live -= 1
                    self._cv.notify()
                raise


class Batch:
    """One bundle's jobs: results come back through a bounded queue, errors are re-raised by ``drain``."""

    def __init__(self, scheduler: HostScheduler, max_ready: int):
        self._scheduler = scheduler
        self._results: "queue.Queue" = queue.Queue(maxsize=max(1, max_ready))
        self._cancelled = threading.Event()
        self.pending = 0

    def submit(self, host: str, concurrency: int, delay: float, work: Callable[[], object]) -> None:
        self.pending += 1

        def job():
            if self._cancelled.is_set():
                return
            try:
                item = (True, work())
            except BaseException as exc:  # noqa: BLE001 (handed to the main thread, raised there)
                item = (False, exc)
            while not self._cancelled.is_set():
                try:
                    self._results.put(item, timeout=0.5)
                    return
                except queue.Full:
                    continue

        self._scheduler.submit(host, concurrency, delay, job)

    def drain(self, block: bool) -> Iterator[object]:
        """Results ready now (``block=False``) or every remaining one (``block=True``)."""
        while self.pending:
            try:
                ok, item = self._results.get(block=block)
            except queue.Empty:
                return
            self.pending -= 1
            if not ok:
                self.cancel()
                raise item
            yield item

    def cancel(self) -> None:
        """Drop what is still queued (a failed bundle): threads stop waiting to hand results over."""
        self._cancelled.set()
