"""Launch one run: build the graph, run it on the chosen runner, show progress, print the summary."""
from __future__ import annotations

import datetime as dt
import gc
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
import traceback
from typing import List, Optional

from akhbar.pipeline.config import RunConfig
from akhbar.pipeline.sources import SourcesConfig
from akhbar.pipeline.summary import summary_table
from akhbar.runners import zygote
from akhbar.runners.memory import release_free_memory
from akhbar.runners.presets import (DEFAULT_WAVE_SIZE, NO_ZYGOTE, default_wave_size, runner_and_options,
                                    wave_slots)
from akhbar.runners.wave_task import WaveProcesses

# Beam and the graph's modules (~2 s of imports) are imported inside ``launch``, after the zygote was
# started: it warms up on the other core meanwhile (runners/zygote.py).


def launch(sources: SourcesConfig, output: str, run_id: str, started: dt.datetime, *, workers: int, runner: str,
           allow_private: bool, beam_args: List[str], show_progress: bool = True,
           wave_size: Optional[int] = 0) -> int:
    """``wave_size`` None: the runner's default for the slots this run gets (runners/presets.py)."""
    if runner == "local" and workers > 1 and os.environ.get(NO_ZYGOTE) != "1":
        zygote.spawn()  # warms up while this process imports Beam (runners/presets.py uses it)
    from akhbar.pipeline.publish_guard import GuardRefused, open_output
    from akhbar.pipeline.graph import build
    from akhbar.pipeline.report import read_report, report_path, write_report
    from akhbar.pipeline.waves_run import run_in_waves
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner  # noqa: F401 (imported before the freeze)

    gc.collect()
    gc.freeze()  # what was imported lives as long as the process: no collection needs to walk it again

    try:  # the output lock, the schema check, and finishing or undoing what dead runs left
        guard = open_output(output, run_id)
    except GuardRefused as exc:
        zygote.stop()
        print(f"akhbar: {exc}", file=sys.stderr)
        return exc.exit_code
    progress_dir = tempfile.mkdtemp(prefix="akhbar-progress-")
    if wave_size is None:
        wave_size = default_wave_size(runner, wave_slots(runner, workers, sources, DEFAULT_WAVE_SIZE))
    slots = wave_slots(runner, workers, sources, wave_size)
    config = RunConfig(sources=sources, output=output, run_id=run_id, started_at=started,
                       allow_private_addresses=allow_private, progress_dir=progress_dir, wave_size=wave_size,
                       wave_slots=slots)
    total_feeds = len(sources.tasks())
    print(f"akhbar: run {run_id}: {len(sources.sources)} sources, {total_feeds} feeds -> {output}"
          + (f" (waves side by side, {slots} at a time)" if slots > 1 else ""), file=sys.stderr)
    stop = threading.Event()
    ticker = threading.Thread(target=_show_progress, args=(progress_dir, total_feeds, stop, show_progress), daemon=True)
    ticker.start()
    try:
        # Side by side, the feeds and the waves run in processes of their own; the front's dedup and plan run here,
        # on the in-memory runner (N workers' runner would send every element through this process and back).
        run_pipeline = pipeline_runner(runner, 1 if slots > 1 else workers, beam_args, show_progress)
        if wave_size > 0:  # pages in bounded waves, one commit (pipeline/waves_run.py), side by side if slots > 1
            processes = WaveProcesses(progress_dir, beam_args, show_progress, os.environ.get(NO_ZYGOTE) != "1")
            run_in_waves(config, run_pipeline, processes if slots > 1 else None)
        else:
            run_pipeline("run", lambda pipeline: build(pipeline, config))
    except Exception as exc:  # the pipeline itself failed: say so, leave a failed report, exit 1
        stop.set()
        print(f"akhbar: run {run_id} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        try:
            write_report(output, _failure_report(output, run_id, started, sources, f"{type(exc).__name__}: {exc}"))
        except Exception:
            pass
        return 1
    finally:
        zygote.stop()  # the warm parent of the worker processes, if this run started one
        guard.release()
        stop.set()
        ticker.join(timeout=3)
        if show_progress:
            _print_progress(progress_dir, total_feeds)
        shutil.rmtree(progress_dir, ignore_errors=True)
    report = read_report(output, run_id)
    print(summary_table(report))
    print(f"report: {report_path(output, run_id)}  status: {report['status']}")
    return 0


def pipeline_runner(runner: str, workers: int, beam_args: List[str], show: bool, release: bool = True):
    """``run_pipeline(name, add)`` for pipeline/waves_run.py: one pipeline on this runner, to completion.

    ``release`` False: a process that ends after its one pipeline (a wave's, runners/wave_task.py) leaves the
    finished pipeline to its exit; collecting it cost ~0.1 s of CPU per wave."""
    import apache_beam as beam

    def run_pipeline(name: str, add) -> None:
        wall, cpu, children = time.monotonic(), time.process_time(), _children_cpu()
        runner_obj, options = runner_and_options(runner, workers, beam_args)
        with beam.Pipeline(runner=runner_obj, options=options) as pipeline:
            add(pipeline)
            zygote.wait_ready()  # the graph was built while it warmed up; the pipeline runs when the block ends
        del runner_obj, options, pipeline
        if release:
            release_garbage()
        if show:  # what each phase of a run in waves costs
            print(f"akhbar: {name} done in {time.monotonic() - wall:.1f} s (CPU: launcher "
                  f"{time.process_time() - cpu:.1f} s, workers {_children_cpu() - children:.1f} s)", file=sys.stderr)

    return run_pipeline


def release_garbage() -> None:
    """Collect the finished pipeline now and give its freed pages back (runners/memory.py).

    A finished pipeline (its graph, its runner's buffers and worker handlers) is a web of reference cycles
    that only a full collection frees, and full collections are rare in a heap this size: without this the
    launcher grew across the waves of a run (10k replay site, waves of 1,000: 159 -> 184 MiB between waves),
    and the front's buffers of every entry of the run stayed in its heap. With the imported modules frozen
    (``launch``), a collection walks only what the pipelines made: a few ms instead of ~0.1-0.3 s.
    """
    gc.collect()
    release_free_memory()


def _children_cpu() -> float:
    """Ended worker processes, plus the zygote's workers, which live on across phases (runners/zygote.py)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + zygote.workers_cpu()


def _failure_report(output: str, run_id: str, started: dt.datetime, sources: SourcesConfig, message: str) -> dict:
    """The report of a failed run. A step that fails after the report was written (the feed state, say) leaves
    that report's counts: the articles it counted are published, and ``written`` must still match them. Only
    this run can have written ``_runs/<run_id>.json``: the guard refuses a run id already used."""
    from akhbar.pipeline.report import failed_report, read_report

    try:
        report = read_report(output, run_id)
    except Exception:  # the usual case: the run failed before its report
        return failed_report(run_id, started.isoformat(), [s.id for s in sources.sources], message)
    report.update(status="failed", error=message)
    return report


def _show_progress(directory: str, total_feeds: int, stop: threading.Event, enabled: bool) -> None:
    last = None
    while not stop.wait(2.0):
        if not enabled:
            continue
        last = _print_progress(directory, total_feeds, last)


def _print_progress(directory: str, total_feeds: int, last=None):
    from akhbar.transforms.progress import read_count

    state = (read_count(directory, "feeds"), read_count(directory, "articles"))
    if state != last:
        print(f"akhbar: feeds {state[0]}/{total_feeds} done, articles processed {state[1]}", file=sys.stderr)
    return state
