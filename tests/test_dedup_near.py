"""Near-duplicates across sources (wire copies): MinHash over shingles, LSH by bands, kept with duplicate_of."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import time

import apache_beam as beam
import numpy as np
import pyarrow as pa
import pytest
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from akhbar.schemas.records import Article, FeedEntry, FeedTask
from akhbar.transforms import minhash
from akhbar.transforms import dedup_near
from akhbar.transforms.dedup_near import (MINHASH_SCHEMA, NearDuplicates, Signed, bucket_candidates,
                                          earliest_match, shard, shard_candidates, sign, signature_row, to_bands)
from akhbar.transforms.packing import unpack
from akhbar.transforms.sink import write_table

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)
HOUR = dt.timedelta(hours=1)

WIRE = ("أعلنت وزارة النفط العراقية اليوم الاثنين أن صادرات البلاد من الخام ارتفعت خلال شهر تشرين الثاني إلى "
        "مستوى قياسي بلغ ثلاثة ملايين وأربعمئة ألف برميل يوميا من موانئ البصرة الجنوبية. وقال المتحدث باسم "
        "الوزارة في بيان إن الزيادة جاءت بعد إنجاز أعمال الصيانة في منصات التحميل العائمة وتحسن الطلب من "
        "المصافي الآسيوية، مضيفا أن العائدات المالية تجاوزت ثمانية مليارات دولار. وتوقع البيان أن تستمر "
        "الصادرات عند هذا المستوى حتى نهاية العام الحالي إذا بقيت الأسعار مستقرة في الأسواق العالمية.")
COPY = ("بغداد - وكالات: " + WIRE.replace("اليوم الاثنين", "الاثنين").replace("مضيفا", "وأضاف")
        + " وكانت الصادرات قد تراجعت في الشهر الماضي.")
OTHER = ("افتتح محافظ نينوى مستشفى جديدا في مدينة الموصل بسعة مئتي سرير بعد سنوات من أعمال الإعمار التي "
         "أعقبت الحرب، وقال مدير صحة المحافظة إن المستشفى سيخدم سكان الجانب الأيمن من المدينة ويضم أقساما "
         "للطوارئ والجراحة والأطفال، مشيرا إلى أن الكوادر الطبية أكملت تدريبها على الأجهزة الحديثة وأن "
         "العمل سيبدأ مطلع الشهر المقبل بعد استكمال الإجراءات الإدارية المطلوبة من وزارة الصحة الاتحادية.")


def _pipeline():
    return BeamTestPipeline(runner="FnApiRunner", options=beam.options.pipeline_options.PipelineOptions(
        ["--direct_num_workers=1", "--direct_running_mode=in_memory"]))


def _article(article_id: str, source: str, body: str, published=NOW) -> Article:
    task = FeedTask(source, f"https://{source}.example/rss")
    entry = FeedEntry(source, task.feed_url, f"https://{source}.example/{article_id}", article_id, "عنوان", "", "", (),
                      published, task)
    return Article(entry, body, "page", NOW, "ar", 0.99)


def test_wire_copy_is_similar_and_other_news_is_not():
    a, b, c = minhash.signature(WIRE), minhash.signature(COPY), minhash.signature(OTHER)
    assert minhash.similarity(a, b) >= minhash.THRESHOLD
    assert minhash.similarity(a, c) < 0.2
    assert minhash.signature("خبر قصير جدا") is None, "too few shingles to fingerprint"
    assert len(a) == 4 * minhash.NUM_PERM and minhash.signature(WIRE) == a, "deterministic"
    assert sum(x == y for x, y in zip(minhash.bands(a), minhash.bands(b))) >= 1, "they share a band"


def test_signature_is_datasketchs_plain_minhash():
    """The fast path (shared permutations, SHA-1 inline) gives datasketch's own values: stored signatures
    of earlier runs stay comparable (issue #8, speed)."""
    from datasketch import MinHash
    for text in (WIRE, COPY, OTHER, WIRE + " ١٢٣ HELLO World " + OTHER):
        plain = MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED)
        plain.update_batch(sorted(minhash.shingles(text)))
        assert minhash.signature(text) == plain.hashvalues.astype("<u4").tobytes()
    import re
    from akhbar.transforms.normalize import fold
    words = re.findall(r"\w+", fold(WIRE).lower())
    slow = minhash._permutation(internals=False)  # a datasketch without the pieces: update_batch itself
    for text in (WIRE, COPY, OTHER):
        values = np.frombuffer(b"".join(hashlib.sha1(g).digest()[:4] for g in minhash.shingles(text)), dtype="<u4")
        assert slow(values).astype("<u4").tobytes() == minhash.signature(text)
    assert minhash.shingles(WIRE) == {" ".join(words[i:i + 3]).encode() for i in range(len(words) - 2)}
    assert minhash.shingles(WIRE, 2) and all(g.count(b" ") == 1 for g in minhash.shingles(WIRE, 2))


