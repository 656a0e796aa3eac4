"""Person span boundaries (round 8, bound8): where a name starts and stops.

Positive cases are ANT sentences (shortened); each is checked to give another answer with its rule off."""
from akhbar.transforms import entities, ner_person_core
from tests.test_entities_person import _persons


def _with_and_without(monkeypatch, module, switch, text):
    """Persons of ``text`` with the rule on, and with it off (the lru-cached analysis cleared around)."""
    entities.analyze.cache_clear()
    on = _persons(text)
    monkeypatch.setattr(module, switch, False)
    entities.analyze.cache_clear()
    off = _persons(text)
    monkeypatch.undo()
    entities.analyze.cache_clear()
    return on, off


def test_listed_given_name_in_al_is_no_family_name(monkeypatch):
    # ANT (france24): «إلياس» folds to الياس and was read as a definite family name: the name stopped there
    on, off = _with_and_without(monkeypatch, ner_person_core, "AL_GIVEN",
                                "وقال الضابط السابق في المخابرات الجزائرية محمد إلياس رحماني، وهو مؤسس حزب.")
    assert on == ["محمد إلياس رحماني"] and off == ["محمد إلياس"]
    # ANT (france24): «ماري إليزابيث»
    assert _persons("وقالت رئيسة البعثة في الأراضي الفلسطينية ماري إليزابيث أنغر في وقت سابق") \
        == ["ماري إليزابيث أنغر"]


def test_compound_given_name_in_al_din_takes_a_family_name(monkeypatch):
    # ANT (france24, skynews): «نور الدين»، «علاء الدين» stopped before the family name
    on, off = _with_and_without(monkeypatch, ner_person_core, "AL_GIVEN",
                                "وأكد رئيس فريق حزب الاستقلال نور الدين مضيان (معارضة) أن مناقشة هذا القانون")
    assert on == ["نور الدين مضيان"] and off == ["نور الدين"]
    assert _persons("عن رئيس لجنة الأمن القومي علاء الدين بروجردي تأكيده سقوط طائرة") == ["علاء الدين بروجردي"]


def test_gulf_father_name_with_the_article_goes_on_to_the_family_name(monkeypatch):
    # ANT (skynews economy): only «صباح خالد الحمد» was found
    on, off = _with_and_without(monkeypatch, ner_person_core, "AL_GIVEN",
                                "وكان وزير الخارجية الشيخ صباح خالد الحمد الصباح استقبل كايتانو")
    assert on[0] == "صباح خالد الحمد الصباح" and off[0] == "صباح خالد الحمد"
    # a nationality after it is no family name (ANT: «نجم البوب الكندي»: بوب is a listed given name)
    assert "نجم البوب الكندي" not in _persons("إن نجم البوب الكندي، جاستن بيبر، أعلن")
