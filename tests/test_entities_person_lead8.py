"""Person rules and lists of round 8 that the lead added after the helpers' reports (their leads)."""
from tests.test_entities_person import _persons


def test_rajjaha_is_a_verb_of_saying_and_kaffa_no_name():
    # ANT (bbc culture): «ورجح نورم أيسن، المحامي ...» was not found (رجح: "deemed it likely", its subject next);
    # «رجح كفة الأسد» ("tipped the balance") then read «كفة الأسد» as a name: «كفة» is no name
    said = "ورجح نورم أيسن، المحامي المتخصص في مواثيق الأخلاق، أن تخسر القضية."
    assert _persons(said) == ["نورم أيسن"]
    assert _persons("التدخل العسكري الروسي الذي رجح كفة الأسد في صراعه مع المعارضة.") == ["الأسد"]


def test_a_long_name_in_si_or_st_is_no_future_verb():
    # ANT (bbc economy, skynews): a name that opens with سي/ست/سن was refused as a future verb (ستزور، سيلتقي) when
    # it stood first («وقال ستانتون»، «سيرغيو ماتاريلا» kept only «ماتاريلا»); a long word spelled like a name
    # now passes (recall8's and recall9's request, «ستودهام» in NewsFANE), the verbs still do not
    assert _persons("وقال ستانتون إن النمو يؤكد تحولا في السوق.") == ["ستانتون"]
    assert _persons("إلا أن الرئيس الإيطالي، سيرغيو ماتاريلا، اعترض على الترشيح.") == ["سيرغيو ماتاريلا"]
    assert _persons("وقال مسؤول كبير إن الزعماء سيناقشون غدا حماية الشركات، وستتولى اللجنة الملف.") == []
    # ANT (skynews economy): the dual of a future verb after a nationality, «سيناقشان», read as a name before
    assert "سيناقشان" not in _persons("وقال بيسكوف إن بوتين وولي العهد السعودي سيناقشان اتفاق خفض الإنتاج.")
