"""Offsets: ``{"title": title, "body": body}[d.field][d.start:d.end] == d.text`` for every mention, on texts
made hard on purpose (harakat, tatweel, ligatures, invisible marks, Arabic-Indic digits, no-break spaces)
and on real articles when ../shared/corpora is present. Values must have the shape their kind promises."""
import datetime as dt
import gzip
import json
import random
import re
from pathlib import Path

import pytest

from akhbar.schemas.records import ExtractContext
from akhbar.transforms.dates import extract_dates

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
CTX = ExtractContext(source_id="s", country=None, timezone="Asia/Dubai",
                     published_at=dt.datetime(2018, 5, 9, 8, 0, tzinfo=dt.timezone.utc),
                     fetched_at=dt.datetime(2018, 5, 9, 8, 5, tzinfo=dt.timezone.utc))
SHAPES = {
    "date": r"\d{4}-\d{2}-\d{2}", "weekday": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}",
    "relative": r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?", "duration": r"P(\d+(\.\d+)?[DWMY]|T\d+(\.\d+)?H)",
}
PIECES = [
    "أمس الأول", "غداً", "الأسبوعَ الماضي", "الشهر المقبل", "نهاية العام", "٣١ كانون الأول ٢٠٢١",
    "الحادي والثلاثين من كانون الأول", "أيّار/مايو المقبل", "15 يونيو (حزيران)", "تمّـوز", "يوم الخميس",
    "الأربعاء 18 تموز/يوليو", "1443هـ", "عام 2021", "2021م", "42 يوماً", "ثلاثة أشهر", "عامين",
    "5 محرّم 1443 هـ", "قبل 3 أيام", "الثامن عشر من الشهر الجاري", "في24\u00a0 نيسان/أبريل", "14/2/2018",
    "شهر رمضان", "جانفي 2019", "دجنبر", "منذ العام 2013", "ﻻ", "ﷲ", "\u200f", "\u0640\u0640", "قال", "إن",
    "الرئيس", "،", ".", "\n", " ", "  ", "(", ")", "/", "محمد رمضان", "تيريزا ماي", "٢٠١٨", "اليوم",
]


def check(title, body):
    fields = {"title": title, "body": body}
    mentions = extract_dates(title, body, CTX)
    for d in mentions:
        assert fields[d.field][d.start:d.end] == d.text, d
        assert d.text == d.text.strip(), d
        assert d.calendar in ("gregorian", "hijri"), d
        assert re.fullmatch(SHAPES[d.kind], d.value), d
    spans = sorted((d.field, d.start, d.end) for d in mentions)
    for (f1, _, e1), (f2, s2, _) in zip(spans, spans[1:]):
        assert f1 != f2 or e1 <= s2, spans  # no two mentions overlap
    return mentions


def test_offsets_on_generated_texts():
    rng = random.Random(6)
    total = 0
    for _ in range(400):
        title = "".join(rng.choice(PIECES) + rng.choice([" ", "", "، "]) for _ in range(rng.randint(0, 6)))
        body = "".join(rng.choice(PIECES) + rng.choice([" ", "", "، ", "\n"]) for _ in range(rng.randint(0, 40)))
        total += len(check(title, body))
    assert total > 1000  # the generator really produces dates


def test_offsets_with_harakat_inside_the_words():
    body = "وَصَلَ أَمْسِ الأَوَّلِ، وَسَيَعُودُ غَدًا فِي الحَادِي وَالثَّلَاثِينَ مِنْ كَانُونَ الأَوَّلِ ٢٠٢١"
    got = check("", body)
    assert [d.value for d in got] == ["2018-05-07", "2018-05-10", "2021-12-31"]


@pytest.mark.corpus
def test_offsets_on_real_articles():
    if not CORPORA.exists():
        pytest.skip("../shared/corpora is absent")
    total = 0
    for name in ("alarabia", "bbc", "france24", "skynews"):
        with gzip.open(CORPORA / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= 150:
                    break
                doc = json.loads(line)
                total += len(check(doc["title"], doc["text"]))
    assert total > 500
