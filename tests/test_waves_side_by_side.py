"""Waves side by side (``--workers 2`` on the local runner): the dataset of one pipeline, near-duplicates
marked across waves, and a wave that dies fails the run with nothing visible."""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from akhbar.runners.site_server import SiteServer
from tests.conftest import FIXTURES
from tests.test_crash import _visible_titles
from tests.test_waves_run import _rows
from tests.test_waves_workers import _zygotes

pytestmark = pytest.mark.e2e
HOURS = ["05", "06", "07", "08", "09", "10", "11", "12"]


def _words() -> list:
    """Arabic words of our own fixture pages, to make texts that are not near-duplicates of each other."""
    text = " ".join(p.read_text(encoding="utf-8") for p in (FIXTURES / "site" / "pages").glob("*.html"))
    return sorted(set(re.findall(r"[\u0621-\u064a]{3,}", text)))


def _site(root: Path) -> Path:
    """Two sources, four stories each, an hour apart; b's last story is a's first with one more sentence."""
    rng, words = random.Random(7), _words()
    bodies = {}
    for n in range(8):
        bodies[n] = [" ".join(rng.choice(words) for _ in range(45)) + "." for _ in range(3)]
    bodies[7] = bodies[0] + [" ".join(rng.choice(words) for _ in range(12)) + "."]
    for folder in ("rss", "pages"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for source in ("a", "b"):
        items = []
        for n in range(8):
            if (n % 2 == 0) != (source == "a"):
                continue
            title = f"خبر رقم {n} من المصدر {source} " + " ".join(bodies[n][0].split()[:4])
            paragraphs = "".join(f"<p>{line}</p>" for line in bodies[n])
            (root / "pages" / f"s{n}.html").write_text(
                f'<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>{title}</title></head>'
                f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>", encoding="utf-8")
            items.append(f"<item><title>{title}</title><link>{{base}}/pages/s{n}.html</link>"
                         f"<pubDate>Mon, 23 Nov 2026 {HOURS[n]}:00:00 GMT</pubDate></item>")
        (root / "rss" / f"{source}.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
            f"<link>{{base}}/</link>{''.join(items)}</channel></rss>", encoding="utf-8")
    return root


def _sources(path: Path, base: str) -> Path:
    feeds = "\n".join(f"""  - id: {s}
    name: مصدر {s}
    country: IQ
    timezone: Asia/Baghdad
    feeds:
      - {base}/rss/{s}.xml""" for s in ("a", "b"))
    path.write_text("defaults:\n  fetch: {pages: true, concurrency_per_host: 2, delay_seconds: 0}\nsources:\n" + feeds,
                    encoding="utf-8")
    return path


def _run(sources: Path, out: Path, run_id: str, workers: int, wave_size: int, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "akhbar.runners.cli", "run", "--sources", str(sources), "--output",
                           str(out), "--run-id", run_id, "--workers", str(workers), "--allow-private-addresses",
                           "--wave-size", str(wave_size)], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONWARNINGS="ignore", **env))


@pytest.fixture(scope="module")
def copies_site(tmp_path_factory):
    root = _site(tmp_path_factory.mktemp("copies"))
    with SiteServer(root) as server:
        yield server


