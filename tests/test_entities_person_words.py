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
