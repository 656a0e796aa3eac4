"""CPU cost per article of the extractors (language gate, entities, places, dates, quotes, numbers, MinHash).

A fixed sample of ANT articles (``--per-source`` from each outlet, every k-th line so all categories are in
it; ``--per-source 0`` takes every article) goes through the functions in the pipeline's order: per
article the gate, then entities, places, dates, quotes, numbers and the MinHash signature, as the fused
extraction stage calls them one after the other on the same article (so a cache one extractor fills for
the next counts as it does in a run). CPU is ``time.process_time`` around each call, summed per
extractor, the best of ``--repeat`` passes (the machine is shared: the minimum is the least disturbed).
``--separate`` times each extractor in its own loop over the sample instead (places then pays for the
analysis it shares with entities). ``--save`` pickles every output, ``--check`` compares against such a
pickle, so a speed change can prove it changed nothing. ``--profile NAME`` (or ``all``) prints cProfile's
top functions. Exits 0 when ../shared is absent.

    python -m bench.profile_extractors --repeat 3
    python -m bench.profile_extractors --save /tmp/before.pkl
    python -m bench.profile_extractors --check /tmp/before.pkl --only dates
    python -m bench.profile_extractors --profile quotes
    python -m bench.profile_extractors --per-source 0 --repeat 1 --check /tmp/all.pkl   # every ANT article
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
        step = max(1, LINES[name] // per_source) if per_source else 1
        taken = 0
        with gzip.open(CORPORA / name, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n % step or (per_source and taken >= per_source):
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


def extractors(pkg: str = "akhbar") -> Dict[str, Callable]:
    """The extractors in the order the pipeline runs them on one article (gate first, MinHash last).
    ``pkg``: the package to take them from (a renamed copy of the tree for ``--against``)."""
    import importlib

    def get(module: str, name: str):
        return getattr(importlib.import_module(f"{pkg}.transforms.{module}"), name)

    extract_dates, extract_entities = get("dates", "extract_dates"), get("entities", "extract_entities")
    judge, signature = get("language", "judge"), get("minhash", "signature")
    extract_numbers, extract_places = get("numbers", "extract_numbers"), get("places", "extract_places")
    extract_quotes = get("quotes", "extract_quotes")
    return {
        "language": lambda t, a, b, c: judge(t, a, b),
        "entities": lambda t, a, b, c: extract_entities(t, b, c),
        "places": lambda t, a, b, c: extract_places(t, b, c),
        "dates": lambda t, a, b, c: extract_dates(t, b, c),
        "quotes": lambda t, a, b, c: extract_quotes(t, b, c),
        "numbers": lambda t, a, b, c: extract_numbers(t, b, c),
        "minhash": lambda t, a, b, c: signature(b),
    }


def _clear_caches(pkg: str = "akhbar") -> None:
    """Per-text caches emptied before a pass, so every pass starts as a worker does on new articles."""
    import importlib
    importlib.import_module(f"{pkg}.transforms.entities").analyze.cache_clear()


def run_once(fn: Callable, sample: List[tuple]) -> (float, list):
    _clear_caches()
    t0 = time.process_time()
    out = [fn(*doc) for doc in sample]
    return time.process_time() - t0, out


def run_together(fns: Dict[str, Callable], names: List[str], sample: List[tuple]) -> (Dict[str, float], Dict[str, list]):
    """One pass in pipeline order: every extractor on an article before the next article."""
    _clear_caches()
    clock = time.process_time
    took = {n: 0.0 for n in names}
    outs: Dict[str, list] = {n: [] for n in names}
    calls = [(n, fns[n], outs[n].append) for n in names]
    for doc in sample:
        for name, fn, keep in calls:
            t0 = clock()
            out = fn(*doc)
            took[name] += clock() - t0
            keep(out)
    return took, outs


def against(sample: List[tuple], names: List[str], ref_pkg: str, repeat: int, block: int = 50) -> None:
    """CPU ms per article per extractor for akhbar and ``ref_pkg``, interleaved in blocks of articles so
    both see the same machine load; prints both and whether their outputs are equal."""
    runs = {pkg: extractors(pkg) for pkg in ("akhbar", ref_pkg)}
    for pkg, fns in runs.items():  # warm-up
        for doc in sample[:5]:
            for name in names:
                fns[name](*doc)
    total = {pkg: {n: 0.0 for n in names} for pkg in runs}
    same = {n: True for n in names}
    for r in range(repeat):
        for b in range(0, len(sample), block):
            order = list(runs) if (b // block + r) % 2 == 0 else list(runs)[::-1]
            outs = {}
            for pkg in order:
                _clear_caches(pkg)
                took, outs[pkg] = run_together(runs[pkg], names, sample[b:b + block])
                for n in names:
                    total[pkg][n] += took[n]
            for n in names:
                same[n] &= repr(outs["akhbar"][n]) == repr(outs[ref_pkg][n])  # classes differ by package
    k = 1000 / (len(sample) * repeat)
    print(f"{'extractor':<10} {ref_pkg:>12} {'akhbar':>12}   (CPU ms/article, {len(sample)} x {repeat}, interleaved "
          f"blocks of {block})")
    for n in names:
        print(f"{n:<10} {k * total[ref_pkg][n]:>12.3f} {k * total['akhbar'][n]:>12.3f}   "
              f"{'same output' if same[n] else 'OUTPUT DIFFERS'}")
    print(f"{'sum':<10} {k * sum(total[ref_pkg].values()):>12.3f} {k * sum(total['akhbar'].values()):>12.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-source", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated extractor names")
    ap.add_argument("--save", help="pickle every output here")
    ap.add_argument("--check", help="compare every output with this pickle; exit 1 on a difference")
    ap.add_argument("--profile", help="cProfile one extractor and print its top functions")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--separate", action="store_true", help="each extractor in its own loop over the sample")
    ap.add_argument("--against", metavar="PKG", help="A/B in one process against a renamed copy of the code "
                    "(see bench/profile_entities.py for how to make one)")
    args = ap.parse_args(argv)
    if not CORPORA.is_dir():
        print(f"skipped: {CORPORA} is absent")
        return 0
    sample = load_sample(args.per_source)
    fns = extractors()
    names = [n for n in (args.only.split(",") if args.only else fns) if n]
    names = [n for n in fns if n in names]  # pipeline order
    chars = sum(len(b) for _, _, b, _ in sample) / len(sample)
    print(f"{len(sample)} articles, {chars:.0f} body characters on average")
    if args.against:
        against(sample, names, args.against, args.repeat)
        return 0
    for name in names:  # warm-up: lexicons, compiled patterns, lazy imports
        fns[name](*sample[0])
    if args.profile:
        profiled = names if args.profile == "all" else [args.profile]
        _clear_caches()
        prof = cProfile.Profile()
        prof.enable()
        for doc in sample:
            for name in profiled:
                fns[name](*doc)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
        return 0
    outputs, saved, failed = {}, None, False
    if args.check:
        with open(args.check, "rb") as fh:
            saved = pickle.load(fh)
    print(f"{'extractor':<10} {'ms/article':>10}   (best of {args.repeat}, CPU)")
    bests: Dict[str, float] = {}
    if args.separate:
        for name in names:
            for _ in range(args.repeat):
                took, outputs[name] = run_once(fns[name], sample)
                bests[name] = min(bests.get(name, took), took)
    else:
        for _ in range(args.repeat):
            took, outputs = run_together(fns, names, sample)
            for name in names:
                bests[name] = min(bests.get(name, took[name]), took[name])
    for name in names:
        best, out = bests[name], outputs[name]
        verdict = ""
        if saved is not None and name in saved:
            diff = [i for i, (x, y) in enumerate(zip(out, saved[name])) if x != y]
            same = not diff and len(out) == len(saved[name])
            verdict = "identical" if same else f"DIFFERENT on {len(diff)} articles (first {diff[:5]})"
            failed |= not same
        print(f"{name:<10} {1000 * best / len(sample):>10.3f}   {verdict}")
    print(f"{'sum':<10} {1000 * sum(bests.values()) / len(sample):>10.3f}")
    if args.save:
        with open(args.save, "wb") as fh:
            pickle.dump(outputs, fh)
        print(f"outputs saved to {args.save}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
