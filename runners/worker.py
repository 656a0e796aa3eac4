"""Entry point of a local worker process: Beam's SDK harness with its stderr kept to warnings.

Beam's harness logs every channel it opens at INFO before it has read any option; a scheduled job's log
should hold what matters, so this handler lets only warnings and errors through.
"""
from __future__ import annotations

import sys

from akhbar.runners.logs import configure
from akhbar.runners.memory import tune_this_process


def main() -> None:
    configure("worker ")
    tune_this_process()  # in case the environment did not carry the settings (runners/memory.py)
    from apache_beam.runners.worker import sdk_worker_main

    from akhbar.runners.beam_speed import install

    install()  # each stage of each wave sets its DoFns up again (runners/beam_speed.py)

    sdk_worker_main.main(sys.argv)


if __name__ == "__main__":
    main()
