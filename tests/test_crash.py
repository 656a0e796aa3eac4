"""Crash safety: a run killed with SIGKILL while fetching, writing or publishing leaves nothing partial
visible, and the next run completes the dataset with every article exactly once.

Killing "while fetching" is done from outside, once the site has served a page. The other points use the
``AKHBAR_FAULT`` hook of ``sink_commit.fault_point``: the run SIGKILLs itself right after, say, its second
rename, which is exactly what an outside kill landing there does, but repeatable.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from akhbar.runners.cli import main as akhbar_main
from tests.conftest import FIXTURES
from akhbar.runners.site_server import SiteServer

pytestmark = pytest.mark.e2e

# The fixture site's Arabic items (see tests/fixtures/site): each must end up exactly once.
EXPECTED = 6


def _sources(path: Path, base: str, delay: float) -> Path:
    path.write_text(f"""
defaults:
  fetch: {{pages: true, concurrency_per_host: 1, delay_seconds: {delay}}}
sources:
  - id: furat
    timezone: Asia/Baghdad
    feeds: [{base}/rss/iraq.xml]
  - id: gulf-now
    keep_rejects: true
    feeds: [{base}/atom/gulf.xml]
""", encoding="utf-8")
    return path


def _start(sources: Path, out: Path, run_id: str, fault: str = "") -> subprocess.Popen:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    env.pop("AKHBAR_FAULT", None)
    if fault:
        env["AKHBAR_FAULT"] = fault
    return subprocess.Popen([sys.executable, "-m", "akhbar.runners.cli", "run", "--sources", str(sources),
                             "--output", str(out), "--run-id", run_id, "--workers", "1", "--quiet",
                             "--allow-private-addresses"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _visible_titles(out: Path) -> Counter:
    """What a reader sees: every file under articles/ must open whole."""
    articles = out / "articles"
    if not articles.exists():
        return Counter()
    for path in articles.rglob("*"):
        if path.is_file():
            assert path.suffix == ".parquet" and not path.name.startswith((".", "_")), path
            pq.read_metadata(path)  # raises on a truncated file
    table = ds.dataset(articles, format="parquet", partitioning="hive").to_table(columns=["title", "source"])
    return Counter(zip(table.column("source").to_pylist(), table.column("title").to_pylist()))


def _kill_while_fetching(proc: subprocess.Popen, site: SiteServer) -> None:
    deadline = time.monotonic() + 60
    while not any(r.startswith("/pages/") for r in site.requests):
        assert proc.poll() is None and time.monotonic() < deadline, "the run ended before fetching pages"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)


# (Killed between the manifest and the first rename is the same case for recovery as after_rename; it is
# covered without a subprocess in test_sink.py::test_recover_rolls_committed_runs_forward_and_discards_the_rest.)
@pytest.mark.parametrize("point", ["fetching", "after_temp_write:2", "after_rename:2"])
def test_killed_run_leaves_nothing_partial_and_next_run_completes(tmp_path, point):
    out = tmp_path / "out"
    with SiteServer(FIXTURES / "site") as site:
        slow = _sources(tmp_path / "slow.yaml", site.base, delay=0.7)
        fast = _sources(tmp_path / "fast.yaml", site.base, delay=0)
        if point == "fetching":
            proc = _start(slow, out, "killed")
            _kill_while_fetching(proc, site)
        else:
            proc = _start(fast, out, "killed", fault=point)
        proc.communicate(timeout=120)
        assert proc.returncode == -signal.SIGKILL, f"the run was not killed at {point}"

        seen = _visible_titles(out)
        assert all(n == 1 for n in seen.values())
        if point in ("fetching", "after_temp_write:2"):
            assert not seen, "nothing is published before the commit"
        if point == "after_rename:2":
            assert 0 < sum(seen.values()) < EXPECTED, "killed halfway through the renames"
        leftovers = list((out / "_tmp").rglob("*")) if (out / "_tmp").exists() else []
        assert leftovers or point == "fetching", "the killed run left temporary files"

        site.requests.clear()
        code = akhbar_main(["run", "--sources", str(fast), "--output", str(out), "--run-id", "next",
                            "--workers", "1", "--quiet", "--allow-private-addresses"])
        assert code == 0
        final = _visible_titles(out)
        assert sum(final.values()) == EXPECTED and set(final.values()) == {1}, final
        assert not (out / "_tmp").exists() or not list((out / "_tmp").rglob("*")), "leftovers cleaned"
        if point == "after_rename:2":
            # the killed run had committed: the next run finished its publish and fetched none of its pages
            # (not even the English one: the ids index remembers pages the gate turned away)
            assert not any(r.startswith("/pages/") for r in site.requests), site.requests
            assert (out / "_runs" / "killed.json").exists()
        runs = sorted(p.name for p in (out / "_runs").iterdir())
        assert "next.json" in runs
