"""The benchmark's measuring parts: process-tree measurement, stage attribution, ratios and goals, and a
smoke run of the user's script against a replay site built from the corpora (skipped without them)."""
from __future__ import annotations

import datetime as dt
import socket
import sys
from pathlib import Path

import pytest

from bench.measure import run_measured
from bench.report import goals, markdown, ratios
from bench.stages import stage_cpu_ms, stage_of

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"

CHILD = """
import subprocess, sys, time
kid = subprocess.Popen([sys.executable, "-c",
    "import time; b = bytearray(150 * 2**20); b[::4096] = b'x' * len(b[::4096]); t = time.process_time()\\n"
    "while time.process_time() - t < 0.4: pass\\ntime.sleep(0.6)"])
kid.wait()
"""


def test_run_measured_counts_the_whole_tree(tmp_path):
    m = run_measured([sys.executable, "-c", CHILD], stdout_path=tmp_path / "o", stderr_path=tmp_path / "e",
                     poll=0.05)
    assert m.returncode == 0 and not m.timed_out
    assert m.peak_procs >= 2
    assert m.peak_pss_mb >= 150  # the grandchild's buffer, seen through the tree
    assert m.cpu_s >= 0.4  # the grandchild's busy loop, reaped by its parent
    assert m.wall_s >= 1.0


def test_run_measured_kills_on_timeout(tmp_path):
    m = run_measured([sys.executable, "-c", "import time; time.sleep(30)"], stdout_path=tmp_path / "o",
                     stderr_path=tmp_path / "e", timeout=0.5)
    assert m.timed_out and m.wall_s < 10


def _stack(*files):
    return ['process 1:"python"'] + [f"f{i} ({path}:1)" for i, path in enumerate(files)]


def test_stage_of_names_the_step_not_the_helper():
    beam = "apache_beam/runners/worker/operations.py"
    assert stage_of(_stack(beam, "transforms/pages.py", "transforms/http.py", "http/client.py")) == "fetch"
    assert stage_of(_stack(beam, "transforms/pages.py", "trafilatura/core.py")) == "main_text"
    assert stage_of(_stack(beam, "transforms/gate.py", "transforms/language.py",
                           "transforms/script_stats.py")) == "language"
    assert stage_of(_stack(beam, "transforms/extract.py", "transforms/quotes_lexicon.py",
                           "transforms/normalize.py")) == "quotes"
    # apache_beam's own transforms/ and runners/ folders are Beam, not Akhbar
    assert stage_of(_stack("apache_beam/transforms/core.py", "apache_beam/runners/common.py")) == "beam"
    assert stage_of(_stack(beam, "pyarrow/parquet/core.py")) == "write"
    assert stage_of(_stack("bench/user_script.py", "langdetect/detector.py")) == "language"
    assert stage_of(_stack("<frozen importlib._bootstrap>", "transforms/places.py")) == "startup_import"
    assert stage_of(['process 1:"python"']) == "native"


def test_stage_cpu_scales_samples_to_measured_cpu():
    from collections import Counter

    got = stage_cpu_ms(Counter({"main_text": 75, "language": 25}), cpu_s=2.0, articles=100)
    assert got == {"main_text": 15.0, "language": 5.0}


def _run(name, kind, workers, lat, entries, rate, cpu_ms, pss):
    return {"name": name, "kind": kind, "workers": workers, "latency_ms": lat, "entries": entries,
            "written": entries, "ok": True, "articles_per_s": rate, "cpu_ms_per_article": cpu_ms,
            "peak_pss_mb": pss, "wall_s": entries / rate}


def _markdown(runs, r) -> str:
    return markdown({"started_at": "x", "command": "c", "machine": {"cpus": 2, "loadavg_start": [0, 0, 0]},
                     "site": {"articles": 1000, "feeds": 34, "hosts": 4, "mean_page_kb": 30}, "runs": runs,
                     "ratios": r, "goals": goals(r, runs)})


