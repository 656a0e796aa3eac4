"""WriteParquet: rows grouped into partition folders, written to a temporary area, then committed at once.

``WriteTemporary`` groups ``(relative folder, row)`` pairs by folder and writes Parquet files (zstd, row
groups of ``ROWS_PER_GROUP`` rows, so a reader skips by statistics without reading a whole file) under
``DIR/_tmp/<run_id>/``. ``Commit`` takes every ``WrittenFile`` of the run (articles, rejects, indexes) and
runs the commit protocol of ``sink_commit`` once, after every write. Beam's ``WriteToParquet`` cannot
partition by column and ``fileio.WriteToFiles`` can leave records in temporary folders (apache/beam#29515),
hence our own.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable, Iterator, List, Tuple

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from akhbar.schemas.articles import ArticleRecord
from akhbar.schemas.events import Tally
from akhbar.transforms import fsio
from akhbar.transforms.feeds import usable_time
from akhbar.transforms.sink_commit import WrittenFile, commit, fault_point, temp_root

ROWS_PER_FILE = 50_000
#: Row groups of ~5,000 articles (a few MB of text each): large enough for zstd, small enough to skip.
ROWS_PER_GROUP = 5_000

join_path = fsio.join_path  # kept for callers of the walking skeleton


def partition_date(record: ArticleRecord) -> str:
    """The UTC date of published_at, or of fetched_at when the feed gave no usable date."""
    when = usable_time(record.published_at, record.fetched_at) or record.fetched_at
    return when.astimezone(dt.timezone.utc).date().isoformat()


def partition_folder(dataset: str, date: str, source_id: str) -> str:
    return f"{dataset}/date={date}/source={source_id}"


def write_table(path: str, table: pa.Table) -> None:
    """One Parquet file through Beam FileSystems (local, gs://, s3://), zstd, row groups for reading."""
    fsio.ensure_parent(path)
    with FileSystems.create(path, mime_type="application/octet-stream") as handle:
        pq.write_table(table, handle, compression="zstd", row_group_size=ROWS_PER_GROUP, use_dictionary=True,
                       write_statistics=True)


def source_of(folder: str) -> str:
    for part in folder.split("/"):
        if part.startswith("source="):
            return part[len("source="):]
    return ""


class _WriteTempDoFn(beam.DoFn):
    def __init__(self, output: str, run_id: str, schema: pa.Schema, to_row: Callable):
        self._output, self._run_id, self._schema, self._to_row = output, run_id, schema, to_row

    def process(self, grouped: Tuple[str, Iterable]) -> Iterator[WrittenFile]:
        folder, rows = grouped
        batch: List[dict] = []
        index = 0
        for row in rows:
            batch.append(self._to_row(row))
            if len(batch) >= ROWS_PER_FILE:
                yield self._write(folder, index, batch)
                index, batch = index + 1, []
        if batch:
            yield self._write(folder, index, batch)

    def _write(self, folder: str, index: int, batch: List[dict]) -> WrittenFile:
        name = f"part-{self._run_id}-{index}.parquet"
        temp = fsio.join_path(temp_root(self._output, self._run_id), *folder.split("/"), name)
        final = fsio.join_path(self._output, *folder.split("/"), name)
        write_table(temp, pa.Table.from_pylist(batch, schema=self._schema))
        fault_point("after_temp_write")
        return WrittenFile(temp, final, len(batch), source_of(folder), folder.split("/", 1)[0])


class WriteTemporary(beam.PTransform):
    """(relative folder, row) -> WrittenFile, one file per folder (per 50,000 rows) under ``_tmp/<run_id>``."""

    def __init__(self, output: str, run_id: str, schema: pa.Schema, to_row: Callable = dict):
        super().__init__()
        self._args = (output, run_id, schema, to_row)

    def expand(self, keyed_rows):
        return (keyed_rows
                | "GroupByFolder" >> beam.GroupByKey()
                | "WriteFiles" >> beam.ParDo(_WriteTempDoFn(*self._args)))


def written_tallies(files: List[WrittenFile], dataset: str = "articles") -> List[Tally]:
    return [Tally(f.source_id, "written", f.rows) for f in sorted(files, key=lambda f: f.final_path)
            if f.dataset == dataset]


class _CommitDoFn(beam.DoFn):
    def __init__(self, output: str, run_id: str):
        self._output, self._run_id = output, run_id

    def process(self, _unused, files: List[WrittenFile]) -> Iterator[Tally]:
        yield from written_tallies(commit(self._output, self._run_id, list(files)))


class Commit(beam.PTransform):
    """Every WrittenFile of the run -> published; emits Tally("written") per articles file, after the renames."""

    def __init__(self, output: str, run_id: str):
        super().__init__()
        self._output, self._run_id = output, run_id

    def expand(self, written):
        return (written.pipeline
                | "Once" >> beam.Create([None])
                | "Publish" >> beam.ParDo(_CommitDoFn(self._output, self._run_id), beam.pvalue.AsList(written)))


class WritePartitioned(beam.PTransform):
    """((date, source_id), row) -> files under ``output/dataset/date=/source=``, committed on their own."""

    def __init__(self, output: str, dataset: str, run_id: str, schema: pa.Schema, to_row: Callable):
        super().__init__()
        self._output, self._dataset, self._run_id, self._schema, self._to_row = output, dataset, run_id, schema, to_row

    def expand(self, keyed_rows):
        written = (keyed_rows
                   | "ToFolder" >> ToFolders(self._dataset)
                   | "WriteTemporary" >> WriteTemporary(self._output, self._run_id, self._schema, self._to_row))
        return written | "Commit" >> Commit(self._output, self._run_id)


class ToFolders(beam.PTransform):
    """((date, source_id), row) -> ("<dataset>/date=<date>/source=<id>", row)."""

    def __init__(self, dataset: str):
        super().__init__()
        self._dataset = dataset

    def expand(self, keyed_rows):
        dataset = self._dataset
        return keyed_rows | "Folder" >> beam.MapTuple(lambda key, row: (partition_folder(dataset, *key), row))
