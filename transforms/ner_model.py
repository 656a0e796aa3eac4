"""Persons named with no anchor, scored by a small learned model (logistic regression over token features).

Why: the rules find a person only next to an anchor (a title, a given name, a verb of saying, a name seen
earlier); news also names writers, athletes and foreigners alone («اينشتاين», «زيدان»). No labelled data
may be used, so the model is trained on the rules' own output over unlabelled ANT articles (silver labels,
bench/train_person_model.py), the co-training pattern of Collins & Singer (1999): the anchors are hidden
from it (a neighbouring given name, title or name word gives no feature), so what it learns is the rest,
the word's shape (transliteration letters, endings, length), the word itself, and the words around it.

Rules win: only tokens the rules left free, that could start a name (``_name_like``: no verb shape, no
frequent word, no article word, no place) and that touch no rule-found person, are scored; a run of tokens
above the threshold becomes one PER span, a free neighbour joins it at a lower probability (the other word
of a foreign name), and a word found so once is a name wherever else it stands free in the article. Words
whose spelling alone scores below a floor are not scored at all (cost: ~0.3-0.5 ms per article).
"""
from __future__ import annotations

import functools
import math
import os
from importlib import resources
from typing import Dict, List, Optional, Set, Tuple

from akhbar.transforms.ner_lexicon import CONNECTORS
from akhbar.transforms.ner_person_core import _match_title, _name_like
from akhbar.transforms.ner_tokens import View, is_article_word

MODEL_FILE = "ner_person_model.tsv"
MAX_SPAN = 4
_CACHE_LIMIT = 50_000
# words met, checked once (~100 bytes each): ANT's 2,000-article cost sample meets ~65,000 distinct tokens,
# and a cache cleared half way costs +0.1 ms per article in checks done again
_WORDS_LIMIT = 100_000
_ARABIC = frozenset(chr(c) for c in range(0x0621, 0x064B))

Span = Tuple[int, int, int]  # first token, end token (exclusive), proclitic letters to skip in the first


def word_form(norm: str) -> Tuple[int, str]:
    """(proclitic letters, word): a leading conjunction و comes off («وبوش» -> بوش)."""
    if len(norm) >= 4 and norm[0] == "و":
        return 1, norm[1:]
    return 0, norm


def spelling_features(w: str) -> List[str]:
    """What the word looks like: itself, its ends, inner letter triples, its length."""
    out = ["w=" + w, "s1=" + w[-1:], "s2=" + w[-2:], "s3=" + w[-3:], "p2=" + w[:2], "p3=" + w[:3],
           "len=%d" % min(len(w), 10)]
    if any(c not in _ARABIC for c in w):
        out.append("shape=nonarabic")
    padded = "<" + w + ">"
    out.extend("g3=" + padded[k:k + 3] for k in range(len(padded) - 2))
    return out


def masked(v: View, j: int, person_tokens: Set[int]) -> bool:
    """Is token j an anchor the model must not see (given name, title, connector, a rule-found name)?"""
    return (j in person_tokens or v.is_first_name(j) is not None or v.norm(j) in CONNECTORS
            or (v.title_starts[j] if v.title_starts else bool(_match_title(v, j))))


def _ctx_word(v: View, j: int) -> str:
    return word_form(v.norm(j))[1]


def context_features(v: View, i: int, person_tokens: Set[int], field: str) -> List[str]:
    """Words around token i (two each side, stopping at punctuation, the mark itself shown), no anchors."""
    toks = v.toks
    out = []
    if field == "title":
        out.append("field=title")
    # left
    if i == 0:
        out.append("L1=^")
    elif v.breaks[i]:
        out.append("L1=<" + v.ft.original[toks[i - 1].end:toks[i].start].strip()[:1])
    elif not masked(v, i - 1, person_tokens):
        out.append("L1=" + _ctx_word(v, i - 1))
        if i >= 2 and not v.breaks[i - 1] and not masked(v, i - 2, person_tokens):
            out.append("L2=" + _ctx_word(v, i - 2))
    # right
    n = len(toks)
    if i + 1 >= n:
        out.append("R1=$")
    elif v.breaks[i + 1]:
        out.append("R1=>" + v.ft.original[toks[i].end:toks[i + 1].start].strip()[:1])
    elif not masked(v, i + 1, person_tokens):
        out.append("R1=" + _ctx_word(v, i + 1))
        if i + 2 < n and not v.breaks[i + 2] and not masked(v, i + 2, person_tokens):
            out.append("R2=" + _ctx_word(v, i + 2))
    return out


_WORDS: Dict[str, str] = {}


