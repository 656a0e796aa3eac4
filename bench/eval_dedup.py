"""Dedup figures on the ANT corpus, and the cost of reading the stored-ids index.

Run from the project root: ``python -m bench.eval_dedup``. Reads ``../shared/corpora`` at run time; when
absent, the corpus part says so and only the index timing runs. Prints:
1. France 24: listings, distinct canonical ids, repeats removed by the id layer, then same-title repeats
   (same source, 7 days) the title layer removes on top;
2. MinHash near-duplicates across the four outlets (all articles of the same month): LSH candidate
   pairs, pairs at or above the threshold, signature time per article, and a sample of flagged pairs to
   judge by eye;
3. the stored-ids index over 30 days of hourly runs: time to list and read the ``article_id`` column,
   hourly files vs. compacted daily files;
4. with ``--beam``: the dedup layers in Beam, 10,000 listings against 288,000 stored ids (time, peak RSS).
"""
from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import itertools
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pyarrow as pa

from akhbar.transforms import minhash, stored_ids
from akhbar.transforms.canonical import article_id, canonical_url
from akhbar.transforms.dedup_titles import title_key, title_repeats
from akhbar.transforms.sink import write_table
from akhbar.transforms.stored_ids_compact import compact_all

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
SOURCES = ("alarabia", "bbc", "france24", "skynews")


def _rows(name):
    with gzip.open(CORPORA / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def _when(row):
    try:
        return email.utils.parsedate_to_datetime(row["published"]).astimezone(dt.timezone.utc)
    except (TypeError, ValueError):
        return None


def _title_groups(rows, keep_row: bool):
    """First row per article id, then (when, id, row or id) grouped by normalized title: the title layer's input."""
    first = {}
    for row in rows:
        first.setdefault(article_id(canonical_url(row["url"])), row)
    groups = defaultdict(list)
    for aid, row in first.items():
        key, when = title_key(row["title"]), _when(row)
        if key and when:
            groups[key].append((when, aid, row if keep_row else aid))
    return first, groups


def france24() -> None:
    rows = list(_rows("france24"))
    first, groups = _title_groups(rows, keep_row=False)
    same_title = sum(len(title_repeats(c, [], dt.timedelta(days=7))[1]) for c in groups.values())
    print("1. France 24 (one source, several category feeds)")
    print(f"   listings {len(rows):>6}   distinct article ids {len(first):>6}   "
          f"repeats (id layer) {len(rows) - len(first):>5}   same title within 7 days (title layer) {same_title:>3}")


def title_layer() -> None:
    """Same title, same source, within 7 days, after the id layer; 'same text' = same first 200 characters."""
    print("\n1b. Title layer per outlet (after the id layer)")
    for name in SOURCES:
        first, groups = _title_groups(_rows(name), keep_row=True)
        repeats = [(row, group) for group in groups.values()
                   for row, _ in title_repeats(group, [], dt.timedelta(days=7))[1]]
        same = sum(1 for row, group in repeats
                   if any(o[2] is not row and o[2]["text"][:200] == row["text"][:200] for o in group))
        print(f"   {name:<9} articles {len(first):>6}   same-title repeats {len(repeats):>4}   "
              f"of which the same text {same:>4}")


def near_duplicates(month: str = "2018-04") -> None:
    docs = []
    for name in SOURCES:
        for row in _rows(name):
            when = _when(row)
            if when and when.strftime("%Y-%m") == month:
                docs.append((name, row, when))
    start = time.perf_counter()
    sigs = [minhash.signature(row["text"]) for _, row, _ in docs]
    per_doc_ms = (time.perf_counter() - start) * 1000 / max(1, len(docs))
    buckets = defaultdict(list)
    for i, sig in enumerate(sigs):
        if sig is not None:
            for band in minhash.bands(sig):
                buckets[band].append(i)
    pairs = {(a, b) for members in buckets.values() for a, b in itertools.combinations(members, 2)
             if docs[a][0] != docs[b][0]}
    flagged = sorted(((minhash.similarity(sigs[a], sigs[b]), a, b) for a, b in pairs), reverse=True)
    kept = [f for f in flagged if f[0] >= minhash.THRESHOLD]
    marked = {max((a, b), key=lambda i: (docs[i][2], i)) for _, a, b in kept}
    print(f"\n2. Near-duplicates across outlets, articles published in {month}")
    print(f"   articles {len(docs):>6}   fingerprinted {sum(s is not None for s in sigs):>6}   "
          f"signature {per_doc_ms:.2f} ms/article")
    print(f"   LSH candidate pairs (other source) {len(pairs):>5}   similarity >= {minhash.THRESHOLD} {len(kept):>4}   "
          f"articles marked duplicate_of {len(marked):>4}")
    random.seed(7)
    sample = random.sample(kept, min(8, len(kept)))
    for sim, a, b in sorted(sample, reverse=True):
        print(f"   {sim:.2f}  {docs[a][0]:<8} {docs[a][1]['title'][:55]}\n"
              f"         {docs[b][0]:<8} {docs[b][1]['title'][:55]}")


def index_cost(days: int = 30, runs_per_day: int = 24, ids_per_run: int = 400) -> None:
    today = dt.date(2026, 11, 23)
    with tempfile.TemporaryDirectory(prefix="akhbar-index-") as out:
        n = 0
        for d in range(days):
            day = today - dt.timedelta(days=d)
            for run in range(runs_per_day):
                rows = [{"article_id": f"{n + i:024x}", "source": "s", "title_key": f"{n + i:016x}",
                         "seen_at": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), "status": "article"}
                        for i in range(ids_per_run)]
                n += ids_per_run
                write_table(f"{out}/_state/ids/stored={day}/part-r{run}-0.parquet",
                            pa.Table.from_pylist(rows, schema=stored_ids.IDS_SCHEMA))
        print(f"\n3. Stored-ids index, {days} days x {runs_per_day} runs x {ids_per_run} ids = {n:,} ids")
        for label in ("hourly files", "compacted days"):
            if label == "compacted days":
                compact_all(out, today + dt.timedelta(days=2))
            start = time.perf_counter()
            files = stored_ids.files_within(out, stored_ids.IDS, today, days + 1)
            count = sum(1 for f in files for _ in stored_ids.stored_ids(f))
            print(f"   {label:<15} files {len(files):>4}   ids read {count:>8,}   "
                  f"list + read article_id: {time.perf_counter() - start:.2f} s")


