"""Person span boundaries (round 8, bound8): where a name starts and stops.

Positive cases are ANT sentences (shortened); each is checked to give another answer with its rule off (the
rule's own test function replaced by one that always says no)."""
import pytest

from akhbar.transforms import entities, ner_person_bounds, ner_person_core, ner_person_shape
from tests.test_entities_person import _persons


def _never(*_args, **_kwargs):
    return False


def _with_and_without(monkeypatch, module, test_name, text, also=()):
    """Persons of ``text`` with the rule on, and with its test function ``module.test_name`` saying no (the
    lru-cached analysis cleared around). ``also``: names of ner_person_core tests that would cut the same word
    (bound9's ``seen_plain``), off in both runs."""
    for name in also:
        monkeypatch.setattr(ner_person_core, name, _never)
    entities.analyze.cache_clear()
    on = _persons(text)
    monkeypatch.setattr(module, test_name, _never)
    entities.analyze.cache_clear()
    off = _persons(text)
    monkeypatch.undo()
    entities.analyze.cache_clear()
    return on, off


def test_listed_given_name_in_al_is_no_family_name(monkeypatch):
    # ANT (france24): «إلياس» folds to الياس and was read as a definite family name: the name stopped there
    on, off = _with_and_without(monkeypatch, ner_person_core, "foreign_al_given",
                                "وقال الضابط السابق في المخابرات الجزائرية محمد إلياس رحماني، وهو مؤسس حزب.")
    assert on == ["محمد إلياس رحماني"] and off == ["محمد إلياس"]
    # ANT (france24): «ماري إليزابيث»
    assert _persons("وقالت رئيسة البعثة في الأراضي الفلسطينية ماري إليزابيث أنغر في وقت سابق") \
        == ["ماري إليزابيث أنغر"]


def test_compound_given_name_in_al_din_takes_a_family_name(monkeypatch):
    # ANT (france24, skynews): «نور الدين»، «علاء الدين» stopped before the family name
    on, off = _with_and_without(monkeypatch, ner_person_core, "din_after_given",
                                "وأكد رئيس فريق حزب الاستقلال نور الدين مضيان (معارضة) أن مناقشة هذا القانون")
    assert on == ["نور الدين مضيان"] and off == ["نور الدين"]
    assert _persons("عن رئيس لجنة الأمن القومي علاء الدين بروجردي تأكيده سقوط طائرة") == ["علاء الدين بروجردي"]


def test_gulf_father_name_with_the_article_goes_on_to_the_family_name(monkeypatch):
    # ANT (skynews economy): only «صباح خالد الحمد» was found
    on, off = _with_and_without(monkeypatch, ner_person_core, "father_with_article",
                                "وكان وزير الخارجية الشيخ صباح خالد الحمد الصباح استقبل كايتانو")
    assert on[0] == "صباح خالد الحمد الصباح" and off[0] == "صباح خالد الحمد"
    # a nationality after it is no family name (ANT: «نجم البوب الكندي»: بوب is a listed given name)
    assert "نجم البوب الكندي" not in _persons("إن نجم البوب الكندي، جاستن بيبر، أعلن")


def _widened(monkeypatch, text, on=True, off=()):
    """Persons of ``text`` (ner_person.find_persons ends with ner_person_bounds.widen); ``on=False``: widen changes
    nothing; ``off``: names of bounds functions replaced for this call (``_compound_at`` -> -1, ``_van_names`` ->
    [], others -> False)."""
    if not on:
        off = ("_left", "_compound_names", "_van_names")
    stand_ins = {"_left": lambda v, a, taken: (a, 0), "_compound_names": lambda *a: [], "_van_names": lambda *a: [],
                 "_compound_at": lambda *a: -1}
    with pytest.MonkeyPatch.context() as mp:
        for name in off:
            mp.setattr(ner_person_bounds, name, stand_ins.get(name, _never))
        entities.analyze.cache_clear()
        found = _persons(text)
    entities.analyze.cache_clear()
    return found


def test_kunya_in_genitive_or_accusative_starts_the_name(monkeypatch):
    # ANT (alarabiya culture): only «بكر الصديق», «جعفر المنصور», «منصور الجواليقي» were found
    assert _widened(monkeypatch, "بدءاً من عصر أبي بكر الصديق وصولا إلى زمن عبد الملك")[0] == "أبي بكر الصديق"
    assert _widened(monkeypatch, "بدءاً من عصر أبي بكر الصديق وصولا إلى زمن عبد الملك", on=False) == ["بكر الصديق"]
    assert _widened(monkeypatch, "وتوفي بها عام 160 هجرية أيام خلافة أبي جعفر المنصور.") == ["أبي جعفر المنصور"]
    # the proclitic stays out of the span
    assert _widened(monkeypatch, "في كتاب المعرب لأبي منصور الجواليقي، وهو") == ["أبي منصور الجواليقي"]