def test_a_bucket_names_earlier_articles_of_other_sources_only():
    sig = minhash.signature(WIRE)
    first = Signed("a1", "agency", NOW - 2 * HOUR, sig)
    same_source = Signed("a2", "agency", NOW - HOUR, sig)
    copy = Signed("b1", "paper", NOW, sig)
    stored = Signed("s0", "paper", NOW - 30 * HOUR, sig, stored=True)
    found = sorted((key, cand[1]) for key, cand in bucket_candidates([copy, same_source, first]))
    assert found == [(("b1", "paper"), "a1")], "the earliest of each other source; never the same source"
    found = sorted((key, cand[1]) for key, cand in bucket_candidates([copy, stored, first]))
    assert (("a1", "agency"), "s0") in found, "a stored article of another source is earlier than any new one"
    crowd = [Signed(f"x{i:05d}", "boiler", NOW + (i + 1) * HOUR, sig) for i in range(20000)] + [copy]
    started = time.perf_counter()
    found = list(bucket_candidates(crowd))
    assert time.perf_counter() - started < 5, "a huge one-source bucket costs linear time"
    assert len(found) == 20000 and {cand[1] for _, cand in found} == {"b1"}, "each points at the one earlier copy"
    assert earliest_match([((True, NOW, "x"), "x", 0.9), ((False, NOW, "s"), "s", 0.6), ((False, NOW, "t"), "t", 0.1)]) == "s"
    assert earliest_match([((True, NOW, "x"), "x", 0.3)]) is None


def test_band_elements_carry_one_packed_signature_per_article():
    sig = minhash.signature(WIRE)
    members = [Signed("a1", "agency", NOW - 2 * HOUR, sig), Signed("b1", "paper", NOW, minhash.signature(COPY)),
               Signed("s0", "paper", NOW - 30 * HOUR, sig, stored=True), Signed("p0", "wire", NOW - HOUR, sig, prior=True)]
    for signed in members:
        banded = to_bands(signed)
        assert [band for band, _ in banded] == minhash.bands(signed.signature)
        assert len({id(value) for _, value in banded}) == 1, "packed once, shared by the article's 16 bands"
        assert isinstance(banded[0][1], bytes) and [unpack(banded[0][1])] == [signed]
    packed = [to_bands(m)[0][1] for m in members]
    assert list(bucket_candidates(map(unpack, packed))) == list(bucket_candidates(members))


def test_near_duplicates_are_marked_against_this_run_and_stored_signatures(tmp_path):
    stored = sign(_article("old1", "agency", WIRE, NOW - 20 * HOUR))
    path = tmp_path / "_state" / "minhash" / f"stored={(NOW - dt.timedelta(days=1)).date()}" / "part-old-0.parquet"
    write_table(str(path), pa.Table.from_pylist([signature_row(stored)], schema=MINHASH_SCHEMA))
    articles = [_article("p1", "paper", COPY), _article("o1", "other", OTHER, NOW - HOUR),
                _article("o2", "third", OTHER), _article("p2", "paper", OTHER + " " + OTHER, NOW + HOUR)]
    with _pipeline() as p:
        near = (p | beam.Create([(a.article_id, a) for a in articles])
                | NearDuplicates(str(tmp_path), NOW, window_days=3))
        # p2 (doubled text) matches o1 and o2: it points at the earliest, o1
        assert_that(near.marks, equal_to([("p1", ["old1"]), ("o2", ["o1"]), ("p2", ["o1"])]))
        assert_that(near.tallies | beam.Map(lambda t: (t.source_id, t.key, t.count)),
                    equal_to([("paper", "near_duplicates", 1), ("third", "near_duplicates", 1),
                              ("paper", "near_duplicates", 1)]), label="tallies")
        assert_that(near.signatures | beam.Map(lambda s: s.article_id), equal_to(["p1", "o1", "o2", "p2"]),
                    label="this run's signatures go to the index")
    with _pipeline() as p:
        near = (p | beam.Create([(a.article_id, a) for a in articles[:1]])
                | NearDuplicates(str(tmp_path), NOW + dt.timedelta(days=5), window_days=3))
        assert_that(near.marks, equal_to([]), label="outside the window the stored copy is not consulted")


