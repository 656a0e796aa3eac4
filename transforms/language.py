"""Is this article Arabic? A pure decision on the best text available (walking-skeleton version)."""
from __future__ import annotations

from dataclasses import dataclass

from langdetect import DetectorFactory, LangDetectException, detect_langs

# langdetect is random unless seeded; same input must give the same output.
DetectorFactory.seed = 0

_SAMPLE_CHARS = 2000


@dataclass(frozen=True)
class LanguageVerdict:
    is_arabic: bool
    language: str  # ISO 639 code of the best guess ("ar", "fa", "en", ... or "und")
    score: float  # probability of ``language``
    reason: str = ""


def judge(title: str, summary: str, body: str) -> LanguageVerdict:
    """Decide on title, summary and the start of the body, in a bounded sample."""
    sample = "\n".join(t for t in (title, summary, body[:_SAMPLE_CHARS]) if t).strip()
    if not sample:
        return LanguageVerdict(False, "und", 0.0, "empty")
    try:
        guesses = detect_langs(sample)
    except LangDetectException:
        return LanguageVerdict(False, "und", 0.0, "undetectable")
    best = guesses[0]
    return LanguageVerdict(best.lang == "ar", best.lang, float(best.prob), "langdetect")
