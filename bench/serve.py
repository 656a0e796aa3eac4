"""Serve a replay site (bench/replay_site.py) on its loopback hosts, with a fixed latency per response.

Runs as its own process so the benchmarked client pays no server CPU. One threaded HTTP/1.1 server per
host address from the manifest; only 127.x.y.z addresses are accepted. The process stops itself after
``--max-seconds`` or when its parent goes away, so a crashed harness never leaves it behind.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, List, Optional

from bench.replay_site import route_key

MAX_CONNECTIONS = 512  # threads serving at once; more wait in the listen backlog


class ReplayServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024

    def __init__(self, address, site_dir: Path, routes: Dict[str, str], latency: float,
                 slots: Optional[threading.BoundedSemaphore] = None):
        super().__init__(address, ReplayHandler)
        self.site_dir = site_dir
        self.routes = routes
        self.latency = latency
        self.slots = slots or threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.requests = 0
        self.not_found = 0


class ReplayHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes; with Nagle and delayed ACK a reused keep-alive connection
    # waits ~40 ms per response, a cost real web servers (TCP_NODELAY) do not impose.
    disable_nagle_algorithm = True
    server: ReplayServer

    def log_message(self, fmt, *args):  # quiet: thousands of requests per second
        pass

    def _respond(self, head_only: bool) -> None:
        srv = self.server
        with srv.slots:
            if srv.latency > 0:
                time.sleep(srv.latency)
            srv.requests += 1
            rel = srv.routes.get(route_key(self.path))
            if rel is None:
                srv.not_found += 1
                body = b"not found\n"
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head_only:
                    self.wfile.write(body)
                return
            body = (srv.site_dir / rel).read_bytes()
            etag = '"' + hashlib.blake2b(rel.encode(), digest_size=8).hexdigest() + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            ctype = ("application/rss+xml; charset=utf-8" if rel.endswith(".xml") else
                     "text/plain; charset=utf-8" if rel.endswith(".txt") else "text/html; charset=utf-8")
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "max-age=60")
            self.end_headers()
            if not head_only:
                self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self._respond(False)

    def do_HEAD(self):  # noqa: N802
        self._respond(True)


def start_servers(site_dir: Path, latency_ms: float, port: Optional[int] = None) -> List[ReplayServer]:
    """Start one server thread per host of the manifest; loopback addresses only."""
    manifest = json.loads((Path(site_dir) / "manifest.json").read_text(encoding="utf-8"))
    port = manifest["port"] if port is None else port
    slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
    servers = []
    for host, routes in manifest["routes"].items():
        if not host.startswith("127."):
            raise ValueError(f"refusing to bind {host}: loopback (127.0.0.0/8) only")
        srv = ReplayServer((host, port), Path(site_dir), routes, latency_ms / 1000.0, slots)
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
        servers.append(srv)
    return servers


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Replay a bench site on loopback hosts.")
    ap.add_argument("site_dir")
    ap.add_argument("--latency-ms", type=float, default=0.0)
    ap.add_argument("--max-seconds", type=float, default=3600.0, help="stop after this long whatever happens")
    args = ap.parse_args(argv)
    parent = os.getppid()
    servers = start_servers(Path(args.site_dir), args.latency_ms)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(json.dumps({"ready": [f"{s.server_address[0]}:{s.server_address[1]}" for s in servers],
                      "latency_ms": args.latency_ms}), flush=True)
    deadline = time.monotonic() + args.max_seconds
    while not stop.wait(0.5):
        if time.monotonic() > deadline or os.getppid() != parent:
            break
    for s in servers:
        s.shutdown()
        s.server_close()
    print(json.dumps({"requests": sum(s.requests for s in servers),
                      "not_found": sum(s.not_found for s in servers)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
