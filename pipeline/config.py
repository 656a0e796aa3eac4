"""Everything one run needs to know, decided before the pipeline is built."""
from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from typing import Optional

from akhbar.pipeline.sources import SourcesConfig

RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


@dataclass(frozen=True)
class RunConfig:
    sources: SourcesConfig
    output: str
    run_id: str
    started_at: dt.datetime
    allow_private_addresses: bool = False
    progress_dir: Optional[str] = None
    extractors: tuple = field(default=("entities", "places", "dates", "quotes", "numbers"))
    fetch_policy: Optional[object] = None  # transforms.http.FetchPolicy; None: its defaults (tests shorten timeouts)
    wave_size: int = 0  # > 0: pages in waves of at most this many entries (pipeline/waves_run.py); 0: one pipeline
    wave_slots: int = 1  # waves run side by side, each in its own process (pipeline/wave_slots.py)


def new_run_id(now: dt.datetime) -> str:
    """Sortable by time and unique: 20261123T213000Z-1a2b3c."""
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
