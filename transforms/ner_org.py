"""Organizations: known names (one automaton pass) and the span a trigger word heads.

«وزارة الداخلية العراقية»، «حزب العمال الكردستاني»، «الجيش الإسرائيلي»: the trigger takes the definite
words (and a proper name) after it, up to a function word, punctuation or a time word. A place inside
the span stays part of the organization (جامعة بغداد is an organization, not a mention of Baghdad).
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import FrozenSet, List, Set, Tuple

from akhbar.transforms.arabic_text import key
from akhbar.transforms.ner_lexicon import ORDINALS
from akhbar.transforms.ner_tokens import View, is_article_word, is_nationality, is_nisba

MAX_ORG_TOKENS = 6
_MINISTRY_ADJ = frozenset(key(w) for w in ("الخارجية", "الداخلية", "الدفاع"))
_AFTER_MINISTER = frozenset(key(w) for w in ("وزير", "وزيرة", "الوزير", "الوزيرة", "وزارة", "وزارتي",
                                            "وزارات", "رئيس", "نائب", "وزراء", "السياسة", "العلاقات"))

_STATE_BODIES = frozenset(key(w) for w in ("حكومة", "جيش", "شرطة", "برلمان", "قوات", "سفارة",
                                             "خارجية", "داخلية"))

_IYA_NOUNS = frozenset(key(w) for w in ("جمهورية", "ولاية", "بلدية", "مديرية", "حماية", "رعاية", "هداية",
                                         "نهاية", "بداية", "كلية", "جمعية", "أمنية", "غالبية", "أغلبية",
                                         "أقلية", "ميزانية", "مسؤولية", "حرية", "بنية", "تربية"))

# a national team is a body of its own: «منتخب إنجلترا»، «المنتخب المغربي» are ORG in NewsFANE and our gold
# «قوات»/«لجنة» name a body only with a nationality or a place (القوات المسلحة السودانية، لجنة الإفراج المبكر
# الإسرائيلية); forces of a role or an alliance (قوات الأمن، قوات حفظ السلام، القوات الجوية) and committees of a
# body (لجنة الانضباط، اللجنة المنظمة، لجنة الدفاع) are descriptions in both gold sets
_FORCES = frozenset(key(w) for w in ("قوات", "القوات", "لجنة", "اللجنة"))
_BOARDS = {key("مجلس"): frozenset(key(w) for w in ("إدارة", "أمناء", "محافظي"))}
_TEAMS = frozenset(key(w) for w in ("المنتخب", "منتخب"))

_WITH_PRONOUN = frozenset(key(w) for w in ("بلاده", "نفسه", "ذاته", "زوجه", "ابنه", "حكومته", "فريقه"))

_FOR_SPORT = frozenset(key(w) for w in ("لكرة", "لألعاب", "لرياضة"))

Span = Tuple[int, int, int]  # first token, end (exclusive), proclitic letters to skip


def _coordinates(v: View, k: int) -> bool:
    """May a definite word joined by و follow token k inside a name (للتنمية والإصلاح، الطاقة والمعادن)?"""
    prev = v.norm(k)
    return prev.startswith("لل") or (is_article_word(prev) and not is_nationality(prev))


def _org_word(v: View, i: int, taken: int, plain_run: int, definite_head: bool) -> bool:
    """May token i continue an organization name that already has ``taken`` tokens after its trigger?"""
    norm = v.norm(i)
    if norm == "و" and taken >= 1 and not v.breaks[i] and i + 1 < len(v.toks) and not v.breaks[i + 1] \
            and is_article_word(v.norm(i + 1)) and not v.is_trigger(i + 1) and _coordinates(v, i - 1):
        return True  # «المجلس الاقتصادي و الاجتماعي»: the conjunction written apart (some outlets, OCR text)
    if v.breaks[i] or v.is_stop(i) or not norm.isalpha():
        return False
    if norm in v.lex.titles_single:
        return False  # حزب رئيس الوزراء: a person's title starts a new phrase
    if is_article_word(norm):
        return True
    if norm.startswith("لل"):
        return taken >= 1  # «مؤسسة للسلام»، «تحالف للمعارضة»: right after the trigger it is "a body for ..."
    if norm.startswith("وال") and taken >= 1 and _coordinates(v, i - 1) and not v.is_trigger(i):
        return True  # للتنمية والإصلاح، وزارة الطاقة والمعادن: a coordinated complement (not a second body)
    if taken >= 1 and norm in _FOR_SPORT and i + 1 < len(v.toks) and not v.breaks[i + 1] \
            and is_article_word(v.norm(i + 1)):
        return True  # «الاتحاد الإنجليزي لكرة القدم»
    if taken >= 1 and norm[0] in "بلفك":
        return False  # «وزارة الداخلية بحكومة ...»: a preposition starts a new phrase
    if definite_head or norm[0] == "و":
        return False  # التحالف يعترض: after a definite head a bare word is the verb
    if norm[0] in "يت" and len(norm) >= 4 and norm.endswith(("ه", "ها", "هم")):
        return False  # «تحالف يقوده»، «حزب يتزعمه»: a verb with its object pronoun, not a name
    if (len(norm) >= 5 and norm.endswith(("ها", "هم", "هما"))) or norm in _WITH_PRONOUN:
        return False  # «حزب زوجها الجمهوري»، «منتخب بلاده»: a word with a possessive pronoun names nothing
    if norm[0] in "لب" and is_article_word(norm[1:]):
        return False
    # a proper name right after the trigger (شركة أبل، حركة حماس) or a construct chain (هيئة تحرير الشام)
    if plain_run >= 1 and (((i - 1) in v.place_tokens and i not in v.place_tokens) or norm[0] in "بلفك"):
        return False  # «جامعة بغداد اتفاقا»، «تنظيم داعش بمحافظة»: a place or a preposition ends the name
    return plain_run < 2 and len(norm) >= 2


def _generic(v: View, i: int) -> bool:
    """Does token i, right after a trigger, make the phrase a description (المركز الثالث، قوات دولية)?"""
    norm = v.norm(i)
    if norm in v.lex.org_generic:
        return True
    # an indefinite adjective (دولية، إرهابية) right after an indefinite trigger
    return not is_article_word(norm) and norm.endswith("ية") and v.is_first_name(i) is None


def _indefinite_adjective(v: View, i: int) -> bool:
    """Is token i an indefinite adjective (إسرائيلية، عسكرية، دولي، جديدة)? After an indefinite trigger it
    makes a description, not a name: «لجنة إسرائيلية ترفض»، «محكمة عسكرية حكما»، «قوات إثيوبية داخل»."""
    norm = v.norm(i)
    if v.breaks[i] or is_article_word(norm) or i in v.place_tokens or v.is_first_name(i) is not None:
        return False
    if norm.endswith(("ية", "يون", "يين")) and len(norm) >= 5:
        # nouns in ـية: تنمية، تسوية (verbal nouns تفعية), جمهورية، ولاية، حماية
        return is_nationality("ال" + norm) or not (norm in _IYA_NOUNS or (norm[0] == "ت" and len(norm) == 5))
    return norm.endswith("ي") and len(norm) >= 4 and is_nationality("ال" + norm)


# after these a common word is still a title (إذاعة شمس، صحيفة الشروق، نادي الشباب)
_MEDIA = frozenset(key(w) for w in ("صحيفة", "جريدة", "مجلة", "إذاعة", "قناة", "نادي"))


@functools.lru_cache(maxsize=1)
def common_nouns() -> FrozenSet[str]:
    """Bare words that are nouns, not names, after an indefinite trigger (``data/ner_org_common_nouns.txt``)."""
    from importlib import resources

    raw = (resources.files("akhbar.transforms") / "data" / "ner_org_common_nouns.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#"))


def _indefinite_phrase(v: View, i: int, end: int) -> bool:
    """«لجنة تحكيم»، «بنك طعام ألماني»، «حكومة شراكة وطنية»: an indefinite trigger whose complement has no
    definite word and ends in a common noun or an adjective is an indefinite noun phrase, not a name."""
    if any(is_article_word(v.norm(k)) for k in range(i + 1, end)):
        return False
    if v.norm(i + 1) in common_nouns() and v.is_first_name(i + 1) is None and (i + 1) not in v.place_tokens:
        return True  # «دار نشر»، «مركز جذب للاستثمارات»، «تنظيم دوريات للتأكد»: a common noun opens it
    if any(v.norm(k).startswith("لل") for k in range(i + 1, end)):
        return False
    last = end - 1
    if last in v.place_tokens or v.is_first_name(last) is not None:
        return False
    return v.norm(last) in common_nouns() or _indefinite_adjective(v, last)


@functools.lru_cache(maxsize=1)
def descriptive() -> Tuple[dict, FrozenSet[str], FrozenSet[str]]:
    """(trigger stem -> complements that make a description, generic definite heads, known names that are
    also place nouns) from ``data/ner_org_descriptive.tsv`` (its place-adjective rows are read by
    ``ner_tokens.is_nationality``)."""
    from importlib import resources

    raw = (resources.files("akhbar.transforms") / "data" / "ner_org_descriptive.tsv").read_text(encoding="utf-8")
    comp: dict = {}
    heads, places = set(), set()
    for ln in raw.splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        kind, trig, words = ln.split("\t")
        keys = {key(w) for w in words.split()}
        if kind == "complement":
            comp.setdefault(key(trig), set()).update(keys)
        elif kind == "generic_head":
            heads |= keys
        elif kind == "place_like":
            places |= keys
    return {k: frozenset(v) for k, v in comp.items()}, frozenset(heads), frozenset(places)


_NATIONAL = frozenset(key(w) for w in ("الوطني", "الوطنية"))


def _descriptive_phrase(v: View, i: int, end: int, word: str, definite_head: bool) -> bool:
    """«حركة المرور»، «مركز المدينة»: a trigger and a complement that make an ordinary noun phrase;
    «المؤسسة المالية»، «الحركة الاقتصادية»: a generic definite head with one relational adjective alone."""
    comp, heads = descriptive()[:2]
    if end <= i + 1:
        return False
    stem = word[2:] if word.startswith("ال") else word
    if v.norm(i + 1) in comp.get(stem, ()):
        return True
    nxt = v.norm(i + 1)
    return definite_head and end == i + 2 and word in heads and is_nisba(nxt) and not is_nationality(nxt)


_AIRLINES = (key("الخطوط"), key("الجوية"))
_AIRLINE_HEAD = frozenset({_AIRLINES[0]})


def _airline(v: View, i: int):
    """«الخطوط الجوية الإثيوبية»، «للخطوط الجوية القطرية»: a flag carrier, named by its country's adjective."""
    if i + 2 >= len(v.toks) or v.breaks[i + 1] or v.breaks[i + 2] or v.norm(i + 1) != _AIRLINES[1]:
        return None
    pre, stem = v.split(i, _AIRLINE_HEAD)
    if stem != _AIRLINES[0] or not is_nationality(v.norm(i + 2)):
        return None
    plen = len(pre) if v.norm(i)[len(pre):].startswith("ال") else len(pre) - 1  # للخطوط keeps its ل as the article
    return (i, i + 3, plen)


