"""Where dateparser (1.5) fails Arabic news, side by side with our value for the same string.

These cases are why akhbar.transforms.dates has its own grammar. dateparser is given every chance: the
Arabic language, and RELATIVE_BASE set to the anchor. If a future dateparser gets one of these right, the
``dateparser_gets`` assertion fails: that is the signal to hand that form back to the library.
"""
import datetime as dt

import pytest

from akhbar.schemas.records import ExtractContext
from akhbar.transforms.dates import extract_dates

dateparser = pytest.importorskip("dateparser")

BASE = dt.datetime(2018, 2, 18, 12, 0)  # Sunday noon, Baghdad
CTX = ExtractContext(source_id="s", country=None, timezone="Asia/Baghdad",
                     published_at=dt.datetime(2018, 2, 18, 9, 0, tzinfo=dt.timezone.utc),
                     fetched_at=dt.datetime(2018, 2, 18, 9, 0, tzinfo=dt.timezone.utc))


def ours(text):
    got = extract_dates("", text, CTX)
    assert len(got) == 1 and got[0].text == text, got
    return got[0].value


def theirs(text, grain=10):
    """dateparser's answer cut to the grain of ours (day, month or year), or None."""
    when = dateparser.parse(text, languages=["ar"], settings={"RELATIVE_BASE": BASE})
    return None if when is None else when.date().isoformat()[:grain]


# string, what dateparser returns (its date or None), our value
FAILS = [
    ("31 كانون الأول 2021", None, "2021-12-31"),  # Levantine month names are not in its Arabic locale
    ("الحادي والثلاثين من كانون الأول", None, "2017-12-31"),  # ordinal day words
    ("الخامس من أكتوبر 2018", None, "2018-10-05"),
    ("كانون الأول/ديسمبر 2017", None, "2017-12"),  # paired names
    ("13 مارس/آذار", None, "2018-03-13"),
    ("3 جويلية 2018", None, "2018-07-03"),  # Maghrebi names
    ("5 محرم 1443", None, "2021-08-13"),  # Hijri months
    ("الأول من رمضان 1439هـ", None, "2018-05-16"),
    ("2021م", None, "2021"),  # era letters
    ("أمس الأول", None, "2018-02-16"),
    ("قبل ثلاثة أيام", None, "2018-02-15"),  # number words
    ("قبل عام", None, "2017"),
    ("الشهر المقبل", None, "2018-03"),
    ("السبت الماضي", None, "2018-02-17"),
    ("15 مايو المقبل", None, "2018-05-15"),  # it reads "15 مايو" but not with المقبل
    ("فبراير المقبل", None, "2019-02"),
    ("30 مارس الماضي", None, "2017-03-30"),
]


@pytest.mark.parametrize("text,dateparser_gets,we_get", FAILS, ids=[f[0] for f in FAILS])
def test_dateparser_beside_ours(text, dateparser_gets, we_get):
    assert theirs(text, len(we_get)) == dateparser_gets
    assert ours(text) == we_get


def test_where_dateparser_works_we_agree():
    for text in ("15 مايو 2018", "عام 2021", "٢٠ مارس ٢٠١٨", "غداً", "أمس"):
        mine = ours(text)
        assert theirs(text, len(mine)) == mine


def test_dateparser_reads_digits_and_ago_which_we_delegate_to_it():
    # The one form we hand to dateparser: "قبل n unit" with the count in digits and a singular unit.
    assert theirs("قبل 3 يوم") == "2018-02-15"
    assert theirs("قبل 2 شهر") == "2017-12-18"
    assert ours("قبل 3 أيام") == "2018-02-15"
    assert ours("قبل شهرين") == "2017-12"
