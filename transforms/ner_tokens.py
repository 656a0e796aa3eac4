"""Per-token facts the person and organization rules share (computed once per text)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import List, Optional, Set, Tuple

from akhbar.transforms.arabic_text import Folded, clitic_splits, key, strip_proclitics
from akhbar.transforms.ner_lexicon import Lexicon

_CLITIC_FIRST = frozenset("وفبلك")
_BREAK_CHARS = frozenset(".,،؛;:!?؟()[]{}«»\"“”„'‘’|/\n\\*•…_")


@dataclass
class View:
    """A folded text with its tokens and, per token, whether punctuation precedes it."""

    ft: Folded
    lex: Lexicon
    breaks: List[bool]  # True when a punctuation mark or line break separates token i-1 and token i
    place_tokens: Set[int]  # tokens inside a gazetteer place mention (a name never starts there)
    strong_place_tokens: Set[int]  # ... of a country, division, region or big city (a name never crosses)
    maqsura: bool = True  # the text writes ى: then علي is the name, not على written with ي
    country_tokens: Set[int] = None  # tokens inside a mention that may be a country

    def __post_init__(self):
        self._memo = {}
        self.title_starts: List[bool] = []  # filled by the person rules

    def memo(self, kind: str, i: int, compute):
        """Per-token cache: rules ask the same question of a token many times."""
        table = self._memo.get(kind)
        if table is None:
            table = self._memo[kind] = {}
        elif i in table:
            return table[i]
        value = table[i] = compute(i)
        return value

    def rule_of(self, i: int) -> str:
        """Which person rule started a name at token i (for surnames and debugging)."""
        return self._memo.get("rule", {}).get(i, "?")

    @property
    def toks(self):
        return self.ft.tokens

    def norm(self, i: int) -> str:
        return self.ft.tokens[i].norm

    def split(self, i: int, known) -> Tuple[str, str]:
        """(proclitics, stem) of token i, splitting only when the stem is in ``known``."""
        norm = self.ft.tokens[i].norm
        if norm[:1] not in _CLITIC_FIRST:
            return "", norm  # no proclitic can start this word
        splits = self.memo("splits", i, lambda k: clitic_splits(norm))
        if splits[-1][1] in known:
            return splits[-1]
        for pre, stem in splits:
            if stem in known:
                return pre, stem
        return splits[-1]

    def art(self, i: int) -> Tuple[str, str]:
        """(proclitics, stem) with article-bearing chains split (بالعراق -> ب, العراق)."""
        return strip_proclitics(self.ft.tokens[i].norm)

    def _is_ala(self, i: int) -> bool:
        """Is token i the preposition على (written with ى, or in a text that never writes ى)?"""
        t = self.ft.tokens[i]
        if not t.norm.endswith("علي") or len(t.norm) > 4:
            return False
        return not self.maqsura or self.ft.original[t.start:t.end].rstrip("\u064b\u064e\u0650\u0652").endswith("\u0649")

    def is_stop(self, i: int) -> bool:
        return self.memo("stop", i, self._is_stop)

    def is_first_name(self, i: int) -> Optional[str]:
        """The proclitic prefix if token i is a given name (possibly with و/ب/ل), else None."""
        return self.memo("first", i, self._is_first_name)

    def is_trigger(self, i: int) -> Optional[Tuple[str, str]]:
        """(prefix, trigger) when token i is an organization trigger (with proclitics)."""
        return self.memo("trigger", i, self._is_trigger)

    def _is_stop(self, i: int) -> bool:
        norm = self.ft.tokens[i].norm
        if self._is_ala(i):
            return True
        if norm in self.lex.stopwords:
            return True
        pre, stem = self.split(i, self.lex.stopwords)
        return bool(pre) and stem in self.lex.stopwords

    def _is_first_name(self, i: int) -> Optional[str]:
        norm = self.ft.tokens[i].norm
        if self._is_ala(i):
            return None
        if norm in self.lex.first_names:
            return ""
        pre, stem = self.split(i, self.lex.first_names)
        return pre if pre and stem in self.lex.first_names else None

    def _is_trigger(self, i: int) -> Optional[Tuple[str, str]]:
        norm = self.ft.tokens[i].norm
        if norm in self.lex.org_triggers:
            return "", norm
        pre, stem = self.split(i, self.lex.org_triggers)
        if pre and stem in self.lex.org_triggers:
            return pre, stem
        return None

    def span(self, a: int, b: int, prefix_len: int = 0) -> Tuple[int, int]:
        """Original offsets of tokens [a, b), skipping ``prefix_len`` folded letters of token a."""
        toks = self.ft.tokens
        return self.ft.span(toks[a].fstart + prefix_len, toks[b - 1].fend)


def make_view(ft: Folded, lex: Lexicon, place_spans: List[Tuple[int, int]],
              strong_spans: List[Tuple[int, int]], country_spans: List[Tuple[int, int]] = ()) -> View:
    toks = ft.tokens
    text = ft.original
    breaks = [True]
    for i in range(1, len(toks)):
        gap = text[toks[i - 1].end:toks[i].start]
        breaks.append(any(ch in _BREAK_CHARS for ch in gap))
    # Texts that never write ى (some corpora fold it) make على and the name علي the same string.
    maqsura = "\u0649" in text or len(text) < 200
    return View(ft, lex, breaks, _tokens_in(toks, place_spans), _tokens_in(toks, strong_spans), maqsura,
                _tokens_in(toks, list(country_spans)))


def _tokens_in(toks, spans: List[Tuple[int, int]]) -> Set[int]:
    """Indexes of tokens that overlap any folded span (tokens and spans are both in text order)."""
    out: Set[int] = set()
    if not spans:
        return out
    starts = [t.fstart for t in toks]
    for fs, fe in spans:
        k = max(bisect.bisect_right(starts, fs) - 1, 0)
        while k < len(toks) and toks[k].fstart < fe:
            if toks[k].fend > fs:
                out.add(k)
            k += 1
    return out


def is_article_word(stem: str) -> bool:
    return stem.startswith("ال") and len(stem) > 3


def is_nisba(stem: str) -> bool:
    """A definite relative adjective (العراقي، الأمريكية، الكردستاني): how nationalities follow a noun."""
    return is_article_word(stem) and (stem.endswith("ي") or stem.endswith("ية") or stem.endswith("يين")
                                      or stem.endswith("يون"))


def is_nationality(stem: str) -> bool:
    """A definite adjective made from a place name (الصينية، الأمريكي، البريطانية), checked on the gazetteer."""
    if not is_nisba(stem):
        return False
    from akhbar.transforms import gazetteer  # late: the gazetteer is loaded once, by then

    core = stem[2:]
    for suffix in ("يين", "يون", "ية", "ي"):
        if core.endswith(suffix):
            core = core[: -len(suffix)]
            break
    auto = gazetteer.load().matcher.automaton
    return any(auto.exists(c) for c in (core, core + "ا", core + "يا", core + "ستان") if len(c) >= 3)


_AFTER_NAT_OK = frozenset(key(w) for w in ("مثل", "بينهم", "أمام", "مع", "ضد", "اللاعب", "المدرب", "النجم",
                                             "الدولي", "المهاجم", "الحارس", "المدافع", "لاعبه", "زميله"))


def nationality_opens_name(v: View, i: int) -> bool:
    """«البرازيلي رونالدينيو والأرجنتيني هرنان كريسبو»: a nationality that stands alone before a name.

    The nationality must open its phrase (start, punctuation, a conjunction on it, or مثل/أمام/مع
    before it), else it describes the noun before it (الجيش السوري).
    """
    if i == 0 or v.breaks[i]:
        return False
    j = i - 1
    if v.ft.original[v.toks[j].end:v.toks[i].start].strip():
        return False  # «(الفرنسية - أرشيف)»: a credit line, not a name
    norm = v.norm(j)
    stem = norm[1:] if norm.startswith("وال") else norm
    if not is_nationality(stem):
        return False
    return norm != stem or j == 0 or v.breaks[j] or v.norm(j - 1) in _AFTER_NAT_OK or v.is_stop(j - 1)
