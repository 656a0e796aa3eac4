"""Names made of words we do not know, found by their frame: after a verb of saying, before a title, after a
nationality, before an age or a photo position in parentheses.

Split out of ner_person.py (one idea: the context that makes unknown words a name).
"""
from __future__ import annotations

import re
from typing import List, Set, Tuple

from akhbar.transforms.arabic_text import key
from akhbar.transforms.ner_lexicon import CONNECTORS, OFFICE_NOUNS, SAYING_VERBS, SON_OF as _SON_OF
from akhbar.transforms.ner_person_core import _bare_title, _extend, _match_title, _name_like, _trim_blocked
from akhbar.transforms.ner_person_shape import known_family_name
from akhbar.transforms.ner_person_words import SCORE_VERBS as _SCORE_VERBS, SCORED as _SCORED, \
    SCORED_IT as _SCORED_IT, PRONOUNS, RANK_WORDS, RELATIONS, is_saying as _is_saying, pronoun_stem
from akhbar.transforms.ner_person_nat import (  # noqa: F401 (ner_person_article: _unknown_name_word)
    _clitic_after_nationality, _clitic_on_word, _person_after_nationality, _unknown_name_word, _verb_shaped_pair)
from akhbar.transforms.ner_tokens import NAT_OPENS, PAIR_NOUNS, View, is_article_word, nationality_opens_name

_AGE_WORDS = frozenset(key(w) for w in ("عاما", "عاماً", "سنة", "عام", "سنوات"))
_CAPTION_WORDS = frozenset(key(w) for w in ("يمين", "يسار", "وسط", "الوسط", "اليمين", "اليسار"))


def _name_before_age(v: View, i: int, blocked: Set[int]) -> int:
    """«رونالدو (21 عاما)»، «سولانا (يمين)»، «باراغان (78)»: a name before an age, a photo position or the
    minute of a goal in parentheses."""
    if not v.has_paren:
        return 0
    toks = v.toks
    text = v.ft.original
    for end in (i + 1, i + 2):
        if end >= len(toks) or "(" not in text[toks[end - 1].end:toks[end].start]:
            continue
        inside = v.norm(end)
        ok = inside in _CAPTION_WORDS or (inside.isdigit() and end + 1 < len(toks)
                                          and v.norm(end + 1) in _AGE_WORDS) or _goal_minute(v, end)
        if not ok or any(k in blocked or not _name_like(v, k, k == i) or is_article_word(v.art(k)[1])
                         for k in range(i, end)):
            return 0
        if i > 0 and not v.breaks[i] and _name_like(v, i - 1, False) and not v.is_stop(i - 1):
            return 0  # the name may start earlier; leave it to the other rules
        first = v.norm(i)
        if end - i == 2 and first[0] in "بل" and (first[1:] in v.lex.common_words or first[1:-1] in v.lex.common_words):
            return 0  # «بهدفي موسى (49)»: a preposition on a noun before the name (not «برناردو إسبينوسا (58)»)
        if end - i == 2 and v.is_first_name(i) is None and _verb_before_name(v, first):
            return 0  # «ويمتلك راتكليف (65 سنة)»، «وتدفع روسما (66 عاما)»: a verb, then the name
        return end
    return 0


def _verb_before_name(v: View, norm: str) -> bool:
    """Is the first of two words before «(age)» a verb: a frequent verb with the past ending ت (تساءلت), or
    whose other person is frequent (تدفع: يدفع، توفي: توفيت، ينفي: تنفي)?"""
    stem = norm[1:] if norm[0] == "و" and len(norm) > 4 else norm
    common = v.lex.common_words
    if stem.endswith("ت") and len(stem) >= 4 and stem[:-1] in common:
        return True  # not «لغرانيت تشاكا (52)»
    return stem + "ت" in common or (stem[0] in "تي" and ("ي" + stem[1:] in common or "ت" + stem[1:] in common))


def and_letter(v: View, i: int, end: int) -> int:
    """Letters of a conjunction و to leave out of a name found before «(»: «كوتينيو (7) وغريزمان (38)» names
    غريزمان; a foreign name in وي/وا/وو keeps its letter («ويليامز (30)»)."""
    norm = v.norm(i)
    if norm[0] != "و" or len(norm) < 5 or norm[1] in "يوا" or end >= len(v.toks) \
            or "(" not in v.ft.original[v.toks[end - 1].end:v.toks[end].start]:
        return 0
    return 1


