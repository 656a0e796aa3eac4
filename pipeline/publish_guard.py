"""Before a run writes: take the output lock, check the schema, finish or undo what dead runs left.

``open_output`` is called by the launcher; the returned guard is released when the run ends. A refusal
(another run holds the output, or the dataset's schema cannot be extended) raises ``GuardRefused``
carrying the exit code, and nothing has been written.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import List

from apache_beam.io.filesystems import FileSystems

from akhbar.pipeline.lock import LockHeld, OutputLock
from akhbar.pipeline.report import failed_report, read_report, report_path, write_report
from akhbar.pipeline.schema_check import SchemaMismatch, check_output
from akhbar.transforms.sink_commit import Recovered, recover
from akhbar.transforms.stored_ids_compact import compact_all

#: Exit codes of ``akhbar run`` besides 0, 1 and 2 (see cli.py and README).
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_SCHEMA = 4
log = logging.getLogger(__name__)


class GuardRefused(RuntimeError):
    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


class OutputGuard:
    def __init__(self, lock: OutputLock, recovered: List[Recovered], schema_action: str):
        self.lock, self.recovered, self.schema_action = lock, recovered, schema_action

    def release(self) -> None:
        self.lock.release()


def open_output(output: str, run_id: str) -> OutputGuard:
    lock = OutputLock(output, run_id)
    try:
        lock.acquire()
    except LockHeld as exc:
        raise GuardRefused(str(exc), EXIT_LOCKED) from None
    try:
        _refuse_reused_id(output, run_id)  # before anything is touched: a refused run changes nothing
        action = check_output(output)
        recovered = recover(output)  # under the lock, every leftover is a dead run's, even one of this id
        for item in recovered:
            _report_recovered(output, item)
        _refuse_reused_id(output, run_id)  # a dead run of this very id has a report now
        compact_all(output, dt.datetime.now(dt.timezone.utc).date())
    except SchemaMismatch as exc:
        lock.release()
        raise GuardRefused(str(exc), EXIT_SCHEMA) from None
    except GuardRefused:
        lock.release()
        raise
    except BaseException:
        lock.release()
        raise
    return OutputGuard(lock, recovered, action)


def _refuse_reused_id(output: str, run_id: str) -> None:
    if FileSystems.exists(report_path(output, run_id)):
        # Its files are named part-<run_id>-<n>: a second run of the same id would replace them.
        raise GuardRefused(f"run id {run_id!r} was already used on {output} (see "
                           f"{report_path(output, run_id)}): choose another --run-id", EXIT_USAGE)


def _report_recovered(output: str, item: Recovered) -> None:
    """A run that died leaves no report; say what became of it, without overwriting a real report."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    if FileSystems.exists(report_path(output, item.run_id)):
        report = read_report(output, item.run_id)
        if item.action == "rolled_forward" and report.get("status") == "failed":
            # it failed after committing (say, a rename error): its files are published now
            report.update(status="recovered", recovered_at=now)
            write_report(output, report)
        return
    status = "recovered" if item.action == "rolled_forward" else "killed"
    message = ("the run died after committing; a later run published its files" if status == "recovered"
               else "the run died before committing; its temporary files were deleted, nothing was published")
    # The DESIGN keys, zeroed, so tools summing _runs/*.json never meet a report without them; a run rolled
    # forward counts the article rows its manifest published.
    report = failed_report(item.run_id, None, [source for source, _ in item.written], message)
    for source, rows in item.written:
        report["sources"][source]["written"] = rows
    report["totals"]["written"] = sum(rows for _, rows in item.written)
    report.update(status=status, finished_at=now, files=item.files)
    write_report(output, report)
