"""Person span boundaries after the rules: words on the left that belong to a name the rules found.

The rules start a name at a title, a given name or a frame, so a name part that is none of these stays out
when it stands first: a kunya in the genitive or accusative («أبي زيد»، «أبا أيوب الأنصاري»: the rules start
only at «أبو»), or a given name and «بن» before a nasab chain the rules began further on («حمدان بن محمد بن
راشد آل مكتوم»; an unlisted one must be spelled like a name, not «أقارب بن سلمان»). Titles stay out (they
are not part of the name). Wired in ner_person.find_persons, after the rules.
"""
from __future__ import annotations

from typing import List, Set, Tuple

from akhbar.transforms.arabic_text import key
from akhbar.transforms.ner_lexicon import SON_OF as _SON_OF
from akhbar.transforms.ner_model import spelled_like_name
from akhbar.transforms.ner_person_core import _name_like
from akhbar.transforms.ner_person_shape import describes, father_with_article
from akhbar.transforms.ner_tokens import View, is_article_word, is_nationality

Span = Tuple[int, int, int]

KUNYA = frozenset(key(w) for w in ("أبي", "أبا", "أبو"))
_PROCLITICS = ("", "و", "ف", "ل", "ب")


def widen(v: View, spans: List[Span], blocked: Set[int]) -> List[Span]:
    """``spans`` with each start moved left over the name parts the rules do not start at (see the module)."""
    taken = set(blocked)
    for a, b, _ in spans:
        taken.update(range(a, b))
    out = []
    for a, b, plen in spans:
        if plen == 0:
            a, _, plen = _definite_before_son(v, (a, b, plen), taken)
            if plen == 0:
                a, plen = _left(v, a, taken)
            taken.update(range(a, b))
        out.append((a, b, plen))
    starts = _FORMS_VAN.get(id(v.lex.compound_first))
    if starts is None:
        starts = _FORMS_VAN[id(v.lex.compound_first)] = _forms(v.lex.compound_first) | {"فان"}
    cands = [k for k, t in enumerate(v.toks) if t.norm in starts]  # the few tokens where a new name may start
    if cands:  # new names go last: the order of the rules' spans decides overlaps later (entities)
        out = out + [_definite_before_son(v, c, taken)
                     for c in _compound_names(v, taken, blocked, [k for k in cands if v.toks[k].norm != "فان"])] \
            + _van_names(v, taken, blocked, [k for k in cands if v.toks[k].norm == "فان"])
    return out


def _definite_before_son(v: View, span: Span, taken: Set[int]) -> Span:
    """«الحسن بن علي»، «والوليد بن طلال»: a name read from «بن» on («بن علي», a two-word given name of the
    lexicon) starts at a listed given name with the article right before it (و، ف، ب before it at most; ل/لل
    is left out: «للوليد» has no «الوليد» in its letters for the span to show)."""
    a, b, plen = span
    j = a - 1
    if plen or j < 0 or v.breaks[a] or j in taken or v.norm(a) not in _SON_OF:
        return span
    norm = v.norm(j)
    pre = norm[0] if norm[:1] in ("و", "ف", "ب") and norm[1:3] == "ال" else ""
    stem = norm[len(pre):]
    if stem.startswith("ال") and stem[2:] in v.lex.first_names and not is_nationality(stem):  # not «التركي»
        return j, b, len(pre)
    return span


_FORMS_VAN = {}  # compound first words and «فان», per lexicon


def _van_names(v: View, taken: Set[int], blocked: Set[int], cands: List[int]) -> List[Span]:
    """«فان دايك»، «فان نيستلروي»: «فان» written without hamza before a word spelled like a name that is no
    listed given name and no known family name («فإن ترامب»، «فان كيم»: فإن without its hamza) is a Dutch name."""
    from akhbar.transforms import ner_known, ner_person_public
    from akhbar.transforms.ner_person import _names_a_facility  # ner_person calls this module
    from akhbar.transforms.ner_person_core import _extend, _trim_blocked

    out: List[Span] = []
    toks = v.toks
    for i in cands:
        j = i + 1
        if j >= len(toks) or v.breaks[j] or i in taken or j in taken or v.ft.original[toks[i].start:toks[i].end] != "فان":
            continue
        norm = v.norm(j)
        if v.is_first_name(j) is not None or is_article_word(norm) or not _name_like(v, j, True) \
                or not spelled_like_name(norm) or norm in ner_known.surnames() \
                or norm in ner_person_public.family_names():
            continue
        if _names_a_facility(v, i):
            continue  # «متحف فان غوخ»
        end = _trim_blocked(_extend(v, j), j, blocked)  # from the name word: «فان غوخ اللوحة» stops at غوخ
        out.append((i, end, 0))
        v.memo("rule", i, lambda _: "given")
        taken.update(range(i, end))
    return out


