"""Person rules and lists of round 8 that the lead added after the helpers' reports (their leads)."""
from tests.test_entities_person import _persons


def test_rajjaha_is_a_verb_of_saying_and_kaffa_no_name():
    # ANT (bbc culture): «ورجح نورم أيسن، المحامي ...» was not found (رجح: "deemed it likely", its subject next);
    # «رجح كفة الأسد» ("tipped the balance") then read «كفة الأسد» as a name: «كفة» is no name
    said = "ورجح نورم أيسن، المحامي المتخصص في مواثيق الأخلاق، أن تخسر القضية."
    assert _persons(said) == ["نورم أيسن"]
    assert _persons("التدخل العسكري الروسي الذي رجح كفة الأسد في صراعه مع المعارضة.") == ["الأسد"]
