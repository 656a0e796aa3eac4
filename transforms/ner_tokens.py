"""Per-token facts the person and organization rules share (computed once per text)."""
from __future__ import annotations

import bisect
import functools
from itertools import repeat
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from akhbar.transforms.arabic_text import CLITIC_LETTERS, Folded, clitic_splits, key, proclitic_forms, strip_proclitics
from akhbar.transforms.ner_lexicon import Lexicon

_BREAK_CHARS = frozenset(".,،؛;:!?؟()[]{}«»\"“”„'‘’|/\n\\*•…_")


# Per-word facts that depend only on the folded word and the word lists, shared by every text of the
# process (a worker sees the same words again and again). Cleared when they grow past _CACHE_LIMIT words.
_CACHE_LIMIT = 50_000  # ~10 MB at most over all caches; a cleared cache refills from the next texts
_SPLITS: Dict[str, List[Tuple[str, str]]] = {}
_ART: Dict[str, Tuple[str, str]] = {}
_KNOWN_SPLITS: Dict[int, Tuple[object, Dict[str, Tuple[str, str]]]] = {}  # id(known) -> (known, fixed split table)
_LEX_FACTS: Dict[int, Tuple[Lexicon, Dict[str, tuple]]] = {}  # id(lex) -> (lex, fixed table: _facts_table)
_MISSING = object()


def _bounded(cache: dict, limit: int = _CACHE_LIMIT) -> dict:
    if len(cache) > limit:
        cache.clear()
    return cache


def _splits(norm: str) -> List[Tuple[str, str]]:
    """``clitic_splits`` of recent words (the answers per word set are cached apart; this one only serves
    the several word sets that ask about the same new word, so it stays small)."""
    out = _SPLITS.get(norm)
    if out is None:
        out = _bounded(_SPLITS, 5_000)[norm] = clitic_splits(norm)
    return out


def _split_known(norm: str, known) -> Tuple[str, str]:
    """(proclitics, stem) of a folded word starting with a clitic letter, splitting only into ``known``."""
    if norm in known:
        return "", norm
    for pre, stem in _splits(norm):
        if stem in known:
            return pre, stem
    return "", norm


_TABLE_MAX_WORDS = 2_000  # word sets up to this size get a fixed table of their proclitic forms


def _split_cached(norm: str, known) -> Tuple[str, str]:
    """``_split_known`` for immutable word sets (the lexicon's frozensets), from a fixed table of the splits
    that find a listed stem (``_split_table``); every other word is ("", word)."""
    if type(known) is not frozenset or len(known) > _TABLE_MAX_WORDS:
        return _split_known(norm, known)
    entry = _KNOWN_SPLITS.get(id(known))
    if entry is None or entry[0] is not known:
        entry = _bounded(_KNOWN_SPLITS, 64)[id(known)] = (known, _split_table(known))
    return entry[1].get(norm) or ("", norm)


def _split_table(known: FrozenSet[str]) -> Dict[str, Tuple[str, str]]:
    """word -> (proclitics, stem) for every word ``_split_known`` splits into a stem of ``known``.

    Such a word is a listed word behind a plain proclitic chain or, for a word with the article, behind لل
    (``clitic_splits``); the candidates are split by ``_split_known`` itself, so the answers are its own.
    Fixed per word set (~12 entries per listed word): it does not grow with the texts seen, as the
    per-word cache it replaces did (~8,000 words per set after 100 articles)."""
    table: Dict[str, Tuple[str, str]] = {}
    for w in known:
        for c in proclitic_forms(w):
            out = _split_known(c, known)
            if out[0]:
                table[c] = out
    return table


_FORMS: Dict[int, Tuple[FrozenSet[str], FrozenSet[str]]] = {}  # id(words) -> (words, their forms)


def split_forms(words: FrozenSet[str]) -> FrozenSet[str]:
    """Every folded word ``w`` with ``View.split(i, words)[1] in words`` (the word, or its stem behind
    proclitics, is listed), for a fixed word set: a token's test becomes one set look-up.

    Such a word is a listed word behind a plain proclitic chain or, for a word with the article, behind
    لل (``clitic_splits``); those candidates are checked with the split itself, so the set is exact."""
    entry = _FORMS.get(id(words))
    if entry is None or entry[0] is not words:
        cands: Set[str] = set()
        for w in words:
            cands.add(w)
            cands.update(proclitic_forms(w))
        forms = frozenset(c for c in cands if (_split_cached(c, words)[1] if c[:1] in CLITIC_LETTERS else c) in words)
        entry = _bounded(_FORMS, 64)[id(words)] = (words, forms)
    return entry[1]