def _word(v: View, i: int) -> str:
    """The word of a token that may be scored (``word_form``), or "" when its spelling rules it out: too
    short, a frequent or function word, an article word (cached per word across texts; most tokens fail)."""
    norm = v.toks[i].norm
    w = _WORDS.get(norm)
    if w is None:
        lex = v.lex
        w = word_form(norm)[1]
        if not (len(w) >= 3 and norm.isalpha() and norm not in CONNECTORS and not is_article_word(w)
                and not is_article_word(v.art(i)[1])
                and w not in lex.common_words and w not in lex.stopwords and w not in lex.not_names):
            w = ""
        if len(_WORDS) > _WORDS_LIMIT:
            _WORDS.clear()
        _WORDS[norm] = w
    return w


def is_candidate(v: View, i: int) -> bool:
    """Could token i be a name part the rules did not anchor (shape only; coverage is the caller's)?"""
    return bool(_word(v, i)) and v.is_first_name(i) is None and _name_like(v, i, True)


_CONTEXT = frozenset({"L1", "L2", "R1", "R2", "field"})


class Model:
    """Feature weights, a bias and the decision threshold (probability). The context weights stay keyed by
    feature name (``weights``); the spelling weights are kept once, in one table per template."""

    def __init__(self, weights: Dict[str, float], bias: float, threshold: float, extend: float = 0.0,
                 spell_floor: float = -math.inf):
        self.weights: Dict[str, float] = {}
        self._by_template: Dict[str, Dict[str, float]] = {}
        for f, x in weights.items():
            name, _, value = f.partition("=")
            if name in _CONTEXT:
                self.weights[f] = x
            else:
                self._by_template.setdefault(name, {})[value] = x
        self.spell_floor = spell_floor  # a word must look like a name: bias + spelling at least this
        self.bias = bias
        self.threshold = threshold
        self.logit_threshold = math.log(threshold / (1 - threshold))
        # a token next to a hit joins it at this lower probability (none when not below the threshold)
        self.extend = extend if 0 < extend < threshold else threshold
        self.logit_extend = math.log(self.extend / (1 - self.extend))
        self._spell: Dict[str, float] = {}
        self.known_spell: Dict[str, float] = {}  # the model's own words: spelling score stored in the file
        # the most the words around a token can add: a word whose spelling is below cut - this is skipped
        best: Dict[str, float] = {}
        for f, w in self.weights.items():
            t = f.partition("=")[0]
            if w > best.get(t, 0.0):
                best[t] = w
        self.context_max = sum(best.values())

    def _spelling_sum(self, w: str) -> float:
        """sum(weights[f] for f in spelling_features(w)), with one weight table per template (no feature
        strings built: this runs for every new word a worker meets)."""
        t = self._by_template
        none: Dict[str, float] = {}
        s = (t.get("w", none).get(w, 0.0) + t.get("s1", none).get(w[-1:], 0.0) + t.get("s2", none).get(w[-2:], 0.0)
             + t.get("s3", none).get(w[-3:], 0.0) + t.get("p2", none).get(w[:2], 0.0)
             + t.get("p3", none).get(w[:3], 0.0) + t.get("len", none).get(str(min(len(w), 10)), 0.0))
        if any(c not in _ARABIC for c in w):
            s += t.get("shape", none).get("nonarabic", 0.0)
        g3 = t.get("g3", none).get
        padded = "<" + w + ">"
        return s + sum(g3(padded[k:k + 3], 0.0) for k in range(len(padded) - 2))

    def may_pass(self, w: str) -> bool:
        """Does ``w`` look enough like a name to be scored in its context? (cheap: spelling is cached)"""
        s = self.bias + self.spelling_score(w)
        return s >= self.spell_floor and s + self.context_max >= self.logit_threshold

    def spelling_score(self, w: str) -> float:
        s = self.known_spell.get(w)
        if s is not None:
            return s
        s = self._spell.get(w)
        if s is None:
            s = self._spelling_sum(w)
            if len(self._spell) > _CACHE_LIMIT:
                self._spell.clear()
            self._spell[w] = s
        return s

    def logit(self, v: View, i: int, person_tokens: Set[int], field: str) -> float:
        get = self.weights.get
        return (self.bias + self.spelling_score(word_form(v.norm(i))[1])
                + sum(get(f, 0.0) for f in context_features(v, i, person_tokens, field)))


def read_model(text: str) -> Model:
    weights: Dict[str, float] = {}
    spell: Dict[str, float] = {}
    bias, threshold, extend, floor = 0.0, 0.5, 0.0, -math.inf
    for ln in text.splitlines():
        if not ln or ln.startswith("#"):
            continue
        feat, _, value = ln.rpartition("\t")
        if feat.startswith("sp="):
            spell[feat[3:]] = float(value)
        elif feat == "@bias":
            bias = float(value)
        elif feat == "@threshold":
            threshold = float(value)
        elif feat == "@extend":
            extend = float(value)
        elif feat == "@spell_floor":
            floor = float(value)
        else:
            weights[feat] = float(value)
    model = Model(weights, bias, threshold, extend, floor)
    model.known_spell = spell
    return model


