"""Temporal expressions in Arabic news, normalized to ISO 8601 with offsets into the original field.

Why our own grammar: dateparser 1.5 returns None for "31 كانون الأول 2021", "الحادي والثلاثين من كانون
الأول", "كانون الأول/ديسمبر 2017", "2018م" and every Hijri month (tests/test_dates_dateparser.py keeps
those cases beside our result), and its ``search_dates`` costs about 24 ms of CPU per ANT article against
about 2 ms here. We use it where it works: counting back "قبل 3 أيام" from the publication time.

What is found (``DateMention.kind``), and its ``value``:

==========  ===========================================================  =========================
kind        written as                                                   value
==========  ===========================================================  =========================
date        31 كانون الأول 2021، الأربعاء 18 تموز/يوليو، الخامس من           YYYY-MM-DD
            أكتوبر، 14/2/2018، 5 محرم 1443هـ، الثامن عشر من الشهر الجاري
month       شهر أغسطس/آب عام 2017، مايو الماضي، منتصف يونيو، في جانفي      YYYY-MM
year        عام 2021، 2021م، 1443هـ، في 2014، كأس العالم 2018             YYYY
weekday     الخميس، يوم السبت الماضي، أمس الثلاثاء                         YYYY-MM-DD
relative    اليوم، أمس، أمس الأول، غداً، الأسبوع الماضي، الشهر المقبل،       YYYY-MM-DD (days),
            هذا العام، نهاية العام، قبل 3 أيام، قبل عام                       YYYY-Www, YYYY-MM, YYYY
duration    42 يوماً، ثلاثة أشهر، عامين، 48 ساعة، منذ خمسة أعوام               PnD PnW PnM PnY PTnH
==========  ===========================================================  =========================

``calendar`` is ``hijri`` when a Hijri month or the هـ era was written; ``value`` is then still Gregorian
(hijridate, Umm al-Qura): a Hijri month is the Gregorian month holding its 15th day, a Hijri year the
Gregorian year holding its middle. Everything relative is counted from the publication time (else the
fetch time) in the source's time zone (``ctx.timezone``, IANA). A day and month without a year take the
year that puts them nearest that day; with الماضي/المقبل the latest before / first after it. Part-of words
(مطلع، منتصف، نهاية) are kept in the text but not in the value. A month or day without a year five
months or more from the anchor turns to the other year when the tense of its clause clearly says so
(``dates_tense``: "وكان ... في منتصف سبتمبر" written in April is last September). A bare weekday takes
المقبل/الماضي or a day word (غداً الخميس) first; else the tense of the verb nearest it in its sentence
(``dates_tense``): ahead (سيعقد، من المقرر، توقعت، يعقد، تنطلق، قد يصدر، دعت ... للتظاهر) gives the first
one on or after the anchor, past (قال، أعلنت، كان، منذ) the latest one on or before it; a weekday no verb
settles takes the value of the same bare weekday elsewhere in the article, else follows a weekday
settled ahead near it in its paragraph, else is the latest one on or before the anchor
(``dates_discourse``). "اليوم الاثنين" naming the day before the publication day moves the anchor there;
a story stamped before 03:00 local time counts اليوم/أمس/غداً from the day before. "قبل n unit" is a date counted back; "منذ n unit", "بعد n unit" and
"قبل n unit من ..." are durations (units: hours, days, weeks, months, years). Not dated: vague spans
(قبل أيام، مؤخراً، السنوات الأخيرة), seasons, decades, minutes and times of day, expressions anchored on
another event (اليوم التالي، غداة), and names that hold a date (مدينة السادس من أكتوبر، ثورة 25 يناير).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, List, Optional, Tuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from akhbar.schemas.extracted import DateMention
from akhbar.schemas.records import ExtractContext
from akhbar.transforms import dates_relative as rel
from akhbar.transforms.dates_lexicon import key, lexicon
from akhbar.transforms.dates_discourse import pinned_anchor, settle_weekdays
from akhbar.transforms.dates_patterns import patterns
from akhbar.transforms.dates_tense import tense
from akhbar.transforms.dates_resolve import (anchor_day, day_with_year, hijri_day_with_year, hijri_to_gregorian,
                                             hijri_year_value, month_with_year, shift_months, valid_day)
from akhbar.transforms.normalize import PLACEHOLDER, fold, fold_with_map, normalize_for_match

_LIGATURE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_KEPT = re.compile(f"[^{PLACEHOLDER}]+")


def _fold_map(text: str) -> Tuple[str, List[int]]:
    """``fold_with_map`` with a fast path: the same-length form minus its placeholders (C-speed slicing);
    the general per-character routine only when a multi-letter ligature is present."""
    if _LIGATURE.search(text):
        return fold_with_map(text)
    same = normalize_for_match(text)
    if PLACEHOLDER not in same:
        return same, list(range(len(text) + 1))
    pieces: List[str] = []
    index: List[int] = []
    for run in _KEPT.finditer(same):
        pieces.append(run.group())
        index.extend(range(run.start(), run.end()))
    index.append(len(text))
    return "".join(pieces), index

Found = Tuple[int, int, str, str, str]  # start, end, value, kind, calendar
_BLOCKED = "blocked"  # a span that is no date but must keep shorter readings of its words out
_SAME_MONTH = "same-month"  # "الحادي عشر من الشهر ذاته": a day of the month named before it
_HIJRI_ERA = ("ه", "هجري", "هجريه")


def _anchor(ctx: ExtractContext) -> rel.Anchor:
    moment = ctx.published_at or ctx.fetched_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    try:
        local = moment.astimezone(ZoneInfo(ctx.timezone or "UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        local = moment.astimezone(dt.timezone.utc)
    return rel.Anchor(day=anchor_day(ctx), moment=local.replace(tzinfo=None))


class Field:
    """One field as matched (folded) and as written, with the map between the two."""

    def __init__(self, text: str):
        self.text = text
        self.norm, self.index = _fold_map(text)

    def original(self, start: int, end: int) -> Tuple[int, int]:
        """Offsets in ``text`` of ``norm[start:end]``, widened over harakat that end the last word."""
        if end <= start:
            return self.index[start], self.index[start]
        begin, stop = self.index[start], self.index[end - 1] + 1
        while stop < len(self.text) and fold(self.text[stop]) == "":
            stop += 1
        return begin, stop


def _month(m: re.Match, f: Field):
    """The month a pattern named (first of a pair), or None for آب written أب (father) or إب (a city)."""
    surface = m.group("m1")
    info = lexicon().months[key(surface)]
    if key(surface) == "اب":
        s, e = f.original(m.start("m1"), m.end("m1"))
        if any(ch in "أإ" for ch in f.text[s:e]):
            return None
    return info


def _clause_direction(norm: str, start: int, end: int, nearest, anchor) -> int:
    """-1 or +1 when the nearest year puts a month or day five months or more on the other side of the
    anchor from the tense of its clause ("وكان سعر الدولار قد بلغ ... في منتصف سبتمبر" in April: last
    September), else 0 (the nearest stays). Nearer than five months the nearest year is right far more
    often than a clause's verb (a past plan, a coming anniversary)."""
    here = anchor[0] * 12 + anchor[1] if isinstance(anchor, tuple) else anchor.year * 12 + anchor.month
    there = nearest[0] * 12 + nearest[1] if isinstance(nearest, tuple) else nearest.year * 12 + nearest.month
    if abs(there - here) < 5:
        return 0
    verdict = tense(norm, start, end, strict=True)
    if (verdict < 0 and there > here) or (verdict > 0 and there < here):
        return verdict
    return 0


