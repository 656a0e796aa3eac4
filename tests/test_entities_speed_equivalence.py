"""The fast folding and tokenizing paths give exactly what the former character-by-character code gave.

The references below are the former implementations (before the speed work of issue #8), kept here only
to compare against; random strings mix every kind of character that shifts offsets (harakat, tatweel,
zero-width marks, ligatures that expand, presentation forms, ة and U+FDD0) with plain letters and spaces.
"""
from __future__ import annotations

import random
import re

from akhbar.transforms import arabic_text, normalize
from akhbar.transforms.normalize import PLACEHOLDER, fold_with_map

_EXPANDING = normalize._EXPANDING
_ONE_TO_ONE = normalize._ONE_TO_ONE
_LIGATURE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def _ref_fold_with_map(text, keep_ta_marbuta=False):
    if keep_ta_marbuta:
        folded, index = _ref_fold_with_map(text.replace("\u0629", "\ufdd0"))
        return folded.replace("\ufdd0", "\u0629"), index
    same = text.translate(_ONE_TO_ONE)
    if _LIGATURE.search(text) is None:
        if PLACEHOLDER not in same:
            return same, list(range(len(text) + 1))
        index = [i for i, ch in enumerate(same) if ch != PLACEHOLDER]
        index.append(len(text))
        return same.replace(PLACEHOLDER, ""), index
    out, index = [], []
    for i, ch in enumerate(text):
        for r in _EXPANDING.get(ord(ch), ch):
            out.append(r)
            index.append(i)
    index.append(len(text))
    return "".join(out), index


def _ref_fold_text(text):
    folded, index = _ref_fold_with_map(text, keep_ta_marbuta=True)
    folded = folded.translate(arabic_text._SPACE_LIKE)
    tokens = [(m.group(), index[m.start()], index[m.end() - 1] + 1, m.start(), m.end())
              for m in re.finditer(r"[^\W_]+", folded)]
    return folded, index, tokens


_ALPHABET = ([chr(c) for c in range(0x0600, 0x0700)] + [chr(c) for c in range(0xFB50, 0xFE00, 5)]
             + [chr(c) for c in range(0xFE70, 0xFF00)]
             + list("abc 12-_\n\t\u00a0\u200c\u200f\ufeff\ufdd0\u0629\u0640\u0644\u0627\u0645"))


def _samples(n, seed):
    rnd = random.Random(seed)
    plain = "السلام عليكم في مدينة بغداد"
    for _ in range(n):
        parts = [rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 25))]
        if rnd.random() < 0.5:
            parts.insert(rnd.randint(0, len(parts)), plain)
        yield "".join(parts)


def test_fold_with_map_equals_former_code():
    for text in _samples(4000, 1):
        for keep in (False, True):
            assert fold_with_map(text, keep) == _ref_fold_with_map(text, keep), (text, keep)
        assert normalize.fold_keep_ta(text) == _ref_fold_with_map(text, True)[0]
        assert normalize.fold(text) == _ref_fold_with_map(text)[0]


def test_fold_text_equals_former_code():
    for text in _samples(4000, 2):
        ft = arabic_text.fold_text(text)
        folded, index, tokens = _ref_fold_text(text)
        assert (ft.text, ft.index) == (folded, index), text
        assert [tuple(t) for t in ft.tokens] == tokens, text
        assert all(t.norm == ft.text[t.fstart:t.fend] for t in ft.tokens)


def test_fold_keeps_ta_only_when_asked():
    assert fold_with_map("دولة\u064e")[0] == "دوله"
    folded, index = fold_with_map("دولة\u064e", keep_ta_marbuta=True)
    assert (folded, index) == ("دولة", [0, 1, 2, 3, 5])
