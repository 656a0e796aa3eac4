"""Article-level evidence for persons: names anchored once (by a title, a given name, a frame) name the
same person wherever they recur in the article, also without their anchor.

Why: news names a person in full once and then by the family name alone («وأضاف فليح»), or repeats a full
name whose given name we do not know. The listed public figures' family names join them.
"""
from __future__ import annotations

import functools
from collections import Counter
from typing import Dict, FrozenSet, List, Set, Tuple

from akhbar.transforms import ner_known, ner_person_public
from akhbar.transforms.arabic_text import CLITIC_LETTERS
from akhbar.transforms.ner_lexicon import CONNECTORS, OFFICE_NOUNS, ORDINALS
from akhbar.transforms.ner_model import spelled_like_name, spelling_logit
from akhbar.transforms.ner_person_core import _name_like
from akhbar.transforms.ner_person_frames import _unknown_name_word
from akhbar.transforms.ner_person_words import is_saying
from akhbar.transforms.ner_tokens import View

Span = Tuple[int, int, int]
_QUOTES = '"«“(\''
#: the spelling logit (ner_model.spelling_logit) a word said twice or more without any anchor needs: on
#: NewsFANE dev 2 adds 19 names for 3 wrong, 1 adds 33 for 18 wrong; brand names score as high («أوكسفام»)
RECURRING_SPELLING = 2.0
#: a word said this often needs less («نيكسون»، «دانيلز»: 0.5 to 1.5); NewsFANE dev: 4 times and 0.5 add 30
#: names for 7 wrong, 3 times add 36 for 20 wrong
RECURRING_OFTEN = 4
RECURRING_SPELLING_OFTEN = 0.5
#: Latin letters spelled out (folded; not ان، في، او, which are Arabic words): after one, a word is part of an
#: acronym or brand («بي أو دبليو»، «بي.دبليو.سي»، «إي كولاي»)
_LATIN_LETTERS = frozenset(("بي", "اي", "سي", "دي", "جي", "اف", "تي", "يو", "اكس", "ار", "اس", "كيو", "زد", "اتش"))
_NOT_NAME_ENDS = ("ة", "ات", "ها", "هم", "نا")  # feminine, plural, pronoun: no foreign name (ner_person_frames)


def surnames(v: View, persons: List[Span], elsewhere: View = None) -> Set[str]:
    """Last tokens of well-anchored full names, and the listed public figures' family names: later mentions
    of them alone are persons too. ``elsewhere``: the article's other field (its title for the body), whose
    words count with this field's for recurring names."""
    names: Set[str] = set()
    for a, b, plen in persons:
        rule = v.rule_of(a)
        if rule not in ("given", "title", "frame", "age") or (b - a < 2 and rule not in ("title", "age")):
            continue
        if rule == "age" and b - a == 1 and v.norm(a).endswith("ة"):
            continue  # «ضربة زاوية (35)»: a feminine noun before the minute names no one elsewhere
        last = v.norm(b - 1)[plen:] if b - a == 1 else v.norm(b - 1)
        if b - a >= 2 and v.norm(b - 2) in CONNECTORS:
            continue  # عبد العزيز، أبو بكر: the last word is half of a compound, not a surname
        if len(last) >= 3 and last not in v.lex.stopwords and _family_word_ok(v, last, b - a) \
                and last not in v.lex.org_triggers and last not in CONNECTORS and last != "الله" \
                and last not in v.lex.not_names and last not in OFFICE_NOUNS and last not in ORDINALS \
                and last not in v.lex.common_words:
            if last not in v.lex.title_heads:  # «ماجد المهندس»: the title word alone later is the title
                names.add(last)
            if 2 <= b - a <= 4:  # the full name too: «كارين ماكدوغال» again later is the whole name
                names.add(" ".join([v.norm(a)[plen:]] + [v.norm(k) for k in range(a + 1, b)]))
    known = ner_person_public.family_names()
    return names | known | _recurring_names(v, persons, names | known, elsewhere)


