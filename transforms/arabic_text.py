"""Word-level views of Arabic text for rule-based extraction: folded tokens that keep original offsets.

Rules compare *folded* words (see ``normalize.fold``) but report *original* offsets, so every token carries
both. Proclitics (و ف ب ل ك and the article ال / لل) are split here, once, for every rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, NamedTuple, Tuple

from akhbar.transforms.normalize import fold_keep_ta, fold_map_with, fold_table

_WORD = re.compile(r"[^\W_]+")
_SPACE_LIKE = str.maketrans({"-": " ", "\n": " ", "\t": " ", "\r": " ", "\u00a0": " ", "_": " "})
# fold (ة kept) then _SPACE_LIKE, as one translate table: the second step maps one character to one, so
# offsets are those of the fold.
_FOLD_TEXT = {c: v.translate(_SPACE_LIKE) for c, v in fold_table(keep_ta_marbuta=True).items()}
for _c, _v in _SPACE_LIKE.items():
    _FOLD_TEXT.setdefault(_c, _v)

# Single-letter proclitic chains allowed before a word (conjunction, then preposition).
CLITICS_PLAIN = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك")
# Prefix chains that carry the article: the part of the word before the name's core.
CLITICS_ARTICLE = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "فبال", "وكال")


class Token(NamedTuple):
    """One word: ``norm`` is its folded form; ``start``/``end`` are offsets in the original text.

    A named tuple (not a frozen dataclass): a body has hundreds of tokens and tuple creation is ~5x cheaper.
    """

    norm: str
    start: int
    end: int
    fstart: int  # offsets in the folded text
    fend: int


@dataclass
class Folded:
    """A text folded for matching, its index map back to the original, and its tokens."""

    original: str
    text: str
    index: List[int]
    tokens: List[Token]

    def span(self, fstart: int, fend: int) -> Tuple[int, int]:
        """Original offsets of folded span ``[fstart, fend)``."""
        if fend <= fstart:
            return self.index[fstart], self.index[fstart]
        return self.index[fstart], self.index[fend - 1] + 1


def key(text: str) -> str:
    """The folded key form of a name in a data file (ة kept, dashes as spaces, single spaces)."""
    return " ".join(fold_keep_ta(text).translate(_SPACE_LIKE).split())


def fold_text(text: str) -> Folded:
    """Fold ``text`` (ة kept; dashes and line breaks become spaces) and split it into word tokens."""
    folded, index, identity = fold_map_with(text, _FOLD_TEXT)
    new = tuple.__new__
    if identity:  # folded offsets are original offsets
        tokens = [new(Token, (m[0], m.start(), m.end(), m.start(), m.end())) for m in _WORD.finditer(folded)]
    else:
        tokens = [new(Token, (m[0], index[m.start()], index[m.end() - 1] + 1, m.start(), m.end()))
                  for m in _WORD.finditer(folded)]
    return Folded(text, folded, index, tokens)


_PLAIN_LONGEST_FIRST = tuple(sorted(CLITICS_PLAIN[1:], key=len, reverse=True))
#: Letters a proclitic chain starts with: a word starting with none of them has no proclitic.
CLITIC_LETTERS = frozenset("وفبلك")


def clitic_splits(word: str) -> List[Tuple[str, str]]:
    """Every (prefix, stem) reading of a folded word, longest prefix first, ending with ("", word).

    Covers plain chains (وب + word) and the article after ل (لل + x -> ل + الx).
    """
    out: List[Tuple[str, str]] = []
    if word and word[0] in CLITIC_LETTERS:
        for pre in _PLAIN_LONGEST_FIRST:
            if word.startswith(pre) and len(word) > len(pre):
                out.append((pre, word[len(pre):]))
        for pre in ("و", "ف", ""):  # «وللعراق»: و + ل + العراق
            if word.startswith(pre + "لل") and len(word) > len(pre) + 3:
                out.append((pre + "ل", "ال" + word[len(pre) + 2:]))
        out.sort(key=lambda ps: -len(ps[0]))
    out.append(("", word))
    return out


def proclitic_forms(word: str) -> List[str]:
    """The forms of a folded word behind a proclitic chain, which ``clitic_splits`` reads back as (chain,
    word): a plain chain (و، ب، وب ...) before it and, for a word with the article, لل (ل + ال) after
    nothing, و or ف. Tables of listed words in all their forms are built from it."""
    forms = [pre + word for pre in CLITICS_PLAIN[1:]]
    if word.startswith("ال"):
        forms += [pre + "لل" + word[2:] for pre in ("", "و", "ف")]
    return forms


def strip_proclitics(word: str, known=None) -> Tuple[str, str]:
    """Split a folded word into (prefix, stem), trying the longest clitic chain whose stem is known.

    With ``known`` (a set of stems) the split is only made when the stem is in it; without it only the
    article-bearing chains are split (بالعراق -> ب + العراق, للعراق -> ل + العراق).
    """
    if not word or word[0] not in CLITIC_LETTERS:
        return "", word
    if known is not None:
        if word in known:
            return "", word
        for pre in _PLAIN_LONGEST_FIRST:
            if word.startswith(pre) and word[len(pre):] in known:
                return pre, word[len(pre):]
        if word.startswith("لل") and "ال" + word[2:] in known:
            return "ل", "ال" + word[2:]
        for pre in ("ول", "فل"):
            if word.startswith(pre + "ل") and "ال" + word[3:] in known:
                return pre, "ال" + word[3:]
        return "", word
    for pre in ("وبال", "فبال", "وكال", "وال", "فال", "بال", "كال"):
        if word.startswith(pre) and len(word) - len(pre) >= 2:
            return pre[:-2], "ال" + word[len(pre):]
    for pre in ("ولل", "فلل", "لل"):
        if word.startswith(pre) and len(word) - len(pre) >= 2:
            return pre[:-1], "ال" + word[len(pre):]
    return "", word


def bare(word: str) -> str:
    """A folded word without proclitics and without the article (بالعراق -> عراق)."""
    _, stem = strip_proclitics(word)
    return stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem
