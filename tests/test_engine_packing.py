"""Packed values across shuffles (transforms/packing.py): lossless, smaller, and invisible to the graph."""
import datetime as dt
import pickle

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from akhbar.schemas.extracted import Entity
from akhbar.schemas.records import Article, FeedEntry, FeedTask
from akhbar.transforms.packing import COMPRESS_FROM, PackedReshuffle, pack, unpack

WHEN = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.timezone.utc)


def _article(i: int, body: str) -> Article:
    task = FeedTask("src", "http://127.0.0.1/feed.xml")
    entry = FeedEntry("src", task.feed_url, f"http://127.0.0.1/a/{i}", f"id{i}", "عنوان", "ملخص", "", ("كاتب",),
                      WHEN, task)
    return Article(entry=entry, body=body, body_source="page", fetched_at=WHEN, language="ar", language_score=0.99)


def test_round_trip_keeps_every_field():
    article = _article(1, "قال الوزير إن الحكومة ستعلن خطتها غدا.\n" * 40)
    packed = pack(article)
    assert isinstance(packed, bytes)
    assert unpack(packed) == article


def test_large_values_are_compressed_small_ones_are_not():
    body = "أعلنت وزارة الصحة عن حملة تطعيم جديدة في المحافظات.\n" * 60
    big = pack(_article(2, body))
    assert len(big) < len(pickle.dumps(_article(2, body))) * 0.8  # Arabic text compresses
    small = [Entity("بغداد", "LOC", "title", 0, 5)]
    assert len(pickle.dumps(small)) < COMPRESS_FROM
    assert unpack(pack(small)) == small


def test_unpack_refuses_foreign_bytes():
    try:
        unpack(b"xyz")
    except ValueError:
        return
    raise AssertionError("foreign bytes were accepted")


def test_packed_reshuffle_passes_elements_unchanged():
    articles = [_article(i, f"نص المقال رقم {i}\n" * 50) for i in range(20)]
    with TestPipeline() as p:
        out = p | beam.Create(articles) | PackedReshuffle() | beam.Map(lambda a: (a.article_id, a.body))
        assert_that(out, equal_to([(a.article_id, a.body) for a in articles]))


def test_packed_spread_passes_elements_unchanged_in_batches():
    from akhbar.transforms import packing

    articles = [_article(i, f"نص المقال رقم {i}\n" * 50) for i in range(50)]
    with TestPipeline() as p:
        out = p | beam.Create(articles) | packing.PackedSpread() | beam.Map(lambda a: (a.article_id, a.body))
        assert_that(out, equal_to([(a.article_id, a.body) for a in articles]))


def test_spread_batches_take_the_keys_in_turn():
    from akhbar.transforms import packing

    dofn = packing._SpreadBatchDoFn()
    dofn.start_bundle()
    values = list(range(5 * packing.SPREAD_BATCH + 3))
    sent = [kv for v in values for kv in dofn.process(v)] + [w.value for w in dofn.finish_bundle()]
    first = sent[0][0]
    assert [key for key, _ in sent] == [(first + k) % packing.SPREAD_KEYS for k in range(6)], \
        "one key per batch, in turn"
    starts = set()
    for _ in range(20):  # many one-batch bundles (a distributed runner's) do not all land on one key
        dofn.start_bundle()
        starts |= {kv[0] for v in range(packing.SPREAD_BATCH) for kv in dofn.process(v)}
    assert len(starts) > 1, "every bundle began at the same key"
    batches = [unpack(packed) for _, packed in sent]
    assert [len(b) for b in batches] == [packing.SPREAD_BATCH] * 5 + [3]
    assert [v for b in batches for v in b] == values
