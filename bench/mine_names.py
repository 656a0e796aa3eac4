"""Mine person names from the unlabeled ANT corpus into transforms/data/ner_persons_mined.tsv.

    /work/main/.venv/bin/python -m bench.mine_names [--limit N]

Why: most persons the rules miss are famous people named by their family name alone («ترامب قال»,
«وأكد ماكرون») with no title, given name or verb of saying next to them. The rules do find these
names in full wherever they are anchored (a title, a given name, a verb of saying), and the same people
recur across a news corpus, so the anchored finds of 28k ANT articles (Feb–Oct 2018; Apache-2.0) are
counted and kept when they are frequent and unambiguous:

* a family name (the last word, not after a connector such as عبد of a person span) is kept when it was found in >= MIN_DOCS articles and
  at least RATIO of its occurrences in the whole corpus (any proclitic و ف ب ل) lie inside a person
  span: «ترامب» qualifies, «الصدر» qualifies only if the chest is rarer than the cleric, «أجرى» never;
* a full name (2–4 words) is kept when found in >= MIN_DOCS articles and its last word passes the same
  ratio at half the threshold.

Given names, stopwords, triggers and gazetteer places are left out (the rules handle them). The run uses
the rules *without* the mined list (no feedback). NewsFANE is never read: it is the evaluation set.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "transforms" / "data" / "ner_persons_mined.tsv"
ANT_FILES = ("alarabia", "bbc", "france24", "skynews")
MIN_DOCS = 4
RATIO = 0.7
_PROCLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="articles per outlet (0 = all)")
    args = ap.parse_args(argv)
    if not CORPORA.exists():
        print(f"skipped ({CORPORA} absent)")
        return 0
    from akhbar.transforms import entities, gazetteer, ner_known, ner_lexicon
    from akhbar.transforms.arabic_text import fold_text, key
    from akhbar.transforms.ner_lexicon import CONNECTORS
    from akhbar.transforms.ner_tokens import is_article_word
    from akhbar.transforms.phrase_match import split_article

    ner_known.disable()  # mine with the plain rules only
    lex = ner_lexicon.load()
    gaz = gazetteer.load()
    name_docs = defaultdict(set)  # full-name key -> doc ids
    last_docs = defaultdict(set)  # last word -> doc ids
    last_hits = Counter()  # last word -> occurrences inside a person span
    all_counts = Counter()  # word (proclitic removed when it leaves a candidate) -> occurrences
    seen_urls = set()
    t0 = time.time()
    n = 0
    for name in ANT_FILES:
        with gzip.open(CORPORA / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for k, line in enumerate(fh):
                if args.limit and k >= args.limit:
                    break
                d = json.loads(line)
                if d.get("url") in seen_urls:
                    continue  # France 24 repeats articles across feeds
                seen_urls.add(d.get("url"))
                n += 1
                title, body = d.get("title") or "", d.get("text") or ""
                for e in entities.extract_entities(title, body, None):
                    if e.type != "PER":
                        continue
                    words = key(e.text).split()
                    if not words:
                        continue
                    if len(words) >= 2 and words[-2] in CONNECTORS:
                        continue  # عبد الوهاب، جان كلود: half of a compound, not a family name
                    last_docs[words[-1]].add(d["doc_id"])
                    last_hits[words[-1]] += 1
                    if 2 <= len(words) <= 4:
                        name_docs[" ".join(words)].add(d["doc_id"])
                for text in (title, body):
                    for t in fold_text(text).tokens:
                        all_counts[t.norm] += 1
    # occurrences with a proclitic count for the bare word (ولترامب -> ترامب)
    totals = Counter()
    cands = {w for w, docs in last_docs.items() if len(docs) >= MIN_DOCS}
    for w, c in all_counts.items():
        if w in cands:
            totals[w] += c
            continue
        for p in _PROCLITICS:
            if w.startswith(p) and w[len(p):] in cands:
                totals[w[len(p):]] += c
                break

    def blocked(w: str) -> bool:
        return (len(w) < 3 or w in lex.first_names or w in lex.stopwords or w in lex.org_triggers
                or w in lex.not_names or gaz.matcher.automaton.exists(split_article(w)[0]))

    def ratio(w: str) -> float:
        return last_hits[w] / totals[w] if totals[w] else 0.0

    surnames = sorted((w for w in cands if not blocked(w) and ratio(w) >= RATIO),
                      key=lambda w: (-len(last_docs[w]), w))
    full = sorted((nm for nm, docs in name_docs.items() if len(docs) >= MIN_DOCS
                   and ratio(nm.split()[-1]) >= RATIO / 2 and not blocked(nm.split()[-1])
                   and not any(w in lex.stopwords or w in lex.org_triggers for w in nm.split())
                   and not is_article_word(nm.split()[0])),
                  key=lambda nm: (-len(name_docs[nm]), nm))
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# Person names mined from the ANT corpus v2.1 (Chouigui, Ben Khiroun, Elayeb; Apache-2.0;\n"
                 "# github.com/antcorpus/antcorpus.multisource.data) by bench/mine_names.py: names the rules\n"
                 f"# found anchored (title, given name, verb of saying) in >= {MIN_DOCS} articles; family names\n"
                 f"# kept when >= {RATIO:.0%} of their corpus occurrences are inside person spans.\n"
                 "# Folded key form. Columns: kind (surname|name), name, articles, share of occurrences as a name.\n")
        for w in surnames:
            fh.write(f"surname\t{w}\t{len(last_docs[w])}\t{ratio(w):.2f}\n")
        for nm in full:
            fh.write(f"name\t{nm}\t{len(name_docs[nm])}\t{ratio(nm.split()[-1]):.2f}\n")
    print(f"{n} articles in {time.time() - t0:.0f} s: {len(surnames)} family names, {len(full)} full names -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