_GOAL_WORDS = frozenset(key(w) for w in ("هدف", "الهدف", "هدفا", "هدفاً", "هدفين", "أهداف", "ثلاثية", "ثنائية"))


def _scorer(v: View, i: int, blocked: Set[int]) -> int:
    """End of the scorer's name in a match report, or 0: «بهدف سجله روبي فاولر من»، «سجل إيدور جوديونسن
    الهدف الثاني»: two name-like words (or a given name) after «سجله/أحرزه» closed by punctuation or a
    function word, or after «سجل/أحرز» followed by the goal."""
    if i == 0 or v.breaks[i]:
        return 0
    prev = v.norm(i - 1)
    if prev not in _SCORED_IT and prev not in _SCORED:
        return 0
    if not _name_like(v, i, True) or is_article_word(v.norm(i)) or v.is_stop(i) or v.norm(i)[0] == "و":
        return 0
    end = min(_trim_blocked(_extend(v, i, max_unknown=2), i, blocked), i + 3)
    if end - i < 2 and v.is_first_name(i) != "":
        return 0
    if end < len(v.toks) and not v.breaks[end]:
        nxt = v.norm(end)
        closed = v.norm(end) in _GOAL_WORDS if prev in _SCORED else (v.is_stop(end) or nxt in _GOAL_WORDS)
        if not closed:
            return 0
    return end


def _goal_minute(v: View, k: int) -> bool:
    """Is token k a number of 1-130 closed by «)», maybe with more minutes after it («باراغان (78)»، «ديفو (38
    و47)»: the minutes of a player's goals, a name before them)?"""
    norm = v.norm(k)
    if not norm.isdigit() or not 0 < int(norm) <= 130:
        return False
    end = v.toks[k].end
    return _MORE_MINUTES.match(v.ft.original, end, end + 40) is not None


_MORE_MINUTES = re.compile(r"\s*(?:[و،,\-]\s*[0-9\u0660-\u0669]{1,3}\s*)*\)")


def _article_surname_after_saying(v: View, i: int) -> bool:
    """«قال الأعرجي إن»: a definite family name in ي (or a foreign name in أل/إل, folded like the article but written
    with hamza: «وقال ألتمان إن»، «هاجم ألونسو ما») alone between a verb of saying and إن."""
    norm = v.norm(i)
    hamza = is_article_word(norm) and v.ft.original[v.toks[i].start] in "أإ" and norm not in v.lex.common_words \
        and norm[2:] not in v.lex.common_words and not norm.endswith(("ة", "ات", "ها", "هم"))
    if not (is_article_word(norm) and (norm.endswith("ي") or hamza)) or i == 0 or v.breaks[i]:
        return False
    t = v.toks[i]
    if v.ft.original[t.start:t.end].rstrip("\u064b\u064e\u064f\u0650\u0651\u0652").endswith("\u0649"):
        return False  # المستشفى: written with ى, a noun, not a family name in ي
    if not _is_saying(v, i - 1) or i in v.place_tokens or v.is_stop(i) or v.is_trigger(i):
        return False
    if _match_title(v, i) or norm[2:] in v.lex.not_names or norm in OFFICE_NOUNS:
        return False
    nxt = i + 1
    return nxt >= len(v.toks) or v.breaks[nxt] or v.norm(nxt) in ("ان", "انه", "انها", "لـ") \
        or hamza and v.is_stop(nxt) or not hamza and _to_or_apposition(v, norm, nxt)


_TO = frozenset(("الى", "الي"))


def _to_or_apposition(v: View, norm: str, nxt: int) -> bool:
    """Does token ``nxt`` close a definite family name in ي after a verb of saying as إلى does after أشار/لفت/دعا
    («وأشار الساعدي إلى»), or a title in construct in apposition («وقال البدري مدير الكرة»)? Not a definite title
    (an adjective: «وحذر السياسي المعارض»), not after a frequent word or a noun of pairs («دعا الثنائي إلى»)."""
    if norm in v.lex.common_words or norm in PAIR_NOUNS:
        return False
    return v.norm(nxt) in _TO or _match_title(v, nxt) > 0 and not is_article_word(v.norm(nxt))


#: Endings of a plural nationality (الفلسطينيون، العراقيين، الإيرانيات): no name comes right after one.
_PLURAL_NAT = ("يون", "يين", "يات")


