"""Schema versions of an existing dataset: extend an older one, refuse what cannot be read safely.

Every Parquet file carries ``akhbar.schema_version`` in its metadata, and ``DIR/_state/schema.json``
records the version the dataset is at. Before a run writes, ``check_output``:
- no dataset yet: records the current version;
- an older version whose columns all still exist with the same type (columns were only added): the
  dataset is *extended*: new files carry the new columns, older files read them as null through
  ``open_articles`` (or DuckDB ``union_by_name=true``); schema.json records the upgrade;
- a newer version, or a column whose type changed or that was removed: refused with a message that
  names the columns, nothing is written (exit 4).
"""
from __future__ import annotations

import datetime as dt
import json
from typing import List, Optional, Tuple

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from akhbar.schemas.articles import ARTICLES_SCHEMA, SCHEMA_VERSION, SCHEMA_VERSION_KEY
from akhbar.transforms import fsio

STATE = "_state/schema.json"


class SchemaMismatch(RuntimeError):
    """The dataset at the output cannot be extended by this version of akhbar."""


def file_schema(path: str) -> Tuple[Optional[int], pa.Schema]:
    with FileSystems.open(path, mime_type="application/octet-stream") as handle:
        schema = pq.read_schema(handle)
    raw = (schema.metadata or {}).get(SCHEMA_VERSION_KEY)
    return (int(raw) if raw else None), schema


def differences(old: pa.Schema, new: pa.Schema = ARTICLES_SCHEMA) -> List[str]:
    """Why ``new`` cannot read files written with ``old``: removed columns and changed types."""
    problems = []
    for field in old:
        if field.name in ("date", "source"):
            continue
        if new.get_field_index(field.name) < 0:
            problems.append(f"column {field.name!r} is gone")
        elif not new.field(field.name).type.equals(field.type):
            problems.append(f"column {field.name!r} changed type: {field.type} -> {new.field(field.name).type}")
    return problems


def _stored_state(output: str) -> Optional[dict]:
    path = fsio.join_path(output, *STATE.split("/"))
    if FileSystems.exists(path):
        return json.loads(fsio.read_bytes(path).decode("utf-8"))
    return None


def _newest_file(output: str) -> Optional[str]:
    files = [p for p in fsio.list_under(fsio.join_path(output, "articles")) if p.endswith(".parquet")]
    return files[-1] if files else None


def check_output(output: str) -> str:
    """Check, and record, the dataset's schema version; returns what was done: new, same, extended."""
    state = _stored_state(output)
    sample = _newest_file(output)
    if state is None and sample is None:
        _record(output, None, "new")
        return "new"
    versions, schema = [], None
    if state is not None:
        versions.append(int(state.get("schema_version", 0)))
    if sample is not None:
        file_version, schema = file_schema(sample)
        versions.append(file_version or 0)  # files from before versions were recorded count as 0
    version = max(versions)
    where = fsio.join_path(output, "articles")
    if version > SCHEMA_VERSION:
        raise SchemaMismatch(f"{where} was written with schema version {version}, newer than this akhbar "
                             f"(version {SCHEMA_VERSION}): upgrade akhbar, or write to another --output")
    problems = differences(schema) if schema is not None else []
    if problems:
        raise SchemaMismatch(f"{where} (schema version {version}) cannot be extended to version {SCHEMA_VERSION}: "
                             + "; ".join(problems) + ". Write to another --output, or migrate the dataset")
    if version == SCHEMA_VERSION and state is not None:
        return "same"
    _record(output, state, "extended" if version < SCHEMA_VERSION else "same", from_version=version)
    return "extended" if version < SCHEMA_VERSION else "same"


def _record(output: str, state: Optional[dict], action: str, from_version: Optional[int] = None) -> None:
    history = list((state or {}).get("history", []))
    history.append({"at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "action": action,
                    "from_version": from_version, "to_version": SCHEMA_VERSION})
    body = {"schema_version": SCHEMA_VERSION, "columns": {f.name: str(f.type) for f in ARTICLES_SCHEMA},
            "history": history}
    fsio.write_atomic(fsio.join_path(output, *STATE.split("/")),
                      json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))


def open_articles(output: str) -> ds.Dataset:
    """The articles dataset with the current schema: columns added since older files read as null."""
    partitioning = ds.partitioning(pa.schema([("date", pa.date32()), ("source", pa.string())]), flavor="hive")
    schema = pa.schema(list(ARTICLES_SCHEMA) + [pa.field("date", pa.date32()), pa.field("source", pa.string())],
                       metadata=ARTICLES_SCHEMA.metadata)
    return ds.dataset(fsio.join_path(output, "articles"), format="parquet", partitioning=partitioning, schema=schema)
