"""Newspapers named by ordinary words (الحياة، الراية، الشرق الأوسط): ORG only where a newspaper stands.

Why: the lexicon cannot hold «الراية» or «الحياة» (a banner, life), yet Arab news credits them all the time:
«الدوحة - الراية :» (dateline), «قال لـ(الراية)»، «وقال الوزير للديار إن ...»، «وعلمت الراية أن ...».
The names come from ``data/ner_press_names.txt``; a name is kept only with one of those cues around it.
"""
from __future__ import annotations

import bisect
import functools
from importlib import resources
from typing import FrozenSet, List, Tuple

from akhbar.transforms.arabic_text import key
from akhbar.transforms.ner_lexicon import SAYING_VERBS
from akhbar.transforms.ner_tokens import View
from akhbar.transforms.phrase_match import PhraseMatcher

_SAYING = SAYING_VERBS | frozenset(key(w) for w in (
    "تصريح", "تصريحات", "تصريحه", "تصريحاته", "حديثه", "حديثها", "مقابلة", "حوار"))
_LEARNED = frozenset(key(w) for w in ("علمت", "وعلمت", "أوردت", "وأوردت", "نقلت", "ونقلت"))
_MEDIA = frozenset(key(w) for w in ("صحيفة", "جريدة", "مجلة", "الصحيفة", "الجريدة", "المجلة"))
_CLOSE = {"(": ")", "«": "»", '"': '"', "“": "”"}


@functools.lru_cache(maxsize=1)
def _names() -> Tuple[PhraseMatcher, FrozenSet[str]]:
    """(matcher of every listed name, keys of the names too common for the saying cue)."""
    raw = (resources.files("akhbar.transforms") / "data" / "ner_press_names.txt").read_text(encoding="utf-8")
    items, weak = [], set()
    for ln in raw.splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        name = ln.rstrip(" *").strip()
        items.append((key(name), key(name)))
        if ln.rstrip().endswith("*"):
            weak.add(key(name))
    return PhraseMatcher(items), frozenset(weak)


def _sep(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def press_spans(v: View) -> List[Tuple[int, int, int]]:
    """Token spans (first, end, proclitic letters) of listed newspapers that stand in a newspaper's place."""
    matcher, weak = _names()
    hits = matcher.find(v.ft)
    if not hits:
        return []
    toks, text = v.toks, v.ft.original
    starts = [t.fstart for t in toks]
    out = []
    for h in hits:
        a = bisect.bisect_right(starts, h.fstart) - 1
        b = bisect.bisect_right(starts, h.fend - 1)
        if a < 0 or not toks[a].fstart <= h.fstart < toks[a].fend:
            continue
        plen = h.fstart - toks[a].fstart
        before = _sep(text[toks[a - 1].end if a else 0:toks[a].start])
        after = _sep(text[toks[b - 1].end:toks[b].start if b < len(toks) else len(text)])
        prev = v.norm(a - 1) if a > 0 else ""
        lam = v.ft.text[h.fstart:h.fstart + 2] == "لل" or (plen > 0 and v.ft.text[h.fstart - 1] == "ل") \
            or (prev == "ل" and not v.breaks[a])
        if prev == "ل" and a > 1:
            before = _sep(text[toks[a - 2].end:toks[a - 1].start]) + before
        name = next(iter(h.values))
        if a > 0 and v.is_trigger(a - 1) and v.is_trigger(a - 1)[1] not in _MEDIA:
            continue  # «حزب "الدستور"»: the trigger's own name, not a newspaper
        if (before[-1:] and after[:1] and _CLOSE.get(before[-1]) == after[0]) or (
                before[-1:] in ("-", ":") and (a - 1) in v.place_tokens and a not in v.place_tokens
                and after[:1] in ("-", ":")):
            out.append((a, b, plen))  # «( الراية )»، «الدوحة - الراية :» (not «القاهرة - عمان -»: two towns)
        elif prev in _LEARNED and not v.breaks[a]:
            out.append((a, b, plen))  # «وعلمت الراية أن»
        elif lam and name not in weak and any(v.split(k, _SAYING)[1] in _SAYING for k in range(max(0, a - 8), a)
                                               if not any(v.breaks[j] for j in range(k + 1, a + 1))):
            out.append((a, b, plen))  # «قال الوزير للديار»
    return out