def test_ratios_and_goals_from_runs():
    runs = [_run("user-0ms", "user", 1, 0, 1000, 50.0, 20.0, 200),
            _run("plain-0ms", "plain", 1, 0, 1000, 45.0, 22.0, 200),
            _run("akhbar-w1-0ms", "akhbar", 1, 0, 1000, 40.0, 24.2, 500),
            _run("akhbar-w2-0ms", "akhbar", 2, 0, 1000, 80.0, 24.0, 900),
            _run("akhbar-w2-0ms-m25", "akhbar-memory", 2, 0, 250, 60.0, 30.0, 600),
            _run("user-200ms", "user", 1, 200, 100, 4.0, 25.0, 200),
            _run("akhbar-w1-200ms", "akhbar", 1, 200, 1000, 30.0, 25.0, 500),
            _run("akhbar-w2-200ms", "akhbar", 2, 200, 1000, 44.0, 25.0, 900)]
    r = ratios(runs)
    assert r["akhbar_w2_over_user_0ms"] == 1.6
    assert r["akhbar_w2_over_user_200ms"] == 11.0
    assert r["w2_over_w1_0ms"] == 2.0
    assert r["overhead_cpu_vs_plain"] == 0.1
    assert r["memory_growth_full_over_smallest"] == 1.5
    met = {g["goal"]: g["pass"] for g in goals(r, runs)}
    assert met["akhbar (2 workers) vs user script, 0 ms"] is True
    assert met["memory growth, full size over smallest"] is False
    assert "| akhbar-w2-0ms | 2 | 0 | 1000 | 1000 | 80.00 |" in _markdown(runs, r)


def test_rounds_give_median_rates_and_each_rounds_ratio():
    runs = [_run("akhbar-w1-0ms", "akhbar", 1, 0, 1000, 40.0, 24.0, 500),
            _run("akhbar-w2-0ms", "akhbar", 2, 0, 1000, 60.0, 24.0, 900),
            _run("akhbar-w1-0ms#2", "akhbar", 1, 0, 1000, 50.0, 23.0, 520),
            _run("akhbar-w2-0ms#2", "akhbar", 2, 0, 1000, 90.0, 23.0, 910),
            _run("akhbar-w1-0ms#3", "akhbar", 1, 0, 1000, 45.0, 25.0, 510),
            _run("akhbar-w2-0ms#3", "akhbar", 2, 0, 1000, 81.0, 25.0, 950),
            _run("akhbar-w2-0ms-m25", "akhbar-memory", 2, 0, 250, 60.0, 30.0, 600)]
    r = ratios(runs)
    assert r["w2_over_w1_0ms"] == 1.8, "median 81 over median 45, not the first round's 1.5"
    assert r["w2_over_w1_0ms_by_round"] == [1.5, 1.8, 1.8]
    assert r["memory_growth_full_over_smallest"] == round(910 / 600, 3), "the median peak of the full size"
    assert r["peak_pss_mb_max_akhbar"] == 950, "the memory goal takes the largest peak of any round"
    runs[3]["ok"] = False
    assert ratios(runs)["w2_over_w1_0ms"] == round(70.5 / 45, 3), "a failed round is left out"
    assert "per round: `w2_over_w1_0ms_by_round` 1.50, 1.80, 1.80" in _markdown(runs, r)


@pytest.mark.corpus
def test_user_script_and_plain_loop_on_a_small_corpus_site(tmp_path):
    if not (CORPORA / "bbc.jsonl.gz").exists():
        pytest.skip("../shared/corpora is absent")
    import pyarrow.parquet as pq

    import pyarrow.dataset as pads

    from bench import plain_loop, user_script
    from bench.replay_site import build_site, load_corpora
    from bench.serve import start_servers

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    manifest = build_site(tmp_path / "site", load_corpora(CORPORA), 24, port, hosts=["127.0.0.1"],
                          now=dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc))
    assert manifest["articles"] == 24 and len(manifest["sources"]) == 4
    servers = start_servers(tmp_path / "site", latency_ms=0)
    try:
        assert user_script.main([str(tmp_path / "site" / "feeds.txt"), str(tmp_path / "out.parquet")]) == 0
        assert plain_loop.main(["--sources", str(tmp_path / "site" / "sources.yaml"),
                                "--output", str(tmp_path / "plain")]) == 0
    finally:
        for srv in servers:
            srv.shutdown()
            srv.server_close()
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.num_rows == 24  # every corpus article comes back as Arabic main text
    assert min(len(t) for t in table.column("text").to_pylist()) > 100
    plain = pads.dataset(tmp_path / "plain" / "articles", format="parquet", partitioning="hive").to_table()
    assert plain.num_rows == 24  # the benchmark's floor runs the same functions over the same articles
