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
from akhbar.transforms.ner_model import spelled_like_name
from akhbar.transforms.ner_person_core import _name_like
from akhbar.transforms.ner_tokens import View

Span = Tuple[int, int, int]

KUNYA = frozenset(key(w) for w in ("أبي", "أبا", "أبو"))
_SON_OF = frozenset({"بن", "بنت"})
_PROCLITICS = ("", "و", "ف", "ل", "ب")

WIDEN = True


def widen(v: View, spans: List[Span], blocked: Set[int]) -> List[Span]:
    """``spans`` with each start moved left over the name parts the rules do not start at (see the module)."""
    if not WIDEN:
        return spans
    taken = set(blocked)
    for a, b, _ in spans:
        taken.update(range(a, b))
    out = []
    for a, b, plen in spans:
        if plen == 0:
            a, plen = _left(v, a, taken)
        out.append((a, b, plen))
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
        pre, stem = v.split(j, KUNYA)
        if stem in KUNYA and pre in _PROCLITICS and (v.is_first_name(a) == "" or stem != "ابو"):
            return j, len(pre)  # «أبي زيد»، «لأبا أيوب»: the kunya is the start of the name
        break
    return a, plen
