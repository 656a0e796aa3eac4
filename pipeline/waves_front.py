"""The front of a run with waves side by side in one step: the run's entries deduplicated and cut in waves.

With waves side by side (pipeline/waves_side.py) the front runs in the launcher, alone, while the other
cores wait for the first waves. On Beam's in-memory runner the exact dedup (transforms/dedup.DedupEntries)
and the wave plan (pipeline/waves.PlanWaves) took each entry through a dozen steps one element at a time:
~2.3 s of CPU for the 10k replay site. Here the same layers run with the same functions (``too_old``,
``once_by_id``, ``once_by_title``, ``plan``, ``write_wave``) over the run's entries held in one list. The
launcher holds the run's entries once, packed (the runner held them too, at every step).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from akhbar.pipeline.waves import order_fields, order_key, plan, wave_of, write_wave
from akhbar.schemas.events import Problem
from akhbar.transforms import stored_ids
from akhbar.transforms.dedup import Listing, once_by_id, once_by_title, read_ids, too_old
from akhbar.transforms.dedup_titles import title_key
from akhbar.transforms.packing import unpack
from akhbar.transforms.stored_read import window_files

#: A listing and its packed form (what the wave files hold).
Item = Tuple[Listing, bytes]


def stored_matches(output: Optional[str], today: dt.date, days: float, read: Callable[[str], Iterable[Tuple]],
                   wanted: set) -> Dict[object, list]:
    """{key: [values]} of the ids index files within ``days`` of ``today`` whose key is in ``wanted``
    (``ReadStored``'s files, ``window_files``, and its filter; nothing without an output or a window)."""
    found: Dict[object, list] = defaultdict(list)
    if not output or days <= 0:
        return found
    for path in window_files(output, stored_ids.IDS, today, days):
        for key, value in read(path):
            if key in wanted:
                found[key].append(value)
    return found


def dedup_items(items: List[Item], output: Optional[str], now: dt.datetime, lookback_days: int,
                title_window_days: float) -> Tuple[List[Item], List[Problem]]:
    """``DedupEntries``' layers over a list: (kept items, problems)."""
    problems: List[Problem] = []
    if output and lookback_days > 0:
        cutoff = now - dt.timedelta(days=lookback_days)
        fresh = []
        for item in items:
            problem = too_old(item[0], cutoff)
            if problem is None:
                fresh.append(item)
            else:
                problems.append(problem)
        items = fresh
    packed = {id(listing): value for listing, value in items}
    by_id: Dict[str, List[Listing]] = defaultdict(list)
    for listing, _ in items:
        by_id[listing[0].article_id].append(listing)
    stored = stored_matches(output, now.date(), lookback_days, read_ids, set(by_id))
    kept_by_id: List[Listing] = []
    for article_id, listings in by_id.items():
        kept, found = once_by_id(listings + stored.get(article_id, []))
        problems.extend(found)
        if kept is not None:
            kept_by_id.append(kept)
    if title_window_days <= 0:
        return [(listing, packed[id(listing)]) for listing in kept_by_id], problems
    by_title: Dict[Tuple[str, str], List[Listing]] = defaultdict(list)
    kept_all = []
    for listing in kept_by_id:
        key = title_key(listing[0].title)
        if key is None:
            kept_all.append(listing)
        else:
            by_title[(listing[0].source_id, key)].append(listing)
    since = now - dt.timedelta(days=title_window_days)
    titles = stored_matches(output, now.date(), title_window_days,
                            lambda path: stored_ids.stored_titles(path, since), set(by_title))
    window = dt.timedelta(days=title_window_days)
    for key, listings in by_title.items():
        kept, found = once_by_title(listings, titles.get(key, []), window)
        problems.extend(found)
        kept_all.extend(kept)
    return [(listing, packed[id(listing)]) for listing in kept_all], problems


def plan_and_write(items: List[Item], output: str, run_id: str, wave_size: int, slots: int) -> List[int]:
    """``PlanWaves`` over a list: the wave files written; returns how many entries each holds."""
    fields = [order_fields(listing) for listing, _ in items]
    planned_at, cuts = plan(fields, wave_size, slots)
    waves: Dict[int, List[Tuple]] = defaultdict(list)
    for (listing, value), field in zip(items, fields):
        key = order_key(*field, planned_at)
        waves[wave_of(key, cuts)].append((key, value))
    return [write_wave(output, run_id, wave, (value for _, value in sorted(waves[wave], key=lambda kv: kv[0])))
            for wave in sorted(waves)]


def front_in_one_step(packed_values: Iterable[bytes], config) -> List[Problem]:
    """The run's packed entries -> wave files; returns the dedup problems (``config``: a RunConfig)."""
    dedup = config.sources.dedup
    items = [(unpack(value), value) for value in packed_values]
    kept, problems = dedup_items(items, config.output, config.started_at.astimezone(dt.timezone.utc),
                                 dedup.lookback_days, dedup.title_window_days)
    plan_and_write(kept, config.output, config.run_id, config.wave_size, config.wave_slots)
    return problems
