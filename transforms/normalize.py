"""Arabic normalization for matching: pure functions that never touch the stored text.

Extractors find things in a *normalized* copy and report offsets into the *original* ``title``/``body``.
Two forms are offered, so that offsets stay exact:

``normalize_for_match(text)``
    Same length as ``text``, one output character per input character, so an offset in the output is
    the same offset in the input. Letter variants are folded (alef forms -> ا, ى -> ي, ة -> ه, ؤ -> و,
    ئ -> ي, Persian ک/ی -> ك/ي, Arabic-Indic and Persian digits -> 0-9, one-letter presentation forms ->
    their base letter). Characters that only decorate a word (harakat, superscript alef, tatweel,
    zero-width joiners and direction marks) become ``PLACEHOLDER`` (U+0640 TATWEEL): a matcher that wants
    them gone uses ``fold_with_map``. Multi-letter ligatures (ﻻ, ﷲ) stay as they are here.

``fold_with_map(text) -> (folded, index)``
    The same folding, with placeholders removed and ligatures expanded; ``index[i]`` is the offset in
    ``text`` of the character that produced ``folded[i]``, and ``index[len(folded)] == len(text)``.
    A match ``folded[a:b]`` is ``text[index[a]:index[b - 1] + 1]`` (see ``span_in_original``).

``fold(text)`` is ``fold_with_map(text)[0]``: for comparing and keying strings, may change length.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Dict, List, Tuple

PLACEHOLDER = "\u0640"  # tatweel: stands in for every character that matching ignores

# Harakat, Quranic marks, superscript alef, tatweel, zero-width and direction controls.
_IGNORABLE = (
    [chr(c) for c in range(0x064B, 0x0660)]  # fathatan .. wavy hamza below (incl. 0653-0655 madda/hamza marks)
    + ["\u0670", "\u0640"]  # superscript alef, tatweel
    + [chr(c) for c in range(0x06D6, 0x06DD)] + [chr(c) for c in range(0x06DF, 0x06E5)]
    + ["\u06E7", "\u06E8"] + [chr(c) for c in range(0x06EA, 0x06EE)]
    + [chr(c) for c in range(0x0610, 0x061B)]  # honorific signs above letters
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u2066", "\u2067", "\u2068", "\u2069",
       "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\ufeff", "\u00ad"]
)

# Letter variants folded to one letter (each one character to one character).
_LETTERS: Dict[str, str] = {
    "\u0622": "\u0627",  # آ
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0671": "\u0627",  # ٱ wasla
    "\u0672": "\u0627", "\u0673": "\u0627", "\u0675": "\u0627",
    "\u0649": "\u064a",  # ى alef maqsura -> ي
    "\u06cc": "\u064a",  # Persian yeh
    "\u06d2": "\u064a",  # yeh barree
    "\u0626": "\u064a",  # ئ
    "\u0624": "\u0648",  # ؤ
    "\u0629": "\u0647",  # ة ta marbuta -> ه
    "\u06c0": "\u0647", "\u06c1": "\u0647", "\u06d5": "\u0647",  # heh variants
    "\u06a9": "\u0643",  # keheh -> kaf
    "\u06aa": "\u0643",
}

_DIGITS: Dict[str, str] = {}
for _base in (0x0660, 0x06F0, 0x07C0):  # Arabic-Indic, Extended (Persian/Urdu), NKo
    for _i in range(10):
        _DIGITS[chr(_base + _i)] = str(_i)

_IGNORABLE_SET = frozenset(_IGNORABLE)


def _letter_fold(ch: str) -> str:
    if ch in _IGNORABLE_SET:
        return ""
    ch = _LETTERS.get(ch, ch)
    return _DIGITS.get(ch, ch)


def _presentation_forms() -> Dict[str, str]:
    """Arabic presentation forms A/B mapped through NFKC, then folded; value may be 0, 1 or more chars."""
    out: Dict[str, str] = {}
    for start, end in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF)):
        for code in range(start, end + 1):
            ch = chr(code)
            if unicodedata.category(ch) == "Cn":
                continue
            decomposed = unicodedata.normalize("NFKC", ch)
            if decomposed == ch:
                continue
            folded = "".join(_letter_fold(c) for c in decomposed if c != " ")
            out[ch] = folded
    return out


_PRESENTATION = _presentation_forms()

# One character -> one character table for normalize_for_match.
_ONE_TO_ONE: Dict[int, str] = {}
for _ch in _IGNORABLE:
    _ONE_TO_ONE[ord(_ch)] = PLACEHOLDER
for _src, _dst in list(_LETTERS.items()) + list(_DIGITS.items()):
    _ONE_TO_ONE[ord(_src)] = _dst
for _src, _dst in _PRESENTATION.items():
    if len(_dst) == 1:
        _ONE_TO_ONE[ord(_src)] = _dst
    elif not _dst:
        _ONE_TO_ONE[ord(_src)] = PLACEHOLDER
    # longer ligatures are left unchanged in the same-length form

# One character -> any number of characters table for fold / fold_with_map.
_EXPANDING: Dict[int, str] = dict(_ONE_TO_ONE)
for _ch in _IGNORABLE:
    _EXPANDING[ord(_ch)] = ""
for _src, _dst in _PRESENTATION.items():
    _EXPANDING[ord(_src)] = _dst

# The same with ة kept. U+FDD0 (a noncharacter) also becomes ة: the former implementation used it as a
# stand-in for ة and turned every U+FDD0 of the input into ة; kept so outputs stay identical.
_EXPANDING_KEEP_TA: Dict[int, str] = dict(_EXPANDING)
_EXPANDING_KEEP_TA[0x0629] = "\u0629"
_EXPANDING_KEEP_TA[0xFDD0] = "\u0629"


def _resizing_class(*tables: Dict[int, str]) -> str:
    """A regex class of the characters some table drops or expands (the only ones that shift offsets)."""
    codes = sorted({c for t in tables for c, v in t.items() if len(v) != 1})
    return "[" + "".join(re.escape(chr(c)) for c in codes) + "]+"


_RESIZING = re.compile(_resizing_class(_EXPANDING, _EXPANDING_KEEP_TA))

_DIGITS_ONLY = {ord(k): v for k, v in _DIGITS.items()}


class _Translator:
    """``str.translate(table)`` for tables that change few characters of a text: ``translate`` looks every
    character up in the dict (~60 ns each); a regex class of the changed characters scans in C and calls
    back only where one occurs (2-3x faster on news text, where most letters fold to themselves)."""

    def __init__(self, table: Dict[int, str]):
        self.table = table  # kept so the id used as cache key is never reused
        changed = {chr(c): v for c, v in table.items() if chr(c) != v}
        self._sub = re.compile("[" + "".join(re.escape(c) for c in sorted(changed)) + "]").sub
        self._get = changed.__getitem__

    def __call__(self, text: str) -> str:
        get = self._get
        return self._sub(lambda m: get(m[0]), text)


_TRANSLATORS: Dict[int, _Translator] = {}


def _translator(table: Dict[int, str]) -> _Translator:
    t = _TRANSLATORS.get(id(table))
    if t is None or t.table is not table:
        if len(_TRANSLATORS) > 64:
            _TRANSLATORS.clear()
        t = _TRANSLATORS[id(table)] = _Translator(table)
    return t


_FOLD = _Translator(_EXPANDING)
_MATCH = _Translator(_ONE_TO_ONE)
_FOLD_KEEP_TA = _Translator(_EXPANDING_KEEP_TA)


_RECENT_MATCH: Tuple[Tuple[str, str], ...] = ()  # (text, normalized) of the last few texts, newest first
_RECENT_SIZE = 4  # an article's title and body, as the extractors ask for them one after the other
_RECENT_MIN_CHARS = 16  # single words (lexicon keys) are not kept: they would push the fields out


def normalize_for_match(text: str) -> str:
    """Fold letter variants and digits, character for character: ``len(out) == len(text)`` always.

    The dates and numbers extractors both normalize the same title and body, one after the other: the
    last few texts' results are kept (a pure function cache on the text; at most four texts held)."""
    global _RECENT_MATCH
    recent = _RECENT_MATCH
    for seen, out in recent:
        if seen is text or seen == text:
            return out
    out = _MATCH(text)
    if len(text) >= _RECENT_MIN_CHARS:
        _RECENT_MATCH = ((text, out),) + recent[:_RECENT_SIZE - 1]  # one assignment: safe across threads
    return out


