"""Join: the Arabic article and every extraction branch, CoGrouped on article_id, become one record.

Every branch's values cross the CoGroupByKey packed (transforms/packing.py): the local runner holds the
whole join in its launcher process, and there one bytes object per value is far smaller than the
decoded Article and item objects.
"""
from __future__ import annotations

import hashlib
from typing import Dict, Iterator, List, Tuple

import apache_beam as beam

from akhbar.schemas.articles import ArticleRecord
from akhbar.schemas.records import Article
from akhbar.transforms.feeds import usable_time
from akhbar.transforms.packing import pack_value, unpack

ARTICLE = "article"
DUPLICATE_OF = "duplicate_of"  # the branch of (article_id, [original article_id]) marks


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


class _AssembleDoFn(beam.DoFn):
    def __init__(self, run_id: str):
        self._run_id = run_id

    def process(self, grouped: Tuple[str, Dict[str, List]]) -> Iterator[Tuple[str, ArticleRecord]]:
        _article_id, parts = grouped
        articles = list(parts[ARTICLE])
        if not articles:
            return
        extracted = {name: (list(_unpacked(items[0])) if items else []) for name, items in parts.items()
                     if name != ARTICLE for items in [list(items)]}
        article = _unpacked(articles[0])
        yield article.entry.source_id, to_record(article, extracted, self._run_id)


def _unpacked(value):
    return unpack(value) if isinstance(value, bytes) else value


class JoinRecords(beam.PTransform):
    """{"article": (id, Article), "<column>": (id, items) ...} -> (source_id, ArticleRecord)."""

    def __init__(self, run_id: str):
        super().__init__()
        self._run_id = run_id

    def expand(self, branches):
        packed = {name: pcoll | f"Pack{_label(name)}" >> beam.MapTuple(pack_value) for name, pcoll in branches.items()}
        return (packed
                | "CoGroupByArticle" >> beam.CoGroupByKey()
                | "Assemble" >> beam.ParDo(_AssembleDoFn(self._run_id)))


def _label(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))
