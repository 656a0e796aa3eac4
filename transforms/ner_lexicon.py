"""Word lists for person and organization rules, read once per process from transforms/data.

Every list is stored in key form (``arabic_text.key``: folded, ة kept) so rules compare folded tokens.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Dict, FrozenSet, List, Tuple

from akhbar.transforms.arabic_text import key
from akhbar.transforms.phrase_match import PhraseMatcher


def _lines(name: str) -> List[str]:
    raw = (resources.files("akhbar.transforms") / "data" / name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True)
class Lexicon:
    first_names: FrozenSet[str]  # single-token given names (strong and weak)
    weak_first_names: FrozenSet[str]  # given names that are also common words
    compound_first: FrozenSet[Tuple[str, str]]  # two-token given names (عبد الله، زين العابدين)
    titles: Dict[Tuple[str, ...], str]  # title phrase tokens -> the phrase
    title_heads: FrozenSet[str]  # first tokens of title phrases
    titles_single: FrozenSet[str]  # one-word titles, with and without the article
    stopwords: FrozenSet[str]
    org_triggers: Dict[str, str]  # trigger -> head | adj
    known_orgs: PhraseMatcher
    not_names: FrozenSet[str]  # nouns that stand where a name could (مصدر، مسؤول، وفد)
    org_generic: FrozenSet[str]  # words after a trigger that make it a description (المركز الثالث)
    agencies: FrozenSet[str]  # news agencies in parentheses, spaces removed («(د ب أ)» -> دبا)
    clubs: PhraseMatcher  # club names that are ordinary words, used in sports sentences only
    common_words: FrozenSet[str] = frozenset()  # frequent ordinary words (generated): end an unknown name


SAYING_VERBS = frozenset(key(w) for w in (
    "قال", "قالت", "يقول", "تقول", "أضاف", "أضافت", "أكد", "أكدت", "أعلن", "أعلنت", "أوضح", "أوضحت", "صرح",
    "صرحت", "ذكر", "ذكرت", "أشار", "أشارت", "تابع", "تابعت", "دعا", "دعت", "طالب", "طالبت", "نفى", "نفت",
    "اعتبر", "اعتبرت", "شدد", "شددت", "لفت", "لفتت", "كشف", "كشفت", "حذر", "حذرت", "علق",
    "علقت", "وصف", "وصفت", "أعرب", "أعربت", "أبلغ", "أبلغت", "استقبل", "التقى", "التقت", "هنأ", "بحث",
    "سجل", "أحرز", "فاز", "يرى", "أكد", "أفاد", "أفادت", "كتب", "كتبت", "غرد", "أشاد", "انتقد", "هاجم",
    # round 3 (per): more verbs that put their subject's name right after them
    "أردف", "أردفت", "استطرد", "تساءل", "تساءلت", "اعترف", "اعترفت", "أقر", "أقرت", "زعم", "زعمت", "ادعى",
    "ردد", "أجاب", "أجابت", "رحب", "رحبت", "ندد", "نددت", "اتهم", "اتهمت", "وعد", "وعدت", "توقع", "توقعت",
    "اقترح", "اقترحت", "طلب", "طلبت", "أصر", "أصرت", "أبدى", "أبدت", "تعهد", "تعهدت", "هدد", "هددت",
    "يؤكد", "تؤكد", "ترى", "يعتقد", "تعتقد", "اعتقد", "أوضح", "قالت", "أعلن", "يضيف", "تضيف",
    "رجح", "رجحت"))  # round 8: «ورجح فيرسلاين أن ...»
ORDINALS = frozenset(key(w) for w in ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع",
                                      "الثامن", "التاسع", "العاشر", "الحادي عشر", "الثاني عشر"))
CONNECTORS = frozenset({"بن", "ابن", "ابو", "عبد", "ال", "ولد", "ام", "بنت", "ابي", "ابنه", "دي", "فان", "فون", "دو"})
SON_OF = frozenset({"بن", "بنت"})  # «X بن Y»: the word that chains a name to the father's
OFFICE_NOUNS = frozenset(key(w) for w in (
    "خارجية", "داخلية", "دفاع", "وزراء", "مجلس", "هيئة", "وزارة", "عام", "شركة", "حكومة", "جمهورية", "حزب",
    "حركة", "اتحاد", "منظمة", "جامعة", "بنك", "صندوق", "لجنة", "مؤسسة", "إدارة", "قوات", "جيش", "نادي",
    "فريق", "منتخب", "وكالة", "مكتب", "دولة", "باسم", "شؤون", "عدل", "مالية", "اقتصاد", "نفط", "صحة",
    "تعليم", "إعلام", "ثقافة", "طاقة", "تجارة", "زراعة", "نقل", "اتصالات", "سياحة", "بلدية", "محافظة",
    "أركان", "هيئة", "قيادة", "عمليات", "شرطة", "أمن", "استخبارات", "مخابرات", "شركات", "مجموعة", "تحرير",
    "مركز", "معهد", "صحيفة", "قناة", "موقع", "برنامج", "مجلة", "كتلة", "ائتلاف", "تيار", "لدى", "سابق",
    "سابقا", "السابق", "أعمال", "التنفيذي", "للشؤون", "قسم", "دائرة", "شعبة", "فرع", "مديرية"))


@functools.lru_cache(maxsize=1)
def load() -> Lexicon:
    """The process-wide lexicon."""
    firsts, weak, compound = set(), set(), set()
    for ln in _lines("ner_first_names.txt"):
        is_weak = ln.endswith(" *")
        name = key(ln[:-2] if is_weak else ln)
        toks = name.split()
        if len(toks) == 1:
            firsts.add(name)
            if is_weak:
                weak.add(name)
        elif len(toks) == 2:
            compound.add((toks[0], toks[1]))
            firsts.add("".join(toks)) if toks[0] == "عبد" else None
    titles: Dict[Tuple[str, ...], str] = {}
    for ln in _lines("ner_person_titles.txt"):
        k = key(ln)
        titles[tuple(k.split())] = k
    triggers: Dict[str, str] = {}
    for ln in _lines("ner_org_triggers.txt"):
        word, mode = ln.split("\t")
        triggers[key(word)] = mode
    orgs = []
    for ln in _lines("ner_orgs_known.tsv"):
        cols = ln.split("\t")
        names = [cols[0]] + [v for v in (cols[1] if len(cols) > 1 else "").split("|") if v]
        orgs.extend((key(n), key(cols[0])) for n in names)
    return Lexicon(
        first_names=frozenset(firsts),
        weak_first_names=frozenset(weak),
        compound_first=frozenset(compound),
        titles=titles,
        title_heads=frozenset(t[0] for t in titles),
        titles_single=frozenset(w for t in titles if len(t) == 1 and t[0] not in ("د",)
                                for w in (t[0], t[0][2:] if t[0].startswith("ال") else t[0])),
        stopwords=frozenset(key(w) for w in _lines("ner_stopwords.txt")),
        org_triggers=triggers,
        known_orgs=PhraseMatcher(orgs),
        not_names=frozenset(key(w) for w in _lines("ner_not_names.txt")),
        org_generic=frozenset(key(w) for w in _lines("ner_org_generic.txt")),
        agencies=frozenset(key(w).replace(" ", "") for w in _lines("ner_agencies.txt")),
        clubs=PhraseMatcher((key(w), key(w)) for w in _lines("ner_clubs.txt")),
        common_words=frozenset(_lines("ner_common_words.txt")),
    )
