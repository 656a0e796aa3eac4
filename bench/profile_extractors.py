"""CPU cost per article of the cheap extractors (dates, quotes, numbers, MinHash signature, language gate).

A fixed sample of ANT articles (``--per-source`` from each outlet, every k-th line so all categories are in
it) goes through each function in a plain loop; CPU is ``time.process_time`` around the whole loop, the
best of ``--repeat`` passes (the machine is shared: the minimum is the least disturbed). ``--save`` pickles
every output, ``--check`` compares against such a pickle, so a speed change can prove it changed nothing.
``--profile NAME`` prints cProfile's top functions for one extractor. Exits 0 when ../shared is absent.

    python -m bench.profile_extractors --repeat 3
    python -m bench.profile_extractors --save /tmp/before.pkl
    python -m bench.profile_extractors --check /tmp/before.pkl --only dates
    python -m bench.profile_extractors --profile quotes
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import email.utils
import gzip
import json
import pickle
import pstats
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
#: corpus file, country, timezone (as bench/replay_site.py's outlets)
OUTLETS = [("alarabia.jsonl.gz", "AE", "Asia/Dubai"), ("bbc.jsonl.gz", "GB", "Europe/London"),
           ("france24.jsonl.gz", "FR", "Europe/Paris"), ("skynews.jsonl.gz", "AE", "Asia/Dubai")]
LINES = {"alarabia.jsonl.gz": 6519, "bbc.jsonl.gz": 3815, "france24.jsonl.gz": 3974, "skynews.jsonl.gz": 13708}


def load_sample(per_source: int) -> List[tuple]:
    """(title, abstract, body, ctx) for ``per_source`` articles of each outlet, spread over the file."""
    from akhbar.schemas.records import ExtractContext
    out = []
    for name, country, tz in OUTLETS:
        step = max(1, LINES[name] // per_source)
        taken = 0
        with gzip.open(CORPORA / name, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n % step or taken >= per_source:
                    continue
                doc = json.loads(line)
                try:
                    when = email.utils.parsedate_to_datetime(doc["published"]).astimezone(dt.timezone.utc)
                except (TypeError, ValueError):
                    when = None
                ctx = ExtractContext(source_id=name.split(".")[0], country=country, timezone=tz,
                                     published_at=when, fetched_at=when or dt.datetime(2018, 6, 1, tzinfo=dt.timezone.utc))
                out.append((doc.get("title") or "", doc.get("abstract") or "", doc.get("text") or "", ctx))
                taken += 1
    return out


def extractors() -> Dict[str, Callable]:
    from akhbar.transforms.dates import extract_dates
    from akhbar.transforms.language import judge
    from akhbar.transforms.minhash import signature
    from akhbar.transforms.numbers import extract_numbers
    from akhbar.transforms.quotes import extract_quotes
    return {
        "dates": lambda t, a, b, c: extract_dates(t, b, c),
        "quotes": lambda t, a, b, c: extract_quotes(t, b, c),
        "numbers": lambda t, a, b, c: extract_numbers(t, b, c),
        "minhash": lambda t, a, b, c: signature(b),
        "language": lambda t, a, b, c: judge(t, a, b),
    }


def run_once(fn: Callable, sample: List[tuple]) -> (float, list):
    t0 = time.process_time()
    out = [fn(*doc) for doc in sample]
    return time.process_time() - t0, out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-source", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated extractor names")
    ap.add_argument("--save", help="pickle every output here")
    ap.add_argument("--check", help="compare every output with this pickle; exit 1 on a difference")
    ap.add_argument("--profile", help="cProfile one extractor and print its top functions")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)
    if not CORPORA.is_dir():
        print(f"skipped: {CORPORA} is absent")
        return 0
    sample = load_sample(args.per_source)
    fns = extractors()
    names = [n for n in (args.only.split(",") if args.only else fns) if n]
    chars = sum(len(b) for _, _, b, _ in sample) / len(sample)
    print(f"{len(sample)} articles, {chars:.0f} body characters on average")
    for name in names:  # warm-up: lexicons, compiled patterns, lazy imports
        fns[name](*sample[0])
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for doc in sample:
            fns[args.profile](*doc)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
        return 0
    outputs, saved, failed = {}, None, False
    if args.check:
        with open(args.check, "rb") as fh:
            saved = pickle.load(fh)
    print(f"{'extractor':<10} {'ms/article':>10}   (best of {args.repeat}, CPU)")
    for name in names:
        best, out = None, None
        for _ in range(args.repeat):
            took, out = run_once(fns[name], sample)
            best = took if best is None else min(best, took)
        outputs[name] = out
        verdict = ""
        if saved is not None and name in saved:
            diff = [i for i, (x, y) in enumerate(zip(out, saved[name])) if x != y]
            same = not diff and len(out) == len(saved[name])
            verdict = "identical" if same else f"DIFFERENT on {len(diff)} articles (first {diff[:5]})"
            failed |= not same
        print(f"{name:<10} {1000 * best / len(sample):>10.3f}   {verdict}")
    if args.save:
        with open(args.save, "wb") as fh:
            pickle.dump(outputs, fh)
        print(f"outputs saved to {args.save}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
