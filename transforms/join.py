"""Join: the Arabic article and every extraction branch, CoGrouped on article_id, become one record.

Every branch's values cross the CoGroupByKey packed (transforms/packing.py) and in batches: a branch
gathers its (article_id, value) pairs by bucket (a fixed hash of article_id, so every branch puts an
article in the same bucket) and sends one packed list per bucket, at most ``BATCH`` articles, instead of
one element per article. The CoGroupByKey still joins the branches, on the bucket; Assemble then pairs
the values by article_id inside it. Beam's local runner writes each value of a multi-input Flatten (a
CoGroupByKey is one) to a buffer, reads it back and writes it again to the group, and its launcher decodes
and re-encodes every grouped element: per-element costs that batches pay once per bucket.
"""
from __future__ import annotations

import hashlib
import zlib
from typing import Dict, Iterator, List, Tuple

import apache_beam as beam
from apache_beam.transforms.window import GlobalWindows

from akhbar.schemas.articles import ArticleRecord
from akhbar.schemas.records import Article
from akhbar.transforms.feeds import usable_time
from akhbar.transforms.packing import pack, unpack

ARTICLE = "article"
DUPLICATE_OF = "duplicate_of"  # the branch of (article_id, [original article_id]) marks
#: Buckets of article ids: enough for every worker to get several, few enough to fill batches.
BUCKETS = 32
#: Most (article_id, value) pairs in one batch: bounds what a branch holds before sending.
BATCH = 32


def content_hash(body: str) -> str:
    """SHA-256 of the body with white space folded, so re-wrapped copies hash alike."""
    folded = " ".join(body.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def to_record(article: Article, extracted: Dict[str, List], run_id: str) -> ArticleRecord:
    entry = article.entry
    return ArticleRecord(
        article_id=entry.article_id,
        url=entry.url,
        feed_url=entry.feed_url,
        title=entry.title,
        summary=entry.summary,
        body=article.body,
        body_source=article.body_source,
        authors=list(entry.authors),
        published_at=usable_time(entry.published_at, article.fetched_at),
        fetched_at=article.fetched_at,
        language=article.language,
        language_score=article.language_score,
        content_hash=content_hash(article.body),
        duplicate_of=(extracted.get(DUPLICATE_OF) or [None])[0],  # from dedup_near.NearDuplicates
        entities=extracted.get("entities", []),
        places=extracted.get("places", []),
        dates=extracted.get("dates", []),
        quotes=extracted.get("quotes", []),
        numbers=extracted.get("numbers", []),
        run_id=run_id,
    )


def bucket(article_id: str) -> int:
    """The join bucket of an article: the same in every branch and every process (not ``hash``)."""
    return zlib.crc32(article_id.encode("utf-8")) % BUCKETS


class _BatchDoFn(beam.DoFn):
    """(article_id, value) -> (bucket, packed [(article_id, value), ...]), at most BATCH pairs per batch.

    A batch goes out when full and at the end of the bundle, so a branch holds at most BUCKETS * BATCH
    values. The join is in the global window (the pipeline never windows), where finish_bundle emits.
    """

    def start_bundle(self):
        self._held: Dict[int, List[Tuple[str, object]]] = {}

    def process(self, keyed: Tuple[str, object]) -> Iterator[Tuple[int, bytes]]:
        key = bucket(keyed[0])
        held = self._held.setdefault(key, [])
        held.append(keyed)
        if len(held) >= BATCH:
            del self._held[key]
            yield key, pack(held)

    def finish_bundle(self):
        held, self._held = self._held, {}
        for key, pairs in held.items():
            yield GlobalWindows.windowed_value((key, pack(pairs)))


class _AssembleDoFn(beam.DoFn):
    def __init__(self, run_id: str):
        self._run_id = run_id

    def process(self, grouped: Tuple[int, Dict[str, List[bytes]]]) -> Iterator[Tuple[str, ArticleRecord]]:
        _bucket, parts = grouped
        values: Dict[str, Dict[str, object]] = {}  # branch -> article_id -> its value (the first one seen)
        for name, batches in parts.items():
            by_id = values.setdefault(name, {})
            for batch in batches:
                for article_id, value in unpack(batch):
                    by_id.setdefault(article_id, value)
        articles = values.pop(ARTICLE, {})
        for article_id, article in articles.items():
            extracted = {name: list(by_id[article_id]) for name, by_id in values.items() if article_id in by_id}
            yield article.entry.source_id, to_record(article, extracted, self._run_id)


class JoinRecords(beam.PTransform):
    """{"article": (id, Article), "<column>": (id, items) ...} -> (source_id, ArticleRecord)."""

    def __init__(self, run_id: str):
        super().__init__()
        self._run_id = run_id

    def expand(self, branches):
        batched = {name: pcoll | f"Batch{_label(name)}" >> beam.ParDo(_BatchDoFn()) for name, pcoll in branches.items()}
        return (batched
                | "CoGroupByArticle" >> beam.CoGroupByKey()
                | "Assemble" >> beam.ParDo(_AssembleDoFn(self._run_id)))


def _label(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))
