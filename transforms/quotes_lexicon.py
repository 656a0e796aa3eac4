"""Word lists for quote attribution and the letter folding they are compared under.

Arabic news spells the same word with or without hamza on alef, with ة or ه and ى or ي. The lists in
``transforms/data/quote_*.txt`` are written folded; text is folded one character for one character, so
offsets found in the folded text are offsets in the original text.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib.resources import files
from typing import Dict, FrozenSet, Iterator, List, Tuple

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "ؤ", "ـ": "ـ"})
_MARKS = re.compile(r"[\u064B-\u0652\u0670\u0640]")

# A token: a run of letters/digits (with inner marks, dots in numbers and abbreviations kept out),
# or one punctuation character that matters to attribution.
_TOKEN = re.compile(r"[^\s\"«»“”„‟()\[\]،,:؛;.!؟?]+|[\"«»“”„‟()\[\]،,:؛;.!؟?]")


_CHANGED = {chr(k): v for k, v in _FOLD.items() if chr(k) != v}
_FOLD_SUB = re.compile("[" + "".join(sorted(_CHANGED)) + "]").sub
_FOLD_GET = _CHANGED.__getitem__


def fold(text: str) -> str:
    """Same-length folding: alef variants to ا, ة to ه, ى to ي (offsets stay valid).

    A long text is rewritten only where one of those few letters occurs (a regex scans in C): ``translate``
    looks up every character of a non-Latin text in the table (0.10 against 0.04 ms per ANT article)."""
    if len(text) < 64:
        return text.translate(_FOLD)
    return _FOLD_SUB(lambda m: _FOLD_GET(m[0]), text)


@lru_cache(maxsize=65536)
def bare(word: str) -> str:
    """A token folded with diacritics and tatweel removed, for list look-ups.

    A leading آ stays: folded to ا it would make «آلان» look like a definite word (ال...)."""
    b = _MARKS.sub("", fold(word))
    return "آ" + b[1:] if word[:1] == "آ" else b


def tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Tuple[str, int, int]]:
    """(token, start, end) over ``text[start:end]``, offsets into ``text`` (``token_list``'s slice of the
    field's tokens: the regex runs once per field, not once per question)."""
    return iter(token_list(text, start, end))


Tok = Tuple[str, int, int]
_LAST: tuple = (None, [], [], [])  # (text, its tokens, their starts, their ends): one field at a time


def all_tokens(text: str) -> Tuple[List[Tok], List[int], List[int]]:
    """Every token of ``text`` with the list of starts and of ends, made once per field (a field's
    helpers ask for its tokens many times). The cache is one tuple swapped whole, so threads are safe."""
    global _LAST
    last = _LAST
    if last[0] is not text:
        toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        last = _LAST = (text, toks, [t[1] for t in toks], [t[2] for t in toks])
    return last[1], last[2], last[3]


def token_list(text: str, start: int = 0, end: int | None = None) -> List[Tok]:
    """``list(tokens(text, start, end))`` from the field's token list: the tokens of a run cut by
    ``start`` or ``end`` come out cut there, as the regex started or stopped there would give them."""
    n = len(text)
    start = max(start, 0)
    end = n if end is None else min(end, n)
    if end <= start:
        return []
    toks, starts, ends = all_tokens(text)
    i = bisect_right(ends, start)  # the first token ending after start
    j = bisect_left(starts, end)  # the first token starting at or after end
    out = toks[i:j]
    if out:
        tok, s, e = out[0]
        if s < start or e > end:
            s, e = max(s, start), min(e, end)
            out[0] = (text[s:e], s, e)
        tok, s, e = out[-1]
        if e > end:
            out[-1] = (text[s:end], s, end)
    return out


@lru_cache(maxsize=None)
def sections(name: str) -> Dict[str, FrozenSet[str]]:
    """A ``[section]``-headed word list from transforms/data, comments dropped."""
    raw = (files("akhbar.transforms") / "data" / name).read_text(encoding="utf-8")
    out: Dict[str, set] = {}
    current = ""
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, set())
            continue
        out.setdefault(current, set()).add(bare(line))
    return {k: frozenset(v) for k, v in out.items()}


def verbs() -> Dict[str, FrozenSet[str]]:
    return sections("quote_verbs.txt")


def titles() -> Dict[str, FrozenSet[str]]:
    return sections("quote_titles.txt")


def stops() -> Dict[str, FrozenSet[str]]:
    return sections("quote_stops.txt")


def strip_conj(word: str) -> str:
    """Drop a leading و or ف (conjunction) from a folded token when what remains is two letters or more."""
    if len(word) > 2 and word[0] in "وف":
        return word[1:]
    return word


@lru_cache(maxsize=65536)
def cue_kind(token: str) -> str:
    """'verb', 'participle', 'source' or '' for one token (conjunction prefix allowed)."""
    b = bare(token)
    lists = verbs()
    cands = [b, strip_conj(b)]
    if len(b) > 3 and b[0] == "ل" and b[1] in "يت":  # «ليرد عليها»، «ليؤكد» (not «لنقل»: a noun)
        cands.append(b[1:])
    for cand in cands:
        for kind in ("verb", "participle", "source"):
            if cand in lists.get(kind, ()):
                return kind
    for cand in cands:  # «وصفته الأم»: a verb carrying an object pronoun
        for suf in ("ها", "هم", "ه"):
            if cand.endswith(suf) and len(cand) - len(suf) >= 3 and cand[: -len(suf)] in lists.get("verb", ()):
                return "verb_obj"
    return ""
