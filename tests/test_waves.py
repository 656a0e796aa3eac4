"""Waves (pipeline/waves.py) and near-duplicates across waves (dedup_near ``prior``), without a pipeline."""
from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from types import SimpleNamespace

from akhbar.pipeline.waves import (AHEAD, AT_FETCH, DATED, EPOCH, cut_points, micros, order_key, wave_count,
                                   wave_of)
from akhbar.transforms import minhash
from akhbar.transforms.dedup_near import Signed, bucket_candidates, earliest_match

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


def test_waves_are_cut_in_order_never_over_the_size_and_even():
    keys = [(DATED, NOW - dt.timedelta(minutes=i), f"id{i:03d}") for i in range(101)]
    random.Random(4).shuffle(keys)
    for size in (1, 7, 50, 100, 101, 500):
        cuts = cut_points(keys, size)
        assert len(cuts) + 1 == wave_count(len(keys), size)
        waves = defaultdict(list)
        for key in keys:
            waves[wave_of(key, cuts)].append(key)
        assert sorted(waves) == list(range(len(cuts) + 1))
        sizes = [len(waves[w]) for w in sorted(waves)]
        assert max(sizes) <= size and max(sizes) - min(sizes) <= 1, (size, sizes)
        for w in range(1, len(waves)):  # time order: every key of a wave after every key of the wave before
            assert max(waves[w - 1]) < min(waves[w])
    assert wave_count(5, 0) == 1 and wave_count(0, 10) == 1


def test_order_key_follows_the_time_an_article_is_seen():
    now = micros(NOW)
    dated = order_key(micros(NOW - dt.timedelta(hours=1)), "a", True, now, now)
    undated_page = order_key(None, "b", True, micros(NOW - dt.timedelta(minutes=5)), now)
    undated_feed_only = order_key(None, "c", False, micros(NOW - dt.timedelta(minutes=5)), now)
    ahead = order_key(micros(dt.datetime(2100, 1, 1, tzinfo=UTC)), "d", True, now, now)
    assert dated[0] == DATED and undated_page[0] == AT_FETCH and ahead[0] == AHEAD
    # a source whose pages are not fetched is seen when its feed was: among the dated, at that time
    assert undated_feed_only == (DATED, micros(NOW - dt.timedelta(minutes=5)), "c")
    assert sorted([ahead, undated_page, dated, undated_feed_only]) == [dated, undated_feed_only, undated_page, ahead]


def test_order_times_are_exact_microseconds_in_time_order():
    gulf = dt.timezone(dt.timedelta(hours=4))
    times = [dt.datetime(2018, 2, 23, 9, 0, 0, 1, tzinfo=UTC), dt.datetime(2018, 2, 23, 13, 0, 0, 2, tzinfo=gulf),
             dt.datetime(2018, 2, 23, 9, 0, 0, 0, tzinfo=UTC), dt.datetime(2026, 11, 24, 12, 0, tzinfo=UTC)]
    assert [micros(t) for t in sorted(times)] == sorted(micros(t) for t in times)
    assert micros(times[1]) - micros(times[0]) == 1  # +04:00 is the same instant one microsecond later
    assert all(EPOCH + dt.timedelta(microseconds=micros(t)) == t for t in times)
    assert micros(None) is None


def _story(rng: random.Random, words: int = 60) -> list:
    return [f"w{rng.randrange(400)}" for _ in range(words)]


def _articles(seed: int):
    """Stories told by several sources at several times, lightly edited: many near-duplicate pairs."""
    rng = random.Random(seed)
    out = []
    for story in range(25):
        base = _story(rng)
        for copy in range(rng.randrange(1, 5)):
            words = list(base)
            for _ in range(rng.randrange(0, 6)):
                words[rng.randrange(len(words))] = f"x{rng.randrange(1000)}"
            when = NOW - dt.timedelta(minutes=rng.randrange(0, 3000))
            out.append(Signed(f"s{story}c{copy}", f"src{rng.randrange(4)}", when,
                              minhash.signature(" ".join(words))))
    return out


def _marks(new, stored=(), prior=()):
    """What NearDuplicates computes, as plain functions: bands -> buckets -> candidates -> earliest match."""
    buckets = defaultdict(list)
    for member in [*new, *stored, *prior]:
        for band in minhash.bands(member.signature):
            buckets[band].append(member)
    run_bands = {band for s in new for band in minhash.bands(s.signature)}
    candidates = defaultdict(list)
    for band, members in buckets.items():
        if band in run_bands:
            for key, value in bucket_candidates(members):
                candidates[key].append(value)
    marks = {key[0]: earliest_match(values) for key, values in candidates.items()}
    return {k: v for k, v in marks.items() if v is not None}


def test_near_duplicates_in_time_ordered_waves_match_one_pass():
    for seed in range(3):
        articles = _articles(seed)
        stored = [Signed(s.article_id + "-old", s.source, s.seen_at - dt.timedelta(days=1), s.signature, stored=True)
                  for s in articles[::9]]
        one_pass = _marks(articles, stored)
        assert len(one_pass) >= 10, "the sample must have near-duplicates to compare"
        ordered = sorted(articles, key=Signed.order)
        for size in (1, 3, 10, 40):
            waves, marks = [ordered[i:i + size] for i in range(0, len(ordered), size)], {}
            for k, wave in enumerate(waves):
                prior = [Signed(s.article_id, s.source, s.seen_at, s.signature, prior=True)
                         for earlier in waves[:k] for s in earlier]
                marks.update(_marks(wave, stored, prior))
            assert marks == one_pass, (seed, size)


def test_prior_members_are_not_marked_again():
    sig = minhash.signature(" ".join(f"w{i}" for i in range(40)))
    earlier = Signed("a", "one", NOW - dt.timedelta(hours=2), sig, prior=True)
    older = Signed("b", "two", NOW - dt.timedelta(hours=3), sig, prior=True)
    new = Signed("c", "three", NOW, sig)
    pairs = list(bucket_candidates([earlier, older, new]))
    assert {key for key, _ in pairs} == {("c", "three")}
    assert earliest_match([value for _, value in pairs]) == "b"


def test_order_key_of_a_feed_entry():
    from akhbar.pipeline.waves import order_fields

    entry = SimpleNamespace(published_at=None, article_id="z", task=SimpleNamespace(fetch=SimpleNamespace(pages=False)))
    assert order_fields((entry, NOW)) == (None, "z", False, micros(NOW))
