"""Arabic temporal expressions: every written form the extractor promises, and the words it must leave alone.

The anchor is Sunday 18 February 2018, 09:00 UTC (12:00 in Baghdad) unless a test says otherwise.
"""
import datetime as dt

import pytest

from akhbar.schemas.records import ExtractContext
from akhbar.transforms.dates import extract_dates

UTC = dt.timezone.utc
SUNDAY = dt.datetime(2018, 2, 18, 9, 0, tzinfo=UTC)


def ctx(published=SUNDAY, timezone="Asia/Baghdad", fetched=None):
    return ExtractContext(source_id="s", country=None, timezone=timezone, published_at=published,
                          fetched_at=fetched or published or SUNDAY)


def found(body, **kw):
    return [(d.text, d.value, d.kind, d.calendar) for d in extract_dates("", body, ctx(**kw))]


def one(body, **kw):
    got = found(body, **kw)
    assert len(got) == 1, got
    return got[0]


LEVANTINE = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
             "تشرين الثاني", "كانون الأول"]
EGYPTIAN = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
            "ديسمبر"]
MAGHREBI = ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"]


@pytest.mark.parametrize("names", [LEVANTINE, EGYPTIAN, MAGHREBI], ids=["levantine", "egyptian", "maghrebi"])
def test_every_month_of_every_system(names):
    for number, name in enumerate(names, 1):
        text = f"وقع ذلك في 3 {name} 2021 بحسب البيان"
        assert one(text) == (f"3 {name} 2021", f"2021-{number:02d}-03", "date", "gregorian")


@pytest.mark.parametrize("text,value", [
    ("31 كانون الأول 2021", "2021-12-31"),
    ("15 يونيه 2019", "2019-06-15"),
    ("15 يوليه 2019", "2019-07-15"),
    ("1 اغسطس 2019", "2019-08-01"),
    ("4 يوليوز 2019", "2019-07-04"),
    ("4 غشت 2019", "2019-08-04"),
    ("٣١ كانون الأول ٢٠٢١", "2021-12-31"),
    ("۲۰ مارس ۲۰۱۸", "2018-03-20"),
    ("في24\u00a0 نيسان/أبريل 2018", "2018-04-24"),
    ("2 أيّار ٢٠١٧", "2017-05-02"),
])
def test_spelling_variants_and_digits(text, value):
    assert one(text)[1] == value


@pytest.mark.parametrize("text,value", [
    ("كانون الأول/ديسمبر 2017", "2017-12"),
    ("مارس / آذار 2018", "2018-03"),
    ("يونيو (حزيران) 2016", "2016-06"),
    ("فبراير شباط 2017", "2017-02"),
    ("تشرين الاول/أكتوبر 2012", "2012-10"),
])
def test_paired_month_names_are_one_month(text, value):
    assert one(text)[:3] == (text, value, "month")


@pytest.mark.parametrize("text,value", [
    ("الحادي والثلاثين من كانون الأول 2021", "2021-12-31"),
    ("الخامس من أكتوبر 2018", "2018-10-05"),
    ("الأول من يناير/كانون الثاني 2019", "2019-01-01"),
    ("الثاني والعشرين من مايو 2018", "2018-05-22"),
    ("الحادي عشر من سبتمبر 2001", "2001-09-11"),
])
def test_ordinal_day_words(text, value):
    assert one(text)[:3] == (text, value, "date")


def test_day_and_month_without_year_take_the_nearest_year():
    # Anchor 18 Feb 2018: 31 December is nearer in 2017, 1 March and 13 August in 2018.
    assert one("الحادي والثلاثين من كانون الأول")[1] == "2017-12-31"
    assert one("في 1 مارس")[1] == "2018-03-01"
    assert one("في 13 آب")[1] == "2018-08-13"
    late = dt.datetime(2018, 12, 20, 9, tzinfo=UTC)
    assert one("في 3 يناير", published=late)[1] == "2019-01-03"


def test_month_with_muqbil_or_madi_gets_the_right_year():
    assert one("في مارس المقبل")[1] == "2018-03"
    assert one("في فبراير المقبل")[1] == "2019-02"  # said in February: next February
    assert one("في فبراير الماضي")[1] == "2017-02"
    assert one("في ديسمبر الماضي")[1] == "2017-12"
    assert one("حتى 15 مايو المقبل")[1] == "2018-05-15"
    assert one("في 30 مارس الماضي")[1] == "2017-03-30"
    assert one("الثامن عشر من الشهر الجاري")[1] == "2018-02-18"
    assert one("في الخامس من الشهر المقبل")[1] == "2018-03-05"


