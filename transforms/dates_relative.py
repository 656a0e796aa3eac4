"""Values of expressions that lean on the anchor: اليوم، أمس، الأسبوع الماضي، weekdays, "قبل 3 أيام", durations.

Builders take a regex match over the normalized field and return ``(start, end, value, kind)`` or None
when the words are not a date here (اليوم العالمي، الأمين العام الحالي، بين الاثنين).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Tuple

from akhbar.transforms.dates_lexicon import E, alternation, key, lexicon
from akhbar.transforms.dates_resolve import iso_week, shift_months, weekday_date
from akhbar.transforms.dates_tense import tense

Found = Tuple[int, int, str, str]  # start, end, value, kind


@dataclass(frozen=True)
class Anchor:
    day: dt.date  # publication day in the source's time zone
    moment: dt.datetime  # publication time in that zone, naive (dateparser's RELATIVE_BASE)
    today: Optional[dt.date] = None  # the day اليوم/أمس/غداً count from when it is not ``day`` (see
    # dates_discourse.pinned_anchor: a story stamped just after local midnight was written the day before)


_UNIT_NAMES = {"D": "يوم", "W": "أسبوع", "M": "شهر", "Y": "سنة", "H": "ساعة"}
_PART_OF_DAY = {"صباح", "مساء", "ظهر", "عصر", "فجر", "ليله", "يوم", "حتي", "منتصف", "بعد", "ظهيره"}
OPEN_WEEKDAY = "weekday-open"  # a bare weekday whose clause tells no tense: the latest one for now


_PUNCT = "\"'«»()[]،,.:;؛!?؟-–"


def _prev_word(norm: str, start: int) -> str:
    words = norm[max(0, start - 30):start].split()
    return key(words[-1]).strip(_PUNCT) if words else ""


def _next_word(norm: str, end: int) -> str:
    words = norm[end:end + 30].split()
    return key(words[0]).strip(_PUNCT) if words else ""


@lru_cache(maxsize=1)
def _tables():
    lx = lexicon()
    day_words = {k: int(v) for k, v in lx.role("day").items()}
    before_weekday = re.compile(rf"(?:{alternation(day_words)}){E}[\s(),،]*(?:\(\s*)?$")
    return day_words, before_weekday


def day_word(m: re.Match, norm: str, anchor: Anchor) -> Optional[Found]:
    """اليوم، أمس، أمس الأول، غداً، بعد غد: a day counted from the anchor."""
    word = key(m.group("word"))
    offset = _tables()[0][word]
    if word == "امس" and norm[m.start("word") - 1:m.start("word")] == "ل":
        return None  # لامس "touched", not ل + أمس
    if word == "الغد" and _prev_word(norm, m.start()) not in _PART_OF_DAY:
        return None  # صحيفة الغد is a newspaper; صباح الغد، يوم الغد are tomorrow
    if word in ("اليوم", "الليله"):
        after = _next_word(norm, m.end())
        # اليوم الوطني، اليوم الأول، اليوم الذي: a day, not today. اليوم الخميس is today.
        if after.startswith("ال") and after not in lexicon().weekdays:
            return None
        # هذا اليوم، ذلك اليوم: a day of the story; مرتين في اليوم: "per day".
        if _prev_word(norm, m.start()) in ("هذا", "ذلك", "ذات", "نفس", "هذه", "ذاك", "في"):
            return None
    day = (anchor.today or anchor.day) + dt.timedelta(days=offset)
    return m.start("word"), m.end(), day.isoformat(), "relative"


def head(m: re.Match, norm: str, anchor: Anchor) -> Optional[Found]:
    """الأسبوع الماضي، الشهر المقبل، هذا العام، نهاية العام: a week, month or year counted from the anchor."""
    lx = lexicon()
    unit = lx.role("head")[key(m.group("head"))]
    if m.group("mod"):
        offset = int(lx.role("mod")[key(m.group("mod"))])
    elif m.group("this") or (m.group("edge") and unit != "week"):
        offset = 0  # نهاية الأسبوع alone is "the weekend", too loose to date
    else:
        return None
    if unit == "year" and not (m.group("edge") or m.group("this")):
        before = _prev_word(norm, m.start())
        # الأمين العام الحالي، القطاع العام: here العام is "general", not "year".
        if before in lx.role("general"):
            return None
    if unit == "week":
        value = iso_week(anchor.day + dt.timedelta(days=7 * offset))
    elif unit == "month":
        year, month = shift_months(anchor.day.year, anchor.day.month, offset)
        value = f"{year:04d}-{month:02d}"
    else:
        value = f"{anchor.day.year + offset:04d}"
    return m.start(), m.end(), value, "relative"


def weekday(m: re.Match, norm: str, anchor: Anchor) -> Optional[Found]:
    """الخميس، السبت الماضي، أمس الثلاثاء: the date of a named weekday near the anchor. A bare one goes by
    the tense of its clause (dates_tense); when that tells nothing it comes out open (OPEN_WEEKDAY)."""
    lx = lexicon()
    name = key(m.group("wd"))
    after = _next_word(norm, m.end("wd"))
    before = _prev_word(norm, m.start())
    if name == "الاحد" and after.startswith("عشر"):
        return None  # الأحد عشر: "the eleven"
    if name == "الاثنين" and (before in ("بين", "كلا") or after in ("معا", "منهما")):
        return None  # "the two"
    iso = lx.weekdays[name]
    day_words, before_weekday = _tables()
    mod = m.group("mod")
    if mod and int(lx.role("mod")[key(mod)]) != 0:
        day = weekday_date(iso, anchor.day, int(lx.role("mod")[key(mod)]))
    else:
        told = before_weekday.search(norm, max(0, m.start() - 25), m.start())
        if told:
            base = anchor.day + dt.timedelta(days=day_words[key(told.group(0).strip(" ()،,\t\n"))])
            day = weekday_date(iso, base, 0)
        else:
            verdict = tense(norm, m.start(), m.end())
            if verdict > 0:
                day = weekday_date(iso, anchor.day, 1, strict=False)
            else:
                day = weekday_date(iso, anchor.day, 0)
            if verdict == 0:
                return m.start(), m.end(), day.isoformat(), OPEN_WEEKDAY  # dates_discourse.settle_weekdays
    return m.start(), m.end(), day.isoformat(), "weekday"


def _count(m: re.Match) -> Optional[float]:
    lx = lexicon()
    if m.group("n"):
        return float(m.group("n").replace(",", "."))
    words = key(m.group("nw"))
    total = 0
    for part in re.split(r"\s+و\s*", words):
        value = lx.cardinals.get(part, lx.tens.get(part))
        if value is None:
            return None
        total += value
    return float(total)


def _iso_duration(count: float, unit: str) -> str:
    number = str(int(count)) if count == int(count) else f"{count:g}"
    return f"PT{number}H" if unit == "H" else f"P{number}{unit}"


def _ago(count: float, unit: str, anchor: Anchor) -> str:
    """Date of "قبل n unit", at the unit's grain; dateparser does the arithmetic where it can.

    dateparser 1.5 reads "قبل 3 أيام" and "قبل عامين" but not "قبل ثلاثة أيام" nor "قبل عام" (None), so
    the count is written in digits with a singular unit before it is asked; our own arithmetic is the
    fallback (see tests/test_dates_dateparser.py).
    """
    when: Optional[dt.datetime] = None
    if count == int(count):
        import dateparser  # heavy import, only when an "ago" expression is met

        when = dateparser.parse(f"قبل {int(count)} {_UNIT_NAMES[unit]}", languages=["ar"],
                                settings={"RELATIVE_BASE": anchor.moment})
    if when is None:
        n = int(count)
        if unit in ("D", "W", "H"):
            days = {"D": n, "W": 7 * n, "H": 0}[unit]
            when = anchor.moment - dt.timedelta(days=days, hours=n if unit == "H" else 0)
        else:
            year, month = shift_months(anchor.day.year, anchor.day.month, -n * (12 if unit == "Y" else 1))
            when = dt.datetime(year, month, 1)
    if unit == "Y":
        return f"{when.year:04d}"
    if unit == "M":
        return f"{when.year:04d}-{when.month:02d}"
    return when.date().isoformat()


def duration(m: re.Match, norm: str, anchor: Anchor) -> Optional[Found]:
    """42 يوماً، ثلاثة أشهر، عامين (a duration) and قبل 3 أيام، قبل عام (a date counted back)."""
    lx = lexicon()
    ago = m.group("ago") or m.group("ago1")
    if m.group("dual"):
        count, unit = 2.0, lx.role("dual")[key(m.group("dual"))]
    elif m.group("unit1"):
        count, unit = 1.0, lx.role("single")[key(m.group("unit1"))]
    elif m.group("single"):
        count, unit = 1.0, lx.role("single")[key(m.group("single"))]
    else:
        count = _count(m)
        unit = lx.role("unit")[key(m.group("unit"))]
    if count is None or count <= 0 or count > 10000:
        return None
    if m.group("half"):
        count += 0.5  # عامين ونصف
    if m.group("unit") and 2 <= count <= 10 and key(m.group("unit")) in lx.role("single"):
        return None  # Arabic counts 3-10 with a plural (3 أيام); "2 يوم" is a score before يوم الأحد
    ago_word = key(ago) if ago else ""
    if ago_word == "قبل" and _next_word(norm, m.end()) != "من":
        return m.start(), m.end(), _ago(count, unit, anchor), "relative"
    # منذ ثلاثة أعوام, قبل يومين من الانتخابات, بعد 10 أيام: a length of time, not a point.
    start = m.start() if m.group("single") else min(
        g for g in (m.start("n"), m.start("nw"), m.start("dual"), m.start("unit1")) if g >= 0)
    return start, m.end(), _iso_duration(count, unit), "duration"
