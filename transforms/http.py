"""The HTTP client every fetch goes through: guarded, bounded, retried, conditional-friendly.

Built on urllib3 (already installed with requests): it gives per-host connection pools with keep-alive,
streamed bodies with ``read1``, and connection classes we can subclass, while leaving redirects, retries
and decompression to us so each redirect hop is address-checked and the size cap holds after inflation.
requests hides the socket and inflates on its own; httpx is not installed and adds nothing we need.

One ``HttpClient`` per worker (built in a DoFn's ``setup``): pools are keyed by the *checked* IP address
with the host name kept for the Host header, SNI and certificate checks, so the connection goes to the
address that passed the guard. TLS verification is always on. A watchdog thread enforces the total
deadline of a response by shutting its socket, so a server trickling headers or body is cut off too.
"""
from __future__ import annotations

import collections
import http.client
import random
import socket
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Dict, Mapping, Optional, Tuple
from urllib.parse import urljoin, urlsplit, urlunsplit

import certifi
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ProtocolError, ReadTimeoutError, SSLError

from akhbar.transforms.fetch_body import DEADLINE_MESSAGE, read_capped
from akhbar.transforms.fetch_clock import or_system
from akhbar.transforms.fetch_guard import Refused, resolve_checked, split_target
from akhbar.transforms.fetch_retry import wait_before_retry

USER_AGENT = "akhbar/0.1 (+https://github.com/akhbar-news/akhbar; Arabic news research crawler)"
ROBOTS_TOKEN = "akhbar"
FEED_MAX_BYTES = 10 * 1024 * 1024
PAGE_MAX_BYTES = 5 * 1024 * 1024
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to parse at least 500 KiB
_REDIRECTS = (301, 302, 303, 307, 308)
_DNS_TTL = 300.0


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 10.0
    timeout_seconds: float = 20.0  # connect is separate; this bounds each read (the skeleton's name)
    deadline_seconds: float = 60.0  # whole response, headers to last byte, per attempt
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = USER_AGENT
    max_tries: int = 3
    backoff_base: float = 1.0
    backoff_cap: float = 30.0
    retry_after_cap: float = 120.0
    workers: int = 128  # threads (concurrent requests) per fetch step per worker process, across hosts
    feed_max_bytes: int = FEED_MAX_BYTES
    page_max_bytes: int = PAGE_MAX_BYTES
    robots_max_bytes: int = ROBOTS_MAX_BYTES
    crawl_delay_cap: float = 10.0
    host_share: int = 1  # processes fetching from the same hosts at once: each keeps to its part (politeness.py)


@dataclass(frozen=True)
class FetchResult:
    """What one GET gave. ``outcome`` is ``ok``, ``not_modified`` or why it failed (timeout, http_404 ...)."""

    url: str
    final_url: str
    outcome: str
    status: Optional[int] = None
    headers: Dict[str, str] = field(default_factory=dict)
    body: Optional[bytes] = None
    message: str = ""
    attempts: int = 1
    retryable: bool = True  # False when the server answered but too slowly: trying again costs another deadline

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def status_outcome(status: int) -> str:
    if 500 <= status < 600:
        return "http_5xx"
    return f"http_{status}"


