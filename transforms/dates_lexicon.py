"""The words of Arabic dates, read once from the data files, and regex pieces built from them.

Matching runs on ``fold_with_map(text)`` (letter variants folded, digits ASCII, harakat and tatweel
removed, with a map back to original offsets), so every pattern here is plain folded letters: أيّار, غداً
and تمّوز match as ايار, غدا and تموز. Lookups use ``key`` (the same folding) of the matched surface.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Dict, Iterable, List, Tuple

from akhbar.transforms.normalize import fold

@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """Lookup key of a surface: folded, harakat dropped, runs of spaces as one space (cached: the date
    builders ask for the same few hundred words' keys again and again)."""
    return " ".join(fold(text).split())


def _rows(name: str) -> List[List[str]]:
    raw = (files("akhbar.transforms") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in raw.splitlines() if line.strip() and not line.startswith("#")]


def fuzzy(word: str) -> str:
    """Regex for one folded word or phrase, any whitespace between its words."""
    return r"\s+".join(re.escape(token) for token in key(word).split(" "))


def alternation(words: Iterable[str]) -> str:
    """One regex for a word list, as a trie (Python's re tries alternatives one by one; a trie makes it
    test each letter once). Greedy with backtracking, so كانون الثاني still wins over a shorter word."""
    trie: dict = {}
    for word in {key(w) for w in words}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def starts(*word_lists: Iterable[str], digits: bool = False) -> str:
    """A lookahead on the letters a pattern can start with: fails fast at the many positions where no
    date can start, before the costlier word-boundary lookbehinds run."""
    chars = {key(w)[0] for words in word_lists for w in words if key(w)}
    body = "".join(re.escape(ch) for ch in sorted(chars)) + (r"\d" if digits else "")
    return "(?=[" + body + "])"


def _trie_regex(node: dict) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        atom = r"\s+" if ch == " " else re.escape(ch)
        branches.append(atom + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here and longer ones go on: the rest is optional
        return "(?:" + body + ")?"
    return body


# A word starts here: nothing word-like before, or one or two proclitics (و ف ب ل ك) that start a word.
B = r"(?:(?<![\w])|(?<=(?<![\w])[وفبلك])|(?<=(?<![\w])[وف][بلك]))"
# A word ends here.
E = r"(?!\w)"
# A word ends here, though a number may stick to it (أكتوبر1991، عام2007).
EL = r"(?![^\W\d_])"
# A number starts here: no digit, decimal mark or slash just before (a letter may touch it: في24).
BN = r"(?<![\d.,/:٫٬])"


@dataclass(frozen=True)
class Month:
    number: int
    calendar: str  # gregorian or hijri
    cue: int  # 0 free, 1 needs a cue (preposition is enough), 2 needs a day, year, شهر or modifier


_ROLES: Dict[Tuple[int, str], Dict[str, str]] = {}


@dataclass(frozen=True)
class Lexicon:
    months: Dict[str, Month]
    weekdays: Dict[str, int]
    ordinals: Dict[str, int]
    cardinals: Dict[str, int]
    tens: Dict[str, int]
    words: Tuple[Tuple[str, str, str], ...]  # (key, role, value); a word may have several roles

    def role(self, role: str) -> Dict[str, str]:
        cached = _ROLES.get((id(self), role))
        if cached is None:
            cached = _ROLES[(id(self), role)] = {k: v for k, r, v in self.words if r == role}
        return cached


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
