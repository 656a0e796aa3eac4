"""robots.txt for article pages, fetched once per origin per worker and cached for the run (RFC 9309).

A run in waves (pipeline/waves_run.py) starts new worker processes for every wave; it names a folder in
``SHARED_ENV`` where the first wave's answers are kept, so later waves read them instead of asking each
host again (one request per origin per run). Only definite answers are kept (a file, or a 4xx meaning no
rules): an unreachable robots.txt is asked again by the next wave.

Verdicts: ``allowed``, ``disallowed`` or ``deferred``. A 4xx robots.txt (404 above all) means no rules,
so everything is allowed; a 5xx, 429, timeout or connection failure means we cannot know, so the
origin's pages are deferred (not fetched this run; the article keeps its feed text). Crawl-delay is
honoured up to a cap by lengthening the host's delay. Parsing is Protego's (Scrapy's parser: it
supports the ``*`` and ``$`` wildcards of RFC 9309 that the standard library's robotparser ignores).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import threading
from typing import Callable, Dict, Optional, Tuple
from urllib.parse import urlsplit

from protego import Protego

from akhbar.transforms.http import ROBOTS_TOKEN, FetchResult, HttpClient

ALLOWED, DISALLOWED, DEFERRED = "allowed", "disallowed", "deferred"
_UNREACHABLE = ("http_5xx", "http_429", "timeout", "connection_error")
#: A local folder shared by the run's worker processes: robots.txt answers already had (see the docstring).
SHARED_ENV = "AKHBAR_ROBOTS_DIR"


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}/robots.txt"


def rules_from(result: FetchResult) -> Tuple[str, Optional[Protego], str]:
    """(verdict for the whole origin, parsed rules when they decide per URL, message)."""
    if result.ok:
        text = (result.body or b"").decode("utf-8", errors="replace")
        try:
            return ALLOWED, Protego.parse(text), ""
        except Exception as exc:  # noqa: BLE001 (an unparsable file is treated as no rules, like a 404)
            return ALLOWED, None, f"robots.txt unparsable ({type(exc).__name__}); treated as allowing all"
    if result.outcome.startswith("http_4") and result.outcome != "http_429":
        return ALLOWED, None, ""
    if result.outcome in _UNREACHABLE:
        return DEFERRED, None, f"robots.txt unreachable ({result.outcome}); the host's pages wait for a later run"
    return DEFERRED, None, f"robots.txt not usable ({result.outcome}: {result.message})"


def disallows_nothing(text: str) -> bool:
    """Whether no line of a robots.txt can be a Disallow rule, so every URL is allowed without matching.

    Protego's rule matching normalizes each URL's percent-encoding in Python (~50 us for a long Arabic
    path), and most news sites' robots.txt disallow nothing we fetch. Every spelling of Disallow that
    Protego reads (disallow, dissallow, disalow, diasllow ...) starts with "di", so a file in which no
    line starts with "di" has no Disallow rule for any agent; any other file goes through Protego.
    """
    return not any(line.strip().lstrip("\ufeff").lstrip().lower().startswith("di") for line in text.splitlines())


def _shared_path(key: str) -> Optional[str]:
    folder = os.environ.get(SHARED_ENV)
    return os.path.join(folder, hashlib.sha1(key.encode("utf-8")).hexdigest() + ".pkl") if folder else None


def read_shared(key: str) -> Optional[FetchResult]:
    """The answer an earlier wave of this run kept for robots URL ``key``, if any."""
    path = _shared_path(key)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            outcome, status, body, message = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        return None
    return FetchResult(key, key, outcome, status, {}, body, message)


def keep_shared(key: str, result: FetchResult) -> None:
    """Keep a definite answer for the later waves (written whole, then renamed: readers never see half)."""
    path = _shared_path(key)
    definite = result.ok or (result.outcome.startswith("http_4") and result.outcome != "http_429")
    if path is None or not definite:
        return
    try:
        fd, temp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((result.outcome, result.status, result.body, result.message), handle)
        os.replace(temp, path)
    except OSError:  # the folder is gone (the run ended) or full: the next wave asks the host again
        pass


class _Origin:
    def __init__(self):
        self.ready = threading.Event()
        self.verdict, self.rules, self.message = DEFERRED, None, "robots.txt not fetched yet"
        self.allows_all = False
        self.requested = False  # a request was made (not an earlier wave's answer read)


class RobotsCache:
    """Per-worker cache; ``check(url)`` fetches the origin's robots.txt on first use (one request per origin)."""

    def __init__(self, client: HttpClient, on_crawl_delay: Callable[[str, float], None], delay_cap: float,
                 user_agent: str = ROBOTS_TOKEN):
        self._client = client
        self._on_crawl_delay = on_crawl_delay
        self._delay_cap = delay_cap
        self._agent = user_agent
        self._lock = threading.Lock()
        self._origins: Dict[str, _Origin] = {}

    def check(self, url: str) -> Tuple[str, str, bool]:
        """(verdict, message, fetched_now) for ``url``; ``fetched_now`` says this call made the request."""
        key = robots_url(url)
        with self._lock:
            origin = self._origins.get(key)
            owner = origin is None
            if owner:
                origin = self._origins[key] = _Origin()
        if owner:
            try:
                self._fill(origin, key)
            finally:
                origin.ready.set()
        else:
            origin.ready.wait()
        fetched_now = owner and origin.requested
        if origin.verdict != ALLOWED or origin.rules is None or origin.allows_all:
            return origin.verdict, origin.message, fetched_now
        if origin.rules.can_fetch(url, self._agent):
            return ALLOWED, "", fetched_now
        return DISALLOWED, "disallowed by robots.txt", fetched_now

    def _fill(self, origin: _Origin, key: str) -> None:
        result = read_shared(key)
        if result is None:
            origin.requested = True
            result = self._client.get(key, self._client.policy.robots_max_bytes, {"Accept": "text/plain,*/*;q=0.5"})
            keep_shared(key, result)
        origin.verdict, origin.rules, origin.message = rules_from(result)
        if origin.rules is not None:
            origin.allows_all = disallows_nothing((result.body or b"").decode("utf-8", errors="replace"))
            delay = origin.rules.crawl_delay(self._agent)
            if delay:
                self._on_crawl_delay(urlsplit(key).netloc.lower(), min(float(delay), self._delay_cap))