def trim_foreign_definite(v: View, persons: List[Span]) -> List[Span]:
    """«حضرت زوجته ميلانيا الجنازة»، «تارو أسو الزي المقترح»: a word with the article after a foreign given
    name is the sentence's object, not a family name (Arab family names take the article, foreign ones do
    not); a regnal ordinal («إدوارد الثالث»), a listed family name and a foreign one that begins with أل/إل
    («سام ألتمان»، «تشارلز إليز»: folded like the article, written with hamza) stay."""
    foreign = _foreign_given()
    out = []
    for a, b, plen in persons:
        last = v.norm(b - 1)
        if b - a >= 2 and last[:2] == "ال" and v.norm(a)[plen:] in foreign and last not in ORDINALS \
                and v.ft.original[v.toks[b - 1].start] == "ا" and last not in ner_known.surnames() \
                and last not in ner_person_public.family_names():
            b -= 1
        out.append((a, b, plen))
    return out


@functools.lru_cache(maxsize=1)
def _foreign_given() -> FrozenSet[str]:
    """The given names of the blocks of ner_first_names.txt whose header holds «# @foreign» (folded)."""
    from importlib import resources

    from akhbar.transforms.arabic_text import key

    raw = (resources.files("akhbar.transforms") / "data" / "ner_first_names.txt").read_text(encoding="utf-8")
    out, foreign, in_header = set(), False, False
    for ln in raw.splitlines():
        if ln.startswith("#"):
            foreign = (foreign and in_header) or ln.strip() == "# @foreign"  # a new header starts a new block
            in_header = True
        elif ln.strip():
            in_header = False
            if foreign:
                out.add(key(ln[:-2] if ln.endswith(" *") else ln))
    return frozenset(out)


def with_other_field(v: View, elsewhere: View) -> Dict[str, int]:
    """Words of the field also said in the other one, with both fields' counts together («ريدموند» once in the
    title and once in the body is said twice)."""
    own, other = word_counts(v), word_counts(elsewhere)
    small, big = (other, own) if len(other) < len(own) else (own, other)
    return {w: own[w] + other[w] for w in small if w in big}


def word_counts(v: View) -> Counter:
    """How often each folded word occurs in the field (computed once per view)."""
    return v.memo("word_counts", 0, lambda _: Counter(v.norms))


def _recurring_names(v: View, persons: List[Span], names: Set[str], elsewhere: View = None) -> Set[str]:
    """Words said alone at least twice that look like a foreign name by their letters («ريدموند»، «هانسن»).
    Remembered on the view: propagate_surnames drops one that also stands in an organization."""
    toks = v.toks
    lex = v.lex
    own = word_counts(v)
    shared = with_other_field(v, elsewhere) if elsewhere is not None and elsewhere.toks else {}
    fams = ner_known.surnames()
    said = {w for w, c in own.items() if c >= 2}
    if shared:
        said |= {w for w, c in shared.items() if c >= 2}
    said = said - names - fams - lex.common_words - lex.stopwords
    said = {w for w in said if len(w) >= 5 and w[0] != "و" and w[:2] != "ال" and not w.endswith(_NOT_NAME_ENDS)}
    if not said:
        return said
    # «لبوتين»: a proclitic on a known name is no new name (propagate_surnames finds the name)
    said = {w for w in said if not (w[1:] in names or w[2:] in names or w[1:] in fams or w[2:] in fams)
            and spelling_logit(w) >= (RECURRING_SPELLING_OFTEN if shared.get(w, own[w]) >= RECURRING_OFTEN
                                      and w not in lex.weak_first_names and w not in _months() else RECURRING_SPELLING)}
    out: Set[str] = set()
    for i, t in enumerate(toks if said else ()):
        w = t.norm
        if w in said and w not in out and i not in v.place_tokens and _unknown_name_word(v, i, w) \
                and _name_like(v, i, True):
            out.add(w)
    # «"بيتهامب"»، «(فيردي)»، «منظمة أوكسفام»، «إي كولاي»: a word opening quotes, after a trigger or after a
    # spelled-out Latin letter is a brand
    for i, t in enumerate(toks if out else ()):
        if t.norm in out and i > 0 and _brand_mention(v, i):
            out.discard(t.norm)
    if out and shared:  # a name said often enough only with the other field's mentions must be
        # no brand there either («"أوكسفام"» in the body, «أوكسفام» in the title)
        crossing = {w for w in out if own[w] < 2}
        for i, t in enumerate(elsewhere.toks if crossing else ()):
            if t.norm in crossing and i > 0 and _brand_mention(elsewhere, i):
                out.discard(t.norm)
    if out:
        named_at = {t for a, b, _ in persons for t in range(a, b)}
        v.memo("recurring", 0, lambda _: (out, named_at))
    return out