def test_given_name_and_bin_before_a_nasab_chain(monkeypatch):
    # ANT (alarabiya economy): «حمدان» is in no given-name list; only «محمد بن راشد آل مكتوم» was found
    text = "وقالت الوكالة إن الشيخ حمدان بن محمد بن راشد آل مكتوم ولي عهد دبي أمر بعدم زيادة الرسوم"
    assert _widened(monkeypatch, text) == ["حمدان بن محمد بن راشد آل مكتوم"]
    assert _widened(monkeypatch, text, on=False) == ["محمد بن راشد آل مكتوم"]
    # a word not spelled like a name stays out (ANT bbc: «أحد أقارب بن سلمان»)
    text = "إن بدر بن عبد الله، أحد أقارب بن سلمان، اشترى اللوحة"
    added = set(_widened(monkeypatch, text)) - set(_widened(monkeypatch, text, on=False))
    assert "أقارب بن سلمان" not in added



def test_a_word_spelled_as_no_name_ends_the_name(monkeypatch):
    # ANT (bbc culture): the verb after the given name ran into the span («شيرين لجأت»)
    on, off = _with_and_without(monkeypatch, ner_person_core, "spelled_as_word",
                                "حاولت الصعود إلى المسرح، إلا أن شيرين لجأت إلى ركل المعجب", also=("seen_plain",))
    assert on == ["شيرين"] and off == ["شيرين لجأت"]
    # ANT (alarabiya culture): «إليسا تعانقه»
    on, off = _with_and_without(monkeypatch, ner_person_core, "spelled_as_word",
                                "متسابق يغادر البرنامج.. وإليسا تعانقه بعد الحلقة")
    assert on == ["إليسا"] and off == ["إليسا تعانقه"]
    # ANT (bbc): nouns after a verb of saying were read as a name («مالكو مخبز»)
    on, off = _with_and_without(monkeypatch, ner_person_core, "spelled_as_word",
                                "قال مالكو مخبز في ايرلندا الشمالية إنهم سيطعنون في الحكم")
    assert off == ["مالكو مخبز"] and on == []


def test_family_names_with_little_spelling_evidence_stay(monkeypatch):
    # ANT (alarabiya culture): وولف (و), and family names in ي or ة are never cut by their letters
    assert _persons("توفي الكاتب الأمريكي توم وولف صاحب رواية") == ["توم وولف"]
    assert "سعيد عويطة" in _persons("وفاز العداء المغربي السابق سعيد عويطة بالذهبية")
    assert _persons("وقالت الفنانة ريم تلحمي إنها") == ["ريم تلحمي"]


def test_fa_on_a_frequent_word_opens_a_clause(monkeypatch):
    # ANT (alarabiya culture, france24 sport): «فقضى», «فسدد» ran into the name
    on, off = _with_and_without(monkeypatch, ner_person_core, "fa_clause",
                                "أما الفنان أحمد داود فقضى الإجازة مع أسرته")
    assert on == ["أحمد داود"] and off == ["أحمد داود فقضى"]
    # ANT (bbc): «فورد» (ف + ورد, a frequent word) is spelled like a name and stays
    assert "كريستين فورد" in _persons("لكن كافانو نفى صحة ما ذكرته كريستين فورد بحقه")


def _gulf_wired(monkeypatch, text):
    """Persons of ``text``, fresh (entities._cut_at_known leaves a Gulf chain whole: ner_person_bounds.gulf_chain)."""
    entities.analyze.cache_clear()
    found = _persons(text)
    entities.analyze.cache_clear()
    return found


def test_a_known_shorter_name_does_not_cut_a_gulf_chain(monkeypatch):
    # ANT (skynews, bbc): «صباح الأحمد» is a known full name and cut «صباح الأحمد الجابر الصباح» short
    text = "وأكد أمير الكويت الشيخ صباح الأحمد الجابر الصباح أن بلاده ستواصل جهودها"
    assert _gulf_wired(monkeypatch, text) == ["صباح الأحمد الجابر الصباح"]
    monkeypatch.setattr(ner_person_core, "father_with_article", _never)
    monkeypatch.setattr(ner_person_bounds, "father_with_article", _never)
    assert _gulf_wired(monkeypatch, text) != ["صباح الأحمد الجابر الصباح"]
    monkeypatch.undo()
    # a frequent adjective after the father's name is no family name (ANT: «مركز الشيخ جابر الأحمد الثقافي»)
    assert "جابر الأحمد الثقافي" not in _gulf_wired(monkeypatch, "الذي ملأ جنبات مركز الشيخ جابر الأحمد الثقافي أمس")


