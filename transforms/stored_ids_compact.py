"""Compaction of the dedup indexes: a finished day's hourly files become one file.

Hourly runs add 24 small files a day to ``_state/ids/`` and ``_state/minhash/``; after a year a run would
list and open thousands. Before a run (holding the lock), every ``stored=<day>`` folder older than
yesterday with more than one file is merged: the merged file is written under ``_tmp/compact-<day>/``,
renamed into the folder, and only then are the hourly files deleted. A crash in between leaves the rows
twice in the index, which is harmless (the index is read as a set) and merged away next time.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Dict, List

import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from akhbar.transforms import fsio
from akhbar.transforms.sink import write_table
from akhbar.transforms.sink_commit import TMP
from akhbar.transforms.stored_ids import IDS, MINHASH

_DAY = re.compile(r"/stored=(\d{4}-\d{2}-\d{2})/([^/]+\.parquet)$")
COMPACT_NAME = "part-compact.parquet"


def _read(path: str) -> pa.Table:
    with FileSystems.open(path, mime_type="application/octet-stream") as handle:
        return pq.read_table(handle)


def compact_index(output: str, index: str, today: dt.date) -> int:
    """Merge each finished day's files of ``index``; returns the number of days compacted."""
    days: Dict[str, List[str]] = {}
    for path in fsio.list_under(fsio.join_path(output, *index.split("/"))):
        match = _DAY.search(path)
        if match and dt.date.fromisoformat(match.group(1)) < today - dt.timedelta(days=1):
            days.setdefault(match.group(1), []).append(path)
    done = 0
    for day, paths in sorted(days.items()):
        if len(paths) < 2:
            continue
        tables = [_read(p) for p in paths]
        merged = pa.concat_tables(tables, promote_options="default").combine_chunks()
        keys = merged.column("article_id").to_pylist()
        first = {key: i for i, key in reversed(list(enumerate(keys)))}  # one row per article id
        merged = merged.take(sorted(first.values()))
        folder = fsio.parent(paths[0])
        final = fsio.join_path(folder, COMPACT_NAME)
        temp = fsio.join_path(output, TMP, f"compact-{index.replace('/', '-')}-{day}", COMPACT_NAME)
        write_table(temp, merged)
        FileSystems.rename([temp], [final])  # replaces an earlier merge whole (never deleted first)
        FileSystems.delete([p for p in paths if p != final])
        fsio.delete_tree(fsio.parent(temp))
        done += 1
    return done


def compact_all(output: str, today: dt.date) -> int:
    return sum(compact_index(output, index, today) for index in (IDS, MINHASH))
