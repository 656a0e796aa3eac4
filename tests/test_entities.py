"""Entity extraction: offsets into the original text, proclitics, the known traps, and real articles."""
import gzip
import itertools
import json
from pathlib import Path

import pytest

from akhbar.transforms.entities import analyze, extract_entities

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def _ents(title, body=""):
    return {(e.text, e.type) for e in extract_entities(title, body, None)}


def _check_offsets(title, body, items):
    fields = {"title": title, "body": body}
    for e in items:
        assert e.field in fields
        assert 0 <= e.start < e.end <= len(fields[e.field])
        assert fields[e.field][e.start:e.end] == e.text, e


FIXTURES = [
    ("الرئيس الأمريكي دونالد ترامب يلتقي وزير الخارجية السعودي عادل الجبير في واشنطن",
     "قال المتحدث باسم وزارة الخارجية الروسية ماريا زاخاروفا، الأحد، إن موسكو ترفض.\n"
     "وأعلنت قيادة عمليات بغداد مقتل 3 عناصر من تنظيم داعش بمحافظة ديالى.\n"
     "وأكد ترامب أن الولايات المتحدة ستدعم جامعة بغداد، فيما قال محمد بن سلمان إن حزب العمال الكردستاني "
     "والجيش الإسرائيلي والحكومة العراقية ومجلس الأمن الدولي والأمم المتحدة."),
    ("مقتل العراقـــيِّ في الأنبارِ", "قالَ اللواءُ يحيى رسول إنَّ القواتِ الأمنيةَ حررت ناحية\u200c العلم في صلاح الدين."),
    ("ﺑﻐﺪاﺩ: ﻻ جديد", "وصل الشيخ محمد بن راشد آل مكتوم إلى أبوظبي، واستقبله ولي العهد."),
    ("", "أعلن رئيس الوزراء الإثيوبي أبي أحمد أن الخطوط الجوية الإثيوبية ستستأنف رحلاتها إلى إريتريا."),
    ("قصف على حلب", "التقى بوش رئيس الوزراء البريطاني توني بلير في لندن، وقال شيراك إن فرنسا ترفض."),
]


@pytest.mark.parametrize("title,body", FIXTURES)
def test_offsets_point_into_original_fields(title, body):
    _check_offsets(title, body, extract_entities(title, body, None))


def test_expected_entities_on_fixture():
    found = _ents(*FIXTURES[0])
    for want in [("دونالد ترامب", "PER"), ("عادل الجبير", "PER"), ("واشنطن", "LOC"),
                 ("وزارة الخارجية الروسية", "ORG"), ("ماريا زاخاروفا", "PER"), ("موسكو", "LOC"),
                 ("تنظيم داعش", "ORG"), ("ديالى", "LOC"), ("ترامب", "PER"), ("الولايات المتحدة", "LOC"),
                 ("جامعة بغداد", "ORG"), ("محمد بن سلمان", "PER"), ("حزب العمال الكردستاني", "ORG"),
                 ("الجيش الإسرائيلي", "ORG"), ("الحكومة العراقية", "ORG"), ("مجلس الأمن الدولي", "ORG"),
                 ("الأمم المتحدة", "ORG")]:
        assert want in found, want


def test_proclitics_are_not_part_of_the_entity():
    found = _ents("", "سقط صاروخ بمحافظة ديالى وآخر في بالعراق وللعراق حدود مع والكويت.")
    assert ("ديالى", "LOC") in found
    assert ("العراق", "LOC") in found
    assert ("الكويت", "LOC") in found
    assert not any(t.startswith("ب") and ty == "LOC" for t, ty in found)


def test_diacritics_tatweel_and_presentation_forms_still_match():
    found = _ents(FIXTURES[1][0], FIXTURES[1][1])
    assert ("الأنبارِ", "LOC") in found or ("الأنبار", "LOC") in found
    assert ("صلاح الدين", "LOC") in found
    found = _ents(FIXTURES[2][0], "")
    assert ("ﺑﻐﺪاﺩ", "LOC") in found


def test_organization_named_after_a_place_is_an_organization():
    found = _ents("", "وقعت جامعة بغداد اتفاقا مع جامعة القاهرة.")
    assert ("جامعة بغداد", "ORG") in found and ("جامعة القاهرة", "ORG") in found
    assert ("بغداد", "LOC") not in found and ("القاهرة", "LOC") not in found


def test_place_is_not_a_person():
    found = _ents("", "قال الرئيس السوري إن دمشق لن تتراجع، ووصل الرئيس إلى باريس.")
    assert ("دمشق", "LOC") in found and ("باريس", "LOC") in found
    assert not any(ty == "PER" for _, ty in found)


def test_person_named_like_a_town_stays_a_person():
    # Jackson is a US city in GeoNames; after a given name it is a surname
    found = _ents("", "غنى المطرب مايكل جاكسون في لندن.")
    assert ("مايكل جاكسون", "PER") in found
    assert ("جاكسون", "LOC") not in found


def test_ala_preposition_is_not_the_name_ali():
    found = _ents("", "حصل على الجائزة وأكد على الأهمية، وقال علي لاريجاني إن طهران ترفض.")
    pers = {t for t, ty in found if ty == "PER"}
    assert "علي لاريجاني" in pers
    assert not any(t.startswith("على") for t in pers)


def test_surname_alone_after_full_name_is_a_person():
    found = _ents("أردوغان يهدد", "قال الرئيس التركي رجب طيب أردوغان إن بلاده لن تتراجع.")
    assert ("أردوغان", "PER") in found and ("رجب طيب أردوغان", "PER") in found


def test_common_words_are_not_places():
    found = _ents("", "كان الوزير قد أشار إلى أن البيان صدر عنه في إطار الصورة العامة.")
    assert not any(ty == "LOC" for _, ty in found)


def test_agency_in_parentheses():
    assert ("الفرنسية", "ORG") in _ents("", "بيروت (الفرنسية) - قال مسؤول إن")
    assert ("الفرنسية", "ORG") not in _ents("", "قالت الحكومة الفرنسية إن")


def test_same_input_same_output():
    a = extract_entities(*FIXTURES[0], None)
    analyze.cache_clear()
    assert extract_entities(*FIXTURES[0], None) == a


def test_empty_and_non_arabic_text():
    assert extract_entities("", "", None) == []
    _check_offsets("Hello", "Paris 2018", extract_entities("Hello", "Paris 2018", None))


@pytest.mark.corpus
def test_offsets_on_real_articles():
    if not CORPORA.exists():
        pytest.skip("../shared/corpora absent")
    n = 0
    for name in ("alarabia", "bbc", "france24", "skynews"):
        with gzip.open(CORPORA / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in itertools.islice(fh, 75):
                d = json.loads(line)
                items = extract_entities(d["title"], d["text"], None)
                _check_offsets(d["title"], d["text"], items)
                assert all(e.type in ("PER", "ORG", "LOC") and e.text.strip() == e.text for e in items)
                n += len(items)
    assert n > 1000
