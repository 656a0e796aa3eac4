"""Is this article Arabic? A pure decision on the best text available, in a bounded sample.

The hard neighbours are not English but Persian, Urdu, Pashto, Sorani, Uyghur and Kazakh, written in the
same script, on texts as short as a feed title. The gate asks, in order, and stops at the first clear answer:

1. script: is most of the text Arabic script at all? (Latin names and acronyms inside Arabic are fine.)
2. letters: letters the Arabic alphabet lacks (``script_stats``). Several of the ones Arabic never writes
   (ټ ړ ښ ڼ ے ں ٹ ە ێ ڕ ڵ ۆ ...) at a rate no Arabic text shows decide "not Arabic"; the ones some Arabic
   writers use (Iraqi and Gulf گ چ, keyboard-habit ی ک ھ) never decide alone.
3. words: Arabic particles, the article ال and the ending ة against Persian, Pashto and Urdu function
   words (``language_words``), matched across both keyboards.
4. langdetect, seeded, over the Arabic-script words only with the shared letters masked
   (``language_detect``); a text with no foreign sign at all (no foreign letter, no foreign word) is Arabic.
Steps 1-3 need no langdetect: most Arabic articles are decided there, cheaply (the fast path).
Cost is bounded: the sample is at most ``SAMPLE_CHARS`` characters whatever the body length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from akhbar.transforms.language_detect import arabic_script_probs, best_language
from akhbar.transforms.language_words import WordCues, word_cues
from akhbar.transforms.script_stats import ScriptStats, normalize_forms, script_stats

TITLE_CHARS = 300
SUMMARY_CHARS = 700
SAMPLE_CHARS = 1600  # title + summary + the start of the body, never more
DETECTOR_CHARS = 600  # langdetect sees at most this much of the Arabic-script words
MIN_ARABIC_SHARE = 0.3  # of all letters; below it the text is in another script with Arabic words in it
STRONG_RATE = 0.01  # strong letters per Arabic-script letter from which a text is not Arabic
MIN_ARABIC_WORD_SHARE = 0.2  # Arabic cue words per word for the words step to say Arabic
DETECTOR_AR = 0.5  # langdetect's P(ar) needed when no foreign word was seen
DETECTOR_AR_AGAINST_WORDS = 0.8  # ... and when one was
CLEAN_LETTER_MISS = 0.97
_SHARED_NON_KEYBOARD = "گچپژ"  # shared letters that are not typed for an Arabic letter by habit
_LINK_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")


@dataclass(frozen=True)
class LanguageVerdict:
    """The gate's answer. ``reason`` opens with the step that decided (empty, script, letters, words,
    langdetect) followed by the evidence, e.g. "letters: 6 of 41 letters are ps letters"."""

    is_arabic: bool
    language: str  # ISO 639 code of the best guess ("ar", "fa", "ps", "ckb", "ur", "en", ... or "und")
    score: float  # 0..1: for Arabic the confidence that it is Arabic, otherwise that it is not
    reason: str = ""
    arabic_share: float = 0.0  # share of the sample's letters in Arabic script
    sample_chars: int = 0  # characters judged


def build_sample(title: str, summary: str, body: str) -> str:
    """Title, summary and the start of the body; bounded so cost does not grow with the article.
    Links and e-mail addresses are dropped: their Latin letters say nothing about the language."""
    head = "\n".join(p for p in ((title or "")[:TITLE_CHARS], (summary or "")[:SUMMARY_CHARS]) if p)
    room = SAMPLE_CHARS - len(head) - 1
    sample = f"{head}\n{body[:room]}" if body and room > 0 else head
    return normalize_forms(_LINK_RE.sub(" ", sample).strip())[:SAMPLE_CHARS]


def _margin_score(margin: float, clean_letters: int = 0) -> float:
    """Confidence from counted cues: each cue halves the chance of being wrong, and so does every run of
    about 23 letters without any foreign sign (Persian typed on an Arabic keyboard still shows
    گ پ چ ژ or ZWNJ at about 3 letters in 100: 0.97 ** 23 = 0.5)."""
    return round(1.0 - 0.5 ** max(1.0, margin) * CLEAN_LETTER_MISS ** clean_letters, 4)


def _top(counts: dict) -> str:
    return max(sorted(counts), key=counts.__getitem__)


def _verdict(is_arabic: bool, lang: str, score: float, reason: str, stats: ScriptStats, n: int) -> LanguageVerdict:
    return LanguageVerdict(is_arabic, lang, round(float(score), 4), reason, round(stats.arabic_share, 4), n)


def _foreign_signs(stats: ScriptStats, cues: WordCues) -> int:
    return stats.strong + stats.weak + stats.zwnj + stats.ext_digits + cues.foreign


def judge(title: str, summary: str, body: str) -> LanguageVerdict:
    """Decide on title, summary and the start of the body, in a bounded sample."""
    sample = build_sample(title, summary, body)
    n = len(sample)
    stats = script_stats(sample)
    if stats.letters == 0:
        return LanguageVerdict(False, "und", 0.0, "empty: no letters", 0.0, n)
    # 1. script
    if stats.arabic_share < MIN_ARABIC_SHARE:
        lang, prob = best_language(sample)
        return _verdict(False, lang, prob, f"script: {stats.arabic_share:.2f} of letters Arabic script", stats, n)
    cues = word_cues(sample)
    # 2. letters Arabic never writes: two or more, or one with another foreign sign, at >= 1% of letters
    if stats.strong and stats.strong >= STRONG_RATE * stats.arabic_letters:
        other = stats.zwnj + stats.ext_digits + cues.foreign + sum(
            stats.weak_letters.get(ch, 0) for ch in _SHARED_NON_KEYBOARD)
        if stats.strong >= 2 or other:
            lang = _top(stats.strong_langs)
            why = f"letters: {stats.strong} of {stats.arabic_letters} letters are {lang} letters"
            return _verdict(False, lang, _margin_score(stats.strong + other), why, stats, n)
    # 3. words
    a, f = cues.arabic, cues.foreign
    incidental = stats.strong < STRONG_RATE * stats.arabic_letters  # e.g. one Kurdish letter in a name
    clean = stats.arabic_letters if _foreign_signs(stats, cues) == 0 else 0
    if f == 0 and a >= 2 and a >= MIN_ARABIC_WORD_SHARE * cues.words and incidental:
        return _verdict(True, "ar", _margin_score(a, clean), f"words: {a} Arabic cue words in {cues.words}",
                        stats, n)
    if f >= 2 and f > a:
        lang = _top(cues.foreign_langs)
        return _verdict(False, lang, _margin_score(f - a), f"words: {f} {lang} words, {a} Arabic", stats, n)
    # 4. langdetect on the Arabic-script words, shared letters masked
    if clean:
        return _verdict(True, "ar", _margin_score(a, clean), "letters: no foreign letter or word", stats, n)
    probs = arabic_script_probs(stats.arabic_text[:DETECTOR_CHARS])
    p_ar = probs.get("ar", 0.0)
    if p_ar >= (DETECTOR_AR if f == 0 else DETECTOR_AR_AGAINST_WORDS):
        return _verdict(True, "ar", p_ar, f"langdetect: ar {p_ar:.2f}", stats, n)
    if not probs:
        return _verdict(False, "und", 0.0, "langdetect: no known n-gram", stats, n)
    lang = _top(probs)
    if stats.strong:  # a lone strong letter still names the language better than the fa/ur profiles
        lang = _top(stats.strong_langs)
    return _verdict(False, lang, 1.0 - p_ar, f"langdetect: ar {p_ar:.2f}", stats, n)
