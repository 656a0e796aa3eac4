"""Score quote extraction (and numbers) against the hand-made gold sets on ANT corpus articles.

Run from the project root: ``python -m bench.eval_quotes``. The article text is read from
``../shared/corpora`` at run time (the gold files hold doc_ids, offsets and short prefixes only); when the
corpora are absent the script says so and exits 0.

Six quote sets: gold_quotes.jsonl (46 articles), gold_quotes_dev2.jsonl (16), gold_quotes_dev3.jsonl (20),
gold_quotes_dev4.jsonl (20) and gold_quotes_dev5.jsonl (20) were each scored blind once and then used while
tuning (their errors were read);
gold_quotes_blind.jsonl was annotated last and never used to change the extractor: it is the honest
estimate. Quotes: a prediction matches a gold quote when field, start and end are equal (the "overlap" line also
accepts a prediction overlapping the gold span by at least half of the longer one). Speaker accuracy is
over matched quotes: right when the folded speaker equals the gold speaker or one of its alternatives, or
is a shorter part of one of them (the surname, "سالفيني" for "ماتيو سالفيني"); the strict line asks equality.
Numbers: a gold number is found when a prediction has the same span; value and unit are scored on those.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import sys
import time
from pathlib import Path
from typing import Dict, Iterable, List, Optional

from akhbar.schemas.records import ExtractContext
from akhbar.transforms.numbers import extract_numbers
from akhbar.transforms.quotes import extract_quotes

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
GOLD_QUOTES = ROOT / "tests" / "data" / "gold_quotes.jsonl"
GOLD_DEV2 = ROOT / "tests" / "data" / "gold_quotes_dev2.jsonl"
GOLD_DEV3 = ROOT / "tests" / "data" / "gold_quotes_dev3.jsonl"
GOLD_DEV4 = ROOT / "tests" / "data" / "gold_quotes_dev4.jsonl"
GOLD_DEV5 = ROOT / "tests" / "data" / "gold_quotes_dev5.jsonl"
GOLD_BLIND = ROOT / "tests" / "data" / "gold_quotes_blind.jsonl"
GOLD_NUMBERS = ROOT / "tests" / "data" / "gold_numbers.jsonl"
GOLD_NUMBERS_BLIND = ROOT / "tests" / "data" / "gold_numbers_blind.jsonl"
FILES = {"AL": "alarabia", "BB": "bbc", "FR": "france24", "SK": "skynews"}
CTX = ExtractContext("ant", None, "UTC", None, dt.datetime(2018, 6, 1, tzinfo=dt.timezone.utc))

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"})
_MARKS = re.compile(r"[\u064B-\u0652\u0640]")


def load_gold(path: Path) -> List[dict]:
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if "doc_id" in r]


def load_docs(ids: Iterable[str], extra: int = 0) -> Dict[str, dict]:
    """The wanted articles by doc_id, plus the first ``extra`` articles of each file (for timing)."""
    want = set(ids)
    out: Dict[str, dict] = {}
    for name in FILES.values():
        with gzip.open(CORPORA / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                d = json.loads(line)
                if d["doc_id"] in want or i < extra:
                    out[d["doc_id"]] = d
    return out


def fold_name(s: Optional[str]) -> str:
    s = _MARKS.sub("", (s or "").translate(_FOLD))
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(w for w in s.split())


def speaker_ok(pred: Optional[str], gold: dict, strict: bool = False) -> bool:
    p = fold_name(pred)
    if not p:
        return False
    answers = [fold_name(gold["speaker"])] + [fold_name(a) for a in gold.get("speaker_alt", [])]
    if p in answers:
        return True
    if strict:
        return False
    ptoks = set(p.split())
    return any(ptoks <= set(a.split()) for a in answers)


def fields(d: dict) -> Dict[str, str]:
    return {"title": d["title"], "body": d["text"]}


def eval_quotes(gold: List[dict], docs: Dict[str, dict], label: str = "quotes") -> None:
    tp = fp = fn = ov_tp = 0
    spk = spk_strict = 0
    misses: List[str] = []
    for g in gold:
        d = docs[g["doc_id"]]
        for q in g["quotes"]:
            text = fields(d)[q["field"]]
            if not text[q["start"]:].startswith(q["prefix"]):
                raise SystemExit(f"gold does not fit the corpus text: {g['doc_id']} {q['prefix']}")
        preds = extract_quotes(d["title"], d["text"], CTX)
        gold_by_span = {(q["field"], q["start"], q["end"]): q for q in g["quotes"]}
        pred_spans = {(p.field, p.start, p.end): p for p in preds}
        for key, q in gold_by_span.items():
            p = pred_spans.get(key)
            if p is None:
                fn += 1
                misses.append(f"  miss {g['doc_id']} {q['prefix'][:25]}… ({q['speaker']})")
                continue
            tp += 1
            spk += speaker_ok(p.speaker, q)
            spk_strict += speaker_ok(p.speaker, q, strict=True)
            if not speaker_ok(p.speaker, q):
                misses.append(f"  spkr {g['doc_id']} {q['prefix'][:25]}… gold={q['speaker']} got={p.speaker}")
        for key, p in pred_spans.items():
            if key not in gold_by_span:
                fp += 1
                misses.append(f"  extra {g['doc_id']} {p.text[:25]}… ({p.speaker})")
        for q in g["quotes"]:
            if any(p.field == q["field"] and _overlap(p.start, p.end, q["start"], q["end"]) for p in preds):
                ov_tp += 1
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(f"{label}: {len(gold)} articles, {tp + fn} gold quotes, {tp + fp} predicted")
    print(f"  {'precision':<22}{prec:.3f}")
    print(f"  {'recall':<22}{rec:.3f}")
    print(f"  {'F1':<22}{f1:.3f}")
    print(f"  {'recall (overlap)':<22}{ov_tp / (tp + fn) if tp + fn else 0.0:.3f}")
    print(f"  {'speaker accuracy':<22}{spk / tp if tp else 0.0:.3f}   ({spk}/{tp} matched quotes)")
    print(f"  {'speaker acc. (strict)':<22}{spk_strict / tp if tp else 0.0:.3f}")
    if "-v" in sys.argv:
        print("\n".join(misses))


def _overlap(a1: int, b1: int, a2: int, b2: int) -> bool:
    inter = min(b1, b2) - max(a1, a2)
    return inter > 0 and inter >= 0.5 * max(b1 - a1, b2 - a2)


def eval_numbers(gold: List[dict], docs: Dict[str, dict], label: str = "numbers") -> None:
    found = val_ok = unit_ok = total = npred = 0
    notes: List[str] = []
    for g in gold:
        d = docs[g["doc_id"]]
        preds = {(p.field, p.start, p.end): p for p in extract_numbers(d["title"], d["text"], CTX)}
        npred += len(preds)
        gold_spans = {(n["field"], n["start"], n["end"]) for n in g["numbers"]}
        notes.extend(f"  extra {g['doc_id']} {p.text}" for k, p in preds.items() if k not in gold_spans)
        for n in g["numbers"]:
            total += 1
            p = preds.get((n["field"], n["start"], n["end"]))
            if p is None:
                notes.append(f"  miss {g['doc_id']} {n['text']}")
                continue
            found += 1
            if p.value is not None and n["value"] is not None and abs(p.value - n["value"]) <= 1e-6 * max(1.0, abs(n["value"])):
                val_ok += 1
            else:
                notes.append(f"  value {g['doc_id']} {n['text']} gold={n['value']} got={p.value}")
            if p.unit == n.get("unit"):
                unit_ok += 1
            else:
                notes.append(f"  unit {g['doc_id']} {n['text']} gold={n.get('unit')} got={p.unit}")
    print(f"{label}: {len(gold)} articles, {total} gold numbers, {npred} predicted")
    print(f"  {'precision (span)':<22}{found / npred if npred else 0.0:.3f}")
    print(f"  {'recall (span)':<22}{found / total if total else 0.0:.3f}")
    print(f"  {'value accuracy':<22}{val_ok / found if found else 0.0:.3f}   (among found)")
    print(f"  {'unit accuracy':<22}{unit_ok / found if found else 0.0:.3f}   (among found)")
    if "-v" in sys.argv:
        print("\n".join(notes))


def timing(docs: Dict[str, dict]) -> None:
    items = list(docs.values())
    extract_quotes(items[0]["title"], items[0]["text"], CTX)  # load the word lists first
    extract_numbers(items[0]["title"], items[0]["text"], CTX)
    t0 = time.process_time()  # CPU time: the machine is shared, wall time says more about the neighbours
    nq = nn = 0
    for d in items:
        nq += len(extract_quotes(d["title"], d["text"], CTX))
    t1 = time.process_time()
    for d in items:
        nn += len(extract_numbers(d["title"], d["text"], CTX))
    t2 = time.process_time()
    n = len(items)
    chars = sum(len(d["text"]) for d in items) // n
    print(f"cost (CPU): {n} articles of {chars} characters on average; quotes {1000 * (t1 - t0) / n:.2f} "
          f"ms/article ({nq} found); numbers {1000 * (t2 - t1) / n:.2f} ms/article ({nn} found)")


def main() -> int:
    if not CORPORA.exists():
        print(f"skipped: {CORPORA} not found (the gold sets refer to ANT corpus articles there)")
        return 0
    quote_sets = [(GOLD_QUOTES, "quotes, gold set (development: tuned on)"),
                  (GOLD_DEV2, "quotes, second set (development: tuned on in round 2)"),
                  (GOLD_DEV3, "quotes, third set (development: tuned on in round 3)"),
                  (GOLD_DEV4, "quotes, fourth set (development: tuned on in round 4)"),
                  (GOLD_DEV5, "quotes, fifth set (development: tuned on in round 5)"),
                  (GOLD_BLIND, "quotes, blind set (annotated last, never tuned on)")]
    number_sets = [(GOLD_NUMBERS, "numbers, gold set (development: tuned on)"),
                   (GOLD_NUMBERS_BLIND, "numbers, blind set (annotated last, never tuned on)")]
    quotes = [(load_gold(path), label) for path, label in quote_sets]
    numbers = [(load_gold(path), label) for path, label in number_sets]
    docs = load_docs([g["doc_id"] for gold, _ in quotes + numbers for g in gold], extra=250)
    for index, (gold, label) in enumerate(quotes):
        if gold or index == 0:
            eval_quotes(gold, docs, label)
    for gold, label in numbers:
        if gold:
            eval_numbers(gold, docs, label)
    timing(docs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
