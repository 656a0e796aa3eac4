"""Persons known from the news corpus: family names and full names mined by ``bench/mine_names.py``.

Why: a famous person is often named by the family name alone with nothing around it that the rules can
anchor on («ترامب يلتقي ...»). The mined list (``data/ner_persons_mined.tsv``, from the ANT corpus,
Apache-2.0) holds names the rules found anchored in several articles and that are rarely anything else.
"""
from __future__ import annotations

import functools
from importlib import resources
from typing import FrozenSet, List, Tuple

from akhbar.transforms import ner_lexicon
from akhbar.transforms.arabic_text import Folded
from akhbar.transforms.phrase_match import PhraseMatcher

_ENABLED = True


def disable() -> None:
    """Use no mined names (the miner itself runs the plain rules)."""
    global _ENABLED
    _ENABLED = False
    load.cache_clear()
    org_matcher.cache_clear()


@functools.lru_cache(maxsize=1)
def load() -> Tuple[FrozenSet[str], PhraseMatcher]:
    """(family names, matcher of full names) in folded key form."""
    if not _ENABLED:
        return frozenset(), PhraseMatcher([])
    raw = (resources.files("akhbar.transforms") / "data" / "ner_persons_mined.tsv").read_text(encoding="utf-8")
    surnames, full = set(), []
    lex = ner_lexicon.load()
    for ln in raw.splitlines():
        if not ln or ln.startswith("#"):
            continue
        kind, name = ln.split("\t")[:2]
        if kind == "surname":
            if name not in lex.not_names and name not in lex.stopwords:
                surnames.add(name)
        else:
            full.append((name, name))
    return frozenset(surnames), PhraseMatcher(full)


@functools.lru_cache(maxsize=1)
def org_matcher() -> PhraseMatcher:
    """Organization names mined from the corpus (``data/ner_orgs_mined.tsv``: names that mostly follow a
    trigger such as حزب or شركة, so they name the body also without it)."""
    if not _ENABLED:
        return PhraseMatcher([])
    raw = (resources.files("akhbar.transforms") / "data" / "ner_orgs_mined.tsv").read_text(encoding="utf-8")
    return PhraseMatcher((ln.split("\t")[0], ln.split("\t")[0]) for ln in raw.splitlines()
                         if ln and not ln.startswith("#"))


def surnames() -> FrozenSet[str]:
    return load()[0]


def full_name_spans(ft: Folded) -> List[Tuple[int, int, int]]:
    """Token spans (first, end, proclitic letters) of known full names in a folded field."""
    hits = load()[1].find(ft)
    if not hits:
        return []
    toks = ft.tokens
    out = []
    k = 0
    for h in hits:
        while k < len(toks) and toks[k].fend <= h.fstart:
            k += 1
        if k >= len(toks):
            break
        a = k
        b = a
        while b < len(toks) and toks[b].fstart < h.fend:
            b += 1
        out.append((a, b, h.fstart - toks[a].fstart))
    return out
