"""Number words, units and skip words for number extraction, read from transforms/data.

Every word is folded with ``normalize.normalize_for_match`` and stripped of the placeholder it leaves for
diacritics, so «قتيلاً» in the text and «قتيلا» in the list meet.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Dict, FrozenSet, List, Optional, Tuple

from akhbar.transforms.normalize import PLACEHOLDER, normalize_for_match


def key(word: str) -> str:
    """The look-up form of a word: folded letters, no diacritics or tatweel."""
    return normalize_for_match(word).replace(PLACEHOLDER, "")


def _rows(name: str) -> List[List[str]]:
    raw = (files("akhbar.transforms") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def number_words() -> Dict[str, Tuple[float, str]]:
    """Folded number word -> (value, kind); kinds are described in number_words.tsv."""
    return {key(w): (float(v), k.strip()) for w, v, k in _rows("number_words.tsv")}


@lru_cache(maxsize=None)
def units() -> Dict[Tuple[str, ...], str]:
    """Folded unit form (a tuple of words) -> unit name."""
    out: Dict[Tuple[str, ...], str] = {}
    for row in _rows("units.tsv"):
        out[tuple(key(w) for w in row[0].split())] = row[1].strip()
    return out


@lru_cache(maxsize=None)
def duals() -> Dict[str, str]:
    """Folded dual noun that counts two by itself (عامين) -> unit name."""
    return {key(r[0]): r[1].strip() for r in _rows("units.tsv") if len(r) > 2 and r[2].strip() == "dual"}


@lru_cache(maxsize=None)
def longest_unit() -> int:
    return max(len(k) for k in units())


@lru_cache(maxsize=None)
def _by_country() -> Dict[Tuple[str, str], str]:
    return {(u, c): code.strip() for u, c, code in _rows("units_by_country.tsv")}


def resolve_unit(unit: str, country: Optional[str]) -> str:
    """«dinar?» -> IQD for an Iraqi source; the generic name (dinar) when the country does not say."""
    if not unit.endswith("?"):
        return unit
    generic = unit[:-1]
    return _by_country().get((generic, (country or "").upper()), generic)


@lru_cache(maxsize=None)
def skip_after() -> FrozenSet[str]:
    """Month names: a small number before one is a day of the month."""
    return frozenset(key(r[0]) for r in _rows("number_skip.txt"))
