"""Precision tests for the person rules: words that stand where a name could but name no one.

Split out of ner_person.py (one idea: telling a name from the ordinary word in its place). The rules that
find names call these: after a title, a verb, a noun in construct or a brand is no name; a hamza tells a
common word from the given name it folds to; a family name said alone after a place noun names the place.
"""
from __future__ import annotations

import functools
from typing import Dict, List, Set, Tuple

from akhbar.transforms import ner_known, ner_person_article, ner_person_public
from akhbar.transforms.arabic_text import key
from akhbar.transforms.ner_model import spelling_logit, word_seen
from akhbar.transforms.ner_person_core import _bare_title, _match_title
from akhbar.transforms.ner_person_shape import known_family_name
from akhbar.transforms.normalize import strip_diacritics
from akhbar.transforms.ner_tokens import View, is_article_word, is_nisba

Span = Tuple[int, int, int]  # first token, end token (exclusive), proclitic letters to skip in the first


def _known_family(v: View, k: int) -> bool:
    """Is token k a mined or listed family name?"""
    return known_family_name(v.norm(k))


_HAMZA = frozenset("أإآؤئء")  # a token without any of them is never tested


@functools.lru_cache(maxsize=1)
def _listed_spellings() -> Dict[str, Tuple[str, ...]]:
    """Listed one-word given names as written in ner_first_names.txt (hamza kept), by folded key."""
    out: Dict[str, Tuple[str, ...]] = {}
    for ln in ner_known._data_lines("ner_first_names.txt"):
        name = ln[:-2] if ln.endswith(" *") else ln
        if not name.strip() or " " in name.strip():
            continue
        name = strip_diacritics(name.strip()).replace("ى", "ي")
        out[key(name)] = out.get(key(name), ()) + (name,)
    return out


def _hamza_differs(v: View, i: int, plen: int) -> bool:
    """Does token i write «أ» inside the word where the listed given name it folds to has another letter:
    «اليأس» (despair) is not «إلياس», «فأدى» not «فادي», «لأرى» not «لاري»? Folding for matching merges them;
    the original letters tell them apart (a text that drops the hamza still matches). Not compared: the
    first letter (news writes foreign names with أ, إ or آ alike: «أيرين»، «إيرين») and the seats ئ/ؤ (the
    list writes some names without them: «رفائيل» is listed as «رفاييل», «راؤول» as «راوول»)."""
    t = v.toks[i]
    word = strip_diacritics(v.ft.original[t.start:t.end])
    if len(word) != len(t.norm) or _HAMZA.isdisjoint(word):
        return False
    spellings = _listed_spellings().get(t.norm[plen:])
    if not spellings:
        return False
    stem = word[plen:].replace("ى", "ي")
    return not any(len(s) == len(stem) and all(a == b or a != "أ" for a, b in zip(stem[1:], s[1:]))
                   for s in spellings)


def _other_initial_hamza(v: View, i: int, plen: int) -> bool:
    """Does token i start with «أ» where every listed spelling of the given name starts with «إ» (or the
    reverse)? Said alone, with no family name after it, it is the ordinary word: «أدوار» (roles) is not
    «إدوار», «أياد» (hands) not «إياد». With a family name the writer's hamza may just vary («أيرين ...»)."""
    t = v.toks[i]
    word = strip_diacritics(v.ft.original[t.start:t.end])[plen:]
    if word[:1] not in ("أ", "إ"):
        return False
    spellings = _listed_spellings().get(t.norm[plen:])
    return bool(spellings) and all(s[:1] in ("أ", "إ") and s[:1] != word[:1] for s in spellings)


@functools.lru_cache(maxsize=4096)
def country_nisba(norm: str) -> bool:
    """Is a definite nisba made from a country's name («المصري»، «السوري»، «الأمريكي»), not from a town
    («الطرابلسي»، «الحلبي», common family names)?"""
    if not is_nisba(norm) or not norm.endswith("ي"):
        return False
    from akhbar.transforms import gazetteer
    from akhbar.transforms.arabic_text import fold_text

    gaz = gazetteer.load()
    core = norm[2:-1]
    for c in (core, core + "ا", core + "يا", "ال" + core, "ال" + core + "ية"):
        ft = fold_text(c)
        if any(m.fstart == 0 and m.fend == len(ft.text) and any(gaz.entries[k].kind == "country" for k in m.candidates)
               for m in gaz.find(ft)):
            return True
    return False


#: a lone unknown word after a title scoring below this (bias + spelling, ner_model) is an ordinary word; for a
#: word the model weighed itself (a frequent word of the news) the cut is higher than for one it judges by its
#: letters only (a rare family name: «اللواء بحيري» -3.1). ANT A/B (6,000 articles): -2/-3.3 drop 246 spans,
#: about 210 wrong («الرئيس ندد»، «رئيس بحوث»، «الراحلة أوصت»); -1/-3.3 dropped 407 but also «بانكسي» x15
LONE_CUT = -2.0
LONE_CUT_UNSEEN = -3.3


def _plain_word(v: View, k: int) -> bool:
    """Is the one unknown word after a title an ordinary word (a verb, a noun in construct, an adjective),
    not a name? Its spelling score says so, unless it is a known family name."""
    if _known_family(v, k):
        return False
    norm = v.norm(k)
    return spelling_logit(norm) < (LONE_CUT if word_seen(norm) else LONE_CUT_UNSEEN)