def beam_dedup(entries: int = 10_000, days: int = 30, runs_per_day: int = 24, ids_per_run: int = 400) -> None:
    """The pre-fetch dedup layers in Beam (in-memory runner): ``entries`` new listings, about three in four
    already stored, against ``days`` of hourly index files; with and without the stored index."""
    import resource

    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner

    from akhbar.transforms.dedup import DedupEntries

    now = dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc)
    print(f"\n4. Dedup layers in Beam: {entries:,} listings against {days * runs_per_day * ids_per_run:,} stored ids")
    with tempfile.TemporaryDirectory(prefix="akhbar-index-") as out:
        n = 0
        for d in range(days):
            day = (now - dt.timedelta(days=d)).date()
            for run in range(runs_per_day):
                rows = [{"article_id": f"{n + i:024x}", "source": "s", "title_key": None,
                         "seen_at": now - dt.timedelta(days=d), "status": "article"} for i in range(ids_per_run)]
                n += ids_per_run
                write_table(f"{out}/_state/ids/stored={day}/part-r{run}-0.parquet",
                            pa.Table.from_pylist(rows, schema=stored_ids.IDS_SCHEMA))
        for label, output in (("no stored index", None), ("stored index", out)):
            start = time.perf_counter()
            options = PipelineOptions(["--direct_num_workers=1", "--direct_running_mode=in_memory"])
            with beam.Pipeline(runner=FnApiRunner(), options=options) as p:
                result = (p | beam.Create(range(entries)) | "Listings" >> beam.Map(_listing, now)
                          | DedupEntries(output, now, days, 7))
                for tag, pcoll in (("kept", result.entries), ("left", result.problems)):
                    _ = (pcoll | f"Count{tag}" >> beam.combiners.Count.Globally()
                         | f"Keep{tag}" >> beam.Map(_note_count, f"{out}/count-{tag}"))
            counts = {tag: int(Path(f"{out}/count-{tag}").read_text()) for tag in ("kept", "left")}
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"   {label:<16} kept {counts.get('kept', 0):>6,}   skipped {counts.get('left', 0):>6,}   "
                  f"{time.perf_counter() - start:5.1f} s   peak RSS of this process so far {peak:.0f} MiB")


def _listing(i: int, now: dt.datetime):
    """A synthetic feed listing; made inside the pipeline, as parsing makes them (not shipped by Create)."""
    from akhbar.schemas.records import FeedEntry, FeedTask

    task = FeedTask("s", "https://x.example/rss")
    return (FeedEntry("s", task.feed_url, f"https://x.example/{i}", f"{i * 37:024x}", f"عنوان الخبر رقم {i} عن بغداد",
                      "ملخص " * 40, "", (), now, task), now)


def _note_count(count: int, path: str) -> None:
    Path(path).write_text(str(count))


def main() -> int:
    if CORPORA.is_dir():
        france24()
        title_layer()
        near_duplicates()
    else:
        print(f"skipped the corpus part: {CORPORA} is absent")
    index_cost()
    if "--beam" in sys.argv:
        beam_dedup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
