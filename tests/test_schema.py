"""The record types and the Arrow schema stay in step."""
from __future__ import annotations

import dataclasses
import datetime as dt
import typing

import pyarrow as pa

from akhbar.schemas.articles import (ARTICLES_SCHEMA, NESTED_ITEM_TYPES, SCHEMA_VERSION, SCHEMA_VERSION_KEY,
                                     ArticleRecord, record_to_row, rows_to_table)
from akhbar.schemas.extracted import DateMention, Entity, Number, Place, Quote

_SCALARS = {str: (pa.string(),), int: (pa.int32(), pa.int64()), float: (pa.float32(), pa.float64()),
            dt.datetime: (pa.timestamp("us", tz="UTC"),)}


def _unwrap(annotation):
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return args[0] if typing.get_origin(annotation) is typing.Union else annotation


def _check(cls, arrow_fields):
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    assert names == [f.name for f in arrow_fields], f"{cls.__name__}: columns differ in name or order"
    for field in arrow_fields:
        hint = _unwrap(hints[field.name])
        if typing.get_origin(hint) in (list, typing.List):
            (item,) = typing.get_args(hint)
            assert pa.types.is_list(field.type), field.name
            if dataclasses.is_dataclass(item):
                assert NESTED_ITEM_TYPES[field.name] is item
                _check(item, list(field.type.value_type))
            else:
                assert field.type.value_type in _SCALARS[item], field.name
        else:
            assert field.type in _SCALARS[hint], f"{cls.__name__}.{field.name}: {field.type} vs {hint}"


def test_article_record_matches_arrow_schema():
    _check(ArticleRecord, list(ARTICLES_SCHEMA))


def test_design_columns_are_all_present():
    design = ["article_id", "url", "feed_url", "title", "summary", "body", "body_source", "authors", "published_at",
              "fetched_at", "language", "language_score", "content_hash", "duplicate_of", "entities", "places",
              "dates", "quotes", "numbers", "run_id"]
    assert ARTICLES_SCHEMA.names == design
    assert "date" not in ARTICLES_SCHEMA.names and "source" not in ARTICLES_SCHEMA.names, "partition values live in the path"


def test_schema_version_is_in_the_metadata():
    assert ARTICLES_SCHEMA.metadata[SCHEMA_VERSION_KEY] == str(SCHEMA_VERSION).encode()


def test_a_record_converts_to_a_table_with_nested_items():
    now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone.utc)
    title = "زيارة إلى بغداد"
    record = ArticleRecord(
        article_id="a1", url="https://x.example/1", feed_url="https://x.example/rss", title=title, summary="",
        body="نص", body_source="page", authors=["كاتب"], published_at=None, fetched_at=now, language="ar",
        language_score=0.99, content_hash="h", duplicate_of=None,
        entities=[Entity("بغداد", "LOC", "title", 10, 15)],
        places=[Place("بغداد", "IQ", "بغداد", 33.34, 44.4, "title", 10, 15)],
        dates=[DateMention("اليوم", "2026-11-23", "relative", "gregorian", "body", 0, 5)],
        quotes=[Quote("نص", "المتحدث", "body", 0, 2)], numbers=[Number("3", 3.0, None, "body", 0, 1)], run_id="r")
    table = rows_to_table([record_to_row(record)])
    row = table.to_pylist()[0]
    assert row["places"][0]["lat"] == 33.34 and row["entities"][0]["type"] == "LOC"
    assert title[row["entities"][0]["start"]:row["entities"][0]["end"]] == "بغداد"
    assert row["published_at"] is None and row["fetched_at"] == now
