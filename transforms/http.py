"""The HTTP client every fetch goes through: timeouts, a size cap, http(s) only, an address guard.

Walking-skeleton version: sequential, standard library only. The fetching issue deepens it (politeness,
retries, conditional requests, decompression caps); callers rely only on ``fetch`` and ``FetchResult``.
"""
from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Dict, Optional
from urllib.parse import urljoin, urlsplit

USER_AGENT = "akhbar/0.1 (+https://github.com/akhbar-news/akhbar; Arabic news research crawler)"
FEED_MAX_BYTES = 10 * 1024 * 1024
PAGE_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    timeout_seconds: float = 20.0
    deadline_seconds: float = 60.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class FetchResult:
    """What one GET gave. ``outcome`` is ``ok`` or the reason it did not (timeout, http_404 ...)."""

    url: str
    final_url: str
    outcome: str
    status: Optional[int] = None
    headers: Dict[str, str] = field(default_factory=dict)
    body: Optional[bytes] = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


class _Refused(Exception):
    def __init__(self, outcome: str, message: str):
        super().__init__(message)
        self.outcome = outcome


def _check_address(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise _Refused("bad_scheme", f"scheme {parts.scheme!r} is not http(s)")
    host = parts.hostname
    if not host:
        raise _Refused("bad_url", "no host in URL")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise _Refused("dns_error", f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if getattr(address, "ipv4_mapped", None):
            address = address.ipv4_mapped
        if address.is_link_local or (not allow_private and not address.is_global):
            raise _Refused("blocked_address", f"{host} resolves to {address}, which is not public")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # we follow redirects ourselves, checking every hop
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, policy: FetchPolicy, max_bytes: int, headers: Optional[Dict[str, str]] = None) -> FetchResult:
    """GET ``url`` following at most ``policy.max_redirects`` redirects, each hop checked."""
    started = time.monotonic()
    current = url
    try:
        for _hop in range(policy.max_redirects + 1):
            _check_address(current, policy.allow_private)
            request = urllib.request.Request(current, headers={"User-Agent": policy.user_agent, **(headers or {})})
            try:
                response = _OPENER.open(request, timeout=policy.timeout_seconds)
            except urllib.error.HTTPError as exc:
                if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                    current = urljoin(current, exc.headers["Location"])
                    exc.close()
                    continue
                exc.close()
                return FetchResult(url, current, _status_outcome(exc.code), exc.code,
                                   {k.lower(): v for k, v in exc.headers.items()}, None, f"HTTP {exc.code}")
            with response:
                body = _read_capped(response, max_bytes, started, policy.deadline_seconds)
                return FetchResult(url, current, "ok", response.status,
                                   {k.lower(): v for k, v in response.headers.items()}, body)
        return FetchResult(url, current, "redirect_loop", message=f"more than {policy.max_redirects} redirects")
    except _Refused as exc:
        return FetchResult(url, current, exc.outcome, message=str(exc))
    except (socket.timeout, TimeoutError) as exc:
        return FetchResult(url, current, "timeout", message=str(exc) or "timed out")
    except (urllib.error.URLError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, (socket.timeout, TimeoutError)):
            return FetchResult(url, current, "timeout", message=str(reason) or "timed out")
        return FetchResult(url, current, "connection_error", message=str(reason))


def _read_capped(response, max_bytes: int, started: float, deadline: float) -> bytes:
    chunks, size = [], 0
    while True:
        chunk = response.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise _Refused("too_large", f"response exceeds {max_bytes} bytes")
        if time.monotonic() - started > deadline:
            raise _Refused("timeout", f"response took longer than {deadline:.0f} s")
        chunks.append(chunk)


def _status_outcome(status: int) -> str:
    if status in (404, 410):
        return f"http_{status}"
    if status == 429:
        return "http_429"
    if 500 <= status < 600:
        return "http_5xx"
    return f"http_{status}"
