"""The words of Arabic dates, read once from the data files, and regex pieces built from them.

Matching runs on ``normalize_for_match(text)`` (same length as the text, letter variants folded, digits
ASCII, harakat and tatweel turned into U+0640), so every pattern here is written in folded letters and lets
U+0640 appear between letters: أيّار, غداً and تمّوز match like ايار, غدا and تموز, and offsets stay those of
the original text. Lookups use ``fold`` of the matched surface.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Dict, Iterable, List, Tuple

from akhbar.transforms.normalize import fold

TATWEEL = "\u0640"


def key(text: str) -> str:
    """Lookup key of a surface: folded, harakat dropped, runs of spaces as one space."""
    return " ".join(fold(text).split())


def _rows(name: str) -> List[List[str]]:
    raw = (files("akhbar.transforms") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in raw.splitlines() if line.strip() and not line.startswith("#")]


def fuzzy(word: str) -> str:
    """Regex for one folded word or phrase: U+0640 allowed after each letter, any whitespace between words."""
    parts = []
    for token in key(word).split(" "):
        parts.append("".join(re.escape(ch) + TATWEEL + "*" for ch in token))
    return r"\s+".join(parts)


def alternation(words: Iterable[str]) -> str:
    """Non-capturing alternation, longest first so that كانون الثاني wins over a shorter prefix."""
    uniq = sorted({key(w) for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(fuzzy(w) for w in uniq) + ")"


# A word starts here: nothing word-like before, or one or two proclitics (و ف ب ل ك) that start a word.
B = r"(?:(?<![\w])|(?<=(?<![\w])[وفبلك])|(?<=(?<![\w])[وف][بلك]))"
# A word ends here (trailing harakat/tatweel allowed).
E = TATWEEL + r"*(?!\w)"
# A number starts here: no digit, decimal mark or slash just before (a letter may touch it: في24).
BN = r"(?<![\d.,/:٫٬])"


@dataclass(frozen=True)
class Month:
    number: int
    calendar: str  # gregorian or hijri
    cue: int  # 0 free, 1 needs a cue (preposition is enough), 2 needs a day, year, شهر or modifier


@dataclass(frozen=True)
class Lexicon:
    months: Dict[str, Month]
    weekdays: Dict[str, int]
    ordinals: Dict[str, int]
    cardinals: Dict[str, int]
    tens: Dict[str, int]
    words: Tuple[Tuple[str, str, str], ...]  # (key, role, value); a word may have several roles

    def role(self, role: str) -> Dict[str, str]:
        return {k: v for k, r, v in self.words if r == role}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    months: Dict[str, Month] = {}
    for name, number, calendar, _system, cue in _rows("months.tsv"):
        months[key(name)] = Month(int(number), calendar, int(cue))
    weekdays = {key(name): int(n) for name, n in _rows("date_weekdays.tsv")}
    ordinals: Dict[str, int] = {}
    cardinals: Dict[str, int] = {}
    tens: Dict[str, int] = {}
    for word, value, role in _rows("date_numbers.tsv"):
        {"ordinal": ordinals, "cardinal": cardinals, "tens": tens}[role][key(word)] = int(value)
    words = tuple((key(p), role, value) for p, role, value in _rows("date_words.tsv"))
    return Lexicon(months, weekdays, ordinals, cardinals, tens, words)
