"""The organization rules' faster token look-ups give what the former scans over every token gave."""
from akhbar.transforms import ner_lexicon, ner_known, ner_org
from akhbar.transforms.arabic_text import fold_text
from akhbar.transforms.ner_tokens import make_view
from akhbar.transforms.phrase_match import longest_non_overlapping

_TEXTS = [
    "بغداد - (الفرنسية) - قال متحدث باسم الأمم المتحدة إن منظمة الصحة العالمية وحلف الناتو (د ب أ) اتفقا",
    "الرياض-واس: أعلنت وزارة الخارجية السعودية (أ.ف.ب) أن جامعة الدول العربية ستجتمع - وفق رويترز - غدا",
    "(رويترز) صندوق النقد الدولي والبنك الدولي والاتحاد الأوروبي ( ا ف ب ) في بيان",
    "نص بلا أقواس ولا شرطات عن الأمم المتحدة",
    "",
]


def _old_known_org_tokens(v, hits):
    toks = v.toks
    spans, covered = [], set()
    place_like = ner_org.descriptive()[2]
    for h in hits:
        first = next((k for k, t in enumerate(toks) if t.fstart <= h.fstart < t.fend), None)
        last = next((k for k, t in enumerate(toks) if t.fstart < h.fend <= t.fend), None)
        if first is None or last is None:
            continue
        if first == last and any(x in place_like for x in h.values) and ner_org._place_use(v, first, last, h.fstart):
            continue
        spans.append((first, last + 1, h.fstart - toks[first].fstart))
        covered.update(range(first, last + 1))
    return spans, covered


def _old_parenthesized_agencies(v):
    toks, text, out = v.toks, v.ft.original, []
    for i in range(len(toks)):
        before = text[toks[i - 1].end if i else 0:toks[i].start]
        dateline = "-" in before
        if "(" not in before and not dateline:
            continue
        for j in range(i, min(i + 6, len(toks))):
            after = text[toks[j].end:toks[j + 1].start if j + 1 < len(toks) else len(text)]
            if ")" in after or "-" in after or "،" in after or (dateline and ":" in after):
                if "".join(v.norm(k) for k in range(i, j + 1)) in v.lex.agencies:
                    out.append((i, j + 1, 0))
                break
    return out


def test_org_token_lookups_match_the_former_scans():
    lex = ner_lexicon.load()
    found_spans = found_agencies = 0
    for text in _TEXTS:
        ft = fold_text(text)
        v = make_view(ft, lex, [], [], [])
        hits = longest_non_overlapping(lex.known_orgs.find(ft) + ner_known.org_matcher().find(ft))
        assert ner_org.known_org_tokens(v, hits) == _old_known_org_tokens(v, hits)
        assert ner_org.parenthesized_agencies(v) == _old_parenthesized_agencies(v)
        found_spans += len(_old_known_org_tokens(v, hits)[0])
        found_agencies += len(_old_parenthesized_agencies(v))
    assert found_spans >= 3 and found_agencies >= 3  # the texts exercise both


def test_find_orgs_visiting_only_candidates_finds_what_visiting_every_token_finds():
    import inspect
    import textwrap

    src = textwrap.dedent(inspect.getsource(ner_org.find_orgs))
    line = next(ln for ln in src.splitlines() if ln.strip().startswith("cands = "))
    every = src.replace(line.strip(), "cands = list(range(len(toks)))").replace("def find_orgs", "def every_token")
    assert every != src
    namespace = dict(vars(ner_org))
    exec(every, namespace)
    lex = ner_lexicon.load()
    texts = _TEXTS + ["وصلت طائرة الخطوط الجوية القطرية وللخطوط الجوية التركية رحلات، وقالت وزارة الداخلية العراقية "
                      "إن الحكومة اليمنية الشرعية ومجلس الأمن الدولي والبنك المركزي المصري اجتمعوا"]
    found = 0
    for text in texts:
        v = make_view(fold_text(text), lex, [], [], [])
        assert ner_org.find_orgs(v) == namespace["every_token"](v)
        found += len(ner_org.find_orgs(v))
    assert found >= 6
