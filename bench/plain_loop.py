"""Akhbar's own step functions called in a plain single-process loop: the floor for pipeline overhead.

Same sources file, same pure functions as ``akhbar run`` (fetch, parse_feed, first listing, main_text,
choose_body, judge, the five extractors with their offset check, to_record, partitioning, write_table),
no Beam. Prints one JSON line: articles written and CPU / wall seconds per stage, measured around each
call with ``time.process_time`` (the loop is single-threaded, so process CPU is the stage's CPU).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Dict, List, Tuple

import pyarrow as pa

from akhbar.pipeline.sources import load_sources
from akhbar.schemas.articles import ARTICLES_SCHEMA, record_to_row
from akhbar.schemas.records import Article
from akhbar.transforms import http
from akhbar.transforms.extract import EXTRACTORS, checked_items
from akhbar.transforms.feeds import parse_feed
from akhbar.transforms.join import to_record
from akhbar.transforms.language import judge
from akhbar.transforms.pages import choose_body, main_text
from akhbar.transforms.rows import article_partition_row
from akhbar.transforms.fsio import join_path
from akhbar.transforms.sink import write_table

FEED_ACCEPT = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
PAGE_ACCEPT = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}


class StageClock:
    """CPU and wall seconds per named stage."""

    def __init__(self):
        self.cpu: Dict[str, float] = defaultdict(float)
        self.wall: Dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str):
        c0, w0 = time.process_time(), time.perf_counter()
        try:
            yield
        finally:
            self.cpu[name] += time.process_time() - c0
            self.wall[name] += time.perf_counter() - w0


def run(sources_path: str, output: str, run_id: str, allow_private: bool = True) -> dict:
    clock = StageClock()
    policy = http.FetchPolicy(allow_private=allow_private)
    tasks = load_sources(sources_path).tasks()
    seen: set = set()
    partitions: Dict[Tuple[str, str], List] = defaultdict(list)
    counts = {"feeds": len(tasks), "feeds_failed": 0, "entries": 0, "duplicates": 0, "not_arabic": 0,
              "page_errors": 0, "written": 0}
    for task in tasks:
        with clock.stage("fetch_feed"):
            result = http.fetch(task.feed_url, policy, http.FEED_MAX_BYTES, headers=FEED_ACCEPT)
        feed_fetched_at = dt.datetime.now(dt.timezone.utc)
        if not result.ok:
            counts["feeds_failed"] += 1
            continue
        with clock.stage("parse_feed"):
            entries, outcome, _ = parse_feed(result.body or b"", result.headers, task)
        counts["entries"] += len(entries)
        for entry in entries:
            with clock.stage("dedup"):
                repeat = entry.article_id in seen
                seen.add(entry.article_id)
            if repeat:
                counts["duplicates"] += 1
                continue
            fetched_at = feed_fetched_at
            page_text = ""
            if entry.task.fetch.pages:
                fetched_at = dt.datetime.now(dt.timezone.utc)
                with clock.stage("fetch_page"):
                    page = http.fetch(entry.url, policy, http.PAGE_MAX_BYTES, headers=PAGE_ACCEPT)
                if page.ok:
                    with clock.stage("main_text"):
                        page_text = main_text(page.body or b"", page.headers, page.final_url)
                else:
                    counts["page_errors"] += 1
            body, body_source = choose_body(entry, page_text)
            article = Article(entry=entry, body=body, body_source=body_source, fetched_at=fetched_at)
            with clock.stage("language"):
                verdict = judge(entry.title, entry.summary, body)
            if not verdict.is_arabic:
                counts["not_arabic"] += 1
                continue
            article = Article(entry=entry, body=body, body_source=body_source, fetched_at=fetched_at,
                              language=verdict.language, language_score=verdict.score)
            extracted = {}
            ctx = article.context()
            for name, fn in EXTRACTORS.items():
                with clock.stage(name):
                    try:
                        items = list(fn(entry.title, body, ctx))
                    except Exception:  # as the pipeline does: one failing extractor costs its own list
                        items = []
                    extracted[name], _bad = checked_items(entry.title, body, items)
            with clock.stage("record"):
                key, record = article_partition_row((entry.source_id, to_record(article, extracted, run_id)))
                partitions[key].append(record)
    with clock.stage("write"):
        for (date, source_id), records in sorted(partitions.items()):
            folder = join_path(output, "articles", f"date={date}", f"source={source_id}")
            os.makedirs(folder, exist_ok=True)
            table = pa.Table.from_pylist([record_to_row(r) for r in records], schema=ARTICLES_SCHEMA)
            write_table(join_path(folder, f"part-{run_id}-0.parquet"), table)
            counts["written"] += len(records)
    return {**counts, "stage_cpu_s": {k: round(v, 4) for k, v in clock.cpu.items()},
            "stage_wall_s": {k: round(v, 4) for k, v in clock.wall.items()}}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Akhbar's functions in a plain loop (benchmark floor).")
    ap.add_argument("--sources", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--run-id", default="plain")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    summary = run(args.sources, args.output, args.run_id)
    summary["seconds"] = round(time.perf_counter() - started, 3)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