def _direction(m: re.Match) -> int:
    mod = m.group("mod")
    return int(lexicon().role("mod")[key(mod)]) if mod else 0


def _is_hijri_year(m: re.Match) -> bool:
    era = m.group("era")
    return bool(era) and key(era) in _HIJRI_ERA


def _named(m: re.Match, f: Field) -> bool:
    """True when the day and month name a place or event: مدينة السادس من أكتوبر، ثورة 25 يناير."""
    words = f.norm[max(0, m.start() - 30):m.start()].split()
    return bool(words) and key(words[-1]).lstrip("و") in lexicon().role("name")


# The first day of a range written once with its month: "بين 5 و10 مارس"، "من 14 إلى 16 آذار".
_RANGE_START = re.compile(r"(?<![\d.,/:])(?P<d0>\d{1,2})\s*(?:و|[-–]|الي|حتي)\s*$")


def _resolve_day(info, day: int, year: Optional[int], direction: int, has_mod: bool,
                 anchor: rel.Anchor) -> Optional[dt.date]:
    if info.calendar == "hijri":
        if year is not None:
            return hijri_to_gregorian(year, info.number, day) if 1300 <= year <= 1500 else None
        return hijri_day_with_year(info.number, day, anchor.day, direction)
    if year is None and direction == 0 and has_mod:  # الجاري / الحالي: this year
        year = anchor.day.year
    if year is not None:
        return dt.date(year, info.number, day) if valid_day(year, info.number, day) else None
    return day_with_year(info.number, day, anchor.day, direction)


