"""The windowed scan of dates_patterns finds exactly what the plain ``finditer`` of each pattern finds.

It only skips positions where no match can start, so any difference is a bug in its reasoning (a trigger
word missed, too few whitespace runs allowed before it). The texts below stress those edges: several
spaces and line breaks inside an expression, proclitics, numbers touching letters, expressions at the
very start and end, triggers inside other words, and a seeded shuffle of the lexicon's own words.
"""
from __future__ import annotations

import random

import pytest

from akhbar.transforms.dates import Field
from akhbar.transforms.dates_lexicon import lexicon
from akhbar.transforms.dates_patterns import Windowed, patterns

EDGE_TEXTS = [
    "مارس",
    "في 5 مارس",
    "وفي   الخامس  عشر \n من  شهر   آذار / مارس   2018م قال",
    "اعتبارا   من\n مطلع شهر\tيناير الماضي",
    "يوم الأحد ،  الموافق   الحادي والعشرين من شهر كانون الثاني 2019",
    "الأحد، 14 أيار/مايو الحالي وبين 5 و10 مارس",
    "في24 سبتمبر و2018 ثم عام2007 و1998-2002 والعام 1443هـ",
    "منذ   ثلاثة  و  عشرين   عاما وقبل يومين وبعد 48 ساعة ونصف وقبل عام واحد",
    "قبل خمسة عشر يوما، الاثنين الماضي، أمس الأول وغدا الخميس",
    "الثامن عشر من الشهر الجاري والحادي عشر من الشهر ذاته",
    "نهاية الأسبوع المقبل وهذا العام والأمين العام الحالي والشهر الماضي",
    "2000 دولار و14/2/2018 و2018-02-14 عامي 2016 و2017",
    "والعامة الأعوام الأيام اليومية شهرية السنوات الساعة",
    "كتاب الانتخابات في 5مارس و3أيام ولمدة 48ساعة وبالعام الماضي وللشهر المقبل فبيومين",
    "(مارس) «آب» 12-مارس ،يناير/فبراير",
]


def _same(norm: str) -> None:
    rev = norm[::-1]
    p = patterns()
    for name in p.__dataclass_fields__:
        scan = getattr(p, name)
        if not isinstance(scan, Windowed):
            continue
        want = [(m.span(), m.groups()) for m in scan.pattern.finditer(norm)]
        got = [(m.span(), m.groups()) for m in scan.finditer(norm, rev)]
        assert got == want, (name, norm)


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_windowed_scan_equals_finditer_on_edges(text):
    _same(Field(text).norm)


def test_windowed_scan_finds_matches_at_all():
    """Guards the test above against a scan that finds nothing on both sides."""
    p = patterns()
    norm = Field(EDGE_TEXTS[2]).norm
    assert [m.group() for m in p.day_month.finditer(norm, norm[::-1])]


def test_windowed_scan_equals_finditer_on_shuffled_lexicon():
    lx = lexicon()
    words = (list(lx.months) + list(lx.weekdays) + list(lx.ordinals) + list(lx.cardinals) + list(lx.tens)
             + [k for k, _, _ in lx.words] + ["في", "من", "شهر", "عام", "قبل", "منذ", "و", "،", "/", "-", "(",
                                               ")", "الموافق", "الشهر", "ذاته", "هـ", "م", "قال", "الرئيس"])
    rng = random.Random(8)
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 25)):
            w = rng.choice(words) if rng.random() < 0.8 else str(rng.choice([3, 12, 31, 1999, 2018, 1443, 45]))
            parts.append(rng.choice(["", "و", "ب", "وب", "ل"]) + w if rng.random() < 0.2 else w)
            parts.append(rng.choice([" ", " ", "  ", "\n", " ، ", "", "/"]))
        _same(Field("".join(parts)).norm)
