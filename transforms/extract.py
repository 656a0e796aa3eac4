"""One extraction step as its own composite transform, run as a parallel branch keyed by article_id.

An extractor is a pure function ``(title, body, ctx) -> list[item]``. A branch guards it: an exception on
one article is counted and leaves that list empty, and an item whose offsets do not point at its text is
dropped and counted, so ``record[field][start:end] == text`` holds for everything written.
"""
from __future__ import annotations

from typing import Callable, Dict, Iterator, List, Sequence, Tuple

import apache_beam as beam

from akhbar.schemas.events import PROBLEMS, Problem
from akhbar.schemas.records import Article, ExtractContext
from akhbar.transforms.dates import extract_dates
from akhbar.transforms.entities import extract_entities
from akhbar.transforms.numbers import extract_numbers
from akhbar.transforms.places import extract_places
from akhbar.transforms.quotes import extract_quotes

Extractor = Callable[[str, str, ExtractContext], Sequence]

#: The branches, by the column each fills. Order does not matter: they run in parallel.
EXTRACTORS: Dict[str, Extractor] = {
    "entities": extract_entities,
    "places": extract_places,
    "dates": extract_dates,
    "quotes": extract_quotes,
    "numbers": extract_numbers,
}


def _points_at_text(item, fields: Dict[str, str]) -> bool:
    text = fields.get(item.field)
    if text is None or not 0 <= item.start < item.end <= len(text):
        return False
    surface = getattr(item, "text", None)  # places carry no text: their surface is field[start:end]
    return surface is None or text[item.start:item.end] == surface


def checked_items(title: str, body: str, items: Sequence) -> Tuple[List, int]:
    """Items whose offsets point at their text, in text order, and how many were not."""
    fields = {"title": title, "body": body}
    good = [i for i in items if _points_at_text(i, fields)]
    good.sort(key=lambda i: (i.field != "title", i.start, i.end))
    return good, len(items) - len(good)


class _ExtractDoFn(beam.DoFn):
    def __init__(self, name: str, fn: Extractor):
        self._name = name
        self._fn = fn
        self._failed = beam.metrics.Metrics.counter("extract", f"{name}_failed")
        self._bad_offsets = beam.metrics.Metrics.counter("extract", f"{name}_bad_offsets")
        self._items = beam.metrics.Metrics.counter("extract", f"{name}_items")

    def process(self, keyed: Tuple[str, Article]) -> Iterator:
        article_id, article = keyed
        title = article.entry.title
        try:
            good, bad = checked_items(title, article.body, list(self._fn(title, article.body, article.context())))
        except Exception as exc:  # one extractor failing on one article costs that list only
            self._failed.inc()
            yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(article.entry.source_id, article.entry.url, "extract",
                                                             f"{self._name}_failed", f"{type(exc).__name__}: {exc}"[:300]))
            good, bad = [], 0
        if bad:
            self._bad_offsets.inc(bad)
        self._items.inc(len(good))
        yield article_id, good


class ExtractBranch(beam.PTransform):
    """(article_id, Article) -> (article_id, [items]) for one extractor; failures on the problems tag."""

    def __init__(self, name: str, fn: Extractor):
        super().__init__(label=name.capitalize())
        self._name = name
        self._fn = fn

    def expand(self, keyed_articles):
        return keyed_articles | "Extract" >> beam.ParDo(_ExtractDoFn(self._name, self._fn)).with_outputs(
            PROBLEMS, main="items")
