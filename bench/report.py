"""Ratios, goals and the markdown table of one benchmark run (bench/run_bench.py).

Everything is compared as a ratio of runs made in the same session on the same machine, because the
machine is shared and absolute figures drift from one hour to the next.
"""
from __future__ import annotations

import os
import statistics
from typing import Dict, List, Optional

GIB_MB = 1024.0
FLAT_LIMIT = 1.25
CORES = os.cpu_count() or 1  # peak memory at the full size over peak at the smallest size: "flat" if at most this


def base_name(name: str) -> str:
    """The configuration a run measured: ``akhbar-w2-0ms#3`` (round 3 of ``--repeat``) -> ``akhbar-w2-0ms``."""
    return name.split("#", 1)[0]


def _groups(run_list: List[dict]) -> Dict[str, List[dict]]:
    groups: Dict[str, List[dict]] = {}
    for r in run_list:
        groups.setdefault(base_name(r["name"]), []).append(r)
    return groups


def _value(groups: Dict[str, List[dict]], name: str, field: str = "articles_per_s") -> Optional[float]:
    """The median of a configuration's successful rounds (one round: its value)."""
    values = [r[field] for r in groups.get(name, []) if r["ok"]]
    return statistics.median(values) if values else None


def _div(a: Optional[float], b: Optional[float]) -> Optional[float]:
    return round(a / b, 3) if a is not None and b else None


def ratios(run_list: List[dict]) -> dict:
    """Ratios of the configurations' rates; with several rounds (``--repeat``), of their medians, and the
    2-workers-over-1 ratio of each round next to it."""
    groups = _groups(run_list)
    ak = [r for r in run_list if r["kind"] == "akhbar"]
    most = max((r["workers"] for r in ak), default=None)
    least = min((r["workers"] for r in ak), default=None)
    out: dict = {}
    for lat in sorted({r["latency_ms"] for r in run_list}):
        tag = f"{int(lat)}ms"
        user = _value(groups, f"user-{tag}")
        out[f"akhbar_w{most}_over_user_{tag}"] = _div(_value(groups, f"akhbar-w{most}-{tag}"), user)
        out[f"akhbar_w{least}_over_user_{tag}"] = _div(_value(groups, f"akhbar-w{least}-{tag}"), user)
        out[f"plain_over_user_{tag}"] = _div(_value(groups, f"plain-{tag}"), user)
        if most != least:
            out[f"w{most}_over_w{least}_{tag}"] = _div(_value(groups, f"akhbar-w{most}-{tag}"),
                                                       _value(groups, f"akhbar-w{least}-{tag}"))
            pairs = zip(groups.get(f"akhbar-w{most}-{tag}", []), groups.get(f"akhbar-w{least}-{tag}", []))
            by_round = [_div(a["articles_per_s"], b["articles_per_s"]) for a, b in pairs if a["ok"] and b["ok"]]
            if len(by_round) > 1:
                out[f"w{most}_over_w{least}_{tag}_by_round"] = by_round
    # What an idle machine would show when every contender is CPU-bound (0 ms latency): a process can use
    # at most one core per worker, so rate ~ workers / CPU per article. Contention barely moves CPU per
    # article, so this estimate is steadier than the wall-clock ratio on a shared machine.
    user_cpu = _value(groups, "user-0ms", "cpu_ms_per_article")
    if user_cpu:
        for w in sorted({r["workers"] for r in ak}):
            cpu = _value(groups, f"akhbar-w{w}-0ms", "cpu_ms_per_article")
            if cpu:
                out[f"cpu_bound_estimate_w{w}_over_user_0ms"] = round(min(w, CORES) * user_cpu / cpu, 3)
    plain_cpu = _value(groups, "plain-0ms", "cpu_ms_per_article")
    one_cpu = _value(groups, f"akhbar-w{least}-0ms", "cpu_ms_per_article")
    plain_rate, one_rate = _value(groups, "plain-0ms"), _value(groups, f"akhbar-w{least}-0ms")
    if plain_cpu and one_cpu and plain_rate and one_rate:
        out["overhead_cpu_vs_plain"] = round(one_cpu / plain_cpu - 1, 3)
        out["overhead_wall_vs_plain"] = round(plain_rate / one_rate - 1, 3)
    sizes: Dict[int, List[float]] = {}
    for r in run_list:
        if r["kind"] in ("akhbar", "akhbar-memory") and r["ok"] and r["workers"] == most and r["latency_ms"] == 0:
            sizes.setdefault(r["entries"], []).append(r["peak_pss_mb"])
    if sizes:
        mem = [[n, statistics.median(sizes[n])] for n in sorted(sizes)]
        out["peak_pss_mb_by_size"] = mem
        if len(mem) > 1:
            out["memory_growth_full_over_smallest"] = round(mem[-1][1] / mem[0][1], 3)
    out["peak_pss_mb_max_akhbar"] = max((r["peak_pss_mb"] for r in run_list if r["kind"].startswith("akhbar")),
                                        default=None)
    return out


