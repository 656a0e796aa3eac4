"""Feeds: fetch each feed and parse it with feedparser from the response bytes, one FeedEntry per item.

feedparser is never handed a URL or a path (it would open them itself): only bytes and headers, and
only after the XML defences (transforms/fetch_xml.py) and with the bytes re-encoded as UTF-8 under true
declarations (transforms/encoding.py), so a windows-1256 feed served with no or a wrong charset parses right.
Fetching is concurrent across hosts and polite per host (transforms/fetch_dofn.py), conditional
(ETag/Last-Modified) and change-aware (body hash), with failing feeds skipped until due (pipeline/feed_state.py).
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Dict, Iterator, List, Mapping, Optional, Tuple

import apache_beam as beam
import feedparser

from akhbar.schemas.records import FeedEntry, FeedTask
from akhbar.transforms import encoding, http
from akhbar.transforms.fetch_dofn import ConcurrentFetchDoFn, Job, host_key
from akhbar.transforms.fetch_xml import unsafe_reason
from akhbar.transforms.packing import PackedReshuffle
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
    etag: str = ""
    last_modified: str = ""
    body_hash: str = ""


def parse_feed(body: bytes, headers: Dict[str, str], task: FeedTask) -> Tuple[List[FeedEntry], str, str]:
    """Entries of a feed document, with the feed's outcome (``ok``, ``not_a_feed``, ``parse_error``, ``unsafe_xml``)."""
    data, utf8_headers = encoding.as_utf8_xml(body, headers)
    reason = unsafe_reason(data)
    if reason:
        return [], "unsafe_xml", reason
    parsed = feedparser.parse(data, response_headers=utf8_headers, sanitize_html=True, resolve_relative_uris=True)
    entries = [entry for entry in (_entry(item, task) for item in parsed.entries) if entry is not None]
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        head = data[:4096].lower()
        if b"<html" in head or not head.lstrip().startswith(b"<") or not parsed.get("version"):
            return [], "not_a_feed", "no RSS or Atom document found"
        # a broken document that yields no usable item; one that still yields items is kept (feedparser's
        # leniency is what real feeds need), with the error noted nowhere but Beam's log
        return [], "parse_error", str(parsed.get("bozo_exception", ""))[:300]
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


FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


def conditional_headers(state) -> Dict[str, str]:
    """Request headers for one feed: Accept, plus If-None-Match / If-Modified-Since from its last state."""
    headers = {"Accept": FEED_ACCEPT}
    if state is not None and state.etag:
        headers["If-None-Match"] = state.etag
    if state is not None and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


_VOLATILE = (re.compile(rb"<!--.*?-->", re.S),  # "generated in 0.12 s" cache comments
             re.compile(rb"<lastBuildDate>.*?</lastBuildDate>", re.S | re.I))  # often the request time
_ATOM_UPDATED = re.compile(rb"<updated>.*?</updated>", re.S | re.I)


def body_hash(body: bytes) -> str:
    """A hash of the feed that ignores what changes on every request without new items.

    Comments, RSS lastBuildDate and Atom's feed-level <updated> (the one before the first entry) are left
    out, so a feed regenerated per request still counts as ``unchanged`` when its items are the same.
    """
    for pattern in _VOLATILE:
        body = pattern.sub(b"", body)
    first_entry = body.find(b"<entry")
    if first_entry > 0:
        body = _ATOM_UPDATED.sub(b"", body[:first_entry]) + body[first_entry:]
    return hashlib.sha256(body).hexdigest()


