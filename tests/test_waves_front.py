"""The side-by-side front in one step (pipeline/waves_front.py) decides what DedupEntries and PlanWaves decide.

Same input through both: entries of two sources, some listed twice, some stored by an earlier run (ids
index, within and past the lookback), a title repeated within the window and one stored, an untitled one,
one published before the lookback window. Kept entries, problems (kind and url) and the wave files must
be the same."""
from __future__ import annotations

import datetime as dt
import random

import apache_beam as beam
import pyarrow as pa
from apache_beam.testing.util import assert_that, equal_to

from akhbar.pipeline.waves import PlanWaves, read_wave, wave_paths
from akhbar.pipeline.waves_front import dedup_items, plan_and_write
from akhbar.transforms import stored_ids
from akhbar.transforms.dedup import DedupEntries
from akhbar.transforms.dedup_titles import title_key
from akhbar.transforms.packing import pack
from akhbar.transforms.sink import write_table
from tests.test_dedup import DAY, NOW, _entry, _pipeline

TOPICS = ["وزير النفط يزور البصرة", "افتتاح جسر جديد على نهر ديالى", "الأمطار تغمر شوارع الموصل",
          "مجلس النواب يقر الموازنة", "انقطاع الكهرباء في الناصرية"]


def _listings():
    rng = random.Random(7)
    pairs = []
    for k in range(60):
        source = "furat" if k % 2 else "sumer"
        title = f"{rng.choice(TOPICS)} {k // 3}" if k % 7 else "عاجل"
        when = NOW - dt.timedelta(hours=rng.randrange(0, 24 * 9))
        pairs.append((_entry(f"https://{source}.example/{k}", title, source=source, published=when), NOW))
    pairs.append((_entry("https://furat.example/0", pairs[0][0].title, source="furat",
                         feed="https://furat.example/rss2", published=pairs[0][0].published_at), NOW))
    pairs.append((_entry("https://furat.example/old", "خبر قديم جدا", source="furat",
                         published=NOW - 45 * DAY), NOW))
    pairs.append((_entry("https://sumer.example/again", TOPICS[1] + " 1", source="sumer",
                         published=NOW - 2 * DAY), NOW))
    return pairs


def _store_earlier_run(output, pairs):
    rows = []
    for entry, _ in pairs[3:9]:  # stored two days ago: already_stored
        rows.append({"article_id": entry.article_id, "source": entry.source_id, "title_key": title_key(entry.title),
                     "seen_at": NOW - 2 * DAY, "status": "article"})
    rows.append({"article_id": "elsewhere", "source": "sumer", "title_key": title_key(TOPICS[1] + " 1"),
                 "seen_at": NOW - 3 * DAY, "status": "article"})  # the same title, stored: a duplicate
    path = f"{output}/_state/ids/stored={(NOW - 2 * DAY).date().isoformat()}/part-old.parquet"
    write_table(path, pa.Table.from_pylist(rows, schema=stored_ids.IDS_SCHEMA))


def _kinds(problems):
    return sorted((pr.url, pr.kind) for pr in problems)


def test_one_step_front_keeps_and_counts_what_the_composites_do(tmp_path):
    pairs = _listings()
    _store_earlier_run(tmp_path, pairs)
    kept, problems = dedup_items([(pair, pack(pair)) for pair in pairs], str(tmp_path), NOW, 30, 7)
    kinds = {kind for _, kind in _kinds(problems)}
    assert kinds == {"too_old", "already_stored", "duplicate"}, "every layer had something to do"
    with _pipeline() as p:
        result = p | beam.Create(pairs) | DedupEntries(str(tmp_path), NOW, 30, 7)
        assert_that(result.entries | beam.Map(lambda pair: pair[0].url), equal_to([pair[0].url for pair, _ in kept]))
        assert_that(result.problems | "Kinds" >> beam.Map(lambda pr: (pr.url, pr.kind)), equal_to(_kinds(problems)),
                    label="same problems")


def test_one_step_plan_writes_the_waves_plan_waves_writes(tmp_path):
    pairs = _listings()
    items = [(pair, pack(pair)) for pair in pairs[:60]]
    plan_and_write(items, str(tmp_path / "plain"), "r", 16, 2)
    with _pipeline() as p:
        _ = p | beam.Create([value for _, value in items]) | PlanWaves(str(tmp_path / "beam"), "r", 16, 2)
    plain, composite = (wave_paths(str(tmp_path / name), "r") for name in ("plain", "beam"))
    assert len(plain) == len(composite) == 4, "60 entries in waves of at most 16, a multiple of the 2 slots"
    for one, other in zip(plain, composite):
        assert sorted(e.url for e, _ in read_wave(one)) == sorted(e.url for e, _ in read_wave(other))
    assert sum(len(list(read_wave(path))) for path in plain) == 60
