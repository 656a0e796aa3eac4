"""Finding the text between quotation marks, and the sentence around it.

Arabic news on the web mostly uses the ASCII double quote (in the ANT corpus about 249,000 of them
against 1,060 «» and 313 “” pairs), which does not say whether it opens or closes. Marks are paired
within one paragraph (one line): directional marks by nesting, ASCII marks by alternation. When a
paragraph has an odd number of ASCII marks the one dropped is the one whose removal leaves the others
looking most like openers (space before, letter after) and closers (letter before, space after).
"""
from __future__ import annotations

import re
from typing import List, Tuple

_PAIRS = {"«": "»", "“": "”", "„": "”"}
_CLOSERS = {"»", "”"}
_SENTENCE_END = re.compile(r"[.!؟?\n]")


def _looks_open(text: str, i: int) -> int:
    """+1 when the mark at i looks like an opener, -1 like a closer, 0 when it cannot tell."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    b_space = before.isspace() or before in "(:،,؛[" or before == "\n"
    a_space = after.isspace() or after in ".،,:؛)!؟?]"
    if b_space and not a_space:
        return 1
    if a_space and not b_space:
        return -1
    return 0


def _pair_ascii(text: str, marks: List[int]) -> List[Tuple[int, int]]:
    if len(marks) % 2:
        best, best_score = len(marks) - 1, None
        for drop in range(len(marks)):
            rest = marks[:drop] + marks[drop + 1:]
            score = sum(_looks_open(text, m) * (1 if k % 2 == 0 else -1) for k, m in enumerate(rest))
            if best_score is None or score > best_score:
                best, best_score = drop, score
        marks = marks[:best] + marks[best + 1:]
    return [(marks[k], marks[k + 1]) for k in range(0, len(marks), 2)]


_MARK_OR_LINE = re.compile('[«“„»”"\n]')


def quoted_spans(text: str) -> List[Tuple[int, int]]:
    """(open_mark, close_mark) index pairs, outermost only, in text order, never across a line break."""
    out: List[Tuple[int, int]] = []
    ascii_marks: List[int] = []
    stack: List[Tuple[str, int]] = []
    # Only the marks and line breaks are visited (a regex skips the rest); a mark's neighbours are read in
    # ``text``, where a line edge is a line break or the text edge, both "space" to _looks_open.
    for m in _MARK_OR_LINE.finditer(text + "\n"):
        i, ch = m.start(), m.group()
        if ch in _PAIRS:
            stack.append((ch, i))
        elif ch in _CLOSERS:
            while stack and _PAIRS[stack[-1][0]] != ch:
                stack.pop()
            if stack:
                _, j = stack.pop()
                if not stack:
                    out.append((j, i))
        elif ch == '"':
            ascii_marks.append(i)
        else:  # end of a paragraph
            out.extend(_pair_ascii(text, ascii_marks))
            ascii_marks, stack = [], []
    out.sort()
    # Keep outermost spans only (an ASCII pair inside a «» pair is part of that quote).
    kept: List[Tuple[int, int]] = []
    for a, b in out:
        if kept and a < kept[-1][1]:
            continue
        kept.append((a, b))
    return kept


def sentence_start(text: str, pos: int, masked: List[Tuple[int, int]]) -> int:
    """Start of the sentence holding ``pos``: after the last . ! ؟ or line break outside quoted spans."""
    i = pos
    while True:
        j = max(text.rfind(c, 0, i) for c in ".!؟?\n")
        if j < 0:
            return 0
        inside = any(a < j < b for a, b in masked)
        if not inside and not _is_number_dot(text, j):
            return j + 1
        i = j


def _is_number_dot(text: str, j: int) -> bool:
    return text[j] == "." and 0 < j < len(text) - 1 and text[j - 1].isdigit() and text[j + 1].isdigit()
