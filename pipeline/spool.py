"""The spool: what one phase of a run in waves hands to the next phases and to the final commit.

Each phase (the feeds, then each wave of pages) is its own pipeline. What the final step needs from it (the
temporary files it wrote, its problems, tallies, feed outcomes and deferred feeds: all small) is written
to ``DIR/_tmp/<run_id>/_spool/<phase>.pkl``, under the run's temporary folder: nothing there is visible,
and a run that dies before its manifest leaves it to be deleted with the rest (``sink_commit.recover``).

The records of a phase reach one step as side inputs and are written once under a fixed name, so a runner
that retries a bundle rewrites the same file instead of adding a second copy: the counts stay exact.
"""
from __future__ import annotations

import pickle
from collections import defaultdict
from typing import Dict, List, Sequence

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems

from akhbar.transforms import fsio
from akhbar.transforms.sink_commit import temp_root

SPOOL = "_spool"
KINDS = ("files", "problems", "tallies", "outcomes", "deferred")


def spool_folder(output: str, run_id: str) -> str:
    return fsio.join_path(temp_root(output, run_id), SPOOL)


def spool_path(output: str, run_id: str, phase: str) -> str:
    return fsio.join_path(spool_folder(output, run_id), f"{phase}.pkl")


class _WriteSpoolDoFn(beam.DoFn):
    def __init__(self, path: str, names: Dict[str, str], always: bool):
        self._path, self._names, self._always = path, names, always  # side input name -> kind

    def process(self, _unused, **lists):
        body: Dict[str, List] = defaultdict(list)
        for name in sorted(lists):
            body[self._names[name]].extend(lists[name])
        if self._always or any(body.values()):
            fsio.write_atomic(self._path, pickle.dumps(dict(body), protocol=pickle.HIGHEST_PROTOCOL))
            yield self._path


def spool(p: beam.Pipeline, output: str, run_id: str, phase: str, by_kind: Dict[str, Sequence], always: bool = False,
          label: str = "Spool"):
    """{kind: [PCollection]} -> ``_spool/<phase>.pkl`` holding {kind: [values]} (no file when all are empty,
    unless ``always``: a wave's signature spool also says that its signatures are written, even none,
    pipeline/wave_prior.py).

    The PCollections come in as side inputs of one step, without a Flatten or a shuffle stage: each costs
    a stage per wave on the local runner.
    """
    names, sides = {}, {}
    for kind, pcolls in sorted(by_kind.items()):
        for n, pcoll in enumerate(pcolls):
            names[f"{kind}{n}"] = kind
            sides[f"{kind}{n}"] = beam.pvalue.AsList(pcoll)
    return (p | f"{label}/Once" >> beam.Create([None])
            | f"{label}/Write" >> beam.ParDo(_WriteSpoolDoFn(spool_path(output, run_id, phase), names, always), **sides))


def read_spooled(output: str, run_id: str, phase: str, kind: str) -> List:
    """One kind of a phase's spool, also one ``read_spool`` leaves out (the feed parts' entries)."""
    path = spool_path(output, run_id, phase)
    return pickle.loads(fsio.read_bytes(path)).get(kind, []) if FileSystems.exists(path) else []


def read_spool(output: str, run_id: str, phase: str) -> Dict[str, List]:
    """{kind: [values]} a phase spooled; every kind present, empty when the phase had none."""
    path = spool_path(output, run_id, phase)
    body = pickle.loads(fsio.read_bytes(path)) if FileSystems.exists(path) else {}
    return {kind: body.get(kind, []) for kind in KINDS}
