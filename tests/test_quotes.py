"""Quotes with speakers: the rule in transforms/quotes.py, on small Arabic news sentences and the corpus."""
from __future__ import annotations

import datetime as dt
import gzip
import json
from itertools import islice
from pathlib import Path

import pytest

from akhbar.schemas.records import ExtractContext
from akhbar.transforms.quotes import extract_quotes
from akhbar.transforms.quotes_spans import quoted_spans

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
GOLD = Path(__file__).resolve().parent / "data" / "gold_quotes.jsonl"
CTX = ExtractContext("test", "IQ", "Asia/Baghdad", None, dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))


def quotes(body: str, title: str = ""):
    out = extract_quotes(title, body, CTX)
    for q in out:
        assert {"title": title, "body": body}[q.field][q.start:q.end] == q.text
    return out


def test_title_is_dropped_from_the_speaker():
    qs = quotes('وقال وزير الخارجية العراقي فؤاد حسين إن "العراق لن يكون ساحة لتصفية الحسابات".')
    assert [(q.text, q.speaker) for q in qs] == [("العراق لن يكون ساحة لتصفية الحسابات", "فؤاد حسين")]


def test_role_or_organization_is_the_speaker_when_no_name_follows():
    qs = quotes('وقالت الهيئة في بيان "إن الانتخابات ستجري في موعدها المحدد".')
    assert qs[0].speaker == "الهيئة"
    qs = quotes('وقال متحدث باسم وزارة الخارجية: "لم نتلق أي طلب رسمي بهذا الشأن".')
    assert qs[0].speaker == "متحدث باسم وزارة الخارجية"


def test_repeated_verb_and_pronoun_go_back_to_the_last_speaker():
    body = ('وقال الرئيس الفرنسي إيمانويل ماكرون إن "أوروبا تحتاج إلى جيش موحد".\n'
            'وأضاف: "لا يمكننا الاعتماد على الآخرين بعد الآن".\n'
            'وتابع ماكرون أن "القرار يعود إلى الأوروبيين وحدهم".')
    assert [q.speaker for q in quotes(body)] == ["إيمانويل ماكرون"] * 2 + ["ماكرون"]


def test_speaker_named_after_an_in_a_reported_quote():
    qs = quotes('ونقلت وكالة رويترز عن مصدر أمني قوله "إن الهجوم وقع فجرا قرب الحدود".')
    assert qs[0].speaker == "مصدر أمني"


def test_name_in_apposition_after_a_role():
    qs = quotes('قال وزير الخارجية اليمني، خالد اليماني، الجمعة، إن "الحل السياسي ما زال ممكنا".')
    assert qs[0].speaker == "خالد اليماني"


def test_subject_before_the_verb():
    qs = quotes('لكن الرئيس الأمريكي دونالد ترامب نفى ذلك، وكتب: "هذه أخبار كاذبة تماما".')
    assert qs[0].speaker == "دونالد ترامب"


def test_attribution_after_the_quotation():
    qs = quotes('"لن نتراجع عن قرارنا مهما كانت الضغوط"، قال رئيس الوزراء حيدر العبادي.')
    assert qs[0].speaker == "حيدر العبادي"


def test_headline_speaker_before_a_colon():
    qs = quotes("", title='ترامب: "لن نسمح لإيران بامتلاك سلاح نووي"')
    assert [(q.field, q.speaker) for q in qs] == [("title", "ترامب")]


def test_all_quotation_marks_of_the_corpus_are_read():
    for open_, close in (("«", "»"), ("“", "”"), ('"', '"')):
        qs = quotes(f"وقال المتحدث باسم الجيش: {open_}القوات تقدمت نحو وسط المدينة{close}.")
        assert [q.text for q in qs] == ["القوات تقدمت نحو وسط المدينة"], open_


def test_a_word_or_name_in_quotation_marks_is_not_a_quote():
    # Fewer than three words: a name or a scare quote, even after a reporting verb.
    assert quotes('وأعلن تنظيم "داعش" مسؤوليته عن الهجوم، وقال إنه "عمل جبان".') == []
    # A naming noun right before the marks: a title or a name, not speech.
    assert quotes('وذكرت صحيفة "وول ستريت جورنال الأمريكية" أن الصفقة تأجلت.') == []
    assert quotes('وعرض فيلم "نظرية كل شيء عن الحياة" في الصالات أمس.') == []
    # Three words or more without any reporting cue: not attributed, not a quote.
    assert quotes('وأطلق الجيش على العملية اسما جديدا هو "عاصفة الصحراء الكبرى" أمس.') == []


def test_unbalanced_ascii_marks_drop_the_stray_one():
    text = 'وتقول الصحيفة "الشجار ليس سهلا. وقالت المصادر إن "الاتفاق بات قريبا جدا".'
    spans = quoted_spans(text)
    assert len(spans) == 1 and text[spans[0][0] + 1:spans[0][1]] == "الاتفاق بات قريبا جدا"


def test_quotes_never_span_paragraphs():
    body = 'وقال الوزير "نحن مستعدون للحوار\nوأضاف أن الحكومة "ستعلن خطتها قريبا جدا".'
    qs = quotes(body)
    assert all("\n" not in q.text for q in qs)


def test_tatweel_used_as_a_dash_does_not_break_attribution():
    # Al Arabiya columns open paragraphs with a lone tatweel as a dash («ـ كنت ـ وما زلت ـ ...»): a token
    # with no letter once diacritics and tatweel are dropped (it once raised IndexError).
    body = 'ـ كنت ـ وما زلت ـ مؤمنا بأن الصحيفة ستعود.\nـ قال المدرب خالد المعجل: "الفريق سيعود أقوى من قبل".'
    assert [q.speaker for q in quotes(body)] == ["خالد المعجل"]