_PERIODS = {"الاسبوع", "الاسابيع", "النصف", "الربع", "الثلث", "العشر", "الايام", "الشهر", "الفصل", "الموسم",
            "الدور", "الجوله", "الاسبوعين", "الساعات"}


def _period_before(norm: str, start: int) -> bool:
    """True when an ordinal counts a period, not a day: الأسبوع الأول من، النصف الثاني من، الربع الأول من."""
    words = norm[max(0, start - 20):start].split()
    return bool(words) and key(words[-1]).lstrip("و") in _PERIODS


def day_month(m: re.Match, f: Field, anchor: rel.Anchor) -> List[Found]:
    info = _month(m, f)
    if info is None:
        return []
    start = m.start("wd") if m.group("wd") else (m.start("d") if m.group("d") else m.start("dw"))
    if not m.group("y") and _named(m, f):
        return [(start, m.end(), "", _BLOCKED, "")]  # keeps the month inside from being read alone
    if m.group("dw") and not m.group("wd") and _period_before(f.norm, start):
        return []  # الأسبوع الأول من إبريل: a week of the month, left to the month reading
    day = int(m.group("d")) if m.group("d") else lexicon().ordinals[key(m.group("dw"))]
    year = int(m.group("y")) if m.group("y") else None
    direction, has_mod = _direction(m), bool(m.group("mod"))
    date = _resolve_day(info, day, year, direction, has_mod, anchor)
    if date is not None and year is None and not has_mod and info.calendar == "gregorian":
        turn = _clause_direction(f.norm, start, m.end(), date, anchor.day)
        date = _resolve_day(info, day, year, turn, has_mod, anchor) if turn else date
    if date is None:
        return []
    out = [(start, m.end(), date.isoformat(), "date", info.calendar)]
    if m.group("d") and not m.group("wd"):
        first = _RANGE_START.search(f.norm, max(0, start - 12), start)
        if first:
            early = _resolve_day(info, int(first.group("d0")), year, direction, has_mod, anchor)
            if early is not None and early <= date:
                out.append((first.start("d0"), first.end("d0"), early.isoformat(), "date", info.calendar))
    return out


def day_of_head(m: re.Match, f: Field, anchor: rel.Anchor) -> Optional[Found]:
    """الثامن عشر من الشهر الجاري: a day of the month before, this one or the next; من الشهر ذاته / نفسه
    is the month last named in the field, settled in ``find_dates``."""
    day = int(m.group("d")) if m.group("d") else lexicon().ordinals[key(m.group("dw"))]
    start = m.start("wd") if m.group("wd") else (m.start("d") if m.group("d") else m.start("dw"))
    if m.group("same"):
        return start, m.end(), str(day), _SAME_MONTH, "gregorian"
    year, month = shift_months(anchor.day.year, anchor.day.month, _direction(m))
    if not valid_day(year, month, day):
        return None
    return start, m.end(), dt.date(year, month, day).isoformat(), "date", "gregorian"


