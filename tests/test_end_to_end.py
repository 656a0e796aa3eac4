"""``akhbar run`` as a user runs it: a subprocess against the fixture site, read back with pyarrow."""
from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from akhbar.schemas.articles import ARTICLES_SCHEMA
from tests.conftest import run_akhbar, write_sources

pytestmark = pytest.mark.e2e

HOSPITAL = "افتتاح مستشفى جديد في الموصل بسعة 200 سرير"
ARABIC_TITLES = {
    "furat": {HOSPITAL, "صفحة بلا ترميز في الترويسة",
              "خبر بلا تاريخ نشر عن أمطار غزيرة في البصرة", "خبر بتاريخ نشر في المستقبل البعيد"},
    "gulf-now": {"الإمارات تستضيف منتدى الطاقة الدولي", "سلطنة عمان تعلن موعد اليوم الوطني"},
}


def _run(tmp_path, site, *extra):
    sources = write_sources(tmp_path / "sources.yaml", site.base, extra_feed=f"{site.base}/rss/missing.xml")
    out = tmp_path / "out"
    result = run_akhbar("run", "--sources", str(sources), "--output", str(out), "--run-id", "t1",
                        "--workers", "1", "--allow-private-addresses", *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    return out, result


def _check_dataset(out, result):
    dataset = ds.dataset(out / "articles", format="parquet", partitioning="hive")
    table = dataset.to_table()
    rows = table.to_pylist()
    titles = sorted(row["title"] for row in rows)
    assert titles == sorted(set.union(*ARABIC_TITLES.values())), "every Arabic item once, nothing else"
    for row in rows:
        if row["title"] != HOSPITAL:  # listed by both sources' feeds: either may keep it
            assert row["title"] in ARABIC_TITLES[row["source"]], (row["source"], row["title"])

    for field in ARTICLES_SCHEMA:
        assert table.schema.field(field.name).type == field.type, field.name
    assert table.schema.field("published_at").type == pa.timestamp("us", tz="UTC")

    hospital = [r for r in rows if r["title"].startswith("افتتاح مستشفى")]
    assert len(hospital) == 1, "listed by two feeds, written once"
    assert hospital[0]["body_source"] == "page"
    assert "مدير صحة نينوى" in hospital[0]["body"] and "جميع الحقوق" not in hospital[0]["body"]
    assert hospital[0]["url"].endswith("/pages/mosul-hospital.html")
    assert str(hospital[0]["date"]) == "2026-11-23"

    meta = [r for r in rows if r["title"] == "صفحة بلا ترميز في الترويسة"][0]
    assert "يجب أن يقرأ النص العربي هنا صحيحاً" in meta["body"], "meta charset honoured, no mojibake"

    future = [r for r in rows if "المستقبل" in r["title"]][0]
    assert future["published_at"] is None, "a publication date in 2100 is not usable"
    assert str(future["date"]) == future["fetched_at"].date().isoformat(), "partitioned by fetch date"

    gulf = {r["title"]: r for r in rows if r["source"] == "gulf-now"}
    assert gulf["الإمارات تستضيف منتدى الطاقة الدولي"]["body_source"] == "feed_content", "page 404 -> feed content"
    assert gulf["سلطنة عمان تعلن موعد اليوم الوطني"]["body_source"] == "summary"
    assert all(r["language"] == "ar" and r["language_score"] > 0.5 for r in rows)
    assert all(r["run_id"] == "t1" for r in rows)

    report = json.loads((out / "_runs" / "t1.json").read_text(encoding="utf-8"))
    furat = report["sources"]["furat"]
    assert report["status"] == "partial", "a feed failed, so the run is partial"
    assert furat["feeds"] == 2 and furat["feeds_failed"] == 1
    assert any(e["url"].endswith("/rss/missing.xml") and e["kind"] == "http_404" for e in furat["errors"])
    assert furat["not_arabic"] == 1 and furat["not_arabic_by_language"] == {"en": 1}
    assert report["totals"]["written"] == len(rows) == 6
    assert report["totals"]["duplicates"] == 1

    rejects = ds.dataset(out / "rejects", format="parquet", partitioning="hive").to_table().to_pylist()
    assert [(r["source"], r["title"], r["language"]) for r in rejects] == [
        ("furat", "Oil exports from Basra rise in November", "en")], "keep_rejects writes what the gate turned away"
    assert rejects[0]["reason"]

    assert "TOTAL" in result.stdout and "furat" in result.stdout, "per-source table at the end"
    assert "feeds 3/3 done" in result.stderr, "progress on stderr"


def test_run_writes_arabic_articles_partitioned_by_date_and_source(tmp_path, site):
    out, result = _run(tmp_path, site)
    _check_dataset(out, result)
    files = sorted(p.relative_to(out).as_posix() for p in (out / "articles").rglob("*.parquet"))
    assert all(f.split("/")[1].startswith("date=") and f.split("/")[2].startswith("source=") for f in files)
    assert all(f.split("/")[-1].startswith("part-t1-") for f in files)


def test_same_graph_runs_on_the_portable_runner_in_loopback_mode(tmp_path, site):
    out, result = _run(tmp_path, site, "--runner", "portable")
    _check_dataset(out, result)