def _compound_on_off(monkeypatch, text):
    return _widened(monkeypatch, text), _widened(monkeypatch, text, off=("_compound_at",))


def test_two_word_given_name_starts_a_name(monkeypatch):
    # ANT (skynews economy): nothing was found; the lexicon's compound given names were read by no rule
    on, off = _compound_on_off(monkeypatch, "عينت إيران، الأربعاء، عبد الناصر همتي محافظا جديدا للبنك المركزي")
    assert on == ["عبد الناصر همتي"] and off == []
    # ANT (bbc): a weak given name with و before it joins («ودلال عبد العزيز»)
    on, off = _compound_on_off(monkeypatch, "الذي قام ببطولته نور الشريف ودلال عبد العزيز عام 1996")
    assert "دلال عبد العزيز" in on and "دلال عبد العزيز" not in off
    # ANT (france24): a nasab chain after it
    on, off = _compound_on_off(monkeypatch, "وعاصر خلافة مروان بن الحكم وعبد الملك بن مروان في دمشق")
    assert "عبد الملك بن مروان" in on and "عبد الملك بن مروان" not in off


def test_two_word_given_name_before_a_name_joins_it(monkeypatch):
    # NewsFANE-style list (our sentence): «عبد الله» split from the rest, the name started at «قاسم»
    on, off = _compound_on_off(monkeypatch, "ضمت التشكيلة محسن سعد وعبد الله قاسم حسن في الدفاع")
    assert "عبد الله قاسم حسن" in on and "قاسم حسن" in off


def test_abd_before_any_definite_name_is_a_given_name(monkeypatch):
    # ANT (alarabiya culture): «عبد الحليم» is not among the lexicon's compound given names
    text = "كانت البداية مع عبد الحليم حافظ في فيلم أيامنا الحلوة"
    assert _widened(monkeypatch, text) == ["عبد الحليم حافظ"] and _widened(monkeypatch, text, off=("_abd_name",)) == []


def test_bani_and_a_clan_name_is_the_family_name(monkeypatch):
    # our sentences (Jordanian names; NewsFANE has «حاتم بني هاني», ANT none in 6,000 articles)
    on, off = _with_and_without(monkeypatch, ner_person_core, "_bani_family", "وقال زكي بني ارشيد إن الحزب لن يشارك")
    assert on == ["زكي بني ارشيد"] and off != on
    # the passive verb «بُني» after a name is no clan name
    assert "محمد بني" not in " ".join(_persons("وقال محمد إن المسجد بني على أرض الوقف"))


def test_title_word_as_family_name_closed_by_a_function_word(monkeypatch):
    # ANT (alarabiya culture): «ماجد المهندس في الكويت», «يوسف السلطان من فريق»: only the given name was found
    on, off = _with_and_without(monkeypatch, ner_person_core, "closes_title_family", "هذه تفاصيل حفل ماجد المهندس في الكويت")
    assert on == ["ماجد المهندس"] and off == ["ماجد"]
    # ANT (alarabiya culture): closed by و + a given name
    on, off = _with_and_without(monkeypatch, ner_person_core, "closes_title_family",
                                "كما ضمت القائمة الفنانين كارول سماحة وكاظم الساهر")
    assert on[0] == "كارول سماحة" and off[0] == "كارول"
    # the title takes its complement (ANT: «الأمير وليام نجل ولي العهد»; «جيل جاكوب المدير السابق»)
    assert _persons("وصل الأمير وليام نجل ولي العهد البريطاني")[0] == "وليام"
    assert "جاكوب المدير" not in " ".join(_persons("كما صرح جيل جاكوب المدير السابق للمهرجان"))


def test_van_before_a_name_spelled_word_is_a_dutch_name(monkeypatch):
    # ANT (bbc culture): only «غوخ» was found, and only in some sentences
    text = "وقد رسم فان غوخ اللوحة في هولندا"
    assert _widened(monkeypatch, text) == ["فان غوخ"] and _widened(monkeypatch, text, off=("_van_names",)) == []
    # «فإن» written without its hamza before a known name is the particle (our sentence)
    assert _widened(monkeypatch, "وبحسب الصحيفة فان ترامب سيزور المنطقة") == ["ترامب"]
    # a facility named after him is no person (ANT: «متحف فان غوخ»)
    assert "فان غوخ" not in _widened(monkeypatch, "انتقلت اللوحة إلى متحف فان غوخ في أمستردام")