def _unknown_name(v: View, i: int, blocked: Set[int]) -> int:
    """End of a name made of words we do not know, found by its frame, or 0.

    Two frames: after a verb of saying and before a function word or punctuation («وقال شيراك إن»),
    and right before a title («فوزي صلوخ وزير الخارجية»). After a noun of kinship with its pronoun or a world
    ranking («مواطنه»، «عالميا») the first frame holds for two words or more. A nationality, a scoring verb and
    an age or goal minute in parentheses have frames of their own.
    """
    toks = v.toks
    if i in blocked:
        return 0
    if i + 2 < len(toks) and toks[i + 1].norm in _SON_OF:
        son = _son_chain(v, i, blocked)
        if son:
            return son
    saying = i > 0 and not v.breaks[i] and _is_saying(v, i - 1)
    nat = 0 if saying else nationality_opens_name(v, i)
    if nat and v.norm(i - 1).endswith(_PLURAL_NAT):
        return 0  # «غزة: الفلسطينيون يواصلون»، «العراقيون يراهنون»: a people as subject, then its verb
    if nat:
        if not _name_like(v, i, True):
            end = _verb_shaped_pair(v, i, blocked)  # after a noun, as for two name-like words below
            return end if nat == NAT_OPENS or end and _person_after_nationality(v, i, end) else 0
        pre = v.is_first_name(i)
        if _name_like(v, i, True) and not is_article_word(v.norm(i)) and not v.is_stop(i) \
                and (pre is None or pre == "") and not _clitic_after_nationality(v, v.norm(i)):
            end = min(_trim_blocked(_extend(v, i, max_unknown=2), i, blocked), i + 3)
            if v.norm(i)[0] in "لب" and end - i < 2:
                return 0  # «المحامي الفرنسي لبوغدير»: ل/ب on one word is the preposition; «بيترو بروشينكو» passes
            if nat == NAT_OPENS or _person_after_nationality(v, i, end):
                return end
        return 0
    if i and toks[i - 1].norm in _SCORE_VERBS:  # checked here: this runs for nearly every token
        scored = _scorer(v, i, blocked)
        if scored:
            return scored
    relation = not saying and i > 1 and not v.breaks[i] and (_after_pronoun(v, i - 1) or v.norm(i - 1) in RANK_WORDS)
    saying = saying or relation  # «مواطنه رويوسوكي هاماغوشي»: the frame of a verb of saying, two words at least
    if not saying and not any(v.title_starts[i + 1:i + 4]):
        return _name_before_age(v, i, blocked)
    if _article_surname_after_saying(v, i):
        return i + 1
    if not _name_like(v, i, True):
        return 0
    pre = v.is_first_name(i)
    if pre is not None and v.norm(i)[len(pre):] not in v.lex.weak_first_names:
        return 0
    if _clitic_on_word(v, v.norm(i)):
        return 0  # «وطرح اسم المدرب»، «قال لصحيفة»: a conjunction or preposition on a verb or noun
    if v.norm(i) in SAYING_VERBS:
        return 0
    end = _trim_blocked(_extend(v, i, max_unknown=2), i, blocked)
    end = min(end, i + 3)
    if end == i + 1 and v.norm(i).endswith("ة") and pre is None:
        return 0  # «كتب رواية»: one unknown feminine noun after the verb is its object
    if end == i + 1 and pre is None and _pronoun_suffixed(v, v.norm(i)):
        return 0  # «وقال مكتبه»، «وأكد حرصه»، «وقال محاميه»: a noun with its pronoun, not a one-word name
    if end == i + 1 and _bare_title(v, v.norm(i)):
        return 0  # «قال محامي القس ...»: a title word in construct, not a one-word name
    after_title = end < len(toks) and not v.breaks[end] and _match_title(v, end)
    if after_title and end - i >= 2 and (v.breaks[i] or i == 0 or v.is_stop(i - 1) or saying):
        return end
    if relation and (end - i < 2 or v.norm(i)[0] in "وب"):
        # «والدته تحب»، «زوجها مات»، «صديقه وحمار»، «أخته بطلق ناري»: a verb, the next noun, a preposition; but
        # an age may still anchor one word («ابنتها وصال (15 عاما)»)
        return _name_before_age(v, i, blocked)
    if saying:
        if end >= len(toks) or v.breaks[end] or v.is_stop(end) or after_title \
                or not relation and v.norm(end) in _ADDRESSEES:
            return end
    return 0


