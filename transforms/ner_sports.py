"""Sports results name teams after places: «فاز برشلونة على ليون 2-1» is two clubs, not two cities.

A place right next to a match verb or team word, in a sentence that reads as a sports report (two or
more sports words), is retyped as an organization. Countries count too («فازت نيجيريا على النيجر»)
only when a score or a match verb is adjacent.
"""
from __future__ import annotations

import bisect
from typing import List, Set

from akhbar.transforms.arabic_text import key
from akhbar.transforms.ner_tokens import View, is_nisba, split_forms

_SPORT_WORDS = frozenset(key(w) for w in (
    "مباراة", "المباراة", "مباراته", "الدوري", "دوري", "كأس", "بطولة", "البطولة", "هدف", "هدفين", "أهداف",
    "الأهداف", "فاز", "فازت", "تغلب", "تغلبت", "تعادل", "تعادلت", "خسر", "خسرت", "هزم", "هزمت", "الملعب",
    "المنتخب", "منتخب", "لاعب", "اللاعب", "لاعبي", "نادي", "النادي", "الفريق", "فريق", "المدرب", "مدرب",
    "شوط", "الشوط", "سجل", "التصفيات", "تصفيات", "نقطة", "نقاط", "تأهل", "تأهلت", "الدقيقة", "ضربة",
    "جزاء", "المرمى", "مرمى", "الهدف", "النهائي", "نصف", "ربع", "الذهاب", "الإياب", "مونديال", "المونديال",
    "صفر", "بطل", "لقب", "اللقب"))
# round 4 (org3): more words only a match report uses; they admit listed club names, not towns as teams
# (with them, host cities «جدة»، «طهران» in match reports turned into teams)
_CLUB_WORDS = _SPORT_WORDS | frozenset(key(w) for w in (
    "فريقي", "الفريقين", "ديربي", "الجولة", "ملعب", "ستاد", "استاد", "اللاعبين", "لاعبو", "لاعبين", "الأندية",
    "أندية", "حارس", "مهاجم", "المهاجم", "مدافع", "ركلة", "ركلات", "المران", "مرانا", "الهداف", "هداف"))
_STRONG_NEIGHBOURS = frozenset(key(w) for w in (
    "فاز", "فازت", "تغلب", "تغلبت", "تعادل", "تعادلت", "خسر", "خسرت", "هزم", "هزمت", "نادي", "فريق",
    "منتخب", "لاعب", "مهاجم", "مدافع", "حارس", "مدرب", "جماهير", "فريقه", "فريقها", "ناديه", "ناديها",
    "لاعبو", "لاعبي", "مدربه", "مرمى"))
_MATCH_NEIGHBOURS = _STRONG_NEIGHBOURS | frozenset(key(w) for w in ("على", "أمام", "ضد", "مع"))


_LOCATIVE = frozenset(key(w) for w in ("في", "إلى", "من", "عن", "قرب", "داخل", "نحو", "وفي", "ومن"))
# «العاصمة العمانية مسقط»، «ملاعب موسكو»، «استاد سانتياغو برنابيو»: a town named as a capital, a city or the
# place of a stadium is the venue, not a team
_VENUE = frozenset(key(w) for w in ("العاصمة", "عاصمة", "مدينة", "مدن", "ملعب", "ملاعب", "استاد", "ستاد",
                                     "ديربي", "بلدة", "المدينة"))


_SENTENCE_ENDS = frozenset(".!?؟\n")


def _sentences(v: View):
    """(start, end) token bounds of the sentence of every token, computed once per text."""
    def compute(_):
        bounds, toks, text = [], v.toks, v.ft.original
        ends = _SENTENCE_ENDS.isdisjoint
        cuts = [i for i, (a, b) in enumerate(zip(toks, toks[1:]), 1) if not ends(text[a.end:b.start])]
        cuts.append(len(toks))
        start = 0
        for i in cuts:
            bounds.extend([(start, i)] * (i - start))
            start = i
        return bounds
    return v.memo("sentences", 0, compute)


def _sentence_bounds(v: View, i: int):
    return _sentences(v)[i]


def _sporty(v: View, i: int, words=_SPORT_WORDS, name="sporty") -> int:
    """How many sports words the sentence of token i holds."""
    lo, hi = _sentence_bounds(v, i)
    forms = split_forms(words)  # the words and their proclitic forms: ``v.split(k, words)[1] in words``
    return v.memo(name, lo, lambda _: sum(1 for t in v.toks[lo:hi] if t.norm in forms))


_SPORTS_REPORT = 6


def _field_sporty(v: View) -> int:
    """How many sports words the whole field holds (a match report has many)."""
    forms = split_forms(_SPORT_WORDS)
    return v.memo("field_sporty", 0, lambda _: sum(1 for t in v.toks if t.norm in forms))


