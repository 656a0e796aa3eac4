"""The gate's goals on the shared language-identification set and on real Arabic headlines (skipped when
../shared/corpora is absent)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from langdetect import DetectorFactory, LangDetectException, detect_langs

from akhbar.transforms.language import judge

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
LANGID = CORPORA / "langid" / "langid-dev.jsonl.gz"
GOALS = {"title": 0.98, "summary": 0.995, "article": 0.995}

pytestmark = pytest.mark.corpus


def _rows(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _gate(kind: str, text: str) -> bool:
    if kind == "title":
        return judge(text, "", "").is_arabic
    if kind == "summary":
        return judge("", text, "").is_arabic
    return judge("", "", text).is_arabic


def _langdetect(text: str) -> bool:
    DetectorFactory.seed = 0
    try:
        return detect_langs(text)[0].lang == "ar"
    except LangDetectException:
        return False


def _scores(pairs):
    tp = sum(1 for t, c in pairs if t and c)
    fp = sum(1 for t, c in pairs if not t and c)
    fn = sum(1 for t, c in pairs if t and not c)
    return tp / (tp + fp), tp / (tp + fn), fp + fn


@pytest.fixture(scope="module")
def langid():
    if not LANGID.exists():
        pytest.skip(f"{LANGID} absent")
    return _rows(LANGID)


@pytest.mark.parametrize("kind", sorted(GOALS))
def test_goals_per_length_class_and_better_than_langdetect(langid, kind):
    rows = [r for r in langid if r["kind"] == kind]
    gate = [(r["lang"] == "ar", _gate(kind, r["text"])) for r in rows]
    alone = [(r["lang"] == "ar", _langdetect(r["text"])) for r in rows]
    precision, recall, errors = _scores(gate)
    ld_precision, ld_recall, ld_errors = _scores(alone)
    assert precision >= GOALS[kind], (kind, precision)
    assert recall >= GOALS[kind], (kind, recall)
    assert precision >= ld_precision and recall >= ld_recall, (precision, recall, ld_precision, ld_recall)
    assert errors < ld_errors, (errors, ld_errors)


def test_every_dialect_is_arabic(langid):
    dialect_rows = [r for r in langid if r["lang"] == "ar" and r.get("dialect", "msa") != "msa"]
    assert dialect_rows
    missed = [r["text"] for r in dialect_rows if not _gate(r["kind"], r["text"])]
    assert len(missed) <= 0.01 * len(dialect_rows), missed


def test_recall_on_real_headlines_and_short_body_windows():
    files = sorted(CORPORA.glob("*.jsonl.gz"))
    if not files:
        pytest.skip("ANT corpus absent")
    n = missed = 0
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= 300:
                    break
                r = json.loads(line)
                words = (r.get("text") or "").split()
                window = " ".join(words[len(words) // 2:len(words) // 2 + 7])
                for text in (r.get("title") or "", window):
                    if text.strip():
                        n += 1
                        missed += not judge(text, "", "").is_arabic
    assert n > 1000
    assert missed / n <= 0.005, (missed, n)
