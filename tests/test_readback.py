"""Reading the dataset back as users do: pyarrow.dataset and DuckDB, types, schema version, old versions."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from akhbar.pipeline.publish_guard import EXIT_SCHEMA
from akhbar.pipeline.schema_check import SchemaMismatch, check_output, open_articles
from akhbar.runners.cli import main as akhbar_main
from akhbar.runners.site_server import SiteServer
from akhbar.schemas.articles import ARTICLES_SCHEMA, SCHEMA_VERSION, SCHEMA_VERSION_KEY, record_to_row
from akhbar.transforms.sink import write_table
from tests.conftest import FIXTURES, run_akhbar, write_sources
from tests.test_sink import _record

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("readback")
    with SiteServer(FIXTURES / "site") as site:
        sources = write_sources(tmp / "sources.yaml", site.base)
        code = akhbar_main(["run", "--sources", str(sources), "--output", str(tmp / "out"), "--run-id", "rb",
                            "--workers", "1", "--quiet", "--allow-private-addresses"])
    assert code == 0
    return tmp / "out"


def test_pyarrow_reads_every_column_with_its_type(dataset):
    table = ds.dataset(dataset / "articles", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 6
    for field in ARTICLES_SCHEMA:
        assert table.schema.field(field.name).type == field.type, field.name
    assert table.schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("entities").type == pa.list_(pa.struct([
        ("text", pa.string()), ("type", pa.string()), ("field", pa.string()), ("start", pa.int32()),
        ("end", pa.int32())]))
    assert all(t.tzinfo is not None and t.utcoffset() == dt.timedelta(0)
               for t in table.column("fetched_at").to_pylist())
    for path in (dataset / "articles").rglob("*.parquet"):
        assert pq.read_schema(path).metadata[SCHEMA_VERSION_KEY] == str(SCHEMA_VERSION).encode(), path


def test_duckdb_reads_hive_partitions_and_nested_columns(dataset):
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    glob = f"{dataset}/articles/**/*.parquet"
    types = {r[0]: r[1] for r in con.execute(
        f"DESCRIBE SELECT * FROM read_parquet('{glob}', hive_partitioning=true)").fetchall()}
    assert types["published_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["date"] == "DATE" and types["source"] == "VARCHAR"
    assert types["entities"].startswith("STRUCT(") and types["entities"].endswith("[]")
    assert types["places"] == ('STRUCT("name" VARCHAR, country_code VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, '
                               'field VARCHAR, "start" INTEGER, "end" INTEGER)[]')
    rows = con.execute(f"SELECT source, count(*), count(DISTINCT article_id) FROM read_parquet('{glob}', "
                       "hive_partitioning=true) GROUP BY source ORDER BY source").fetchall()
    assert [r[0] for r in rows] == ["furat", "gulf-now"] and all(r[1] == r[2] for r in rows)
    hospital = con.execute(f"SELECT date, published_at FROM read_parquet('{glob}', hive_partitioning=true) "
                           "WHERE title LIKE 'افتتاح مستشفى%'").fetchall()
    assert hospital == [(dt.date(2026, 11, 23), dt.datetime(2026, 11, 23, 4, 0, tzinfo=hospital[0][1].tzinfo))]
    spans = con.execute(f"SELECT e.text, substr(CASE e.field WHEN 'title' THEN title ELSE body END, e.start + 1, "
                        f"e.\"end\" - e.start) FROM (SELECT title, body, unnest(entities) AS e FROM "
                        f"read_parquet('{glob}', hive_partitioning=true))").fetchall()
    assert spans and all(text == span for text, span in spans), "entity offsets point into their field"


OLD_COLUMNS = [f for f in ARTICLES_SCHEMA if f.name not in ("duplicate_of", "numbers")]


def _old_file(output, schema: pa.Schema, version: int, row: dict):
    path = output / "articles" / "date=2026-01-05" / "source=furat" / "part-old-0.parquet"
    schema = schema.with_metadata({SCHEMA_VERSION_KEY: str(version).encode()})
    write_table(str(path), pa.Table.from_pylist([{k: row[k] for k in schema.names}], schema=schema))


def test_an_older_dataset_is_extended_and_read_with_nulls(tmp_path):
    row = record_to_row(_record("https://x.example/old")[1])
    _old_file(tmp_path, pa.schema(OLD_COLUMNS), 0, row)
    assert check_output(str(tmp_path)) == "extended"
    state = json.loads((tmp_path / "_state" / "schema.json").read_text())
    assert state["schema_version"] == SCHEMA_VERSION and state["history"][-1]["from_version"] == 0
    new = tmp_path / "articles" / "date=2026-11-23" / "source=furat" / "part-new-0.parquet"
    write_table(str(new), pa.Table.from_pylist([record_to_row(_record("https://x.example/new")[1])],
                                               schema=ARTICLES_SCHEMA))
    rows = sorted(open_articles(str(tmp_path)).to_table().to_pylist(), key=lambda r: r["url"])
    assert [r["url"] for r in rows] == ["https://x.example/new", "https://x.example/old"]
    assert rows[1]["numbers"] is None and rows[0]["numbers"] == [], "old file: the added column reads as null"
    got = duckdb.connect().execute(f"SELECT count(*), count(numbers) FROM read_parquet("
                                   f"'{tmp_path}/articles/**/*.parquet', hive_partitioning=true, "
                                   "union_by_name=true)").fetchall()[0]
    assert got == (2, 1)
    assert check_output(str(tmp_path)) == "same"


def test_a_changed_type_or_a_newer_version_is_refused(tmp_path):
    row = record_to_row(_record("https://x.example/old")[1])
    changed = pa.schema([pa.field("language_score", pa.string()) if f.name == "language_score" else f
                         for f in ARTICLES_SCHEMA])
    row["language_score"] = "0.9"
    _old_file(tmp_path / "a", changed, 0, row)
    with pytest.raises(SchemaMismatch, match="'language_score' changed type: string -> float"):
        check_output(str(tmp_path / "a"))
    _old_file(tmp_path / "b", ARTICLES_SCHEMA, SCHEMA_VERSION + 1, record_to_row(_record("https://x.example/o")[1]))
    with pytest.raises(SchemaMismatch, match="newer than this akhbar"):
        check_output(str(tmp_path / "b"))


def test_cli_exits_4_on_a_dataset_it_cannot_extend(tmp_path, site):
    _old_file(tmp_path / "out", ARTICLES_SCHEMA, SCHEMA_VERSION + 1, record_to_row(_record("https://x.example/o")[1]))
    result = run_akhbar("run", "--sources", str(write_sources(tmp_path / "s.yaml", site.base)), "--output",
                        str(tmp_path / "out"), "--workers", "1", "--allow-private-addresses")
    assert result.returncode == EXIT_SCHEMA == 4
    assert f"schema version {SCHEMA_VERSION + 1}, newer than this akhbar" in result.stderr
    assert not site.requests


def test_the_run_report_is_written_last_and_matches_the_files(dataset):
    report_file = dataset / "_runs" / "rb.json"
    report = json.loads(report_file.read_text(encoding="utf-8"))
    published = list((dataset / "articles").rglob("*.parquet")) + list((dataset / "_state").rglob("*.parquet"))
    assert published and report_file.stat().st_mtime >= max(p.stat().st_mtime for p in published)
    rows = sum(pq.read_metadata(p).num_rows for p in (dataset / "articles").rglob("*.parquet"))
    assert report["totals"]["written"] == rows == 6
    assert report["totals"]["already_stored"] == 0 and "near_duplicates" in report["totals"]


def test_summary_table_columns():
    from akhbar.pipeline.summary import summary_table

    src = {"feeds": 4, "feeds_failed": 1, "skipped_backoff": 1, "entries": 40, "written": 12, "already_stored": 20,
           "duplicates": 5, "near_duplicates": 2, "not_arabic": 3, "error_count": 4}
    totals = {"feeds": 4, "feeds_failed": 1, "skipped_backoff": 1, "entries": 40, "written": 12,
              "already_stored": 20, "duplicates": 5, "near_duplicates": 2, "not_arabic": 3, "errors": 4}
    lines = summary_table({"sources": {"furat": src}, "totals": totals}).splitlines()
    assert lines[0].split() == ["source", "feeds", "ok", "failed", "backoff", "entries", "new", "seen", "before",
                                "dupes", "near-dup", "not", "ar", "errors"]
    # a feed still backing off was not even requested: it is not "ok"
    assert lines[2].split() == ["furat", "2", "1", "1", "40", "12", "20", "5", "2", "3", "4"]
    assert lines[-1].split() == ["TOTAL", "2", "1", "1", "40", "12", "20", "5", "2", "3", "4"]
