"""Sports results name teams after places: «فاز برشلونة على ليون 2-1» is two clubs, not two cities.

A place right next to a match verb or team word, in a sentence that reads as a sports report (two or
more sports words), is retyped as an organization. Countries count too («فازت نيجيريا على النيجر»)
only when a score or a match verb is adjacent.
"""
from __future__ import annotations

import bisect
from typing import List, Set

from akhbar.transforms.arabic_text import key
from akhbar.transforms.ner_tokens import View

_SPORT_WORDS = frozenset(key(w) for w in (
    "مباراة", "المباراة", "مباراته", "الدوري", "دوري", "كأس", "بطولة", "البطولة", "هدف", "هدفين", "أهداف",
    "الأهداف", "فاز", "فازت", "تغلب", "تغلبت", "تعادل", "تعادلت", "خسر", "خسرت", "هزم", "هزمت", "الملعب",
    "المنتخب", "منتخب", "لاعب", "اللاعب", "لاعبي", "نادي", "النادي", "الفريق", "فريق", "المدرب", "مدرب",
    "شوط", "الشوط", "سجل", "التصفيات", "تصفيات", "نقطة", "نقاط", "تأهل", "تأهلت", "الدقيقة", "ضربة",
    "جزاء", "المرمى", "مرمى", "الهدف", "النهائي", "نصف", "ربع", "الذهاب", "الإياب", "مونديال", "المونديال",
    "صفر", "بطل", "لقب", "اللقب"))
_STRONG_NEIGHBOURS = frozenset(key(w) for w in (
    "فاز", "فازت", "تغلب", "تغلبت", "تعادل", "تعادلت", "خسر", "خسرت", "هزم", "هزمت", "نادي", "فريق",
    "منتخب", "لاعب", "مهاجم", "مدافع", "حارس", "مدرب", "جماهير"))
_MATCH_NEIGHBOURS = _STRONG_NEIGHBOURS | frozenset(key(w) for w in ("على", "أمام", "ضد", "مع"))


_LOCATIVE = frozenset(key(w) for w in ("في", "إلى", "من", "عن", "قرب", "داخل", "نحو", "وفي", "ومن"))


def _sentence_bounds(v: View, i: int):
    a = i
    while a > 0 and not _hard_break(v, a):
        a -= 1
    b = i + 1
    while b < len(v.toks) and not _hard_break(v, b):
        b += 1
    return a, b


def _hard_break(v: View, i: int) -> bool:
    gap = v.ft.original[v.toks[i - 1].end:v.toks[i].start]
    return any(ch in ".!?؟\n" for ch in gap)


def team_place_tokens(v: View, place_starts: List[int], country_tokens: Set[int],
                      region_tokens: Set[int] = frozenset()) -> Set[int]:
    """First tokens of place mentions that name a team in a sports sentence."""
    out: Set[int] = set()
    for i in place_starts:
        if i in region_tokens:
            continue
        a, b = _sentence_bounds(v, i)
        sporty = sum(1 for k in range(a, b) if v.split(k, _SPORT_WORDS)[1] in _SPORT_WORDS)
        if sporty < 2:
            continue
        prev = v.split(i - 1, _MATCH_NEIGHBOURS)[1] if i > a else ""
        nxt = v.toks[i + 1].norm if i + 1 < b else ""
        if prev in _LOCATIVE or v.norm(i)[:1] == "ب" and v.split(i, _LOCATIVE)[0] == "":
            continue  # «في القاهرة»، «بالقاهرة»: where the match was played
        adjacent = prev in _MATCH_NEIGHBOURS or nxt in _MATCH_NEIGHBOURS or nxt.isdigit()
        strong = prev in _STRONG_NEIGHBOURS or nxt in _STRONG_NEIGHBOURS or nxt.isdigit()
        if i in country_tokens and not strong:
            continue
        if adjacent or sporty >= 3:
            out.add(i)
    return out


def club_spans(v: View, hits) -> List[tuple]:
    """Token spans of club names (``lexicon.clubs`` hits) that stand in a sports sentence."""
    toks = v.toks
    starts = [t.fstart for t in toks]
    out = []
    for h in hits:
        a = bisect.bisect_right(starts, h.fstart) - 1
        b = bisect.bisect_right(starts, h.fend - 1)
        if a < 0 or not (toks[a].fstart <= h.fstart < toks[a].fend):
            continue
        lo, hi = _sentence_bounds(v, a)
        sporty = sum(1 for k in range(lo, hi) if v.split(k, _SPORT_WORDS)[1] in _SPORT_WORDS)
        if sporty >= 2:
            out.append((a, b, h.fstart - toks[a].fstart))
    return out
