"""Dedup before any page is fetched: by article id (in this run and in earlier runs), then by title.

Layers, cheapest first, all keyed so no step holds more than one key's values:
1. ``article_id`` (from the canonical URL) already in the stored-ids index within the lookback window
   -> ``already_stored``; the page is not fetched again.
2. the same ``article_id`` listed by several feeds of this run -> kept once, the rest ``duplicate``.
3. the same normalized title from the same source within ``title_window_days`` (against this run and the
   stored index) -> ``duplicate``.
Near-duplicates across sources need the text, so they come after the fetch (``dedup_near``).
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator, List, NamedTuple, Optional, Tuple

import apache_beam as beam

from akhbar.schemas.events import PROBLEMS, Problem
from akhbar.schemas.records import FeedEntry
from akhbar.transforms import stored_ids
from akhbar.transforms.dedup_titles import title_key, title_repeats
from akhbar.transforms.feeds import usable_time
from akhbar.transforms.packing import pack, unpack
from akhbar.transforms.stored_read import ReadStored

STORED = "__stored__"
Listing = Tuple[FeedEntry, dt.datetime]


def first_listing(listings: Iterable[Listing]) -> Tuple[Listing, list]:
    """The listing kept (deterministic: by feed URL, then source id) and the repeats."""
    ordered = sorted(listings, key=lambda pair: (pair[0].feed_url, pair[0].source_id))
    return ordered[0], ordered[1:]


def split_by_id(values: Iterable) -> Tuple[Optional[Listing], List[Listing], bool]:
    """(kept, repeats, already_stored) for everything grouped under one article id."""
    values = list(values)
    listings = [v for v in values if not (isinstance(v, str) and v == STORED)]
    stored = len(listings) < len(values)
    if not listings:
        return None, [], stored
    if stored:
        return None, listings, True
    kept, repeats = first_listing(listings)
    return kept, repeats, False


def entry_time(listing: Listing) -> dt.datetime:
    entry, fetched_at = listing
    return usable_time(entry.published_at, fetched_at) or fetched_at


def too_old(listing: Listing, cutoff: dt.datetime) -> Optional[Problem]:
    """The ``too_old`` problem of a listing published before ``cutoff``, else None."""
    entry, fetched_at = listing
    published = usable_time(entry.published_at, fetched_at)
    if published is not None and published < cutoff:
        return Problem(entry.source_id, entry.url, "dedup", "too_old",
                       f"published {published.date()}, before the lookback window")
    return None


def once_by_id(values: Iterable) -> Tuple[Optional[Listing], List[Problem]]:
    """Everything grouped under one article id (listings, and STORED if an earlier run stored it) -> the
    listing kept, if any, and the problems of the others (``already_stored`` or ``duplicate``)."""
    kept, others, stored = split_by_id(values)
    if stored:
        return kept, [Problem(e.source_id, e.url, "dedup", "already_stored", "published by an earlier run")
                      for e, _ in others]
    return kept, [Problem(e.source_id, e.url, "dedup", "duplicate", f"also listed by {kept[0].feed_url}")
                  for e, _ in others]


def once_by_title(listings: Iterable[Listing], stored: Iterable[dt.datetime],
                  window: dt.timedelta) -> Tuple[List[Listing], List[Problem]]:
    """Listings of one (source, title key), and the times that title was stored -> kept, problems."""
    candidates = [(entry_time(listing), listing[0].article_id, listing) for listing in listings]
    kept, repeats = title_repeats(candidates, stored, window)
    return kept, [Problem(e.source_id, e.url, "dedup", "duplicate", f"same title as an article of {anchor.isoformat()}")
                  for (e, _), anchor in repeats]


def _count(counters, problems: List[Problem]) -> None:
    for problem in problems:
        counters[problem.kind].inc()


class _TooOld(beam.DoFn):
    def __init__(self, cutoff: dt.datetime):
        self._cutoff = cutoff
        self._old = beam.metrics.Metrics.counter("dedup", "too_old")

    def process(self, pair) -> Iterator:
        problem = too_old(pair, self._cutoff)
        if problem is None:
            yield pair
        else:
            self._old.inc()
            yield beam.pvalue.TaggedOutput(PROBLEMS, problem)


class _ById(beam.DoFn):
    def __init__(self):
        self._counters = {"duplicate": beam.metrics.Metrics.counter("dedup", "repeated_in_run"),
                          "already_stored": beam.metrics.Metrics.counter("dedup", "already_stored")}

    def process(self, grouped) -> Iterator:
        _article_id, values = grouped
        kept, problems = once_by_id([_unpacked(v) for v in values])
        _count(self._counters, problems)
        for problem in problems:
            yield beam.pvalue.TaggedOutput(PROBLEMS, problem)
        if kept is not None:
            yield kept


class _ByTitle(beam.DoFn):
    def __init__(self, window_days: float, packed: bool):
        self._window, self._packed = dt.timedelta(days=window_days), packed
        self._counters = {"duplicate": beam.metrics.Metrics.counter("dedup", "same_title")}

    def process(self, grouped) -> Iterator:
        _key, values = grouped
        listings, stored, packed = [], [], {}
        for value in values:
            if isinstance(value, dt.datetime):
                stored.append(value)
            else:
                listing = _unpacked(value)
                packed[listing[0].article_id] = value
                listings.append(listing)
        kept, problems = once_by_title(listings, stored, self._window)
        _count(self._counters, problems)
        for problem in problems:
            yield beam.pvalue.TaggedOutput(PROBLEMS, problem)
        for listing in kept:
            yield packed[listing[0].article_id] if self._packed else listing


def _title_keyed(listing: Listing, packed: bool):
    key = title_key(listing[0].title)
    if key is None:
        return beam.pvalue.TaggedOutput("untitled", pack(listing) if packed else listing)
    return (listing[0].source_id, key), pack(listing)


def _unpacked(value):
    """Listings cross the dedup shuffles packed (transforms/packing.py); stored markers do not."""
    return unpack(value) if isinstance(value, bytes) else value


class DedupEntries(beam.PTransform):
    """(FeedEntry, fetched_at) -> the same, once per story; the rest leave as counted problems.

    ``output`` None (or lookback 0) skips the stored index: in-run layers only. ``packed``: the entries
    leave packed (transforms/packing.py), for a consumer that takes them so (``PlanWaves(packed=True)``):
    a pair that crosses a stage boundary unpacked is pickled field by field (10k replay site: 40,000
    pickles each way in the wave plan's two stages).
    """

    def __init__(self, output: Optional[str] = None, today: Optional[dt.datetime] = None,
                 lookback_days: int = 30, title_window_days: float = 7, packed: bool = False):
        super().__init__()
        self._output, self._lookback, self._title_days = output, lookback_days, title_window_days
        self._packed = packed
        self._now = (today or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)

    def _stored(self, p, label: str, days: float, read, wanted):
        if not self._output or days <= 0:
            return p | f"No{label}" >> beam.Create([])
        return p | label >> ReadStored(self._output, stored_ids.IDS, self._now.date(), days, read, wanted)

    def expand(self, entries):
        p = entries.pipeline
        aged = None
        if self._output and self._lookback > 0:
            # An item published before the lookback window cannot be checked against the stored ids (they
            # reach back only that far): it would come back as new. DESIGN's ``too_old`` reason, counted.
            cutoff = self._now - dt.timedelta(days=self._lookback)
            split = entries | "DropTooOld" >> beam.ParDo(_TooOld(cutoff)).with_outputs(PROBLEMS, main="entries")
            entries, aged = split.entries, split.problems
        keyed_ids = entries | "KeyById" >> beam.Map(lambda pair: (pair[0].article_id, pack(pair)))
        ids = self._stored(p, "StoredIds", self._lookback, read_ids, keyed_ids | "RunIds" >> beam.Keys())
        by_id = ((keyed_ids, ids)
                 | "WithStoredIds" >> beam.Flatten()
                 | "GroupById" >> beam.GroupByKey()
                 | "KeepNewOnce" >> beam.ParDo(_ById()).with_outputs(PROBLEMS, main="entries"))
        early_problems = by_id.problems if aged is None else (
            (by_id.problems, aged) | "EarlyProblems" >> beam.Flatten())
        if self._title_days <= 0:
            kept = by_id.entries | "Pack" >> beam.Map(pack) if self._packed else by_id.entries
            return DedupOutputs(kept, early_problems)
        since = self._now - dt.timedelta(days=self._title_days)
        keyed = by_id.entries | "KeyByTitle" >> beam.Map(_title_keyed, self._packed).with_outputs(
            "untitled", main="titled")
        titles = self._stored(p, "StoredTitles", self._title_days, lambda path: stored_ids.stored_titles(path, since),
                              keyed.titled | "RunTitles" >> beam.Keys())
        by_title = ((keyed.titled, titles)
                    | "WithStoredTitles" >> beam.Flatten()
                    | "GroupByTitle" >> beam.GroupByKey()
                    | "KeepTitleOnce" >> beam.ParDo(_ByTitle(self._title_days, self._packed)).with_outputs(
                        PROBLEMS, main="entries"))
        kept = (by_title.entries, keyed.untitled) | "AllKept" >> beam.Flatten()
        problems = (early_problems, by_title.problems) | "DedupProblems" >> beam.Flatten()
        return DedupOutputs(kept, problems)


def read_ids(path: str):
    """(article_id, STORED) of every id an ids index file holds."""
    return ((article_id, STORED) for article_id in stored_ids.stored_ids(path))


class DedupOutputs(NamedTuple):
    entries: beam.PCollection
    problems: beam.PCollection


def DropRepeats():  # noqa: N802 (the walking skeleton's name: in-run layers only)
    return DedupEntries(None, title_window_days=0)
