"""The join's batches (transforms/join.py): every article gets its own branch values, whatever the batching."""
from __future__ import annotations

import datetime as dt

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from akhbar.schemas.extracted import Entity
from akhbar.schemas.records import Article, FeedEntry, FeedTask
from akhbar.transforms import join
from akhbar.transforms.join import ARTICLE, BATCH, BUCKETS, DUPLICATE_OF, JoinRecords, bucket

NOW = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.timezone.utc)


def _article(i: int) -> Article:
    task = FeedTask(f"src{i % 3}", "http://127.0.0.1/feed.xml")
    entry = FeedEntry(task.source_id, task.feed_url, f"http://127.0.0.1/a/{i}", f"id{i:04d}", f"عنوان {i}", "", "",
                      (), NOW, task)
    return Article(entry=entry, body=f"نص المقال {i} عن بغداد", body_source="page", fetched_at=NOW, language="ar",
                   language_score=0.99)


def _pipeline():
    return TestPipeline(runner="FnApiRunner", options=beam.options.pipeline_options.PipelineOptions(
        ["--direct_num_workers=1", "--direct_running_mode=in_memory"]))


def test_bucket_is_stable_and_in_range():
    # crc32, not hash(): the same in every worker process, whatever PYTHONHASHSEED is
    assert bucket("id0001") == bucket("id0001")
    assert {bucket(f"id{i}") for i in range(2000)} == set(range(BUCKETS))


def test_many_articles_full_and_partial_batches_each_get_their_own_values():
    n = BUCKETS * BATCH * 2 + 7  # full batches sent from process() and partial ones from finish_bundle
    articles = [_article(i) for i in range(n)]
    entities = {a.article_id: [Entity(f"بغداد{i}", "LOC", "body", 0, 5)] for i, a in enumerate(articles) if i % 2}
    marks = {articles[5].article_id: [articles[1].article_id]}
    with _pipeline() as p:
        branches = {
            ARTICLE: p | "A" >> beam.Create([(a.article_id, a) for a in articles]),
            "entities": p | "E" >> beam.Create(sorted(entities.items())),
            "quotes": p | "Q" >> beam.Create([(a.article_id, []) for a in articles]),
            DUPLICATE_OF: p | "D" >> beam.Create(sorted(marks.items())),
            # a value for an article that never reached the join (not Arabic) makes no record
            "numbers": p | "N" >> beam.Create([("not-arabic", ["x"])]),
        }
        records = branches | JoinRecords("r1")
        got = records | beam.MapTuple(lambda source, r: (source, r.article_id, tuple(e.text for e in r.entities),
                                                         r.duplicate_of, tuple(r.numbers), r.run_id))
        want = [(a.entry.source_id, a.article_id, tuple(e.text for e in entities.get(a.article_id, [])),
                 marks.get(a.article_id, [None])[0], (), "r1") for a in articles]
        assert_that(got, equal_to(want))


def test_batches_hold_at_most_batch_pairs(monkeypatch):
    fn = join._BatchDoFn()
    fn.start_bundle()
    same_bucket = [f"id{i}" for i in range(5000) if bucket(f"id{i}") == 0][:BATCH + 3]
    sent = [out for article_id in same_bucket for out in fn.process((article_id, [article_id]))]
    assert len(sent) == 1 and sent[0][0] == 0
    assert [pair[0] for pair in join.unpack(sent[0][1])] == same_bucket[:BATCH]
    rest = list(fn.finish_bundle())
    assert len(rest) == 1
    assert [pair[0] for pair in join.unpack(rest[0].value[1])] == same_bucket[BATCH:]