_ON_BEHALF = key("باسم")


def _takes_complement(v: View, i: int, tlen: int) -> bool:
    """Is the title at token i one whose next word is its complement, not its holder: a one-word title
    without the article («رئيس انرون»، «مدير فيفا»: a noun in construct) or a phrase ending in «باسم»
    («المتحدث باسم اندرسون»: the body he speaks for)? A lone unknown word right after it names no one."""
    if v.norm(i + tlen - 1) == _ON_BEHALF:
        return True
    if tlen != 1:
        return False
    head = v.art(i)[1]
    if head not in v.lex.title_heads:
        head = v.split(i, v.lex.title_heads)[1]
    return not head.startswith("ال") and _bare_title(v, head)


# A person's name right after one of these names the place or the prize (ner_person._names_a_facility).
_FACILITIES = frozenset(key(w) for w in (
    "ستاد", "استاد", "ملعب", "مسجد", "جامع", "مدرسة", "مستشفى", "شارع", "جسر", "مطار", "قاعة", "فندق", "فنادق",
    "ميناء", "سجن", "مدينة", "ضاحية", "حي", "ميدان", "ساحة", "قصر", "مقام", "ضريح", "كلية", "جائزة", "كأس"))


# Nouns whose complement is the name of a place or a meeting, not a person, also when the complement is a
# family name seen in the article or mined from the news: «جبل عرفات»، «منطقة علاوي»، «مؤتمر دومبارتون».
_PLACE_HEADS = _FACILITIES - {key(w) for w in ("جائزة", "كأس", "سجن")} | frozenset(key(w) for w in (
    "جبل", "منطقة", "بلدة", "قرية", "نهر", "مخيم", "معبر", "مؤتمر"))


def propagate_surnames(v: View, names: Set[str], covered: Set[int]) -> List[Span]:
    """ner_person_article.propagate_surnames without the mentions that name a place or describe a noun, and
    without a short family name mined from a few articles («بار»، «راب»، «وود»: also a bar, rap music,
    affection; ner_known.weak_surnames) that the article names nowhere in full."""
    out = [p for p in ner_person_article.propagate_surnames(v, names, covered) if not _not_a_mention(v, p)]
    weak = ner_known.weak_surnames()
    if weak and any(b - a == 1 and v.norm(a)[plen:] in weak for a, b, plen in out):
        named = {v.norm(k) for k in covered}
        out = [(a, b, plen) for a, b, plen in out if b - a > 1 or v.norm(a)[plen:] not in weak
               or v.norm(a)[plen:] in named or v.norm(a)[plen:] in ner_person_public.family_names()]
    words = {v.norm(a)[plen:] for a, b, plen in out if b - a == 1}
    firms = _firm_words(v, covered, words) if words else ()
    if firms:
        out = [(a, b, plen) for a, b, plen in out if b - a > 1 or v.norm(a)[plen:] not in firms]
    return out


_FIRM_APPOSITION = frozenset(key(w) for w in ("الشركة", "المجموعة"))
_FIRMS = frozenset(key(w) for w in ("شركة", "شركات", "مجموعة"))


def _firm_words(v: View, covered: Set[int], words: Set[str]) -> Set[str]:
    """Those of ``words`` the field uses as a company's name: right after «شركة» or «مجموعة» («شركة
    اندرسون») or right before «الشركة» in apposition («اندرسون الشركة التي ...»), and never the last word of
    a person's full name found by the rules («بيل غيتس» ... «شركة غيتس»). Said alone elsewhere they name
    the company (Arthur Andersen, Enron), not a person."""
    toks = v.toks
    firms, named = set(), set()
    for k in [k for k, t in enumerate(toks) if t.norm in words]:
        w = toks[k].norm
        if (k > 0 and not v.breaks[k] and v.split(k - 1, _FIRMS)[1] in _FIRMS) \
                or (k + 1 < len(toks) and not v.breaks[k + 1] and toks[k + 1].norm in _FIRM_APPOSITION):
            firms.add(w)
        if k in covered and any(j >= 0 and v.rule_of(j) not in ("?", "surname") and all(t in covered for t in range(j, k))
                                for j in (k - 1, k - 2, k - 3)):
            named.add(w)
    return firms - named


def _not_a_mention(v: View, p: Span) -> bool:
    """A family name said alone («عرفات»، «الهاشمي») after a place noun names the place («جبل عرفات»،
    «مدينة الصدر»); a definite nisba right after a definite word that is no name agrees with it as its
    adjective («الديوان الملكي الهاشمي»، «المبعث المحمدي»)."""
    a, b, plen = p
    if b - a != 1 or plen or a == 0 or v.breaks[a]:
        return False
    if v.split(a - 1, _PLACE_HEADS)[1] in _PLACE_HEADS:
        return True
    prev = v.norm(a - 1)
    if country_nisba(v.norm(a)) and is_article_word(v.art(a - 1)[1]) and v.is_first_name(a - 1) is None:
        return True  # «الرئيس المصري»، «للمواطن المصري»: a country's adjective after any definite word
    return is_nisba(v.norm(a)) and is_article_word(prev) and prev in v.lex.common_words \
        and not any(j >= 0 and j + _match_title(v, j) == a for j in (a - 3, a - 2, a - 1))