def test_side_by_side_waves_write_the_dataset_of_one_pipeline(tmp_path, copies_site):
    sources = _sources(tmp_path / "sources.yaml", copies_site.base)
    one = _run(sources, tmp_path / "one", "one", 1, 0)
    assert one.returncode == 0, one.stderr[-3000:]
    sbs = _run(sources, tmp_path / "sbs", "sbs", 2, 2)
    assert sbs.returncode == 0, sbs.stderr[-3000:]
    assert "waves side by side, 2 at a time" in sbs.stderr and "wave-00003 done" in sbs.stderr, sbs.stderr[-3000:]
    rows = _rows(tmp_path / "one" / "articles")
    assert len(rows) == 8
    marked = {r["title"].split()[2]: r["duplicate_of"] for r in rows if r["duplicate_of"]}
    first = next(r["article_id"] for r in rows if r["title"].startswith("خبر رقم 0 "))
    assert marked == {"7": first}, "the copy in the last wave names the story of the first"
    assert _rows(tmp_path / "sbs" / "articles") == rows
    for index in ("ids", "minhash"):
        assert (_rows(tmp_path / "one" / "_state" / index, varying={"seen_at"})
                == _rows(tmp_path / "sbs" / "_state" / index, varying={"seen_at"})), index
    reports = [json.loads((tmp_path / n / "_runs" / f"{n}.json").read_text(encoding="utf-8")) for n in ("one", "sbs")]
    assert reports[0]["totals"] == reports[1]["totals"] and reports[1]["totals"]["written"] == 8
    assert "feeds-0 done" in sbs.stderr and "feeds-1 done" in sbs.stderr, "the feeds were parsed in two parts"
    feeds = [json.loads((tmp_path / n / "_state" / "feeds.json").read_text())["feeds"] for n in ("one", "sbs")]
    assert [(f["feed_url"], f["last_outcome"]) for f in feeds[0]] == [(f["feed_url"], f["last_outcome"]) for f in feeds[1]]


def _folders(tmp_path: Path, site):
    """The sources file, the output, and a TMPDIR under which this run's zygote can be told apart."""
    (tmp_path / "scratch").mkdir()
    return _sources(tmp_path / "sources.yaml", site.base), tmp_path / "out", tmp_path / "scratch"


def _next_run_publishes_every_article_once(sources: Path, out: Path) -> None:
    again = _run(sources, out, "again", 2, 2)
    assert again.returncode == 0, again.stderr[-3000:]
    seen = _visible_titles(out)
    assert sum(seen.values()) == 8 and set(seen.values()) == {1}, seen


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_a_wave_that_dies_fails_the_run_stops_the_others_and_the_next_run_completes(tmp_path, copies_site):
    sources, out, scratch = _folders(tmp_path, copies_site)
    # every wave process kills itself at its first temporary file: the first to get there fails the run
    dead = _run(sources, out, "dead", 2, 2, AKHBAR_FAULT="after_temp_write:1", TMPDIR=str(scratch))
    assert dead.returncode == 1, dead.stderr[-3000:]
    assert re.search(r"wave \d failed \(its process exited with", dead.stderr), dead.stderr[-3000:]
    report = json.loads((out / "_runs" / "dead.json").read_text(encoding="utf-8"))
    assert report["status"] == "failed" and "wave" in report["error"]
    assert not _visible_titles(out), "nothing is published"
    assert not _zygotes(str(scratch)), "the zygote and its waves ended with the run"
    _next_run_publishes_every_article_once(sources, out)


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_a_launcher_killed_between_waves_leaves_no_process_and_nothing_visible(tmp_path, copies_site):
    sources, out, scratch = _folders(tmp_path, copies_site)
    killed = _run(sources, out, "killed", 2, 2, AKHBAR_FAULT="after_wave:1", TMPDIR=str(scratch))
    assert killed.returncode == -9, killed.stderr[-3000:]
    assert not _visible_titles(out) and not (out / "_runs" / "killed.json").exists()
    for _ in range(50):  # the zygote sees its launcher's pipe close, and ends with every wave it forked
        if not _zygotes(str(scratch)):
            break
        time.sleep(0.1)
    assert not _zygotes(str(scratch)), "the zygote outlived its launcher"
    _next_run_publishes_every_article_once(sources, out)


def test_side_by_side_without_a_zygote_runs_each_part_and_wave_as_a_plain_worker(tmp_path, copies_site):
    """``AKHBAR_NO_ZYGOTE=1``: the tasks run in ``python -m akhbar.runners.worker`` processes instead (a worker
    that did not know the task would start Beam's harness without its endpoints and fail the run)."""
    sources, out, scratch = _folders(tmp_path, copies_site)
    plain = _run(sources, out, "plain", 2, 2, AKHBAR_NO_ZYGOTE="1", TMPDIR=str(scratch))
    assert plain.returncode == 0, plain.stderr[-3000:]
    assert "waves side by side" in plain.stderr and "wave-00003 done" in plain.stderr
    seen = _visible_titles(out)
    assert sum(seen.values()) == 8 and set(seen.values()) == {1}, seen
