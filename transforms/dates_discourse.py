"""Article-level settling of relative dates: the day the story was written, and bare weekdays whose own
clause tells no tense.

Why: a story stamped 02:14 in Dubai that says "اليوم الاثنين" was written on Monday, though its local
publication day is Tuesday; every اليوم and weekday in it counts from Monday (``pinned_anchor``). And a
weekday that no verb governs ("الأربعاء.. محادثات" in a title, "والأربعاء إضراب جديد" in a list of
coming events) means what the same weekday means elsewhere in the article, else what its neighbour in the
paragraph means (``settle_weekdays``).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache
from typing import Dict, List, Optional

from akhbar.schemas.extracted import DateMention
from akhbar.transforms.dates_lexicon import E, alternation, lexicon
from akhbar.transforms.dates_relative import OPEN_WEEKDAY, Anchor
from akhbar.transforms.dates_resolve import weekday_date

EARLY_HOURS = 3  # a story stamped before 03:00 local time was written the evening before
_NEIGHBOUR = 200  # characters: a weekday this close in the same paragraph lends its direction


@lru_cache(maxsize=1)
def _today_named():
    """اليوم الاثنين، اليوم (الجمعة)، اليوم - الخميس: today with its weekday written out."""
    return re.compile(rf"(?<!\w)اليوم\s*[(\-–،,]?\s*(?P<wd>{alternation(lexicon().weekdays)}){E}")


def pinned_anchor(norms: List[str], anchor: Anchor, stamped: bool = True) -> Anchor:
    """The anchor moved back one day when the text names today as the weekday before the publication day.

    Only one day back: a story stamped just after local midnight, or put online the morning after. A
    weekday that matches neither day (a typo, a quoted older post) leaves the anchor alone. Without such a
    name, a story stamped before 03:00 local time keeps its day for weekdays (the latest one on or before
    it covers both days) but counts اليوم/أمس/غداً from the day before: it was written before midnight.
    ``stamped`` is False when the anchor is the fetch time, which says nothing of when it was written.
    """
    day_before = anchor.day - dt.timedelta(days=1)
    weekdays = lexicon().weekdays
    for norm in norms:
        if "اليوم" not in norm:
            continue
        for m in _today_named().finditer(norm):
            iso = weekdays[m.group("wd")]
            if iso == anchor.day.isoweekday():
                return anchor
            if iso == day_before.isoweekday():
                return Anchor(day=day_before, moment=anchor.moment - dt.timedelta(days=1))
    if stamped and anchor.moment.hour < EARLY_HOURS:
        return Anchor(day=anchor.day, moment=anchor.moment, today=day_before)
    return anchor


def _paragraph(text: str, pos: int) -> int:
    return text.count("\n", 0, pos)


def _weekday_of(mention: DateMention) -> int:
    return dt.date.fromisoformat(mention.value).isoweekday()


def settle_weekdays(mentions: List[DateMention], texts: Dict[str, str], anchor: Anchor) -> List[DateMention]:
    """Give each open weekday a direction: the value of the same bare weekday settled elsewhere in the
    article (the nearest one; the title looks into the body), else "ahead" when the nearest settled weekday in
    its paragraph, within 200 characters, lies ahead of the anchor; else the latest one on or before it."""
    settled = [m for m in mentions if m.kind == "weekday"]
    out = []
    for m in mentions:
        if m.kind != OPEN_WEEKDAY:
            out.append(m)
            continue
        value = _same_weekday(m, settled) or _neighbour(m, settled, texts, anchor) or m.value
        out.append(dataclasses.replace(m, value=value, kind="weekday"))
    return out


def _distance(a: DateMention, b: DateMention) -> int:
    if a.field != b.field:
        return 10 ** 6 + b.start  # the title looks at the body from its start
    return abs(a.start - b.start)


def _same_weekday(m: DateMention, settled: List[DateMention]) -> Optional[str]:
    iso = _weekday_of(m)
    # Only bare ones: "الثلاثاء المقبل" names another Tuesday than a bare "الثلاثاء" would.
    same = [s for s in settled if _weekday_of(s) == iso and len(s.text.split()) == 1]
    if not same:
        return None
    return min(same, key=lambda s: _distance(m, s)).value


def _neighbour(m: DateMention, settled: List[DateMention], texts: Dict[str, str], anchor: Anchor) -> Optional[str]:
    text = texts[m.field]
    here = _paragraph(text, m.start)
    near = [s for s in settled if s.field == m.field and abs(s.start - m.start) <= _NEIGHBOUR
            and _paragraph(text, s.start) == here]
    if not near:
        return None
    closest = min(near, key=lambda s: _distance(m, s))
    if dt.date.fromisoformat(closest.value) > anchor.day:
        return weekday_date(_weekday_of(m), anchor.day, 1, strict=False).isoformat()
    return None
