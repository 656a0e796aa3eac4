"""Waves: the run's unique entries cut into groups of at most ``wave_size``, in time order, spooled.

The local runner holds each stage's whole input at once, so a run's memory grows with its articles. A run
in waves (pipeline/waves_run.py) fetches and extracts one wave at a time. Waves follow the order in which
near-duplicates are decided (``dedup_near.Signed.order``: the time an article was seen, then its id), so an
article of wave k can only be a copy of one in waves <= k, and the marks are those of a single pass. The
time is the feed's publication time; undated entries are seen when their page is fetched, after every
dated one and in wave order; an entry of a source whose pages are not fetched is seen when its feed was.
A publication time later than the planning is seen after the undated ones (a feed's clock ahead of ours).
In a news run the hosts are interleaved in time, so every wave still spreads across hosts.

Each wave is written to ``DIR/_tmp/<run_id>/_spool/waves/wave-<k>.pkl`` (one pickle per entry) under a
fixed name, so a retried bundle rewrites it.
"""
from __future__ import annotations

import bisect
import datetime as dt
import pickle
from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems

from akhbar.pipeline.spool import spool_folder
from akhbar.transforms import fsio
from akhbar.transforms.packing import unpack

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_MICROSECOND = dt.timedelta(microseconds=1)
#: Order classes: seen by a known time, seen when the page is fetched, dated after the planning.
DATED, AT_FETCH, AHEAD = 0, 1, 2
#: (order class, microseconds since the epoch, article id)
Key = Tuple[int, int, str]


def micros(moment: Optional[dt.datetime]) -> Optional[int]:
    """An aware time as whole microseconds since the epoch (exact, and the same order as the times)."""
    return None if moment is None else (moment - EPOCH) // _MICROSECOND


def order_fields(pair) -> Tuple:
    """What the order needs of a (FeedEntry, feed fetched_at) pair: a few fields, not its text.

    Times go as plain ints: Beam's coder pickles each datetime on its own, and the plan's list of every
    entry's fields crosses several stage boundaries (10k replay site: 180,000 datetime pickles, about half
    the front's CPU, gone)."""
    entry, feed_fetched_at = pair
    return micros(entry.published_at), entry.article_id, entry.task.fetch.pages, micros(feed_fetched_at)


def order_key(published_at: Optional[int], article_id: str, pages: bool, feed_fetched_at: int,
              planned_at: int) -> Key:
    """Where an entry falls in the order near-duplicates are decided in (see the module's docstring);
    times in microseconds (``micros``)."""
    if published_at is not None:
        return (DATED if published_at <= planned_at else AHEAD, published_at, article_id)
    if not pages:
        return (DATED, feed_fetched_at, article_id)
    return (AT_FETCH, 0, article_id)


#: Fewest entries per wave when a run is cut for several slots: below it a wave's start-up outweighs its work.
MIN_SLOT_WAVE = 100


