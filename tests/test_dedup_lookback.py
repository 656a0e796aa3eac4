"""The lookback window: what falls outside it is dropped as too_old, not fetched and stored again."""
from __future__ import annotations

import datetime as dt

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from akhbar.schemas.records import FeedEntry, FeedTask
from akhbar.transforms.canonical import article_id, canonical_url
from akhbar.transforms.dedup import DedupEntries
from akhbar.transforms.stored_ids import seen_again_index_row

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)


def _entry(path: str, title: str, published):
    url = canonical_url(f"https://news.example/{path}")
    return FeedEntry("furat", "https://news.example/rss", url, article_id(url), title, "", "", (), published,
                     FeedTask("furat", "https://news.example/rss"))


def test_entries_published_before_the_window_are_too_old_and_counted(tmp_path):
    old = _entry("old", "خبر قديم من أرشيف الموقع", NOW - dt.timedelta(days=40))
    recent = _entry("recent", "خبر من أول أمس", NOW - dt.timedelta(days=2))
    undated = _entry("undated", "خبر بلا تاريخ", None)
    options = PipelineOptions(["--direct_num_workers=1", "--direct_running_mode=in_memory"])
    with BeamTestPipeline(runner="FnApiRunner", options=options) as p:
        result = (p | beam.Create([(old, NOW), (recent, NOW), (undated, NOW)])
                  | DedupEntries(str(tmp_path), NOW, lookback_days=30, title_window_days=7))
        assert_that(result.entries | beam.Map(lambda pair: pair[0].title),
                    equal_to(["خبر من أول أمس", "خبر بلا تاريخ"]), label="kept")
        assert_that(result.problems | "Kinds" >> beam.Map(lambda pr: (pr.kind, pr.url.rsplit("/", 1)[1])),
                    equal_to([("too_old", "old")]), label="too_old counted")


def test_an_article_listed_again_is_stored_again_under_its_own_id():
    entry = _entry("again", "خبر ما زال في الموجز", NOW - dt.timedelta(days=3))
    row = seen_again_index_row("furat", entry.url, NOW)
    assert row["article_id"] == entry.article_id and row["seen_at"] == NOW and row["status"] == "article"
