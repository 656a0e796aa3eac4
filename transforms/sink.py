"""WriteParquet: rows grouped into date=/source= partitions, written to a temporary area, then published.

Files are written under ``DIR/_tmp/<run_id>/`` and renamed into ``DIR/<dataset>/`` by one finalize step
that runs after every write, so a file appears under ``articles/`` only whole. Finalize is safe to retry:
a file already moved is recognised and not counted twice; a rename that fails raises.
"""
from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, List, Tuple

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from akhbar.schemas.articles import ArticleRecord
from akhbar.schemas.events import Tally
from akhbar.transforms.feeds import usable_time

ROWS_PER_FILE = 50_000
ROWS_PER_GROUP = 5_000


@dataclass(frozen=True)
class WrittenFile:
    temp_path: str
    final_path: str
    rows: int
    source_id: str


def partition_date(record: ArticleRecord) -> str:
    """The UTC date of published_at, or of fetched_at when the feed gave no usable date."""
    when = usable_time(record.published_at, record.fetched_at) or record.fetched_at
    return when.astimezone(dt.timezone.utc).date().isoformat()


def join_path(root: str, *parts: str) -> str:
    return FileSystems.join(root, *parts) if "://" in root else posixpath.join(root, *parts)


def write_table(path: str, table: pa.Table) -> None:
    """One Parquet file through Beam FileSystems (local, gs://, s3://), zstd, row groups for reading."""
    with FileSystems.create(path, mime_type="application/octet-stream") as handle:
        pq.write_table(table, handle, compression="zstd", row_group_size=ROWS_PER_GROUP, use_dictionary=True,
                       write_statistics=True)


class _WriteTempDoFn(beam.DoFn):
    def __init__(self, output: str, dataset: str, run_id: str, schema: pa.Schema, to_row: Callable):
        self._output, self._dataset, self._run_id = output, dataset, run_id
        self._schema, self._to_row = schema, to_row

    def process(self, grouped: Tuple[Tuple[str, str], Iterable]) -> Iterator[WrittenFile]:
        (date, source_id), rows = grouped
        relative = (self._dataset, f"date={date}", f"source={source_id}")
        batch: List[dict] = []
        index = 0
        for row in rows:
            batch.append(self._to_row(row))
            if len(batch) >= ROWS_PER_FILE:
                yield self._write(relative, index, batch, source_id)
                index, batch = index + 1, []
        if batch:
            yield self._write(relative, index, batch, source_id)

    def _write(self, relative, index: int, batch: List[dict], source_id: str) -> WrittenFile:
        name = f"part-{self._run_id}-{index}.parquet"
        temp = join_path(self._output, "_tmp", self._run_id, *relative, name)
        final = join_path(self._output, *relative, name)
        write_table(temp, pa.Table.from_pylist(batch, schema=self._schema))
        return WrittenFile(temp, final, len(batch), source_id)


def publish(files: List[WrittenFile]) -> List[Tally]:
    """Rename every temporary file into place; raise on a failed rename; safe to run twice."""
    tallies = []
    for written in sorted(files, key=lambda w: w.final_path):
        if FileSystems.exists(written.temp_path):
            parent = written.final_path.rsplit("/", 1)[0]
            if "://" not in parent and not FileSystems.exists(parent):
                try:
                    FileSystems.mkdirs(parent)
                except OSError:  # a concurrent finalize made it first
                    pass
            FileSystems.rename([written.temp_path], [written.final_path])
        elif not FileSystems.exists(written.final_path):
            raise IOError(f"neither {written.temp_path} nor {written.final_path} exists: the write was lost")
        tallies.append(Tally(written.source_id, "written", written.rows))
    return tallies


class _PublishDoFn(beam.DoFn):
    def process(self, _unused, files: List[WrittenFile]) -> Iterator[Tally]:
        yield from publish(list(files))


class WritePartitioned(beam.PTransform):
    """((date, source_id), row) -> files under ``output/dataset/date=/source=``; emits Tally("written")."""

    def __init__(self, output: str, dataset: str, run_id: str, schema: pa.Schema, to_row: Callable):
        super().__init__()
        self._args = (output, dataset, run_id, schema, to_row)

    def expand(self, keyed_rows):
        written = (keyed_rows
                   | "GroupByPartition" >> beam.GroupByKey()
                   | "WriteTemporary" >> beam.ParDo(_WriteTempDoFn(*self._args)))
        return (keyed_rows.pipeline
                | "Once" >> beam.Create([None])
                | "Publish" >> beam.ParDo(_PublishDoFn(), beam.pvalue.AsList(written)))
