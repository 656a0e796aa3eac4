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
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench.ant_corpus import CORPORA, ROOT, unlabeled_articles

OUT = ROOT / "transforms" / "data" / "ner_persons_mined.tsv"
OUT_ORGS = ROOT / "transforms" / "data" / "ner_orgs_mined.tsv"
MIN_DOCS = 4
RATIO = 0.7
_PROCLITICS = ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")


# Indefinite trigger words whose complement is often a proper name (حزب العدالة والتنمية، شركة أبل).
_ORG_TRIGGERS = frozenset(("حزب", "حركة", "شركة", "صحيفة", "جريدة", "مجلة", "اذاعة", "قناة", "موقع", "وكالة",
                           "منظمة", "تنظيم", "جماعة", "جبهة", "ائتلاف", "تحالف", "كتائب", "ميليشيا", "نادي",
                           "مجموعة", "مصرف", "بنك"))
ORG_MIN = 5
ORG_SHARE = 0.5
ORG_CONTINUED = 0.4
_NOT_ORG_HEADS = frozenset(("انباء", "اخبار", "الله", "انقلاب", "مراقبة", "ال7", "الاشخاص"))


def _strip(w: str, known) -> str:
    for p in _PROCLITICS:
        if w.startswith(p) and w[len(p):] in known:
            return w[len(p):]
    return w


def _runs(ft):
    """Folded words of a field, cut into runs at every punctuation mark."""
    runs, cur = [], []
    toks = ft.tokens
    for k, t in enumerate(toks):
        if k and ft.original[toks[k - 1].end:t.start].strip():
            runs.append(cur)
            cur = []
        cur.append(t.norm)
    if cur:
        runs.append(cur)
    return runs


def _write_orgs(org_docs, after_trigger, continued, lex, gaz, surnames, split_article) -> int:
    """Names that follow an organization trigger in >= ORG_SHARE of their occurrences (and >= ORG_MIN times):
    then the name alone is the organization too («العدالة والتنمية», «أبل»)."""
    cands = {x for x, c in after_trigger.items() if c >= ORG_MIN}
    total = Counter()
    for runs in org_docs:
        for run in runs:
            for i in range(len(run)):
                for n in (1, 2):
                    if i + n > len(run):
                        continue
                    first = run[i]
                    gram = " ".join(run[i:i + n])
                    if gram not in cands:
                        stem = _strip(first, {first[len(p):] for p in _PROCLITICS if first.startswith(p)})
                        gram = " ".join([stem] + run[i + 1:i + n])
                    if gram in cands:
                        total[gram] += 1
    fams = set(surnames)

    def bad_word(w: str) -> bool:
        return (len(w) < 3 or w in lex.stopwords or w in lex.first_names or w in lex.org_triggers
                or w in lex.org_generic or w in lex.not_names or w in fams or w.isdigit())

    keep = []
    for x in cands:
        words = x.split()
        share = after_trigger[x] / total[x] if total[x] else 0.0
        if share < ORG_SHARE or any(bad_word(w) for w in words):
            continue
        if len(words) == 1 and words[0].startswith("ال"):
            continue  # «مجموعة السبع» -> السبع: a definite word alone is a common noun elsewhere
        if any(w.endswith("ية") or w.startswith("و") for w in words) or words[0] in _NOT_ORG_HEADS:
            continue  # «جماعة إرهابية مسلحة», «حزب الله وإيران», «وكالة أنباء ...»: descriptions, lists
        if len(words) == 2 and words[1].startswith("ال") and not words[0].startswith("ال"):
            continue  # «داعش المتطرف»: a name and an adjective, the name alone is already known
        if gaz.matcher.automaton.exists(split_article(words[0])[0]) or is_nationality_like(words[-1]):
            continue
        if _describes(words, lex.common_words):
            continue
        if continued[x] >= ORG_CONTINUED * after_trigger[x]:
            continue  # «وكالة الأنباء ...»: the words are the start of longer names, not a name
        if len(words) == 1 and any(c.startswith(x + " ") and after_trigger[c] >= ORG_CONTINUED * after_trigger[x]
                                   for c in cands):
            continue  # «شركة والت ديزني»: the one word is half of a two-word name
        keep.append((x, after_trigger[x], share))
    keep.sort(key=lambda r: (-r[1], r[0]))
    with OUT_ORGS.open("w", encoding="utf-8") as fh:
        fh.write("# Organization names mined from the ANT corpus v2.1 (Chouigui, Ben Khiroun, Elayeb; Apache-2.0)\n"
                 "# by bench/mine_names.py: one or two words that follow an organization trigger (حزب، شركة،\n"
                 f"# صحيفة ...) >= {ORG_MIN} times and in >= {ORG_SHARE:.0%} of their occurrences.\n"
                 "# Folded key form. Columns: name, times after a trigger, share of occurrences after a trigger.\n")
        for x, c, share in keep:
            fh.write(f"{x}\t{c}\t{share:.2f}\n")
    return len(keep)


# Transliterated English function words: a name holding one is a fragment of a longer name («بنك أوف أميركا»,
# «ديلي ميل أون لاين») cut where the trigger window ends.
_FRAGMENT_WORDS = frozenset(("اوف", "اون", "اند", "ذا", "ذي"))


