"""Runner presets: how a run is executed, chosen explicitly so it never depends on a download.

Beam's DirectRunner first tries to fetch the Prism runner from the internet; ``local`` instead uses the
in-process FnApiRunner, with N worker processes (``--workers``), or one in-memory worker when N is 1.
"""
from __future__ import annotations

import logging
import os
import sys
from typing import List, Tuple


PRESETS = ("local", "portable", "flink", "spark", "dataflow")
#: Set to 1 to start every local worker as a fresh process instead of forking it from the zygote.
NO_ZYGOTE = "AKHBAR_NO_ZYGOTE"
#: Articles per wave on the local runner, which holds a whole stage at once (pipeline/waves_run.py).
#: Worker processes are forked from a warm zygote (runners/zygote.py), so a wave costs little. Measured by mem4 on the
#: 10,000-article replay site, 2 workers, 0 ms, back to back (24 Nov, shared machine): waves of 5,000 with
#: fresh workers (the old default) 68.2 art/s, 16.07 ms CPU/article, 980 MiB peak; waves of 1,000 (what
#: 1,100 gives at 10k) 100.0 art/s, 15.5 ms, 713 MiB; waves of 600: 48.6 art/s, 18.5 ms, 610 MiB (too many
#: waves: each costs ~0.6 s of launcher CPU). 1,100 keeps a ~1,000-article run in one wave: 1,005 articles
#: 634 MiB, 3,017: 699, 10,000: 713 (ratio 1.12; workers then served 3 pipelines each, now 1: see
#: zygote.REUSES_ENV). A smaller --wave-size trades speed for memory.
DEFAULT_WAVE_SIZE = 1100


def runner_and_options(name: str, workers: int, extra: List[str]) -> Tuple[object, object]:
    """The runner object (or name) and the options for preset ``name``; ``extra`` are Beam's own flags."""
    from apache_beam.options.pipeline_options import PipelineOptions  # imported late: logging is set up first

    from akhbar.runners.beam_speed import install as memoize_signatures, memoize_dofn_specs, memoize_option_views

    memoize_signatures()  # one pipeline per wave: Beam's repeated inspection of DoFns adds up (beam_speed.py)
    memoize_option_views()  # and, in the launcher, its option views and DoFn state specs
    memoize_dofn_specs()

    if name == "local":
        from apache_beam.runners.portability.fn_api_runner import FnApiRunner

        if workers == 1:
            args = ["--direct_num_workers=1", "--direct_running_mode=in_memory", *extra]
            return FnApiRunner(), PipelineOptions(args)
        # N worker processes, started through our own entry point so their stderr stays readable.
        from apache_beam.transforms.environments import SubprocessSDKEnvironment

        from akhbar.runners.memory import export_for_workers

        export_for_workers()  # freed memory goes back to the system in the workers too (runners/memory.py)
        from akhbar.runners.chunked_input import install

        install()  # shuffles reach the workers in ~1 MB messages, not one copy of each whole partition
        logging.getLogger("apache_beam.runners.portability.fn_api_runner.fn_runner").setLevel(logging.ERROR)
        from akhbar.runners import zygote

        # workers forked from a warm zygote: a run in waves starts new ones for every wave (runners/zygote.py);
        # whoever runs the pipeline calls zygote.wait_ready() first (runners/launch.py)
        command = (zygote.spawned_command() if os.environ.get(NO_ZYGOTE) != "1"
                   else f"{sys.executable} -m akhbar.runners.worker")
        environment = SubprocessSDKEnvironment.from_command_string(command_string=command)
        return FnApiRunner(default_environment=environment), PipelineOptions([f"--direct_num_workers={workers}", *extra])
    if name == "portable":
        # The portable runner in loopback mode: the job service runs embedded, workers in this process.
        # Proves nothing relies on in-process shortcuts that Flink, Spark or Dataflow would break.
        args = ["--job_endpoint=embed", "--environment_type=LOOPBACK", *extra]
        return "PortableRunner", PipelineOptions(args)
    if name == "flink":
        return "FlinkRunner", PipelineOptions([f"--parallelism={workers}", *extra])
    if name == "spark":
        return "SparkRunner", PipelineOptions(extra)
    if name == "dataflow":
        return "DataflowRunner", PipelineOptions(extra)
    raise ValueError(f"unknown runner {name!r}: choose one of {', '.join(PRESETS)}")


#: Set to 0 to run the waves of a local run with several workers one at a time, on N worker processes.
SIDE_BY_SIDE = "AKHBAR_SIDE_BY_SIDE"


def wave_slots(runner: str, workers: int, sources, wave_size: int) -> int:
    """Waves run side by side on the local runner, each in its own process (pipeline/wave_slots.py): one per
    worker, but no more than the smallest ``concurrency_per_host`` of any source (its feeds are fetched in
    parts side by side too), since each process keeps ``1/slots`` of every host's limits (at least one request
    at a time). 1: one at a time."""
    if runner != "local" or workers <= 1 or wave_size <= 0 or os.environ.get(SIDE_BY_SIDE) == "0":
        return 1
    limits = [task.fetch.concurrency_per_host for task in sources.tasks()]
    return max(1, min([workers] + limits))


def default_wave_size(runner: str, slots: int = 1) -> int:
    """Waves for the local runner; the distributed runners stream a stage's input, so one wave (0). With
    waves side by side, ``slots`` waves are in flight: each gets ``2 / (slots + 1)`` of ``DEFAULT_WAVE_SIZE``
    (733 with 2 slots), between memory (the waves in flight hold their articles) and each wave's fixed
    cost (a process, its graph, its stages' set-up: ~0.5 s of CPU). 10k replay site, 2 slots, back to back
    (24 Nov, 11:45-11:50, quiet): waves of 550 130.0 art/s, 12.78 CPU ms/article, peak 572 MiB; 733: 142.3,
    11.80, 606 MiB; 1,100: 144.1, 11.74, 655 MiB (the 1k run, two waves of ~500: 537 MiB)."""
    if runner != "local":
        return 0
    return DEFAULT_WAVE_SIZE if slots <= 1 else DEFAULT_WAVE_SIZE * 2 // (slots + 1)


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)