def test_feminine_regnal_number_is_part_of_the_name(monkeypatch):
    # ANT (bbc, skynews): only «إليزابيث» was found, 16 times in 6,000 articles
    on, off = _with_and_without(monkeypatch, ner_person_core, "feminine_ordinal",
                                "احتفلت ملكة بريطانيا، إليزابيث الثانية، بعيد ميلادها")
    assert on == ["إليزابيث الثانية"] and off == ["إليزابيث"]


def test_words_whose_definite_form_is_frequent(monkeypatch):
    # ANT (skynews economy): «إعلانه» (الإعلان is frequent) with the pronoun ه ran into the name
    on, off = _with_and_without(monkeypatch, ner_person_shape, "_definite_stem",
                                "ونقلت الوكالة عن الوزير الإيراني محمد شريعتمداري إعلانه الاثنين حظر استيراد السلع")
    assert on == ["محمد شريعتمداري"] and off == ["محمد شريعتمداري إعلانه"]
    # ANT (bbc): a preposition on a noun whose definite form is frequent («لصحفيين»: الصحفيين)
    on, off = _with_and_without(monkeypatch, ner_person_core, "prep_on_definite",
                                "وذكر كيم لصحفيين أن المحادثات مضت على نحو جيد")
    assert on == ["كيم"] and off == ["كيم لصحفيين"]
    # ANT (bbc culture): after two name words, «مخرج» (المخرج is frequent) is the noun
    on, off = _with_and_without(monkeypatch, ner_person_core, "definite_frequent",
                                "والغريب أن مروان حامد مخرج الفيلم طلب إعادة المشهد", also=("seen_plain",))
    assert on == ["مروان حامد"] and off == ["مروان حامد مخرج"]
    # ANT (france24): «لقديم» (ل + قديم) is a family name; four-letter stems are left alone
    assert "رضوان لقديم" in _persons("وقال المسلح، ويدعى رضوان لقديم (26 عاما)، إنه يقاتل لصالح التنظيم")
    # ANT (alarabiya culture): «كارل السادس» stopped before «عشر»
    on, off = _with_and_without(monkeypatch, ner_person_core, "teen_word",
                                "ويقول العاهل السويدي، الملك كارل السادس عشر غوستاف، إن الأكاديمية")
    assert on[0] == "كارل السادس عشر" and off[0] == "كارل السادس"


def test_two_word_given_name_behind_a_proclitic_takes_its_family_name(monkeypatch):
    # ANT (alarabiya culture): «لعبد الفتاح القصري» gave «عبد الفتاح» and «القصري» apart
    assert "عبد الفتاح القصري" in _widened(monkeypatch, "المصريون وعشاق السينما لعبد الفتاح القصري، منها مشهد")
    assert "عبد الله الغزي" in _widened(monkeypatch, "وهم محمد الغزي وعبد الله الغزي وأحمد الوالي")


def test_romance_particle_and_the_name_after_it_end_the_name(monkeypatch):
    # ANT (bbc culture, france24): after «دي» + a name the name ends («كيفن دي بروين المونديال» ran on)
    on, off = _with_and_without(monkeypatch, ner_person_core, "_romance_particle",
                                "وفي عام 2012، كان ليوناردو دي كابريو المتبرع الأكبر للمزاد")
    assert on == ["ليوناردو دي كابريو"] and off == ["ليوناردو دي كابريو المتبرع"]
    on, off = _with_and_without(monkeypatch, ner_person_core, "_romance_particle",
                                "ليودع إدين هازار وكيفن دي بروين المونديال من الدور الأول")
    assert "كيفن دي بروين" in on and "كيفن دي بروين" not in off


def test_a_given_name_with_the_article_before_bin_starts_the_name(monkeypatch):
    # NewsFANE-like history text, written for the rule: «بن علي» (a two-word given name of the lexicon) was read
    # alone after «الحسن»/«الحسين»; a nationality adjective whose stem is a given name (التركي: Turki) stays out
    text = "وكان الحسن بن علي قد تنازل عن الخلافة، ثم خرج الحسين بن علي إلى العراق."
    turk = "ويرى رئيس الوزراء التركي بن علي يلدريم أن التقلبات عابرة."
    entities.analyze.cache_clear()
    assert _persons(text) == ["الحسن بن علي", "الحسين بن علي"]
    assert _persons(turk) == ["بن علي يلدريم"]
    monkeypatch.setattr(ner_person_bounds, "_definite_before_son", lambda v, span, taken: span)
    entities.analyze.cache_clear()
    assert _persons(text) == ["بن علي", "بن علي"]
    entities.analyze.cache_clear()
