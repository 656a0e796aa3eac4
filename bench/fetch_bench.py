"""Fetch benchmark: concurrency against the ideal, and the fault suite's peak memory.

    .venv/bin/python -m bench.fetch_bench            # all three measurements
    .venv/bin/python -m bench.fetch_bench feeds      # or one of: feeds, pages, faults

feeds:  500 feeds on H loopback hosts (127.0.0.2 ...), each response after 200 ms, fetched by the real step
        (``Create | FetchFeeds`` on the in-process FnApiRunner). Ideal wall time = responses x 200 ms /
        concurrency, where concurrency = min(hosts x concurrency_per_host, the step's thread pool).
pages:  10,000 pages on 50 hosts at concurrency_per_host 8, same latency, fetched by the step's engine
        (HttpClient + HostScheduler, as FetchPages runs it, without text extraction), plus 2,000 pages
        through the whole FetchPages step (fetch + robots.txt + trafilatura) to show what extraction costs.
faults: the fault suite (tests/fixtures/faults) run as its own process: wall time and peak RSS (wait4).
The server runs in a separate process so the client's figures carry none of its CPU.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import List

LATENCY = 0.2
ROOT = Path(__file__).resolve().parents[1]


# ---- the server (child process) -------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: Nagle + delayed ACK would add ~40 ms

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        time.sleep(LATENCY)
        host = self.headers.get("Host", "")
        if self.path.startswith("/feed/"):
            n = self.path.rsplit("/", 1)[1].split(".")[0]
            body = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>نشرة {n}</title>'
                    f"<item><title>خبر رقم {n}</title><link>http://{host}/page/{n}.html</link>"
                    f"<description>ملخص الخبر رقم {n}</description></item></channel></rss>").encode()
            ctype = "application/rss+xml; charset=utf-8"
        elif self.path.startswith("/page/"):
            n = self.path.rsplit("/", 1)[1].split(".")[0]
            body = (f"<html><head><meta charset='utf-8'><title>خبر {n}</title></head><body><article><h1>خبر {n}</h1>"
                    f"<p>أعلنت الوزارة اليوم عن مشروع جديد رقم {n} لتأهيل الطرق في المحافظات الجنوبية وربطها بالموانئ.</p>"
                    f"<p>وقال المتحدث إن العمل سيبدأ الشهر المقبل ويستمر عامين بكلفة تقديرية كبيرة.</p>"
                    f"</article></body></html>").encode()
            ctype = "text/html; charset=utf-8"
        else:
            body, ctype = b"", "text/plain"
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(hosts: int, port: int) -> None:
    servers = []
    for i in range(hosts):
        server = ThreadingHTTPServer((f"127.0.0.{2 + i}", port), _Handler)
        server.daemon_threads = True
        server.request_queue_size = 1024
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    print("ready", flush=True)
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.5)


class _Server:
    def __init__(self, hosts: int, port: int = 18700):
        self.hosts, self.port = hosts, port

    def __enter__(self):
        self.proc = subprocess.Popen([sys.executable, "-m", "bench.fetch_bench", "serve", str(self.hosts), str(self.port)],
                                     cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "ready"
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def url(self, i: int, kind: str, n: int) -> str:
        ext = "xml" if kind == "feed" else "html"
        return f"http://127.0.0.{2 + i % self.hosts}:{self.port}/{kind}/{n}.{ext}"


# ---- measurements ---------------------------------------------------------------------------------------

def _pipeline():
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner

    return beam.Pipeline(runner=FnApiRunner(), options=PipelineOptions(
        ["--direct_num_workers=1", "--direct_running_mode=in_memory"]))


def _startup_seconds() -> float:
    import apache_beam as beam

    started = time.monotonic()
    with _pipeline() as p:
        _ = p | beam.Create([1]) | beam.Map(lambda x: x)
    return time.monotonic() - started


def bench_feeds(hosts: int, per_host: int, workers: int = 128, feeds: int = 500) -> dict:
    import apache_beam as beam

    from akhbar.schemas.records import FeedTask, FetchSettings
    from akhbar.transforms.feeds import FetchFeeds
    from akhbar.transforms.http import FetchPolicy

    policy = FetchPolicy(allow_private=True, workers=workers)
    settings = FetchSettings(concurrency_per_host=per_host, delay_seconds=0)
    with _Server(hosts) as server:
        tasks = [FeedTask("bench", server.url(i, "feed", i), fetch=settings) for i in range(feeds)]
        overhead = _startup_seconds()
        started = time.monotonic()
        with _pipeline() as p:
            fetched = p | beam.Create(tasks) | FetchFeeds(policy)
            _ = fetched.responses | beam.combiners.Count.Globally() | beam.Map(_expect, feeds)
        wall = time.monotonic() - started
    concurrency = min(hosts * per_host, workers)
    ideal = feeds * LATENCY / concurrency
    return {"what": f"{feeds} feeds, {hosts} hosts x {per_host}/host, pool {workers}", "ideal_s": ideal,
            "wall_s": wall, "pipeline_startup_s": overhead, "fetch_s": wall - overhead}


def _expect(count, wanted):
    if count != wanted:
        raise AssertionError(f"{count} responses, wanted {wanted}")
    return count


def bench_engine(kind: str, count: int, hosts: int, per_host: int, workers: int) -> dict:
    """The fetch steps' engine alone (HttpClient + HostScheduler), no Beam: what the network part costs."""
    from akhbar.transforms.fetch_dofn import host_key
    from akhbar.transforms.http import FetchPolicy, HttpClient
    from akhbar.transforms.politeness import Batch, HostScheduler

    client = HttpClient(FetchPolicy(allow_private=True, workers=workers))
    scheduler = HostScheduler(workers)
    with _Server(hosts) as server:
        urls = [server.url(i, kind, i) for i in range(count)]
        started = time.monotonic()
        batch = Batch(scheduler, max_ready=workers)
        for url in urls:
            batch.submit(host_key(url), per_host, 0.0, lambda url=url: client.get(url, 5 * 2**20).ok)
        ok = sum(batch.drain(block=True))
        wall = time.monotonic() - started
    scheduler.close()
    client.close()
    concurrency = min(hosts * per_host, workers)
    return {"what": f"{count} {kind}s (engine only), {hosts} hosts x {per_host}/host, pool {workers}", "ok": ok,
            "ideal_s": count * LATENCY / concurrency, "wall_s": wall}


