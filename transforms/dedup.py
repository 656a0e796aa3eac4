"""Dedup: an article listed by several feeds in one run goes on once (walking-skeleton layer).

Runs before pages are fetched, so a repeated article costs no second request.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator, Tuple

import apache_beam as beam

from akhbar.schemas.events import PROBLEMS, Problem
from akhbar.schemas.records import FeedEntry


def first_listing(listings: Iterable[Tuple[FeedEntry, dt.datetime]]) -> Tuple[Tuple[FeedEntry, dt.datetime], list]:
    """The listing kept (deterministic: by feed URL, then source id) and the repeats."""
    ordered = sorted(listings, key=lambda pair: (pair[0].feed_url, pair[0].source_id))
    return ordered[0], ordered[1:]


class _KeepFirstDoFn(beam.DoFn):
    def __init__(self):
        self._repeats = beam.metrics.Metrics.counter("dedup", "repeated_in_run")

    def process(self, grouped) -> Iterator:
        _article_id, listings = grouped
        kept, repeats = first_listing(listings)
        for entry, _ in repeats:
            self._repeats.inc()
            yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(entry.source_id, entry.url, "dedup", "duplicate",
                                                             f"also listed by {kept[0].feed_url}"))
        yield kept


class DropRepeats(beam.PTransform):
    """(FeedEntry, fetched_at) -> the same, once per article_id."""

    def expand(self, entries):
        return (entries
                | "KeyById" >> beam.Map(lambda pair: (pair[0].article_id, pair))
                | "GroupById" >> beam.GroupByKey()
                | "KeepFirst" >> beam.ParDo(_KeepFirstDoFn()).with_outputs(PROBLEMS, main="entries"))