@pytest.mark.corpus
def test_known_wire_copies_in_the_ant_corpus(corpora):
    """Al Arabiya and Sky News Arabia ran the same story on Abu Dhabi's AED 50bn package (ANT corpus)."""
    texts = {}
    for name, needle in (("alarabia", "50 مليار درهم لتسريع"), ("skynews", "أبوظبي تطلق حزمة اقتصادية بقيمة 50")):
        with gzip.open(corpora / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if needle in row["title"]:
                    texts[name] = row["text"]
                    break
    assert set(texts) == {"alarabia", "skynews"}
    a, b = minhash.signature(texts["alarabia"]), minhash.signature(texts["skynews"])
    assert minhash.similarity(a, b) >= minhash.THRESHOLD


def test_join_carries_duplicate_of_into_the_record():
    from akhbar.transforms.join import ARTICLE, DUPLICATE_OF, JoinRecords

    articles = [_article("p1", "paper", COPY), _article("o1", "other", OTHER)]
    with _pipeline() as p:
        keyed = p | "Articles" >> beam.Create([(a.article_id, a) for a in articles])
        marks = p | "Marks" >> beam.Create([("p1", ["a0"])])
        records = {ARTICLE: keyed, DUPLICATE_OF: marks} | JoinRecords("r1")
        assert_that(records | beam.MapTuple(lambda source, r: (r.article_id, r.duplicate_of)),
                    equal_to([("p1", "a0"), ("o1", None)]))


def test_shard_batches_give_the_candidates_of_a_group_by_band(monkeypatch):
    import random
    from collections import defaultdict

    rng = random.Random(3)
    words = WIRE.split()
    members = []
    for i in range(300):  # variants of one wire story and unrelated shuffles: buckets of every size
        text = " ".join(w for w in words if rng.random() < 0.9) if i % 3 else " ".join(rng.sample(words, len(words)))
        members.append(Signed(f"a{i:03d}", f"src{i % 5}", NOW + i * HOUR, minhash.signature(text),
                              stored=i % 17 == 0, prior=i % 13 == 0))
    by_band = defaultdict(list)
    for m in members:
        for band in minhash.bands(m.signature):
            by_band[band].append(m)
    expected = sorted(c for ms in by_band.values() for c in bucket_candidates(ms))
    assert len(expected) > 300
    monkeypatch.setattr(dedup_near, "BATCH", 7)  # many partial lists per shard
    dofn = dedup_near._BandBatchDoFn()
    dofn.start_bundle()
    out = [o for m in members for o in dofn.process(m)] + [
        o if not isinstance(o, beam.pvalue.TaggedOutput) else beam.pvalue.TaggedOutput(o.tag, o.value.value)
        for o in dofn.finish_bundle()]
    out = [o if isinstance(o, beam.pvalue.TaggedOutput) else getattr(o, "value", o) for o in out]
    keys = [o.value for o in out if isinstance(o, beam.pvalue.TaggedOutput)]
    sent = [(key, unpack(packed)) for key, packed in (o for o in out if not isinstance(o, beam.pvalue.TaggedOutput))]
    assert all(isinstance(packed, bytes) for _, packed in (o for o in out if not isinstance(o, beam.pvalue.TaggedOutput)))
    assert keys == [[band for band, _ in batch] for _, batch in sent], "each list's band keys go out with it"
    assert all(len(batch) <= 7 and all(shard(band) == key for band, _ in batch) for key, batch in sent)
    assert sum(len(batch) for _, batch in sent) == 16 * len(members)
    grouped = defaultdict(list)
    for key, batch in sent:
        grouped[key].append(batch)
    assert len(grouped) > 100 and all(0 <= k < dedup_near.SHARDS for k in grouped)
    found = sorted(c for batches in grouped.values() for c in shard_candidates(batches))
    assert found == expected


def test_prior_waves_are_read_by_the_candidates_step(tmp_path):
    """A wave's articles meet the earlier waves' signatures (``prior`` files), read by the step that buckets
    each shard: same marks as when the earlier articles are in the same pipeline, and prior ones unmarked."""
    first = [_article("a1", "agency", WIRE, NOW - 2 * HOUR), _article("o1", "other", OTHER, NOW - HOUR)]
    second = [_article("p1", "paper", COPY), _article("o2", "third", OTHER), _article("x1", "agency", COPY)]
    path = tmp_path / "_tmp" / "r" / "minhash" / "part-w0.parquet"
    write_table(str(path), pa.Table.from_pylist([signature_row(sign(a)) for a in first], schema=MINHASH_SCHEMA))
    with _pipeline() as p:
        near = (p | "Second" >> beam.Create([(a.article_id, a) for a in second])
                | "Near" >> NearDuplicates(str(tmp_path), NOW, window_days=0, prior=[str(path)]))
        assert_that(near.marks, equal_to([("p1", ["a1"]), ("o2", ["o1"]), ("x1", ["p1"])]))
    with _pipeline() as p:
        together = (p | "Both" >> beam.Create([(a.article_id, a) for a in first + second])
                    | "Near" >> NearDuplicates(str(tmp_path), NOW, window_days=0))
        assert_that(together.marks, equal_to([("p1", ["a1"]), ("o2", ["o1"]), ("x1", ["p1"])]), label="one pass gives the same")


def test_prior_files_are_read_once_per_wave_not_per_shard(tmp_path, monkeypatch):
    reads = []
    real = dedup_near.prior_bands
    monkeypatch.setattr(dedup_near, "prior_bands", lambda path: reads.append(path) or real(path))
    first = [_article(f"a{i}", "agency", WIRE + f" {i}", NOW - 2 * HOUR) for i in range(3)]
    path = tmp_path / "part-w0.parquet"
    write_table(str(path), pa.Table.from_pylist([signature_row(sign(a)) for a in first], schema=MINHASH_SCHEMA))
    second = [_article(f"p{i}", "paper", f"{OTHER} {i} {WIRE[:40 * (i % 5)]}") for i in range(40)]
    with _pipeline() as p:
        _ = (p | beam.Create([(a.article_id, a) for a in second])
             | NearDuplicates(str(tmp_path), NOW, window_days=0, prior=[str(path)]))
    assert reads == [str(path)], "one read for the whole wave, not one per shard (~250 shards here)"
