"""Each composite transform on its own: Create in, assert_that out (the wiring, not the logic)."""
from __future__ import annotations

import datetime as dt

import apache_beam as beam
import pyarrow.dataset as ds
import pytest
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from akhbar.schemas.articles import ARTICLES_SCHEMA, record_to_row
from akhbar.schemas.extracted import Entity
from akhbar.schemas.records import Article, FeedEntry, FeedTask, FetchSettings
from akhbar.transforms import http
from akhbar.transforms.dedup import DropRepeats
from akhbar.transforms.extract import ExtractBranch
from akhbar.transforms.feeds import FetchFeeds, ParseEntries
from akhbar.transforms.gate import ArabicGate
from akhbar.transforms.join import ARTICLE, JoinRecords
from akhbar.transforms.pages import FetchPages
from akhbar.transforms.rows import article_partition_row
from akhbar.transforms.sink import WritePartitioned

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)
POLICY = http.FetchPolicy(allow_private=True, timeout_seconds=5)


def _pipeline():
    return BeamTestPipeline(runner="FnApiRunner", options=beam.options.pipeline_options.PipelineOptions(
        ["--direct_num_workers=1", "--direct_running_mode=in_memory"]))


def _task(base: str, path: str, source: str = "furat", pages: bool = True, keep_rejects: bool = False) -> FeedTask:
    return FeedTask(source, f"{base}{path}", "IQ", "Asia/Baghdad", FetchSettings(pages=pages, delay_seconds=0),
                    keep_rejects)


def _entry(url: str, feed: str, title: str = "عنوان", summary: str = "", source: str = "furat", task=None) -> FeedEntry:
    from akhbar.transforms.canonical import article_id, canonical_url

    canonical = canonical_url(url)
    return FeedEntry(source, feed, canonical, article_id(canonical), title, summary, "", (), NOW,
                     task or FeedTask(source, feed))


def test_fetch_feeds_then_parse_entries(site):
    tasks = [_task(site.base, "/rss/iraq.xml"), _task(site.base, "/rss/missing.xml")]
    with _pipeline() as p:
        fetched = p | beam.Create(tasks) | FetchFeeds(POLICY)
        parsed = fetched.responses | ParseEntries()
        titles = parsed.entries | beam.Map(lambda pair: pair[0].title)
        assert_that(fetched.outcomes | "FailedOutcome" >> beam.Map(lambda o: (o.feed_url.rsplit("/", 1)[1], o.outcome)),
                    equal_to([("missing.xml", "http_404")]), label="failed feed has an outcome")
        assert_that(parsed.outcomes | "ParsedOutcome" >> beam.Map(lambda o: (o.outcome, o.entries)),
                    equal_to([("ok", 5)]), label="parsed feed has an outcome")
        assert_that(titles | "CountTitles" >> beam.combiners.Count.Globally(), equal_to([5]), label="entries")
        assert_that(fetched.problems | "ProblemKinds" >> beam.Map(lambda pr: (pr.stage, pr.kind)),
                    equal_to([("fetch", "http_404")]), label="problem counted")


def test_drop_repeats_keeps_one_listing_per_article():
    a = _entry("https://x.example/1?utm_source=a", "https://x.example/rss/a")
    b = _entry("https://x.example/1#frag", "https://x.example/rss/b")
    c = _entry("https://x.example/2", "https://x.example/rss/a")
    with _pipeline() as p:
        result = p | beam.Create([(a, NOW), (b, NOW), (c, NOW)]) | DropRepeats()
        assert_that(result.entries | beam.Map(lambda pair: (pair[0].url, pair[0].feed_url)),
                    equal_to([("https://x.example/1", "https://x.example/rss/a"),
                              ("https://x.example/2", "https://x.example/rss/a")]), label="one each")
        assert_that(result.problems | "Kinds" >> beam.Map(lambda pr: pr.kind), equal_to(["duplicate"]),
                    label="repeat counted")


def test_fetch_pages_takes_page_text_or_falls_back(site):
    task = _task(site.base, "/rss/iraq.xml")
    good = _entry(f"{site.base}/pages/mosul-hospital.html", task.feed_url, summary="ملخص", task=task)
    missing = _entry(f"{site.base}/pages/nowhere.html", task.feed_url, summary="ملخص الخبر", task=task)
    with _pipeline() as p:
        result = p | beam.Create([(good, NOW), (missing, NOW)]) | FetchPages(POLICY)
        assert_that(result.articles | beam.Map(lambda a: (a.entry.url.rsplit("/", 1)[1], a.body_source,
                                                          "مدير صحة نينوى" in a.body)),
                    equal_to([("mosul-hospital.html", "page", True), ("nowhere.html", "summary", False)]))
        assert_that(result.problems | "Kinds" >> beam.Map(lambda pr: (pr.stage, pr.kind)),
                    equal_to([("page", "http_404")]), label="page failure counted")


