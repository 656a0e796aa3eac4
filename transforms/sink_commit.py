"""The commit protocol: temporary files, one manifest, renames into place; a dead run is finished or undone.

A run writes every file (articles, rejects, the stored-ids and signature indexes) under
``DIR/_tmp/<run_id>/``, outside the datasets. Then one finalize step:

1. writes ``DIR/_tmp/<run_id>/_manifest.json`` whole (temporary name, then rename). From this moment the
   run is *committed*: everything it wrote will become visible, even if the process dies now;
2. renames every listed file into place (creating partition folders), raising on any failure; a file
   already moved is recognised, so the step is safe to retry;
3. deletes ``DIR/_tmp/<run_id>/`` (manifest last).

The next run, holding the output lock, calls ``recover``: a leftover folder *with* a manifest is rolled
forward (step 2 and 3 again); one *without* a manifest died before committing and is deleted. So a file
appears in ``articles/`` only whole, and the articles and the ids index always move together: the index
never says "stored" for an article whose file was not published, nor the other way round (after recovery).
"""
from __future__ import annotations

import json
import logging
import os
import signal
from dataclasses import asdict, dataclass
from typing import Dict, List, Tuple

from apache_beam.io.filesystems import FileSystems

from akhbar.transforms import fsio

TMP = "_tmp"
MANIFEST = "_manifest.json"
#: Test hook: ``AKHBAR_FAULT=<point>:<n>`` kills this process with SIGKILL the n-th time ``point`` is reached.
FAULT_ENV = "AKHBAR_FAULT"
_fault_hits: Dict[str, int] = {}
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WrittenFile:
    """One finished temporary file and where it goes."""

    temp_path: str
    final_path: str
    rows: int
    source_id: str
    dataset: str


def fault_point(name: str) -> None:
    """Die here, as SIGKILL would, when the fault-injection variable names this point (crash tests)."""
    spec = os.environ.get(FAULT_ENV, "")
    if not spec:
        return
    point, _, count = spec.partition(":")
    if point != name:
        return
    _fault_hits[name] = _fault_hits.get(name, 0) + 1
    if _fault_hits[name] >= int(count or 1):
        os.kill(os.getpid(), signal.SIGKILL)


def temp_root(output: str, run_id: str) -> str:
    return fsio.join_path(output, TMP, run_id)


def manifest_path(output: str, run_id: str) -> str:
    return fsio.join_path(temp_root(output, run_id), MANIFEST)


def write_manifest(output: str, run_id: str, files: List[WrittenFile]) -> str:
    ordered = sorted(files, key=_publish_order)
    body = {"run_id": run_id, "files": [asdict(f) for f in ordered]}
    path = manifest_path(output, run_id)
    fsio.write_atomic(path, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
    return path


def read_manifest(path: str) -> List[WrittenFile]:
    body = json.loads(fsio.read_bytes(path).decode("utf-8"))
    return [WrittenFile(**item) for item in body["files"]]


def _publish_order(written: WrittenFile):
    # Datasets before the state indexes: a reader never sees an id marked stored before its file is there.
    return (written.dataset.startswith("_state"), written.final_path)


def roll_forward(files: List[WrittenFile]) -> List[WrittenFile]:
    """Rename each temporary file into place; raise when one is neither at its temporary nor final path."""
    for written in sorted(files, key=_publish_order):
        if FileSystems.exists(written.temp_path):
            fsio.ensure_parent(written.final_path)
            FileSystems.rename([written.temp_path], [written.final_path])  # raises BeamIOError on failure
            fault_point("after_rename")
        elif not FileSystems.exists(written.final_path):
            raise IOError(f"neither {written.temp_path} nor {written.final_path} exists: the write was lost")
    return files


def commit(output: str, run_id: str, files: List[WrittenFile]) -> List[WrittenFile]:
    """Manifest, renames, cleanup: the finalize step of one run. Safe to call again after a failure."""
    fault_point("before_manifest")
    path = manifest_path(output, run_id)
    if FileSystems.exists(path):  # a retried finalize: trust the manifest already committed
        files = read_manifest(path)
    else:
        write_manifest(output, run_id, files)
    fault_point("after_manifest")
    roll_forward(files)
    fsio.delete_tree(temp_root(output, run_id))
    return files


@dataclass(frozen=True)
class Recovered:
    run_id: str
    action: str  # rolled_forward | discarded
    files: int
    written: Tuple[Tuple[str, int], ...] = ()  # (source_id, article rows) published by a roll-forward


def recover(output: str, current_run_id: str = "") -> List[Recovered]:
    """Finish or undo every run that left ``DIR/_tmp/<run_id>/`` behind. Call only while holding the lock."""
    root = fsio.join_path(output, TMP)
    leftovers: Dict[str, List[str]] = {}
    prefix = root.rstrip("/") + "/"
    for path in fsio.list_under(root):
        run_id = path[len(prefix):].split("/", 1)[0]
        if run_id and run_id != current_run_id:
            leftovers.setdefault(run_id, []).append(path)
    if fsio.has_dirs(root) and FileSystems.exists(root):  # empty folders of a run killed early
        for name in sorted(os.listdir(root)) if "://" not in root else []:
            if name != current_run_id:
                leftovers.setdefault(name, [])
    done = []
    for run_id, paths in sorted(leftovers.items()):
        manifest = manifest_path(output, run_id)
        if manifest in paths or FileSystems.exists(manifest):
            files = read_manifest(manifest)
            roll_forward(files)
            fsio.delete_tree(temp_root(output, run_id))
            written: Dict[str, int] = {}
            for f in files:
                if f.dataset == "articles":
                    written[f.source_id] = written.get(f.source_id, 0) + f.rows
            done.append(Recovered(run_id, "rolled_forward", len(files), tuple(sorted(written.items()))))
        else:
            fsio.delete_tree(temp_root(output, run_id))
            done.append(Recovered(run_id, "discarded", len(paths)))
        log.warning("akhbar: run %s left temporary files: %s", run_id, done[-1].action)
    return done
