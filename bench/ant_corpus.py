"""The unlabeled ANT articles the miners learn from: the four outlets' files, our gold articles left out.

Every generated word list (``make mine-names``, ``make mine-words``) reads the corpus through here, so
the articles annotated in tests/data/gold_entities*.jsonl never shape the lists they are scored against.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterator, Set, Tuple

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
ANT_FILES = ("alarabia", "bbc", "france24", "skynews")


def available() -> bool:
    return all((CORPORA / f"{name}.jsonl.gz").exists() for name in ANT_FILES)


def gold_doc_ids() -> Set[str]:
    """doc_ids of every article in our entity gold sets."""
    ids = set()
    for path in (ROOT / "tests" / "data").glob("gold_entities*.jsonl"):
        ids |= {json.loads(ln)["doc_id"] for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()}
    return ids


def _corpus(limit_per_outlet: int = 0) -> Iterator[dict]:
    for name in ANT_FILES:
        with gzip.open(CORPORA / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for k, line in enumerate(fh):
                if limit_per_outlet and k >= limit_per_outlet:
                    break
                yield json.loads(line)


def _title_key(title: str) -> str:
    return " ".join((title or "").split())


def held_out_keys() -> Tuple[Set[str], Set[str], Set[str]]:
    """doc_ids, URLs and titles of the gold articles. France 24 lists one article in several category feeds
    under several doc_ids: a repost of a gold article shares its URL or its title, and is held out too."""
    ids = gold_doc_ids()
    urls, titles = set(), set()
    for article in _corpus():
        if article["doc_id"] in ids:
            urls.add(article.get("url") or "")
            titles.add(_title_key(article.get("title")))
    urls.discard("")
    titles.discard("")
    return ids, urls, titles


def unlabeled_articles(limit_per_outlet: int = 0) -> Iterator[dict]:
    """Corpus articles in file order, gold ones and their reposts skipped; ``limit_per_outlet`` counts lines
    read per file."""
    ids, urls, titles = held_out_keys()
    for article in _corpus(limit_per_outlet):
        if (article["doc_id"] not in ids and article.get("url") not in urls
                and _title_key(article.get("title")) not in titles):
            yield article