def wave_count(entries: int, wave_size: int, slots: int = 1) -> int:
    """Waves of at most ``wave_size``; with ``slots`` waves running side by side, a multiple of ``slots`` (a
    run of any size then keeps every slot busy, and the last round is not one wave alone) as long as each
    wave keeps ``MIN_SLOT_WAVE`` entries."""
    waves = 1 if wave_size <= 0 or entries <= wave_size else -(-entries // wave_size)
    if wave_size > 0 and slots > 1 and waves % slots:
        rounded = -(-waves // slots) * slots
        if entries >= rounded * MIN_SLOT_WAVE:
            waves = rounded
    return waves


def wave_sizes(entries: int, wave_size: int, slots: int = 1) -> List[int]:
    """Entries per wave, in order, none over ``wave_size``.

    One slot: ``wave_count`` waves of equal size (within one). Side by side, the first ``slots - 1`` waves
    ramp up (1/slots, 2/slots, ... of a full wave) and the last ``slots - 1`` ramp down, so each slot starts
    its waves 1/slots of a wave after the one before and they stay staggered to the end. Equal waves started
    together ran in lockstep (wave k's candidate step waits for wave k-1's signatures): both fetched at
    once, ended at once, and at every boundary the two cores were half idle for about a second (10k replay
    site, CPU sampled every 0.2 s). Staggered, one wave's start and fetching overlap the other's extraction,
    and wave k-1's signatures are written before wave k asks for them. Runs too small for ramp waves of
    ``MIN_SLOT_WAVE`` entries keep ``wave_count`` equal waves.
    """
    units = max(slots, -(-entries // wave_size)) if wave_size > 0 else 0  # full waves' worth
    if slots <= 1 or wave_size <= 0 or entries < units * slots * MIN_SLOT_WAVE:
        waves = wave_count(entries, wave_size, slots)
        return [(entries * (k + 1)) // waves - (entries * k) // waves for k in range(waves)]
    ramp = [k / slots for k in range(1, slots)]
    weights = ramp + [1.0] * (units - (slots - 1)) + ramp[::-1]
    bounds, total = [0], 0.0
    for weight in weights:
        total += weight
        bounds.append(round(entries * total / units))
    return [b - a for a, b in zip(bounds, bounds[1:])]


def cut_points(keys: Iterable[Key], wave_size: int, slots: int = 1) -> List[Key]:
    """The first key of every wave after the first (``wave_sizes``)."""
    ordered = sorted(keys)
    cuts, start = [], 0
    for size in wave_sizes(len(ordered), wave_size, slots)[:-1]:
        start += size
        cuts.append(ordered[start])
    return cuts


def wave_of(key: Key, cuts: Sequence[Key]) -> int:
    return bisect.bisect_right(cuts, key)


def waves_folder(output: str, run_id: str) -> str:
    return fsio.join_path(spool_folder(output, run_id), "waves")


def wave_path(output: str, run_id: str, wave: int) -> str:
    return fsio.join_path(waves_folder(output, run_id), f"wave-{wave:05d}.pkl")


def wave_paths(output: str, run_id: str) -> List[str]:
    """The wave files a run's first phase wrote, in wave order."""
    return [p for p in fsio.list_under(waves_folder(output, run_id)) if p.endswith(".pkl")]


def read_wave(path: str) -> Iterator:
    """(FeedEntry, feed fetched_at) pairs of one wave file."""
    with FileSystems.open(path, mime_type="application/octet-stream") as handle:
        while True:
            try:
                yield unpack(pickle.load(handle))
            except EOFError:
                return


def plan(fields: Iterable[Tuple], wave_size: int, slots: int) -> Tuple[int, List[Key]]:
    """Every entry's ``order_fields`` -> (planned_at, cut points), decided once for the run."""
    planned_at = micros(dt.datetime.now(dt.timezone.utc))
    return planned_at, cut_points((order_key(*f, planned_at) for f in fields), wave_size, slots)


def write_wave(output: str, run_id: str, wave: int, packed: Iterable[bytes]) -> int:
    """One wave's file (packed pairs, one pickle each), under its fixed name; returns how many it holds."""
    path = wave_path(output, run_id, wave)
    fsio.ensure_parent(path)
    count = 0
    with FileSystems.create(path, mime_type="application/octet-stream") as handle:
        for value in packed:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            count += 1
    return count


class _PlanDoFn(beam.DoFn):
    """All the run's keys (small) -> (planned_at, cut points), decided once."""

    def __init__(self, wave_size: int, slots: int):
        self._wave_size, self._slots = wave_size, slots

    def process(self, fields: List[Tuple]):
        yield plan(fields, self._wave_size, self._slots)


class _WriteWaveDoFn(beam.DoFn):
    def __init__(self, output: str, run_id: str):
        self._output, self._run_id = output, run_id

    def process(self, grouped):
        wave, packed = grouped
        yield wave, write_wave(self._output, self._run_id, wave, packed)


def _assign(packed: bytes, plan):
    planned_at, cuts = plan
    return wave_of(order_key(*order_fields(unpack(packed)), planned_at), cuts), packed


def _packed_order_fields(packed: bytes) -> Tuple:
    return order_fields(unpack(packed))


class PlanWaves(beam.PTransform):
    """Packed (FeedEntry, fetched_at) pairs (``DedupEntries(packed=True)``) -> wave files; emits (wave,
    entries) per file written."""

    def __init__(self, output: str, run_id: str, wave_size: int, slots: int = 1):
        super().__init__()
        self._output, self._run_id, self._wave_size, self._slots = output, run_id, wave_size, slots

    def expand(self, entries):
        plan = (entries | "OrderFields" >> beam.Map(_packed_order_fields)
                | "AllKeys" >> beam.combiners.ToList()
                | "Plan" >> beam.ParDo(_PlanDoFn(self._wave_size, self._slots)))
        return (entries
                | "Assign" >> beam.Map(_assign, beam.pvalue.AsSingleton(plan))
                | "GroupByWave" >> beam.GroupByKey()
                | "WriteWaves" >> beam.ParDo(_WriteWaveDoFn(self._output, self._run_id)))
