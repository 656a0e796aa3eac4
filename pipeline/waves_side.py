"""A run in waves with its work side by side in N processes (``config.wave_slots``; pipeline/wave_slots.py).

1. the feeds, cut in N parts (every N-th feed), each fetched and parsed in its own process: the parts spool
   their feed outcomes and problems (``feeds-<k>``) and their entries (``entries-<k>``);
2. the front in the launcher, in one step (pipeline/waves_front.py): the parts' entries -> exact dedup ->
   the ids index of already-stored listings and the wave plan (pipeline/waves.py), spooled as ``front``;
3. the waves, N at a time, each in its own process (wave k's near-duplicates wait for waves < k);
4. the single commit, report and feed state (pipeline/waves_run.py ``finish``).

Parsing feeds is most of the front's work (feedparser: ~60 % of its CPU on the 10k replay site), and the
front runs before any wave can start: cut in parts, it no longer holds one core while the other waits.
Every part keeps 1/N of each host's politeness limits, as the waves do.
"""
from __future__ import annotations

from typing import List, Optional, Protocol

import apache_beam as beam

from akhbar.pipeline import graph
from akhbar.pipeline.config import RunConfig
from akhbar.pipeline.spool import read_spooled, spool
from akhbar.pipeline.wave_prior import FRONT, wave_phase
from akhbar.pipeline.wave_slots import Handle, run_side_by_side
from akhbar.pipeline.waves import wave_paths
from akhbar.pipeline.waves_front import front_in_one_step
from akhbar.transforms.dedup_index import WriteIndexes
from akhbar.transforms.packing import pack
from akhbar.transforms.sink_commit import fault_point

ENTRIES = "entries"


class Processes(Protocol):
    """Starts the work of one process (runners/wave_task.py); each call returns the process's handle."""

    def feed_part(self, config: RunConfig, feed_states, part: int) -> Handle: ...
    def wave(self, config: RunConfig, wave: int, path: str, stored: Optional[List[str]]) -> Handle: ...


def feeds_phase(part: int) -> str:
    return f"feeds-{part}"


def entries_phase(part: int) -> str:
    return f"entries-{part}"


def build_feed_part(p: beam.Pipeline, config: RunConfig, feed_states, part: int) -> None:
    """Every ``wave_slots``-th feed from ``part``: fetched, parsed, spooled (run in a process of its own)."""
    parts = config.wave_slots
    head = graph.feeds(p, config, graph.fetch_policy(config, parts), feed_states, config.sources.tasks()[part::parts])
    spool(p, config.output, config.run_id, feeds_phase(part),
          {"outcomes": [head.outcomes], "problems": list(head.problems)})
    spool(p, config.output, config.run_id, entries_phase(part),
          {ENTRIES: [head.entries | "Pack" >> beam.Map(pack)]}, label="SpoolEntries")


def _dedup_and_plan(config: RunConfig) -> List:
    """Every part's entries, deduplicated and cut in waves in one step (pipeline/waves_front.py)."""
    parts = [read_spooled(config.output, config.run_id, entries_phase(k), ENTRIES) for k in range(config.wave_slots)]
    return front_in_one_step((value for part in parts for value in part), config)


def build_front_of_parts(p: beam.Pipeline, config: RunConfig) -> None:
    problems = p | "Start" >> beam.Create([config]) | "DedupAndPlan" >> beam.FlatMap(_dedup_and_plan)
    listed_again = problems | "WriteIndexes" >> WriteIndexes(
        config.output, config.run_id, config.started_at, tag="front-")
    spool(p, config.output, config.run_id, FRONT, {"problems": [problems], "files": [listed_again]})


def run_side(config: RunConfig, run_pipeline, processes: Processes, feed_states, stored: Optional[List[str]],
             pause: float) -> List[str]:
    """Steps 1-3 of the module's docstring; returns the phases ``finish`` commits."""
    slots = config.wave_slots
    run_side_by_side(slots, slots, lambda k: processes.feed_part(config, feed_states, k), what="feed part")
    run_pipeline(FRONT, lambda p: build_front_of_parts(p, config))
    paths = wave_paths(config.output, config.run_id)

    def done(wave: int, seconds: float) -> None:
        fault_point("after_wave")

    run_side_by_side(len(paths), slots, lambda w: processes.wave(config, w, paths[w], stored),
                     pause=pause * slots, on_done=done)
    return [feeds_phase(k) for k in range(slots)] + [FRONT] + [wave_phase(w) for w in range(len(paths))]

