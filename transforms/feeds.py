"""Feeds: fetch each feed and parse it with feedparser from the response bytes, one FeedEntry per item.

feedparser is never handed a URL or a path (it would open them itself): only bytes and headers.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Tuple

import apache_beam as beam
import feedparser

from akhbar.schemas.records import FeedEntry, FeedTask
from akhbar.transforms import http
from akhbar.transforms.canonical import article_id, canonical_url
from akhbar.schemas.events import FeedOutcome, Problem, PROBLEMS, OUTCOMES
from akhbar.transforms.text import html_to_text

_EARLIEST = dt.datetime(1990, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class FeedResponse:
    task: FeedTask
    body: bytes
    headers: Dict[str, str]
    final_url: str
    fetched_at: dt.datetime


def parse_feed(body: bytes, headers: Dict[str, str], task: FeedTask) -> Tuple[List[FeedEntry], str, str]:
    """Entries of a feed document, with the feed's outcome (``ok``, ``not_a_feed``, ``parse_error``)."""
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    if not parsed.get("version") and not parsed.entries:
        if parsed.get("bozo"):
            kind = "not_a_feed" if b"<html" in body[:2048].lower() else "parse_error"
            return [], kind, str(parsed.get("bozo_exception", ""))[:300]
        return [], "not_a_feed", "no RSS or Atom document found"
    entries = []
    for item in parsed.entries:
        entry = _entry(item, task)
        if entry is not None:
            entries.append(entry)
    return entries, "ok", ""


def _entry(item, task: FeedTask) -> Optional[FeedEntry]:
    link = item.get("link") or ""
    if not link.lower().startswith(("http://", "https://")):
        return None
    url = canonical_url(link)
    contents = item.get("content") or []
    content = "\n".join(html_to_text(c.get("value", "")) for c in contents if c.get("value"))
    authors = tuple(a.get("name", "").strip() for a in item.get("authors", []) if a.get("name", "").strip())
    if not authors and item.get("author"):
        authors = (item["author"].strip(),)
    return FeedEntry(
        source_id=task.source_id,
        feed_url=task.feed_url,
        url=url,
        article_id=article_id(url),
        title=html_to_text(item.get("title", "")),
        summary=html_to_text(item.get("summary", "")),
        content=content,
        authors=authors,
        published_at=entry_time(item),
        task=task,
    )


def entry_time(item) -> Optional[dt.datetime]:
    """The item's publication time in UTC (published, else updated), or None when absent."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = item.get(key)
        if parsed:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.timezone.utc)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def usable_time(published: Optional[dt.datetime], fetched_at: dt.datetime) -> Optional[dt.datetime]:
    """``published`` unless it is missing, in the future, or before 1990."""
    if published is None or published < _EARLIEST or published > fetched_at + dt.timedelta(hours=1):
        return None
    return published


class _FetchFeedDoFn(beam.DoFn):
    def __init__(self, policy: http.FetchPolicy, clock=None):
        self._policy = policy
        self._clock = clock
        self._failed = beam.metrics.Metrics.counter("feeds", "failed")
        self._fetched = beam.metrics.Metrics.counter("feeds", "fetched")

    def process(self, task: FeedTask) -> Iterator:
        now = (self._clock or _utcnow)()
        result = http.fetch(task.feed_url, self._policy, http.FEED_MAX_BYTES,
                            headers={"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"})
        if not result.ok:
            self._failed.inc()
            yield beam.pvalue.TaggedOutput(OUTCOMES, FeedOutcome(task.source_id, task.feed_url, result.outcome, 0, result.message))
            yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(task.source_id, task.feed_url, "fetch", result.outcome, result.message))
            return
        self._fetched.inc()
        yield FeedResponse(task, result.body or b"", result.headers, result.final_url, now)


class FetchFeeds(beam.PTransform):
    """FeedTask -> FeedResponse; failures leave as FeedOutcome and Problem (tagged outputs)."""

    def __init__(self, policy: http.FetchPolicy, clock=None):
        super().__init__()
        self._policy = policy
        self._clock = clock

    def expand(self, tasks):
        return tasks | "Fetch" >> beam.ParDo(_FetchFeedDoFn(self._policy, self._clock)).with_outputs(
            OUTCOMES, PROBLEMS, main="responses")


class _ParseDoFn(beam.DoFn):
    def __init__(self):
        self._entries = beam.metrics.Metrics.counter("feeds", "entries")
        self._bad = beam.metrics.Metrics.counter("feeds", "unparsable")

    def process(self, response: FeedResponse) -> Iterator:
        task = response.task
        try:
            entries, outcome, message = parse_feed(response.body, response.headers, task)
        except Exception as exc:  # a hostile document must cost one feed, not the run
            entries, outcome, message = [], "parse_error", f"{type(exc).__name__}: {exc}"[:300]
        yield beam.pvalue.TaggedOutput(OUTCOMES, FeedOutcome(task.source_id, task.feed_url, outcome, len(entries), message))
        if outcome != "ok":
            self._bad.inc()
            yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(task.source_id, task.feed_url, "parse", outcome, message))
            return
        self._entries.inc(len(entries))
        for entry in entries:
            yield (entry, response.fetched_at)


class ParseEntries(beam.PTransform):
    """FeedResponse -> (FeedEntry, fetched_at); one FeedOutcome per feed on the side."""

    def expand(self, responses):
        return responses | "Parse" >> beam.ParDo(_ParseDoFn()).with_outputs(OUTCOMES, PROBLEMS, main="entries")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
