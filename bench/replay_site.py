"""Build a replay news site from the ANT corpora: RSS 2.0 feeds and article pages on several loopback hosts.

Each corpus outlet becomes one source on its own host (127.0.0.2, .3, ...). Its articles are split by
category into feeds of ~30 items; every item links to a page that wraps the article's real paragraphs in
realistic boilerplate (bench/page_templates.py). Publication times are squeezed into the last few days
before ``now`` (keeping order and each outlet's time-zone style) so a run sees a daily crawl's shape: few
date partitions, nothing "too old". Output is a folder the server (bench/serve.py) replays, plus a
``manifest.json``, a ``sources.yaml`` for ``akhbar run`` and a ``feeds.txt`` for the user's script.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence
from urllib.parse import quote, unquote, urlsplit

from bench.page_templates import NAV_LABELS, render_page

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


@dataclass(frozen=True)
class Outlet:
    source_id: str
    corpus_file: str
    name: str
    country: str
    timezone: str
    utc_offset_hours: int  # the time-zone style of the outlet's own pubDate values


OUTLETS = [
    Outlet("alarabiya", "alarabia.jsonl.gz", "العربية", "AE", "Asia/Dubai", 4),
    Outlet("bbc", "bbc.jsonl.gz", "بي بي سي عربي", "GB", "Europe/London", 0),
    Outlet("france24", "france24.jsonl.gz", "فرانس 24", "FR", "Europe/Paris", 0),
    Outlet("skynews", "skynews.jsonl.gz", "سكاي نيوز عربية", "AE", "Asia/Dubai", 0),
]
CATEGORY_LABELS = {"culture": "ثقافة وفن", "economy": "اقتصاد", "internationalNews": "العالم",
                   "middleEast": "الشرق الأوسط", "sport": "رياضة", "technology": "تكنولوجيا"}


def host_for(index: int) -> str:
    """Loopback address of the index-th outlet: 127.0.0.2, 127.0.0.3, ..."""
    return f"127.0.0.{2 + index}"


def read_corpus(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _round_robin(groups: Sequence[List[dict]]) -> Iterator[dict]:
    iters = [iter(g) for g in groups]
    while iters:
        alive = []
        for it in iters:
            item = next(it, None)
            if item is not None:
                yield item
                alive.append(it)
        iters = alive


def select_articles(docs_by_outlet: Dict[str, Iterable[dict]], n: int) -> Dict[str, List[dict]]:
    """Up to ``n`` articles with unique URLs and non-empty text, spread evenly over outlets and categories."""
    per_outlet: Dict[str, Iterator[dict]] = {}
    for sid, docs in docs_by_outlet.items():
        by_cat: Dict[str, List[dict]] = {}
        seen = set()
        for d in docs:
            if d.get("url") in seen or not d.get("text", "").strip() or not d.get("title", "").strip():
                continue
            seen.add(d["url"])
            by_cat.setdefault(d.get("category", "news"), []).append(d)
        per_outlet[sid] = _round_robin([by_cat[c] for c in sorted(by_cat)])
    chosen: Dict[str, List[dict]] = {sid: [] for sid in docs_by_outlet}
    total, active = 0, list(per_outlet)
    while total < n and active:
        still = []
        for sid in active:
            if total >= n:
                break
            d = next(per_outlet[sid], None)
            if d is not None:
                chosen[sid].append(d)
                total += 1
                still.append(sid)
        active = still
    return chosen


def _published(d: dict) -> dt.datetime:
    try:
        return email.utils.parsedate_to_datetime(d.get("published", ""))
    except (TypeError, ValueError):
        return dt.datetime(2018, 1, 1, tzinfo=dt.timezone.utc)


def squeeze_dates(docs: List[dict], now: dt.datetime, window_hours: float, offset_hours: int) -> List[dt.datetime]:
    """New publication times, newest first order kept, spread evenly over ``window_hours`` before ``now``."""
    order = sorted(range(len(docs)), key=lambda i: _published(docs[i]), reverse=True)
    tz = dt.timezone(dt.timedelta(hours=offset_hours))
    out: List[Optional[dt.datetime]] = [None] * len(docs)
    step = window_hours * 3600 / max(1, len(docs))
    for rank, i in enumerate(order):
        out[i] = (now - dt.timedelta(seconds=60 + rank * step)).astimezone(tz).replace(microsecond=0)
    return out  # type: ignore[return-value]


def rfc822(when: dt.datetime) -> str:
    return email.utils.format_datetime(when, usegmt=when.utcoffset() == dt.timedelta(0))


def _xml(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def render_feed(*, title: str, link: str, items: List[dict]) -> str:
    """RSS 2.0 with the elements Arabic outlets use: title, link, guid, description, pubDate, category, dc:creator."""
    parts = []
    for it in items:
        creator = f"<dc:creator>{_xml(it['author'])}</dc:creator>" if it["author"] else ""
        parts.append(
            f"<item><title>{_xml(it['title'])}</title><link>{_xml(it['link'])}</link>"
            f'<guid isPermaLink="true">{_xml(it["url"])}</guid>'
            f"<description>{_xml(it['abstract'])}</description><pubDate>{it['pubDate']}</pubDate>"
            f"<category>{_xml(it['category'])}</category>{creator}</item>")
    newest = items[0]["pubDate"] if items else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{_xml(title)}</title><link>{_xml(link)}</link><description>{_xml(title)}</description>"
            f"<language>ar</language><lastBuildDate>{newest}</lastBuildDate>"
            + "".join(parts) + "</channel></rss>\n")


def route_key(path: str) -> str:
    """How the server looks a request path up: percent-decoded, no query, no trailing slash."""
    p = unquote(urlsplit(path).path)
    return p.rstrip("/") or "/"


def build_site(out_dir: Path, docs_by_outlet: Dict[str, Iterable[dict]], n_articles: int, port: int,
               now: Optional[dt.datetime] = None, items_per_feed: int = 30, window_hours: float = 72.0,
               concurrency_per_host: int = 16, hosts: Optional[Sequence[str]] = None) -> dict:
    """Write the site under ``out_dir`` and return its manifest (also written as manifest.json).

    ``hosts`` overrides the loopback address of each outlet (cycled); the default is one host per outlet.
    """
    now = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    chosen = select_articles(docs_by_outlet, n_articles)
    outlets = [o for o in OUTLETS if o.source_id in chosen] + [
        Outlet(sid, "", sid, "", "UTC", 0) for sid in chosen if sid not in {o.source_id for o in OUTLETS}]
    manifest: dict = {"port": port, "built_at": now.isoformat(), "items_per_feed": items_per_feed,
                      "articles": 0, "routes": {}, "sources": []}
    for idx, outlet in enumerate(outlets):
        host = hosts[idx % len(hosts)] if hosts else host_for(idx)
        if not host.startswith("127."):
            raise ValueError(f"{host}: the replay site lives on loopback addresses only")
        origin = f"http://{host}:{port}"
        docs = chosen[outlet.source_id]
        dates = squeeze_dates(docs, now, window_hours, outlet.utc_offset_hours)
        routes: Dict[str, str] = manifest["routes"].setdefault(host, {})
        (out_dir / host / "a").mkdir(parents=True, exist_ok=True)
        (out_dir / host / "rss").mkdir(parents=True, exist_ok=True)
        urls = []
        for i, d in enumerate(docs):
            path = quote(urlsplit(d["url"]).path or f"/article/{i}", safe="/-_.~")
            if route_key(path) in routes:  # two outlets sharing a host and a path: keep both
                path = f"/{outlet.source_id}{path}"
            urls.append(f"{origin}{path}")
        nav = [(f"{origin}/section/{k}", label) for k, label in enumerate(NAV_LABELS)]
        by_cat: Dict[str, List[int]] = {}
        for i, d in enumerate(docs):
            by_cat.setdefault(d.get("category", "news"), []).append(i)
        pos_in_cat = {i: k for ids in by_cat.values() for k, i in enumerate(ids)}
        for i, d in enumerate(docs):
            cat_ids = by_cat[d.get("category", "news")]
            pos = pos_in_cat[i]
            neighbours = [cat_ids[(pos + k) % len(cat_ids)] for k in range(1, 7)]
            related = [(urls[j], docs[j]["title"]) for j in dict.fromkeys(neighbours) if j != i]
            most_read = [(urls[j], docs[j]["title"]) for j in ((i * 7 + k) % len(docs) for k in range(10))]
            page = render_page(site_name=outlet.name, origin=origin, url=urls[i], title=d["title"],
                               abstract=d.get("abstract", ""), author=d.get("author", ""),
                               published_iso=dates[i].isoformat(),
                               category_label=CATEGORY_LABELS.get(d.get("category", ""), "أخبار"),
                               paragraphs=[p for p in d["text"].split("\n") if p.strip()],
                               related=related, most_read=most_read, nav=nav, seed=i)
            rel = f"{host}/a/{outlet.source_id}-{i}.html"
            (out_dir / rel).write_text(page, encoding="utf-8")
            routes[route_key(urls[i])] = rel
        feeds = []
        for cat in sorted(by_cat):
            ids = sorted(by_cat[cat], key=lambda j: dates[j], reverse=True)
            for k in range(0, len(ids), items_per_feed):
                chunk = ids[k:k + items_per_feed]
                feed_path = f"/rss/{outlet.source_id}/{cat}-{k // items_per_feed + 1}.xml"
                items = [{"title": docs[j]["title"], "link": urls[j] + "?utm_source=rss&utm_medium=feed",
                          "url": urls[j], "abstract": docs[j].get("abstract", ""),
                          "pubDate": rfc822(dates[j]), "category": CATEGORY_LABELS.get(cat, cat),
                          "author": docs[j].get("author", "")} for j in chunk]
                rel = f"{host}/rss/{outlet.source_id}-{cat}-{k // items_per_feed + 1}.xml"
                (out_dir / rel).write_text(render_feed(title=f"{outlet.name} - {CATEGORY_LABELS.get(cat, cat)}",
                                                       link=origin + "/", items=items), encoding="utf-8")
                routes[route_key(feed_path)] = rel
                feeds.append({"url": origin + feed_path, "items": len(chunk)})
        if route_key("/robots.txt") not in routes:  # crawlers ask first; a real site answers
            (out_dir / host / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
            routes[route_key("/robots.txt")] = f"{host}/robots.txt"
        manifest["sources"].append({"id": outlet.source_id, "name": outlet.name, "country": outlet.country,
                                    "timezone": outlet.timezone, "host": host, "feeds": feeds})
        manifest["articles"] += len(docs)
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    write_inputs(manifest, out_dir, None, concurrency_per_host)
    return manifest


def select_feeds(manifest: dict, max_articles: Optional[int]) -> List[dict]:
    """Feeds taken in turn from each source until they hold at least ``max_articles`` items (None: all).

    Returns ``[{"source": id, "url": ..., "items": k}]`` in the order they were taken.
    """
    queues = [[dict(f, source=s["id"]) for f in s["feeds"]] for s in manifest["sources"]]
    out, total, depth = [], 0, 0
    while any(depth < len(q) for q in queues):
        for q in queues:
            if depth < len(q) and (max_articles is None or total < max_articles):
                out.append(q[depth])
                total += q[depth]["items"]
        depth += 1
    return out


def write_inputs(manifest: dict, out_dir: Path, max_articles: Optional[int], concurrency_per_host: int = 16,
                 suffix: str = "") -> Dict[str, Path]:
    """sources<suffix>.yaml for akhbar and feeds<suffix>.txt for the user's script, limited to a feed subset."""
    import yaml

    feeds = select_feeds(manifest, max_articles)
    wanted = {f["url"] for f in feeds}
    sources = []
    for s in manifest["sources"]:
        urls = [f["url"] for f in s["feeds"] if f["url"] in wanted]
        if urls:
            sources.append({"id": s["id"], "name": s["name"], "country": s["country"] or None,
                            "timezone": s["timezone"], "feeds": urls})
    doc = {"defaults": {"fetch": {"pages": True, "concurrency_per_host": concurrency_per_host,
                                  "delay_seconds": 0}},
           "sources": sources}
    paths = {"sources": Path(out_dir) / f"sources{suffix}.yaml", "feeds": Path(out_dir) / f"feeds{suffix}.txt"}
    paths["sources"].write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    paths["feeds"].write_text("".join(f["url"] + "\n" for f in feeds), encoding="utf-8")
    return paths


def count_items(manifest: dict, max_articles: Optional[int]) -> int:
    return sum(f["items"] for f in select_feeds(manifest, max_articles))


def load_corpora(corpora: Path = CORPORA) -> Dict[str, Iterator[dict]]:
    return {o.source_id: read_corpus(Path(corpora) / o.corpus_file) for o in OUTLETS
            if (Path(corpora) / o.corpus_file).exists()}


def main(argv: Optional[List[str]] = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Build the replay site from ../shared/corpora.")
    ap.add_argument("out_dir")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--corpora", default=str(CORPORA))
    args = ap.parse_args(argv)
    m = build_site(Path(args.out_dir), load_corpora(Path(args.corpora)), args.articles, args.port)
    size = sum(f.stat().st_size for f in Path(args.out_dir).rglob("*") if f.is_file())
    print(f"{m['articles']} articles, {sum(len(s['feeds']) for s in m['sources'])} feeds, "
          f"{len(m['sources'])} hosts, {size / 1e6:.1f} MB in {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
