"""Partition keys and rows for the datasets written: (date, source) -> row."""
from __future__ import annotations

from typing import Tuple

from akhbar.schemas.articles import ArticleRecord
from akhbar.schemas.records import Article
from akhbar.transforms.feeds import usable_time
from akhbar.transforms.sink import date_of, partition_date


def article_partition_row(keyed: Tuple[str, ArticleRecord]):
    source_id, record = keyed
    return (partition_date(record), source_id), record


def reject_partition_row(rejected: Tuple[Article, str], run_id: str):
    article, reason = rejected
    entry = article.entry
    published = usable_time(entry.published_at, article.fetched_at)
    date = date_of(entry.published_at, article.fetched_at)
    row = {"article_id": entry.article_id, "url": entry.url, "feed_url": entry.feed_url, "title": entry.title,
           "summary": entry.summary, "body": article.body, "body_source": article.body_source,
           "published_at": published, "fetched_at": article.fetched_at, "language": article.language,
           "language_score": article.language_score, "reason": reason, "run_id": run_id}
    return (date, entry.source_id), row
