"""One-pass matching of many folded phrases in a folded text, with Arabic proclitics and the article.

Phrases are stored without their article (العراق -> عراق, needs article), so one automaton finds
العراق, بالعراق, والعراق and للعراق; the letters before the hit in the same word must be an allowed
proclitic chain, and the hit must end at a word end. Used by the gazetteer and the organization list.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Dict, Iterable, List, Sequence, Tuple

import ahocorasick

from akhbar.transforms.arabic_text import CLITICS_ARTICLE, CLITICS_PLAIN, Folded

_PLAIN = frozenset(CLITICS_PLAIN)
_ARTICLE = frozenset(CLITICS_ARTICLE)


@dataclass(frozen=True)
class Hit:
    """A phrase hit: folded span (article or لل included, other proclitics not), original span, payloads."""

    fstart: int
    fend: int
    start: int
    end: int
    core: str
    values: Tuple[object, ...]
    word_start: int  # folded offset where the first word (with its proclitics) begins


def split_article(key: str) -> Tuple[str, bool]:
    """(core, needs_article) for a folded key."""
    if key.startswith("ال") and len(key) > 3:
        return key[2:], True
    return key, False


class PhraseMatcher:
    """Aho-Corasick automaton over folded phrase cores; each core carries (value, needs_article) pairs.

    Every matcher of the process is also in one shared automaton (``_Shared``): the entity extractor runs
    six matchers over each field, and one scan of the text serves them all (the scan is most of the cost).
    ``self.automaton`` stays, for lookups such as ``exists``.
    """

    def __init__(self, items: Iterable[Tuple[str, object]]):
        table: Dict[str, List[Tuple[object, bool]]] = {}
        for key, value in items:
            core, art = split_article(key)
            if len(core) >= 2:
                table.setdefault(core, []).append((value, art))
        self.size = len(table)
        self.automaton = ahocorasick.Automaton()
        self._cores = {core: (core, tuple(values)) for core, values in table.items()}
        for core, payload in self._cores.items():
            self.automaton.add_word(core, payload)
        if table:
            self.automaton.make_automaton()
            _SHARED.add(self)

    def find(self, ft: Folded, resolve: bool = True) -> List[Hit]:
        """Valid hits in text order; with ``resolve`` overlapping hits give way to the longest."""
        if not self.size:
            return []
        text = ft.text
        n = len(text)
        found: List[Hit] = []
        for last, (core, values) in _SHARED.raw_hits(ft, self):
            fend = last + 1
            if fend < n and text[fend].isalnum():
                continue
            fstart = fend - len(core)
            ws = fstart
            while ws > 0 and text[ws - 1].isalnum():
                ws -= 1
            prefix = text[ws:fstart]
            ok = tuple(v for v, art in values if (prefix in _ARTICLE if art else prefix in _PLAIN))
            if not ok:
                continue
            has_art = any(art for v, art in values if (prefix in _ARTICLE if art else prefix in _PLAIN))
            span_start = fstart - 2 if has_art else fstart  # keep the article (or the لل that replaced it)
            start, end = ft.span(span_start, fend)
            found.append(Hit(span_start, fend, start, end, core, ok, ws))
        return longest_non_overlapping(found) if resolve else found


class _Shared:
    """One automaton over the cores of every live matcher, and the raw hits of the last text scanned.

    Hits come out per matcher in the order the matcher's own automaton gives them (by end offset, then
    longest first: both follow the same suffix chain). Rebuilt lazily when a matcher is created or freed.
    """

    def __init__(self):
        self._matchers: List[weakref.ref] = []
        self._automaton = None
        self._last = None  # (folded text, {matcher id: hits}) of the last scan

    def add(self, matcher: PhraseMatcher) -> None:
        self._matchers = [r for r in self._matchers if r() is not None]
        self._matchers.append(weakref.ref(matcher, self._forget))
        self._automaton = None
        self._last = None  # a matcher made between two lookups on one text would find nothing in it

    def _forget(self, _ref) -> None:
        self._automaton = None
        self._last = None

    def _build(self):
        merged: Dict[str, List[Tuple[int, tuple]]] = {}
        live = [m for m in (r() for r in self._matchers) if m is not None]
        for m in live:
            for core, payload in m._cores.items():
                merged.setdefault(core, []).append((id(m), payload))
        auto = ahocorasick.Automaton()
        for core, entries in merged.items():
            auto.add_word(core, tuple(entries))
        auto.make_automaton()
        self._automaton = auto
        self._last = None
        return auto

    def raw_hits(self, ft: Folded, matcher: PhraseMatcher) -> List[Tuple[int, tuple]]:
        text = ft.text
        last = self._last
        if last is None or last[0] is not text:
            auto = self._automaton or self._build()
            by_matcher: Dict[int, List[Tuple[int, tuple]]] = {}
            for end, entries in auto.iter(text):
                for mid, payload in entries:
                    hits = by_matcher.get(mid)
                    if hits is None:
                        hits = by_matcher[mid] = []
                    hits.append((end, payload))
            last = self._last = (text, by_matcher)
        return last[1].get(id(matcher), [])


_SHARED = _Shared()


def longest_non_overlapping(found: Sequence[Hit]) -> List[Hit]:
    ordered = sorted(found, key=lambda m: (-(m.fend - m.fstart), m.fstart))
    taken: List[Hit] = []
    for m in ordered:
        if all(m.fend <= t.fstart or m.fstart >= t.fend for t in taken):
            taken.append(m)
    taken.sort(key=lambda m: m.fstart)
    return taken


def token_spans(ft: Folded, hits: Sequence[Hit]) -> List[Tuple[int, int, int]]:
    """Token spans (first, end, proclitic letters to skip in the first) covered by hits in text order."""
    toks = ft.tokens
    out = []
    k = 0
    for h in hits:
        while k < len(toks) and toks[k].fend <= h.fstart:
            k += 1
        if k >= len(toks):
            break
        b = k
        while b < len(toks) and toks[b].fstart < h.fend:
            b += 1
        out.append((k, b, h.fstart - toks[k].fstart))
    return out


def previous_word(text: str, word_start: int) -> str:
    """The folded word before ``word_start`` (after spaces only; '' at a punctuation mark or the start)."""
    j = word_start - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    k = j
    while k >= 0 and text[k].isalnum():
        k -= 1
    return text[k + 1:j + 1] if j >= 0 else ""