def _brand_mention(v: View, i: int) -> bool:
    """Is token i after a trigger, a spelled-out Latin letter, an opening quote or parenthesis, or a dot with
    no space (an acronym: «بي.إم.دبليو»)?"""
    toks = v.toks
    gap = v.ft.original[toks[i - 1].end:toks[i].start]
    return bool(v.is_trigger(i - 1)) or toks[i - 1].norm in _LATIN_LETTERS or any(c in gap for c in _QUOTES) \
        or _acronym_gap(gap)


def _acronym_gap(gap: str) -> bool:
    """A dot with no space between two words joins the letters of an acronym («بي.إم.دبليو»)."""
    return gap == "."


@functools.lru_cache(maxsize=1)
def _months() -> FrozenSet[str]:
    """Month names (dates' months.tsv, folded): «رمضان» said often is the month, not a person."""
    from importlib import resources

    from akhbar.transforms.arabic_text import key

    raw = (resources.files("akhbar.transforms") / "data" / "months.tsv").read_text(encoding="utf-8")
    return frozenset(key(ln.split("\t")[0]) for ln in raw.splitlines() if ln.strip() and not ln.startswith("#"))


def propagate_surnames(v: View, names: Set[str], covered: Set[int]) -> List[Span]:
    """Single-token mentions of a name in ``names`` on tokens not yet covered."""
    extra: List[Span] = []
    if not names:
        return extra
    fulls = {}
    common = _common_names()
    # the listed and mined family names (most of ``names``, one word each) hold no full name: only the
    # article's own names need the look at every name (a set difference in C, not a loop over ~1,400)
    for n in (names - common if common <= names else names):
        if " " in n:
            parts = n.split()
            fulls.setdefault(parts[0], []).append(parts[1:])
    covered = set(covered)
    toks = v.toks
    recurring, named_at = v.memo("recurring", 0, lambda _: ((), ()))
    if recurring:  # a word named only by its recurrence that also stands in an organization names it
        names = names - {toks[k].norm for k in covered if toks[k].norm in recurring and k not in named_at}
    # Only a token whose word, or a stem its proclitics may hide, is a name can start a mention: the loop
    # visits those (speed; the rest would test and find nothing).
    clitic = CLITIC_LETTERS
    for i in [k for k, t in enumerate(toks) if t.norm in names or t.norm in fulls
              or (t.norm[:1] in clitic and _may_hide(t.norm, names, fulls))]:
        t = toks[i]
        if i in covered or i in v.place_tokens:
            continue
        full = _full_name_at(v, i, fulls, covered) if fulls else None
        if full:
            extra.append(full)
            covered.update(range(full[0], full[1]))
            v.memo("rule", i, lambda _: "surname")
            continue
        if t.norm in names:
            if t.norm in v.lex.weak_first_names and t.norm not in common and not _said_by(v, i):
                continue  # «محمد فارس» ... «وتوقع فارس أن»: a family name that is also a word, only as a speaker
            a, plen = i, 0
            if i > 0 and (i - 1) not in covered and not v.breaks[i] and v.is_first_name(i - 1) is not None \
                    and (i - 1) not in v.place_tokens and not _weak_behind_clitic(v, i - 1):
                a, plen = i - 1, len(v.is_first_name(i - 1))  # «علي لاريجاني»: a given name before a known surname
            elif len(t.norm) >= 4 and _unknown_given(v, i - 1, covered) >= 0:
                # «فيديل كاسترو»: a name word we do not know before a known surname (not «أون»: «روستوف أون»)
                a, plen = i - 1, _unknown_given(v, i - 1, covered)
                if extra and extra[-1][1] == i:  # «ميلانيا ترامب» when «ميلانيا» alone is also an article name:
                    a, plen = extra.pop()[::2]  # one span, not two overlapping ones (the longer was dropped)
            extra.append((a, i + 1, plen))
            v.memo("rule", i, lambda _: "surname")
            continue
        pre, stem = v.split(i, names)
        if pre and stem in names and pre in ("و", "ل", "ب", "ف", "ول", "وب") \
                and not (stem in v.lex.weak_first_names and stem not in common):  # «بحسن نية»، «لفارس»: the word
            doubled = pre[-1] == "ل" and stem.startswith("ال") and t.norm[len(pre):len(pre) + 1] == "ل"
            extra.append((i, i + 1, len(pre) - 1 if doubled else len(pre)))  # «للظواهري» keeps لل as the article
            v.memo("rule", i, lambda _: "surname")
    return extra