def _corpus_docs(n_per_file: int):
    for name in ("alarabia", "bbc", "france24", "skynews"):
        with gzip.open(CORPORA / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in islice(fh, n_per_file):
                yield json.loads(line)


def test_offsets_hold_on_the_corpus():
    if not CORPORA.exists():
        pytest.skip("../shared/corpora not present")
    n = 0
    for d in _corpus_docs(300):
        for q in extract_quotes(d["title"], d["text"], CTX):
            assert {"title": d["title"], "body": d["text"]}[q.field][q.start:q.end] == q.text
            n += 1
    assert n > 100


def test_gold_set_scores():
    """The gold set of tests/data/gold_quotes.jsonl: F1 >= 0.90, speaker accuracy >= 0.85."""
    if not CORPORA.exists():
        pytest.skip("../shared/corpora not present")
    from bench.eval_quotes import load_docs, load_gold, speaker_ok

    gold = load_gold(GOLD)
    assert len(gold) >= 40
    docs = load_docs([g["doc_id"] for g in gold])
    tp = fp = fn = right = 0
    for g in gold:
        d = docs[g["doc_id"]]
        pred = {(q.field, q.start, q.end): q for q in extract_quotes(d["title"], d["text"], CTX)}
        want = {(q["field"], q["start"], q["end"]): q for q in g["quotes"]}
        tp += len(pred.keys() & want.keys())
        fp += len(pred.keys() - want.keys())
        fn += len(want.keys() - pred.keys())
        right += sum(speaker_ok(pred[k].speaker, want[k]) for k in pred.keys() & want.keys())
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.90
    assert right / tp >= 0.85


# --- Speed rewrites that must not change a result (issue #8): each is checked against the plain form.

_SPEED_TEXTS = [
    'وقال وزير الخارجية "العراق لن يكون ساحة" وأضاف: «نحن هنا “منذ زمن” باقون»\nسطر "بلا إغلاق',
    '"مفتوح في أول النص\n«متداخل "داخلي" وخارجي» ثم " علامة وحيدة "و"نص" آخر"',
    'قَالَ الرئيسُ إنّ «الوضعَ صعب»، وأكّدتْ الوزيرة لمحبيه: "سنعمل"، فقالوا قائلاً بحسب المصدر.',
    "",
    '""',
]


def _spans_reference(text):
    """quoted_spans as first written: a per-character loop over each line."""
    from akhbar.transforms.quotes_spans import _CLOSERS, _PAIRS, _pair_ascii
    out, pos = [], 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        marks, stack = [], []
        for i, ch in enumerate(line):
            if ch in _PAIRS:
                stack.append((ch, i))
            elif ch in _CLOSERS:
                while stack and _PAIRS[stack[-1][0]] != ch:
                    stack.pop()
                if stack:
                    _, j = stack.pop()
                    if not stack:
                        out.append((base + j, base + i))
            elif ch == '"':
                marks.append(i)
        out.extend((base + a, base + b) for a, b in _pair_ascii(line, marks))
    kept = []
    for a, b in sorted(out):
        if not (kept and a < kept[-1][1]):
            kept.append((a, b))
    return kept


@pytest.mark.parametrize("text", _SPEED_TEXTS)
def test_quoted_spans_equal_the_per_character_reference(text):
    assert quoted_spans(text) == _spans_reference(text)


def test_token_list_equals_the_regex_from_any_start_and_end():
    from akhbar.transforms.quotes_lexicon import _TOKEN, token_list
    text = _SPEED_TEXTS[0] + " " + _SPEED_TEXTS[2]
    cases = 0
    for start in range(-2, len(text) + 3, 3):
        for end in (None, start - 1, start, start + 1, start + 7, start + 40, len(text) + 2):
            want = [(m.group(), m.start(), m.end())
                    for m in _TOKEN.finditer(text, max(start, 0), len(text) if end is None else max(end, 0))]
            assert token_list(text, start, end) == want, (start, end)
            cases += bool(want)
    assert cases > 100


def test_cue_trie_matches_like_the_longest_first_alternation():
    import re
    from akhbar.transforms.quotes_cues import _MARK, _cue_pattern, _cue_regex, cue_forms
    from akhbar.transforms.quotes_lexicon import fold
    forms = cue_forms()
    flat = "|".join(sorted(("".join(re.escape(c) + _MARK for c in f) for f in forms), key=len, reverse=True))
    reference = re.compile(_cue_regex(flat))
    sample = " ".join(_SPEED_TEXTS) + " وقالت وقالوا فأكد ليؤكد وأضافها مضيفاً نقلاً عن وفقاً لـ حسبما أفاد"
    text = fold(sample + " " + " ".join(sorted(forms)) + " " + "ـَ".join(sorted(forms)))
    got = [m.span() for m in _cue_pattern().finditer(text)]
    assert got == [m.span() for m in reference.finditer(text)]
    assert len(got) > len(forms) // 2


def test_fold_of_a_long_text_equals_the_translate_table():
    import random

    from akhbar.transforms.quotes_lexicon import _FOLD, fold
    rng = random.Random(7)
    letters = "أإآٱةىؤـاهيبت قال: «» \u064e\u0651"
    for n in (0, 1, 63, 64, 65, 200, 2000):
        for _ in range(20):
            text = "".join(rng.choice(letters) for _ in range(n))
            assert fold(text) == text.translate(_FOLD) and len(fold(text)) == len(text)
