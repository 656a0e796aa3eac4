"""Run one command and measure it as a whole process tree: wall time, CPU seconds, peak memory.

Beam's local runner forks worker processes, so the parent's own figures say little. CPU comes from
``wait4`` (the child and every descendant it reaped) cross-checked against /proc polling of each process
seen; peak memory is the largest sum over the live tree, polled, both RSS (double counts shared pages)
and PSS (shares them out; the honest figure). Optionally py-spy samples the tree to attribute CPU to
stages (bench/stages.py). Peak PSS is also broken down by role: the launcher (the measured process),
Beam's worker processes (``akhbar.runners.worker``), and anything else, both each role's own peak and the
split at the moment of the tree's peak.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measured:
    returncode: int
    wall_s: float
    cpu_s: float
    cpu_user_s: float
    cpu_sys_s: float
    peak_rss_mb: float
    peak_pss_mb: float
    peak_procs: int
    timed_out: bool = False
    profile_file: Optional[str] = None
    memory_trace: List[List[float]] = field(default_factory=list)  # [seconds, pss_mb] every ~2 s
    #: {"launcher": peak, "workers": peak of their sum, "zygote": peak of the workers' warm parent,
    #: "worker_max": largest single worker, "workers_seen": worker processes over the run,
    #: "at_peak": {"launcher", "workers": [each], "zygote", "other"}}, PSS MiB; "cpu_s": CPU seconds by role
    #: (polled, so a process shorter than a poll may be missed)
    pss_by_role: Dict[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def _ppid_map() -> Dict[int, int]:
    out = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        rest = stat[stat.rfind(b")") + 2:].split()
        out[int(name)] = int(rest[1])
    return out


def descendants(root: int, parents: Optional[Dict[int, int]] = None) -> List[int]:
    kids: Dict[int, List[int]] = {}
    for pid, ppid in (parents if parents is not None else _ppid_map()).items():
        kids.setdefault(ppid, []).append(pid)
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def _proc_cpu_ticks(pid: int) -> Optional[int]:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            rest = fh.read().rsplit(b")", 1)[1].split()
        return int(rest[11]) + int(rest[12])  # utime + stime (fields 14, 15)
    except (OSError, IndexError):
        return None


WORKER_MARK = b"akhbar.runners.worker"
ZYGOTE_MARK = b"akhbar.runners.zygote"  # runners/zygote.py: its forked children are the workers


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read()
    except OSError:
        return b""


def _role(pid: int, root: int, parents: Dict[int, int]) -> str:
    if pid == root:
        return "launcher"
    cmdline = _cmdline(pid)
    if ZYGOTE_MARK in cmdline:
        return "worker" if ZYGOTE_MARK in _cmdline(parents.get(pid, 0)) else "zygote"
    # a worker's shell (Beam starts the command through /bin/sh) and the zygote's clients hold almost nothing
    return "worker" if WORKER_MARK in cmdline and not cmdline.startswith(b"/bin/sh") else "other"


def _mb(value: float) -> float:
    return round(value / 2**20, 1)


def _proc_mem(pid: int) -> tuple:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                rss = pss = int(fh.read().split()[1]) * PAGE
        except OSError:
            pass
    return rss, pss


class _Poller(threading.Thread):
    def __init__(self, root: int, interval: float):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.stop = threading.Event()
        self.peak_rss = self.peak_pss = 0
        self.peak_procs = 0
        self.cpu_ticks: Dict[int, int] = {}
        self.trace: List[List[float]] = []
        self.t0 = time.monotonic()
        self.roles: Dict[int, str] = {}
        self.role_peak: Dict[str, int] = {"launcher": 0, "workers": 0, "other": 0, "zygote": 0}
        self.worker_peak: Dict[int, int] = {}
        self.at_peak: Dict[str, object] = {}

    def run(self) -> None:
        last_trace = -10.0
        while not self.stop.is_set():
            parents = _ppid_map()
            pids = descendants(self.root, parents)
            rss = pss = 0
            split = {"launcher": 0, "workers": [], "other": 0, "zygote": 0}
            for pid in pids:
                r, p = _proc_mem(pid)
                rss += r
                pss += p
                if pid not in self.roles:
                    self.roles[pid] = _role(pid, self.root, parents)
                role = self.roles[pid]
                if role == "worker":
                    split["workers"].append(p)
                    self.worker_peak[pid] = max(p, self.worker_peak.get(pid, 0))
                else:
                    split[role] += p
                ticks = _proc_cpu_ticks(pid)
                if ticks is not None:
                    self.cpu_ticks[pid] = max(ticks, self.cpu_ticks.get(pid, 0))
            self.peak_rss = max(self.peak_rss, rss)
            for role, value in (("launcher", split["launcher"]), ("workers", sum(split["workers"])),
                                ("other", split["other"]), ("zygote", split["zygote"])):
                self.role_peak[role] = max(self.role_peak[role], value)
            if pss > self.peak_pss:
                self.at_peak = {"launcher": _mb(split["launcher"]), "other": _mb(split["other"]),
                                "zygote": _mb(split["zygote"]),
                                "workers": [_mb(w) for w in sorted(split["workers"], reverse=True)]}
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_procs = max(self.peak_procs, len(pids))
            now = time.monotonic() - self.t0
            if now - last_trace >= 2.0:
                self.trace.append([round(now, 1), round(pss / 2**20, 1)])
                last_trace = now
            self.stop.wait(self.interval)

    def by_role(self) -> Dict[str, object]:
        cpu: Dict[str, float] = {}
        for pid, ticks in self.cpu_ticks.items():
            role = self.roles.get(pid, "other")
            cpu[role] = round(cpu.get(role, 0.0) + ticks / TICK, 2)
        return {"cpu_s": cpu, "launcher": _mb(self.role_peak["launcher"]), "workers": _mb(self.role_peak["workers"]),
                "other": _mb(self.role_peak["other"]), "zygote": _mb(self.role_peak["zygote"]),
                "worker_max": _mb(max(self.worker_peak.values(), default=0)),
                "workers_seen": len(self.worker_peak), "at_peak": self.at_peak}


def run_measured(cmd: List[str], *, cwd: Optional[str] = None, env: Optional[dict] = None,
                 stdout_path: Path, stderr_path: Path, timeout: float = 3600.0, poll: float = 0.25,
                 profile_to: Optional[Path] = None, profile_rate: int = 50) -> Measured:
    """Run ``cmd`` to completion (killing its process group after ``timeout``) and measure its tree."""
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, start_new_session=True)
        poller = _Poller(proc.pid, poll)
        poller.start()
        spy = None
        if profile_to is not None and shutil.which("py-spy", path=_venv_bin()):
            spy = subprocess.Popen([shutil.which("py-spy", path=_venv_bin()), "record", "--pid", str(proc.pid),
                                    "--subprocesses", "--nonblocking", "--gil", "--rate", str(profile_rate),
                                    "--format", "raw", "-o", str(profile_to)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        timed_out = False
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - t0
        poller.stop.set()
        poller.join()
        if spy is not None:
            try:
                spy.wait(timeout=30)
            except subprocess.TimeoutExpired:
                spy.terminate()
                spy.wait()
        proc.returncode = os.waitstatus_to_exitcode(status)
    polled_cpu = sum(poller.cpu_ticks.values()) / TICK
    waited_cpu = usage.ru_utime + usage.ru_stime
    return Measured(returncode=proc.returncode, wall_s=round(wall, 3), cpu_s=round(max(waited_cpu, polled_cpu), 3),
                    cpu_user_s=round(usage.ru_utime, 3), cpu_sys_s=round(usage.ru_stime, 3),
                    peak_rss_mb=round(poller.peak_rss / 2**20, 1), peak_pss_mb=round(poller.peak_pss / 2**20, 1),
                    peak_procs=poller.peak_procs, timed_out=timed_out,
                    profile_file=str(profile_to) if spy is not None and Path(profile_to).exists() else None,
                    memory_trace=poller.trace, pss_by_role=poller.by_role())


def _venv_bin() -> str:
    import sys

    return os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