class _FetchFeedDoFn(ConcurrentFetchDoFn):
    """(host, [FeedTask]) -> FeedResponse for feeds with new bytes; an outcome for every other feed."""

    def __init__(self, policy: http.FetchPolicy, clock=None, states: Optional[Mapping] = None):
        super().__init__(policy, clock)
        self._states = dict(states or {})
        self._failed = beam.metrics.Metrics.counter("feeds", "failed")
        self._fetched = beam.metrics.Metrics.counter("feeds", "fetched")
        self._skipped = beam.metrics.Metrics.counter("feeds", "skipped_unchanged")

    def plan(self, task: FeedTask):
        state = self._states.get(task.feed_url)
        now = self.clock.now()
        if state is not None and not state.due(now):
            yield beam.pvalue.TaggedOutput(OUTCOMES, FeedOutcome(
                task.source_id, task.feed_url, "skipped_backoff", 0,
                f"{state.consecutive_failures} failure(s), last {state.last_outcome}; next due {state.next_due}",
                checked_at=now.isoformat()))
            return
        settings = task.fetch

        def work():
            result = self.client.get(task.feed_url, self.policy.feed_max_bytes, conditional_headers(state),
                                     min_interval=settings.delay_seconds)
            return task, state, result, self.clock.now()

        yield Job(host_key(task.feed_url), settings.concurrency_per_host, settings.delay_seconds, work)

    def complete(self, value):
        task, state, result, now = value
        when = now.isoformat()
        etag = result.headers.get("etag", "") or (state.etag if state else "")
        modified = result.headers.get("last-modified", "") or (state.last_modified if state else "")
        if result.outcome == "not_modified":
            self._skipped.inc()
            yield beam.pvalue.TaggedOutput(OUTCOMES, FeedOutcome(task.source_id, task.feed_url, "not_modified", 0,
                                                                 "HTTP 304", etag, modified, "", when))
            return
        if not result.ok:
            self._failed.inc()
            message = f"{result.message} (after {result.attempts} attempts)" if result.attempts > 1 else result.message
            yield beam.pvalue.TaggedOutput(OUTCOMES, FeedOutcome(task.source_id, task.feed_url, result.outcome, 0,
                                                                 message, checked_at=when))
            yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(task.source_id, task.feed_url, "fetch", result.outcome,
                                                             message))
            return
        digest = body_hash(result.body or b"")
        if state is not None and state.body_hash == digest:
            self._skipped.inc()
            yield beam.pvalue.TaggedOutput(OUTCOMES, FeedOutcome(
                task.source_id, task.feed_url, "unchanged", 0, "same bytes as the last parsed fetch",
                etag, modified, digest, when))
            return
        self._fetched.inc()
        yield FeedResponse(task, result.body or b"", result.headers, result.final_url, now, etag, modified, digest)


class FetchFeeds(beam.PTransform):
    """FeedTask -> FeedResponse; every other feed leaves as a FeedOutcome (and a Problem when it failed).

    ``states`` (feed URL -> pipeline.feed_state.FeedState, from the previous run) makes requests conditional,
    spots unchanged bodies and skips failing feeds until they are due.
    """

    def __init__(self, policy: http.FetchPolicy, clock=None, states: Optional[Mapping] = None):
        super().__init__()
        self._policy = policy
        self._clock = clock
        self._states = states

    def expand(self, tasks):
        return (tasks
                | "KeyByHost" >> beam.Map(lambda task: (host_key(task.feed_url), task))
                | "GroupByHost" >> beam.GroupByKey()
                | "Fetch" >> beam.ParDo(_FetchFeedDoFn(self._policy, self._clock, self._states)).with_outputs(
                    OUTCOMES, PROBLEMS, main="responses"))


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
        ok = outcome == "ok"  # validators and hash are kept only for a parsed body, so a broken one is retried
        yield beam.pvalue.TaggedOutput(OUTCOMES, FeedOutcome(
            task.source_id, task.feed_url, outcome, len(entries), message, response.etag if ok else "",
            response.last_modified if ok else "", response.body_hash if ok else "", response.fetched_at.isoformat()))
        if not ok:
            self._bad.inc()
            yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(task.source_id, task.feed_url, "parse", outcome, message))
            return
        self._entries.inc(len(entries))
        for entry in entries:
            yield (entry, response.fetched_at)


class ParseEntries(beam.PTransform):
    """FeedResponse -> (FeedEntry, fetched_at); one FeedOutcome per feed on the side.

    The feeds are fetched grouped by host (politeness), so without a shuffle the parsing would stay with
    the host's worker: a run of a few hosts would parse on one or two cores, unevenly. The responses are
    spread again first (packed: one LZ4-compressed bytes object per feed through the launcher)."""

    def expand(self, responses):
        return (responses | "Spread" >> PackedReshuffle()
                | "Parse" >> beam.ParDo(_ParseDoFn()).with_outputs(OUTCOMES, PROBLEMS, main="entries"))


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
