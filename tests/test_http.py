"""The HTTP client's parts: address guard, retry timing, capped reading, and the client on a local server."""
from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import io
import ipaddress
import random
import socket
import time
import zlib

import pytest

from akhbar.transforms import http
from akhbar.transforms.fetch_body import read_capped
from akhbar.transforms.fetch_guard import Refused, blocked_reason, resolve_checked, split_target
from akhbar.transforms.fetch_retry import backoff_seconds, retry_after_seconds, wait_before_retry
from tests.fixtures.faults.server import FaultServer

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)
FAST = http.FetchPolicy(allow_private=True, connect_timeout=2, timeout_seconds=1, deadline_seconds=2, max_tries=2,
                        backoff_base=0.05, backoff_cap=0.1, retry_after_cap=3)


@pytest.mark.parametrize("address,closed,opened", [
    ("127.0.0.1", "loopback", None), ("10.1.2.3", "private", None), ("192.168.0.1", "private", None),
    ("172.16.5.4", "private", None), ("100.64.0.1", "routable", None),
    ("169.254.169.254", "link-local", "link-local"), ("224.0.0.1", "multicast", "multicast"),
    ("0.0.0.0", "unspecified", "unspecified"), ("240.0.0.1", "reserved", "reserved"),
    ("::1", "loopback", None), ("fe80::1", "link-local", "link-local"), ("fc00::1", "private", None),
    ("ff02::1", "multicast", "multicast"), ("::", "unspecified", "unspecified"),
    ("::ffff:127.0.0.1", "loopback", None), ("::ffff:169.254.169.254", "link-local", "link-local"),
    ("2002:7f00:1::", "loopback", None),  # 6to4 wrapping 127.0.0.1
    ("8.8.8.8", None, None), ("2001:4860:4860::8888", None, None), ("::ffff:8.8.8.8", None, None),
])
def test_blocked_reason_by_kind_and_allow_private_keeps_link_local_closed(address, closed, opened):
    ip = ipaddress.ip_address(address)
    assert (blocked_reason(ip, allow_private=False) or "").endswith(closed or "") and \
        bool(blocked_reason(ip, allow_private=False)) == (closed is not None)
    assert bool(blocked_reason(ip, allow_private=True)) == (opened is not None)


def test_schemes_and_names_that_resolve_to_loopback_are_refused():
    for url in ("file:///etc/passwd", "ftp://example.com/x", "gopher://x/", "javascript:alert(1)"):
        with pytest.raises(Refused) as err:
            split_target(url)
        assert err.value.outcome == "bad_scheme"
    assert split_target("https://أخبار.مصر/ar/1") == ("https", "xn--igbicxr.xn--wgbh1c", 443), "IDN to A-label"
    with pytest.raises(Refused) as err:
        resolve_checked("localhost", 80, allow_private=False)
    assert err.value.outcome == "blocked_address"
    with pytest.raises(Refused):
        resolve_checked("2130706433", 80, allow_private=False)  # 127.0.0.1 written as one number
    assert resolve_checked("127.0.0.1", 80, allow_private=True) == ["127.0.0.1"]


def test_retry_after_seconds_and_http_date():
    assert retry_after_seconds({"retry-after": "120"}, NOW) == 120
    assert retry_after_seconds({"retry-after": "Mon, 23 Nov 2026 12:00:30 GMT"}, NOW) == 30
    assert retry_after_seconds({"retry-after": "Mon, 23 Nov 2026 11:00:00 GMT"}, NOW) == 0
    assert retry_after_seconds({"retry-after": "soon"}, NOW) is None
    assert retry_after_seconds({}, NOW) is None


def test_backoff_grows_is_capped_and_jittered():
    rng = random.Random(1)
    waits = [backoff_seconds(n, 1.0, 8.0, rng) for n in range(1, 7)]
    for n, wait in enumerate(waits, start=1):
        ceiling = min(8.0, 2 ** (n - 1))
        assert ceiling / 2 <= wait <= ceiling
    assert len({round(backoff_seconds(3, 1.0, 8.0, rng), 6) for _ in range(20)}) > 1, "jitter"


def test_what_is_retried():
    kw = dict(now=NOW, base=1.0, cap=30.0, retry_after_cap=60.0, rng=random.Random(0))
    assert wait_before_retry("http_404", 404, {}, 1, **kw) is None
    assert wait_before_retry("http_403", 403, {}, 1, **kw) is None
    assert wait_before_retry("blocked_address", None, {}, 1, **kw) is None
    assert wait_before_retry("http_5xx", 500, {}, 1, **kw) is not None
    assert wait_before_retry("timeout", None, {}, 1, **kw) is not None
    assert wait_before_retry("connection_error", None, {}, 1, **kw) is not None
    assert wait_before_retry("http_429", 429, {"retry-after": "7"}, 1, **kw) == 7
    assert wait_before_retry("http_5xx", 503, {"retry-after": "9"}, 1, **kw) == 9
    assert wait_before_retry("http_429", 429, {"retry-after": "3600"}, 1, **kw) is None, "beyond the cap"


def _reader(data: bytes, chunk: int = 1000):
    stream = io.BytesIO(data)
    return lambda n: stream.read(min(n, chunk))


def test_gzip_bomb_stops_near_the_cap_without_inflating_it_all():
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = b"".join(packer.compress(b"\0" * 2**20) for _ in range(200)) + packer.flush()  # 200 MiB of zeros
    assert len(bomb) < 2**20
    started = time.monotonic()
    with pytest.raises(Refused) as err:
        read_capped(_reader(bomb, 65536), "gzip", 10 * 2**20, lambda: False)
    assert err.value.outcome == "too_large"
    assert time.monotonic() - started < 2, "stops at the cap, not after 200 MiB"


