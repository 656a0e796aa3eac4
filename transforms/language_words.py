"""Word cues: the short function words and word shapes that tell Arabic from Persian, Pashto and Urdu.

Letters alone cannot: a Persian keyboard used for Arabic writes ی and ک, an Arabic keyboard used for Persian
writes ي and ك, and then only the words differ. Arabic shows its article (ال), its feminine ending (ة) and
a closed set of particles (في على التي ...); Persian shows را است از که ..., Pashto د په کې چې ...
The word list is ``data/language_words.tsv`` (with the collisions that were left out, and its sources).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Dict

# Keyboard variants folded before matching, so either keyboard finds the same words (and tatweel dropped).
_FOLD = (("ی", "ي"), ("ک", "ك"), ("ھ", "ه"), ("ۀ", "ه"), ("\u0640", ""))
_MARKS = re.compile("[\u064b-\u065f\u0670]")  # harakat, tanween and dagger alef do not change the word
# Tokens: runs of Arabic-script letters; ZWNJ splits (Persian می‌کند -> می, کند).
_TOKEN = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u0750-\u077f\u08a0-\u08ff]+")
_AL = re.compile("^(?:[وفبكل]?ال|لل).{2,}")
# The Pashto particle د ("of") stands alone before a word; alone elsewhere it is a letter label in Arabic
# ("المادة 5/د", "فيتامين د", the abbreviation "د." for doctor).
_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5"
_PASHTO_D = re.compile(f"(?:^|(?<=\\s))د (?=[{_LETTERS}])")


def fold(text: str) -> str:
    for a, b in _FOLD:  # str.replace runs in C; str.translate with a dict does not
        text = text.replace(a, b)
    return text


@lru_cache(maxsize=1)
def word_table() -> Dict[str, str]:
    """folded word -> language (ar, fa, ps, ur), read once from data/language_words.tsv."""
    table: Dict[str, str] = {}
    text = (files("akhbar.transforms") / "data" / "language_words.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, lang = line.split("\t")[:2]
            table[fold(word)] = lang
    return table


@dataclass(frozen=True)
class WordCues:
    words: int = 0
    arabic: int = 0  # Arabic function words + words with the article + words ending in ة
    foreign: int = 0  # function words of fa / ps / ur
    foreign_langs: Dict[str, int] = field(default_factory=dict)


def word_cues(text: str) -> WordCues:
    """Count Arabic and non-Arabic word cues in the Arabic-script words of ``text`` (the text as written:
    punctuation matters for د)."""
    table = word_table()
    folded = _MARKS.sub("", fold(text))
    arabic = foreign = words = 0
    langs: Counter = Counter()
    for token, count in Counter(_TOKEN.findall(folded)).items():
        word = token.rstrip(".")
        words += count
        lang = table.get(word)
        if lang == "ar" or _AL.match(word) or (len(word) > 2 and word.endswith("ة")):
            arabic += count
        elif lang and word != "د":
            foreign += count
            langs[lang] += count
    pashto_d = len(_PASHTO_D.findall(folded))
    if pashto_d:
        foreign += pashto_d
        langs["ps"] += pashto_d
    return WordCues(words, arabic, foreign, dict(sorted(langs.items())))