def find_orgs(v: View) -> List[Span]:
    """Organization spans headed by a trigger word."""
    toks = v.toks
    out: List[Span] = []
    # Only a trigger word, or the word before الجوية (an airline), can start an organization: the loop
    # visits those (speed; at any other token both tests fail and it only stepped on).
    nexts = [t.norm for t in toks[1:]] + [""]
    cands = [k for k, (trig, nxt) in enumerate(zip(v._trigger, nexts)) if trig or nxt == _AIRLINES[1]]
    i = 0
    while i < len(toks):
        c = bisect.bisect_left(cands, i)
        if c == len(cands):
            break
        i = cands[c]
        airline = _airline(v, i)
        if airline:
            out.append(airline)
            i = airline[1]
            continue
        trig = v.is_trigger(i)
        if not trig:
            i += 1
            continue
        pre, word = trig
        mode = v.lex.org_triggers[word]
        plen = len(pre)
        if word.startswith("ال") and not v.norm(i)[plen:].startswith("ال"):
            plen -= 1  # للبنك: the ل before بنك stands for the article; keep it so the text stays a word
        prev = v.norm(i - 1) if i > 0 and not v.breaks[i] else ""
        end = i + 1
        if mode == "adj":
            if word in _MINISTRY_ADJ and prev and v.split(i - 1, _AFTER_MINISTER)[1] in _AFTER_MINISTER:
                i += 1
                continue
            while end < len(toks) and end - i <= 2 and not v.breaks[end] and not v.is_stop(end) \
                    and (is_nisba(v.norm(end)) or end in v.place_tokens):
                end += 1
            if end > i + 2 and _generic(v, end - 1):
                end -= 1  # الحكومة اليمنية الشرعية -> الحكومة اليمنية
            if end == i + 2 and v.norm(i + 1) in v.lex.org_generic and v.norm(i + 1) not in _NATIONAL:
                i += 1  # «الحكومة المركزية»، «الشرطة المحلية»: a kind of government, not one body
                continue
            if end > i + 1:
                out.append((i, end, plen))
                i = end
                continue
            i += 1
            continue
        definite_head = word.startswith("ال")
        if word in _BOARDS and end < len(toks) and v.norm(end) in _BOARDS[word]:
            i += 1  # «مجلس إدارة إنرون»: the board of a body is no body of its own (both gold sets)
            continue
        if not definite_head and end < len(toks) and _indefinite_adjective(v, end):
            i += 1  # «لجنة إسرائيلية ترفض»: an indefinite noun with its adjective describes, it names nothing
            continue
        plain_run = 0
        while end < len(toks) and end - i <= MAX_ORG_TOKENS and _org_word(v, end, end - i - 1, plain_run,
                                                                          definite_head):
            norm = v.norm(end)
            if end > i + 1 and not is_nisba(norm) and not norm.startswith("لل") and is_nationality(v.norm(end - 1)):
                break  # «القوات المسلحة السودانية النفير»: a nationality closes the name
            plain = not (is_article_word(norm) or norm.startswith(("لل", "وال")))
            if plain and end > i + 1 and plain_run == 0:
                # a bare word after definite ones starts a new phrase unless a definite word follows it
                nxt = end + 1
                if not (nxt < len(toks) and not v.breaks[nxt] and is_article_word(v.norm(nxt))):
                    break
            plain_run = plain_run + 1 if plain else 0
            end += 1
        if end > i + 1 and v.norm(end - 1) == "و":
            end -= 1
        if end > i + 1 and _generic(v, end - 1) and not (v.norm(end - 1) in ORDINALS
                                                          and v.is_first_name(end - 2) is not None):
            end -= 1  # المنتخب الوطني، المركز الثالث: a description at the end is not part of a name
        if definite_head and end == i + 2 and is_nationality(v.norm(i + 1)) and word not in _TEAMS \
                and word not in descriptive()[1]:  # الاتحاد الأوروبي، الاتحاد الإنجليزي: a generic head names a body
            i += 1  # الشركة الصينية، القوات الكردية: a definite noun with a nationality describes
            continue
        if _descriptive_phrase(v, i, end, word, definite_head):
            i += 1
            continue
        if word in _STATE_BODIES and (i + 1) in v.place_tokens:
            i += 1  # حكومة السودان، حكومة كردستان العراق: the state or region itself acting; the place stays a place
            continue
        if not definite_head and end > i + 1 and word not in _MEDIA and _indefinite_phrase(v, i, end):
            i += 1
            continue
        if word in _FORCES and not any(is_nationality(v.norm(k)) or k in v.place_tokens for k in range(i + 1, end)):
            i = max(end, i + 1)  # «قوات الأمن»، «لجنة الانضباط»: described by their role, no body of their own
            continue  # (and «قوات الدفاع الجوي» is not «الدفاع الجوي» either)
        if end > i + 1:
            out.append((i, end, plen))
            i = end
            continue
        i += 1
    return out


