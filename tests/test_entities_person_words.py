"""The per-word cache of the person rules answers like the rule it wraps, once per word."""
from types import SimpleNamespace

from akhbar.transforms import ner_person_words
from akhbar.transforms.ner_person_words import WordCache


def _view(*norms):
    return SimpleNamespace(toks=[SimpleNamespace(norm=n) for n in norms])


def test_word_cache_asks_once_per_word_and_answers_like_the_rule():
    asked = []

    def answer(v, i):
        asked.append(v.toks[i].norm)
        return v.toks[i].norm.startswith("قال")

    cached = WordCache(answer)
    v = _view("قال", "الرئيس", "قال", "الرئيس")
    assert [cached(v, i) for i in range(4)] == [True, False, True, False]
    assert asked == ["قال", "الرئيس"]


def test_word_cache_stays_bounded(monkeypatch):
    monkeypatch.setattr(ner_person_words, "_LIMIT", 3)
    cached = WordCache(lambda v, i: False)
    v = _view(*[f"كلمة{n}" for n in range(10)])
    for i in range(10):
        cached(v, i)
    assert len(cached._seen) <= 4


def test_token_spans_cover_a_listed_name_after_a_proclitic():
    from akhbar.transforms.arabic_text import fold_text, key
    from akhbar.transforms.phrase_match import PhraseMatcher, token_spans

    ft = fold_text("التقى الرئيس وبشار الأسد في دمشق")
    spans = token_spans(ft, PhraseMatcher([(key("بشار الأسد"), "per")]).find(ft))
    assert len(spans) == 1
    first, end, skip = spans[0]
    words = [ft.original[t.start:t.end] for t in ft.tokens[first:end]]
    assert words == ["وبشار", "الأسد"] and skip == 1  # the و is skipped, the name is both tokens
