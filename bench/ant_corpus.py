"""The unlabeled ANT articles the miners learn from: the four outlets' files, our gold articles left out.

Every generated word list (``make mine-names``, ``make mine-words``) reads the corpus through here, so
the articles annotated in tests/data/gold_entities*.jsonl never shape the lists they are scored against.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterator, Set

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


def unlabeled_articles(limit_per_outlet: int = 0) -> Iterator[dict]:
    """Corpus articles in file order, gold ones skipped; ``limit_per_outlet`` counts lines read per file."""
    held_out = gold_doc_ids()
    for name in ANT_FILES:
        with gzip.open(CORPORA / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for k, line in enumerate(fh):
                if limit_per_outlet and k >= limit_per_outlet:
                    break
                article = json.loads(line)
                if article["doc_id"] not in held_out:
                    yield article
