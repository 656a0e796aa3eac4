"""The sink: temporary files, one committed manifest, renames into place; also on an object store.

``FakeObjectStore`` registers the ``fakegs://`` scheme with Beam FileSystems: no folders, listing by
prefix, rename = copy + delete, like gs://. It proves the sink never relies on local folders.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import posixpath
import threading
from typing import Dict

import apache_beam as beam
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from apache_beam.io.filesystem import FileMetadata, FileSystem
from apache_beam.io.filesystems import FileSystems
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from akhbar.schemas.articles import ARTICLES_SCHEMA, SCHEMA_VERSION, SCHEMA_VERSION_KEY, record_to_row
from akhbar.schemas.records import Article, FeedEntry, FeedTask
from akhbar.transforms import fsio
from akhbar.transforms.join import to_record
from akhbar.transforms.rows import article_partition_row
from akhbar.transforms.sink import ROWS_PER_GROUP, Commit, ToFolders, WriteTemporary, write_table
from akhbar.transforms.sink_commit import (WrittenFile, commit, manifest_path, read_manifest, recover, roll_forward,
                                           temp_root, write_manifest)

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)


class FakeObjectStore(FileSystem):
    """An in-memory object store for ``fakegs://bucket/key`` paths (process-wide)."""

    objects: Dict[str, bytes] = {}
    lock = threading.Lock()

    @classmethod
    def scheme(cls):
        return "fakegs"

    def join(self, basepath, *paths):
        return posixpath.join(basepath, *paths)

    def split(self, path):
        head, tail = posixpath.split(path)
        return head, tail

    def mkdirs(self, path):
        pass

    def has_dirs(self):
        return False

    def _list(self, prefix):
        with self.lock:
            items = sorted(self.objects.items())
        for key, data in items:
            if key.startswith(prefix):
                yield FileMetadata(key, len(data), 0.0)

    def create(self, path, mime_type="application/octet-stream", compression_type=None):
        store = self

        class Writer(io.BytesIO):
            def close(self):
                if not self.closed:
                    with store.lock:
                        store.objects[path] = self.getvalue()
                super().close()

        return Writer()

    def open(self, path, mime_type="application/octet-stream", compression_type=None):
        with self.lock:
            if path not in self.objects:
                raise IOError(f"no object {path}")
            return io.BytesIO(self.objects[path])

    def copy(self, sources, destinations):
        with self.lock:
            for s, d in zip(sources, destinations):
                if s not in self.objects:
                    raise IOError(f"no object {s}")
                self.objects[d] = self.objects[s]

    def rename(self, sources, destinations):
        self.copy(sources, destinations)
        self.delete(sources)

    def exists(self, path):
        with self.lock:
            return path in self.objects or any(k.startswith(path.rstrip("/") + "/") for k in self.objects)

    def size(self, path):
        return len(self.objects[path])

    def last_updated(self, path):
        return 0.0

    def checksum(self, path):
        return str(hash(self.objects[path]))

    def metadata(self, path):
        return FileMetadata(path, len(self.objects[path]), 0.0)

    def delete(self, paths):
        with self.lock:
            for path in paths:
                prefix = path.rstrip("/") + "/"
                for key in [k for k in self.objects if k == path or k.startswith(prefix)]:
                    del self.objects[key]

    def report_lineage(self, path, unused_lineage):
        pass


def _pipeline():
    return BeamTestPipeline(runner="FnApiRunner", options=beam.options.pipeline_options.PipelineOptions(
        ["--direct_num_workers=1", "--direct_running_mode=in_memory"]))


def _record(url: str, source: str = "furat", published=NOW):
    task = FeedTask(source, "https://x.example/rss")
    entry = FeedEntry(source, task.feed_url, url, url[-24:].rjust(24, "0"), "عنوان الخبر", "ملخص", "", (), published, task)
    return source, to_record(Article(entry, "نص الخبر", "page", NOW, "ar", 0.9), {}, "r1")


def _write_and_commit(output: str, records):
    with _pipeline() as p:
        tallies = (p | beam.Create(records) | beam.Map(article_partition_row) | ToFolders("articles")
                   | WriteTemporary(output, "r1", ARTICLES_SCHEMA, record_to_row) | Commit(output, "r1"))
        assert_that(tallies | beam.Map(lambda t: (t.source_id, t.key, t.count)),
                    equal_to([("furat", "written", 2), ("other", "written", 1)]))


RECORDS = [_record("https://x.example/1"), _record("https://x.example/2"),
           _record("https://x.example/3", "other", NOW - dt.timedelta(days=1))]


def test_pipeline_writes_partitions_through_the_temporary_area(tmp_path):
    _write_and_commit(str(tmp_path), RECORDS)
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == ["articles/date=2026-11-22/source=other/part-r1-0.parquet",
                     "articles/date=2026-11-23/source=furat/part-r1-0.parquet"], "nothing left in _tmp"
    table = ds.dataset(tmp_path / "articles", partitioning="hive").to_table()
    assert sorted(table.column("source").to_pylist()) == ["furat", "furat", "other"]
    meta = pq.ParquetFile(tmp_path / files[1]).metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert meta.metadata[SCHEMA_VERSION_KEY] == str(SCHEMA_VERSION).encode()
    assert "date" not in meta.schema.names and "source" not in meta.schema.names, "partition values in the path"