#: Set to 1 to add the model's names to the rules' (off by default). Scored once on blind set 6 (16 fresh ANT
#: articles, annotated blind): PER F1 .640 with the model against .667 without (2 more false positives, no
#: true positive), while NewsFANE dev rose .736 -> .745 and entities cost ~+0.5 ms per article. The rule
#: set before scoring was: keep it on only if blind set 6 did not get worse. So it is opt-in.
ENV = "AKHBAR_PERSON_MODEL"


def default_enabled(environ=os.environ) -> bool:
    return environ.get(ENV, "").strip() == "1"


_ENABLED = [default_enabled()]


@functools.lru_cache(maxsize=1)
def _load() -> Optional[Model]:
    path = resources.files("akhbar.transforms") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    return read_model(path.read_text(encoding="utf-8"))


_OVERRIDE: List[Model] = []


def load() -> Optional[Model]:
    """The shipped model, or None when it is absent or switched off (the trainer runs the rules alone)."""
    if not _ENABLED[0]:
        return None
    return _OVERRIDE[0] if _OVERRIDE else _load()


def set_enabled(on: bool) -> None:
    _ENABLED[0] = on


def use_model(model: Optional[Model]) -> None:
    """Score with ``model`` instead of the shipped file (None: back to the file); for the trainer."""
    _OVERRIDE[:] = [model] if model is not None else []


def extra_persons(v: View, taken: Set[int], person_tokens: Set[int], field: str,
                  model: Optional[Model] = None, words: Optional[Set[str]] = None) -> List[Span]:
    """PER spans on free tokens that the model scores above its threshold (runs of such tokens).

    ``words``: names the model found elsewhere in the article; then only the free tokens spelled the same
    are returned (the article-level evidence the rules use for surnames), without scoring anything.
    """
    model = model or load()
    if model is None:
        return []
    toks = v.toks
    near = set(person_tokens)
    for t in person_tokens:
        near.add(t - 1)
        near.add(t + 1)

    places, first = v.place_tokens, v.is_first_name

    def free(i: int) -> str:
        if i in taken or i in near or i in places or first(i) is not None:
            return ""
        return _word(v, i)

    def score(i: int, cut: float) -> bool:
        # the score first: few tokens pass it, and the name-shape test costs more
        return model.logit(v, i, person_tokens, field) >= cut and _name_like(v, i, True)

    hits: Set[int] = set()
    known = _WORDS.get
    ws = [known(tok.norm, 0) for tok in toks]  # comprehensions: this runs over every token of every text
    skip = taken | near | places
    for i in [i for i, w in enumerate(ws) if w != "" and i not in skip and first(i) is None]:
        w = ws[i] or _word(v, i)  # 0: a word not met before, checked only now that its place is free
        if not w:
            continue
        if words is not None:
            if w in words and _name_like(v, i, True):
                hits.add(i)
        elif model.may_pass(w) and score(i, model.logit_threshold):
            hits.add(i)
    if model.logit_extend < model.logit_threshold and words is None:
        for i in sorted(hits):  # «ديان لوفرين»: the other word of a name found by one of its words
            for j in (i - 1, i + 1):
                k = max(i, j)
                if 0 <= j < len(toks) and j not in hits and not v.breaks[k] and free(j) \
                        and score(j, model.logit_extend):
                    hits.add(j)
    out: List[Span] = []
    for i in sorted(hits):
        if out and out[-1][1] == i and not v.breaks[i] and i - out[-1][0] < MAX_SPAN:
            out[-1] = (out[-1][0], i + 1, out[-1][2])
        else:
            out.append((i, i + 1, word_form(v.norm(i))[0]))
    return out


#: bias + spelling logit at or above which a word is spelled like a name (for the rules, the model may be off).
#: Words right before a known surname in ANT: -1.3 let in nouns and roots («صهر»، «سفاح»، «ترويج»: -1.2 to
#: -0.8); at -0.7, 10 of 190 new spans over 6,000 articles were wrong. Given names score -1.3 to 2.4.
NAME_SPELLING = -0.7


def spelled_like_name(norm: str) -> bool:
    """Does the word look like a person's name by its letters alone (the model's spelling weights)?"""
    model = _load()
    return model is not None and model.bias + model.spelling_score(word_form(norm)[1]) >= NAME_SPELLING


def spelling_logit(norm: str) -> float:
    """bias + spelling logit of a word (the model may be off); -inf without the model file."""
    model = _load()
    return model.bias + model.spelling_score(word_form(norm)[1]) if model is not None else -math.inf


def word_seen(norm: str) -> bool:
    """Did the model meet the word itself often enough in training to weigh it (a frequent word of the
    news, name or not), rather than judging it by its letters alone?"""
    model = _load()
    return model is not None and word_form(norm)[1] in model.known_spell


def found_words(v: View, spans: List[Span]) -> Set[str]:
    """The words of model-found names, for ``extra_persons(words=...)`` on the rest of the article."""
    return {word_form(v.norm(i))[1] for a, b, _ in spans for i in range(a, b)}
