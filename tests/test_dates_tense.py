"""Direction of bare weekdays and yearless months from the tense of their clause, article-level settling,
and the day a story was written. Every sentence is a real one from the ANT corpus, cut short.

The anchor is Sunday 18 February 2018, 12:00 in Baghdad unless a test says otherwise.
"""
import datetime as dt

import pytest

from akhbar.schemas.records import ExtractContext
from akhbar.transforms.dates import extract_dates
from akhbar.transforms.dates_tense import tense

UTC = dt.timezone.utc
SUNDAY = dt.datetime(2018, 2, 18, 9, 0, tzinfo=UTC)


def ctx(published=SUNDAY, timezone="Asia/Baghdad"):
    return ExtractContext(source_id="s", country=None, timezone=timezone, published_at=published,
                          fetched_at=published or SUNDAY)


def values(body, title="", **kw):
    return [(d.text, d.value) for d in extract_dates(title, body, ctx(**kw))]


def value_of(word, body, title="", **kw):
    got = [d.value for d in extract_dates(title, body, ctx(**kw)) if d.text == word]
    assert len(got) == 1, values(body, title, **kw)
    return got[0]


@pytest.mark.parametrize("sentence,word,value", [
    # A forecast verb, though perfect, points ahead: published Sunday, the wind is for tomorrow.
    ("توقعت هيئة الأرصاد الجوية طقسا مغبرا مع نشاط للرياح يوم الإثنين", "الإثنين", "2018-02-19"),
    # A listed present verb of a scheduled event.
    ("ويترأس الخميس وزير الداخلية البريطاني، ساجد جاويد، اجتماعا للجنة الطوارئ", "الخميس", "2018-02-22"),
    ("يقوم إيمانويل ماكرون الخميس والجمعة بزيارة رسمية إلى روسيا", "الجمعة", "2018-02-23"),
    ("ومن المزمع تنظيم المزيد من الاحتجاجات السبت.", "السبت", "2018-02-24"),
    # A call with a purpose phrase between: the weekday dates the demonstration, not the call.
    ("حيث دعت تسع نقابات عمالية للتظاهر الثلاثاء في يوم وطني للإضرابات", "الثلاثاء", "2018-02-20"),
    ("اتفقتا، الثلاثاء، على إجراء محادثات رفيعة المستوى الأربعاء", "الأربعاء", "2018-02-21"),
    # The weekday opens its clause: the verb after it decides.
    ("والجمعة، يلتقي رئيس الوزراء إدوارد فيليب ممثلي نقابات هذه الشركة", "الجمعة", "2018-02-23"),
    ("أما السبت فتنظم مظاهرات جديدة ضد سياسة الرئيس ماكرون.", "السبت", "2018-02-24"),
    ("وفي محادثات الأربعاء سترسل كوريا الشمالية وفدا من 29 فردا", "الأربعاء", "2018-02-21"),
    # A future verb with a name before it (no particle) still counts.
    ("أن القمة مع زعيم كوريا الشمالية كيم جونغ أون ستعقد في سنغافورة الثلاثاء", "الثلاثاء", "2018-02-20"),
    # From the start of ... (اعتبارا من) points ahead even when a past verb opened the sentence.
    ("نقلت وسائل الإعلام عن جهانجيري قوله إنه اعتبارا من يوم الثلاثاء سيكون سعر الدولار 42 ألف ريال",
     "الثلاثاء", "2018-02-20"),
])
def test_weekdays_ahead(sentence, word, value):
    assert value_of(word, sentence) == value


@pytest.mark.parametrize("sentence,word,value", [
    # The nearest verb wins over a future verb further back.
    ("وفي حين أكد الأردن أن حدوده ستبقى مغلقة، حضت الأمم المتحدة الخميس عمان على فتح الحدود", "الخميس",
     "2018-02-15"),
    ('قالت شركة ألعاب الفيديو اليابانية "نينتندو"، الخميس، إنها ستتعاون مع شركة', "الخميس", "2018-02-15"),
    # An unlisted present verb tells nothing: the latest Monday.
    ("قبل أن يتضاءل خلال فترة الليل الاثنين.", "الاثنين", "2018-02-12"),
    ("وهو ما يرفع عدد الضحايا إلى 110 منذ الأربعاء، بحسب فرانس برس.", "الأربعاء", "2018-02-14"),
    ("قبل أن تعود مساء الأربعاء وتصدر بيانا تؤكد فيه أن المسلسل سيعرض", "الأربعاء", "2018-02-14"),
    # The dot in دي.زد ends no sentence: قال governs the weekday, not سيوقف after it.
    ("قال بنك دي.زد الألماني الجمعة إنه سيوقف تعاملاته المالية مع إيران", "الجمعة", "2018-02-16"),
    ("وذلك رغم إعلان بروكسل يوم الجمعة عن حزمة إجراءات", "الجمعة", "2018-02-16"),
    ("وتقول الشرطة إنها وجهت الاتهام لـ 575 شخصا بالتظاهر بصورة غير مشروعة يوم الخميس.", "الخميس",
     "2018-02-15"),
])
def test_weekdays_past(sentence, word, value):
    assert value_of(word, sentence) == value