def goals(r: dict, run_list: List[dict]) -> List[dict]:
    ak = [x for x in run_list if x["kind"] == "akhbar"]
    most = max((x["workers"] for x in ak), default=2)
    least = min((x["workers"] for x in ak), default=1)
    rows = [
        (f"akhbar ({most} workers) vs user script, 0 ms", r.get(f"akhbar_w{most}_over_user_0ms"), ">=", 1.5),
        (f"akhbar ({most} workers) vs user script, 200 ms", r.get(f"akhbar_w{most}_over_user_200ms"), ">=", 10.0),
        (f"{most} workers vs {least} worker, 0 ms", r.get(f"w{most}_over_w{least}_0ms"), ">=", 1.7),
        ("CPU overhead over the plain loop", r.get("overhead_cpu_vs_plain"), "<=", 0.25),
        ("peak memory, MiB (PSS, whole process tree)", r.get("peak_pss_mb_max_akhbar"), "<=", 1.5 * GIB_MB),
        ("memory growth, full size over smallest", r.get("memory_growth_full_over_smallest"), "<=", FLAT_LIMIT),
    ]
    out = []
    for goal, value, op, target in rows:
        ok = None if value is None else (value >= target if op == ">=" else value <= target)
        out.append({"goal": goal, "value": value, "target": f"{op} {target:g}", "pass": ok})
    return out


def _fmt(v) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:.2f}" if abs(v) < 100 else f"{v:.0f}"
    return str(v)


def markdown(result: dict) -> str:
    runs = result["runs"]
    site = result["site"]
    lines = [f"## Benchmark {result['started_at']}",
             "",
             f"`{result['command']}` on {result['machine']['cpus']} cores (load average at start "
             f"{', '.join(f'{x:.1f}' for x in result['machine']['loadavg_start'])}); site: {site['articles']} "
             f"articles in {site['feeds']} feeds on {site['hosts']} hosts, {site['mean_page_kb']} KiB per page.",
             "",
             "| run | workers | latency ms | articles | written | articles/s | CPU ms/article | peak PSS MiB | wall s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in runs:
        lines.append(f"| {r['name']}{'' if r['ok'] else ' (FAILED)'} | {r['workers']} | {int(r['latency_ms'])} | "
                     f"{r['entries']} | {r['written']} | {_fmt(r['articles_per_s'])} | {_fmt(r['cpu_ms_per_article'])} | "
                     f"{_fmt(r['peak_pss_mb'])} | {_fmt(r['wall_s'])} |")
    lines += ["", "| goal | measured | target | met |", "|---|---:|---:|:---:|"]
    for g in result["goals"]:
        lines.append(f"| {g['goal']} | {_fmt(g['value'])} | {g['target']} | "
                     f"{'n/a' if g['pass'] is None else ('yes' if g['pass'] else 'NO')} |")
    extra = {k: v for k, v in result.get("ratios", {}).items() if not isinstance(v, list)}
    if extra:
        lines += ["", "All ratios: " + ", ".join(f"`{k}` {_fmt(v)}" for k, v in extra.items())]
    rounds = {k: v for k, v in result.get("ratios", {}).items() if k.endswith("_by_round")}
    if rounds:
        lines += ["", "Several rounds (`--repeat`): the goals and ratios use each configuration's median rate; "
                  "per round: " + ", ".join(f"`{k}` {', '.join(_fmt(x) for x in v)}" for k, v in rounds.items())]
    staged = [r for r in runs if r.get("stage_cpu_ms_per_article") and r["latency_ms"] == 0
              and r["kind"] != "akhbar-memory"]
    if staged:
        stages: List[str] = []
        for r in staged:
            stages += [s for s in r["stage_cpu_ms_per_article"] if s not in stages]
        lines += ["", "CPU ms per article by stage (py-spy samples scaled to measured CPU, 0 ms latency):", "",
                  "| stage | " + " | ".join(r["name"] for r in staged) + " |",
                  "|---|" + "---:|" * len(staged)]
        for s in stages:
            lines.append(f"| {s} | " + " | ".join(_fmt(r["stage_cpu_ms_per_article"].get(s)) for r in staged) + " |")
    lines.append("")
    return "\n".join(lines)


def main(argv=None) -> int:
    """Re-derive ratios, goals and the table of a saved result: ``python -m bench.report FILE.json``."""
    import json
    import sys
    from pathlib import Path

    path = Path((argv or sys.argv[1:])[0])
    result = json.loads(path.read_text(encoding="utf-8"))
    result["ratios"] = ratios(result["runs"])
    result["goals"] = goals(result["ratios"], result["runs"])
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    text = markdown(result)
    path.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