def _lex_facts(lex: Lexicon) -> Dict[str, Tuple[bool, Optional[str], Optional[Tuple[str, str]]]]:
    """Word -> (is a stopword, given-name prefix, trigger) for one lexicon, as if no word were على; a word
    that is not in the table has none of the three (``_NO_FACTS``)."""
    entry = _LEX_FACTS.get(id(lex))
    if entry is None or entry[0] is not lex:
        entry = _bounded(_LEX_FACTS, 8)[id(lex)] = (lex, _facts_table(lex))
    return entry[1]


def _facts_table(lex: Lexicon) -> Dict[str, Tuple[bool, Optional[str], Optional[Tuple[str, str]]]]:
    """``_word_facts`` of every word that has any, computed once per lexicon.

    A word has a fact only when it, or the stem a proclitic split (``clitic_splits``) leaves, is in one of
    the three lists; so it is a listed word behind a plain proclitic chain or, for a word with the article,
    behind لل. Those forms are few (~15 per listed word) and fixed: a table of them answers every token
    with one look-up and never grows with the texts seen (it used to be a per-word cache)."""
    forms: Set[str] = set()
    for words in (lex.stopwords, lex.first_names, lex.org_triggers):
        for w in words:
            forms.add(w)
            forms.update(proclitic_forms(w))
    table = {}
    for form in forms:
        row = _word_facts(lex, form)
        if row is not _NO_FACTS:
            table[form] = row
    return table


_NO_FACTS = (False, None, None)  # shared by the many words that are none of the three


def _word_facts(lex: Lexicon, norm: str) -> Tuple[bool, Optional[str], Optional[Tuple[str, str]]]:
    facts = (_stop_word(lex, norm), _first_name_word(lex, norm), _trigger_word(lex, norm))
    return _NO_FACTS if facts == _NO_FACTS else facts


def _stop_word(lex: Lexicon, norm: str) -> bool:
    if norm in lex.stopwords:
        return True
    if norm[:1] not in CLITIC_LETTERS:
        return False
    pre, stem = _split_known(norm, lex.stopwords)
    return bool(pre) and stem in lex.stopwords


def _first_name_word(lex: Lexicon, norm: str) -> Optional[str]:
    if norm in lex.first_names:
        return ""
    if norm[:1] not in CLITIC_LETTERS:
        return None
    pre, stem = _split_known(norm, lex.first_names)
    if pre.endswith("ك") and len(stem) <= K_STEM_MAX:
        return None  # «كيان» (entity) is not ك + «يان»: ك before a given name of three letters is the word's own letter
    return pre if pre and stem in lex.first_names else None


K_STEM_MAX = 3  # a given name of up to this many letters is never read behind ك


def _trigger_word(lex: Lexicon, norm: str) -> Optional[Tuple[str, str]]:
    if norm in lex.org_triggers:
        return "", norm
    if norm[:1] not in CLITIC_LETTERS:
        return None
    pre, stem = _split_known(norm, lex.org_triggers)
    if pre and stem in lex.org_triggers:
        return pre, stem
    return None