def test_tense_values():
    text = "وسيلتقي تشيلسي مرة أخرى مع ليفربول السبت ضمن مباريات"
    at = text.index("السبت")
    assert tense(text, at, at + 5) == 1
    text = "وكان سعر الدولار قد بلغ 36 ألف ريال في منتصف سبتمبر."
    at = text.index("منتصف")
    assert tense(text, at, len(text) - 1, strict=True) == -1
    text = "ويبحث الاجتماع خططاً لتنفيذ إعلان قمة 27 أبريل"
    at = text.index("27")
    assert tense(text, at, len(text)) == 0  # an unlisted present verb
    assert tense(text, at, len(text), strict=True) == 0


def test_months_and_days_without_a_year_follow_a_clear_tense_five_months_away():
    april = dt.datetime(2018, 4, 9, 8, tzinfo=UTC)
    assert value_of("منتصف سبتمبر", "وكان سعر الدولار قد بلغ 36 ألف ريال في منتصف سبتمبر.",
                    published=april) == "2017-09"
    march = dt.datetime(2018, 3, 15, 8, tzinfo=UTC)
    assert value_of("شهري سبتمبر", "وسجلت محاولات الهجرة تراجعا في نهاية 2017 بعد ارتفاع خلال شهري سبتمبر",
                    published=march) == "2017-09"
    end_of_march = dt.datetime(2018, 3, 30, 8, tzinfo=UTC)
    assert value_of("الأول من أكتوبر", "ومن المقرر أن ترفع آير فرانس الرواتب ابتداء من الأول من أكتوبر",
                    published=end_of_march) == "2018-10-01"
    # Nearer than five months the nearest year stays, whatever the verb.
    may = dt.datetime(2018, 5, 15, 8, tzinfo=UTC)
    assert value_of("27 أبريل", "ويبحث الاجتماع خططاً لتنفيذ إعلان قمة 27 أبريل", published=may) == "2018-04-27"
    assert value_of("12 مايو", "وسيتم استئناف العقوبات ما لم يجدد ترامب تعليقها في 12 مايو",
                    published=april) == "2018-05-12"


def test_an_open_weekday_takes_the_value_of_the_same_bare_weekday_elsewhere():
    tuesday = dt.datetime(2018, 5, 15, 8, tzinfo=UTC)
    got = extract_dates("الأربعاء.. محادثات رفيعة المستوى بين الكوريتين",
                        "وفي محادثات الأربعاء سترسل كوريا الشمالية وفدا من 29 فردا", ctx(published=tuesday))
    assert [(d.field, d.value, d.kind) for d in got] == [("title", "2018-05-16", "weekday"),
                                                         ("body", "2018-05-16", "weekday")]
    # "الثلاثاء المقبل" names another Tuesday than a bare one: it lends nothing.
    sunday = dt.datetime(2018, 5, 13, 8, tzinfo=UTC)
    body = ("وجاء القرار الذي أعلنه الرئيس الأميركي دونالد ترمب يوم الثلاثاء بالانسحاب من الاتفاق. "
            "وسيلتقي وزراء الدول الأوروبية الثلاث مع نظيرهم الإيراني يوم الثلاثاء المقبل.")
    assert [v for _, v in values(body, published=sunday)] == ["2018-05-08", "2018-05-15"]


def test_an_open_weekday_follows_a_settled_neighbour_ahead():
    monday = dt.datetime(2018, 5, 21, 9, tzinfo=UTC)
    body = ("حيث دعت تسع نقابات عمالية للتظاهر الثلاثاء في يوم وطني للإضرابات والمظاهرات. "
            "والأربعاء إضراب جديد لعمال السكك الحديدية")
    assert values(body, published=monday) == [("الثلاثاء", "2018-05-22"), ("الأربعاء", "2018-05-23")]


def test_today_named_as_the_day_before_pins_the_anchor():
    # Stamped 22:14 UTC Monday, 02:14 Tuesday in Dubai; "اليوم الاثنين" says it was written on Monday.
    late = dt.datetime(2018, 4, 9, 22, 14, tzinfo=UTC)
    body = ("مع هبوط الريال إلى أدنى مستوياته على الإطلاق اليوم الاثنين بفعل مخاوف. "
            "وقفز الدولار في السوق المفتوحة بطهران اليوم.")
    assert values(body, published=late, timezone="Asia/Dubai") == [
        ("اليوم", "2018-04-09"), ("الاثنين", "2018-04-09"), ("اليوم", "2018-04-09")]
    # "اليوم (الجمعة)" stamped Saturday 01:53: Saturday in the story is the Saturday before.
    friday_night = dt.datetime(2018, 4, 13, 21, 53, tzinfo=UTC)
    body = "أن الرئيس ترامب أجرى اتصالا مرة أخرى اليوم (الجمعة) مع نظيره الفرنسي. الهجوم وقع يوم السبت."
    assert [v for _, v in values(body, published=friday_night, timezone="Asia/Dubai")] == [
        "2018-04-13", "2018-04-13", "2018-04-07"]


