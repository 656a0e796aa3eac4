"""Dedup before fetching: ids stored by earlier runs (lookback), repeats within a run, same title per source."""
from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json

import apache_beam as beam
import pyarrow as pa
import pytest
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from akhbar.schemas.records import FeedEntry, FeedTask
from akhbar.transforms import stored_ids
from akhbar.transforms.canonical import article_id, canonical_url
from akhbar.transforms.dedup import DedupEntries, split_by_id, STORED
from akhbar.transforms.dedup_titles import title_key, title_repeats
from akhbar.transforms.sink import write_table

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)
DAY = dt.timedelta(days=1)


def _pipeline():
    return BeamTestPipeline(runner="FnApiRunner", options=beam.options.pipeline_options.PipelineOptions(
        ["--direct_num_workers=1", "--direct_running_mode=in_memory"]))


def _entry(url: str, title: str = "", source: str = "furat", feed: str = "https://x.example/rss",
           published=NOW) -> FeedEntry:
    url = canonical_url(url)
    task = FeedTask(source, feed)
    return FeedEntry(source, feed, url, article_id(url), title or f"خبر عن {url}", "", "", (), published, task)


def _store(output, day: dt.date, rows):
    """An index file as an earlier run would have committed it."""
    path = f"{output}/_state/ids/stored={day.isoformat()}/part-old-{len(rows)}.parquet"
    write_table(path, pa.Table.from_pylist(rows, schema=stored_ids.IDS_SCHEMA))


def _stored_row(entry: FeedEntry, seen: dt.datetime, status: str = "article"):
    return {"article_id": entry.article_id, "source": entry.source_id, "title_key": title_key(entry.title),
            "seen_at": seen, "status": status}


def test_title_key_folds_arabic_spelling_and_punctuation():
    assert title_key("إطلاق سراح المحتجزين في غزة") == title_key("اطلاق سراح المحتجزين في غزه!")
    assert title_key("الرئيسُ يزورُ بغداد اليوم") == title_key("الرئيس يزور بغداد  اليوم")
    assert title_key("الرئيس يزور بغداد اليوم") != title_key("الرئيس يزور البصرة اليوم")
    assert title_key("عاجل") is None and title_key("") is None, "too short to identify a story"


def test_title_repeats_within_a_window():
    window = 7 * DAY
    candidates = [(NOW, "b", "second"), (NOW - 2 * DAY, "a", "first"), (NOW + 9 * DAY, "c", "much later")]
    kept, repeats = title_repeats(candidates, [], window)
    assert kept == ["first", "much later"] and [r[0] for r in repeats] == ["second"]
    kept, repeats = title_repeats([(NOW, "a", "x")], [NOW - 3 * DAY], window)
    assert kept == [] and repeats == [("x", NOW - 3 * DAY)]
    kept, _ = title_repeats([(NOW, "a", "x")], [NOW - 8 * DAY], window)
    assert kept == ["x"]


def test_split_by_id():
    a, b = (_entry("https://x.example/1", feed="https://x.example/b"), NOW), (_entry("https://x.example/1"), NOW)
    assert split_by_id([b, a]) == (a, [b], False), "kept by feed URL order: .../b before .../rss"
    assert split_by_id([a, STORED, b]) == (None, [a, b], True)
    assert split_by_id([STORED]) == (None, [], True)


def test_stored_ids_within_the_lookback_are_skipped(tmp_path):
    recent, old, new = _entry("https://x.example/recent"), _entry("https://x.example/old"), _entry("https://x.example/new")
    _store(tmp_path, (NOW - 2 * DAY).date(), [_stored_row(recent, NOW - 2 * DAY)])
    _store(tmp_path, (NOW - 40 * DAY).date(), [_stored_row(old, NOW - 40 * DAY)])
    with _pipeline() as p:
        result = (p | beam.Create([(recent, NOW), (old, NOW), (new, NOW), (new, NOW)])
                  | DedupEntries(str(tmp_path), NOW, lookback_days=30, title_window_days=7))
        assert_that(result.entries | beam.Map(lambda pair: pair[0].url), equal_to([old.url, new.url]))
        assert_that(result.problems | "Kinds" >> beam.Map(lambda pr: (pr.url, pr.kind)),
                    equal_to([(recent.url, "already_stored"), (new.url, "duplicate")]), label="counted")
    with _pipeline() as p:
        result = p | beam.Create([(recent, NOW), (old, NOW)]) | DedupEntries(str(tmp_path), NOW, 60, 7)
        assert_that(result.entries, equal_to([]), label="a longer lookback reaches the older run")