# Trigger words that describe a named body rather than belong to its name: «صحيفة الغارديان» names
# الغارديان, «شركة أبل» names أبل (NewsFANE and our gold sets both annotate the bare name). The value says
# whether a definite name after it is stripped too (نادي الهلال -> الهلال) or only a bare one (شركة أبل,
# but شركة الخطوط الجوية stays whole). On NewsFANE dev: stripping these fixes 60 spans, breaks 12.
_DESCRIPTORS = {key(w): d for w, d in (
    ("صحيفة", True), ("جريدة", True), ("مجلة", True), ("إذاعة", True), ("نادي", True), ("شركة", False),
    ("منظمة", False), ("قناة", False), ("مجموعة", False), ("وكالة", False), ("النادي", True))}


_NOT_NAMES_AFTER = frozenset(key(w) for w in ("أنباء", "انباء"))  # «وكالة أنباء الأناضول» stays whole


@functools.lru_cache(maxsize=1)
def _one_word_names() -> FrozenSet[str]:
    """Organizations of the written lists named by one word (اليونسكو، الفاو، أوبك): «منظمة اليونسكو» names
    اليونسكو, while «منظمة التحرير» is a name of its own (التحرير is no organization alone)."""
    from akhbar.transforms import ner_known

    names = [k for k, _ in ner_known.lexicon_orgs()] + ner_known.known_org_names()
    return frozenset(n for n in names if " " not in n)


