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
_EXT_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # Persian/Urdu digits; Arabic writes ٠١٢٣٤٥٦٧٨٩
# Arabic-script letters; the Arabic alphabet proper is U+0621-U+063A and U+0641-U+064A.
_EXTENDED = "\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9"  # supplements, extended-A
_LETTER = f"\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5{_EXTENDED}"
_BEYOND_ALPHABET = f"\u0620\u063b-\u063f\u066e\u066f\u0671-\u06d3\u06d5{_EXTENDED}"
_MARK = "\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200c"  # tatweel, harakat, Quranic marks, ZWNJ
# A word in Arabic script: a letter, then letters, marks, tatweel and ZWNJ.
_WORD_RE = re.compile(f"[{_LETTER}][{_LETTER}{_MARK}]*")
_NOT_LETTER_RE = re.compile(r"[\W\d_]+")
_NOT_ARABIC_LETTER_RE = re.compile(f"[^{_LETTER}]+")
_NOT_LATIN_LETTER_RE = re.compile("[^A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")
# Everything the counts below look at one by one: letters beyond the alphabet, ZWNJ, Persian digits.
_NOTABLE_RE = re.compile(f"[{_BEYOND_ALPHABET}\u200c{_EXT_DIGITS}]")
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


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
    strong_langs: Dict[str, int] = field(default_factory=dict)  # their languages ("und": a letter not listed)
    weak: int = 0  # letters some Arabic writers also use (گ چ پ ژ ک ی ھ)
    weak_letters: Dict[str, int] = field(default_factory=dict)
    zwnj: int = 0
    ext_digits: int = 0
    words: int = 0  # Arabic-script words
    arabic_text: str = ""  # the Arabic-script words only, space separated

    @property
    def arabic_share(self) -> float:
        return self.arabic_letters / self.letters if self.letters else 0.0


def normalize_forms(text: str) -> str:
    """Fold presentation forms (ﻟ ﺎ ﻷ ...) to the plain letters; some sites still publish them."""
    if _PRESENTATION_RE.search(text):
        return unicodedata.normalize("NFKC", text)
    return text


def script_stats(text: str) -> ScriptStats:
    """Count letters by script and by what they say about Arabic; linear in ``len(text)``, all in C loops
    but for the few letters beyond the Arabic alphabet."""
    table = letter_table()
    strong = weak = zwnj = ext_digits = 0
    strong_langs: Counter = Counter()
    weak_letters: Dict[str, int] = {}
    for ch, n in sorted(Counter(_NOTABLE_RE.findall(text)).items()):
        if ch == ZWNJ:
            zwnj = n
            continue
        if ch in _EXT_DIGITS:
            ext_digits += n
            continue
        cls, langs = table.get(ch, ("strong", ("und",)))
        if cls == "strong":
            strong += n
            for lang in langs:
                strong_langs[lang] += n
        elif cls == "weak":
            weak += n
            weak_letters[ch] = n
    words = _WORD_RE.findall(text)
    return ScriptStats(
        letters=len(_NOT_LETTER_RE.sub("", text)), arabic_letters=len(_NOT_ARABIC_LETTER_RE.sub("", text)),
        latin_letters=len(_NOT_LATIN_LETTER_RE.sub("", text)), strong=strong,
        strong_langs=dict(sorted(strong_langs.items())), weak=weak, weak_letters=weak_letters,
        zwnj=zwnj, ext_digits=ext_digits, words=len(words), arabic_text=" ".join(words))
