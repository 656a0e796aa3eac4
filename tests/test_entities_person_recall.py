"""Person recall (round 6, per6): family names the word shapes used to cut off, frames for unanchored names."""
from akhbar.transforms.entities import extract_entities


def _persons(text):
    ents = extract_entities("", text, None)
    for e in ents:
        assert text[e.start:e.end] == e.text
    return [e.text for e in ents if e.type == "PER"]


def test_family_name_in_ya_after_a_listed_given_name():
    # ANT (france24): only «قاسم» and «لوكا» were found; a word in ي of five letters or more with no verb shape
    # right after a listed given name is its family name
    assert _persons("وفق ما يقول قاسم يعقوم وهو سوري أيضا.") == ["قاسم يعقوم"]
    assert _persons("إلى الدفع بإيفر بانيغا بدلا من لوكا يبليا (54) دون أن يحدث ذلك.") == ["لوكا يبليا"]
    # written for the rule: four letters or a derived or form-III shape is the verb («كان غسان يكتب»، «يقاضي»)
    assert _persons("وقال الكاتب إن غسان يكتب كل يوم وإن أحمد يقاضي الصحيفة.") == ["غسان", "أحمد"]