def strip_descriptor(v: View, span: Span) -> Span:
    """The span without a descriptive trigger word (and a nationality after the name), when it has one."""
    i, end, plen = span
    trig = v.is_trigger(i)
    definite_ok = _DESCRIPTORS.get(trig[1]) if trig and end > i + 1 else None
    if definite_ok is None or v.norm(i + 1) in _NOT_NAMES_AFTER or (not definite_ok and is_article_word(v.norm(i + 1))
                               and not (end == i + 2 and v.norm(i + 1) in _one_word_names())):
        return (i, end, plen)
    while end > i + 2 and is_nisba(v.norm(end - 1)):
        end -= 1  # صحيفة لاكوارتا التشيلية -> لاكوارتا (the adjective describes the paper)
    return (i + 1, end, 0)


_PLACE_BEFORE = frozenset(key(w) for w in ("شبه", "شمال", "جنوب", "شرق", "غرب", "في", "أنحاء", "أرجاء", "ساحل",
                                             "سكان", "أهالي", "جزر", "سواحل"))
_MEDIA_ADJ = frozenset(key(w) for w in ("الفضائية", "الإخبارية", "الرياضية", "الوثائقية", "القطرية",
                                         "الإنجليزية", "الانجليزية", "الإنكليزية", "الإعلامية"))


