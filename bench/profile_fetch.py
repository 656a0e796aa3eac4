"""CPU per page of the page-fetch path, the way the pipeline runs it, against a replay site served at 0 ms.

Why: the benchmark's stage table gave fetch 2.2 ms CPU per article in ``akhbar run`` against 0.87 ms for
the same functions in a plain loop. This measures the fetch path alone, in one process, with
``time.process_time`` (every thread, user + system), so a change to it can be weighed in seconds:

    plain    ``http.fetch`` per page (a throwaway client, as bench/plain_loop.py calls it)
    urllib   ``urllib.request.urlopen(url).read()`` (what a naive script pays)
    client   one ``HttpClient``, pages one after another
    dofn     the FetchPages DoFn driven as Beam drives it (setup, start_bundle, one process() per host
             group, finish_bundle) with its thread pool, robots.txt and politeness; main text replaced by a
             no-op so only the fetch is counted
    dofn_main_text   the same with the real main text on the bundle's thread, as in the pipeline
    main_text_only   main text alone on the same bodies: dofn_main_text minus this is the fetch's cost next
             to extraction (pool threads and the extracting thread share one GIL)

Run: start a replay site (``python -m bench.replay_site DIR --articles 3000 --port P`` then
``python -m bench.serve DIR``), then ``python -m bench.profile_fetch DIR [--modes dofn,plain] [--repeat 3]
[--profile dofn]``. Skips (exit 0) when DIR has no manifest.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import pstats
import resource
import statistics
import time
import urllib.request
from pathlib import Path
from typing import Callable, Dict, List
from urllib.parse import quote


def page_urls(site: Path, limit: int, hosts: int = 0) -> List[str]:
    """Page URLs of the site (of its first ``hosts`` hosts), taken in turn from each host."""
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    port = manifest["port"]
    per_host = [[f"http://{host}:{port}{quote(key, safe='/-_.~')}" for key, rel in routes.items()
                 if rel.endswith(".html")] for host, routes in manifest["routes"].items()]
    per_host = per_host[:hosts] if hosts else per_host
    out: List[str] = []
    for i in range(max(len(h) for h in per_host)):
        out.extend(h[i] for h in per_host if i < len(h))
    return out[:limit]


def run_plain(urls: List[str]) -> int:
    from akhbar.transforms import http

    policy = http.FetchPolicy(allow_private=True)
    accept = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}
    return sum(http.fetch(u, policy, http.PAGE_MAX_BYTES, headers=accept).ok for u in urls)


def run_urllib(urls: List[str]) -> int:
    ok = 0
    for u in urls:
        with urllib.request.urlopen(u, timeout=20) as response:
            ok += bool(response.read())
    return ok


def run_client(urls: List[str]) -> int:
    from akhbar.transforms import http

    client = http.HttpClient(http.FetchPolicy(allow_private=True))
    try:
        return sum(client.get(u, http.PAGE_MAX_BYTES).ok for u in urls)
    finally:
        client.close()


def run_dofn(urls: List[str], per_host: int = 32, keep_main_text: bool = False) -> int:
    from akhbar.schemas.records import FeedEntry, FeedTask, FetchSettings
    from akhbar.transforms import pages
    from akhbar.transforms.canonical import article_id
    from akhbar.transforms.fetch_dofn import host_key
    from akhbar.transforms.packing import pack
    from akhbar.transforms.http import FetchPolicy

    now = dt.datetime.now(dt.timezone.utc)
    task = FeedTask("bench", "http://127.0.0.2/feed", fetch=FetchSettings(concurrency_per_host=per_host,
                                                                          delay_seconds=0))
    groups: Dict[str, list] = {}
    for u in urls:
        entry = FeedEntry("bench", task.feed_url, u, article_id(u), "خبر", "ملخص", "", (), now, task)
        groups.setdefault(host_key(u), []).append(pack((entry, now)))  # as FetchPages sends them
    saved = pages.main_text
    if not keep_main_text:
        pages.main_text = lambda body, headers, url: "x" * 200 if body else ""
    else:
        def timed(body, headers, url):
            t0 = time.thread_time()
            try:
                return saved(body, headers, url)
            finally:
                _EXTRACT_CPU[0] += time.thread_time() - t0

        pages.main_text = timed
    try:
        fn = pages._FetchPageDoFn(FetchPolicy(allow_private=True))
        fn.setup()
        fn.start_bundle()
        outputs = []
        for group in groups.items():
            outputs.extend(fn.process(group))
        outputs.extend(fn.finish_bundle())
        fn.teardown()
    finally:
        pages.main_text = saved
    return sum(1 for o in outputs if getattr(getattr(o, "value", o), "body_source", "") == "page")


def run_main_text_only(urls: List[str]) -> int:
    """main_text alone on the same pages (bodies fetched before the clock starts): dofn_main_text minus this
    is what fetching costs next to extraction."""
    from akhbar.transforms import http
    from akhbar.transforms.pages import main_text

    bodies = _BODIES.get(tuple(urls))
    if bodies is None:
        client = http.HttpClient(http.FetchPolicy(allow_private=True))
        bodies = _BODIES[tuple(urls)] = [client.get(u, http.PAGE_MAX_BYTES) for u in urls]
        client.close()
        return -1
    return sum(bool(main_text(r.body or b"", r.headers, r.final_url)) for r in bodies)


_BODIES: Dict[tuple, list] = {}
_EXTRACT_CPU = [0.0]  # thread CPU seconds spent inside main_text by dofn_main_text

MODES: Dict[str, Callable[[List[str]], int]] = {
    "main_text_only": run_main_text_only,
    "plain": run_plain, "urllib": run_urllib, "client": run_client, "dofn": run_dofn,
    "dofn_main_text": lambda urls: run_dofn(urls, keep_main_text=True),
}


def measure(mode: str, urls: List[str]) -> dict:
    _EXTRACT_CPU[0] = 0.0
    r0, w0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    ok = MODES[mode](urls)
    r1, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter() - w0
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    n = len(urls)
    return {"ok": ok, "cpu_ms": 1000 * cpu / n, "wall_s": wall, "other_ms": 1000 * (cpu - _EXTRACT_CPU[0]) / n,
            "sys_ms": 1000 * (r1.ru_stime - r0.ru_stime) / n,
            "switches": ((r1.ru_nvcsw - r0.ru_nvcsw) + (r1.ru_nivcsw - r0.ru_nivcsw)) / n}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site")
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--hosts", type=int, default=0, help="only the first N hosts (a worker of two gets ~half)")
    ap.add_argument("--modes", default="dofn,client,plain,urllib")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", default="", help="a mode to run once more under cProfile")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)
    site = Path(args.site)
    if not (site / "manifest.json").exists():
        print(f"profile_fetch: skipped: no replay site at {site}")
        return 0
    urls = page_urls(site, args.pages, args.hosts)
    run_client(urls[:20])  # warm imports
    if "main_text_only" in args.modes:
        run_main_text_only(urls)  # fetch the bodies once, untimed
    print(f"{len(urls)} pages; CPU ms per page (process CPU, all threads), median of {args.repeat}")
    for mode in [m for m in args.modes.split(",") if m]:
        runs = [measure(mode, urls) for _ in range(args.repeat)]
        cpus = [r["cpu_ms"] for r in runs]
        extra = (f"  sys {statistics.median(r['sys_ms'] for r in runs):5.3f}"
                 f"  switches/page {statistics.median(r['switches'] for r in runs):5.1f}")
        if mode == "dofn_main_text":  # what is not extraction: the fetch, with its cost to the extracting thread
            extra += f"  outside main_text {statistics.median(r['other_ms'] for r in runs):6.3f}"
        print(f"{mode:<15} cpu ms/page {statistics.median(cpus):6.3f}  (runs {', '.join(f'{c:.3f}' for c in cpus)})"
              f"  wall {statistics.median(r['wall_s'] for r in runs):6.2f} s  ok {runs[0]['ok']}{extra}", flush=True)
    if args.profile:
        prof = cProfile.Profile(time.thread_time)  # CPU, not wall: waits on the socket are not the cost
        prof.enable()
        MODES[args.profile](urls)
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(args.top)
        print(buf.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
