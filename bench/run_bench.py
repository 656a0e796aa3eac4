"""The benchmark harness behind ``make bench``: Akhbar against the floor and against the user's script.

One run builds a replay site from ../shared/corpora, serves it from a separate process (latency 0, then
200 ms per response) and measures, side by side on the same machine and minutes:
  (a) ``akhbar run`` end to end with 1 and 2 workers, plus smaller sizes for memory growth;
  (b) bench/plain_loop.py, Akhbar's own functions in one plain loop (the overhead floor);
  (c) bench/user_script.py, the script a user would write.
At 200 ms the sequential baselines would need over half an hour for 10,000 articles, so they run on a
subset (``--subset``) and are compared as rates (articles per second). Writes bench/results/<stamp>.json
and .md and prints the table. Exits 0 and says so when ../shared/corpora is absent.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional

from bench.measure import run_measured
from bench.replay_site import CORPORA, build_site, count_items, load_corpora, write_inputs
from bench.report import goals, markdown, ratios
from bench.stages import stage_cpu_ms, stage_samples

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def free_port(hosts: List[str]) -> int:
    """A port free on every host address (tries the kernel's pick on the first, then checks the rest)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind((hosts[0], 0))
            port = s.getsockname()[1]
        try:
            for h in hosts[1:]:
                with socket.socket() as s:
                    s.bind((h, port))
            return port
        except OSError:
            continue
    raise RuntimeError("no common free port on the bench hosts")


class Server:
    """bench/serve.py in its own process, for the duration of a ``with`` block."""

    def __init__(self, site: Path, latency_ms: float, max_seconds: float, log: Path):
        self.args = [PY, "-m", "bench.serve", str(site), "--latency-ms", str(latency_ms),
                     "--max-seconds", str(int(max_seconds))]
        self.log = log

    def __enter__(self):
        self.proc = subprocess.Popen(self.args, cwd=ROOT, stdout=subprocess.PIPE, stderr=open(self.log, "wb"),
                                     text=True)
        line = self.proc.stdout.readline()
        if not line.startswith('{"ready"'):
            self.proc.kill()
            raise RuntimeError(f"replay server did not start: {line!r}; see {self.log}")
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            tail = self.proc.communicate(timeout=10)[0]
            self.stats = json.loads(tail.strip().splitlines()[-1]) if tail.strip() else {}
        except (subprocess.TimeoutExpired, ValueError):
            self.proc.kill()
            self.stats = {}


def _git_head() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def parquet_rows(folder: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in Path(folder).rglob("*.parquet")
               if "_tmp" not in p.parts)


def _last_json(path: Path) -> dict:
    for line in reversed(Path(path).read_text(encoding="utf-8", errors="replace").splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                pass
    return {}


def measure(kind: str, cmd: List[str], *, work: Path, name: str, entries: int, workers: int, latency_ms: float,
            out_dir: Path, profile: bool, timeout: float, report_json: Optional[Path] = None) -> dict:
    """Run one configuration, return its row: rate, CPU per article (total and by stage), peak memory."""
    print(f"bench: {name}: {entries} articles ...", file=sys.stderr, flush=True)
    prof = work / f"{name}.pyspy.txt" if profile else None
    m = run_measured(cmd, cwd=str(ROOT), stdout_path=work / f"{name}.out", stderr_path=work / f"{name}.err",
                     timeout=timeout, profile_to=prof)
    summary = _last_json(work / f"{name}.out")
    if report_json is not None and report_json.exists():
        summary = json.loads(report_json.read_text(encoding="utf-8")).get("totals", {})
    rows = parquet_rows(out_dir) if out_dir.exists() else 0
    written = int(summary.get("written", rows))
    row = {"name": name, "kind": kind, "workers": workers, "latency_ms": latency_ms, "entries": entries,
           "written": written, "parquet_rows": rows, "ok": m.returncode == 0 and not m.timed_out and rows > 0,
           "articles_per_s": round(entries / m.wall_s, 2) if m.wall_s else 0.0,
           "cpu_ms_per_article": round(1000 * m.cpu_s / entries, 2) if entries else 0.0, **m.as_dict()}
    if prof is not None:
        row["stage_cpu_ms_per_article"] = stage_cpu_ms(stage_samples(prof), m.cpu_s, entries)
    if "stage_cpu_s" in summary:
        row["own_stage_cpu_ms_per_article"] = {k: round(1000 * v / entries, 2)
                                               for k, v in sorted(summary["stage_cpu_s"].items(), key=lambda kv: -kv[1])}
    if not row["ok"]:
        row["stderr_tail"] = (work / f"{name}.err").read_text(errors="replace")[-1500:]
    roles = m.pss_by_role
    at_peak = roles.get("at_peak") or {}
    print(f"bench: {name}: {row['articles_per_s']} art/s, {row['cpu_ms_per_article']} ms CPU/art, "
          f"peak PSS {row['peak_pss_mb']} MB (at the peak: launcher {at_peak.get('launcher')}, workers "
          f"{at_peak.get('workers')}; own peaks: launcher {roles.get('launcher')}, largest worker "
          f"{roles.get('worker_max')} of {roles.get('workers_seen')}), written {written}"
          f"{'' if row['ok'] else '  FAILED'}", file=sys.stderr, flush=True)
    shutil.rmtree(out_dir, ignore_errors=True)
    return row


def akhbar_cmd(sources: Path, out: Path, run_id: str, workers: int) -> List[str]:
    exe = Path(PY).parent / "akhbar"
    base = [str(exe)] if exe.exists() else [PY, "-m", "akhbar.runners.cli"]
    return base + ["run", "--sources", str(sources), "--output", str(out), "--run-id", run_id,
                   "--workers", str(workers), "--allow-private-addresses", "--quiet"]


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000, help="articles in the site (default 10,000)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 300 articles, small subsets")
    ap.add_argument("--workers", default="1,2", help="worker counts for akhbar run (default 1,2)")
    ap.add_argument("--latencies", default="0,200", help="per-response latencies in ms (default 0,200)")
    ap.add_argument("--subset", type=int, default=300, help="articles for the sequential baselines at >0 ms")
    ap.add_argument("--latency-articles", type=int, default=2000,
                    help="articles for akhbar at >0 ms (default 2,000; 0 means all)")
    ap.add_argument("--memory-fractions", default="0.1,0.3", help="extra akhbar sizes for memory growth")
    ap.add_argument("--only", default="akhbar,plain,user", help="which of akhbar,plain,user to run")
    ap.add_argument("--no-profile", action="store_true", help="skip py-spy stage sampling")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds of the 0 ms runs (user, plain, akhbar); rates are the rounds' medians")
    ap.add_argument("--concurrency-per-host", type=int, default=32)
    ap.add_argument("--timeout", type=float, default=3600.0, help="seconds allowed per measured run")
    ap.add_argument("--corpora", default=str(CORPORA))
    ap.add_argument("--results", default=str(ROOT / "bench" / "results"))
    ap.add_argument("--keep", action="store_true", help="keep the work folder (site, logs, profiles)")
    args = ap.parse_args(argv)
    if args.quick:
        args.articles, args.subset = min(args.articles, 300), min(args.subset, 100)
    if not Path(args.corpora, "bbc.jsonl.gz").exists():
        print(f"bench: skipped: corpora not found at {args.corpora}")
        return 0
    workers = [int(w) for w in args.workers.split(",") if w]
    latencies = [float(x) for x in args.latencies.split(",") if x]
    only = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="akhbar-bench-"))
    hosts = [f"127.0.0.{i}" for i in range(2, 6)]
    port = free_port(hosts)
    t0 = time.time()
    print(f"bench: building a {args.articles}-article site in {work}/site (port {port}) ...", file=sys.stderr)
    manifest = build_site(work / "site", load_corpora(Path(args.corpora)), args.articles, port,
                          concurrency_per_host=args.concurrency_per_host)
    site_bytes = sum(f.stat().st_size for f in (work / "site").rglob("*") if f.is_file())
    total = manifest["articles"]
    subsets = {"full": None, "sub": args.subset}
    if args.latency_articles and args.latency_articles < total:
        subsets["lat"] = args.latency_articles
    for frac in [float(f) for f in args.memory_fractions.split(",") if f]:
        subsets[f"m{int(frac * 100)}"] = max(1, int(total * frac))
    inputs = {key: write_inputs(manifest, work / "site", n, args.concurrency_per_host, suffix=f"-{key}")
              for key, n in subsets.items()}
    sizes = {key: count_items(manifest, n) for key, n in subsets.items()}
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    result = {"started_at": stamp, "command": "python -m bench.run_bench " + " ".join(argv or sys.argv[1:]),
              "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                          "loadavg_start": os.getloadavg()},
              "git_commit_start": _git_head(),
              "site": {"articles": total, "feeds": sum(len(s["feeds"]) for s in manifest["sources"]),
                       "hosts": len(manifest["sources"]), "bytes": site_bytes,
                       "mean_page_kb": round(site_bytes / max(1, total) / 1024, 1)},
              "runs": []}
    runs = result["runs"]
    profile = not args.no_profile
    common = {"work": work, "profile": profile, "timeout": args.timeout}
    for lat in latencies:
        seq_key = "full" if lat == 0 else "sub"
        ak_key = "full" if lat == 0 or "lat" not in subsets else "lat"
        with Server(work / "site", lat, args.timeout * 8, work / f"serve-{int(lat)}.log") as server:
            # --repeat: the 0 ms contenders again, in the same order, round after round (py-spy samples the
            # first round only); rates and ratios are then the medians of the rounds (bench/report.py)
            for round_no in range(1, (args.repeat if lat == 0 else 1) + 1):
                tag = f"{int(lat)}ms"
                suffix = "" if round_no == 1 else f"#{round_no}"  # in names; folders and run ids get -r<k>
                slug = suffix.replace("#", "-r")
                common["profile"] = profile and round_no == 1
                if "user" in only:
                    out = work / f"user-{tag}{slug}"
                    out.mkdir()
                    runs.append(measure("user", [PY, "-m", "bench.user_script", str(inputs[seq_key]["feeds"]),
                                                 str(out / "articles.parquet")], name=f"user-{tag}{suffix}",
                                        entries=sizes[seq_key], workers=1, latency_ms=lat, out_dir=out, **common))
                if "plain" in only:
                    out = work / f"plain-{tag}{slug}"
                    runs.append(measure("plain", [PY, "-m", "bench.plain_loop", "--sources",
                                                  str(inputs[seq_key]["sources"]), "--output", str(out)],
                                        name=f"plain-{tag}{suffix}", entries=sizes[seq_key], workers=1,
                                        latency_ms=lat, out_dir=out, **common))
                if "akhbar" in only:
                    for w in workers:
                        name, run_id = f"akhbar-w{w}-{tag}{suffix}", f"akhbar-w{w}-{tag}{slug}"
                        out = work / run_id
                        runs.append(measure("akhbar", akhbar_cmd(inputs[ak_key]["sources"], out, run_id, w),
                                            name=name, entries=sizes[ak_key], workers=w, latency_ms=lat, out_dir=out,
                                            report_json=out / "_runs" / f"{run_id}.json", **common))
                    if lat == 0 and round_no == 1:
                        for key in [k for k in subsets if k.startswith("m")]:
                            w = max(workers)
                            name = f"akhbar-w{w}-{tag}-{key}"
                            out = work / name
                            runs.append(measure("akhbar-memory", akhbar_cmd(inputs[key]["sources"], out, name, w),
                                                name=name, entries=sizes[key], workers=w, latency_ms=lat, out_dir=out,
                                                report_json=out / "_runs" / f"{name}.json", **common))
        result.setdefault("server", {})[f"{int(lat)}ms"] = getattr(server, "stats", {})
    result["machine"]["loadavg_end"] = os.getloadavg()
    result["git_commit_end"] = _git_head()
    own = resource.getrusage(resource.RUSAGE_SELF)
    result["harness_cpu_s"] = round(own.ru_utime + own.ru_stime, 1)  # polling and parsing, outside the runs
    result["elapsed_s"] = round(time.time() - t0, 1)
    result["ratios"] = ratios(runs)
    result["goals"] = goals(result["ratios"], runs)
    out_dir = Path(args.results)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{stamp}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    text = markdown(result)
    (out_dir / f"{stamp}.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"bench: results in {out_dir / (stamp + '.json')} and .md; work folder {work}"
          f"{'' if args.keep else ' (removed)'}", file=sys.stderr)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
