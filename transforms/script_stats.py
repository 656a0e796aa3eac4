"""Letter statistics of a text: how much of it is Arabic script, and which letters point away from Arabic.

Persian, Urdu, Pashto, Central Kurdish (Sorani), Uyghur and Kazakh share the Arabic script; what sets them
apart on a short text is a handful of letters the Arabic alphabet does not have. The letter table lives in
``data/language_letters.tsv`` (with its sources); this module only counts.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Dict, Tuple

ZWNJ = "\u200c"  # Persian, Sorani and Pashto write it inside words; Arabic does not
_EXT_DIGITS = frozenset("۰۱۲۳۴۵۶۷۸۹")  # Persian/Urdu digits; Arabic writes ٠١٢٣٤٥٦٧٨٩
# Letters of the Arabic alphabet proper (hamza forms, teh marbuta and alef maksura included).
_ARABIC_ALPHABET = frozenset(chr(c) for c in range(0x0621, 0x064B) if chr(c).isalpha())
# Signs that Arabic writes and the neighbours rarely do: teh marbuta, alef maksura, hamza on alef, tanween.
_ARABIC_CUES = frozenset("ةىأإؤ\u064b\u064c\u064d")
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))
# A word in Arabic script: letters, marks, tatweel and ZWNJ inside a word.
_WORD_RE = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\u200c]+")
# Words opening with the article (al-), with a leading conjunction or preposition.
_AL_RE = re.compile("^(?:[وفبكل]?ال|لل)..")


def is_arabic_script(ch: str) -> bool:
    o = ord(ch)
    return any(lo <= o <= hi for lo, hi in _ARABIC_RANGES)


@lru_cache(maxsize=1)
def letter_table() -> Dict[str, Tuple[str, Tuple[str, ...]]]:
    """letter -> (class, languages), read once from data/language_letters.tsv."""
    table: Dict[str, Tuple[str, Tuple[str, ...]]] = {}
    text = (files("akhbar.transforms") / "data" / "language_letters.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, cls, langs, _note = line.split("\t", 3)
        table[chr(int(code[2:], 16))] = (cls, tuple(langs.split()))
    return table


@dataclass(frozen=True)
class ScriptStats:
    letters: int = 0  # all alphabetic characters
    arabic_letters: int = 0  # letters in the Arabic-script blocks
    latin_letters: int = 0
    strong: int = 0  # letters Arabic never writes
    strong_langs: Dict[str, int] = field(default_factory=dict)  # which languages those letters belong to
    weak: int = 0  # letters some Arabic writers also use (گ چ پ ژ ک ی ھ)
    weak_letters: Dict[str, int] = field(default_factory=dict)
    zwnj: int = 0
    ext_digits: int = 0
    arabic_cues: int = 0  # ة ى أ إ ؤ and tanween
    words: int = 0  # Arabic-script words
    al_words: int = 0  # of which open with the article al-
    arabic_text: str = ""  # the Arabic-script words only, space separated

    @property
    def arabic_share(self) -> float:
        return self.arabic_letters / self.letters if self.letters else 0.0


def normalize_forms(text: str) -> str:
    """Fold presentation forms (ﻟ ﺎ ﻷ ...) to the plain letters; some sites still publish them."""
    if any(0xFB50 <= ord(ch) <= 0xFEFF for ch in text):
        return unicodedata.normalize("NFKC", text)
    return text


def script_stats(text: str) -> ScriptStats:
    """Count letters by script and by what they say about Arabic; linear in ``len(text)``."""
    table = letter_table()
    counts = Counter(text)
    letters = arabic = latin = strong = weak = cues = 0
    strong_langs: Counter = Counter()
    weak_letters: Dict[str, int] = {}
    for ch, n in counts.items():
        if not ch.isalpha():
            continue
        letters += n
        if not is_arabic_script(ch):
            if ch.isascii() or "LATIN" in unicodedata.name(ch, ""):
                latin += n
            continue
        arabic += n
        if ch in _ARABIC_ALPHABET:
            if ch in _ARABIC_CUES:
                cues += n
            continue
        cls, langs = table.get(ch, ("strong", ("other",)))
        if cls == "strong":
            strong += n
            for lang in langs:
                strong_langs[lang] += n
        elif cls == "weak":
            weak += n
            weak_letters[ch] = n
    cues += sum(counts.get(m, 0) for m in "\u064b\u064c\u064d")
    words = _WORD_RE.findall(text)
    words = [w.strip(ZWNJ) for w in words if any(c.isalpha() for c in w)]
    al_words = sum(1 for w in words if _AL_RE.match(w))
    return ScriptStats(
        letters=letters, arabic_letters=arabic, latin_letters=latin, strong=strong,
        strong_langs=dict(sorted(strong_langs.items())), weak=weak, weak_letters=weak_letters,
        zwnj=counts.get(ZWNJ, 0), ext_digits=sum(counts.get(d, 0) for d in _EXT_DIGITS),
        arabic_cues=cues, words=len(words), al_words=al_words, arabic_text=" ".join(words))
