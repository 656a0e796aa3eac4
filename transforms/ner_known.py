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
from akhbar.transforms.arabic_text import Folded, key
from akhbar.transforms.phrase_match import PhraseMatcher, token_spans

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


def _data_lines(name: str) -> List[str]:
    raw = (resources.files("akhbar.transforms") / "data" / name).read_text(encoding="utf-8")
    return [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


def lexicon_orgs() -> List[Tuple[str, str]]:
    """(variant key, name key) of the written organization lexicon (``data/ner_orgs_lexicon.tsv``: agencies,
    media, international bodies, parties, companies, clubs named without a trigger word)."""
    out = []
    for ln in _data_lines("ner_orgs_lexicon.tsv"):
        cols = ln.split("\t")
        name = key(cols[1])
        out.extend((key(v), name) for v in [cols[1]] + (cols[2].split("|") if len(cols) > 2 else []) if v.strip())
    return out


def known_org_names() -> List[str]:
    """Keys of every name and variant in ``data/ner_orgs_known.tsv`` (matched by ``ner_lexicon``)."""
    out = []
    for ln in _data_lines("ner_orgs_known.tsv"):
        cols = ln.split("\t")
        out.extend(key(v) for v in [cols[0]] + (cols[1].split("|") if len(cols) > 1 else []) if v.strip())
    return out


@functools.lru_cache(maxsize=1)
def org_matcher() -> PhraseMatcher:
    """The organization lexicon plus names mined from the corpus (``data/ner_orgs_mined.tsv``: names that
    mostly follow a trigger such as حزب or شركة, so they name the body also without it; left out when
    ``disable()`` was called)."""
    items = lexicon_orgs()
    if _ENABLED:
        items += [(ln.split("\t")[0], ln.split("\t")[0]) for ln in _data_lines("ner_orgs_mined.tsv")]
    return PhraseMatcher(items)


def surnames() -> FrozenSet[str]:
    return load()[0]


#: a mined family name this short is also an ordinary word elsewhere («بار»، «راب»، «وود»: a bar, rap,
#: affection); unless the corpus named it in many articles («ماي» 329, «بنس» 62) it is weak evidence alone
SHORT_SURNAME = 3
FAMOUS_ARTICLES = 40


@functools.lru_cache(maxsize=1)
def weak_surnames() -> FrozenSet[str]:
    """Mined family names of at most SHORT_SURNAME letters found in fewer than FAMOUS_ARTICLES articles."""
    if not _ENABLED:
        return frozenset()
    out = set()
    for ln in _data_lines("ner_persons_mined.tsv"):
        cols = ln.split("\t")
        if cols[0] == "surname" and len(cols[1]) <= SHORT_SURNAME and len(cols) > 2 and int(cols[2]) < FAMOUS_ARTICLES:
            out.add(cols[1])
    return frozenset(out) & surnames()


def full_name_spans(ft: Folded) -> List[Tuple[int, int, int]]:
    """Token spans (first, end, proclitic letters) of known full names in a folded field."""
    return token_spans(ft, load()[1].find(ft))
