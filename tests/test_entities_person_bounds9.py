"""Person span boundaries (round 8, bound9): a given-name span stops before a word the person model knows
and weighs as no name.

Positive cases are ANT sentences (shortened) or, where marked, my own wording of a NewsFANE case; each is
checked to give another answer with the rule's test function replaced by one that always says no."""
from akhbar.transforms import ner_person_core
from tests.test_entities_person import _persons
from tests.test_entities_person_bounds import _with_and_without


def test_seen_plain_word_ends_a_name_after_a_given_name(monkeypatch):
    # ANT (alarabiya): «نقيب» (head of a union) is a noun in construct, not Ashraf Zaki's family name
    on, off = _with_and_without(monkeypatch, ner_person_core, "seen_plain",
                                "أجرت العربية.نت اتصالا بالفنان أشرف زكي نقيب الممثلين من أجل الوقوف على الأمر")
    assert on == ["أشرف زكي"] and off == ["أشرف زكي نقيب"]
    # ANT (bbc): «لحن» (a melody) is the object of the verb
    on, off = _with_and_without(monkeypatch, ner_person_core, "seen_plain",
                                "كما وضع الموسيقار علي إسماعيل لحن قصيدة فدائي التي كتبها")
    assert on == ["علي إسماعيل"] and off == ["علي إسماعيل لحن"]


def test_seen_plain_word_after_a_lone_given_name(monkeypatch):
    # my wording of a NewsFANE case («صدام عدو لدود»): «عدو» (enemy) is the predicate, not a family name
    on, off = _with_and_without(monkeypatch, ner_person_core, "seen_plain",
                                "وأضاف قائلا إن صدام عدو لدود للولايات المتحدة")
    assert on == ["صدام"] and off == ["صدام عدو"]


def test_family_names_in_waw_are_not_cut():
    # ANT (france24): «وولف» and «واينستين» are weighed as no name (و reads as a clitic) but are family names
    assert _persons("توفي الكاتب الأمريكي توم وولف صاحب رواية بونفاير أوف ذا فانيتيز") == ["توم وولف"]
    assert "هارفي واينستين" in _persons("واتهمت الممثلة المنتج هارفي واينستين بالتحرش")


def test_titles_of_spouses_envoys_and_secretaries_end_a_name():
    # ANT (alarabiya): «سكرتيرة الفنانة» is her role, not a fourth name; my wording of a NewsFANE case for «قرينة»
    assert _persons("وقالت سهير محمد علي سكرتيرة الفنانة إن الحالة المعنوية جيدة") == ["سهير محمد علي"]
    assert "سوزان مبارك" in _persons("افتتح المؤتمر بحضور سوزان مبارك قرينة الرئيس المصري")


def test_rasul_is_no_family_name():
    # my wording of a NewsFANE case («محمد رسول الإسلام»): «رسول» (messenger) was taken as the family name and
    # then propagated alone (ner_not_names.txt)
    assert not any("رسول" in p for p in _persons("وقد هاجر محمد رسول الله إلى المدينة المنورة مع أبي بكر"))
