"""The guard every extraction branch applies: only items whose offsets point at their text survive."""
from __future__ import annotations

from akhbar.schemas.extracted import Entity, Place
from akhbar.transforms.extract import checked_items

TITLE = "زيارة إلى بغداد"
BODY = "وصل الوزير إلى البصرة ثم إلى بغداد"


def test_items_with_wrong_offsets_or_fields_are_dropped_and_counted():
    good = Entity("بغداد", "LOC", "title", 10, 15)
    shifted = Entity("بغداد", "LOC", "title", 9, 14)
    wrong_field = Entity("بغداد", "LOC", "summary", 10, 15)
    empty = Entity("", "LOC", "body", 3, 3)
    kept, dropped = checked_items(TITLE, BODY, [shifted, good, wrong_field, empty])
    assert kept == [good] and dropped == 3


def test_places_carry_no_text_and_are_checked_by_bounds_and_sorted():
    basra = Place("البصرة", "IQ", "البصرة", 30.5, 47.8, "body", BODY.index("البصرة"), BODY.index("البصرة") + 6)
    out_of_range = Place("بغداد", "IQ", "بغداد", 33.3, 44.4, "body", len(BODY) - 2, len(BODY) + 3)
    title_place = Place("بغداد", "IQ", "بغداد", 33.3, 44.4, "title", 10, 15)
    kept, dropped = checked_items(TITLE, BODY, [basra, out_of_range, title_place])
    assert kept == [title_place, basra], "title first, then body, by offset"
    assert dropped == 1