def test_gzip_deflate_raw_deflate_and_two_members_inflate():
    text = "نص عربي للتجربة ".encode() * 200
    assert read_capped(_reader(gzip.compress(text)), "gzip", 10**6, lambda: False) == text
    assert read_capped(_reader(gzip.compress(text) + gzip.compress(text)), "x-gzip", 10**6, lambda: False) == text * 2
    assert read_capped(_reader(zlib.compress(text)), "deflate", 10**6, lambda: False) == text
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    assert read_capped(_reader(raw.compress(text) + raw.flush()), "deflate", 10**6, lambda: False) == text
    with pytest.raises(Refused) as err:
        read_capped(_reader(text), "br", 10**6, lambda: False)
    assert err.value.outcome == "bad_encoding"
    with pytest.raises(Refused) as err:
        read_capped(_reader(b"x" * 5000), "", 4096, lambda: False)
    assert err.value.outcome == "too_large"


@pytest.fixture(scope="module")
def server():
    with FaultServer(huge_mb=20, bomb_mb=50) as s:
        yield s


def test_client_outcomes_on_faults(server):
    client = http.HttpClient(FAST)
    try:
        cases = {"/faults/500.xml": ("http_5xx", 2), "/faults/404.xml": ("http_404", 1),
                 "/faults/flaky.xml": ("ok", 2), "/faults/loop.xml": ("redirect_loop", 2),
                 "/faults/redirect-file.xml": ("bad_scheme", 2), "/faults/redirect-private.xml": ("blocked_address", 2),
                 "/faults/gzip-bomb.xml": ("too_large", 1), "/faults/huge.xml": ("too_large", 1),
                 "/faults/429-long.xml": ("http_429", 1)}
        got = {path: (r.outcome, r.attempts) for path in cases for r in [client.get(server.url(path), 10 * 2**20)]}
        assert got == cases
    finally:
        client.close()


def test_trickle_is_cut_at_the_deadline_and_not_retried(server):
    policy = http.FetchPolicy(allow_private=True, timeout_seconds=5, deadline_seconds=1.5, max_tries=1)
    for path in ("/faults/trickle.xml", "/faults/trickle-headers.xml"):
        started = time.monotonic()
        result = http.fetch(server.url(path), dataclasses.replace(policy, max_tries=3), 10**6)
        assert result.outcome == "timeout" and result.attempts == 1, (path, result)
        assert time.monotonic() - started < 3, "deadline, not the 5 s read timeout or the 60 s trickle"


def test_at_most_five_redirects(server):
    client = http.HttpClient(http.FetchPolicy(allow_private=True))
    try:
        five = client.get(server.url("/faults/chain/5"), 10**6)  # 5 -> 6 -> ... -> 10: five redirects
        assert five.ok and five.final_url.endswith("/faults/chain/10")
        six = client.get(server.url("/faults/chain/4"), 10**6)
        assert six.outcome == "redirect_loop" and "more than 5" in six.message
    finally:
        client.close()


def test_connects_to_the_checked_address_with_one_resolution(server, monkeypatch):
    port = int(server.base.rsplit(":", 1)[1])
    calls = []
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        if host == "news.rebind.test":
            calls.append(host)
            if len(calls) > 1:  # a second lookup would be answered with an address nobody checked
                return real("169.254.169.254", port, type=socket.SOCK_STREAM)
            return real("127.0.0.1", port, type=socket.SOCK_STREAM)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    client = http.HttpClient(http.FetchPolicy(allow_private=True))
    try:
        result = client.get(f"http://news.rebind.test:{port}/feeds/ok-1.xml", 10**6)
        assert result.ok, result
        assert calls == ["news.rebind.test"]
        assert [h for p, h in server.requests if p == "/feeds/ok-1.xml"][-1]["host"] == f"news.rebind.test:{port}"
    finally:
        client.close()
    refused = http.HttpClient(http.FetchPolicy(allow_private=False))
    assert refused.get(f"http://news.rebind.test:{port}/feeds/ok-1.xml", 10**6).outcome == "blocked_address"


def test_tls_is_always_verified(tmp_path):
    """A self-signed certificate is refused (tls_error, not retried): there is no switch to turn checks off."""
    import shutil
    import ssl
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)

    class Ok(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Ok)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.handle_error = lambda *a: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = http.fetch(f"https://127.0.0.1:{server.server_address[1]}/", FAST, 1000)
        assert result.outcome == "tls_error" and result.attempts == 1, result
        assert "certificate" in result.message.lower()
    finally:
        server.shutdown()


def _raw_server(payload: bytes) -> int:
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def run():
        while True:
            conn, _ = listener.accept()
            conn.recv(4096)
            conn.sendall(payload)
            conn.close()

    threading.Thread(target=run, daemon=True).start()
    return listener.getsockname()[1]


def test_broken_http_is_not_retried_but_a_cut_body_is():
    garbage = _raw_server(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
    endless = _raw_server(b"HTTP/1.1 200 OK\r\n" + b"X-Pad: a\r\n" * 150 + b"\r\nbody")
    cut = _raw_server(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort")
    assert [(r.outcome, r.attempts) for r in (http.fetch(f"http://127.0.0.1:{port}/", FAST, 1000)
                                              for port in (garbage, endless, cut))] == [
        ("bad_response", 1), ("bad_response", 1), ("connection_error", 2)]
