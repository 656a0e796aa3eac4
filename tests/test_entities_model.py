"""The learned person-recall model (transforms/ner_model.py): rules win, offsets hold, the file ships."""
from __future__ import annotations

import datetime as dt
import importlib.resources
from pathlib import Path

import pytest

from akhbar.schemas.records import ExtractContext
from akhbar.transforms import entities, ner_model

NOW = dt.datetime(2018, 6, 1, tzinfo=dt.timezone.utc)
CTX = ExtractContext("t", None, "UTC", NOW, NOW)


@pytest.fixture(autouse=True)
def model_on():
    """These tests are about the model, which is opt-in: on for each test, then back as it was."""
    before = ner_model._ENABLED[0]
    ner_model.set_enabled(True)
    entities.analyze.cache_clear()
    yield
    ner_model.set_enabled(before)
    entities.analyze.cache_clear()


def test_the_model_is_off_unless_asked_for():
    assert not ner_model.default_enabled({})
    assert not ner_model.default_enabled({ner_model.ENV: "0"})
    assert ner_model.default_enabled({ner_model.ENV: "1"})


def _persons(title, body):
    entities.analyze.cache_clear()
    return [(e.text, e.field, e.start, e.end) for e in entities.extract_entities(title, body, CTX) if e.type == "PER"]


@pytest.fixture
def toy():
    """A hand-made model: only the invented word زيبنهاندل and the word كوفالتشيك score high."""
    def use(weights, threshold=0.5, extend=0.0):
        ner_model.use_model(ner_model.Model(weights, -5.0, threshold, extend))
    yield use
    ner_model.use_model(None)
    ner_model.set_enabled(True)
    entities.analyze.cache_clear()


BODY = "لم يكن زيبنهاندل في الملعب أمس. ويعشق وزيبنهاندل الكرة منذ صغره."


def test_model_adds_an_unanchored_name_with_offsets(toy):
    ner_model.set_enabled(False)
    assert not any("زيبنهاندل" in p[0] for p in _persons("", BODY))  # the rules alone miss it
    ner_model.set_enabled(True)
    toy({"w=زيبنهاندل": 10.0})
    found = _persons("", BODY)
    assert [p[0] for p in found if "زيبنهاندل" in p[0]] == ["زيبنهاندل", "زيبنهاندل"]  # و is not part of it
    for text, field, start, end in found:
        assert BODY[start:end] == text


def test_rules_win_over_the_model(toy):
    body = "وقال الرئيس الأمريكي دونالد ترامب إن بغداد مهمة."
    ner_model.set_enabled(False)
    rules = _persons("", body)
    ner_model.set_enabled(True)
    # every word scores high: the model may still add nothing on a rule-found name, a place or a neighbour
    toy({"w=" + w: 10.0 for w in ("ترامب", "دونالد", "بغداد", "مهمة", "الامريكي")})
    assert _persons("", body) == rules


def test_a_neighbour_joins_a_hit_at_the_lower_probability(toy):
    body = "انتقد كوفالتشيك زيبنهاندل الخطة الجديدة."
    toy({"w=كوفالتشيك": 10.0, "w=زيبنهاندل": 5.5}, threshold=0.9)  # 5.5 - 5 = 0.5: p 0.62
    assert [p[0] for p in _persons("", body)] == ["كوفالتشيك"]
    toy({"w=كوفالتشيك": 10.0, "w=زيبنهاندل": 5.5}, threshold=0.9, extend=0.5)
    assert [p[0] for p in _persons("", body)] == ["كوفالتشيك زيبنهاندل"]


def test_no_model_means_rules_alone(toy):
    ner_model.set_enabled(False)
    assert ner_model.load() is None
    ner_model.set_enabled(True)
    ner_model.use_model(None)
    assert ner_model.load() is ner_model._load()


def test_read_model_round_trip():
    m = ner_model.read_model("# c\n@bias\t-1.5\n@threshold\t0.800\n@extend\t0.400\nw=ابc\t2.0\nL1=قال\t1.25\n")
    assert (m.bias, m.threshold, m.extend) == (-1.5, 0.8, 0.4)
    assert m.weights == {"L1=قال": 1.25}  # context weights by name; spelling weights by template
    assert m.spelling_score("ابc") == 2.0


def test_spelling_features_see_the_word_ends():
    f = ner_model.spelling_features("ستولتنبرغ")
    assert "w=ستولتنبرغ" in f and "s3=برغ" in f and "p2=ست" in f and "g3=<ست" in f and "g3=رغ>" in f
    assert ner_model.word_form("وبوش") == (1, "بوش")
    assert ner_model.word_form("وزن") == (0, "وزن")  # too short to lose a letter


def test_shipped_model_is_small_and_documented():
    data = importlib.resources.files("akhbar.transforms") / "data"
    path = data / ner_model.MODEL_FILE
    if not path.is_file():
        pytest.skip("no model shipped")
    assert Path(str(path)).stat().st_size < 5_000_000
    m = ner_model._load()
    assert 0 < m.threshold < 1 and len(m.weights) > 1000
    assert (data / "ner_person_model.md").is_file()


def test_shipped_model_finds_a_foreign_name_the_rules_miss():
    if not (importlib.resources.files("akhbar.transforms") / "data" / ner_model.MODEL_FILE).is_file():
        pytest.skip("no model shipped")
    body = "ورد كوفالتشيك قائلا إن الحكومة لن تتراجع."  # an invented name after «ورد», no title, no given name
    ner_model.set_enabled(False)
    try:
        assert _persons("", body) == []
    finally:
        ner_model.set_enabled(True)
    assert [p[0] for p in _persons("", body)] == ["كوفالتشيك"]
    plain = "وأكدت الحكومة أن الاتفاق سيدخل حيز التنفيذ الأسبوع المقبل بعد مفاوضات طويلة."
    assert _persons("", plain) == []


def test_fast_spelling_sum_equals_the_feature_sum():
    weights = {"w=بوش": 1.0, "s1=ش": 0.5, "s2=وش": 0.25, "s3=بوش": 0.125, "p2=بو": -1.0, "p3=بوش": 2.0,
               "len=3": 0.75, "g3=<بو": 0.3, "g3=وش>": -0.2, "shape=nonarabic": 4.0, "L1=قال": 9.0}
    m = ner_model.Model(weights, 0.0, 0.5)
    for w in ("بوش", "وش", "غولارتx", "ستولتنبرغ"):
        expected = sum(weights.get(f, 0.0) for f in ner_model.spelling_features(w))
        assert m.spelling_score(w) == pytest.approx(expected)
