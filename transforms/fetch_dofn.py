"""The shared shape of the fetch steps: a DoFn over (host, items) groups that fetches concurrently.

Work arrives keyed by host and grouped (GroupByKey), so all of one host's requests are made by one worker
and its per-host limits hold on distributed runners too. Inside a worker, one ``HostScheduler`` (built
in ``setup``, like the HTTP client) runs requests for every host of the bundle at once. ``process``
queues a group's jobs and emits whatever has finished; ``finish_bundle`` waits for the rest. Network
waits happen on the pool's threads; parsing and extraction (``complete``) run on the bundle's thread.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlsplit

import apache_beam as beam
from apache_beam.transforms.window import GlobalWindows

from akhbar.transforms.fetch_clock import or_system
from akhbar.transforms.http import FetchPolicy, HttpClient
from akhbar.transforms.politeness import Batch, HostScheduler


def host_key(url: str) -> str:
    """The politeness key of a URL: its host and port, lower-cased."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""


@dataclass(frozen=True)
class Job:
    """Network work for one item: ``work()`` runs on a pool thread, its value goes to ``complete``."""

    host: str
    concurrency: int
    delay: float
    work: Callable[[], Any]


class ConcurrentFetchDoFn(beam.DoFn):
    """Subclasses give ``plan(item)`` (outputs and Jobs) and ``complete(value)`` (outputs)."""

    def __init__(self, policy: FetchPolicy, clock=None):
        self.policy = policy
        self._clock_arg = clock

    def setup(self):
        self.clock = or_system(self._clock_arg)
        self.client = HttpClient(self.policy, self.clock)
        self.scheduler = HostScheduler(self.policy.workers, self.policy.host_share)
        self._batch = None

    def teardown(self):
        self.scheduler.close()
        self.client.close()

    def start_bundle(self):
        if self._batch is not None:  # the previous bundle failed: forget its work
            self._batch.cancel()
        # fetched bodies waiting for this thread: few, since it takes them as fast as it parses
        self._batch = Batch(self.scheduler, max_ready=min(self.policy.workers, 32))

    def plan(self, item) -> Iterable[Any]:
        raise NotImplementedError

    def complete(self, value) -> Iterable[Any]:
        raise NotImplementedError

    def process(self, group) -> Iterator[Any]:
        _host, items = group
        for item in items:
            for planned in self.plan(item):
                if isinstance(planned, Job):
                    self._batch.submit(planned.host, planned.concurrency, planned.delay, planned.work)
                else:
                    yield planned
        for value in self._batch.drain(block=False):
            yield from self.complete(value)

    def finish_bundle(self) -> Iterator[Any]:
        batch, self._batch = self._batch, None
        for value in batch.drain(block=True):
            for output in self.complete(value):
                yield _windowed(output)


def _windowed(output):
    if isinstance(output, beam.pvalue.TaggedOutput):
        return beam.pvalue.TaggedOutput(output.tag, GlobalWindows.windowed_value(output.value))
    return GlobalWindows.windowed_value(output)


def by_host(url_of: Callable[[Any], str]):
    """A ``KeyByHost | GroupByKey`` composite's first half: (host, item)."""
    return beam.Map(lambda item: (host_key(url_of(item)), item))