def month(m: re.Match, f: Field, anchor: rel.Anchor) -> Optional[Found]:
    info = _month(m, f)
    if info is None:
        return None
    year = int(m.group("y")) if m.group("y") else None
    cued = m.group("shahr") or year is not None or m.group("mod")
    if info.cue == 2 and not cued:
        return None
    if info.cue == 1 and not (cued or m.group("cue") or m.group("edge")):
        return None
    direction = _direction(m)
    if info.calendar == "hijri":
        if year is not None:
            mid = hijri_to_gregorian(year, info.number, 15) if 1300 <= year <= 1500 else None
        else:
            mid = hijri_day_with_year(info.number, 15, anchor.day, direction)
        if mid is None:
            return None
        value = f"{mid.year:04d}-{mid.month:02d}"
    else:
        if year is None:
            if not direction:
                nearest = month_with_year(info.number, anchor.day)
                direction = _clause_direction(f.norm, m.start(), m.end(), nearest,
                                              (anchor.day.year, anchor.day.month))
            year, _ = month_with_year(info.number, anchor.day, direction)
        value = f"{year:04d}-{info.number:02d}"
    starts = [m.start(g) for g in ("edge", "shahr", "m1") if m.group(g)]
    return min(starts), m.end(), value, "month", info.calendar


# Words before a bare number that make it a quantity, and words after it that make it a count of things.
_QUANTITY_BEFORE = {"نحو", "بنحو", "حوالي", "قرابه", "بلغ", "بلغت", "رقم", "قيمه", "بقيمه", "اكثر", "اقل",
                    "اصل", "عدد", "مجموع", "الرقم", "لرقم", "بمبلغ", "مبلغ", "سعر", "بسعر", "الي", "بين"}
# Names of events and plans that take their year bare, whatever follows.
_EVENT_BEFORE = {"العالم", "مونديال", "المونديال", "اولمبياد", "اولمبياد", "رويه", "موازنه", "ميزانيه",
                 "انتخابات", "موسم", "نسخه", "دوره"}
_FOLLOWERS = {"في", "علي", "من", "الي", "حتي", "بعد", "قبل", "مع", "عن", "حيث", "عندما", "التي", "الذي",
              "او", "ثم", "لكن", "وفق", "وفقا", "بينما", "مقابل", "مقارنه", "ضد", "امام", "خلال", "اذ", "حين"}


_AFTER_A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d\s*(?:و|،|,)\s*$")
_YEAR_CUES = {"في", "منذ", "حتي", "قبل", "بعد", "خلال", "بحلول", "مطلع", "بدايه", "نهايه", "اواخر", "اوائل",
              "منتصف", "اواسط", "طوال", "حلول", "ختام", "مستهل"}


def _bare_year_ok(m: re.Match, norm: str) -> bool:
    """A bare 19xx/20xx is a year after في/منذ/مطلع..., or when no counted noun follows it (2000 دولار)."""
    before = norm[max(0, m.start() - 30):m.start()].split()
    if before and key(before[-1]) in _QUANTITY_BEFORE:
        return False
    if before and key(before[-1]) in _EVENT_BEFORE:
        return True  # كأس العالم 2018 لكرة القدم، رؤية 2030، موازنة 2019
    if before and key(before[-1]).lstrip("و") in _YEAR_CUES:
        return True
    if _AFTER_A_YEAR.search(norm, max(0, m.start() - 12), m.start()):
        return True  # عام 2002 و2004، أعوام 1994 و1998 و2002
    if norm[max(0, m.start() - 1):m.start()] in ("$", "€", "£", "#"):
        return False
    after = norm[m.end():m.end() + 30].split()
    if not after:
        return True
    word = key(after[0])
    if not word or not ("\u0620" <= word[0] <= "\u064a"):
        return True  # punctuation, Latin, digits: 2018، / (2000)
    if word in _FOLLOWERS or word.startswith(("و", "لل")):
        return True
    return word.startswith("ب") and not word.startswith(("بالمئ", "بالمائ"))


