"""Feed state between runs: validators, a body hash and health, per feed, in ``DIR/_state/feeds.json``.

Validators (ETag, Last-Modified) make the next request conditional; the body hash catches servers that
ignore them and send the same bytes again (``unchanged``: not parsed twice). Health follows Media Cloud's
rss-fetcher: consecutive failures are counted and weighted (hard 1.0: the feed is gone or is not a feed;
soft 0.5: it is broken for now; temporary 0.25: the network or the server's load), and a failing feed is
skipped until ``next_due``, a wait that doubles with the weighted score up to a cap. Read and written
through Beam's FileSystems so ``--output gs://...`` works; written whole (temporary name, then rename)
after the run report, so a run that dies leaves the previous state in place.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, replace
from typing import Dict, Iterable, List, Optional

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems

from akhbar.schemas.events import FeedOutcome

STATE_VERSION = 1
SUCCESS = ("ok", "not_modified", "unchanged")
HARD = 1.0
SOFT = 0.5
TEMPORARY = 0.25
_WEIGHTS = {
    "http_404": HARD, "http_410": HARD, "http_401": HARD, "http_403": HARD, "not_a_feed": HARD,
    "bad_scheme": HARD, "bad_url": HARD, "blocked_address": HARD, "redirect_loop": HARD, "too_large": HARD,
    "unsafe_xml": HARD,
    "http_5xx": SOFT, "parse_error": SOFT, "dns_error": SOFT, "tls_error": SOFT, "bad_encoding": SOFT,
    "bad_response": SOFT,
    "timeout": TEMPORARY, "connection_error": TEMPORARY, "http_429": TEMPORARY,
}
BACKOFF_BASE = dt.timedelta(hours=1)
BACKOFF_CAP = dt.timedelta(days=3)


@dataclass(frozen=True)
class FeedState:
    feed_url: str
    etag: str = ""
    last_modified: str = ""
    body_hash: str = ""
    last_outcome: str = ""
    last_attempt: str = ""  # ISO 8601 UTC
    last_success: str = ""
    consecutive_failures: int = 0
    failure_score: float = 0.0
    next_due: str = ""  # empty: due now
    last_parsed: str = ""  # ISO 8601 UTC of the last fetch whose entries were parsed ("ok"); empty: unknown

    def due(self, now: dt.datetime) -> bool:
        return not self.next_due or dt.datetime.fromisoformat(self.next_due) <= now


def failure_weight(outcome: str) -> float:
    """How much one failure of this kind counts (other 4xx are hard, anything unknown soft)."""
    if outcome in _WEIGHTS:
        return _WEIGHTS[outcome]
    return HARD if outcome.startswith("http_4") else SOFT


def backoff(score: float) -> dt.timedelta:
    """Wait after failures weighing ``score`` in all: base * (2^score - 1), capped (0.25 -> 11 min, 1 -> 1 h)."""
    return min(BACKOFF_CAP, BACKOFF_BASE * (2 ** min(score, 20.0) - 1))


def next_state(previous: Optional[FeedState], outcome: FeedOutcome, now: dt.datetime) -> FeedState:
    """The feed's state after this run's outcome."""
    state = previous or FeedState(outcome.feed_url)
    if outcome.outcome == "skipped_backoff":
        return state
    when = outcome.checked_at or now.isoformat()
    if outcome.outcome in SUCCESS:
        parsed = when if outcome.outcome == "ok" else state.last_parsed
        return replace(state, last_parsed=parsed, etag=outcome.etag or state.etag, last_modified=outcome.last_modified or state.last_modified,
                       body_hash=outcome.body_hash or state.body_hash, last_outcome=outcome.outcome,
                       last_attempt=when, last_success=when, consecutive_failures=0, failure_score=0.0, next_due="")
    score = state.failure_score + failure_weight(outcome.outcome)
    due = dt.datetime.fromisoformat(when) + backoff(score)
    return replace(state, last_outcome=outcome.outcome, last_attempt=when,
                   consecutive_failures=state.consecutive_failures + 1, failure_score=round(score, 4),
                   next_due=due.isoformat())


def reparse_stale(states: Dict[str, FeedState], now: dt.datetime, lookback_days: int) -> Dict[str, FeedState]:
    """The states this run's requests use: a feed last parsed ``lookback_days / 3`` days ago or more (or
    never, as far as its state knows) loses its validators and body hash, so it is fetched and parsed again.

    Why: the stored-ids index is read for ``lookback_days``, and an id is dated again each run that parses a
    feed still listing it. A feed that stays byte-identical (or answers 304) for longer than that was never
    parsed, so an item it keeps listing, undated or not, would fall out of the window and be written twice
    once the feed changes. One unconditional fetch every lookback/3 days keeps its ids inside the window.
    """
    if lookback_days <= 0:
        return states
    stale_before = now - dt.timedelta(days=lookback_days / 3)
    out = {}
    for url, state in states.items():
        parsed = _instant(state.last_parsed)
        if parsed is None or parsed <= stale_before:
            state = replace(state, etag="", last_modified="", body_hash="")
        out[url] = state
    return out


def _instant(text: str) -> Optional[dt.datetime]:
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def state_path(output: str) -> str:
    return FileSystems.join(output, "_state", "feeds.json")


def load_states(output: str) -> Dict[str, FeedState]:
    """The states the previous run left (empty on a first run or an unreadable file)."""
    path = state_path(output)
    try:
        if not FileSystems.exists(path):
            return {}
        with FileSystems.open(path) as handle:
            document = json.loads(handle.read().decode("utf-8"))
        return {row["feed_url"]: FeedState(**row) for row in document.get("feeds", [])}
    except (OSError, ValueError, TypeError, KeyError):
        return {}  # a damaged state file costs one unconditional run, never the run itself


def save_states(output: str, states: Dict[str, FeedState]) -> str:
    path = state_path(output)
    parent = FileSystems.join(output, "_state")
    if "://" not in output and not FileSystems.exists(parent):
        FileSystems.mkdirs(parent)
    temp = path + ".tmp"
    rows = [asdict(states[url]) for url in sorted(states)]
    with FileSystems.create(temp, mime_type="application/json") as handle:
        handle.write(json.dumps({"version": STATE_VERSION, "feeds": rows}, ensure_ascii=False, indent=1).encode("utf-8"))
    if FileSystems.exists(path):
        FileSystems.delete([path])
    FileSystems.rename([temp], [path])
    return path


def updated_states(previous: Dict[str, FeedState], outcomes: Iterable[FeedOutcome], now: dt.datetime,
                   deferred: Iterable[str] = ()) -> Dict[str, FeedState]:
    """States after this run. Feeds in ``deferred`` (some pages put off to a later run) keep their previous
    validators and body hash, so the next run neither gets a 304 nor calls them unchanged: it parses them."""
    states = dict(previous)
    held = set(deferred)
    for outcome in sorted(outcomes, key=lambda o: (o.feed_url, o.outcome)):
        before = states.get(outcome.feed_url)
        after = next_state(before, outcome, now)
        if outcome.feed_url in held:
            after = replace(after, etag=before.etag if before else "", body_hash=before.body_hash if before else "",
                            last_modified=before.last_modified if before else "")
        states[outcome.feed_url] = after
    return states


class _WriteStateDoFn(beam.DoFn):
    def __init__(self, output: str, previous: Dict[str, FeedState]):
        self._output, self._previous = output, previous

    def process(self, _report_path, outcomes: List[FeedOutcome], deferred: List[str]):
        now = dt.datetime.now(dt.timezone.utc)
        yield save_states(self._output, updated_states(self._previous, outcomes, now, deferred))


class WriteFeedState(beam.PTransform):
    """After the run report is written: previous states + this run's feed outcomes -> ``_state/feeds.json``."""

    def __init__(self, output: str, previous: Dict[str, FeedState], outcomes, deferred_feeds=None):
        super().__init__()
        self._output, self._previous, self._outcomes = output, previous, outcomes
        self._deferred = deferred_feeds

    def expand(self, report_path):
        deferred = self._deferred
        if deferred is None:
            deferred = report_path.pipeline | "NoDeferred" >> beam.Create([])
        return report_path | "Write" >> beam.ParDo(_WriteStateDoFn(self._output, self._previous),
                                                   beam.pvalue.AsList(self._outcomes), beam.pvalue.AsList(deferred))
