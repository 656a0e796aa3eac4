"""The items extraction steps find in an article.

Every item names the field it was found in (``title`` or ``body``) and character offsets into that field,
so ``getattr(record, item.field)[item.start:item.end] == item.text`` always holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Entity:
    text: str
    type: str  # PER, ORG or LOC
    field: str
    start: int
    end: int


@dataclass(frozen=True)
class Place:
    name: str  # the gazetteer's name of the place (Arabic), not necessarily the surface text
    country_code: Optional[str]  # ISO 3166-1 alpha-2
    admin1: Optional[str]  # first-level division, in Arabic, when known
    lat: Optional[float]
    lon: Optional[float]
    field: str
    start: int
    end: int


@dataclass(frozen=True)
class DateMention:
    text: str
    value: str  # ISO 8601: a date, date-time, or a duration (P42D) when kind is "duration"
    kind: str  # date, datetime, month, year, relative, duration, weekday ...
    calendar: str  # gregorian or hijri
    field: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: Optional[str]
    field: str
    start: int
    end: int


@dataclass(frozen=True)
class Number:
    text: str
    value: Optional[float]
    unit: Optional[str]
    field: str
    start: int
    end: int
