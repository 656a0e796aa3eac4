"""The script a user would write instead of Akhbar: the baseline Akhbar has to beat.

Sequential requests, feedparser on each feed, trafilatura on each page, langdetect on the whole text,
all rows in a list, one pyarrow ``write_table`` at the end. No dedup, no extraction, no politeness. The
loop body is deliberately written the way such scripts are written; only the argument handling and the
one-line JSON summary on stdout are for the harness.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

import feedparser
import pyarrow as pa
import pyarrow.parquet as pq
import requests
import trafilatura
from langdetect import detect


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("feeds_file", help="one feed URL per line")
    ap.add_argument("output", help="parquet file to write")
    args = ap.parse_args(argv)
    feeds = [line.strip() for line in open(args.feeds_file, encoding="utf-8") if line.strip()]
    started = time.perf_counter()

    rows = []
    for feed_url in feeds:
        try:
            resp = requests.get(feed_url, timeout=30)
        except requests.RequestException as exc:
            print("feed failed", feed_url, exc, file=sys.stderr)
            continue
        feed = feedparser.parse(resp.content)
        for entry in feed.entries:
            try:
                page = requests.get(entry.link, timeout=30)
            except requests.RequestException as exc:
                print("page failed", entry.link, exc, file=sys.stderr)
                continue
            text = trafilatura.extract(page.text)
            if not text:
                continue
            try:
                lang = detect(text)
            except Exception:
                continue
            if lang != "ar":
                continue
            rows.append({
                "url": entry.link,
                "title": entry.get("title", ""),
                "summary": entry.get("summary", ""),
                "published": entry.get("published", ""),
                "author": entry.get("author", ""),
                "text": text,
                "language": lang,
            })

    pq.write_table(pa.Table.from_pylist(rows), args.output)
    print(json.dumps({"written": len(rows), "feeds": len(feeds),
                      "seconds": round(time.perf_counter() - started, 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
