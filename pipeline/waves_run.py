"""A run in waves: one run id, one commit, one report, but the pages handled a bounded wave at a time.

Beam's local runner (FnApiRunner) runs every stage over its whole input and keeps every shuffle whole in
the launcher, so a single pipeline's memory grows with the articles of the run. Here a run is:

1. the front (feeds -> parsed entries -> exact dedup), one pipeline: small data. It spools its feed
   outcomes, problems and the ids index of already-stored listings, and cuts the unique entries into
   waves of at most ``wave_size``, in time order (pipeline/waves.py);
2. one pipeline per wave: pages -> gate -> extraction branches -> near-duplicates (seeing the signatures
   of the earlier waves) -> join -> temporary files, spooled (pipeline/spool.py);
3. in the launcher: one commit of every temporary file (transforms/sink_commit.py: manifest, renames),
   then the run report, then the feed state, as a single pipeline does.

Everything before step 3 lives under ``DIR/_tmp/<run_id>/``: a run that dies at any point before the
manifest leaves nothing visible, and the next run deletes it. Memory is bounded by the wave, not the run.
With several slots (``config.wave_slots``), steps 1 and 2 run side by side in processes of their own
(pipeline/waves_side.py); step 3 is the same.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
import time
from typing import Callable, List, Optional

import apache_beam as beam

from akhbar.pipeline import graph
from akhbar.pipeline.config import RunConfig
from akhbar.pipeline.feed_state import load_states, save_states, updated_states
from akhbar.pipeline.report import build_report, write_report
from akhbar.pipeline.spool import KINDS, read_spool, spool
from akhbar.pipeline.wave_prior import FRONT, EarlierWaves, signature_files, signatures_phase, wave_phase
from akhbar.pipeline.waves_side import Processes, run_side
from akhbar.pipeline.waves import PlanWaves, read_wave, wave_paths
from akhbar.transforms.dedup_index import WriteIndexes
from akhbar.transforms.robots import SHARED_ENV
from akhbar.transforms.sink import renumber, written_tallies
from akhbar.transforms.sink_commit import commit, fault_point
from akhbar.transforms import stored_ids
from akhbar.transforms.stored_ids import MINHASH

#: ``run_pipeline(name, build)``: run one pipeline whose graph ``build(p)`` adds, to completion.
RunPipeline = Callable[[str, Callable[[beam.Pipeline], None]], None]
log = logging.getLogger(__name__)


def build_front(p: beam.Pipeline, config: RunConfig, feed_states) -> None:
    head = graph.front(p, config, graph.fetch_policy(config), feed_states, packed=True)
    listed_again = head.dedup_problems | "WriteIndexes" >> WriteIndexes(
        config.output, config.run_id, config.started_at, tag="front-")
    _ = head.entries | "PlanWaves" >> PlanWaves(config.output, config.run_id, config.wave_size, config.wave_slots)
    spool(p, config.output, config.run_id, FRONT,
          {"outcomes": [head.outcomes], "problems": [head.problems], "files": [listed_again]})


def build_wave(p: beam.Pipeline, config: RunConfig, wave: int, path: str, prior,
               stored: Optional[List[str]] = None, share: int = 1) -> None:
    """One wave's pipeline. ``prior``: the earlier waves' signature files, or ``EarlierWaves`` that waits for
    them (waves side by side, ``share`` of them fetching at once)."""
    entries = (p | "Wave" >> beam.Create([path])
               | "ReadWave" >> beam.FlatMap(read_wave))
    work = graph.page_work(entries, config, graph.fetch_policy(config, share), prior_signatures=prior,
                           tag=f"w{wave}-", stored_signatures=stored)
    spool(p, config.output, config.run_id, wave_phase(wave),
          {"files": work.files, "problems": work.problems, "tallies": work.tallies, "deferred": work.deferred_feeds})
    if isinstance(prior, EarlierWaves):  # side by side: the later waves wait for this, not for the whole wave
        spool(p, config.output, config.run_id, signatures_phase(wave), {"files": [work.signatures]}, always=True,
              label="SpoolSignatures")


def run_wave_alone(run_pipeline: RunPipeline, config: RunConfig, wave: int, path: str,
                   stored: Optional[List[str]]) -> None:
    """Wave ``wave`` as one of ``config.wave_slots`` side by side (in its own process, pipeline/wave_slots.py)."""
    run_pipeline(wave_phase(wave), lambda p: build_wave(p, config, wave, path, EarlierWaves(
        config.output, config.run_id, wave), stored, share=config.wave_slots))


def stored_signature_files(config: RunConfig) -> List[str]:
    """The earlier runs' signature files NearDuplicates reads, listed once for all the waves."""
    days = config.sources.dedup.near_window_days
    if days <= 0:
        return []
    return stored_ids.files_within(config.output, MINHASH, config.started_at.astimezone(dt.timezone.utc).date(),
                                   int(days) + 1)


