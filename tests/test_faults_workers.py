"""The fault suite on several worker processes (FnApiRunner multi_processing): same outcomes, same articles.

Work is keyed by host and grouped, each worker builds its own client and scheduler in ``setup``: nothing
relies on state shared between processes.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pyarrow.dataset as ds

from tests.fixtures.faults.server import FAULTS, RECOVERING, FaultServer
from tests.test_faults import HEALTHY_TITLES, ROOT, _sources


def test_fault_suite_on_two_worker_processes(tmp_path):
    with FaultServer() as server:
        sources = _sources(tmp_path / "sources.yaml", server)
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONWARNINGS="ignore")
        done = subprocess.run([sys.executable, "-m", "tests.fixtures.faults.run_suite", str(sources),
                               str(tmp_path / "out"), "mp", "2"], cwd=tmp_path, env=env, capture_output=True,
                              timeout=240)
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
        report = json.loads((tmp_path / "out" / "_runs" / "mp.json").read_text(encoding="utf-8"))
        outcomes = {o["url"]: o["outcome"] for src in report["sources"].values() for o in src["feed_outcomes"]}
        assert {p: outcomes[server.url(p)] for p in {**FAULTS, **RECOVERING}} == {**FAULTS, **RECOVERING}
        robots_requests = [p for p, _ in server.requests if p == "/robots.txt"]
        assert len(robots_requests) == 1, "one host, one group, one robots.txt fetch across workers"
    rows = ds.dataset(tmp_path / "out" / "articles", format="parquet", partitioning="hive").to_table().to_pylist()
    assert {r["title"] for r in rows} == HEALTHY_TITLES