def year(m: re.Match, norm: str) -> List[Found]:
    first = int(m.group("y"))
    last = int(m.group("y_to")) if m.group("y_to") else None
    if _is_hijri_year(m):
        value = hijri_year_value(first) if 1300 <= first <= 1500 else None
        return [(m.start(), m.end(), value, "year", "hijri")] if value else []
    cued = m.group("cue") or m.group("era")
    low, high = (1000, 2100) if cued else (1900, 2099)
    if not low <= first <= high or (last is not None and not (first < last <= high)):
        return []
    if not cued and not _bare_year_ok(m, norm):
        return []
    if last is None:
        return [(m.start(), m.end(), f"{first:04d}", "year", "gregorian")]
    return [(m.start(), m.end("y"), f"{first:04d}", "year", "gregorian"),
            (m.start("y_to"), m.end(), f"{last:04d}", "year", "gregorian")]


def numeric(m: re.Match, f: Field, anchor: rel.Anchor) -> Optional[Found]:
    """14/2/2018 (day first, as Arabic news writes it) and 2018-02-14."""
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    if not (1900 <= y <= 2100 and valid_day(y, mo, d)):
        return None
    return m.start(), m.end(), dt.date(y, mo, d).isoformat(), "date", "gregorian"


def _candidates(f: Field, anchor: rel.Anchor) -> Iterable[Found]:
    p = patterns()
    norm = f.norm
    rev = norm[::-1]
    for m in p.numeric.finditer(norm):
        found = numeric(m, f, anchor)
        if found:
            yield found
    for windowed, build in ((p.day_of_head, day_of_head), (p.month, month)):
        for m in windowed.finditer(norm, rev):
            found = build(m, f, anchor)
            if found:
                yield found
    for m in p.day_month.finditer(norm, rev):
        yield from day_month(m, f, anchor)
    for m in p.year.finditer(norm, rev):
        yield from year(m, norm)
    relative = [(p.head, rel.head), (p.day_word, rel.day_word), (p.weekday, rel.weekday),
                (p.duration, rel.duration)]
    for windowed, build in relative:
        for m in windowed.finditer(norm, rev):
            found = build(m, norm, anchor)
            if found:
                yield found + ("gregorian",)


def _select(found: Iterable[Found]) -> List[Found]:
    """Longest first, then leftmost; a candidate overlapping one already kept is dropped."""
    kept: List[Found] = []
    taken = []
    for cand in sorted(set(found), key=lambda f: (-(f[1] - f[0]), f[0], f[3])):
        if all(cand[1] <= s or cand[0] >= e for s, e in taken):
            kept.append(cand)
            taken.append((cand[0], cand[1]))
    return sorted(kept)


def find_dates(text: str, field: str, anchor: rel.Anchor, f: Optional["Field"] = None) -> List[DateMention]:
    """Every DateMention in one field; offsets index ``text`` itself. Weekdays whose clause tells no tense
    come out with kind ``rel.OPEN_WEEKDAY``; ``extract_dates`` settles them over the whole article."""
    if not text:
        return []
    f = f or Field(text)
    out = []
    last_month = ""  # YYYY-MM of the latest date or month mention, for "من الشهر ذاته"
    for s, e, v, k, c in _select(_candidates(f, anchor)):
        if k == _SAME_MONTH:
            year, month = (int(x) for x in last_month.split("-")) if last_month else (0, 0)
            if not (last_month and valid_day(year, month, int(v))):
                continue
            v, k = dt.date(year, month, int(v)).isoformat(), "date"
        if k == _BLOCKED:
            continue
        if k in ("date", "month"):
            last_month = v[:7]
        start, end = f.original(s, e)
        out.append(DateMention(text=text[start:end], value=v, kind=k, calendar=c, field=field, start=start, end=end))
    return out


def extract_dates(title: str, body: str, ctx: ExtractContext) -> List[DateMention]:
    """Every DateMention in the title and body, with offsets into the original text."""
    fields = {"title": Field(title or ""), "body": Field(body or "")}
    anchor = pinned_anchor([f.norm for f in fields.values()], _anchor(ctx), stamped=ctx.published_at is not None)
    found = find_dates(title or "", "title", anchor, fields["title"]) + find_dates(body or "", "body", anchor,
                                                                                 fields["body"])
    return settle_weekdays(found, {"title": title or "", "body": body or ""}, anchor)