@dataclass
class View:
    """A folded text with its tokens and, per token, whether punctuation precedes it."""

    ft: Folded
    lex: Lexicon
    breaks: List[bool]  # True when a punctuation mark or line break separates token i-1 and token i
    place_tokens: Set[int]  # tokens inside a gazetteer place mention (a name never starts there)
    strong_place_tokens: Set[int]  # ... of a country, division, region or big city (a name never crosses)
    maqsura: bool = True  # the text writes ى: then علي is the name, not على written with ي
    country_tokens: Set[int] = None  # tokens inside a mention that may be a country

    def __post_init__(self):
        self._memo = {}
        self.title_starts: List[bool] = []  # filled by the person rules
        self.toks = self.ft.tokens  # an attribute, not a property: the rules read it millions of times
        self.has_paren = "(" in self.ft.original  # asked per token by a frame; one scan of the text here
        # Per-token answers of is_stop / is_first_name / is_trigger, computed at once from per-word facts
        # shared across texts (the rules ask about nearly every token, most of them only once).
        facts = _lex_facts(self.lex)
        self.norms = norms = [t.norm for t in self.toks]  # also counted by the article rules
        rows = list(map(facts.get, norms, repeat(_NO_FACTS)))
        if "علي" in self.ft.text:
            for i, norm in enumerate(norms):
                if norm.endswith("علي") and len(norm) <= 4 and self._is_ala(i):
                    rows[i] = (True, None, rows[i][2])
        self._stop, self._first, self._trigger = zip(*rows) if rows else ((), (), ())

    def memo(self, kind: str, i: int, compute):
        """Per-token cache: rules ask the same question of a token many times."""
        table = self._memo.get(kind)
        if table is None:
            table = self._memo[kind] = {}
        else:
            value = table.get(i, _MISSING)
            if value is not _MISSING:
                return value
        value = table[i] = compute(i)
        return value

    def rule_of(self, i: int) -> str:
        """Which person rule started a name at token i (for surnames and debugging)."""
        return self._memo.get("rule", {}).get(i, "?")

    def norm(self, i: int) -> str:
        return self.toks[i].norm

    def split(self, i: int, known) -> Tuple[str, str]:
        """(proclitics, stem) of token i, splitting only when the stem is in ``known``."""
        norm = self.toks[i].norm
        if norm[:1] not in CLITIC_LETTERS:
            return "", norm  # no proclitic can start this word
        return _split_cached(norm, known)

    def art(self, i: int) -> Tuple[str, str]:
        """(proclitics, stem) with article-bearing chains split (بالعراق -> ب, العراق)."""
        norm = self.toks[i].norm
        if norm[:1] not in CLITIC_LETTERS:
            return "", norm  # what strip_proclitics gives for a word without a clitic letter first
        out = _ART.get(norm)
        if out is None:
            out = strip_proclitics(norm)
            _bounded(_ART)[norm] = out if out[0] else False
            return out
        return out or ("", norm)

    def _is_ala(self, i: int) -> bool:
        """Is token i the preposition على (written with ى, or in a text that never writes ى)?"""
        t = self.toks[i]
        if not t.norm.endswith("علي") or len(t.norm) > 4:
            return False
        return not self.maqsura or self.ft.original[t.start:t.end].rstrip("\u064b\u064e\u0650\u0652").endswith("\u0649")

    def is_stop(self, i: int) -> bool:
        return self._stop[i]

    def is_first_name(self, i: int) -> Optional[str]:
        """The proclitic prefix if token i is a given name (possibly with و/ب/ل), else None."""
        return self._first[i]

    def is_trigger(self, i: int) -> Optional[Tuple[str, str]]:
        """(prefix, trigger) when token i is an organization trigger (with proclitics)."""
        return self._trigger[i]

    def span(self, a: int, b: int, prefix_len: int = 0) -> Tuple[int, int]:
        """Original offsets of tokens [a, b), skipping ``prefix_len`` folded letters of token a."""
        toks = self.toks
        return self.ft.span(toks[a].fstart + prefix_len, toks[b - 1].fend)


def make_view(ft: Folded, lex: Lexicon, place_spans: List[Tuple[int, int]],
              strong_spans: List[Tuple[int, int]], country_spans: List[Tuple[int, int]] = ()) -> View:
    toks = ft.tokens
    text = ft.original
    disjoint = _BREAK_CHARS.isdisjoint
    breaks = [True]
    breaks += [not disjoint(text[a.end:b.start]) for a, b in zip(toks, toks[1:])]
    # Texts that never write ى (some corpora fold it) make على and the name علي the same string.
    maqsura = "\u0649" in text or len(text) < 200
    starts = [t.fstart for t in toks]
    return View(ft, lex, breaks, _tokens_in(toks, place_spans, starts), _tokens_in(toks, strong_spans, starts),
                maqsura, _tokens_in(toks, list(country_spans), starts))


def _tokens_in(toks, spans: List[Tuple[int, int]], starts: List[int]) -> Set[int]:
    """Indexes of tokens that overlap any folded span (tokens and spans are both in text order)."""
    out: Set[int] = set()
    if not spans:
        return out
    for fs, fe in spans:
        k = max(bisect.bisect_right(starts, fs) - 1, 0)
        while k < len(toks) and toks[k].fstart < fe:
            if toks[k].fend > fs:
                out.add(k)
            k += 1
    return out


def is_article_word(stem: str) -> bool:
    return stem.startswith("ال") and len(stem) > 3


