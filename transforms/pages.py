"""Article pages: fetch the HTML and take its main text with trafilatura; fall back to the feed's text.

The page is decoded by us (header, BOM, meta charset, then UTF-8, then windows-1256) before trafilatura
sees it, so a page served as text/html with no charset but a meta tag never turns into mojibake.
"""
from __future__ import annotations

import datetime as dt
from typing import Dict, Iterator, Optional, Tuple

import apache_beam as beam
import trafilatura

from akhbar.schemas.events import PROBLEMS, Problem
from akhbar.schemas.records import Article, FeedEntry
from akhbar.transforms import encoding, http
from akhbar.transforms.text import clean_lines

#: A page text shorter than this, and shorter than the feed's own text, is not trusted as the body.
MIN_PAGE_CHARS = 80


def main_text(body: bytes, headers: Dict[str, str], url: str) -> str:
    """The article's main text, one paragraph per line, or "" when trafilatura finds none."""
    if not body:
        return ""
    markup = encoding.decode(body, headers)
    text = trafilatura.extract(markup, url=url, output_format="txt", include_comments=False,
                               include_tables=False, favor_precision=True, deduplicate=False)
    return clean_lines(text or "")


def choose_body(entry: FeedEntry, page_text: str) -> Tuple[str, str]:
    """(body, body_source): the page text, else the feed's full content, else its summary."""
    feed_best = max((entry.content, entry.summary), key=len)
    if page_text and (len(page_text) >= MIN_PAGE_CHARS or len(page_text) >= len(feed_best)):
        return page_text, "page"
    if entry.content:
        return entry.content, "feed_content"
    return entry.summary, "summary"


class _FetchPageDoFn(beam.DoFn):
    def __init__(self, policy: http.FetchPolicy, clock=None):
        self._policy = policy
        self._clock = clock
        self._fallbacks = beam.metrics.Metrics.counter("pages", "fallback_to_feed")

    def process(self, element: Tuple[FeedEntry, dt.datetime]) -> Iterator:
        entry, feed_fetched_at = element
        page_text: Optional[str] = ""
        fetched_at = feed_fetched_at
        if entry.task.fetch.pages:
            fetched_at = (self._clock or _utcnow)()
            result = http.fetch(entry.url, self._policy, http.PAGE_MAX_BYTES,
                                headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"})
            if result.ok:
                try:
                    page_text = main_text(result.body or b"", result.headers, result.final_url)
                except Exception as exc:  # a hostile page costs its own text, not the article
                    yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(entry.source_id, entry.url, "page", "extract_error",
                                                                     f"{type(exc).__name__}: {exc}"[:300]))
            else:
                yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(entry.source_id, entry.url, "page", result.outcome,
                                                                 result.message))
        body, body_source = choose_body(entry, page_text or "")
        if entry.task.fetch.pages and body_source != "page":
            self._fallbacks.inc()
        yield Article(entry=entry, body=body, body_source=body_source, fetched_at=fetched_at)


class FetchPages(beam.PTransform):
    """(FeedEntry, feed fetched_at) -> Article with its best body; page failures keep the feed's text."""

    def __init__(self, policy: http.FetchPolicy, clock=None):
        super().__init__()
        self._policy = policy
        self._clock = clock

    def expand(self, entries):
        return entries | "FetchAndExtract" >> beam.ParDo(_FetchPageDoFn(self._policy, self._clock)).with_outputs(
            PROBLEMS, main="articles")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
