"""Per-token facts the person and organization rules share (computed once per text)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Set, Tuple

from akhbar.transforms.arabic_text import Folded, strip_proclitics
from akhbar.transforms.ner_lexicon import Lexicon

_BREAK_CHARS = frozenset(".,،؛;:!?؟()[]{}«»\"“”„'‘’|/\n\\*•…")


@dataclass
class View:
    """A folded text with its tokens and, per token, whether punctuation precedes it."""

    ft: Folded
    lex: Lexicon
    breaks: List[bool]  # True when a punctuation mark or line break separates token i-1 and token i
    place_tokens: Set[int]  # tokens inside a gazetteer place mention (a name never starts there)
    strong_place_tokens: Set[int]  # ... of a country, division, region or big city (a name never crosses)

    @property
    def toks(self):
        return self.ft.tokens

    def norm(self, i: int) -> str:
        return self.ft.tokens[i].norm

    def split(self, i: int, known) -> Tuple[str, str]:
        """(proclitics, stem) of token i, splitting only when the stem is in ``known``."""
        return strip_proclitics(self.ft.tokens[i].norm, known)

    def art(self, i: int) -> Tuple[str, str]:
        """(proclitics, stem) with article-bearing chains split (بالعراق -> ب, العراق)."""
        return strip_proclitics(self.ft.tokens[i].norm)

    def is_stop(self, i: int) -> bool:
        norm = self.ft.tokens[i].norm
        if norm in self.lex.stopwords:
            return True
        pre, stem = strip_proclitics(norm, self.lex.stopwords)
        return bool(pre) and stem in self.lex.stopwords

    def is_first_name(self, i: int) -> Optional[str]:
        """The proclitic prefix if token i is a given name (possibly with و/ب/ل), else None."""
        norm = self.ft.tokens[i].norm
        if norm in self.lex.first_names:
            return ""
        pre, stem = strip_proclitics(norm, self.lex.first_names)
        return pre if pre and stem in self.lex.first_names else None

    def is_trigger(self, i: int) -> Optional[Tuple[str, str]]:
        """(prefix, trigger) when token i is an organization trigger (with proclitics)."""
        norm = self.ft.tokens[i].norm
        if norm in self.lex.org_triggers:
            return "", norm
        pre, stem = strip_proclitics(norm, self.lex.org_triggers)
        if pre and stem in self.lex.org_triggers:
            return pre, stem
        return None

    def span(self, a: int, b: int, prefix_len: int = 0) -> Tuple[int, int]:
        """Original offsets of tokens [a, b), skipping ``prefix_len`` folded letters of token a."""
        toks = self.ft.tokens
        return self.ft.span(toks[a].fstart + prefix_len, toks[b - 1].fend)


def make_view(ft: Folded, lex: Lexicon, place_spans: List[Tuple[int, int]],
              strong_spans: List[Tuple[int, int]]) -> View:
    toks = ft.tokens
    text = ft.original
    breaks = [True]
    for i in range(1, len(toks)):
        gap = text[toks[i - 1].end:toks[i].start]
        breaks.append(any(ch in _BREAK_CHARS for ch in gap))
    return View(ft, lex, breaks, _tokens_in(toks, place_spans), _tokens_in(toks, strong_spans))


def _tokens_in(toks, spans: List[Tuple[int, int]]) -> Set[int]:
    out: Set[int] = set()
    if not spans:
        return out
    for i, t in enumerate(toks):
        for fs, fe in spans:
            if t.fstart < fe and t.fend > fs:
                out.add(i)
                break
    return out


def is_article_word(stem: str) -> bool:
    return stem.startswith("ال") and len(stem) > 3


def is_nisba(stem: str) -> bool:
    """A definite relative adjective (العراقي، الأمريكية، الكردستاني): how nationalities follow a noun."""
    return is_article_word(stem) and (stem.endswith("ي") or stem.endswith("ية") or stem.endswith("يين")
                                      or stem.endswith("يون"))
