"""The benchmark's replay site and server, on a few articles written here, served on 127.0.0.1."""
from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import feedparser
import pytest
import trafilatura

from bench.replay_site import build_site, count_items, route_key, select_articles, select_feeds, write_inputs
from bench.serve import start_servers

ROOT = Path(__file__).resolve().parents[1]
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)


def _article(outlet: str, i: int, category: str) -> dict:
    paragraphs = [f"الفقرة رقم {k} من الخبر {i} في {outlet} تتحدث عن اجتماع وزراء الخارجية العرب في القاهرة "
                  f"لبحث الأوضاع الإقليمية وسبل التعاون المشترك بين الدول الأعضاء." for k in range(4)]
    return {"doc_id": f"{outlet}-{i}", "url": f"http://www.{outlet}.example/news/{category}/{i}",
            "source": outlet, "category": category, "title": f"عنوان الخبر {i} من {outlet}",
            "abstract": f"ملخص الخبر {i}", "author": "" if i % 2 else "مراسل الموقع",
            "published": f"Mon, {10 + i % 9:02d} Feb 2018 1{i % 10}:00:00 GMT", "text": "\n".join(paragraphs)}


def _fake_corpora(per_outlet: int = 12):
    cats = ("economy", "sport", "culture")
    return {sid: [_article(sid, i, cats[i % 3]) for i in range(per_outlet)]
            for sid in ("alarabiya", "bbc", "france24", "skynews")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_selection_is_even_and_skips_repeats_and_empty_text():
    docs = _fake_corpora(6)
    docs["bbc"].append(dict(docs["bbc"][0]))  # a repeated URL
    docs["bbc"].append(dict(_article("bbc", 99, "sport"), text="  "))  # no text
    chosen = select_articles(docs, 14)
    assert sum(len(v) for v in chosen.values()) == 14
    assert sorted(len(v) for v in chosen.values()) == [3, 3, 4, 4]
    urls = [d["url"] for v in chosen.values() for d in v]
    assert len(urls) == len(set(urls))
    # round robin over categories inside an outlet
    assert [d["category"] for d in chosen["bbc"][:3]] == ["culture", "economy", "sport"]


def test_site_has_feeds_of_limited_size_pages_with_the_text_and_inputs(tmp_path):
    manifest = build_site(tmp_path, _fake_corpora(), 40, 8080, now=NOW, items_per_feed=4, hosts=["127.0.0.1"])
    assert manifest["articles"] == 40
    feeds = [f for s in manifest["sources"] for f in s["feeds"]]
    assert all(1 <= f["items"] <= 4 for f in feeds) and sum(f["items"] for f in feeds) == 40
    routes = manifest["routes"]["127.0.0.1"]
    assert len(routes) == 40 + len(feeds) + 1  # every page, feed and robots.txt; no collisions across outlets
    feed_file = tmp_path / routes[route_key(feeds[0]["url"].split(":8080", 1)[1])]
    parsed = feedparser.parse(feed_file.read_bytes())
    assert parsed.version == "rss20" and len(parsed.entries) == feeds[0]["items"]
    entry = parsed.entries[0]
    assert "utm_source=rss" in entry.link  # tracking parameters a canonicalizer has to drop
    published = dt.datetime(*entry.published_parsed[:6], tzinfo=dt.timezone.utc)
    assert NOW - dt.timedelta(hours=73) <= published <= NOW  # squeezed into the last three days
    page = (tmp_path / routes[route_key(entry.link)]).read_text(encoding="utf-8")
    assert page.count("<p>الفقرة رقم") == 4 and "الأكثر قراءة" in page and "<nav" in page and "<script" in page
    text = trafilatura.extract(page)
    assert text and "الفقرة رقم 3" in text and "سياسة الخصوصية" not in text
    sources = (tmp_path / "sources.yaml").read_text(encoding="utf-8")
    assert "delay_seconds: 0" in sources and "timezone: Asia/Dubai" in sources


def test_feed_subsets_take_feeds_in_turn_until_enough_items(tmp_path):
    manifest = build_site(tmp_path, _fake_corpora(), 40, 8080, now=NOW, items_per_feed=4, hosts=["127.0.0.1"])
    chosen = select_feeds(manifest, 10)
    assert [f["source"] for f in chosen] == ["alarabiya", "bbc", "france24"]
    assert count_items(manifest, 10) >= 10 and count_items(manifest, None) == 40
    paths = write_inputs(manifest, tmp_path, 10, suffix="-small")
    assert len(paths["feeds"].read_text().split()) == 3


def test_server_replays_pages_with_latency_and_404s(tmp_path):
    port = _free_port()
    manifest = build_site(tmp_path, _fake_corpora(4), 8, port, now=NOW, hosts=["127.0.0.1"])
    servers = start_servers(tmp_path, latency_ms=50)
    try:
        feed_url = manifest["sources"][0]["feeds"][0]["url"]
        started = time.perf_counter()
        with urllib.request.urlopen(feed_url, timeout=5) as resp:
            body = resp.read()
            assert resp.headers["Content-Type"].startswith("application/rss+xml")
        assert time.perf_counter() - started >= 0.05
        link = feedparser.parse(body).entries[0].link
        with urllib.request.urlopen(link, timeout=5) as resp:
            assert b"<article" in resp.read()
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no/such/page", timeout=5)
        assert err.value.code == 404
    finally:
        for s in servers:
            s.shutdown()
            s.server_close()
    assert servers[0].requests == 3 and servers[0].not_found == 1


def test_server_refuses_non_loopback_hosts(tmp_path):
    with pytest.raises(ValueError):
        build_site(tmp_path, _fake_corpora(2), 4, 8080, now=NOW, hosts=["0.0.0.0"])


def test_server_process_stops_itself_after_its_lifetime(tmp_path):
    build_site(tmp_path, _fake_corpora(2), 4, _free_port(), now=NOW, hosts=["127.0.0.1"])
    proc = subprocess.Popen([sys.executable, "-m", "bench.serve", str(tmp_path), "--max-seconds", "1"],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    out, _ = proc.communicate(timeout=20)
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0]["ready"] and lines[-1] == {"requests": 0, "not_found": 0}
    assert proc.returncode == 0
