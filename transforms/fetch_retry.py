"""When to try a request again, and how long to wait first.

Retried: 5xx, 429, timeouts and connection errors (the server or the path may recover); never other 4xx,
refusals or TLS failures (trying again changes nothing), nor a response cut at its total deadline (the
server answers, slowly: a trickle would cost another full deadline per try). The wait grows exponentially with "equal
jitter" (half fixed, half random) so many workers do not retry in step; 429 and 503 honour Retry-After
(seconds or an HTTP date) unless it asks for more than the cap, then we give up for this run.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import random
from typing import Mapping, Optional

RETRYABLE = frozenset({"http_5xx", "http_429", "timeout", "connection_error"})


def retry_after_seconds(headers: Mapping[str, str], now: dt.datetime) -> Optional[float]:
    """Seconds a Retry-After header asks for (delta-seconds or HTTP-date), or None when absent or unreadable."""
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


def backoff_seconds(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Wait before retry number ``attempt`` (1, 2, ...): base * 2^(attempt-1), capped, with equal jitter."""
    ceiling = min(cap, base * (2 ** (attempt - 1)))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)


def wait_before_retry(outcome: str, status: Optional[int], headers: Mapping[str, str], attempt: int, *,
                      now: dt.datetime, base: float, cap: float, retry_after_cap: float,
                      rng: random.Random) -> Optional[float]:
    """Seconds to wait before trying again, or None when this outcome is not retried."""
    if outcome not in RETRYABLE:
        return None
    if status in (429, 503):
        asked = retry_after_seconds(headers, now)
        if asked is not None:
            return asked if asked <= retry_after_cap else None
    return backoff_seconds(attempt, base, cap, rng)