def test_a_story_stamped_just_after_local_midnight_counts_today_from_the_evening_before():
    stamped = dt.datetime(2018, 6, 6, 20, 23, tzinfo=UTC)  # 00:23 Thursday in Dubai
    assert values("وأمر البرلمان اليوم بإعادة فرز الأصوات يدويا", published=stamped,
                  timezone="Asia/Dubai") == [("اليوم", "2018-06-06")]
    assert values("وأمر البرلمان اليوم بإعادة فرز الأصوات يدويا", published=stamped + dt.timedelta(hours=3),
                  timezone="Asia/Dubai") == [("اليوم", "2018-06-07")]  # 03:23: written that day


def test_subject_form_duals_are_durations():
    assert values("ويتبقى عامان في العقد الحالي لهازارد") == [("عامان", "P2Y")]


@pytest.mark.parametrize("sentence,word,value", [
    # A sentence opened by كان is background: the closing of the airport "as of" Thursday is past too.
    ("وكانت الهيئة العامة للطيران المدني العماني قررت الخميس إغلاق مطار صلالة اعتبارا من منتصف ليل الخميس",
     "الخميس", "2018-02-15"),
    # Names that look like future verbs: سيلفا، سيفنتي سيكسرز، a plural (سندات), a token with a dot.
    ("وصل الرئيس البرازيلي الأسبق لويس إيناسيو لولا دا سيلفا ليل السبت إلى سجن كوريتيبا", "السبت",
     "2018-02-17"),
    ("ليقود فيلادلفيا سيفنتي سيكسرز للفوز 128-108 على ميامي هيت مساء الخميس.", "الخميس", "2018-02-15"),
    ("وواصلت عوائد سندات الخزانة التراجع عن مستوى 3 بالمئة الذي تجاوزته يوم الأربعاء", "الأربعاء",
     "2018-02-14"),
    ('لكن ترامب قال في مقابلة مع شبكة" سي.إن.بي.سي"، الخميس، إن قوة الدولار', "الخميس", "2018-02-15"),
    ("ولم يكن حفل الخميس هو الأول الذي يشهد", "الخميس", "2018-02-15"),  # لم + a present verb
    # A modifier of another date tells nothing of this clause (آب/أغسطس القادم).
    ("سانتوس الذي يتنحى في آب/أغسطس القادم، خلال إدلائه بصوته في وقت مبكر الأحد", "الأحد", "2018-02-18"),
])
def test_words_that_only_look_like_tense_cues(sentence, word, value):
    got = [d.value for d in extract_dates("", sentence, ctx()) if d.text == word]
    assert got and all(v == value for v in got), got


@pytest.mark.parametrize("sentence,word,value", [
    ("ويستضيف هيت المباراة الرابعة السبت.", "السبت", "2018-02-24"),
    ("أن وزير الخارجية الروسي سيرغي لافروف ومبعوث الأمم المتحدة ستيفان دي مستورا سيعقدان محادثات في موسكو "
     "يوم الخميس", "الخميس", "2018-02-22"),
    ("إن معبر جابر/ نصيب الحدودي سيُعاد فتحه يوم الاثنين.", "الاثنين", "2018-02-19"),
])
def test_future_verbs_after_names(sentence, word, value):
    assert value_of(word, sentence) == value


def test_one_year_in_the_accusative():
    assert values("قائلاً إنه يمدد حال الطوارئ الوطنية عاماً واحداً.") == [("عاماً واحداً", "P1Y")]


def test_an_ordinal_after_a_period_noun_is_no_day():
    # "الأسبوع الأول من إبريل المقبل" is a week of April: the month is the value, not 1 April.
    got = values("ومن المتوقع أن تعقد هذه الجولة المؤجلة في الأسبوع الأول من إبريل المقبل")
    assert got == [("إبريل المقبل", "2018-04")]
    assert values("في الأول من إبريل المقبل") == [("الأول من إبريل المقبل", "2018-04-01")]


def test_a_year_after_the_name_of_an_event_is_a_year_whatever_follows():
    # Bare years followed by a noun are usually counts (2000 دولار); after كأس العالم they are years.
    assert values("في نهائيات بطولة كأس العالم 2018 لكرة القدم، التي تنطلق في روسيا") == [("2018", "2018")]
    assert values("ودفع 2000 دولار") == []