def team_place_tokens(v: View, place_starts: List[int], country_tokens: Set[int],
                      region_tokens: Set[int] = frozenset(), after_bi: Set[int] = frozenset()) -> Set[int]:
    """First tokens of place mentions that name a team in a sports sentence (``after_bi``: tokens whose place
    follows the preposition ب, «بالقاهرة»، «ببرشلونة»; a town that merely starts with ب, برشلونة, is no such)."""
    out: Set[int] = set()
    for i in place_starts:
        if i in region_tokens:
            continue
        a, b = _sentence_bounds(v, i)
        sporty = _sporty(v, i)
        if sporty < 2 and not (sporty == 1 and i not in country_tokens and _field_sporty(v) >= _SPORTS_REPORT):
            continue  # in a sports report a town in a sentence with one sports word is a club too
        prev = v.split(i - 1, _MATCH_NEIGHBOURS)[1] if i > a else ""
        nxt = v.toks[i + 1].norm if i + 1 < b else ""
        if prev in _LOCATIVE or i in after_bi or _after_venue_word(v, i, a):
            continue  # «في القاهرة»، «بالقاهرة»: where the match was played
        if (i == a or v.breaks[i]) and v.ft.original[v.toks[i].end:v.toks[i + 1].start if i + 1 < len(v.toks)
                                                     else len(v.ft.original)].strip()[:1] in (":", "-", "(", "،"):
            continue  # «مدريد :» / «مدريد - (أ ف ب)»: a dateline names the town the report comes from
        adjacent = prev in _MATCH_NEIGHBOURS or nxt in _MATCH_NEIGHBOURS or nxt.isdigit()
        strong = prev in _STRONG_NEIGHBOURS or nxt in _STRONG_NEIGHBOURS or nxt.isdigit()
        if i in country_tokens and not strong:
            continue
        if adjacent or sporty >= 3:
            out.add(i)
    return out


def _after_venue_word(v: View, i: int, a: int) -> bool:
    """Is the place at token i named as a capital, city or stadium site (one nationality may stand between)?"""
    for k in (i - 1, i - 2):
        if k < a or v.breaks[k + 1]:
            return False
        if v.art(k)[1] in _VENUE:
            return True
        if not is_nisba(v.norm(k)):
            return False
    return False


def club_spans(v: View, hits) -> List[tuple]:
    """Token spans of club names (``lexicon.clubs`` hits) that stand in a sports sentence, or in a match
    report anywhere when the name has two words («الكوكب المراكشي»; one word, الشرطة، الاتحاد, is too often
    the ordinary word)."""
    toks = v.toks
    starts = [t.fstart for t in toks]
    out = []
    for h in hits:
        a = bisect.bisect_right(starts, h.fstart) - 1
        b = bisect.bisect_right(starts, h.fend - 1)
        if a < 0 or not (toks[a].fstart <= h.fstart < toks[a].fend):
            continue
        sporty = _sporty(v, a, _CLUB_WORDS, "club_sporty")
        in_report = sporty >= 2 or b - a >= 2 and _field_sporty(v) >= _SPORTS_REPORT
        if b - a == 1 and b < len(toks) and not v.breaks[b] and is_nisba(v.norm(b)):
            continue  # «الاتحاد الإنجليزي»: a one-word club name with an adjective after it is another body
        if in_report and not _nationality_use(v, a, b):
            out.append((a, b, h.fstart - toks[a].fstart))
    return out


_PLAYER_WORDS = frozenset(key(w) for w in ("اللاعب", "المدرب", "الدولي", "النجم", "المهاجم", "الحارس", "المدافع",
                                            "لاعب", "مدرب", "البطل", "الملاكم", "العداء", "المصارع", "السباح"))


def _nationality_use(v: View, a: int, b: int) -> bool:
    """«فاز المصري محمد عبد الفتاح»، «اللاعب المصري»: a club named like a nationality (المصري، العربي،
    الإفريقي) that stands before a given name or after a player word describes a person, not the club."""
    if b - a != 1 or not is_nisba(v.norm(a)):
        return False
    before = v.norm(a - 1) if a > 0 and not v.breaks[a] else ""
    after_name = b < len(v.toks) and not v.breaks[b] and v.is_first_name(b) is not None
    return after_name or before in _PLAYER_WORDS


_CLUB_SUFFIXES = frozenset(key(w) for w in ("سيتي", "يونايتد", "ألبيون", "رفرز", "هوتسبير", "ويندرز"))


def club_suffix_spans(v: View, place_starts) -> List[tuple]:
    """«سوانزي سيتي»، «نيوكاسل يونايتد»: a town followed by a club suffix is the club (any sentence)."""
    out = []
    for k, fstart, fend in place_starts:
        if k is None:
            continue
        nxt = k + 1
        while nxt < len(v.toks) and v.toks[nxt].fstart < fend:
            nxt += 1
        if nxt < len(v.toks) and not v.breaks[nxt] and v.norm(nxt) in _CLUB_SUFFIXES:
            out.append((k, nxt + 1, fstart - v.toks[k].fstart))
    return out
