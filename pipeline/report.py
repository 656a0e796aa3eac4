"""The run report: counts and errors per source and stage, written last as ``_runs/<run_id>.json``."""
from __future__ import annotations

import datetime as dt
import json
from typing import Dict, Iterable, List

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems

from akhbar.transforms import fsio
from akhbar.schemas.events import COUNTED_KINDS, FeedOutcome, Problem, Tally

_COUNTS = ("feeds", "feeds_failed", "entries", "written", "duplicates", "not_arabic", "already_stored",
           "near_duplicates")
#: Feed outcomes that are not failures but mean "nothing new was parsed", counted per source and in totals.
_QUIET_OUTCOMES = ("not_modified", "unchanged", "skipped_backoff")
#: At most this many errors are listed per source (all are counted).
MAX_ERRORS_LISTED = 200


def build_report(run_id: str, started_at: str, source_ids: Iterable[str], outcomes: Iterable[FeedOutcome],
                 problems: Iterable[Problem], tallies: Iterable[Tally], finished_at: str) -> dict:
    sources: Dict[str, dict] = {sid: _empty_source() for sid in sorted(source_ids)}
    for outcome in sorted(outcomes, key=lambda o: (o.source_id, o.feed_url)):
        src = sources.setdefault(outcome.source_id, _empty_source())
        src["feeds"] += 1
        src["feeds_failed"] += int(outcome.failed)
        if outcome.outcome in _QUIET_OUTCOMES:
            src[outcome.outcome] += 1
        src["entries"] += outcome.entries
        src["feed_outcomes"].append({"url": outcome.feed_url, "outcome": outcome.outcome,
                                     "entries": outcome.entries, "message": outcome.message})
    for problem in sorted(problems, key=lambda p: (p.source_id, p.stage, p.url, p.kind)):
        src = sources.setdefault(problem.source_id, _empty_source())
        counted = COUNTED_KINDS.get(problem.kind)
        if counted:
            src[counted] = src.get(counted, 0) + 1
            if problem.kind == "not_arabic":
                language = problem.message.split(" ", 1)[0] or "und"
                src["not_arabic_by_language"][language] = src["not_arabic_by_language"].get(language, 0) + 1
            continue
        src["error_count"] += 1
        if len(src["errors"]) < MAX_ERRORS_LISTED:
            src["errors"].append({"url": problem.url, "stage": problem.stage, "kind": problem.kind,
                                  "message": problem.message})
    for tally in tallies:
        src = sources.setdefault(tally.source_id, _empty_source())
        src[tally.key] = src.get(tally.key, 0) + tally.count
    totals = {key: sum(s[key] for s in sources.values()) for key in _COUNTS + _QUIET_OUTCOMES}
    totals["errors"] = sum(s["error_count"] for s in sources.values())
    status = "ok" if totals["errors"] == 0 and totals["feeds_failed"] == 0 else "partial"
    return {"run_id": run_id, "started_at": started_at, "finished_at": finished_at, "status": status,
            "totals": totals, "sources": sources}


def failed_report(run_id: str, started_at: str, source_ids: Iterable[str], message: str) -> dict:
    report = build_report(run_id, started_at, source_ids, [], [], [], _now())
    report["status"] = "failed"
    report["error"] = message
    return report


def _empty_source() -> dict:
    return {"feeds": 0, "feeds_failed": 0, "entries": 0, "written": 0, "duplicates": 0, "not_arabic": 0,
            "already_stored": 0, "near_duplicates": 0,
            "not_arabic_by_language": {}, "error_count": 0, "errors": [], "feed_outcomes": [],
            "not_modified": 0, "unchanged": 0, "skipped_backoff": 0}


def report_path(output: str, run_id: str) -> str:
    return FileSystems.join(output, "_runs", f"{run_id}.json")


def write_report(output: str, report: dict) -> str:
    """Write the report whole: to a temporary name, then renamed over the final one."""
    final = report_path(output, report["run_id"])
    fsio.write_atomic(final, json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8"))
    return final


def read_report(output: str, run_id: str) -> dict:
    with FileSystems.open(report_path(output, run_id)) as handle:
        return json.loads(handle.read().decode("utf-8"))


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class _WriteReportDoFn(beam.DoFn):
    def __init__(self, output: str, run_id: str, started_at: str, source_ids: List[str]):
        self._output, self._run_id, self._started_at, self._source_ids = output, run_id, started_at, source_ids

    def process(self, _unused, outcomes, problems, tallies):
        report = build_report(self._run_id, self._started_at, self._source_ids, outcomes, problems, tallies, _now())
        yield write_report(self._output, report)


class RunReport(beam.PTransform):
    """Feed outcomes, problems and tallies -> ``_runs/<run_id>.json``, once everything else is done."""

    def __init__(self, output: str, run_id: str, started_at: str, source_ids: List[str]):
        super().__init__()
        self._args = (output, run_id, started_at, sorted(source_ids))

    def expand(self, events):
        outcomes, problems, tallies = events
        return (outcomes.pipeline
                | "Once" >> beam.Create([None])
                | "Write" >> beam.ParDo(_WriteReportDoFn(*self._args), beam.pvalue.AsList(outcomes),
                                        beam.pvalue.AsList(problems), beam.pvalue.AsList(tallies)))
