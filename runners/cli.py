"""The ``akhbar`` command line: ``akhbar run`` and ``akhbar demo``.

Exit codes: 0 the run completed (some feeds may have failed: see the report), 2 a bad command line or
sources file (nothing was written), 1 the pipeline itself failed, 3 another run holds the output (nothing was
done), 4 the dataset at the output has a schema this version cannot extend (nothing was written).
"""
from __future__ import annotations

import argparse
import os
import datetime as dt
import sys
from typing import List, Optional

from akhbar.pipeline.config import RUN_ID, new_run_id
from akhbar.pipeline.sources import SourcesError, load_sources
from akhbar.runners.logs import configure
from akhbar.runners.memory import tune_this_process
from akhbar.runners.presets import DEFAULT_WAVE_SIZE, PRESETS, default_workers


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="akhbar", description="Arabic news feeds to partitioned Parquet.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="fetch the feeds of a sources file and write the dataset",
                              epilog="Extra Beam pipeline options go last, after --")
    run.add_argument("--sources", required=True, help="YAML sources file")
    run.add_argument("--output", required=True, help="dataset folder (local path or gs://...)")
    run.add_argument("--run-id", help="id of this run (default: time-based)")
    run.add_argument("--workers", type=int, default=None, help="worker processes (default: cores)")
    run.add_argument("--runner", default="local", choices=PRESETS, help="where the pipeline runs")
    run.add_argument("--allow-private-addresses", action="store_true",
                     help="let the fetcher reach loopback and private networks (tests, local mirrors)")
    run.add_argument("--wave-size", type=int, default=None, metavar="N",
                     help="fetch and extract the pages in waves of at most N articles, so memory stays flat "
                          "however large the run (default with --runner local: %d, or 2/(W+1) of it with W > 1 workers, "
                          "whose waves run side by side; 0 = one wave, otherwise)" % DEFAULT_WAVE_SIZE)
    run.add_argument("--quiet", action="store_true", help="no progress on stderr")
    # Extra Beam pipeline options come after "--" and are split off in main(): a stray word before "--" is a
    # bad command line (exit 2), not a Beam option Beam would ignore with a warning.
    demo = commands.add_parser("demo", help="run the whole pipeline on the bundled sample feeds")
    demo.add_argument("--output", default="demo-output", help="dataset folder (default: demo-output)")
    demo.add_argument("--workers", type=int, default=1)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    beam_args: List[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, beam_args = argv[:cut], argv[cut + 1:]
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    configure()
    tune_this_process()  # the launcher holds the runner's buffers between stages (runners/memory.py)
    if args.command == "demo":
        from akhbar.runners.demo import run_demo

        if not 1 <= args.workers <= 256:
            print(f"akhbar: --workers {args.workers}: must be between 1 and 256", file=sys.stderr)
            return 2

        return run_demo(args.output, args.workers)
    return _run(args, beam_args)


def _run(args, beam_args: List[str]) -> int:
    problems = []
    if args.run_id is not None and not RUN_ID.fullmatch(args.run_id):
        problems.append(f"--run-id {args.run_id!r}: use 1-64 of A-Z a-z 0-9 _ . -, starting with a letter or digit")
    if args.workers is not None and not 1 <= args.workers <= 256:
        problems.append(f"--workers {args.workers}: must be between 1 and 256")
    if args.wave_size is not None and args.wave_size < 0:
        problems.append(f"--wave-size {args.wave_size}: must be 0 (one wave) or more")
    if "://" not in args.output and os.path.exists(args.output) and not os.path.isdir(args.output):
        problems.append(f"--output {args.output!r} is a file, not a folder")
    try:
        sources = load_sources(args.sources)
    except SourcesError as exc:
        problems.append(str(exc))
    if problems:
        for problem in problems:
            print(f"akhbar: {problem}", file=sys.stderr)
        return 2
    from akhbar.runners.launch import launch

    started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    return launch(sources, args.output, args.run_id or new_run_id(started), started,
                  workers=args.workers or default_workers(), runner=args.runner,
                  allow_private=args.allow_private_addresses, beam_args=beam_args, show_progress=not args.quiet,
                  wave_size=args.wave_size)


if __name__ == "__main__":
    sys.exit(main())