def test_hijri_months_convert_with_hijridate():
    assert one("الأول من رمضان 1439هـ") == ("الأول من رمضان 1439هـ", "2018-05-16", "date", "hijri")
    assert one("10 ذي الحجة 1439 هـ")[1:] == ("2018-08-21", "date", "hijri")
    assert one("5 محرم 1443")[1:] == ("2021-08-13", "date", "hijri")
    # Jumada I 1439 ran 18 Jan - 16 Feb 2018; its 15th, 1 Feb, names the Gregorian month.
    assert one("في جمادى الأولى 1439")[1:] == ("2018-02", "month", "hijri")
    # No year: the Hijri year that puts it nearest the anchor (Ramadan 1439 began 16 May 2018).
    assert one("خلال شهر رمضان المقبل")[1:] == ("2018-05", "month", "hijri")
    assert one("عام 1443هـ")[1:] == ("2022", "year", "hijri")


@pytest.mark.parametrize("text,value", [
    ("عام 2021", "2021"), ("2021م", "2021"), ("العام 2013", "2013"), ("سنة 2017", "2017"),
    ("منذ 2014 حين", "2014"), ("كأس العالم 2018.", "2018"), ("(1998)", "1998"),
])
def test_years(text, value):
    assert one(text)[1:3] == (value, "year")


def test_year_ranges_and_non_years():
    assert found("لعامي 2019-2020") == [("عامي 2019", "2019", "year", "gregorian"),
                                          ("2020", "2020", "year", "gregorian")]
    assert found("بلغت قيمته 2000 دولار") == []
    assert found("بنسبة 2018%") == []
    assert found("فاز 2-1 في المباراة") == []
    assert found("موسم (2012-13)") == []
    assert found("القرار (٢٢١٦)") == []


@pytest.mark.parametrize("text,value", [
    ("اليوم", "2018-02-18"), ("أمس", "2018-02-17"), ("بالأمس", "2018-02-17"), ("أمس الأول", "2018-02-16"),
    ("أول من أمس", "2018-02-16"), ("غداً", "2018-02-19"), ("غدًا", "2018-02-19"), ("بعد غد", "2018-02-20"),
    ("الأسبوع الماضي", "2018-W06"), ("هذا الأسبوع", "2018-W07"), ("الأسبوع المقبل", "2018-W08"),
    ("الشهر الماضي", "2018-01"), ("الشهر المقبل", "2018-03"), ("العام الماضي", "2017"),
    ("السنة المقبلة", "2019"), ("هذا العام", "2018"), ("نهاية العام", "2018"), ("العام الجاري", "2018"),
    ("قبل 3 أيام", "2018-02-15"), ("قبل ثلاثة أيام", "2018-02-15"), ("قبل عامين", "2016"),
    ("قبل شهرين", "2017-12"), ("قبل عام", "2017"), ("قبل أسبوع", "2018-02-11"),
])
def test_relative_expressions_from_the_anchor(text, value):
    assert one(f"وقال {text} إن") [1:3] == (value, "relative")


def test_anchor_is_the_publication_day_in_the_source_time_zone():
    late = dt.datetime(2018, 10, 9, 23, 48, tzinfo=UTC)  # Tuesday in UTC, Wednesday in Dubai
    assert one("ذكر ترامب، الثلاثاء، أن", published=late, timezone="Asia/Dubai")[1] == "2018-10-09"
    assert one("اليوم", published=late, timezone="Asia/Dubai")[1] == "2018-10-10"
    assert one("اليوم", published=late, timezone="UTC")[1] == "2018-10-09"
    # No publication time: the fetch time anchors; a bad zone name falls back to UTC.
    assert one("أمس", published=None, fetched=late, timezone="Europe/London")[1] == "2018-10-09"
    assert one("أمس", published=late, timezone="Not/AZone")[1] == "2018-10-08"


def test_weekdays():
    assert one("قتل شاب، السبت، في") == ("السبت", "2018-02-17", "weekday", "gregorian")
    assert one("وقع الحادث الأحد") == ("الأحد", "2018-02-18", "weekday", "gregorian")
    assert one("الخميس الماضي")[1] == "2018-02-15"
    assert one("الأحد المقبل")[1] == "2018-02-25"
    assert one("وسيعقد الاجتماع الخميس")[1] == "2018-02-22"
    assert one("من المقرر أن تصل الشحنة يوم الاثنين")[1] == "2018-02-19"
    assert found("قال أمس (السبت) إن")[1][1] == "2018-02-17"
    assert found("غداً الاثنين")[1][1] == "2018-02-19"
    assert one("الإثنين")[1] == "2018-02-12"