def test_same_title_same_source_within_seven_days_is_a_duplicate(tmp_path):
    title = "افتتاح جسر جديد على نهر ديالى"
    stored = _entry("https://x.example/bridge", title)
    _store(tmp_path, (NOW - 3 * DAY).date(), [_stored_row(stored, NOW - 3 * DAY)])
    again = _entry("https://x.example/bridge-updated", "افتتاح جسرٍ جديد على نهر ديالى")
    elsewhere = _entry("https://y.example/bridge", title, source="other")
    pair1 = _entry("https://x.example/a", "وزير النفط يزور البصرة", published=NOW - DAY)
    pair2 = _entry("https://x.example/b", "وزير النفط يزور البصرة")
    later = _entry("https://x.example/c", "وزير النفط يزور البصرة", published=NOW + 10 * DAY)
    with _pipeline() as p:
        result = (p | beam.Create([(e, NOW + 11 * DAY if e is later else NOW) for e in (again, elsewhere, pair1, pair2, later)])
                  | DedupEntries(str(tmp_path), NOW, 30, 7))
        assert_that(result.entries | beam.Map(lambda pair: pair[0].url),
                    equal_to([elsewhere.url, pair1.url, later.url]))
        assert_that(result.problems | "Kinds" >> beam.Map(lambda pr: (pr.url, pr.kind)),
                    equal_to([(again.url, "duplicate"), (pair2.url, "duplicate")]), label="counted")


@pytest.mark.parametrize("title_days", [7, 0])
def test_packed_entries_are_the_same_listings(tmp_path, title_days):
    """``packed=True`` (the wave plan's input) keeps the same listings, each one packed, untitled ones too."""
    from akhbar.transforms.packing import unpack

    titled = _entry("https://x.example/a", "وزير النفط يزور البصرة")
    same_title = _entry("https://x.example/b", "وزير النفط يزور البصرة", published=NOW + dt.timedelta(hours=1))
    untitled = _entry("https://x.example/c", "عاجل")
    listed_twice = _entry("https://x.example/d", "افتتاح جسر جديد على نهر ديالى")
    pairs = [(titled, NOW), (same_title, NOW), (untitled, NOW), (listed_twice, NOW), (listed_twice, NOW)]
    with _pipeline() as p:
        created = p | beam.Create(pairs)
        plain = created | "Plain" >> DedupEntries(str(tmp_path), NOW, 30, title_days)
        packed = created | "Packed" >> DedupEntries(str(tmp_path), NOW, 30, title_days, packed=True)
        expected = [titled.url, untitled.url, listed_twice.url] + ([same_title.url] if title_days == 0 else [])
        assert_that(plain.entries | "PlainUrls" >> beam.Map(lambda pair: pair[0].url), equal_to(expected))
        assert_that(packed.entries | "AllBytes" >> beam.Map(lambda value: isinstance(value, bytes))
                    | beam.combiners.Count.PerElement(), equal_to([(True, len(expected))]), label="all packed")
        assert_that(packed.entries | "Unpacked" >> beam.Map(unpack), equal_to([(e, NOW) for e in
                                                                             (titled, untitled, listed_twice)]
                                                                            + ([(same_title, NOW)] if title_days == 0
                                                                               else [])), label="same pairs")


@pytest.mark.corpus
def test_france24_articles_listed_by_several_feeds_go_on_once(corpora):
    entries = []
    with gzip.open(corpora / "france24.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            published = email.utils.parsedate_to_datetime(row["published"]).astimezone(dt.timezone.utc)
            entry = _entry(row["url"], row["title"], "france24", f"https://www.france24.com/ar/{row['category']}/rss",
                           published)
            entries.append((entry, NOW))
    with _pipeline() as p:
        result = p | beam.Create(entries) | DedupEntries(None, NOW, 30, title_window_days=0)
        assert_that(result.entries | beam.combiners.Count.Globally(), equal_to([2869]))
        assert_that(result.problems | "Repeats" >> beam.combiners.Count.Globally(), equal_to([1105]), label="repeats")
