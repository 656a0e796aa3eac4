"""Compiled patterns for Arabic temporal expressions, built once from the data files.

Each pattern is run over the normalized field (``normalize_for_match``) with ``finditer``; the named groups
tell ``dates.py`` what was written. Patterns overlap on purpose (``12 من أيار/مايو الحالي`` is also a
month); the longest match wins later.

Speed (same matches as ``finditer``): Python's re tries a pattern that opens with lookarounds at every
position of the text, and the word-start lookbehinds alone cost about 0.13 ms per article and pattern.
Every match of these patterns holds a word of a short list (a month, a unit, الشهر, four digits) with at
most a known number of whitespace runs before it, so ``Windowed.finditer`` finds those words with a plain
alternation (re skips through the text by first letter) and tries the full pattern only at the word and
number starts of the few words before each (4x fewer CPU in the scan; bench/profile_extractors.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Match, Pattern

from akhbar.transforms.dates_lexicon import BN, B, E, EL, alternation, fuzzy, key, lexicon, starts


# Where any of these patterns can start: a letter or digit after no letter or after a proclitic letter (a
# necessary condition of B), or a digit (BN lets a number touch a letter: في24).
_STARTS = re.compile(r"(?:(?<![^\W\u0648\u0641\u0628\u0644\u0643])|(?=\d))\w")


@lru_cache(maxsize=None)
def _back(runs: int) -> Pattern[str]:
    """Over the reversed text: the end of the word before a position and up to ``runs`` whitespace runs
    with the words between them."""
    return re.compile(r"\S*(?:\s+\S*){0,%d}" % runs)


@dataclass(frozen=True)
class Windowed:
    """A pattern each match of which holds a ``trigger`` match with at most ``runs`` whitespace runs
    between the start of the match and the trigger (only ``\\s`` in our patterns matches whitespace)."""

    pattern: Pattern[str]
    trigger: Pattern[str]
    runs: int
    worded: bool = True  # the trigger word starts a word (B) or follows a space or a digit in every match

    def finditer(self, norm: str, rev: str) -> Iterator[Match[str]]:
        """The matches of ``pattern.finditer(norm)``; ``rev`` is ``norm[::-1]``.

        No match starts before ``pos``. ``trigger.search`` gives the occurrences of trigger words in order
        (leftmost start first); with ``worded``, one with a letter before it that B would refuse is
        skipped (the search goes on from the next character). Every match at or after ``pos`` holds an
        occurrence at or after the first one kept, [a, b), so it starts at or after ``lo``, ``runs`` runs
        before ``a``. Every start in [lo, b) is tried in order: the first match is the one finditer
        yields next; with none, no match starts before ``b``."""
        search, match, back = self.trigger.search, self.pattern.match, _back(self.runs).match
        n = len(norm)
        pos = scan = 0
        while True:
            hit = search(norm, max(pos, scan))
            if hit is None:
                return
            a, b = hit.span()
            if self.worded and not _word_start(norm, a):
                scan = a + 1  # not this occurrence; one may start inside it
                continue
            lo = max(pos, n - back(rev, n - a).end())
            for start in _STARTS.finditer(norm, lo, b):
                m = match(norm, start.start())
                if m:
                    yield m
                    pos = m.end()
                    break
            else:
                pos = max(b, a + 1)


def _word_start(norm: str, u: int) -> bool:
    """Necessary for B at ``u`` or a space or digit before it: no letter before, or a proclitic letter
    (one or two) with no letter before it."""
    if u == 0 or not norm[u - 1].isalpha():
        return True
    if norm[u - 1] not in "وفبلك":
        return False
    if u == 1 or not norm[u - 2].isalpha():
        return True
    return norm[u - 1] in "بلك" and norm[u - 2] in "وف" and (u == 2 or not norm[u - 3].isalpha())


def _runs(words) -> int:
    """Most whitespace runs inside one word or phrase of a list."""
    return max((key(w).count(" ") for w in words), default=0)


@dataclass(frozen=True)
class Patterns:
    numeric: Pattern[str]
    day_month: Windowed
    day_of_head: Windowed
    month: Windowed
    year: Windowed
    head: Windowed
    day_word: Windowed
    weekday: Windowed
    duration: Windowed


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
    # Runs before the trigger word, counted on the pieces above: each \s+ or \s* takes at most one run,
    # a word or phrase of a list as many as it has spaces.
    wd_runs = _runs(lx.weekdays) + 3  # weekday, two in sep, one after الموافق
    day_runs = wd_runs + _runs(lx.ordinals)
    months = _compile(month)
    count_runs = max(_runs(lx.cardinals) + 2 + _runs(lx.tens), _runs(lx.cardinals))
    units = _compile("|".join(alternation(lx.role(r)) for r in ("unit", "dual", "single")))
    return Patterns(
        numeric,
        Windowed(day_month, months, day_runs + 3),  # of: \s*, من\s+, شهر\s+
        Windowed(day_of_head, _compile(fuzzy("الشهر")), day_runs + 2),  # \s*من\s+
        Windowed(month_re, months, 2 + _runs(lx.role("edge")) + 1 + 1),  # اعتبارا من, edge, شهر
        Windowed(year_re, _compile(r"\d{4}"), 1, worded=False),  # year_cue's \s*; عام2007 has a letter before
        Windowed(head_re, _compile(head), _runs(lx.role("edge")) + 1 + _runs(lx.role("this")) + 1),
        Windowed(day_word_re, _compile(day_word), 0),
        Windowed(weekday_re, _compile(weekday), 0),
        Windowed(duration, units, 1 + count_runs + 1))  # ago\s+, the count, \s* before the unit
