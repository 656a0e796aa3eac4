"""Attribute sampled CPU (py-spy raw stacks) to pipeline stages.

A sample belongs to the innermost Akhbar module on its stack (``transforms/pages.py`` -> ``pages``), since
that module is what the pipeline was doing; glue in ``pipeline/`` counts as ``pipeline:<module>``. Stacks
with no Akhbar frame (the user's script, Beam's own machinery) are named by the outermost known library.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, Optional, Tuple

_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")
_AKHBAR = re.compile(r"/(?P<pkg>transforms|pipeline|runners|schemas)/(?P<mod>[A-Za-z0-9_]+)\.py$")
_BENCH_PLAIN = re.compile(r"/bench/plain_loop\.py$")

#: Libraries the stages call, named by the stage a user would recognise; first match from the root wins.
LIBRARIES: Tuple[Tuple[str, str], ...] = (
    ("/trafilatura/", "main_text"), ("/justext/", "main_text"), ("/lxml/", "main_text"),
    ("/langdetect/", "language"), ("/feedparser/", "feeds"),
    ("/requests/", "fetch"), ("/urllib3/", "fetch"), ("/http/client.py", "fetch"), ("/socket.py", "fetch"),
    ("/pyarrow/", "write"), ("/dateparser/", "dates"), ("/datasketch/", "dedup"), ("/courlan/", "canonicalize"),
    ("/apache_beam/", "beam"), ("/grpc/", "beam"), ("/google/protobuf/", "beam"), ("/dill/", "beam"),
    ("/cloudpickle/", "beam"),
)


def _file_of(frame: str) -> Optional[str]:
    m = _FRAME.match(frame.strip())
    return m.group("file") if m else None


def stage_of(stack: Iterable[str]) -> str:
    """Stage of one sampled stack (root first)."""
    files = [f for f in (_file_of(fr) for fr in stack) if f]
    for f in reversed(files):
        m = _AKHBAR.search(f)
        if m:
            return m.group("mod") if m.group("pkg") == "transforms" else f"{m.group('pkg')}:{m.group('mod')}"
    for f in files:
        for needle, stage in LIBRARIES:
            if needle in f:
                return stage
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
