"""A run in waves (pipeline/waves_run.py) against the fixture site: the same dataset, report and indexes as
one wave, and a run killed between two waves leaves nothing visible."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from tests.conftest import run_akhbar, write_sources
from tests.test_crash import EXPECTED, _sources, _visible_titles
from tests.conftest import FIXTURES
from akhbar.runners.site_server import SiteServer

pytestmark = pytest.mark.e2e
VARYING = {"run_id", "fetched_at"}  # differ between any two runs


def _run(sources: Path, out: Path, run_id: str, wave_size: int) -> dict:
    result = run_akhbar("run", "--sources", str(sources), "--output", str(out), "--run-id", run_id, "--workers", "1",
                        "--allow-private-addresses", "--quiet", "--wave-size", str(wave_size))
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (out / "_tmp").exists() or not list((out / "_tmp").rglob("*")), "the temporary folder is gone"
    return json.loads((out / "_runs" / f"{run_id}.json").read_text(encoding="utf-8"))


def _rows(folder: Path, sort_key: str = "article_id", varying=VARYING) -> list:
    table = ds.dataset(folder, format="parquet", partitioning="hive").to_table()
    rows = [{k: v for k, v in row.items() if k not in varying} for row in table.to_pylist()]
    return sorted(rows, key=lambda row: (row[sort_key], row.get("status", "")))


def _counts(report: dict) -> dict:
    keep = lambda src: {k: v for k, v in src.items() if k != "feed_outcomes"}  # noqa: E731 (messages hold times)
    return {"totals": report["totals"], "status": report["status"],
            "sources": {sid: keep(src) for sid, src in report["sources"].items()}}


def test_one_article_per_wave_gives_the_dataset_of_one_wave(tmp_path, site):
    sources = write_sources(tmp_path / "sources.yaml", site.base, extra_feed=f"{site.base}/rss/missing.xml")
    one = _run(sources, tmp_path / "one", "one", 0)
    many = _run(sources, tmp_path / "many", "many", 1)
    assert _counts(one) == _counts(many)
    assert many["totals"]["written"] == 6
    assert _rows(tmp_path / "one" / "articles") == _rows(tmp_path / "many" / "articles")
    assert _rows(tmp_path / "one" / "rejects") == _rows(tmp_path / "many" / "rejects")
    for index in ("ids", "minhash"):
        # seen_at of an undated article is its fetch time
        assert (_rows(tmp_path / "one" / "_state" / index, varying={"seen_at"})
                == _rows(tmp_path / "many" / "_state" / index, varying={"seen_at"})), index
    # it did run in waves: one signature file per wave (the Arabic pages), one for the whole run otherwise
    signed = len(_rows(tmp_path / "one" / "_state" / "minhash"))
    assert signed > 2 and len(list((tmp_path / "many" / "_state" / "minhash").rglob("*.parquet"))) == signed
    assert len(list((tmp_path / "one" / "_state" / "minhash").rglob("*.parquet"))) == 1
    feeds = [json.loads((tmp_path / name / "_state" / "feeds.json").read_text())["feeds"] for name in ("one", "many")]
    assert [f["last_outcome"] for f in feeds[0]] == [f["last_outcome"] for f in feeds[1]]


def _start(sources: Path, out: Path, run_id: str, fault: str, wave_size: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONWARNINGS="ignore", AKHBAR_FAULT=fault)
    return subprocess.Popen([sys.executable, "-m", "akhbar.runners.cli", "run", "--sources", str(sources),
                             "--output", str(out), "--run-id", run_id, "--workers", "1", "--quiet",
                             "--allow-private-addresses", "--wave-size", str(wave_size)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_run_killed_between_waves_publishes_nothing_and_the_next_run_completes(tmp_path):
    out = tmp_path / "out"
    with SiteServer(FIXTURES / "site") as site:
        sources = _sources(tmp_path / "fast.yaml", site.base, delay=0)
        proc = _start(sources, out, "killed", "after_wave:2", wave_size=2)
        proc.communicate(timeout=120)
        assert proc.returncode == -signal.SIGKILL, "the run was not killed after its second wave"
        assert not _visible_titles(out), "nothing is published before the commit"
        assert list((out / "_tmp" / "killed").rglob("*.parquet")), "two waves' temporary files were left"
        assert not (out / "_runs" / "killed.json").exists() and not (out / "_state" / "feeds.json").exists()

        code = run_akhbar("run", "--sources", str(sources), "--output", str(out), "--run-id", "next", "--workers", "1",
                          "--quiet", "--allow-private-addresses", "--wave-size", "2")
        assert code.returncode == 0, code.stderr[-3000:]
    final = _visible_titles(out)
    assert sum(final.values()) == EXPECTED and set(final.values()) == {1}, final
    assert not list((out / "_tmp").rglob("*")), "the dead run's leftovers were deleted"
    killed = json.loads((out / "_runs" / "killed.json").read_text(encoding="utf-8"))
    assert killed["status"] == "killed" and killed["totals"]["written"] == 0