def test_arabic_gate_keeps_arabic_and_tags_rejects():
    keep = FeedTask("furat", "f", keep_rejects=True)
    arabic = Article(_entry("https://x.example/ar", "f", "وزير الخارجية يزور بغداد لبحث العلاقات الثنائية", task=keep),
                     "بحث وزير الخارجية مع نظيره العراقي في بغداد سبل تعزيز العلاقات بين البلدين.", "page", NOW)
    english = Article(_entry("https://x.example/en", "f", "Foreign minister visits Baghdad for talks", task=keep),
                      "The foreign minister discussed bilateral relations with his Iraqi counterpart.", "page", NOW)
    with _pipeline() as p:
        result = p | beam.Create([arabic, english]) | ArabicGate()
        assert_that(result.arabic | beam.Map(lambda a: (a.entry.url, a.language)),
                    equal_to([("https://x.example/ar", "ar")]), label="arabic kept")
        assert_that(result.rejects | beam.Map(lambda pair: (pair[0].entry.url, pair[0].language)),
                    equal_to([("https://x.example/en", "en")]), label="reject kept for keep_rejects")
        assert_that(result.problems | "Kinds" >> beam.Map(lambda pr: pr.kind), equal_to(["not_arabic"]),
                    label="counted")


def _broken_extractor(title, body, ctx):
    if "انفجار" in body:
        raise ValueError("boom")
    return [Entity("بغداد", "LOC", "body", body.index("بغداد"), body.index("بغداد") + 5),
            Entity("مزيف", "PER", "body", 0, 4)]  # offsets wrong on purpose


def test_extract_branch_counts_failures_and_drops_bad_offsets():
    ok = Article(_entry("https://x.example/1", "f"), "وصل الوفد إلى بغداد صباحاً", "page", NOW)
    bad = Article(_entry("https://x.example/2", "f"), "انفجار قرب بغداد", "page", NOW)
    with _pipeline() as p:
        keyed = p | beam.Create([(ok.article_id, ok), (bad.article_id, bad)])
        result = keyed | ExtractBranch("entities", _broken_extractor)
        assert_that(result.items | beam.MapTuple(lambda aid, items: (aid, [i.text for i in items])),
                    equal_to([(ok.article_id, ["بغداد"]), (bad.article_id, [])]), label="items")
        assert_that(result.problems | beam.Map(lambda pr: pr.kind), equal_to(["entities_failed"]), label="failure")


def test_join_assembles_one_record_per_article_from_branches():
    article = Article(_entry("https://x.example/1", "f", source="furat"), "نص عن بغداد", "page", NOW,
                      language="ar", language_score=0.99)
    entity = Entity("بغداد", "LOC", "body", 6, 11)
    with _pipeline() as p:
        branches = {ARTICLE: p | "A" >> beam.Create([(article.article_id, article)]),
                    "entities": p | "E" >> beam.Create([(article.article_id, [entity])]),
                    "quotes": p | "Q" >> beam.Create([(article.article_id, [])])}
        records = branches | JoinRecords("r1")
        assert_that(records | beam.MapTuple(lambda source, r: (source, r.article_id, r.entities, r.quotes, r.run_id)),
                    equal_to([("furat", article.article_id, [entity], [], "r1")]))


def test_write_partitioned_publishes_whole_files_and_counts(tmp_path):
    article = Article(_entry("https://x.example/1", "f", source="furat"), "نص", "page", NOW, "ar", 0.9)
    from akhbar.transforms.join import to_record

    records = [("furat", to_record(article, {}, "r1")), ("other", to_record(article, {}, "r1"))]
    with _pipeline() as p:
        tallies = (p | beam.Create(records) | beam.Map(article_partition_row)
                   | WritePartitioned(str(tmp_path), "articles", "r1", ARTICLES_SCHEMA, record_to_row))
        assert_that(tallies | beam.Map(lambda t: (t.source_id, t.key, t.count)),
                    equal_to([("furat", "written", 1), ("other", "written", 1)]))
    table = ds.dataset(tmp_path / "articles", partitioning="hive").to_table()
    assert sorted(table.column("source").to_pylist()) == ["furat", "other"]
    assert set(map(str, table.column("date").to_pylist())) == {"2026-11-23"}
    assert not list((tmp_path / "articles").rglob("*.tmp")), "no temporary file under articles/"
