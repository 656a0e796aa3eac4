"""Records that travel between the pipeline's steps (not written as datasets)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional, Tuple


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how far to fetch one source (``defaults.fetch`` merged with the source's own)."""

    pages: bool = True
    concurrency_per_host: int = 2
    delay_seconds: float = 1.0


@dataclass(frozen=True)
class FeedTask:
    """One feed URL of one source, as the sources file asks for it."""

    source_id: str
    feed_url: str
    country: Optional[str] = None
    timezone: str = "UTC"
    fetch: FetchSettings = field(default_factory=FetchSettings)
    keep_rejects: bool = False


@dataclass(frozen=True)
class FeedEntry:
    """One item of a parsed feed, with the feed's own text."""

    source_id: str
    feed_url: str
    url: str  # canonical URL
    article_id: str
    title: str
    summary: str
    content: str  # the feed's full content (content:encoded, Atom content), plain text; "" when absent
    authors: Tuple[str, ...]
    published_at: Optional[dt.datetime]  # aware, UTC
    task: FeedTask


@dataclass(frozen=True)
class ExtractContext:
    """What an extractor may know besides the text: anchors relative dates and breaks place ties."""

    source_id: str
    country: Optional[str]
    timezone: str
    published_at: Optional[dt.datetime]
    fetched_at: dt.datetime


@dataclass(frozen=True)
class Article:
    """An article with its main text, before and after the Arabic gate."""

    entry: FeedEntry
    body: str
    body_source: str  # page, feed_content or summary
    fetched_at: dt.datetime
    language: str = ""
    language_score: float = 0.0

    @property
    def article_id(self) -> str:
        return self.entry.article_id

    def context(self) -> ExtractContext:
        return ExtractContext(
            source_id=self.entry.source_id,
            country=self.entry.task.country,
            timezone=self.entry.task.timezone,
            published_at=self.entry.published_at,
            fetched_at=self.fetched_at,
        )
