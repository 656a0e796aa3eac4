"""The articles dataset: its record type, its Arrow schema and its version, kept in step by a test."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import List, Optional

import pyarrow as pa

from akhbar.schemas.extracted import DateMention, Entity, Number, Place, Quote

#: Bumped whenever a column is added or changes type; stored in every file's metadata.
SCHEMA_VERSION = 1
SCHEMA_VERSION_KEY = b"akhbar.schema_version"


@dataclass(frozen=True)
class ArticleRecord:
    """One row of ``articles/``. ``date`` and ``source`` are partition values, kept in the path only."""

    article_id: str
    url: str
    feed_url: str
    title: str
    summary: str
    body: str
    body_source: str
    authors: List[str]
    published_at: Optional[dt.datetime]
    fetched_at: dt.datetime
    language: str
    language_score: float
    content_hash: str
    duplicate_of: Optional[str]
    entities: List[Entity]
    places: List[Place]
    dates: List[DateMention]
    quotes: List[Quote]
    numbers: List[Number]
    run_id: str


_TS = pa.timestamp("us", tz="UTC")

ENTITY_TYPE = pa.struct([("text", pa.string()), ("type", pa.string()), ("field", pa.string()),
                         ("start", pa.int32()), ("end", pa.int32())])
PLACE_TYPE = pa.struct([("name", pa.string()), ("country_code", pa.string()), ("admin1", pa.string()),
                        ("lat", pa.float64()), ("lon", pa.float64()), ("field", pa.string()),
                        ("start", pa.int32()), ("end", pa.int32())])
DATE_TYPE = pa.struct([("text", pa.string()), ("value", pa.string()), ("kind", pa.string()),
                       ("calendar", pa.string()), ("field", pa.string()),
                       ("start", pa.int32()), ("end", pa.int32())])
QUOTE_TYPE = pa.struct([("text", pa.string()), ("speaker", pa.string()), ("field", pa.string()),
                        ("start", pa.int32()), ("end", pa.int32())])
NUMBER_TYPE = pa.struct([("text", pa.string()), ("value", pa.float64()), ("unit", pa.string()),
                         ("field", pa.string()), ("start", pa.int32()), ("end", pa.int32())])

ARTICLES_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("feed_url", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("summary", pa.string()),
        pa.field("body", pa.string()),
        pa.field("body_source", pa.string()),
        pa.field("authors", pa.list_(pa.string())),
        pa.field("published_at", _TS),
        pa.field("fetched_at", _TS, nullable=False),
        pa.field("language", pa.string()),
        pa.field("language_score", pa.float32()),
        pa.field("content_hash", pa.string()),
        pa.field("duplicate_of", pa.string()),
        pa.field("entities", pa.list_(ENTITY_TYPE)),
        pa.field("places", pa.list_(PLACE_TYPE)),
        pa.field("dates", pa.list_(DATE_TYPE)),
        pa.field("quotes", pa.list_(QUOTE_TYPE)),
        pa.field("numbers", pa.list_(NUMBER_TYPE)),
        pa.field("run_id", pa.string(), nullable=False),
    ],
    metadata={SCHEMA_VERSION_KEY: str(SCHEMA_VERSION).encode()},
)

#: Which dataclass each nested list column holds; the schema test walks this map.
NESTED_ITEM_TYPES = {"entities": Entity, "places": Place, "dates": DateMention, "quotes": Quote,
                     "numbers": Number}


_RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(ArticleRecord))
_ITEM_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in NESTED_ITEM_TYPES.values()}


def _item_row(item) -> dict:
    # dataclasses.asdict deep-copies every value through a generic recursion: a fifth of the write step's
    # time on 40 items per article; the items hold plain values, so reading the fields is the same dict.
    names = _ITEM_FIELDS.get(type(item))
    if names is None:
        return dataclasses.asdict(item)
    return {name: getattr(item, name) for name in names}


def record_to_row(record: ArticleRecord) -> dict:
    """A plain dict in the Arrow schema's column order (nested items as dicts)."""
    row = {}
    for name in _RECORD_FIELDS:
        value = getattr(record, name)
        if name in NESTED_ITEM_TYPES:
            value = [_item_row(item) for item in value]
        elif name == "authors":
            value = list(value)
        row[name] = value
    return row


def rows_to_table(rows: List[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=ARTICLES_SCHEMA)
