"""Entry point of a local worker process: Beam's SDK harness with its stderr kept to warnings.

Beam's harness logs every channel it opens at INFO before it has read any option; a scheduled job's log
should hold what matters, so this handler lets only warnings and errors through.

``run_harness`` runs the harness once in a process that stays alive for the next pipeline (a zygote's
worker, runners/zygote.py): it gives back what one run of the harness holds, so the next run starts clean.
"""
from __future__ import annotations

import gc
import logging
import os
import sys
from typing import Dict

from akhbar.runners.logs import configure
from akhbar.runners.memory import release_free_memory, tune_this_process


def main() -> None:
    configure("worker ")
    tune_this_process()  # in case the environment did not carry the settings (runners/memory.py)
    from apache_beam.runners.worker import sdk_worker_main

    from akhbar.runners.beam_speed import install

    install()  # each stage of each wave sets its DoFns up again (runners/beam_speed.py)

    from akhbar.runners.wave_task import TASK_ENV, die_with_parent, run_task

    if os.environ.get(TASK_ENV):  # a wave of its own on the in-memory runner (runners/wave_task.py)
        die_with_parent()
        run_task(os.environ[TASK_ENV])
        return
    sdk_worker_main.main(sys.argv)


def prepare() -> None:
    """Once per reused worker process, before its first pipeline."""
    configure("worker ")
    tune_this_process()
    from akhbar.runners.beam_speed import install

    install()


def run_harness(environment: Dict[str, str]) -> None:
    """One pipeline's worker in a reused process; raises if the harness failed (the process should end).
    With ``AKHBAR_TASK`` in ``environment``, the task it names instead (runners/wave_task.py).

    What ``sdk_worker_main.main`` leaves behind and a second run must not see is undone here: its logging
    handler stays on the root logger after being closed, the control channel and the progress thread are
    never closed. Every other channel, thread and cached bundle processor is closed by the harness itself
    (``SdkHarness.run``). Module-level caches (per-word extractor caches, loaded tables) are kept: that is
    the point of reusing the process.
    """
    from apache_beam.runners.worker import sdk_worker_main

    from akhbar.runners.wave_task import TASK_ENV, run_task

    os.environ.clear()
    os.environ.update(environment)  # Beam's endpoints and options, and the run's own variables
    if environment.get(TASK_ENV):  # not a harness: a wave of its own (runners/wave_task.py)
        run_task(environment[TASK_ENV])
        return
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    log_handler, harness, _options = sdk_worker_main.create_harness(environment)
    try:
        harness.run()
    finally:
        if log_handler is not None:
            log_handler.close()
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
        try:
            harness._control_channel.close()
            harness._report_progress_executor.shutdown(wait=False)
        except Exception:  # best effort: a later Beam may name these differently
            pass
        del harness, log_handler
        gc.collect()
        release_free_memory()


if __name__ == "__main__":
    main()
