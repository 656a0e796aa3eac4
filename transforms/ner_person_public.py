"""Public figures (``data/ner_public_figures.tsv``): full names, spelling variants, and family names that
name the person when used alone.

Why: news names heads of state and ministers by family name alone with nothing around it to anchor a rule
(«وصل شيراك إلى ...»), and spells them several ways (نتنياهو/نتانياهو، غيتس/جيتس). The list is written by
hand from lists of office-holders (see the file header and NER_SOURCES.md); a family name is used alone only
where the file says so (never for common words, places or frequent given names).
"""
from __future__ import annotations

import functools
from importlib import resources
from typing import FrozenSet, List, Set, Tuple

from akhbar.transforms import ner_lexicon
from akhbar.transforms.arabic_text import Folded, key
from akhbar.transforms.phrase_match import PhraseMatcher, token_spans

Span = Tuple[int, int, int]


def _spellings(name: str, foreign: bool) -> List[str]:
    """The name and, for a foreign name, its spelling with ج for the hard g (غيتس -> جيتس)."""
    out = [name]
    if foreign and "غ" in name:
        out.append(name.replace("غ", "ج"))
    return out


@functools.lru_cache(maxsize=1)
def load() -> Tuple[PhraseMatcher, FrozenSet[str]]:
    """(matcher of full names and variants, family names usable alone), all in key form."""
    raw = (resources.files("akhbar.transforms") / "data" / "ner_public_figures.tsv").read_text(encoding="utf-8")
    lex = ner_lexicon.load()
    names: Set[str] = set()
    alone: Set[str] = set()
    for ln in raw.splitlines():
        if not ln.strip() or ln.startswith("#") or ln.startswith("name\t"):
            continue
        cols = ln.split("\t")
        foreign = cols[5].strip() == "fo"
        for form in [cols[0]] + [f for f in cols[1].split("|") if f]:
            names.update(key(s) for s in _spellings(form.strip(), foreign))
        for fam in (f for f in cols[2].split("|") if f):
            for s in _spellings(fam.strip(), foreign):
                k = key(s)
                if k not in lex.stopwords and k not in lex.not_names and k not in lex.first_names:
                    alone.add(k)
    return PhraseMatcher((n, n) for n in names if " " in n), frozenset(alone)


def family_names() -> FrozenSet[str]:
    return load()[1]


def full_name_spans(ft: Folded) -> List[Span]:
    """Token spans (first, end, proclitic letters) of listed full names in a folded field."""
    return token_spans(ft, load()[0].find(ft))


def merge(persons: List[Span], known: List[Span], blocked: Set[int], is_given) -> List[Span]:
    """Put listed full names into the rule spans. A rule span that holds a listed name and only given names
    or connectors besides («حسني عبد ربه» around «عبد ربه») stays; any other span that overlaps a listed
    name gives way to it (a shorter part, or a run-on «قال جاك شيراك أمس»). ``is_given(t)``: is token t a
    given name or a connector."""
    known = [k for k in known if not any(t in blocked for t in range(k[0], k[1]))]
    if not known:
        return persons
    out = []
    for p in persons:
        hit = next((k for k in known if p[0] < k[1] and k[0] < p[1]), None)
        if hit is None or (p[0] <= hit[0] and hit[1] <= p[1]
                           and all(is_given(t) for t in list(range(p[0], hit[0])) + list(range(hit[1], p[1])))):
            out.append(p)
    for k in known:
        if not any(p[0] < k[1] and k[0] < p[1] for p in out):
            out.append(k)
    out.sort()
    return out


def disable() -> None:
    """Use no listed public figures (for the name miner, which must count what the plain rules find)."""
    global load

    @functools.lru_cache(maxsize=1)
    def _empty() -> Tuple[PhraseMatcher, FrozenSet[str]]:
        return PhraseMatcher([]), frozenset()

    load = _empty
