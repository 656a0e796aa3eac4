"""The stored-ids index: what earlier runs published, read cheaply by the next run before any page fetch.

Each run that publishes adds one small file ``DIR/_state/ids/stored=<YYYY-MM-DD>/part-<run_id>-0.parquet``
(article_id, source, title_key, seen_at, status), committed in the same manifest as its article files
(see ``sink_commit``), so the index and the dataset move together. ``status`` is ``article`` for a
written article and ``not_arabic`` for a page the gate turned away (so it is not fetched again every hour).
A later run lists the ``stored=`` folders inside its lookback window and reads one or two columns only.
The signature index ``_state/minhash/`` follows the same layout (see ``dedup_near``).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator, List, Optional, Sequence

import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from akhbar.schemas.articles import ArticleRecord
from akhbar.transforms import fsio
from akhbar.transforms.canonical import article_id as id_of_url

IDS = "_state/ids"
MINHASH = "_state/minhash"
_TS = pa.timestamp("us", tz="UTC")
IDS_SCHEMA = pa.schema([
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("source", pa.string(), nullable=False),
    pa.field("title_key", pa.string()),
    pa.field("seen_at", _TS, nullable=False),
    pa.field("status", pa.string(), nullable=False),
])
_STORED = re.compile(r"/stored=(\d{4}-\d{2}-\d{2})/")


def index_folder(index: str, stored_on: dt.date) -> str:
    return f"{index}/stored={stored_on.isoformat()}"


def article_index_row(source_id: str, record: ArticleRecord, title_key: Optional[str]) -> dict:
    seen = record.published_at or record.fetched_at
    return {"article_id": record.article_id, "source": source_id, "title_key": title_key,
            "seen_at": seen, "status": "article"}


def rejected_index_row(source_id: str, url: str, seen_at: dt.datetime) -> dict:
    """A page the gate turned away: its URL is canonical, so its id is the article id."""
    return {"article_id": id_of_url(url), "source": source_id, "title_key": None, "seen_at": seen_at,
            "status": "not_arabic"}


def seen_again_index_row(source_id: str, url: str, seen_at: dt.datetime) -> dict:
    """An article a feed still lists: stored again under this run's day, so the lookback window slides while
    any feed keeps listing it and only an item gone from every feed for ``lookback_days`` can come back."""
    return {"article_id": id_of_url(url), "source": source_id, "title_key": None, "seen_at": seen_at,
            "status": "article"}


def files_within(output: str, index: str, today: dt.date, days: int) -> List[str]:
    """Index files whose ``stored=`` date is within ``days`` days before ``today`` (inclusive)."""
    earliest = today - dt.timedelta(days=days)
    chosen = []
    for path in fsio.list_under(fsio.join_path(output, *index.split("/"))):
        match = _STORED.search(path)
        if match and path.endswith(".parquet") and dt.date.fromisoformat(match.group(1)) >= earliest:
            chosen.append(path)
    return chosen


def read_columns(path: str, columns: Sequence[str]) -> pa.Table:
    """Only ``columns`` of one index file (Parquet reads just those column chunks)."""
    with FileSystems.open(path, mime_type="application/octet-stream") as handle:
        return pq.read_table(handle, columns=list(columns))


def stored_ids(path: str) -> Iterator[str]:
    yield from read_columns(path, ["article_id"]).column("article_id").to_pylist()


def stored_titles(path: str, since: dt.datetime) -> Iterator[tuple]:
    """((source, title_key), seen_at) of the stored articles seen at or after ``since``."""
    table = read_columns(path, ["source", "title_key", "seen_at", "status"])
    for source, key, seen, status in zip(*(table.column(c).to_pylist() for c in table.column_names)):
        if status == "article" and key and seen >= since:
            yield (source, key), seen
