"""Profile the hottest stage, main text (trafilatura), on replay pages, and weigh a cheaper setting.

Runs ``akhbar.transforms.pages.main_text`` on N replay pages as the pipeline calls it, prints CPU ms per
page, the top functions under cProfile, and compares trafilatura's ``fast=True`` (no fallback extractors)
on the same pages: time, identical outputs, and paragraph recall against the corpus text (share of the
article's real paragraphs found in the extracted text) and boilerplate leakage (extracted lines that are
not article text). Run: ``python -m bench.profile_main_text [--pages 300]``; skips without ../shared.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import pstats
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List, Tuple
from urllib.parse import urlsplit

import trafilatura

from bench.replay_site import CORPORA, build_site, load_corpora, route_key, select_articles


def _pages(n: int, corpora: Path, folder: Path) -> List[Tuple[bytes, str, List[str]]]:
    """(html, url, corpus paragraphs) for n replay pages."""
    docs = {sid: list(it) for sid, it in load_corpora(corpora).items()}
    # a fixed build time: the same pages on every run, so --save / --compare see identical inputs
    manifest = build_site(folder, docs, n, 8080, now=dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc),
                          hosts=["127.0.0.1"])
    by_path = {urlsplit(d["url"]).path: d for chosen in select_articles(docs, n).values() for d in chosen}
    out = []
    for key, rel in manifest["routes"]["127.0.0.1"].items():
        doc = by_path.get(key)
        if doc is not None and rel.endswith(".html"):
            out.append(((folder / rel).read_bytes(), f"http://127.0.0.1:8080{key}",
                        [p.strip() for p in doc["text"].split("\n") if p.strip()]))
    return out


def _fold(text: str) -> str:
    return " ".join(text.split())


def _score(texts: List[str], pages) -> Tuple[float, float]:
    recall, leak = [], []
    for text, (_html, _url, paragraphs) in zip(texts, pages):
        body = _fold(text)
        recall.append(sum(_fold(p) in body for p in paragraphs) / len(paragraphs))
        gold = _fold(" ".join(paragraphs))
        lines = [_fold(line) for line in text.split("\n") if line.strip()]
        leak.append(sum(line not in gold for line in lines) / max(1, len(lines)))
    return sum(recall) / len(recall), sum(leak) / len(leak)


def _timed(fn: Callable[[bytes, str], str], pages) -> Tuple[float, List[str]]:
    t0 = time.process_time()
    texts = [fn(html, url) for html, url, _ in pages]
    return 1000 * (time.process_time() - t0) / len(pages), texts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--corpora", default=str(CORPORA))
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--save", help="write main_text's output per page URL to this JSON file")
    ap.add_argument("--compare", help="count pages whose main_text differs from a file written by --save")
    args = ap.parse_args(argv)
    if not Path(args.corpora, "bbc.jsonl.gz").exists():
        print(f"profile_main_text: skipped: corpora not found at {args.corpora}")
        return 0
    from akhbar.transforms import encoding
    from akhbar.transforms.pages import main_text
    from akhbar.transforms.text import clean_lines

    headers: Dict[str, str] = {"content-type": "text/html; charset=utf-8"}

    def current(html: bytes, url: str) -> str:
        return main_text(html, headers, url)

    def fast(html: bytes, url: str) -> str:
        markup = encoding.decode(html, headers)
        return clean_lines(trafilatura.extract(markup, url=url, output_format="txt", include_comments=False,
                                               include_tables=False, favor_precision=True, deduplicate=False,
                                               fast=True) or "")

    with tempfile.TemporaryDirectory(prefix="akhbar-mt-") as tmp:
        pages = _pages(args.pages, Path(args.corpora), Path(tmp))
    _timed(current, pages[:5])  # warm imports and caches
    rows = []
    for name, fn in (("main_text as shipped", current), ("trafilatura fast=True", fast)):
        ms, texts = _timed(fn, pages)
        recall, leak = _score(texts, pages)
        rows.append((name, ms, recall, leak, texts))
    same = sum(a == b for a, b in zip(rows[0][4], rows[1][4]))
    print(f"{len(pages)} replay pages, {sum(len(h) for h, _, _ in pages) / len(pages) / 1024:.1f} KiB each")
    print(f"{'setting':<24} {'CPU ms/page':>11} {'recall':>7} {'leak':>6}")
    for name, ms, recall, leak, _ in rows:
        print(f"{name:<24} {ms:>11.2f} {recall:>7.3f} {leak:>6.3f}")
    print(f"identical outputs: {same} of {len(pages)}")
    shipped = {url: text for (_html, url, _p), text in zip(pages, rows[0][4])}
    if args.save:
        Path(args.save).write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    if args.compare:
        before = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        common = [u for u in shipped if u in before]
        differ = [u for u in common if shipped[u] != before[u]]
        print(f"main_text vs {args.compare}: {len(common) - len(differ)} of {len(common)} pages identical"
              + (f"; first differing: {differ[0]}" if differ else ""))
    prof = cProfile.Profile()
    prof.enable()
    _timed(current, pages)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(args.top)
    print("\nmain_text as shipped, top functions by own time:")
    lines = buf.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    print("\n".join(line.replace(str(Path(trafilatura.__file__).parents[1]) + "/", "") for line in lines[start:]
                    if line.strip()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
