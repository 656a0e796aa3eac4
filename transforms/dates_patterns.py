"""Compiled patterns for Arabic temporal expressions, built once from the data files.

Each pattern is run over the normalized field (``normalize_for_match``) with ``finditer``; the named groups
tell ``dates.py`` what was written. Patterns overlap on purpose (``12 من أيار/مايو الحالي`` is also a
month); the longest match wins later.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Pattern

from akhbar.transforms.dates_lexicon import BN, B, E, EL, alternation, fuzzy, lexicon, starts


@dataclass(frozen=True)
class Patterns:
    numeric: Pattern[str]
    day_month: Pattern[str]
    day_of_head: Pattern[str]
    month: Pattern[str]
    year: Pattern[str]
    head: Pattern[str]
    day_word: Pattern[str]
    weekday: Pattern[str]
    duration: Pattern[str]


def _compile(pattern: str) -> Pattern[str]:
    return re.compile(pattern, re.UNICODE)


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    lx = lexicon()
    month = alternation(lx.months)
    weekday = alternation(lx.weekdays)
    ordinal = alternation(lx.ordinals)
    mod = alternation(lx.role("mod"))
    edge = alternation(lx.role("edge"))
    this = alternation(lx.role("this"))
    head = alternation(lx.role("head"))
    unit = alternation(lx.role("unit"))
    dual = alternation(lx.role("dual"))
    single = alternation(lx.role("single"))
    day_word = alternation(lx.role("day"))
    cardinal = alternation(lx.cardinals)
    tens = alternation(lx.tens)
    sep = r"\s*[،,]?\s*"
    # A month written in two systems: أيار/مايو, مارس / آذار, يونيو (حزيران), فبراير شباط.
    pair = (rf"(?P<m1>{month}){EL}(?:\s*[/\\\-–]\s*(?P<m2>{month}){EL}|\s*\(\s*(?P<m3>{month}){E}\s*\)"
            rf"|\s+(?P<m4>{month}){EL})?")
    year_cue = rf"(?:{fuzzy('ال')})?(?:{fuzzy('عام')}|{fuzzy('سنه')}|{fuzzy('عامي')}){EL}\s*"
    era = rf"(?:\s*(?P<era>{fuzzy('ميلادي')}|{fuzzy('ميلاديه')}|{fuzzy('هجري')}|{fuzzy('هجريه')}|م|ه){E})?"
    year = rf"(?P<y>\d{{4}})(?!\d)(?![.,٫٬]\d)(?!\s*[%٪])"
    year_tail = rf"(?:\s*[،,/]?\s*(?:{fuzzy('من')}\s+)?(?:{year_cue})?{year}{era}|\s+(?P<mod>{mod}){E})?"
    day = rf"(?:{BN}(?P<d>\d{{1,2}})(?![\d.,:])|{B}(?P<dw>{ordinal}){E})"
    of = rf"\s*(?:{fuzzy('من')}\s+)?(?:{fuzzy('شهر')}\s+)?"
    wd_prefix = rf"(?:{B}(?P<wd>{weekday}){E}{sep}(?:{fuzzy('الموافق')}\s+)?)?"
    numeric = _compile(
        r"(?=\d)(?<![\d/.\-])(?:(?P<d>\d{1,2})(?P<s>[/.\-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})"
        r"|(?P<y2>\d{4})(?P<s2>[/\-])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2}))(?![\d/])")
    at_day = starts(lx.weekdays, lx.ordinals, digits=True)
    day_month = _compile(at_day + wd_prefix + day + of + pair + year_tail)
    day_of_head = _compile(at_day + wd_prefix + day + rf"\s*{fuzzy('من')}\s+(?P<head>{fuzzy('الشهر')})\s+"
                           rf"(?:(?P<mod>{mod})|(?P<same>{fuzzy('ذاته')}|{fuzzy('نفسه')})){E}")
    month_cues = ("في", "خلال", "منذ", "حتي", "قبل", "بعد", "من", "الي", "بحلول", "طوال", "اعتبارا من")
    month_re = _compile(
        starts(month_cues, lx.role("edge"), ["شهر"], lx.months) +
        rf"(?:{B}(?P<cue>{fuzzy('في')}|{fuzzy('خلال')}|{fuzzy('منذ')}|{fuzzy('حتي')}|{fuzzy('قبل')}|{fuzzy('بعد')}"
        rf"|{fuzzy('من')}|{fuzzy('الي')}|{fuzzy('بحلول')}|{fuzzy('طوال')}|{fuzzy('اعتبارا من')}){E}\s+)?"
        rf"(?:{B}(?P<edge>{edge}){E}\s+)?(?:{B}(?P<shahr>{fuzzy('شهر')}|{fuzzy('شهري')}){E}\s+)?"
        rf"{B}{pair}{year_tail}")
    year_re = _compile(
        rf"(?=[اعس\d])(?:{B}(?P<cue>{year_cue}))?{BN}(?<![\-–]){year}(?:\s*[\-–/]\s*(?P<y_to>\d{{4}})(?!\d))?{era}"
        rf"(?![\-–/]?\d)")
    head_re = _compile(
        starts(lx.role("edge"), lx.role("this"), lx.role("head")) + rf"{B}(?:(?P<edge>{edge}){E}\s+)?(?:(?P<this>{this}){E}\s+)?(?P<head>{head}){E}(?:\s+(?P<mod>{mod}){E})?")
    day_word_re = _compile(starts(lx.role("day")) + rf"{B}(?P<word>{day_word}){E}")
    weekday_re = _compile(starts(lx.weekdays) + rf"{B}(?P<wd>{weekday}){E}(?:\s+(?P<mod>{mod}){E})?")
    count = (rf"(?:{BN}(?<![\-–])(?P<n>\d+(?:[.,]\d+)?)(?![\d:])"
             rf"|{B}(?P<nw>(?:{cardinal}{E}\s+{fuzzy('و')}\s*)?{tens}|{cardinal}){E})")
    counted = (rf"(?:{count}\s*(?P<unit>{unit}){E}|{B}(?P<dual>{dual}){E}"
               rf"|{B}(?P<unit1>{single}){E}\s+(?P<one>{fuzzy('واحد')}|{fuzzy('واحدا')}|{fuzzy('واحده')}){E})")
    duration = _compile(
        starts(["قبل", "منذ"], lx.cardinals, lx.tens, lx.role("dual"), lx.role("single"), digits=True) +
        rf"(?:{B}(?P<ago>{fuzzy('قبل')}|{fuzzy('منذ')}){E}\s+)?{counted}(?P<half>\s+{fuzzy('ونصف')}{E})?"
        rf"|{B}(?P<ago1>{fuzzy('قبل')}|{fuzzy('منذ')}){E}\s+(?P<single>{single}){E}(?!\s*\d)")
    return Patterns(numeric, day_month, day_of_head, month_re, year_re, head_re, day_word_re, weekday_re, duration)
