"""CPU cost of entity and place extraction, and a proof that an optimization changed no output.

    python -m bench.profile_entities [--articles 2000] [--repeat 3] [--profile 25]
    python -m bench.profile_entities --dump /tmp/a.pkl      # outputs of every stage, for --compare
    python -m bench.profile_entities --compare /tmp/a.pkl /tmp/b.pkl
    PYTHONPATH=/tmp/refdir python -m bench.profile_entities --against akhbar_ref   # A/B in one process

The sample is fixed: the first ``articles / 4`` articles (title + text) of each ANT outlet in
../shared/corpora. Timing calls ``extract_entities`` then ``extract_places`` per article as the pipeline
does (places reuse the cached analysis) and prints CPU ms per article (``time.process_time``), best of
``--repeat`` passes; ``--profile N`` adds the top N functions under cProfile. ``--dump`` records, per
article and field, the folded text with its offset map and tokens, the token view facts, the gazetteer and
known-organization hits, and the final entities and places: two dumps taken with the same ner_person /
ner_org files (e.g. a reference copy of the tree on PYTHONPATH) must be equal. Exits 0 when ../shared is
absent. ``--against PKG`` times another copy of the code in the same process, alternating blocks of 50
articles between the two, so both see the same machine load (a shared machine moves figures by 20 %
between runs): PKG is a copy of the tree whose imports were renamed, e.g. ``cp -r`` of transforms,
schemas, pipeline and runners into /tmp/refdir/akhbar_ref/ and ``sed -i 's/\\bakhbar\\./akhbar_ref./g'``.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gzip
import hashlib
import io
import itertools
import json
import pickle
import pstats
import sys
import time
from pathlib import Path
from typing import List, Tuple

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
OUTLETS = (("alarabia", "AE"), ("bbc", "GB"), ("france24", "FR"), ("skynews", "AE"))


def load_sample(n: int) -> List[Tuple[str, str, str]]:
    """(country, title, text) for the first n/4 articles of each outlet."""
    per = max(1, n // len(OUTLETS))
    out = []
    for name, cc in OUTLETS:
        with gzip.open(CORPORA / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in itertools.islice(fh, per):
                d = json.loads(line)
                out.append((cc, d.get("title") or "", d.get("text") or ""))
    return out


def _ctx(cc):
    from akhbar.schemas.records import ExtractContext

    now = dt.datetime(2018, 6, 1, tzinfo=dt.timezone.utc)
    return ExtractContext("bench", cc, "UTC", now, now)


def _clear_caches():
    from akhbar.transforms import entities

    entities.analyze.cache_clear()


def time_pass(sample) -> Tuple[float, float]:
    from akhbar.transforms.entities import extract_entities
    from akhbar.transforms.places import extract_places

    _clear_caches()
    ent = pla = 0.0
    clock = time.process_time
    for cc, title, text in sample:
        ctx = _ctx(cc)
        t0 = clock()
        extract_entities(title, text, ctx)
        t1 = clock()
        extract_places(title, text, ctx)
        t2 = clock()
        ent += t1 - t0
        pla += t2 - t1
    n = len(sample)
    return 1000 * ent / n, 1000 * pla / n


def ab(sample, ref_pkg: str, repeat: int) -> None:
    """CPU ms per article of entities + places for akhbar and ``ref_pkg``, interleaved in blocks."""
    import importlib

    runs = {}
    for pkg in ("akhbar", ref_pkg):
        ent = importlib.import_module(f"{pkg}.transforms.entities")
        pla = importlib.import_module(f"{pkg}.transforms.places")
        runs[pkg] = (ent, pla)
        for _, title, text in sample[:20]:  # warm lazy loads
            ent.extract_entities(title, text, _ctx(None)), pla.extract_places(title, text, _ctx(None))
    total = {pkg: 0.0 for pkg in runs}
    block = 50
    clock = time.process_time
    for r in range(repeat):
        for b in range(0, len(sample), block):
            order = list(runs) if (b // block + r) % 2 == 0 else list(runs)[::-1]
            for pkg in order:
                ent, pla = runs[pkg]
                ent.analyze.cache_clear()
                t0 = clock()
                for cc, title, text in sample[b:b + block]:
                    ctx = _ctx(cc)
                    ent.extract_entities(title, text, ctx)
                    pla.extract_places(title, text, ctx)
                total[pkg] += clock() - t0
    n = len(sample) * repeat
    new, ref = 1000 * total["akhbar"] / n, 1000 * total[ref_pkg] / n
    print(f"{ref_pkg}: {ref:.2f} ms, akhbar: {new:.2f} ms CPU per article (entities + places, "
          f"{len(sample)} articles x {repeat}, interleaved); ratio {ref / new:.2f}x")


def _digest(obj) -> str:
    return hashlib.sha1(pickle.dumps(obj, protocol=4)).hexdigest()


def _field_facts(text: str):
    """Outputs of the shared infrastructure for one field, as plain tuples."""
    from akhbar.transforms import entities, gazetteer, ner_known, ner_lexicon
    from akhbar.transforms.arabic_text import fold_text
    from akhbar.transforms.ner_tokens import make_view

    gaz = gazetteer.load()
    lex = ner_lexicon.load()
    ft = fold_text(text)
    toks = tuple((t.norm, t.start, t.end, t.fstart, t.fend) for t in ft.tokens)
    mentions = gaz.find(ft)
    places = entities._with_facilities(ft, mentions)
    spans = [(m.fstart, m.fend) for m in places]
    strong = [(m.fstart, m.fend) for m in places if entities._strong(gaz, m)]
    view = make_view(ft, lex, spans, strong, spans[:3])
    hits = lex.known_orgs.find(ft) + ner_known.org_matcher().find(ft) + lex.clubs.find(ft)
    return {
        "fold": _digest((ft.text, list(ft.index), toks)),
        "view": _digest((view.breaks, sorted(view.place_tokens), sorted(view.strong_place_tokens), view.maqsura,
                         sorted(view.country_tokens))),
        "gaz": _digest(repr(mentions)),
        "facilities": _digest(repr(places)),
        "hits": _digest(repr(hits)),
    }


def dump(sample, path: Path) -> None:
    from akhbar.transforms.entities import extract_entities
    from akhbar.transforms.places import extract_places

    _clear_caches()
    rows = []
    for cc, title, text in sample:
        ctx = _ctx(cc)
        rows.append({
            "title": _field_facts(title), "body": _field_facts(text),
            "entities": [repr(e) for e in extract_entities(title, text, ctx)],
            "places": [repr(p) for p in extract_places(title, text, ctx)],
        })
    path.write_bytes(pickle.dumps(rows, protocol=4))
    print(f"dumped {len(rows)} articles to {path}")


def compare(a: Path, b: Path) -> int:
    ra, rb = pickle.loads(a.read_bytes()), pickle.loads(b.read_bytes())
    if len(ra) != len(rb):
        print(f"different sample sizes: {len(ra)} vs {len(rb)}")
        return 1
    bad = {}
    for n, (x, y) in enumerate(zip(ra, rb)):
        for part in ("title", "body"):
            for k in x[part]:
                if x[part][k] != y[part].get(k):
                    bad.setdefault(f"{part}.{k}", []).append(n)
        for k in ("entities", "places"):
            if x[k] != y[k]:
                bad.setdefault(k, []).append(n)
    if not bad:
        print(f"identical: {len(ra)} articles (folded text + offset map + tokens, views, gazetteer and "
              "known-name hits, entities, places)")
        return 0
    for k, ns in sorted(bad.items()):
        print(f"DIFFERENT {k}: {len(ns)} articles, first {ns[:10]}")
    return 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, help="print the top N functions under cProfile")
    ap.add_argument("--fold-only", action="store_true", help="time arabic_text.fold_text alone (title + body)")
    ap.add_argument("--against", metavar="PKG", help="A/B timing against a renamed copy of the code")
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--compare", type=Path, nargs=2)
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not CORPORA.is_dir():
        print(f"skipped: {CORPORA} is absent")
        return 0
    sample = load_sample(args.articles)
    if args.dump:
        dump(sample, args.dump)
        return 0
    if args.against:
        ab(sample, args.against, args.repeat)
        return 0
    if args.fold_only:
        from akhbar.transforms.arabic_text import fold_text

        for r in range(args.repeat):
            t0 = time.process_time()
            for _, title, text in sample:
                fold_text(title), fold_text(text)
            print(f"pass {r + 1}: fold_text {1000 * (time.process_time() - t0) / len(sample):.3f} ms CPU per article")
        return 0
    from akhbar.transforms import gazetteer, ner_lexicon

    t0 = time.process_time()
    gazetteer.load(), ner_lexicon.load()
    print(f"loaded gazetteer + lexicon in {time.process_time() - t0:.2f} s CPU")
    time_pass(load_sample(8 * len(OUTLETS))[-20:])  # warm lazy loads (known names, automatons)
    chars = sum(len(t) + len(b) for _, t, b in sample) / len(sample)
    print(f"{len(sample)} ANT articles, {chars:.0f} characters each on average")
    best = None
    for r in range(args.repeat):
        ent, pla = time_pass(sample)
        print(f"pass {r + 1}: extract_entities {ent:.2f} ms, extract_places {pla:.2f} ms, "
              f"together {ent + pla:.2f} ms CPU per article")
        best = (ent, pla) if best is None or ent + pla < sum(best) else best
    print(f"best: extract_entities {best[0]:.2f} ms, extract_places {best[1]:.2f} ms, "
          f"together {sum(best):.2f} ms CPU per article")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        time_pass(sample)
        prof.disable()
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out)
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
