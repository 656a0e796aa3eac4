"""Progress marks: workers count what passed, the launcher sums the counts and shows them on stderr.

Each DoFn instance keeps one small file ``<dir>/<kind>/<uuid>`` holding its running count, replaced
atomically at most once a second; this works the same with one worker or several worker processes.
Runners whose workers cannot see the launcher's disk (Dataflow) simply show no progress.
"""
from __future__ import annotations

import os
import time
import uuid
from typing import Optional

import apache_beam as beam

_INTERVAL_SECONDS = 1.0


class _MarkDoFn(beam.DoFn):
    def __init__(self, directory: str, kind: str):
        self._directory = os.path.join(directory, kind)
        self._path = ""
        self._count = 0
        self._written_at = 0.0

    def setup(self):
        try:
            os.makedirs(self._directory, exist_ok=True)
            self._path = os.path.join(self._directory, uuid.uuid4().hex)
        except OSError:  # not our disk (a remote worker): no progress, no failure
            self._path = ""

    def process(self, element):
        self._count += 1
        if self._path and time.monotonic() - self._written_at > _INTERVAL_SECONDS:
            self._flush()
        yield element

    def finish_bundle(self):
        if self._path:
            self._flush()

    def _flush(self):
        temp = self._path + ".tmp"
        try:
            with open(temp, "w") as handle:
                handle.write(str(self._count))
            os.replace(temp, self._path)
        except OSError:
            pass
        self._written_at = time.monotonic()


class Progress(beam.PTransform):
    """Pass elements through unchanged, counting them in ``directory`` (nothing when it is None)."""

    def __init__(self, directory: Optional[str], kind: str):
        super().__init__()
        self._directory = directory
        self._kind = kind

    def expand(self, pcoll):
        if not self._directory:
            return pcoll
        return pcoll | "Mark" >> beam.ParDo(_MarkDoFn(self._directory, self._kind))


def read_count(directory: str, kind: str) -> int:
    """The sum of every worker's count for ``kind``."""
    total = 0
    folder = os.path.join(directory, kind)
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        if name.endswith(".tmp"):
            continue
        try:
            with open(os.path.join(folder, name)) as handle:
                total += int(handle.read() or 0)
        except (OSError, ValueError):
            continue
    return total
