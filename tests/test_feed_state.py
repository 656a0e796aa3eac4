"""Feed state: validators and body hash kept, failures weighted, backoff growing and capped, due times honoured."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from akhbar.pipeline.feed_state import (BACKOFF_CAP, FeedState, backoff, failure_weight, load_states, next_state,
                                        reparse_stale, save_states, updated_states)
from akhbar.schemas.events import FeedOutcome
from akhbar.schemas.records import FeedTask, FetchSettings
from akhbar.transforms import http
from akhbar.transforms.feeds import FEED_ACCEPT, FetchFeeds, conditional_headers
from tests.fixtures.faults.server import FaultServer

T0 = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)
URL = "https://example.com/rss"


class FakeClock:
    """Fixed wall time; sleeping only moves it (picklable: it travels inside the DoFn)."""

    def __init__(self, now):
        self._now = now

    def now(self):
        return self._now

    def monotonic(self):
        return self._now.timestamp()

    def sleep(self, seconds):
        self._now += dt.timedelta(seconds=seconds)


def _outcome(kind, at=T0, **kw):
    return FeedOutcome("s", URL, kind, checked_at=at.isoformat(), **kw)


def test_weights_and_backoff_curve():
    assert failure_weight("http_404") == failure_weight("not_a_feed") == 1.0
    assert failure_weight("http_5xx") == failure_weight("parse_error") == 0.5
    assert failure_weight("timeout") == failure_weight("http_429") == 0.25
    assert failure_weight("http_451") == 1.0, "other 4xx are hard"
    assert backoff(1.0) == dt.timedelta(hours=1)
    assert backoff(0.25) < backoff(0.5) < backoff(1.0) < backoff(3.0)
    assert backoff(40) == BACKOFF_CAP


def test_failures_accumulate_then_success_resets_and_keeps_validators():
    state = next_state(None, _outcome("ok", etag='"v1"', last_modified="Mon, 23 Nov 2026 08:00:00 GMT",
                                       body_hash="h1"), T0)
    assert (state.etag, state.body_hash, state.consecutive_failures, state.next_due) == ('"v1"', "h1", 0, "")
    later = T0 + dt.timedelta(hours=2)
    failed = next_state(next_state(state, _outcome("http_404", T0), T0), _outcome("timeout", later), later)
    assert failed.consecutive_failures == 2 and failed.failure_score == 1.25
    assert failed.etag == '"v1"' and failed.body_hash == "h1", "a failure keeps what the next request needs"
    assert dt.datetime.fromisoformat(failed.next_due) == later + backoff(1.25)
    assert not failed.due(later) and failed.due(later + backoff(1.25))
    assert next_state(failed, _outcome("skipped_backoff", later), later) == failed
    recovered = next_state(failed, _outcome("not_modified", later, etag='"v1"'), later)
    assert recovered.consecutive_failures == 0 and recovered.next_due == "" and recovered.body_hash == "h1"


def test_save_and_load_round_trip(tmp_path):
    states = updated_states({}, [_outcome("ok", body_hash="abc"), FeedOutcome("s", URL + "2", "http_5xx",
                                                                               checked_at=T0.isoformat())], T0)
    path = save_states(str(tmp_path / "out"), states)
    assert path.endswith("_state/feeds.json")
    assert load_states(str(tmp_path / "out")) == states
    assert load_states(str(tmp_path / "nowhere")) == {}
    (tmp_path / "out" / "_state" / "feeds.json").write_text("{broken")
    assert load_states(str(tmp_path / "out")) == {}, "a damaged file costs one unconditional run"


def _pipeline():
    return BeamTestPipeline(runner="FnApiRunner", options=beam.options.pipeline_options.PipelineOptions(
        ["--direct_num_workers=1", "--direct_running_mode=in_memory"]))


def test_fetch_feeds_skips_feeds_not_due_and_sends_validators():
    with FaultServer(huge_mb=1, bomb_mb=1) as server:
        settings = FetchSettings(delay_seconds=0)
        due_url, waiting_url = server.url("/feeds/etag.xml"), server.url("/feeds/ok-1.xml")
        states = {
            due_url: FeedState(due_url, etag=server.etag, next_due=(T0 - dt.timedelta(minutes=1)).isoformat()),
            waiting_url: FeedState(waiting_url, consecutive_failures=3, failure_score=3.0, last_outcome="http_5xx",
                                   next_due=(T0 + dt.timedelta(hours=5)).isoformat()),
        }
        tasks = [FeedTask("s", due_url, fetch=settings), FeedTask("s", waiting_url, fetch=settings)]
        with _pipeline() as p:
            fetched = p | beam.Create(tasks) | FetchFeeds(http.FetchPolicy(allow_private=True), FakeClock(T0), states)
            assert_that(fetched.outcomes | beam.Map(lambda o: (o.feed_url.rsplit("/", 1)[1], o.outcome)),
                        equal_to([("etag.xml", "not_modified"), ("ok-1.xml", "skipped_backoff")]))
        assert [p for p, _ in server.requests] == ["/feeds/etag.xml"], "the waiting feed is not requested"
        assert server.requests[0][1]["if-none-match"] == server.etag


def test_body_hash_ignores_what_changes_per_request_but_not_items():
    from akhbar.transforms.feeds import body_hash

    rss = ('<rss><channel><lastBuildDate>{t}</lastBuildDate><item><title>{title}</title></item></channel>'
           '<!-- generated in {t} s --></rss>')
    a = body_hash(rss.format(t="1", title="خبر").encode())
    assert a == body_hash(rss.format(t="2", title="خبر").encode())
    assert a != body_hash(rss.format(t="1", title="خبر آخر").encode())
    atom = "<feed><updated>{t}</updated><entry><updated>{e}</updated></entry></feed>"
    assert body_hash(atom.format(t="1", e="x").encode()) == body_hash(atom.format(t="2", e="x").encode())
    assert body_hash(atom.format(t="1", e="x").encode()) != body_hash(atom.format(t="1", e="y").encode())


def test_feeds_with_deferred_pages_keep_their_old_validators():
    old = {URL: FeedState(URL, etag='"old"', body_hash="h-old")}
    fresh = [_outcome("ok", etag='"new"', body_hash="h-new")]
    assert updated_states(old, fresh, T0)[URL].body_hash == "h-new"
    held = updated_states(old, fresh, T0, deferred=[URL, URL])[URL]
    assert (held.etag, held.body_hash, held.last_outcome, held.consecutive_failures) == ('"old"', "h-old", "ok", 0)
    assert updated_states({}, fresh, T0, deferred=[URL])[URL].body_hash == "", "first run: nothing to compare next time"


def test_only_a_parsed_fetch_moves_last_parsed():
    parsed = next_state(None, _outcome("ok", body_hash="h1"), T0)
    assert parsed.last_parsed == T0.isoformat()
    later = T0 + dt.timedelta(days=2)
    for quiet in ("unchanged", "not_modified", "timeout"):
        assert next_state(parsed, _outcome(quiet, later, body_hash="h1"), later).last_parsed == T0.isoformat(), quiet
    assert next_state(parsed, _outcome("ok", later, body_hash="h2"), later).last_parsed == later.isoformat()


def test_a_feed_not_parsed_for_a_third_of_the_lookback_is_fetched_in_full():
    """An item a byte-identical feed keeps listing must be seen again before its id leaves the 30-day window."""
    fresh = FeedState(URL, etag='"v1"', last_modified="Mon", body_hash="h1",
                      last_parsed=(T0 - dt.timedelta(days=9, hours=23)).isoformat())
    stale = replace(fresh, feed_url=URL + "?stale", last_parsed=(T0 - dt.timedelta(days=10)).isoformat())
    unknown = replace(fresh, feed_url=URL + "?unknown", last_parsed="")  # a state file written before the field
    states = reparse_stale({s.feed_url: s for s in (fresh, stale, unknown)}, T0, lookback_days=30)
    assert states[URL] == fresh, "parsed 9 days ago: conditional request, body hash kept"
    for url in (URL + "?stale", URL + "?unknown"):
        assert (states[url].etag, states[url].last_modified, states[url].body_hash) == ("", "", ""), url
    assert states[URL + "?stale"].last_parsed == stale.last_parsed, "only this run's parse moves it"
    assert conditional_headers(states[URL + "?stale"]) == {"Accept": FEED_ACCEPT}
    assert reparse_stale({URL: unknown}, T0, lookback_days=0) == {URL: unknown}, "no lookback: nothing to keep"