def is_nisba(stem: str) -> bool:
    """A definite relative adjective (العراقي، الأمريكية، الكردستاني): how nationalities follow a noun."""
    return is_article_word(stem) and (stem.endswith("ي") or stem.endswith("ية") or stem.endswith("يين")
                                      or stem.endswith("يون"))


_NATIONALITY: Dict[str, bool] = {}


def is_nationality(stem: str) -> bool:
    """A definite adjective made from a place name (الصينية، الأمريكي، البريطانية), checked on the gazetteer."""
    if not is_nisba(stem):
        return False  # most words: no lookup, nothing cached
    value = _NATIONALITY.get(stem)
    if value is None:
        value = _bounded(_NATIONALITY)[stem] = _is_nationality(stem)
    return value


@functools.lru_cache(maxsize=1)
def _written_nationalities() -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """(adjectives the gazetteer check misses, nisba words it wrongly takes) from the ``place_adj`` and
    ``not_place_adj`` rows of ``data/ner_org_descriptive.tsv``."""
    from importlib import resources

    raw = (resources.files("akhbar.transforms") / "data" / "ner_org_descriptive.tsv").read_text(encoding="utf-8")
    rows = {"place_adj": set(), "not_place_adj": set()}
    for ln in raw.splitlines():
        kind, _, rest = ln.partition("\t")
        if kind in rows:
            rows[kind].update(key(w) for w in rest.partition("\t")[2].split())
    return frozenset(rows["place_adj"]), frozenset(rows["not_place_adj"])


def _is_nationality(stem: str) -> bool:
    if not is_nisba(stem):
        return False
    written, not_places = _written_nationalities()
    if stem in written or stem in not_places:
        return stem in written
    from akhbar.transforms import gazetteer  # late: the gazetteer is loaded once, by then

    core = stem[2:]
    for suffix in ("يين", "يون", "ية", "ي"):
        if core.endswith(suffix):
            core = core[: -len(suffix)]
            break
    auto = gazetteer.load().matcher.automaton
    return any(auto.exists(c) for c in (core, core + "ا", core + "يا", core + "ستان") if len(c) >= 3)


#: A doubles pair or duo («الزوجي التشيكي نوفاك وريكل»، «الثنائي النيجيري أرجنتا وجاستس») is two persons: its
#: nationality opens a name as after «اللاعب».
PAIR_NOUNS = frozenset(key(w) for w in ("الزوجي", "الثنائي"))
_AFTER_NAT_OK = frozenset(key(w) for w in ("مثل", "بينهم", "أمام", "مع", "ضد", "اللاعب", "المدرب", "النجم",
                                             "الدولي", "المهاجم", "الحارس", "المدافع", "لاعبه", "زميله")) | PAIR_NOUNS


def _nationality_stem(norm: str) -> str:
    """The definite form of a nationality behind a proclitic (والصيني، للكيني، بالبرازيلي -> ال...)."""
    if norm[:2] == "لل":
        return "ال" + norm[2:]
    if norm[:3] in ("وال", "فال", "بال", "كال"):
        return norm[1:]
    return norm


NAT_OPENS = 2  # the nationality opens its phrase: «والأرجنتيني هرنان كريسبو»
NAT_AFTER_NOUN = 1  # it follows a noun it may describe: «الدبلوماسي السريلانكي جاينثا دانابالا»، «الجيش السوري»


def nationality_opens_name(v: View, i: int) -> int:
    """Is token i right after a definite nationality adjective, and how does that adjective stand?

    NAT_OPENS when it opens its phrase (start, punctuation, a proclitic on it, or مثل/أمام/مع before it):
    what follows is a name. NAT_AFTER_NOUN when a noun precedes it: the adjective may describe that noun
    (الجيش السوري) or a person noun before a name (الدبلوماسي السريلانكي ...); the caller asks for more. 0 else.
    """
    if i == 0 or v.breaks[i]:
        return 0
    j = i - 1
    toks = v.toks
    norm = toks[j].norm
    stem = _nationality_stem(norm)
    if not is_nationality(stem):  # first: the cheapest test that fails for almost every word
        return 0
    if v.ft.original[toks[j].end:toks[i].start].strip():
        return 0  # «(الفرنسية - أرشيف)»: a credit line, not a name
    if norm != stem or j == 0 or v.breaks[j] or v.norm(j - 1) in _AFTER_NAT_OK or v.is_stop(j - 1):
        return NAT_OPENS
    return NAT_AFTER_NOUN