def bench_pages_step(hosts: int = 50, per_host: int = 8, workers: int = 128, pages: int = 2000) -> dict:
    import datetime as dt

    import apache_beam as beam

    from akhbar.schemas.records import FeedEntry, FeedTask, FetchSettings
    from akhbar.transforms.canonical import article_id
    from akhbar.transforms.http import FetchPolicy
    from akhbar.transforms.pages import FetchPages

    now = dt.datetime.now(dt.timezone.utc)
    task = FeedTask("bench", "http://127.0.0.2/feed", fetch=FetchSettings(concurrency_per_host=per_host, delay_seconds=0))
    with _Server(hosts) as server:
        entries = [(FeedEntry("bench", task.feed_url, u, article_id(u), "خبر", "ملخص", "", (), now, task), now)
                   for u in (server.url(i, "page", i) for i in range(pages))]
        started = time.monotonic()
        with _pipeline() as p:
            result = p | beam.Create(entries) | FetchPages(FetchPolicy(allow_private=True, workers=workers))
            _ = (result.articles | beam.Filter(lambda a: a.body_source == "page")
                 | beam.combiners.Count.Globally() | beam.Map(_expect, pages))
        wall = time.monotonic() - started
    concurrency = min(hosts * per_host, workers)
    return {"what": f"{pages} pages through FetchPages (robots + fetch + trafilatura), pool {workers}",
            "ideal_s": (pages + hosts) * LATENCY / concurrency, "wall_s": wall}


def bench_faults() -> dict:
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.faults.server import FAULTS, FaultServer
    from tests.test_faults import _sources

    with tempfile.TemporaryDirectory() as tmp, FaultServer() as server:
        sources = _sources(Path(tmp) / "sources.yaml", server)
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "tests.fixtures.faults.run_suite", str(sources),
                                 str(Path(tmp) / "out"), "bench"], cwd=ROOT, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - started
        report = json.loads((Path(tmp) / "out" / "_runs" / "bench.json").read_text())
    return {"what": f"fault suite ({len(FAULTS)} faults + healthy feeds), one process", "exit": status >> 8,
            "wall_s": wall, "peak_rss_mb": usage.ru_maxrss / 1024, "written": report["totals"]["written"]}


def _print(rows: List[dict]) -> None:
    for row in rows:
        parts = [row.pop("what")] + [f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()]
        if "ideal_s" in row and "wall_s" in row:
            parts.append(f"ratio={row.get('fetch_s', row['wall_s']) / row['ideal_s']:.2f}x ideal")
        print("  ".join(parts), flush=True)


def main(argv: List[str]) -> int:
    if argv and argv[0] == "serve":
        serve(int(argv[1]), int(argv[2]))
        return 0
    which = argv[0] if argv else "all"
    if which in ("feeds", "all"):
        _print([bench_feeds(hosts=1, per_host=8), bench_feeds(hosts=20, per_host=2), bench_feeds(hosts=50, per_host=2),
                bench_engine("feed", 500, 50, 2, 128)])
    if which in ("pages", "all"):
        _print([bench_engine("page", 10_000, 50, 8, 256), bench_engine("page", 10_000, 50, 8, 128),
                bench_pages_step()])
    if which in ("faults", "all"):
        _print([bench_faults()])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