def _describes(words, common) -> bool:
    """Does a trigger's complement describe rather than name? A bare adjective in ـي on a frequent noun
    («تحليل إخباري»: أخبار), a second word that is a participle («العمال المعارض»، «الشباب المتشددة») or
    carries a pronoun («داعش مسؤوليته»), or a fragment of a transliterated English name («أوف أميركا»)."""
    if any(w in _FRAGMENT_WORDS for w in words):
        return True
    if len(words) == 1:
        w = words[0]
        return w.endswith("ي") and len(w) > 4 and (w[:-1] in common or "ال" + w[:-1] in common)
    second = words[1]
    if second.endswith(("ته", "تها", "ها", "هم")) or (second.endswith("ه") and "ال" + second[:-1] in common):
        return True
    return second.startswith("الم") and len(second) >= 6 and (
        second.endswith("ة") or (second in common and not second.endswith(("ين", "ون"))))  # «الإخوان المسلمين» names


def is_nationality_like(w: str) -> bool:
    """An adjective in ـي/ـية (العالمية، الإرهابية، أمريكية): the phrase describes, it does not name."""
    from akhbar.transforms.ner_tokens import is_nisba

    return is_nisba(w) or (w.endswith("ية") and is_nisba("ال" + w))


def _title_of_known(nm: str, surnames, lex) -> bool:
    """«محامي ترامب»، «مصدران مطلعان»: a title word in construct with a family name of the list, or a noun of
    the not-names list (also its dual), is a phrase about a person, not a full name."""
    first, _, rest = nm.partition(" ")
    if first in lex.first_names:
        return False
    if first in lex.not_names or (first.endswith("ان") and first[:-2] in lex.not_names):
        return True
    # a title in ي/ة (محامي، قاضي، محامية), not one that is also a given name («أمير حاتمي»)
    return first[-1] in "ية" and "ال" + first in lex.title_heads and rest in surnames


def _conjunction_first(nm: str, name_docs, lex) -> bool:
    """Does a full name start with no given name: the conjunction و on a name found without it too, or on an
    ordinary word («وتشارلي راولي»; «وليد جنبلاط» stays), or a noun in ة that is no listed given name («حملة
    ترامب»: the words of mined names are kept out of the common words, so the list cannot catch it)?"""
    first, _, rest = nm.partition(" ")
    if first.endswith("ة") and first not in lex.first_names:
        return True  # «حملة ترامب»: a noun in ة in construct with a name, not a given name
    if not first.startswith("و") or len(first) < 4:
        return False
    return f"{first[1:]} {rest}" in name_docs or first[1:] in lex.common_words


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="articles per outlet (0 = all)")
    ap.add_argument("--out-dir", type=Path, help="write both lists here instead of transforms/data (to compare)")
    args = ap.parse_args(argv)
    global OUT, OUT_ORGS
    if args.out_dir:
        OUT, OUT_ORGS = args.out_dir / OUT.name, args.out_dir / OUT_ORGS.name
    if not CORPORA.exists():
        print(f"skipped ({CORPORA} absent)")
        return 0
    from akhbar.transforms import entities, gazetteer, ner_known, ner_lexicon, ner_person_public
    from akhbar.transforms.arabic_text import fold_text, key
    ner_person_public.disable()  # the mined list counts what the plain rules find, not the listed figures
    from akhbar.transforms.ner_lexicon import CONNECTORS
    from akhbar.transforms.ner_tokens import is_article_word
    from akhbar.transforms.phrase_match import split_article

    ner_known.disable()  # mine with the plain rules only
    try:  # and without the learned person model (issue 5, ner5): its output must not feed the lists it learns from
        from akhbar.transforms import ner_model
        ner_model.set_enabled(False)
    except ImportError:
        pass
    lex = ner_lexicon.load()
    gaz = gazetteer.load()
    name_docs = defaultdict(set)  # full-name key -> doc ids
    last_docs = defaultdict(set)  # last word -> doc ids
    last_hits = Counter()  # last word -> occurrences inside a person span
    all_counts = Counter()  # word (proclitic removed when it leaves a candidate) -> occurrences
    seen_urls = set()
    org_docs = []  # per field: runs of folded words between punctuation marks
    after_trigger = Counter()  # one or two words right after an organization trigger -> occurrences
    continued = Counter()  # ... of which a definite word follows
    t0 = time.time()
    n = 0
    for d in unlabeled_articles(args.limit):  # our gold articles stay unseen, so their scores stay honest
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
            ft = fold_text(text)
            for t in ft.tokens:
                all_counts[t.norm] += 1
            runs = _runs(ft)
            org_docs.append(runs)
            for run in runs:
                for i, w in enumerate(run[:-1]):
                    if _strip(w, _ORG_TRIGGERS) in _ORG_TRIGGERS:
                        for n_words in (1, 2):
                            if i + 1 + n_words > len(run):
                                break
                            x = " ".join(run[i + 1:i + 1 + n_words])
                            after_trigger[x] += 1
                            nxt = run[i + 1 + n_words] if i + 1 + n_words < len(run) else ""
                            if nxt.startswith("ال") or nxt.startswith("لل"):
                                continued[x] += 1  # a definite word follows: X is only part of a name
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
                   and not is_article_word(nm.split()[0]) and not _conjunction_first(nm, name_docs, lex)
                   and not _title_of_known(nm, surnames, lex)),
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
    n_orgs = _write_orgs(org_docs, after_trigger, continued, lex, gaz, surnames, split_article)
    print(f"{n_orgs} organization names -> {OUT_ORGS}")
    print(f"{n} articles in {time.time() - t0:.0f} s: {len(surnames)} family names, {len(full)} full names -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