#: Whom a verb of saying addresses right after its subject («وقال كينيون للصحفيين»، «وقالت دانييلز لشبكة»):
#: the press and audiences, never a noun that could complement the subject («موسوعة غينيس للأرقام»).
_ADDRESSEES = frozenset(key(p + w) for p in ("ل",) for w in (
    "لصحفيين", "لصحافيين", "لصحيفة", "لبرلمان", "لنواب", "لحشد", "وكالة", "صحيفة", "قناة", "شبكة", "برنامج",
    "إذاعة", "تلفزيون", "أعضاء", "نواب", "موقع"))


def _son_chain(v: View, i: int, blocked: Set[int]) -> int:
    """End of «X بن Y ...» when X is a name word we do not list (no ordinary, function, title, trigger or verb
    word; a feminine name in ة such as معاوية، أسامة passes when it is no frequent word) and Y is a listed given
    name, a kunya with its word, or another name-like word: the nasab chain names a person. 0 otherwise."""
    toks = v.toks
    norm = v.norm(i)
    if v.breaks[i + 1] or v.breaks[i + 2] or i in v.place_tokens or v.is_first_name(i) is not None \
            or (i > 0 and not v.breaks[i] and (v.norm(i - 1) in CONNECTORS or v.is_first_name(i - 1) is not None)) \
            or (norm[0] in "وفل" and len(norm) >= 4) or _family_name(v, i):
        return 0  # given names have their rule; «عبد الرحمن بن خلدون»; «ويتابع/فكاد بن»: a proclitic word is a verb
        # or noun as often as a name; «محامي واينستين بن برافمان»: a known family name ends a name
    fem = lambda w: w.endswith("ة") and w not in v.lex.common_words and w not in v.lex.not_names and w[:2] != "ال"
    if not (_name_like(v, i, True) and (_unknown_name_word(v, i, norm) or len(norm) >= 4 and fem(norm))):
        return 0
    y = i + 2
    kunya = v.norm(y) in ("ابي", "ابو", "ابا") and y + 1 < len(toks) and not v.breaks[y + 1] \
        and _name_like(v, y + 1, False)
    if not (v.is_first_name(y) == "" or kunya or _name_like(v, y, False) and (
            _unknown_name_word(v, y, v.norm(y)) or fem(v.norm(y)))):
        return 0
    end = _trim_blocked(_extend(v, i, max_unknown=1), i, blocked)
    # after the chain only more of it (بن and its word, «الأنصاري», a given name), not the sentence's next word
    # («بسر بن أرطاة فترك»، «سهل بن حنيف أمير»، «سفيان البيعة»: a definite noun in ة is the object)
    k = y + 2 if kunya else y + 1
    while k < end and (v.norm(k) in CONNECTORS or v.norm(k - 1) in CONNECTORS or v.is_first_name(k) is not None
                       or is_article_word(v.norm(k)) and not v.norm(k).endswith("ة") and not _match_title(v, k)):
        k += 1
    end = min(end, k)
    return end if end >= i + 3 else 0


def _after_pronoun(v: View, k: int) -> bool:
    """Is token k a noun of kinship or fellowship with an attached pronoun («زميله»، «مواطنتها»), or such a
    pronoun written apart right after one («زميل ه»)? A name right after it is the relative's (apposition)."""
    norm = v.norm(k)
    if not pronoun_stem(v, norm):
        return False
    if norm in PRONOUNS:
        prev = v.norm(k - 1) if k > 0 and not v.breaks[k] else ""
        return prev in RELATIONS or (prev[:1] in "لبو" and prev[1:] in RELATIONS)
    return True


#: Attached pronouns a one-word "name" after a verb of saying ends with when it is a noun (ta marbuta stays
#: ة in the matching form, so a name like «أسامة» does not end with ه).
PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه")


def _pronoun_suffixed(v: View, norm: str) -> bool:
    """Does ``norm`` end with an attached pronoun on a stem of three letters or more («مكتبه»، «أنصاره»)?

    After ي or ا a final ه is as often a foreign name («ويقول سوليه»، «وأوضحت جانجاه»، «أضافت جوليه»): there
    the stem must be a known ordinary word or a title («وقال محاميه»)."""
    for suffix in PRONOUN_SUFFIXES:
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 3:
            stem = norm[:-len(suffix)]
            if suffix == "ه" and stem[-1] in "يا":
                return stem in v.lex.common_words or _bare_title(v, stem)
            return True
    return False


