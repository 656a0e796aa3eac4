"""Read an index of earlier runs, keeping only the keys this run can match.

Thirty days of hourly runs hold hundreds of thousands of ids; shuffling them all to join a few thousand
new entries cost ~40 s per run on one machine. The run's own keys (article ids, (source, title key) pairs,
LSH band keys) are small: they come in as a side input, and each index file is filtered while it is read,
so only the matches reach the group. Memory: one set of this run's keys per worker. ``paths`` reads given
files instead (a run in waves: the signatures of its earlier waves, still under ``_tmp/<run_id>/``).
"""
from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable, Iterator, List, Optional, Sequence, Tuple

import apache_beam as beam

from akhbar.transforms import stored_ids


def window_files(output: str, index: str, today: dt.date, days: float) -> List[str]:
    """The files of ``index`` a window of ``days`` reads: stored within ``int(days) + 1`` days of ``today``
    (a part of a day counts as the whole day)."""
    return stored_ids.files_within(output, index, today, int(days) + 1)


class _ReadWantedDoFn(beam.DoFn):
    def __init__(self, read: Callable[[str], Iterable[Tuple]], nested: bool = False):
        self._read = read
        self._nested = nested
        self._source = None
        self._wanted = frozenset()

    def process(self, path: str, wanted: List) -> Iterator[Tuple]:
        if wanted is not self._source:  # build the set once per side-input view, not per file
            keys = (key for batch in wanted for key in batch) if self._nested else wanted
            self._source, self._wanted = wanted, frozenset(keys)
        for key, value in self._read(path):
            if key in self._wanted:
                yield key, value


class ReadStored(beam.PTransform):
    """Files of ``index`` within ``days`` of ``today`` -> (key, value) pairs whose key is in ``wanted``.

    ``nested``: ``wanted`` holds lists of keys (a batched stream of them) rather than keys."""

    def __init__(self, output: str, index: str, today: dt.date, days: float, read, wanted,
                 paths: Optional[Sequence[str]] = None, nested: bool = False):
        super().__init__()
        self._nested = nested
        self._output, self._index, self._today, self._days = output, index, today, days
        self._read, self._wanted = read, wanted
        self._paths = None if paths is None else list(paths)

    def expand(self, pbegin):
        output, index, today, days = self._output, self._index, self._today, self._days
        read = beam.ParDo(_ReadWantedDoFn(self._read, self._nested), beam.pvalue.AsList(self._wanted))
        if self._paths is not None:  # known files (a run in waves lists them per wave): no listing stage
            return pbegin | "Files" >> beam.Create(self._paths) | "ReadMatching" >> read
        return (pbegin
                | "Start" >> beam.Create([None])
                | "List" >> beam.FlatMap(lambda _: window_files(output, index, today, days))
                | "Spread" >> beam.Reshuffle()
                | "ReadMatching" >> read)
