"""ArabicGate: keep Arabic articles; everything else leaves as a counted ``not_arabic`` problem."""
from __future__ import annotations

import dataclasses
from typing import Iterator

import apache_beam as beam

from akhbar.schemas.events import PROBLEMS, Problem
from akhbar.schemas.records import Article
from akhbar.transforms.language import judge

REJECTS = "rejects"


class _GateDoFn(beam.DoFn):
    def __init__(self):
        self._kept = beam.metrics.Metrics.counter("language", "arabic")
        self._dropped = beam.metrics.Metrics.counter("language", "not_arabic")

    def process(self, article: Article) -> Iterator:
        entry = article.entry
        verdict = judge(entry.title, entry.summary, article.body)
        judged = dataclasses.replace(article, language=verdict.language, language_score=verdict.score)
        if verdict.is_arabic:
            self._kept.inc()
            yield judged
            return
        self._dropped.inc()
        yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(entry.source_id, entry.url, "language", "not_arabic",
                                                         f"{verdict.language} ({verdict.reason})"))
        if entry.task.keep_rejects:
            yield beam.pvalue.TaggedOutput(REJECTS, (judged, verdict.reason))


class ArabicGate(beam.PTransform):
    """Article -> Arabic Article (language fields set); rejects tagged for counting and keep_rejects."""

    def expand(self, articles):
        return articles | "Judge" >> beam.ParDo(_GateDoFn()).with_outputs(PROBLEMS, REJECTS, main="arabic")
