"""Title layer of dedup: the same normalized title from the same source within a few days is one story.

Outlets republish a story under a new URL (a changed slug, a ``?page=`` copy, a mobile host); the URL
layer cannot see that, the title can. Pure functions; ``dedup.DedupEntries`` wires them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Iterable, List, Optional, Sequence, Tuple, TypeVar

from akhbar.transforms.normalize import fold

#: Titles with fewer words than this are too generic ("عاجل", "نشرة الأخبار") to call two stories one.
MIN_TITLE_WORDS = 3
_WORD = re.compile(r"\w+")

T = TypeVar("T")


def title_key(title: str) -> Optional[str]:
    """A short stable key of the title: Arabic letter variants and diacritics folded, punctuation and
    spacing ignored, Latin lower-cased; None when the title is too short to identify a story."""
    words = _WORD.findall(fold(title or "").lower())
    if len(words) < MIN_TITLE_WORDS:
        return None
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:16]


def title_repeats(candidates: Sequence[Tuple[dt.datetime, str, T]], stored: Iterable[dt.datetime],
                  window: dt.timedelta) -> Tuple[List[T], List[Tuple[T, dt.datetime]]]:
    """Split the run's candidates sharing one (source, title key) into kept and repeats.

    ``candidates`` are (time, article_id, item); ``stored`` the times of articles already stored. Going
    in time order, a candidate within ``window`` of a stored or kept one is a repeat (with the time of
    the one it repeats); otherwise it is kept and becomes an anchor itself.
    """
    anchors = sorted(stored)
    kept: List[T] = []
    repeats: List[Tuple[T, dt.datetime]] = []
    for when, _id, item in sorted(candidates, key=lambda c: (c[0], c[1])):
        near = [a for a in anchors if abs(when - a) <= window]
        if near:
            repeats.append((item, min(near, key=lambda a: abs(when - a))))
        else:
            kept.append(item)
            anchors.append(when)
    return kept, repeats
