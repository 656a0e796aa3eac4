"""Geocoded places: every LOC mention resolved to one gazetteer entry (country, division, lat/lon).

A name may be several places (طرابلس in Libya and in Lebanon, عمان the state and the Jordanian
capital). The tie is broken by, in order of weight: a division word before the name (محافظة ديالى is the
governorate), the source's country, the countries of the article's unambiguous places, the kind of
place (a state before a city of the same name) and population.
"""
from __future__ import annotations

import math
from typing import Dict, List, Optional

from akhbar.schemas.extracted import Place
from akhbar.schemas.records import ExtractContext
from akhbar.transforms import gazetteer
from akhbar.transforms.entities import analyze
from akhbar.transforms.gazetteer import GazEntry, GazMention

_KIND_BASE = {"country": 3.0, "region": 2.8, "landmark": 2.6, "admin1": 2.2, "city": 2.0}


def _score(e: GazEntry, m: GazMention, source_cc: Optional[str], article_cc: Dict[str, int]) -> float:
    s = _KIND_BASE.get(e.kind, 1.0)
    if m.after_admin_word and e.kind == "admin1":
        s += 4.0
    elif m.after_division and e.kind == "city":
        s += 1.0
    if m.after_state_word and e.kind == "country":
        s += 3.0
    if source_cc and e.country_code == source_cc:
        s += 1.5
    if e.country_code and article_cc.get(e.country_code):
        s += 1.0 + min(article_cc[e.country_code], 3) * 0.2
    s += math.log10(e.population + 1) / 4.0  # 1M people weigh 1.5
    return s


def resolve(m: GazMention, source_cc: Optional[str], article_cc: Dict[str, int]) -> GazEntry:
    """The most likely entry of a mention, given the source's and the article's countries."""
    gaz = gazetteer.load()
    cands = [gaz.entries[i] for i in m.candidates]
    if len(cands) == 1:
        return cands[0]
    # sorted by (score, name, country) so equal scores resolve the same way in every run
    return max(cands, key=lambda e: (_score(e, m, source_cc, article_cc), e.name, e.country_code or ""))


def extract_places(title: str, body: str, ctx: ExtractContext) -> List[Place]:
    """Every Place in the title and body, with offsets into the original text."""
    gaz = gazetteer.load()
    mentions = analyze(title or "", body or "").places
    article_cc: Dict[str, int] = {}
    for _, m in mentions:
        codes = {gaz.entries[i].country_code for i in m.candidates}
        if len(codes) == 1:
            code = codes.pop()
            if code:
                article_cc[code] = article_cc.get(code, 0) + 1
    source_cc = (getattr(ctx, "country", None) or "").upper() or None
    out: List[Place] = []
    for field, m in mentions:
        e = resolve(m, source_cc, article_cc)
        out.append(Place(name=e.name, country_code=e.country_code, admin1=e.admin1, lat=e.lat, lon=e.lon,
                         field=field, start=m.start, end=m.end))
    return out