def fold(text: str) -> str:
    """Fold for comparison and keys: as ``normalize_for_match`` but ignorables removed, ligatures expanded."""
    return _FOLD(text)


def fold_with_map(text: str, keep_ta_marbuta: bool = False) -> Tuple[str, List[int]]:
    """``fold(text)`` plus, for each output character, the offset of its source character in ``text``.

    The index list has one extra final entry, ``len(text)``, so ``index[len(folded)]`` is valid.
    ``keep_ta_marbuta`` leaves ة distinct from ه: name matching uses it because folding ة creates
    collisions with pronoun suffixes (the town عنة vs عنه "about it", دولة vs a town دوله).
    """
    folded, index, _ = fold_map_with(text, fold_table(keep_ta_marbuta))
    return folded, index


def fold_table(keep_ta_marbuta: bool = False) -> Dict[int, str]:
    """The translate table of ``fold`` (or of ``fold_keep_ta``); callers may compose it, never mutate it."""
    return _EXPANDING_KEEP_TA if keep_ta_marbuta else _EXPANDING


def fold_map_with(text: str, table: Dict[int, str]) -> Tuple[str, List[int], bool]:
    """``(text.translate(table), index, identity)`` for a table derived from ``fold_table``: ``index`` as in
    ``fold_with_map``; ``identity`` is True when no character was dropped or expanded (``index[i] == i``).

    The text is rewritten only where a character changes (one regex scan, see ``_Translator``); the index
    is built from ranges, with Python work only at the characters that are dropped or expanded
    (``_RESIZING``), so its cost grows with their count, not the text length.
    """
    folded = _translator(table)(text)
    n = len(text)
    first = _RESIZING.search(text)
    if first is None:
        return folded, list(range(n + 1)), True
    index: List[int] = []
    extend = index.extend
    pos = 0
    for m in _RESIZING.finditer(text, first.start()):
        i = m.start()
        if i > pos:
            extend(range(pos, i))
        for j in range(i, m.end()):
            width = len(table[ord(text[j])])
            if width:
                extend((j,) * width)
        pos = m.end()
    extend(range(pos, n + 1))
    return folded, index, False


def fold_keep_ta(text: str) -> str:
    """``fold`` that keeps ة (see ``fold_with_map``): the key form of names in our data files."""
    return _FOLD_KEEP_TA(text)


def span_in_original(index: List[int], start: int, end: int) -> Tuple[int, int]:
    """Map a half-open span ``[start, end)`` of the folded text back to a span of the original text."""
    if end <= start:
        return index[start], index[start]
    return index[start], index[end - 1] + 1


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic (٠-٩) and Persian (۰-۹) digits to 0-9; nothing else changes; same length."""
    return text.translate(_DIGITS_ONLY)


def strip_diacritics(text: str) -> str:
    """Remove harakat, tatweel and invisible marks only (no letter folding)."""
    return "".join(ch for ch in text if ch not in _IGNORABLE_SET)


def is_arabic_letter(ch: str) -> bool:
    """True for letters of the Arabic blocks (used for word-boundary checks)."""
    return ("\u0620" <= ch <= "\u064a") or ("\u066e" <= ch <= "\u06d3") or ("\u06fa" <= ch <= "\u06ff") \
        or ("\u0750" <= ch <= "\u077f") or ("\ufb50" <= ch <= "\ufdff") or ("\ufe70" <= ch <= "\ufefc")