def run_in_waves(config: RunConfig, run_pipeline: RunPipeline, processes: Optional[Processes] = None) -> str:
    """The whole run (see the module's docstring); returns the run report's path. With ``processes`` and
    ``config.wave_slots`` > 1, the feeds and the waves run side by side in processes of their own
    (pipeline/waves_side.py)."""
    shared = tempfile.mkdtemp(prefix="akhbar-robots-")  # robots.txt answers, read by the later waves
    previous = os.environ.get(SHARED_ENV)
    os.environ[SHARED_ENV] = shared  # the worker processes started for each wave inherit it
    try:
        return _run_in_waves(config, run_pipeline, processes)
    finally:
        if previous is None:
            os.environ.pop(SHARED_ENV, None)
        else:
            os.environ[SHARED_ENV] = previous
        shutil.rmtree(shared, ignore_errors=True)


def _run_in_waves(config: RunConfig, run_pipeline: RunPipeline, processes: Optional[Processes]) -> str:
    feed_states = load_states(config.output)
    stored = stored_signature_files(config)
    pause = max([t.fetch.delay_seconds for t in config.sources.tasks()] or [0.0])
    if processes is not None and config.wave_slots > 1:
        return finish(config, feed_states, run_side(config, run_pipeline, processes, feed_states, stored, pause))
    run_pipeline(FRONT, lambda p: build_front(p, config, feed_states))
    paths = wave_paths(config.output, config.run_id)
    prior: List[str] = []
    phases = [FRONT] + [wave_phase(w) for w in range(len(paths))]
    ended = 0.0
    for wave, path in enumerate(paths):
        # A new wave sets its fetch steps up afresh (even in a reused worker process, runners/zygote.py), and
        # they do not know when a host was last asked: wait one delay.
        time.sleep(max(0.0, ended + pause - time.monotonic()))
        log.info("akhbar: run %s: wave %d of %d", config.run_id, wave + 1, len(paths))
        run_pipeline(wave_phase(wave), lambda p, w=wave, f=path, seen=tuple(prior): build_wave(
            p, config, w, f, list(seen), stored))
        ended = time.monotonic()
        prior += signature_files(read_spool(config.output, config.run_id, wave_phase(wave)))
        fault_point("after_wave")
    return finish(config, feed_states, phases)


def finish(config: RunConfig, feed_states, phases: List[str]) -> str:
    """Commit every phase's files at once, then the report, then the feed state (as ``graph.build``)."""
    spooled = {kind: [] for kind in KINDS}
    for phase in phases:  # read before the commit: it deletes the temporary folder, spool included
        for kind, values in read_spool(config.output, config.run_id, phase).items():
            spooled[kind].extend(values)
    published = commit(config.output, config.run_id, renumber(spooled["files"], config.run_id))
    tallies = written_tallies(published) + spooled["tallies"]
    now = dt.datetime.now(dt.timezone.utc)
    report = build_report(config.run_id, config.started_at.isoformat(timespec="seconds"),
                          [s.id for s in config.sources.sources], spooled["outcomes"], spooled["problems"], tallies,
                          now.isoformat(timespec="seconds"))
    path = write_report(config.output, report)
    save_states(config.output, updated_states(feed_states, spooled["outcomes"], now, spooled["deferred"]))
    return path
