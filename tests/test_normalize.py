"""Arabic normalization: folding rules and the offset guarantees extractors rely on."""
from akhbar.transforms.normalize import (
    PLACEHOLDER, fold, fold_with_map, normalize_for_match, span_in_original, to_ascii_digits,
    strip_diacritics,
)

SAMPLES = [
    "قالَ الرَّئيسُ العراقـــي إنَّ محافظةَ الأنبارِ آمنةٌ",
    "وزارة الداخلية: مقتل ٣ عناصر في ديالى عام ۱۳۹۷",
    "ﻻ إله إلا ﷲ \u200fمصطفى\u200c",
    "مسئول في الجامعة الأمريكية",
    "",
    "English text 123",
]


def test_same_length_always():
    for s in SAMPLES:
        assert len(normalize_for_match(s)) == len(s)


def test_letter_folding():
    assert normalize_for_match("أإآٱ") == "اااا"
    assert normalize_for_match("مصطفى") == "مصطفي"
    assert normalize_for_match("محافظة") == "محافظه"
    assert fold("مسؤول") == fold("مسئول".replace("ئ", "ؤ")) == "مسوول"
    assert fold("کرمانشاه") == "كرمانشاه"


def test_diacritics_and_tatweel_become_placeholder_then_vanish():
    s = "العراقـــيُّ"
    assert normalize_for_match(s) == "العراق" + PLACEHOLDER * 3 + "ي" + PLACEHOLDER * 2
    assert fold(s) == "العراقي"
    assert strip_diacritics("الرَّئيسُ") == "الرئيس"


def test_digits():
    assert to_ascii_digits("٢٠١٨ و۱۳۹۷") == "2018 و1397"
    assert len(to_ascii_digits("٢٠١٨")) == 4
    assert fold("٣") == "3"


def test_presentation_forms():
    assert fold("ﻻ") == "لا"
    assert fold("ﺑﻐﺪاﺩ") == "بغداد"
    assert normalize_for_match("ﺑﻐﺪاﺩ") == "بغداد"
    assert fold("ﷲ") == "الله"


def test_fold_with_map_spans_point_into_original():
    for s in SAMPLES:
        folded, index = fold_with_map(s)
        assert len(index) == len(folded) + 1
        assert index[-1] == len(s)
        for a in range(len(folded)):
            for b in range(a + 1, min(len(folded), a + 8) + 1):
                o0, o1 = span_in_original(index, a, b)
                assert fold(s[o0:o1]) == folded[a:b] or len(fold(s[o0:o1])) >= len(folded[a:b])
    s = "مقتل العراقـــيِّ أمس"
    folded, index = fold_with_map(s)
    a = folded.index("العراقي")
    o0, o1 = span_in_original(index, a, a + len("العراقي"))
    assert s[o0:o1] == "العراقـــي"  # trailing harakat are not part of the mapped span
    assert fold(s[o0:o1]) == "العراقي"


def test_keep_ta_marbuta_for_names():
    folded, index = fold_with_map("عنةُ وعنه", keep_ta_marbuta=True)
    assert folded == "عنة وعنه"
    assert len(index) == len(folded) + 1
    assert fold("عنة") == fold("عنه")  # the general fold still merges them


def test_zero_width_and_direction_marks_are_ignored():
    s = "بغ\u200cداد\u200f"
    assert fold(s) == "بغداد"
    assert len(normalize_for_match(s)) == len(s)


def test_normalize_for_match_recent_cache_answers_like_the_fold_and_stays_small():
    """The last few texts' results are reused (dates and numbers fold the same fields): every answer must
    still be the fold of the text asked about, whatever the order, and at most four texts are held."""
    from akhbar.transforms import normalize

    texts = ["قالت الوزارة إن ٣ أشخاص قُتلوا " * k for k in range(1, 9)] + ["أحمد", "احمد", "أحمد"]
    for order in (texts, texts[::-1], texts + texts):
        for t in order:
            assert normalize.normalize_for_match(t) == normalize._MATCH(t)
            assert normalize.normalize_for_match(str(t)) == normalize._MATCH(t)  # equal, maybe not identical
    assert len(normalize._RECENT_MATCH) <= normalize._RECENT_SIZE
    assert all(len(t) >= normalize._RECENT_MIN_CHARS for t, _ in normalize._RECENT_MATCH)


def test_proclitic_forms_are_read_back_by_clitic_splits():
    from akhbar.transforms.arabic_text import clitic_splits, proclitic_forms

    # the tables of listed words (ner_tokens) are built from these forms: each must split back to the word
    for word in ("العراق", "الرئيس", "بغداد", "مكتب"):
        forms = proclitic_forms(word)
        assert forms and word not in forms
        for form in forms:
            assert any(stem == word for _, stem in clitic_splits(form)), form
    assert "للعراق" in proclitic_forms("العراق") and "وللعراق" in proclitic_forms("العراق")
    # «وللعراق» is و + ل + العراق (clitic_splits looked for «وللل» and never split it that way)
    assert ("ول", "العراق") in clitic_splits("وللعراق")
    assert not any(f.endswith("لبغداد") and "لل" in f for f in proclitic_forms("بغداد"))  # no article: no لل