def test_weekday_before_a_date_is_part_of_it():
    assert one("الأربعاء 18 تموز/يوليو 2018") == ("الأربعاء 18 تموز/يوليو 2018", "2018-07-18", "date",
                                                  "gregorian")


@pytest.mark.parametrize("text,value", [
    ("42 يوماً", "P42D"), ("ثلاثة أشهر", "P3M"), ("عامين", "P2Y"), ("يومين", "P2D"), ("40 عاما", "P40Y"),
    ("6 أسابيع", "P6W"), ("48 ساعة", "PT48H"), ("خمسة وعشرين عاما", "P25Y"), ("يوم واحد", "P1D"),
    ("منذ سبع سنوات", "P7Y"), ("1.5 عام", "P1.5Y"),
])
def test_durations(text, value):
    assert one(f"استمر {text} في") [1:3] == (value, "duration")


def test_numeric_dates():
    assert one("بتاريخ 14/2/2018،")[1:3] == ("2018-02-14", "date")
    assert one("في 2018-02-14")[1:3] == ("2018-02-14", "date")
    assert found("بتاريخ 31/2/2018") == []


@pytest.mark.parametrize("text", [
    "الفنان محمد رمضان", "رئيسة الوزراء تيريزا ماي", "رجب طيب أردوغان", "الأمين العام الحالي للأمم المتحدة",
    "اليوم العالمي للمرأة", "اليوم الذي فكروا فيه", "بعد أن لامس أعلى مستوى", "تغلب عليه 4-2 يوم",
    "مارس الضغوط", "انخفض إلى صفر", "شيك إت آب", "أعطى أب ابنه", "بين الاثنين", "الأحد عشر كوكبا",
    "غداء عمل", "قبل أيام", "الشهر نفسه", "السنة المالية الحالية", "شركة نيسان", "قبل 12 عاما من",
    "مدينة السادس من أكتوبر", "ثورة 25 يناير", "وقوى 14 آذار", "مرتين في اليوم.",
])
def test_words_that_are_not_dates(text):
    assert [f for f in found(text) if f[2] != "duration"] == []


def test_numbers_stuck_to_month_names_and_halves():
    assert one("في تشرين الأول/أكتوبر1991")[1:3] == ("1991-10", "month")
    assert one("19 كانون الأول/ديسمبر2015: مقتل")[1:3] == ("2015-12-19", "date")
    assert one("في عام2007")[1:3] == ("2007", "year")
    assert one("عامين ونصف")[1:3] == ("P2.5Y", "duration")
    assert one("ثورة 25 يناير 2011")[1:3] == ("2011-01-25", "date")  # with its year it is a date again


def test_same_month_coordinated_years_and_past_plans():
    got = found("في الثالث من أبريل المقبل، والإياب في الحادي عشر من الشهر ذاته")
    assert [g[1] for g in got] == ["2018-04-03", "2018-04-11"]
    assert found("في الحادي عشر من الشهر نفسه") == []  # no month named before it
    assert [g[1] for g in found("هجمات عام 2002 و2004 أسفرت")] == ["2002", "2004"]
    assert one("منذ مارس/2015، دعما")[1:3] == ("2015-03", "month")
    assert one("وكان من المقرر أن يتم بحثها يوم الخميس")[1] == "2018-02-15"  # planned, in the past
    assert one("وقد يصدر قرار الاثنين")[1] == "2018-02-19"  # may happen: ahead
    assert one("وقد صدر قرار الاثنين")[1] == "2018-02-12"


def test_day_ranges_give_both_days():
    assert found("بين 5 و10 مارس") == [("5", "2018-03-05", "date", "gregorian"),
                                        ("10 مارس", "2018-03-10", "date", "gregorian")]
    assert [f[1] for f in found("من 14 إلى 16 مارس 2017")] == ["2017-03-14", "2017-03-16"]
    assert found("بين 28 و3 مارس") == [("3 مارس", "2018-03-03", "date", "gregorian")]  # not a range of March


def test_tomorrow_as_al_ghad_only_with_a_part_of_the_day():
    assert one("صباح الغد")[1:3] == ("2018-02-19", "relative")
    assert found("نقلت صحيفة الغد") == []


def test_before_an_event_is_a_duration_not_a_date():
    assert one("قبل يومين من الانتخابات")[1:3] == ("P2D", "duration")


def test_title_and_body_fields():
    got = extract_dates("قمة في 12 يونيو", "عقدت القمة الثلاثاء", ctx())
    assert [(d.field, d.text) for d in got] == [("title", "12 يونيو"), ("body", "الثلاثاء")]
    assert all(d.kind in {"date", "month", "year", "weekday", "relative", "duration"} for d in got)