@functools.lru_cache(maxsize=1)
def _common_names() -> FrozenSet[str]:
    """The one-word names every article's ``names`` holds (mined and listed family names), none with a space."""
    from akhbar.transforms import ner_known

    return frozenset(n for n in set(ner_known.surnames()) | ner_person_public.family_names() if " " not in n)


def _may_hide(norm: str, names, fulls) -> bool:
    """Could a proclitic split of ``norm`` (``arabic_text.clitic_splits``: one or two plain letters, or لل
    read as ل + ال after و/ف) leave a stem in ``names`` or ``fulls``? True for every word where it can."""
    for stem in (norm[1:], norm[2:]):
        if stem in names or stem in fulls:
            return True
    if "لل" in norm[:5]:
        for stem in ("ال" + norm[2:], "ال" + norm[3:], "ال" + norm[4:]):
            if stem in names or stem in fulls:
                return True
    return False


def _full_name_at(v: View, i: int, fulls, covered: Set[int]):
    """The span of a full name seen elsewhere in the article that starts at token i (proclitic allowed)."""
    norm = v.norm(i)
    plen = 0
    rests = fulls.get(norm)
    if rests is None:
        pre, stem = v.split(i, fulls)
        if not pre or pre not in ("و", "ل", "ب", "ف", "ول", "وب"):
            return None
        rests, plen = fulls.get(stem), len(pre)
    for rest in sorted(rests, key=len, reverse=True):
        end = i + 1 + len(rest)
        if end <= len(v.toks) and all(v.norm(i + 1 + k) == w and not v.breaks[i + 1 + k] and i + 1 + k not in covered
                                      for k, w in enumerate(rest)):
            return (i, end, plen)
    return None


def _unknown_given(v: View, k: int, covered: Set[int]) -> int:
    """Token k, right before a known surname, as a name word we do not list: -1 if it is none, else the
    proclitic letters to skip (1 for ل on a consonant: «لنلسون مانديلا»). It must look like a name by its
    letters (ner_model.spelled_like_name) and be no ordinary, function, title, verb or verbal-noun word."""
    norm = v.norm(k) if k >= 0 else ""
    if k < 0 or k in covered or v.breaks[k + 1] or k in v.place_tokens or len(norm) < 4 or norm[0] == "و" \
            or (norm[0] == "ا" and len(norm) <= 4) or (norm[0] in "بف" and norm[1] in "اتيل") \
            or (norm[0] == "ل" and norm[1] in "اتل") or norm in ner_known.surnames() \
            or norm in ner_person_public.family_names():
        # three letters are a root as often as a name («صهر ترامب»، «سأل أردوغان»); «أدين أوردانجارين»:
        # a short word in أ is a verb; «بإعلان ترامب»، «فيسأل أوباما»، «لإرغام ميركل»: a proclitic on a verb or
        # verbal noun; «لصالح ترامب»: ل on a given name is the preposition (a given name alone is no anchor);
        # «قمة ترامب-كيم»: a known family name is no unlisted given name
        return -1
    plen = 1 if norm[0] == "ل" and norm[1] not in "اوي" else 0
    stem = norm[plen:]
    if len(stem) < 4 or (plen and stem in v.lex.first_names) or not _unknown_name_word(v, k, stem) \
            or not _name_like(v, k, True) or not spelled_like_name(stem):
        return -1
    return plen


def _family_word_ok(v: View, last: str, n_tokens: int) -> bool:
    """May ``last``, the last word of an n-token name, name the person alone later? A weak given name (also a
    common word: فارس، حسن) only after a full name of two words or more, and then only as a speaker (_said_by)."""
    return last not in v.lex.weak_first_names or n_tokens >= 2


def _said_by(v: View, i: int) -> bool:
    """Does token i come right after a verb of saying (its subject)?"""
    return i > 0 and not v.breaks[i] and is_saying(v, i - 1)


def _weak_behind_clitic(v: View, k: int) -> bool:
    """«لصالح ترامب»: a given name that is also a common word, behind a proclitic, is the word."""
    pre = v.is_first_name(k)
    return bool(pre) and v.norm(k)[len(pre):] in v.lex.weak_first_names
