"""Calendar arithmetic for dates found in text: the anchor day, years for partial dates, Hijri conversion.

Everything takes plain values (the anchor is a ``datetime.date``, the publication day in the source's time
zone) so it is easy to test. Hijri dates go through hijridate (Umm al-Qura tables, 1343-1500 AH).
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import List, Optional, Tuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hijridate import Gregorian, Hijri

from akhbar.schemas.records import ExtractContext


def anchor_day(ctx: ExtractContext) -> dt.date:
    """The publication day (else the fetch day) as a calendar date in the source's time zone.

    A story stamped 23:48 UTC on a Tuesday was written on Wednesday in Dubai; its "الثلاثاء" is yesterday.
    """
    moment = ctx.published_at or ctx.fetched_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    try:
        zone = ZoneInfo(ctx.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return moment.astimezone(zone).date()


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def day_with_year(month: int, day: int, anchor: dt.date, direction: int = 0) -> Optional[dt.date]:
    """The year for a day and month written without one.

    direction -1 (الماضي): the latest such day before the anchor; +1 (المقبل): the first one after it;
    0: the one nearest the anchor (ties go to the anchor's year). None when the day never exists (31 شباط).
    """
    options = [dt.date(year, month, day) for year in (anchor.year - 1, anchor.year, anchor.year + 1)
               if valid_day(year, month, day)]
    return pick_day(options, anchor, direction)


def pick_day(options: List[dt.date], anchor: dt.date, direction: int) -> Optional[dt.date]:
    """Of candidate dates one year apart, the one a direction asks for (see ``day_with_year``), any calendar."""
    if direction < 0:
        options = [d for d in options if d < anchor]
        return max(options) if options else None
    if direction > 0:
        options = [d for d in options if d > anchor]
        return min(options) if options else None
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - anchor).days), d.year != anchor.year))


def month_with_year(month: int, anchor: dt.date, direction: int = 0) -> Tuple[int, int]:
    """(year, month) for a month written without a year; same directions as ``day_with_year``."""
    here = anchor.year * 12 + anchor.month - 1
    options = [(y * 12 + month - 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if direction < 0:
        pick = max(o for o in options if o < here)
    elif direction > 0:
        pick = min(o for o in options if o > here)
    else:
        pick = min(options, key=lambda o: (abs(o - here), o // 12 != anchor.year))
    return pick // 12, pick % 12 + 1


def shift_months(year: int, month: int, delta: int) -> Tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekday_date(isoweekday: int, anchor: dt.date, direction: int, strict: bool = True) -> dt.date:
    """The date of a weekday named near the anchor.

    direction -1: before the anchor (الخميس الماضي); +1: after it (الخميس المقبل), or on or after it when not
    ``strict`` (a future verb: سيعقد ... الخميس); 0: the most recent one on or before the anchor, which is
    what news means by a bare "الخميس" in most sentences (events reported are past or today).
    """
    back = (anchor.isoweekday() - isoweekday) % 7
    ahead = (isoweekday - anchor.isoweekday()) % 7
    if direction < 0:
        return anchor - dt.timedelta(days=back or 7)
    if direction > 0:
        return anchor + dt.timedelta(days=ahead or (7 if strict else 0))
    return anchor - dt.timedelta(days=back)


def hijri_to_gregorian(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_year_of(day: dt.date) -> Optional[int]:
    try:
        return Gregorian(day.year, day.month, day.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


def hijri_day_with_year(month: int, day: int, anchor: dt.date, direction: int = 0) -> Optional[dt.date]:
    """Gregorian date of a Hijri day and month written without a year (nearest, past or next, as above)."""
    base = hijri_year_of(anchor)
    if base is None:
        return None
    options = [g for g in (hijri_to_gregorian(y, month, day) for y in (base - 1, base, base + 1)) if g]
    return pick_day(options, anchor, direction)


def hijri_year_value(year: int) -> Optional[str]:
    """Gregorian year that holds the middle of a Hijri year (1443 AH runs Aug 2021 - Jul 2022 -> "2022")."""
    start = hijri_to_gregorian(year, 1, 1)
    end = hijri_to_gregorian(year + 1, 1, 1)
    if start is None:
        return None
    if end is None:
        end = start + dt.timedelta(days=354)
    return str((start + (end - start) / 2).year)
