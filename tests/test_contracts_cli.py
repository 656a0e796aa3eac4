"""The command line's contracts that need no shared run: exit 2 for bad sources files and command lines
(nothing written), the report of a killed run, and ``akhbar demo``. The runs themselves: test_contracts.py."""
from __future__ import annotations

import json

import pyarrow.dataset as ds
import pytest

from akhbar.pipeline.sources import SourcesError, load_sources
from tests.conftest import run_akhbar
from tests.fixtures.contracts import REPORT_KEYS, TOTAL_KEYS, run_report, sources_text

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("problem, yaml_text, named", [
    ("unknown key", "sources:\n  - id: a\n    feeds: [http://127.0.0.1:9/f.xml]\n    colour: red\n", "colour"),
    ("duplicate id", "sources:\n  - id: a\n    feeds: [http://127.0.0.1:9/f.xml]\n"
                     "  - id: a\n    feeds: [http://127.0.0.1:9/g.xml]\n", "'a'"),
    ("bad id", "sources:\n  - id: Bad/Id\n    feeds: [http://127.0.0.1:9/f.xml]\n", "Bad/Id"),
    ("ftp feed", "sources:\n  - id: a\n    feeds: [ftp://127.0.0.1/f.xml]\n", "ftp://127.0.0.1/f.xml"),
    ("not yaml", "sources: [\n", "YAML"),
])
def test_a_bad_sources_file_exits_2_names_file_and_key_and_writes_nothing(tmp_path, problem, yaml_text, named):
    sources = tmp_path / "bad-sources.yaml"
    sources.write_text(yaml_text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_akhbar("run", "--sources", str(sources), "--output", str(out), "--allow-private-addresses",
                        timeout=60)
    assert result.returncode == 2, (problem, result.stderr[-2000:])
    assert str(sources) in result.stderr and named in result.stderr, (problem, result.stderr)
    assert not out.exists(), f"{problem}: nothing may be written under --output"


def test_all_problems_of_a_sources_file_are_reported_at_once(tmp_path):
    sources = tmp_path / "bad-sources.yaml"
    sources.write_text("sources:\n  - id: a\n    feeds: [ftp://x/f.xml]\n    colour: red\n"
                       "  - id: a\n    feeds: [http://127.0.0.1:9/g.xml]\n", encoding="utf-8")
    result = run_akhbar("run", "--sources", str(sources), "--output", str(tmp_path / "out"), timeout=60)
    assert result.returncode == 2
    assert "colour" in result.stderr and "ftp://x/f.xml" in result.stderr and "duplicate" in result.stderr


@pytest.mark.parametrize("argv", [
    ("run", "--output", "{out}"),  # no --sources
    ("run", "--sources", "{sources}"),  # no --output
    ("run", "--sources", "{sources}", "--output", "{out}", "--workers", "0"),
    ("run", "--sources", "{sources}", "--output", "{out}", "--wave-size", "-1"),
    ("run", "--sources", "{sources}", "--output", "{out}", "--wave-size", "many"),
    ("run", "--sources", "{sources}", "--output", "{out}", "--run-id", "../escape"),
    ("run", "--sources", "{sources}", "--output", "{out}", "--no-such-option"),
    ("run", "--sources", "{sources}", "--output", "{out}", "stray"),  # Beam options go after --, not loose
    ("fly",),
    ("demo", "--output", "{out}", "--workers", "0"),
])
def test_a_bad_command_line_exits_2_and_writes_nothing(tmp_path, argv):
    sources = tmp_path / "sources.yaml"
    sources.write_text(sources_text("http://127.0.0.1:9"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_akhbar(*(a.format(out=out, sources=sources) for a in argv), timeout=60)
    assert result.returncode == 2, (argv, result.stderr[-2000:])
    assert not out.exists()


def test_a_sources_file_with_a_key_twice_is_refused(tmp_path):
    """YAML itself allows a repeated key and keeps the last value: a second ``sources:`` block (or a second
    ``feeds:`` in one source) would silently drop outlets. Duplicate ids are refused; duplicate keys must be too.
    Checked on load_sources (what ``akhbar run`` calls before anything runs) to keep the file fast."""
    sources = tmp_path / "twice.yaml"
    sources.write_text("sources:\n  - id: a\n    feeds: [http://127.0.0.1:9/a.xml]\n"
                       "sources:\n  - id: b\n    feeds: [http://127.0.0.1:9/b.xml]\n", encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        load_sources(str(sources))
    assert "sources" in str(caught.value) and str(sources) in str(caught.value)


def test_the_report_of_a_killed_run_still_has_the_design_keys(tmp_path):
    """A run that died before committing leaves _tmp/<run_id>/; the next run's guard deletes it and writes
    that run's report. Readers summing _runs/*.json need the same keys in it."""
    from akhbar.pipeline.publish_guard import open_output

    out = tmp_path / "out"
    leftover = out / "_tmp" / "dead" / "articles" / "date=2026-11-23" / "source=rafidain"
    leftover.mkdir(parents=True)
    (leftover / "part-dead-0.parquet").write_bytes(b"half a file")
    open_output(str(out), "next").release()
    report = run_report(out, "dead")
    assert report["status"] == "killed"
    assert REPORT_KEYS <= set(report) and TOTAL_KEYS <= set(report["totals"]), report
    assert report["totals"]["written"] == 0


# ---- the demo -------------------------------------------------------------------------------------------

def test_the_demo_runs_offline_and_writes_rows(tmp_path):
    out = tmp_path / "demo"
    result = run_akhbar("demo", "--output", str(out), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    table = ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table()
    assert table.num_rows > 0
    reports = list((out / "_runs").glob("*.json"))
    assert len(reports) == 1
    report = json.loads(reports[0].read_text(encoding="utf-8"))
    assert report["totals"]["written"] == table.num_rows
    assert "duckdb" in result.stdout and str(out) in result.stdout, "it says how to query what it wrote"
    assert str(reports[0]) in result.stdout, "it names the run report"
    assert "rows per partition" in result.stdout
