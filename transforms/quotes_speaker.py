"""Reading the speaker phrase after a reporting cue, and dropping the title in front of a name.

Arabic news puts the subject after the verb: «وقال وزير الخارجية العراقي فؤاد حسين إن ...». The phrase
runs from the verb to the first stop word (إن، في، لوكالة، a weekday ...) or punctuation. A title is a
head word (وزير، الرئيس) followed by definite words, construct nouns and country names
(الخارجية العراقي، خارجية إيران); what follows it is the name. When nothing follows, or the head is
indefinite (متحدث باسم ...، مصدر أمني), the whole role or organization phrase is the speaker.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from akhbar.transforms.quotes_lexicon import bare, cue_kind, stops, titles, tokens

_MAX_TOKENS = 8
_PUNCT = set("\"«»“”„‟()[]،,:؛;.!؟?")


@dataclass(frozen=True)
class Speaker:
    """A speaker phrase: the name (title dropped) and where the whole phrase sits in the text."""

    name: str
    start: int
    end: int


def _is_stop(tok: str) -> bool:
    if tok in _PUNCT or any(c.isdigit() for c in tok):
        return True
    b = bare(tok)
    lists = stops()
    if b in lists.get("word", ()):
        return True
    return any(b.startswith(p) for p in lists.get("prefix", ())) or bool(cue_kind(tok))


def _root(b: str) -> str:
    return b[2:] if b.startswith("ال") and len(b) > 3 else b


def _is_head(b: str) -> bool:
    return _root(b) in titles().get("head", ()) or b in titles().get("head", ())


def _is_indefinite(b: str) -> bool:
    return b in titles().get("indefinite", ())


def _continues_title(b: str) -> bool:
    lists = titles()
    if b.startswith(("ال", "لل", "بال")) and not b.startswith("الله"):
        return True
    return b in lists.get("part", ()) or _root(b) in lists.get("part", ()) or _is_head(b)


def phrase(text: str, pos: int, limit: int) -> List[Tuple[str, int, int]]:
    """Tokens of the subject phrase starting at ``pos`` (empty when a stop word comes first)."""
    out: List[Tuple[str, int, int]] = []
    role = False  # inside an indefinite role phrase, where في/من + definite words still belong
    for tok, s, e in tokens(text, pos, limit):
        b = bare(tok)
        if out and role and b in ("في", "من", "باسم", "لدي") :
            out.append((tok, s, e))
            continue
        if out and _is_head(bare(out[-1][0])) and b.startswith("لل"):
            out.append((tok, s, e))
            continue
        if _is_stop(tok):
            break
        if not out and _is_indefinite(b):
            role = True
        out.append((tok, s, e))
        if len(out) >= _MAX_TOKENS:
            break
    while out and bare(out[-1][0]) in ("في", "من", "باسم", "لدي"):
        out.pop()
    return out


def name_of(text: str, toks: List[Tuple[str, int, int]]) -> Optional[Speaker]:
    """The speaker named by a subject phrase, title dropped (role phrase kept when no name follows)."""
    if not toks:
        return None
    whole = Speaker(text[toks[0][1]:toks[-1][2]], toks[0][1], toks[-1][2])
    first = bare(toks[0][0])
    if _is_indefinite(first) or not _is_head(first):
        return whole
    i = 1
    while i < len(toks) and _continues_title(bare(toks[i][0])):
        i += 1
    if i >= len(toks):
        return whole
    return Speaker(text[toks[i][1]:toks[-1][2]], toks[i][1], toks[-1][2])


def subject_after(text: str, pos: int, limit: int) -> Optional[Speaker]:
    """The explicit subject right after a cue ending at ``pos``; None when the verb has no subject.

    ``نقلت وكالة رويترز عن مصدر قوله`` and ``نقلا عن ...`` name the speaker after عن.
    """
    toks = phrase(text, pos, limit)
    after = toks[-1][2] if toks else pos
    nxt = next(tokens(text, after, limit), None)
    if nxt and bare(nxt[0]) == "عن":
        reported = phrase(text, nxt[2], limit)
        if reported:
            return name_of(text, reported)
    return name_of(text, toks)
