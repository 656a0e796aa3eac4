"""One-pass matching of many folded phrases in a folded text, with Arabic proclitics and the article.

Phrases are stored without their article (العراق -> عراق, needs article), so one automaton finds
العراق, بالعراق, والعراق and للعراق; the letters before the hit in the same word must be an allowed
proclitic chain, and the hit must end at a word end. Used by the gazetteer and the organization list.
"""
from __future__ import annotations

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
    """Aho-Corasick automaton over folded phrase cores; each core carries (value, needs_article) pairs."""

    def __init__(self, items: Iterable[Tuple[str, object]]):
        table: Dict[str, List[Tuple[object, bool]]] = {}
        for key, value in items:
            core, art = split_article(key)
            if len(core) >= 2:
                table.setdefault(core, []).append((value, art))
        self.size = len(table)
        self.automaton = ahocorasick.Automaton()
        for core, values in table.items():
            self.automaton.add_word(core, (core, tuple(values)))
        if table:
            self.automaton.make_automaton()

    def find(self, ft: Folded, resolve: bool = True) -> List[Hit]:
        """Valid hits in text order; with ``resolve`` overlapping hits give way to the longest."""
        if not self.size:
            return []
        text = ft.text
        n = len(text)
        found: List[Hit] = []
        for last, (core, values) in self.automaton.iter(text):
            fstart = last - len(core) + 1
            fend = last + 1
            if fend < n and text[fend].isalnum():
                continue
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


def longest_non_overlapping(found: Sequence[Hit]) -> List[Hit]:
    ordered = sorted(found, key=lambda m: (-(m.fend - m.fstart), m.fstart))
    taken: List[Hit] = []
    for m in ordered:
        if all(m.fend <= t.fstart or m.fstart >= t.fend for t in taken):
            taken.append(m)
    taken.sort(key=lambda m: m.fstart)
    return taken


def previous_word(text: str, word_start: int) -> str:
    """The folded word before ``word_start`` (after spaces only; '' at a punctuation mark or the start)."""
    j = word_start - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    k = j
    while k >= 0 and text[k].isalnum():
        k -= 1
    return text[k + 1:j + 1] if j >= 0 else ""