def coordinated(v: View, spans: List[Tuple[int, int, int]], blocked: Set[int]) -> List[Tuple[int, int, int]]:
    """«كانافارو وإيمرسون»، «ماكرون وميركل»: one or two unknown words joined by و right after a person
    are a second person when they could be a name and are no ordinary word (the list of who scored, who
    met, who was signed). Chains go on («أ وب وج»). Returns ``spans`` with the new ones, in order."""
    if not spans:
        return spans
    taken = set()
    for a, b, _ in spans:
        taken.update(range(a, b))
    out = list(spans)
    lone = _lone_given(v, spans)
    merged = set()
    k = 0
    while k < len(out):
        new = _after_and(v, out[k], taken, blocked, lone, out[k][0] in merged)
        if new is not None:
            if new[1] - 1 in lone and new[1] - 1 in taken:  # «وليزيت أنتوني»: the lone given name joins
                out = [p for p in out if p[0] != new[1] - 1]
                merged.add(new[0])  # and the chain goes on after it («وغوينث بلاترو»)
            out.insert(k + 1, new)
            taken.update(range(new[0], new[1]))
        k += 1
    return out


def _lone_given(v: View, spans: List[Tuple[int, int, int]]) -> Set[int]:
    """Starts of spans that are a listed given name alone: after «وX», closed right after, it is X's family name
    («كيت بيكنسيل وليزيت أنتوني وغوينث بلاترو»: Anthony, Thomas), not a person of its own."""
    return {a for a, b, plen in spans if b - a == 1 and plen == 0 and v.is_first_name(a) == ""}


def _after_and(v: View, span: Tuple[int, int, int], taken: Set[int], blocked: Set[int], lone=(),
               given_last: bool = False):
    """The name joined by و to the person ``span``, as (start, end, proclitic letters), or None.

    Not after a given name: «ريز ويذرسبون»، «توم وولف» are one name whose second word starts with و.
    One word must be closed by punctuation, a function word or the next و; two unknown words pass."""
    toks = v.toks
    e = span[1]
    if e >= len(toks) or v.breaks[e] or (v.is_first_name(e - 1) is not None and not given_last):
        return None
    if v.norm(e) != "و" and e - span[0] < 2 and not _family_name(v, e - 1):
        return None  # «المنتج هارفي واينستين»: after one word that may be a given name, و is part of the name
    i, plen = e, 1
    if v.norm(e) == "و":
        i, plen = e + 1, 0  # a text that writes the conjunction apart
        if i >= len(toks) or v.breaks[i]:
            return None
    norm = v.norm(i)
    if plen and (norm[0] != "و" or len(norm) < 4):
        return None
    if i in taken or i in blocked or v.is_first_name(i) is not None or not _unknown_name_word(v, i, norm[plen:]):
        return None
    end = i + 1
    if end in lone and not v.breaks[end] and (end + 1 == len(toks) or v.breaks[end + 1] or v.is_stop(end + 1)
                                              or v.norm(end + 1)[0] == "و"):
        return i, end + 1, plen  # «وليزيت أنتوني،»: the given name closes the name as its family name
    if end < len(toks) and not v.breaks[end] and end not in taken and end not in blocked \
            and v.norm(end)[0] != "و" and _unknown_name_word(v, end, v.norm(end)):
        return i, end + 1, plen  # «وإيليود كيبتشوغي»
    stem = norm[plen:]
    if not plen:
        return None  # a conjunction written apart is often a split word («و اجد»): two words are needed
    if stem[0] == "ت" or stem.endswith(("ه", "ا")) or v.ft.original[toks[i].end - 1] == "\u0649":
        return None  # one word: no verb or verbal noun shape («وتبارك»، «وغنى»، «وتماشيا»، «وإعلانه»)
    if end == len(toks) or v.breaks[end] or v.is_stop(end) or v.norm(end)[0] == "و":
        return i, end, plen
    return None


def _family_name(v: View, k: int) -> bool:
    """Is token k a mined or listed family name (a person named by it alone: «كانافارو وإيمرسون»)?"""
    return known_family_name(v.norm(k))