class _Watchdog:
    """Shuts the socket of any response still running past its deadline (one thread per client)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._watches: Dict[int, list] = {}  # thread id -> [deadline, socket, expired]
        self._thread: Optional[threading.Thread] = None
        self._closed = False

    def start(self, deadline: float) -> list:
        watch = [deadline, None, False]
        with self._lock:
            self._watches[threading.get_ident()] = watch
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="akhbar-http-watchdog", daemon=True)
                self._thread.start()
        return watch

    def attach(self, sock) -> None:
        with self._lock:
            watch = self._watches.get(threading.get_ident())
            if watch is not None:
                watch[1] = sock

    def stop(self) -> None:
        with self._lock:
            self._watches.pop(threading.get_ident(), None)

    def close(self) -> None:
        self._closed = True

    def _run(self) -> None:
        while not self._closed:
            time.sleep(0.2)
            now = time.monotonic()
            with self._lock:
                late = [w for w in self._watches.values() if now > w[0] and w[1] is not None and not w[2]]
                for watch in late:
                    watch[2] = True
                    try:
                        watch[1].shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass


def _connection_classes(watchdog: _Watchdog):
    class WatchedHTTP(HTTPConnection):
        def getresponse(self):  # noqa: D401 (urllib3's name)
            watchdog.attach(self.sock)
            return super().getresponse()

    class WatchedHTTPS(HTTPSConnection):
        def getresponse(self):
            watchdog.attach(self.sock)
            return super().getresponse()

    return WatchedHTTP, WatchedHTTPS


class HttpClient:
    """GET with the guard, caps, deadline, redirects and retries of ``policy``. Thread-safe."""

    def __init__(self, policy: FetchPolicy, clock=None, max_pools: int = 512, seed: Optional[int] = None):
        self.policy = policy
        self._clock = or_system(clock)
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._pools: "collections.OrderedDict[Tuple, urllib3.HTTPConnectionPool]" = collections.OrderedDict()
        self._max_pools = max_pools
        self._dns: Dict[Tuple[str, int], Tuple[float, list]] = {}
        self._watchdog = _Watchdog()
        self._http_cls, self._https_cls = _connection_classes(self._watchdog)

    def close(self) -> None:
        with self._lock:
            for pool in self._pools.values():
                pool.close()
            self._pools.clear()
        self._watchdog.close()

    def get(self, url: str, max_bytes: int, headers: Optional[Mapping[str, str]] = None,
            min_interval: float = 0.0) -> FetchResult:
        """GET ``url``, following at most ``max_redirects`` redirects, each hop checked and retried alone."""
        current, seen, attempts = url, {url}, 0
        for _hop in range(self.policy.max_redirects + 1):
            result, location, tries = self._with_retries(current, max_bytes, headers or {}, min_interval)
            attempts += tries
            if location is None:
                return replace(result, url=url, final_url=current, attempts=attempts)
            target = urljoin(current, location)
            if target in seen:
                return FetchResult(url, current, "redirect_loop", attempts=attempts,
                                   message=f"redirect back to {target}")
            seen.add(target)
            current = target
        return FetchResult(url, current, "redirect_loop", attempts=attempts,
                           message=f"more than {self.policy.max_redirects} redirects")

    def _with_retries(self, url, max_bytes, headers, min_interval):
        policy = self.policy
        for attempt in range(1, policy.max_tries + 1):
            result, location = self._attempt(url, max_bytes, headers)
            if location is not None or attempt == policy.max_tries or not result.retryable:
                return result, location, attempt
            wait = wait_before_retry(result.outcome, result.status, result.headers, attempt, now=self._clock.now(),
                                     base=policy.backoff_base, cap=policy.backoff_cap,
                                     retry_after_cap=policy.retry_after_cap, rng=self._rng)
            if wait is None:
                if result.outcome in ("http_429", "http_5xx") and "retry-after" in result.headers:
                    result = replace(result, message=f"{result.message}; Retry-After {result.headers['retry-after']!r}"
                                                     f" is beyond the {policy.retry_after_cap:.0f} s cap, not retried")
                return result, None, attempt
            self._clock.sleep(max(wait, min_interval))
        raise AssertionError("unreachable")

    def _resolve(self, host: str, port: int) -> list:
        key, now = (host, port), time.monotonic()
        cached = self._dns.get(key)
        if cached and cached[0] > now:
            return cached[1]
        addresses = resolve_checked(host, port, self.policy.allow_private)
        self._dns[key] = (now + _DNS_TTL, addresses)
        return addresses

    def _pool(self, scheme: str, ip: str, port: int, host: str):
        key = (scheme, ip, port, host)
        with self._lock:
            pool = self._pools.get(key)
            if pool is not None:
                self._pools.move_to_end(key)
                return pool
            # maxsize: idle connections kept per address. As many as this client runs requests at once, so
            # a host fetched at concurrency_per_host > 8 keeps its connections instead of closing one per
            # request (with a urllib3 warning logged each time); only connections in use ever fill it.
            common = dict(maxsize=max(8, self.policy.workers), block=False, retries=False,
                          timeout=urllib3.Timeout(connect=self.policy.connect_timeout, read=self.policy.timeout_seconds))
            if scheme == "https":
                pool = urllib3.HTTPSConnectionPool(ip, port, cert_reqs="CERT_REQUIRED", ca_certs=certifi.where(),
                                                   server_hostname=host, assert_hostname=host, **common)
                pool.ConnectionCls = self._https_cls
            else:
                pool = urllib3.HTTPConnectionPool(ip, port, **common)
                pool.ConnectionCls = self._http_cls
            self._pools[key] = pool
            while len(self._pools) > self._max_pools:
                self._pools.popitem(last=False)[1].close()
            return pool

    def _attempt(self, url: str, max_bytes: int, headers: Mapping[str, str]) -> Tuple[FetchResult, Optional[str]]:
        """One request to one address: (result, redirect location or None)."""
        deadline = time.monotonic() + self.policy.deadline_seconds
        watch = None
        try:
            scheme, host, port = split_target(url)
            ip = self._resolve(host, port)[0]
            parts = urlsplit(url)
            path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
            shown = f"[{host}]" if ":" in host else host
            host_header = shown if port == (443 if scheme == "https" else 80) else f"{shown}:{port}"
            request_headers = {"Host": host_header, "User-Agent": self.policy.user_agent,
                               "Accept-Encoding": "gzip, deflate", **headers}
            watch = self._watchdog.start(deadline)
            response = self._pool(scheme, ip, port, host).urlopen(
                "GET", path, headers=request_headers, redirect=False, retries=False, preload_content=False,
                decode_content=False, assert_same_host=False, release_conn=False)
            try:
                return self._answer(url, response, max_bytes, deadline)
            finally:
                response.release_conn()
        except Refused as exc:
            if (watch and watch[2]) or str(exc) == DEADLINE_MESSAGE:
                return _past_deadline(url), None
            return FetchResult(url, url, exc.outcome, message=str(exc)), None
        except NewConnectionError as exc:  # a subclass of ConnectTimeoutError, for history's sake
            return FetchResult(url, url, "connection_error", message=f"{type(exc).__name__}: {exc}"[:300]), None
        except (ConnectTimeoutError, ReadTimeoutError, socket.timeout, TimeoutError) as exc:
            if watch and watch[2]:
                return _past_deadline(url), None
            return FetchResult(url, url, "timeout", message=str(exc)[:300] or "timed out"), None
        except SSLError as exc:
            return FetchResult(url, url, "tls_error", message=str(exc)[:300]), None
        except (Urllib3Error, OSError) as exc:
            if watch and watch[2]:
                return _past_deadline(url), None
            if _broken_protocol(exc):
                return FetchResult(url, url, "bad_response", message=f"{type(exc).__name__}: {exc}"[:300],
                                   retryable=False), None
            return FetchResult(url, url, "connection_error", message=f"{type(exc).__name__}: {exc}"[:300]), None
        finally:
            if watch is not None:
                self._watchdog.stop()

    def _answer(self, url, response, max_bytes, deadline) -> Tuple[FetchResult, Optional[str]]:
        status = response.status
        headers = {k.lower(): v for k, v in response.headers.items()}
        past = lambda: time.monotonic() > deadline  # noqa: E731
        location = headers.get("location")
        if status in _REDIRECTS and location:
            _discard(response, past)
            return FetchResult(url, url, "redirect", status, headers), location
        if status == 304:
            _discard(response, past)
            return FetchResult(url, url, "not_modified", status, headers), None
        if not 200 <= status < 300:
            _discard(response, past)
            return FetchResult(url, url, status_outcome(status), status, headers, message=f"HTTP {status}"), None
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > max_bytes:
            response.close()
            return FetchResult(url, url, "too_large", status, headers,
                               message=f"Content-Length {length} exceeds {max_bytes} bytes"), None
        try:
            body = read_capped(lambda n: response.read1(n, decode_content=False),
                               headers.get("content-encoding", ""), max_bytes, past)
        except Refused:
            response.close()  # never drain what we refused: the connection goes
            raise
        return FetchResult(url, url, "ok", status, headers, body), None


def _broken_protocol(exc: BaseException) -> bool:
    """Whether the server spoke broken HTTP (garbage status line, endless or oversized headers): not retried.

    A dropped connection or a body cut short (RemoteDisconnected, IncompleteRead) is a network failure instead.
    """
    inner = exc.args[1] if isinstance(exc, ProtocolError) and len(exc.args) > 1 else exc
    return (isinstance(inner, http.client.HTTPException)
            and not isinstance(inner, (http.client.RemoteDisconnected, http.client.IncompleteRead)))


def _past_deadline(url: str) -> FetchResult:
    return FetchResult(url, url, "timeout", message=DEADLINE_MESSAGE, retryable=False)


def _discard(response, past_deadline, limit: int = 64 * 1024) -> None:
    """Read a small error or redirect body so the connection can be reused; close it if there is more."""
    size = 0
    while size <= limit and not past_deadline():
        chunk = response.read1(16 * 1024, decode_content=False)
        if not chunk:
            return
        size += len(chunk)
    response.close()


def fetch(url: str, policy: FetchPolicy, max_bytes: int, headers: Optional[Dict[str, str]] = None) -> FetchResult:
    """One GET with a throwaway client (scripts and tests; steps keep one client per worker)."""
    client = HttpClient(policy)
    try:
        return client.get(url, max_bytes, headers)
    finally:
        client.close()
