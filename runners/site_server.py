"""A small HTTP server on 127.0.0.1 serving a folder of feeds and pages, for the demo and the tests.

Files may contain ``{base}``, replaced by the server's own ``http://127.0.0.1:PORT`` so feeds can link
to pages on it. An optional ``_headers.json`` maps a path to the exact response headers to send (to
serve, say, a page as ``text/html`` with no charset).
"""
from __future__ import annotations

import json
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Optional

_TYPES = {".xml": "application/rss+xml; charset=utf-8", ".atom": "application/atom+xml; charset=utf-8",
          ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


class SiteServer:
    """``with SiteServer(folder) as site: site.base`` — serves until the block ends."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0):
        self.root = Path(root)
        headers_file = self.root / "_headers.json"
        self.headers: Dict[str, Dict[str, str]] = json.loads(headers_file.read_text()) if headers_file.exists() else {}
        self._server = ThreadingHTTPServer((host, port), self._handler())
        self._server.daemon_threads = True
        self._thread: Optional[threading.Thread] = None
        self.requests = []  # paths requested, in order: tests assert what was (not) fetched

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "SiteServer":
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the stdlib's name)
                path = self.path.split("?", 1)[0]
                site.requests.append(path)
                file = (site.root / path.lstrip("/")).resolve()
                if site.root.resolve() not in file.parents or not file.is_file() or file.name.startswith("_"):
                    self.send_error(404)
                    return
                body = file.read_bytes().replace(b"{base}", site.base.encode())
                headers = site.headers.get(path) or {"Content-Type": _TYPES.get(file.suffix) or
                                                     mimetypes.guess_type(file.name)[0] or "application/octet-stream"}
                self.send_response(200)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # quiet: tests and the demo print their own story
                pass

        return Handler
