"""Numbers and quantities: digits, words, scales, units and the conventions of transforms/numbers.py."""
from __future__ import annotations

import datetime as dt
import gzip
import json
from itertools import islice
from pathlib import Path

import pytest

from akhbar.schemas.records import ExtractContext
from akhbar.transforms.numbers import digit_value, extract_numbers

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def ctx(country=None):
    return ExtractContext("test", country, "UTC", None, dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))


def nums(body: str, country=None, title: str = ""):
    out = extract_numbers(title, body, ctx(country))
    for n in out:
        assert {"title": title, "body": body}[n.field][n.start:n.end] == n.text
    return [(n.text, n.value, n.unit) for n in out]


def test_digits_with_units():
    assert nums("قتل 30 شخصاً وأصيب 25 جريحاً") == [("30 شخصاً", 30.0, "person"), ("25 جريحاً", 25.0, "injured")]
    assert nums("سقط 12 قتيلا") == [("12 قتيلا", 12.0, "killed")]


def test_arabic_indic_digits_and_separators():
    assert nums("بلغ العجز ٣٬٥٠٠ دينار") == [("٣٬٥٠٠ دينار", 3500.0, "dinar")]
    assert nums("نمو بنسبة ٢٫٥ بالمئة") == [("٢٫٥ بالمئة", 2.5, "percent")]
    assert digit_value("1,500") == 1500.0
    assert digit_value("8,4") == 8.4  # a comma not followed by three digits is a decimal comma
    assert digit_value("0،3") == 0.3
    assert digit_value("1.500.000") == 1500000.0


def test_scale_words_after_digits():
    assert nums("صفقة بقيمة 2.5 مليار دولار") == [("2.5 مليار دولار", 2.5e9, "USD")]
    assert nums("غرامة قدرها 75 ألف يورو") == [("75 ألف يورو", 75000.0, "EUR")]


def test_number_words_and_compounds():
    assert nums("نشر ثلاثة آلاف جندي") == [("ثلاثة آلاف جندي", 3000.0, "soldier")]
    assert nums("ثلاثة ملايين وخمسمئة ألف دولار") == [("ثلاثة ملايين وخمسمئة ألف دولار", 3.5e6, "USD")]
    assert nums("واحدا وستين بالمئة") == [("واحدا وستين بالمئة", 61.0, "percent")]
    assert nums("خمسة عشر قتيلا") == [("خمسة عشر قتيلا", 15.0, "killed")]
    assert nums("نصف مليون لاجئ") == [("نصف مليون لاجئ", 5e5, "refugee")]


def test_tens_and_hundreds_convention():
    # عشرات = 10, مئات = 100, عشرات الآلاف = 10,000 (the smallest value the word allows).
    assert nums("سقط عشرات القتلى ومئات الجرحى") == [("عشرات القتلى", 10.0, "killed"), ("مئات الجرحى", 100.0, "injured")]
    assert nums("عشرات الآلاف من المتظاهرين") == [("عشرات الآلاف", 10000.0, None)]


def test_percent_forms():
    assert [u for _, _, u in nums("ارتفع 3% ثم 4 في المئة ثم 5 بالمائة ثم 6 ٪")] == ["percent"] * 4


def test_currency_follows_the_source_country():
    assert nums("راتب 500 ألف دينار", country="IQ") == [("500 ألف دينار", 500000.0, "IQD")]
    assert nums("راتب 500 دينار", country="KW")[0][2] == "KWD"
    assert nums("راتب 500 دينار أردني", country="IQ")[0][2] == "JOD"


def test_durations_and_distances():
    assert nums("استمر الحصار 60 يوماً على بعد 35 كيلومترا") == [("60 يوماً", 60.0, "day"), ("35 كيلومترا", 35.0, "km")]


def test_duals_and_a_unit_before_its_number():
    assert nums("السجن عامين") == [("عامين", 2.0, "year")]
    assert nums("وقع العقد لمدة عاما واحدا") == [("واحدا", 1.0, "year")]


def test_dates_times_scores_and_labels_are_not_numbers():
    assert nums("في 25 مارس/آذار 2018 عند الساعة 07:19") == []
    assert nums("فاز 2 - صفر ثم 6-4 في المباراة") == []
    assert nums("طائرة إيه-380 وبوينغ A380 في الربع الـ12") == []
    assert nums("في الفترة من 21 إلى 27 أيار الماضي") == []
    assert nums("بلغ سن السادسة عشرة في 1939") == []
    assert nums("وقال قائد شرطة وست ميدلاندز إنه لا يعلم") == []


def test_a_year_with_a_unit_is_a_number():
    assert nums("باع 2000 برميل") == [("2000 برميل", 2000.0, "barrel")]


def test_title_field():
    out = extract_numbers("زلزال بقوة 7.5 درجة", "", ctx())
    assert [(n.field, n.value, n.unit) for n in out] == [("title", 7.5, "degree")]


def test_offsets_hold_on_the_corpus():
    if not CORPORA.exists():
        pytest.skip("../shared/corpora not present")
    n = 0
    for name in ("alarabia", "bbc", "france24", "skynews"):
        with gzip.open(CORPORA / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in islice(fh, 400):
                d = json.loads(line)
                for x in extract_numbers(d["title"], d["text"], ctx()):
                    assert {"title": d["title"], "body": d["text"]}[x.field][x.start:x.end] == x.text
                    assert x.value is None or x.value >= 0
                    n += 1
    assert n > 1000


def test_the_loop_skips_only_tokens_where_nothing_starts():
    """field_numbers jumps over tokens outside ``_may_start`` (issue #8, speed): at each of them the
    former token-by-token loop found nothing (no digits, no number word even after a prefix, no dual)."""
    from akhbar.transforms.numbers import _may_start, _tokens, _word_number
    from akhbar.transforms.numbers_lexicon import duals, number_words
    words = sorted(number_words()) + sorted(duals())
    text = " ".join(f"{p}{w} قتيلا، و{w} من المتظاهرين 12 ألف دولار و٣٫٥ مليار" for p in ("", "و", "ب", "ال")
                    for w in words) + " وست ميدلاندز لست 25% ٤٠٪"
    toks = _tokens(text)
    may = set(_may_start(toks))
    skipped = [i for i in range(len(toks)) if i not in may]
    assert len(skipped) > len(words)  # the shortcut is really used
    for i in skipped:
        kind, w, _, _ = toks[i]
        assert kind != "num" and _word_number(toks, i) is None and w not in duals(), toks[i]
