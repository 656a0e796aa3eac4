"""The clock the fetch steps read and sleep on, injectable so tests of backoff and due times run instantly."""
from __future__ import annotations

import datetime as dt
import time


class SystemClock:
    """Wall time for dates (fetched_at, due times), monotonic time for deadlines, and a real sleep."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.timezone.utc)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


def or_system(clock) -> "SystemClock":
    return clock if clock is not None else SystemClock()