def test_row_groups_are_sized_for_reading(tmp_path):
    rows = [record_to_row(_record(f"https://x.example/{i}")[1]) for i in range(ROWS_PER_GROUP * 2 + 10)]
    import pyarrow as pa

    write_table(str(tmp_path / "big.parquet"), pa.Table.from_pylist(rows, schema=ARTICLES_SCHEMA))
    meta = pq.ParquetFile(tmp_path / "big.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [ROWS_PER_GROUP, ROWS_PER_GROUP, 10]


def test_pipeline_on_an_object_store_without_folders():
    FakeObjectStore.objects.clear()
    output = "fakegs://bucket/news"
    _write_and_commit(output, RECORDS)
    keys = sorted(FakeObjectStore.objects)
    assert keys == ["fakegs://bucket/news/articles/date=2026-11-22/source=other/part-r1-0.parquet",
                    "fakegs://bucket/news/articles/date=2026-11-23/source=furat/part-r1-0.parquet"]
    table = pq.read_table(io.BytesIO(FakeObjectStore.objects[keys[1]]))
    assert table.num_rows == 2 and table.schema.field("published_at").type.tz == "UTC"


def _temp_files(output: str, run_id: str, n: int):
    files = []
    for i in range(n):
        temp = fsio.join_path(temp_root(output, run_id), "articles", f"date=2026-11-2{i}", "source=s", f"part-{run_id}-0.parquet")
        final = fsio.join_path(output, "articles", f"date=2026-11-2{i}", "source=s", f"part-{run_id}-0.parquet")
        fsio.write_bytes(temp, b"PAR1 whole file " + bytes([i]))
        files.append(WrittenFile(temp, final, 1, "s", "articles"))
    return files


@pytest.mark.parametrize("output", ["local", "fakegs://bucket/out"])
def test_commit_is_safe_to_retry_and_raises_when_a_file_is_lost(tmp_path, output):
    output = str(tmp_path) if output == "local" else output
    FakeObjectStore.objects.clear()
    files = _temp_files(output, "r1", 3)
    write_manifest(output, "r1", files)
    roll_forward(files[:1])  # a finalize that died after one rename ...
    commit(output, "r1", files)  # ... is simply run again
    commit(output, "r1", files)  # and again: nothing to do, nothing raised
    assert all(FileSystems.exists(f.final_path) for f in files)
    assert not FileSystems.exists(temp_root(output, "r1"))
    FileSystems.delete([files[0].final_path])
    with pytest.raises(IOError, match="the write was lost"):
        roll_forward(files)


@pytest.mark.parametrize("output", ["local", "fakegs://bucket/out"])
def test_recover_rolls_committed_runs_forward_and_discards_the_rest(tmp_path, output):
    output = str(tmp_path) if output == "local" else output
    FakeObjectStore.objects.clear()
    committed = _temp_files(output, "dead-after-commit", 2)
    write_manifest(output, "dead-after-commit", committed)
    roll_forward(committed[:1])
    uncommitted = _temp_files(output, "dead-while-writing", 2)
    fsio.write_bytes(manifest_path(output, "dead-while-writing") + ".tmp", b"{half")  # died writing its manifest
    current = _temp_files(output, "me", 1)
    done = sorted((r.run_id, r.action) for r in recover(output, current_run_id="me"))
    assert done == [("dead-after-commit", "rolled_forward"), ("dead-while-writing", "discarded")]
    assert all(FileSystems.exists(f.final_path) for f in committed)
    assert not any(FileSystems.exists(f.final_path) or FileSystems.exists(f.temp_path) for f in uncommitted)
    assert FileSystems.exists(current[0].temp_path), "the running run's own files are left alone"
    assert recover(output, current_run_id="me") == [], "a second recovery finds nothing"


def test_manifest_round_trips(tmp_path):
    files = _temp_files(str(tmp_path), "r9", 2)
    path = write_manifest(str(tmp_path), "r9", list(reversed(files)))
    assert read_manifest(path) == sorted(files, key=lambda f: f.final_path)
    assert not os.path.exists(path + ".tmp")


def test_whole_run_on_an_object_store_then_a_second_run_adds_nothing(tmp_path, site):
    """``akhbar run --output fakegs://...``: lock, recovery, schema state, commit and report all go through
    FileSystems; the second run finds every article in the stored-ids index and fetches no page."""
    import json

    from akhbar.runners.cli import main as akhbar_main
    from tests.conftest import write_sources

    FakeObjectStore.objects.clear()
    sources = write_sources(tmp_path / "sources.yaml", site.base)
    args = ["run", "--sources", str(sources), "--output", "fakegs://bucket/news", "--workers", "1", "--quiet",
            "--allow-private-addresses"]
    assert akhbar_main(args + ["--run-id", "gs1"]) == 0
    keys = sorted(FakeObjectStore.objects)
    articles = [k for k in keys if k.startswith("fakegs://bucket/news/articles/date=")]
    assert articles and all(k.endswith("/part-gs1-0.parquet") for k in articles)
    assert "fakegs://bucket/news/_runs/gs1.json" in keys and "fakegs://bucket/news/_state/schema.json" in keys
    assert any(k.startswith("fakegs://bucket/news/_state/ids/stored=") for k in keys)
    assert not any("/_tmp/" in k for k in keys) and "fakegs://bucket/news/_state/run.lock" not in keys
    first = json.loads(FakeObjectStore.objects["fakegs://bucket/news/_runs/gs1.json"])
    assert first["totals"]["written"] == sum(pq.read_metadata(io.BytesIO(FakeObjectStore.objects[k])).num_rows
                                             for k in articles) == 6
    site.requests.clear()
    del FakeObjectStore.objects["fakegs://bucket/news/_state/feeds.json"]  # feeds re-read in full, not "unchanged"
    assert akhbar_main(args + ["--run-id", "gs2"]) == 0
    second = json.loads(FakeObjectStore.objects["fakegs://bucket/news/_runs/gs2.json"])
    assert second["totals"]["written"] == 0 and second["totals"]["already_stored"] == 8  # every listing: 6 Arabic, 1 English, 1 repeat
    assert not any(r.startswith("/pages/") for r in site.requests), "no page fetched again"


def test_a_run_id_already_used_on_the_output_is_refused(tmp_path):
    from akhbar.pipeline.publish_guard import GuardRefused, open_output

    guard = open_output(str(tmp_path), "hourly-1")
    guard.release()
    committed = _temp_files(str(tmp_path), "hourly-1", 1)
    import pyarrow as pa

    write_table(committed[0].temp_path, pa.Table.from_pylist([record_to_row(RECORDS[0][1])], schema=ARTICLES_SCHEMA))
    write_manifest(str(tmp_path), "hourly-1", committed)  # it died after committing ...
    with pytest.raises(GuardRefused, match="run id 'hourly-1' was already used") as refused:
        open_output(str(tmp_path), "hourly-1")  # ... its files would be replaced by a run of the same id
    assert refused.value.exit_code == 2
    assert FileSystems.exists(committed[0].final_path), "the dead run was still finished first"
    open_output(str(tmp_path), "hourly-2").release()


def test_a_failed_run_that_had_committed_is_reported_recovered(tmp_path):
    import pyarrow as pa

    from akhbar.pipeline.publish_guard import open_output
    from akhbar.pipeline.report import failed_report, read_report, write_report

    committed = _temp_files(str(tmp_path), "broke", 1)
    write_table(committed[0].temp_path, pa.Table.from_pylist([record_to_row(RECORDS[0][1])], schema=ARTICLES_SCHEMA))
    write_manifest(str(tmp_path), "broke", committed)
    write_report(str(tmp_path), failed_report("broke", "2026-11-23T10:00:00+00:00", ["furat"], "IOError: rename"))
    open_output(str(tmp_path), "next").release()
    assert read_report(str(tmp_path), "broke")["status"] == "recovered"
    assert FileSystems.exists(committed[0].final_path)


def test_rows_table_is_the_table_from_pylist_gives():
    import pyarrow as pa

    from akhbar.transforms.sink import rows_table

    from akhbar.schemas.extracted import Entity, Place, Quote

    task = FeedTask("furat", "https://x.example/rss")
    entry = FeedEntry("furat", task.feed_url, "https://x.example/9", "0" * 24, "بغداد تستقبل", "ملخص", "", ("كاتب",),
                      None, task)
    items = {"entities": [Entity("بغداد", "LOC", "title", 0, 5)], "quotes": [Quote("نعم", None, "body", 0, 3)],
             "places": [Place("بغداد", "IQ", None, 33.3, 44.4, "title", 0, 5)]}
    records = [to_record(Article(entry, "نعم قال", "page", NOW, "ar", 0.9), items, "r1")] + [r for _, r in RECORDS]
    rows = [record_to_row(r) for r in records]
    rows[0] = {k: v for k, v in rows[0].items() if k != "summary"}  # a missing key is a null
    rows[-1] = dict(rows[-1], extra="ignored")  # a key outside the schema is left out
    expected = pa.Table.from_pylist(rows, schema=ARTICLES_SCHEMA)
    got = rows_table(rows, ARTICLES_SCHEMA)
    assert got.equals(expected) and got.schema.equals(expected.schema, check_metadata=True)
    assert got.column("summary")[0].as_py() is None
    assert rows_table([], ARTICLES_SCHEMA).equals(pa.Table.from_pylist([], schema=ARTICLES_SCHEMA))
