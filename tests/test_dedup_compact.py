"""Index compaction: a finished day's hourly index files become one, with every id kept once."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq

from akhbar.transforms import stored_ids
from akhbar.transforms.sink import write_table
from akhbar.transforms.stored_ids_compact import COMPACT_NAME, compact_all

TODAY = dt.date(2026, 11, 23)
SEEN = dt.datetime(2026, 11, 20, 8, tzinfo=dt.timezone.utc)


def _hourly(output, day: dt.date, run: str, ids):
    rows = [{"article_id": i, "source": "s", "title_key": None, "seen_at": SEEN, "status": "article"} for i in ids]
    path = output / "_state" / "ids" / f"stored={day}" / f"part-{run}-0.parquet"
    write_table(str(path), pa.Table.from_pylist(rows, schema=stored_ids.IDS_SCHEMA))
    return path


def test_finished_days_are_merged_and_recent_days_left_alone(tmp_path):
    old = TODAY - dt.timedelta(days=3)
    yesterday = TODAY - dt.timedelta(days=1)
    for hour, ids in enumerate([["a", "b"], ["c"], ["b", "d"]]):
        _hourly(tmp_path, old, f"h{hour}", ids)
    _hourly(tmp_path, yesterday, "y1", ["e"])
    _hourly(tmp_path, yesterday, "y2", ["f"])
    assert compact_all(str(tmp_path), TODAY) == 1
    old_files = sorted((tmp_path / "_state" / "ids" / f"stored={old}").iterdir())
    assert [p.name for p in old_files] == [COMPACT_NAME]
    assert sorted(pq.read_table(old_files[0]).column("article_id").to_pylist()) == ["a", "b", "c", "d"]
    assert len(list((tmp_path / "_state" / "ids" / f"stored={yesterday}").iterdir())) == 2, "yesterday may still grow"
    assert compact_all(str(tmp_path), TODAY) == 0, "nothing left to do"
    files = stored_ids.files_within(str(tmp_path), stored_ids.IDS, TODAY, 30)
    assert sorted(i for f in files for i in stored_ids.stored_ids(f)) == ["a", "b", "c", "d", "e", "f"]
    assert not (tmp_path / "_tmp").exists() or not list((tmp_path / "_tmp").rglob("*.parquet"))


def test_a_compaction_interrupted_before_deleting_is_merged_again(tmp_path):
    old = TODAY - dt.timedelta(days=5)
    _hourly(tmp_path, old, "h0", ["a"])
    _hourly(tmp_path, old, "h1", ["b"])
    compact_all(str(tmp_path), TODAY)
    _hourly(tmp_path, old, "h1", ["b"])  # as if the process died after the rename, before deleting h1
    assert compact_all(str(tmp_path), TODAY) == 1
    folder = tmp_path / "_state" / "ids" / f"stored={old}"
    assert [p.name for p in folder.iterdir()] == [COMPACT_NAME]
    assert sorted(pq.read_table(folder / COMPACT_NAME).column("article_id").to_pylist()) == ["a", "b"]