def _compound_at(v: View, i: int) -> int:
    """Proclitic length if tokens i, i+1 are a two-word given name (عبد الرحمن، محيي الدين، وعبد الله), else -1."""
    if i + 1 >= len(v.toks) or v.breaks[i + 1]:
        return -1
    pairs = v.lex.compound_first
    firsts = _firsts(pairs)
    pre, stem = v.split(i, firsts)
    if stem not in firsts or pre not in _PROCLITICS:
        return -1
    second = v.norm(i + 1)
    if (stem, second) not in pairs and not (stem == "عبد" and _abd_name(v, i + 1)):
        return -1
    return len(pre)


def _abd_name(v: View, k: int) -> bool:
    """«عبد الحليم»، «عبد الدايم»: after «عبد», any definite word that is no frequent or function word."""
    second = v.norm(k)
    return is_article_word(second) and second not in v.lex.common_words and not v.is_stop(k)


_FIRSTS = {}
_FORMS = {}


def _forms(pairs):
    """Every first word of a two-word given name, bare or behind a proclitic (عبد، وعبد، لعبد، فعبد، بعبد)."""
    found = _FORMS.get(id(pairs))
    if found is None:
        found = _FORMS[id(pairs)] = frozenset(p + a for a in _firsts(pairs) for p in _PROCLITICS)
    return found


def _firsts(pairs):
    found = _FIRSTS.get(id(pairs))
    if found is None:
        found = _FIRSTS[id(pairs)] = frozenset(a for a, _ in pairs)
    return found


def _compound_names(v: View, taken: Set[int], blocked: Set[int], cands: List[int]) -> List[Span]:
    """«مهاجمه عبد الرحمن القحطاني»، «كتب محيي الدين فتحي»: a two-word given name (the lexicon's compound given
    names) starts a name where no rule did: the given-name rule reads one word at a time."""
    from akhbar.transforms.ner_person import _names_a_facility  # ner_person calls this module
    from akhbar.transforms.ner_person_core import _extend, _trim_blocked

    out: List[Span] = []
    n = len(v.toks)
    end = 0
    for i in cands:
        if i < end or i + 1 >= n or i in taken or i + 1 in taken:
            continue
        plen = _compound_at(v, i)
        if plen < 0 or i in v.place_tokens or i + 1 in v.place_tokens or _names_a_facility(v, i):
            continue
        end = _trim_blocked(_extend(v, i, skip=plen), i, blocked)  # «وعبد الله الغزي»: the و is no part of it
        end = max(next((k for k in range(i + 2, end) if k in taken), end), i + 2)
        start = i
        if plen == 0 and i > 0 and not v.breaks[i] and i - 1 not in taken and v.is_first_name(i - 1) in ("", "و") \
                and i - 1 not in v.place_tokens and not v.is_stop(i - 1):
            start, plen = i - 1, len(v.is_first_name(i - 1))  # «ودلال عبد العزيز»: a given name before it
        out.append((start, end, plen))
        v.memo("rule", start, lambda _: "given")
        taken.update(range(start, end))
    return out


def _left(v: View, a: int, taken: Set[int]) -> Tuple[int, int]:
    """New start and proclitic length of a span starting at token a."""
    plen = 0
    while a > 0 and not v.breaks[a] and a - 1 not in taken:
        j = a - 1
        norm = v.norm(j)
        if norm in _SON_OF and j > 0 and not v.breaks[j] and j - 1 not in taken and v.is_first_name(a) is not None \
                and (v.is_first_name(j - 1) == "" or _name_like(v, j - 1, True) and spelled_like_name(v.norm(j - 1))):
            a = j - 1  # «حمدان بن | محمد بن راشد»: a given name and بن before a chain that starts at a given name
            continue
        if j > 0 and j - 1 not in taken and _compound_at(v, j - 1) >= 0:
            return j - 1, _compound_at(v, j - 1)  # «عبد الله | قاسم حسن»: a two-word given name before the name
        pre, stem = v.split(j, KUNYA)
        if stem in KUNYA and pre in _PROCLITICS and (v.is_first_name(a) == "" or stem != "ابو"):
            return j, len(pre)  # «أبي زيد»، «لأبا أيوب»: the kunya is the start of the name
        break
    return a, plen


def gulf_chain(v: View, a: int, b: int) -> bool:
    """Does the person span [a, b) end in a Gulf chain: a given name, fathers' names with the article, a
    definite family name («صباح الأحمد الجابر الصباح»)? A known shorter name inside it («صباح الأحمد») must
    not cut it (entities._cut_at_known)."""
    last = v.norm(b - 1)
    if b - a < 3 or not is_article_word(last) or describes(v, last):
        return False
    t = b - 2
    while t > a and is_article_word(v.norm(t)) and father_with_article(v, t):
        t -= 1
    return t < b - 2 and v.is_first_name(t) is not None
