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


def _ref_find(m, ft):
    """The former PhraseMatcher.find (resolve=False): its own automaton scanned per call."""
    from akhbar.transforms.phrase_match import _ARTICLE, _PLAIN, Hit

    text, n, found = ft.text, len(ft.text), []
    for last, (core, values) in m.automaton.iter(text):
        fstart, fend = last - len(core) + 1, last + 1
        if fend < n and text[fend].isalnum():
            continue
        ws = fstart
        while ws > 0 and text[ws - 1].isalnum():
            ws -= 1
        prefix = text[ws:fstart]
        ok = tuple(v for v, art in values if (prefix in _ARTICLE if art else prefix in _PLAIN))
        if not ok:
            continue
        has_art = any(art for v, art in values if (prefix in _ARTICLE if art else prefix in _PLAIN))
        span_start = fstart - 2 if has_art else fstart
        start, end = ft.span(span_start, fend)
        found.append(Hit(span_start, fend, start, end, core, ok, ws))
    return found


def test_shared_scan_gives_each_matcher_its_own_hits():
    import gc

    from akhbar.transforms import gazetteer
    from akhbar.transforms.arabic_text import key
    from akhbar.transforms.phrase_match import PhraseMatcher

    gaz = gazetteer.load().matcher
    a = PhraseMatcher([(key("جامعة بغداد"), "uni"), (key("بغداد"), "city"), (key("العراق"), "iq")])
    b = PhraseMatcher([(key("بغداد"), "b"), (key("دجلة"), "river"), (key("نهر دجلة"), "river2")])
    texts = ["وصل الوفد إلى جامعة بغداد وبغداد والعراق، ثم لنهر دجلة في للعراق.",
             "قال رئيس وزراء العراق في بغداد إن جامعة بغداد ستفتح", "بالعراق ودجلة", "",
             "والقاهرة ولندن وباريس ونيويورك وطهران ودمشق وبيروت وعمّان"]
    for _ in range(2):
        for text in texts + texts[::-1]:
            ft = arabic_text.fold_text(text)
            for m in (a, gaz, b):
                assert m.find(ft, resolve=False) == _ref_find(m, ft), (text, m.size)
        del b
        gc.collect()  # a freed matcher leaves the shared automaton; the others still find the same
        b = PhraseMatcher([(key("دجلة"), "river")])
    assert [h.core for h in a.find(arabic_text.fold_text("في جامعة بغداد"))] == [key("جامعة بغداد")]


def test_normalize_for_match_equals_translate():
    for text in _samples(4000, 3):
        out = normalize.normalize_for_match(text)
        assert out == text.translate(_ONE_TO_ONE), text
        assert len(out) == len(text)
