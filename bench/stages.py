"""Attribute sampled CPU (py-spy raw stacks) to pipeline stages.

A sample belongs to the innermost Akhbar module on its stack (``transforms/pages.py`` -> ``pages``), since
that module is what the pipeline was doing; glue in ``pipeline/`` counts as ``pipeline:<module>``. Stacks
with no Akhbar frame (the user's script, Beam's own machinery) are named by the outermost known library.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")
_ROOT = str(Path(__file__).resolve().parents[1]) + "/"
# py-spy prints paths relative to their sys.path entry: Akhbar's own files appear as "transforms/x.py"
# (or absolute under the repository); apache_beam's "apache_beam/transforms/..." must not match.
_AKHBAR = re.compile(r"^(?:" + re.escape(_ROOT) + r"|akhbar/)?(?P<pkg>transforms|pipeline|runners|schemas)/"
                     r"(?P<mod>[A-Za-z0-9_]+)\.py$")

#: Stage of each Akhbar module, by name prefix (``quotes`` covers quotes_lexicon ...). A sample belongs to
#: the innermost module on its stack that names a stage; shared helpers (HELPERS) defer to their caller,
#: so normalize inside quotes is quotes, and fetch_dofn -> pages -> trafilatura is main text.
STAGES: Tuple[Tuple[str, str], ...] = (
    ("http", "fetch"), ("fetch", "fetch"), ("politeness", "fetch"), ("robots", "fetch"),
    ("entities", "entities"), ("ner", "entities"), ("places", "places"), ("gazetteer", "places"),
    ("dates", "dates"), ("quotes", "quotes"), ("numbers", "numbers"),
    ("dedup", "dedup"), ("minhash", "dedup"), ("stored_ids", "dedup"),
    ("language", "language"), ("script_stats", "language"), ("gate", "language"),
    ("pages", "main_text"), ("encoding", "main_text"),
    ("feeds", "feeds"), ("canonical", "feeds"),
    ("sink", "write"), ("fsio", "write"),
    ("join", "record"), ("rows", "record"), ("extract", "record"),
    ("progress", "progress"),
)
HELPERS = {"text", "normalize", "arabic_text", "phrase_match"}

#: Libraries, for stacks with no Akhbar frame (the user's script, Beam's machinery); root first wins.
LIBRARIES: Tuple[Tuple[str, str], ...] = (
    ("trafilatura/", "main_text"), ("justext/", "main_text"), ("lxml/", "main_text"),
    ("langdetect/", "language"), ("feedparser/", "feeds"),
    ("requests/", "fetch"), ("urllib3/", "fetch"), ("http/client.py", "fetch"), ("socket.py", "fetch"),
    ("urllib/request.py", "fetch"),
    ("pyarrow/", "write"), ("dateparser/", "dates"), ("datasketch/", "dedup"), ("courlan/", "feeds"),
    ("apache_beam/", "beam"), ("grpc/", "beam"), ("google/protobuf/", "beam"), ("dill/", "beam"),
    ("cloudpickle/", "beam"),
)
_LIB_RES = tuple((re.compile(r"(?:^|/)" + re.escape(n)), s) for n, s in LIBRARIES)


def _file_of(frame: str) -> Optional[str]:
    m = _FRAME.match(frame.strip())
    return m.group("file") if m else None


def _module_stage(module: str) -> Optional[str]:
    for prefix, stage in STAGES:
        if module == prefix or module.startswith(prefix + "_"):
            return stage
    return None


def _stage_of_modules(modules: List[str]) -> Optional[str]:
    """Stage of the innermost module that has one (``modules`` root first)."""
    for m in reversed(modules):
        if m in HELPERS:
            continue
        stage = _module_stage(m)
        if stage:
            return stage
    return None


def stage_of(stack: Iterable[str]) -> str:
    """Stage of one sampled stack (root first)."""
    stack = list(stack)
    if any("importlib" in fr for fr in stack):
        return "startup_import"  # loading modules and their data files, once per process
    files = [f for f in (_file_of(fr) for fr in stack) if f]
    if not files:
        return "native"  # a process or thread with no Python frame (gRPC, compression threads)
    modules = [m.group("mod") for m in (_AKHBAR.search(f) for f in files) if m and m.group("pkg") == "transforms"]
    stage = _stage_of_modules(modules)
    if stage:
        return stage
    for wanted_beam in (False, True):  # a library Beam calls (pyarrow under parquetio) is that library's stage
        for f in files:
            for needle, lib_stage in _LIB_RES:
                if (lib_stage == "beam") == wanted_beam and needle.search(f):
                    return lib_stage
    if modules:
        return "other_akhbar"
    if any(_AKHBAR.search(f) for f in files):
        return "akhbar_glue"  # pipeline/, runners/ (graph building, launch, report)
    return "other"


def stage_samples(raw_file: Path) -> Counter:
    """Samples per stage in a py-spy ``--format raw`` file (lines ``frame;frame;... count``)."""
    counts: Counter = Counter()
    path = Path(raw_file)
    if not path.exists():
        return counts
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, n = line.rpartition(" ")
        if not stack or not n.isdigit():
            continue
        counts[stage_of(stack.split(";"))] += int(n)
    return counts


def stage_cpu_ms(counts: Counter, cpu_s: float, articles: int) -> Dict[str, float]:
    """Scale sample shares to the measured CPU: milliseconds of CPU per article, by stage, largest first."""
    total = sum(counts.values())
    if not total or not articles:
        return {}
    return {k: round(1000.0 * cpu_s * v / total / articles, 2) for k, v in counts.most_common()}
