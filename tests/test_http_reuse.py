"""The client's per-request economy: connections kept for reuse at the concurrency a host is fetched at."""
from __future__ import annotations

import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from akhbar.transforms import http


class _Slow(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    connections = set()
    lock = threading.Lock()

    def do_GET(self):  # noqa: N802
        with self.lock:
            self.connections.add(self.client_address)
        time.sleep(0.05)  # long enough for the requests of one round to overlap
        body = "<html><body><p>خبر</p></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def slow_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.daemon_threads = True
    _Slow.connections = set()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_sixteen_concurrent_requests_to_one_host_keep_their_connections(slow_server, caplog):
    # The pools kept 8 idle connections: at concurrency_per_host 32 (the benchmark's) every request past
    # the 8th closed its connection and logged "Connection pool is full", then the next one reconnected.
    client = http.HttpClient(http.FetchPolicy(allow_private=True, workers=16))
    caplog.set_level(logging.WARNING, logger="urllib3")
    try:
        for _round in range(3):
            results = []
            threads = [threading.Thread(target=lambda: results.append(client.get(slow_server + "/a", 10**6)))
                       for _ in range(16)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert len(results) == 16 and all(r.ok for r in results)
    finally:
        client.close()
    assert not [r for r in caplog.records if "pool is full" in r.getMessage()]
    assert len(_Slow.connections) <= 16, f"{len(_Slow.connections)} connections for 3 rounds of 16"