def _place_use(v: View, first: int, last: int, fstart: int) -> bool:
    """«شبه الجزيرة»، «في الجزيرة»، «بالجزيرة»، «الجزيرة العربية»: a known name that is also a place noun
    («الجزيرة» = the island, the peninsula) used as the place: after a direction word or a locative
    preposition, or before a feminine relational adjective that is not a channel's (الفضائية، القطرية); a
    masculine one names the club (الجزيرة الإماراتي، فريق الجزيرة الرياضي)."""
    if "ب" in v.ft.text[v.toks[first].fstart:fstart]:
        return True
    if first > 0 and not v.breaks[first] and v.art(first - 1)[1] in _PLACE_BEFORE:
        return True
    nxt = last + 1
    return nxt < len(v.toks) and not v.breaks[nxt] and is_nisba(v.norm(nxt)) and v.norm(nxt).endswith("ية") \
        and v.norm(nxt) not in _MEDIA_ADJ


def known_org_tokens(v: View, hits) -> Tuple[List[Span], Set[int]]:
    """Token spans of known-organization hits from ``lexicon.known_orgs``."""
    toks = v.toks
    spans: List[Span] = []
    covered: Set[int] = set()
    place_like = descriptive()[2]
    starts = [t.fstart for t in toks] if hits else []
    for h in hits:
        # the token holding the hit's first letter and the one holding its last (tokens are in text order
        # and do not overlap, so each is the one found by bisection, if it holds the offset at all)
        first = bisect.bisect_right(starts, h.fstart) - 1
        last = bisect.bisect_left(starts, h.fend) - 1
        if first < 0 or h.fstart >= toks[first].fend or last < 0 or h.fend > toks[last].fend:
            continue
        if first == last and any(x in place_like for x in h.values) and _place_use(v, first, last, h.fstart):
            continue
        spans.append((first, last + 1, h.fstart - toks[first].fstart))
        covered.update(range(first, last + 1))
    return spans, covered


_OPENING = re.compile("[(-]")


def parenthesized_agencies(v: View) -> List[Span]:
    """News agencies credited in parentheses: «(الفرنسية)»، «( د ب ا )»، «(أ.ف.ب)»."""
    toks = v.toks
    text = v.ft.original
    out: List[Span] = []
    # only a token with «(» or «-» in the gap before it opens a credit: find those marks, not every gap
    starts = [t.start for t in toks]
    opening = sorted({i for i in (bisect.bisect_right(starts, m.start()) for m in _OPENING.finditer(text))
                      if i < len(toks)})
    for i in opening:
        before = text[toks[i - 1].end if i else 0:toks[i].start]
        dateline = "-" in before  # «إسطنبول - قنا - أ ف ب :»
        if "(" not in before and not dateline:
            continue
        for j in range(i, min(i + 6, len(toks))):
            after = text[toks[j].end:toks[j + 1].start if j + 1 < len(toks) else len(text)]
            if ")" in after or "-" in after or "،" in after or (dateline and ":" in after):
                joined = "".join(v.norm(k) for k in range(i, j + 1))
                if joined in v.lex.agencies:
                    out.append((i, j + 1, 0))
                break
    return out
