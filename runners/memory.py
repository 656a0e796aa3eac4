"""Allocator settings for the launcher and its worker processes: memory that is freed goes back.

By default glibc gives every thread that allocates its own arena (up to 8 per core) and raises its mmap
threshold as large blocks are freed, so the fetch pool's threads and Beam's large data buffers leave
freed memory stranded inside arenas: the resident size of a run grows with the articles it has seen.
Two arenas, a fixed 64 KiB mmap threshold (large blocks are mapped and unmapped, not kept in a heap) and
a low trim threshold keep it near what is live. Measured on the replay bench (3,017 articles, 2 workers,
peak PSS of the process tree): 1,550-1,591 MiB by default, 1,062 MiB with these settings.
Other C libraries (musl, macOS) are left alone.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from typing import Dict

#: Environment for worker processes started by the launcher (glibc reads it at start-up); a value the
#: user set already is kept.
MALLOC_ENV: Dict[str, str] = {
    "MALLOC_ARENA_MAX": "2",
    "MALLOC_MMAP_THRESHOLD_": "65536",
    "MALLOC_TRIM_THRESHOLD_": "131072",
    # pyarrow's own pool (mimalloc in the wheels) keeps what it freed: ~18 MiB per worker process after a
    # few waves (its 1 GiB reservation, seen in smaps), never given back. Arrow on glibc malloc follows the
    # settings above. Read when pyarrow first allocates, so workers and the zygote get it from here.
    "ARROW_DEFAULT_MEMORY_POOL": "system",
}
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _M_ARENA_MAX = -1, -3, -8


def tune_this_process() -> bool:
    """Apply the settings to the running process through mallopt; False where that is not glibc."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    ok = True
    for option, name in ((_M_ARENA_MAX, "MALLOC_ARENA_MAX"), (_M_MMAP_THRESHOLD, "MALLOC_MMAP_THRESHOLD_"),
                         (_M_TRIM_THRESHOLD, "MALLOC_TRIM_THRESHOLD_")):
        try:
            value = int(os.environ.get(name) or MALLOC_ENV[name])
        except ValueError:
            value = int(MALLOC_ENV[name])
        ok = bool(mallopt(option, value)) and ok
    return ok


def release_free_memory() -> bool:
    """Give free heap pages back to the system (malloc_trim), e.g. in a worker between two pipelines."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.malloc_trim(0))
    except (OSError, AttributeError):
        return False


def export_for_workers() -> None:
    """Put the settings in this process's environment, which worker processes inherit."""
    for name, value in MALLOC_ENV.items():
        os.environ.setdefault(name, value)
