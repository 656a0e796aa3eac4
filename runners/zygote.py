"""A warm parent for local worker processes: imports once, forks workers, and reuses them across pipelines.

A run in waves (pipeline/waves_run.py) runs one pipeline per wave, and Beam's local runner starts new worker
processes for every pipeline. A fresh worker spends ~1.5 s of CPU importing Beam, trafilatura and the
extractors and loading their data, and then warms its per-word caches again, every wave, in every worker.
The zygote does the imports once: it is started by the launcher (``start``), imports and warms everything,
and forks a child when a worker is asked for and none is idle. The child shares the zygote's pages until
it writes to them (PSS counts each shared page once in all).

When Beam's harness ends (the runner closed the control channel), the child reports ``done CODE``. By
default it then ends, and the next pipeline's workers are fresh forks: a reused worker's heap keeps what
earlier waves left in it (``REUSES_ENV`` below). With ``AKHBAR_WORKER_REUSES`` above 1 a child gives back
what the harness held (runners/worker.py ``run_harness``) and waits for its next request, with warm caches.
A child whose harness failed ends instead of being reused.

Beam starts a worker by running a command line; ours (``runners/zygote_client.py``, plain Python without
site packages) connects to the zygote's socket, sends its environment (Beam's endpoints, options and worker
id), and waits: the zygote hands the request to a child, and the child's result goes back to the client,
which exits with it, as the worker process itself would. A client that dies takes its busy worker with it;
the zygote and every child end when the launcher closes the zygote's stdin (or dies). When no zygote
answers, the client starts a plain worker instead.
"""
from __future__ import annotations

import gc
import json
import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import traceback
from typing import Dict, List, Optional

ENV = "AKHBAR_ZYGOTE"  # the socket's path, for the client
#: Pipelines one worker process serves before it ends and a fresh fork takes its place (0: no limit).
#: A kept worker's memory grows with the articles it has seen (per-word caches, a fragmented heap): on the
#: 10k replay site, 2 workers, waves of 600, kept for the whole run: ~215 MiB each at the end, peak 686-695
#: MiB; ended after 3 pipelines: 150-184 MiB, peak 622 (mem4). At the default waves of 1,100, ended after 3
#: pipelines the workers still climbed from ~150 MiB after their first wave to ~195 by their third, and the
#: front's workers carried the parsing of every feed of the run into the first waves; a fresh fork for every
#: pipeline stays at ~140-165 (the size of a 1,000-article run's workers) for the same CPU per article
#: (3k replay site, back to back at load 5-6: 17.6 and 16.1 ms against 16.0 and 16.9 for 3 pipelines;
#: 10k: peak 649 against 715 MiB). A fork from the warm zygote costs ~0.1 s.
REUSES_ENV = "AKHBAR_WORKER_REUSES"
DEFAULT_REUSES = 1
_started: Optional[subprocess.Popen] = None
_ready = False  # the zygote said "ready" (or failed to)


def spawn() -> None:
    """Start the zygote for this launcher (once) without waiting for it: it warms up (~1.2 s of CPU) while
    the launcher imports Beam and builds its first graph, on the other core (``start`` waits)."""
    global _started, _ready
    if _started is None or _started.poll() is not None:
        from akhbar.runners.memory import export_for_workers

        export_for_workers()  # the zygote and its workers read the allocator settings at start-up
        path = os.path.join(tempfile.mkdtemp(prefix="akhbar-zygote-"), "socket")
        _started = subprocess.Popen([sys.executable, "-m", "akhbar.runners.zygote", path], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE)
        _ready = False
        os.environ[ENV] = path  # Beam's worker command inherits the launcher's environment


def start() -> str:
    """Start the zygote for this launcher (once), wait until it is warm, return the worker command line."""
    command = spawned_command()
    wait_ready()
    return command


def spawned_command() -> str:
    """The worker command line, the zygote spawned but not waited for: the launcher builds the pipeline's
    graph meanwhile, and calls ``wait_ready`` before running it."""
    spawn()
    client = os.path.join(os.path.dirname(os.path.abspath(__file__)), "zygote_client.py")
    return f"{sys.executable} -S {client}"


def wait_ready() -> None:
    """Wait until a spawned zygote is warm and listening (no-op without one, or once it said so)."""
    global _ready
    if _started is not None and not _ready:
        _started.stdout.readline()  # "ready" once warm (or "" if it failed: the client then starts plain workers)
        _ready = True


def stop() -> None:
    global _started
    if _started is not None:
        try:
            _started.stdin.close()
            _started.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            _started.kill()
        path = os.environ.pop(ENV, "")
        if path:
            shutil.rmtree(os.path.dirname(path), ignore_errors=True)
        _started = None


def workers_cpu() -> float:
    """CPU seconds used so far by this launcher's zygote workers (not its children, so ``getrusage`` does not
    see them): the ended ones as the zygote's reaped children (its ``cutime``/``cstime``), plus the live
    ones; 0 without a zygote or without /proc."""
    if _started is None:
        return 0.0
    try:
        names = os.listdir("/proc")
        ticks = sum(_stat(str(_started.pid))[13:15])  # cutime + cstime: its workers that ended
    except (OSError, IndexError, ValueError):
        return 0.0
    for name in names:
        if not name.isdigit():
            continue
        try:
            fields = _stat(name)
        except (OSError, IndexError, ValueError):
            continue
        if fields[1] == _started.pid:  # ppid; then utime and stime
            ticks += fields[11] + fields[12]
    return ticks / os.sysconf("SC_CLK_TCK")


def _stat(pid: str) -> List[int]:
    """The numeric fields of /proc/PID/stat after the command name (state as 0): ppid is [1], utime [11]."""
    with open(f"/proc/{pid}/stat", "rb") as handle:
        fields = handle.read().rsplit(b")", 1)[1].split()
    return [0] + [int(f) for f in fields[1:]]


def warm() -> None:
    """Import what every worker imports, before any fork (no thread, no channel is started by it)."""
    from apache_beam.runners.worker import sdk_worker_main  # noqa: F401 (Beam's harness and grpc)

    from akhbar.pipeline import graph, waves_run  # noqa: F401 (every transform of the run and its imports)
    from akhbar.runners import worker  # noqa: F401
    import pyarrow.compute  # noqa: F401 (the indexes read signatures with them: ~0.15 s per process otherwise)
    import pyarrow.dataset  # noqa: F401
    from akhbar.runners.beam_speed import install
    from akhbar.runners.memory import tune_this_process
    from akhbar.runners.warm_up import load_data

    install()
    tune_this_process()
    try:
        load_data()
    except Exception:  # a warm-up that fails costs each worker its own loading, nothing else
        pass


def _child(chan: socket.socket, message: str, inherited) -> None:
    """In the forked child: be a worker for this request and every later one; never return to the loop.

    Each request is one pipeline's worker (Beam's harness, run to its end); the child then reports
    ``done CODE`` on ``chan`` and waits there for the next request. It ends when the zygote closes
    ``chan`` (or dies), or after a harness that failed: a process in an unknown state is not reused.
    """
    code = 1
    try:
        for handle in inherited:  # the zygote's sockets: another client must see its own worker's end only
            handle.close()
        # The zygote's stdout is a pipe the launcher read "ready" from and reads no more: anything a worker
        # printed there would fill it and block the worker. Its stdout goes to stderr, as a plain worker's
        # output would reach the run's log.
        os.dup2(2, 1)
        from akhbar.runners import worker

        worker.prepare()
        while True:
            code = _serve_once(worker, json.loads(message))
            sys.stdout.flush()
            sys.stderr.flush()
            chan.sendall(f"done {code}\n".encode())
            if code != 0:
                break
            message = _read_line(chan)
            if message is None:  # the zygote is done
                break
    except BaseException:  # the zygote went away mid-report, or the setup failed
        code = code or 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _serve_once(worker, environment: Dict[str, str]) -> int:
    try:
        worker.run_harness(environment)
        return 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) and exc.code else 1
    except BaseException:
        traceback.print_exc()
        return 1


class _Worker:
    """A forked child as the zygote sees it: its channel, and the client it works for (None when idle)."""

    def __init__(self, pid: int, chan: socket.socket):
        self.pid, self.chan = pid, chan
        self.client: Optional[socket.socket] = None
        self.uses = 0


def serve(path: str) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, ("accept", None))
    selector.register(sys.stdin, selectors.EVENT_READ, ("launcher", None))
    workers: Dict[int, _Worker] = {}
    idle: List[int] = []  # finished children waiting for their next pipeline, most recent last
    gc.freeze()  # what was imported stays out of the collector's way, so the children do not copy it
    print("ready", flush=True)
    try:
        while True:
            for key, _ in selector.select(timeout=0.05):
                kind, pid = key.data
                if kind == "launcher":
                    if not os.read(sys.stdin.fileno(), 1024):
                        return  # the launcher is done (or dead)
                elif kind == "accept":
                    conn, _ = listener.accept()
                    selector.register(conn, selectors.EVENT_READ, ("request", None))
                elif kind == "request":
                    _assign(key.fileobj, selector, workers, idle, listener)
                elif kind == "client":  # the client went away while its worker works: so does the worker
                    if not key.fileobj.recv(16):
                        selector.unregister(key.fileobj)
                        _kill(pid)
                elif kind == "chan":
                    _finished(workers.get(pid), selector, idle)
            _reap(workers, idle, selector)
    finally:
        for pid in list(workers):
            _kill(pid)
        listener.close()
        shutil.rmtree(os.path.dirname(path), ignore_errors=True)


def _assign(conn: socket.socket, selector, workers: Dict[int, "_Worker"], idle: List[int], listener) -> None:
    """A client's request: hand it to an idle child, or fork a new one; tell the client the worker's pid."""
    message = _read_line(conn)
    selector.unregister(conn)
    if message is None:
        conn.close()
        return
    worker = None
    while idle and worker is None:
        candidate = workers.get(idle.pop())
        try:
            candidate.chan.sendall(message.encode("utf-8"))
            worker = candidate
        except (OSError, AttributeError):  # it died meanwhile: _reap will see it
            pass
    if worker is None:
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        others = [listener, conn, selector, mine]
        others += [w.chan for w in workers.values()] + [w.client for w in workers.values() if w.client]
        pid = os.fork()
        if pid == 0:
            _child(theirs, message, others)
        theirs.close()
        worker = workers[pid] = _Worker(pid, mine)
        selector.register(mine, selectors.EVENT_READ, ("chan", pid))
    worker.client = conn
    selector.register(conn, selectors.EVENT_READ, ("client", worker.pid))
    conn.sendall(f"pid {worker.pid}\n".encode())


def _finished(worker: Optional["_Worker"], selector, idle: List[int]) -> None:
    """A child said ``done CODE``: its client exits with CODE, and the child waits for the next request."""
    if worker is None:
        return
    try:
        data = worker.chan.recv(64)
    except OSError:
        data = b""
    if not data:  # the child ended: _reap tells its client
        selector.unregister(worker.chan)
        return
    code = int(data.split()[1]) if data.startswith(b"done ") else 1
    _tell(worker, code, selector)
    worker.uses += 1
    limit = _reuses()
    if code == 0 and (limit <= 0 or worker.uses < limit):
        idle.append(worker.pid)
    elif code == 0:  # served its share: closing its channel ends it (_reap collects it)
        selector.unregister(worker.chan)
        worker.chan.shutdown(socket.SHUT_RDWR)


def _reuses() -> int:
    try:
        return int(os.environ.get(REUSES_ENV, DEFAULT_REUSES))
    except ValueError:
        return DEFAULT_REUSES


def _tell(worker: "_Worker", code: int, selector) -> None:
    client, worker.client = worker.client, None
    if client is None:
        return
    try:
        selector.unregister(client)
    except (KeyError, ValueError):
        pass
    try:
        client.sendall(f"exit {code}\n".encode())
    except OSError:
        pass
    client.close()


def _read_line(conn: socket.socket) -> Optional[str]:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    return data.decode("utf-8")


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(workers: Dict[int, "_Worker"], idle: List[int], selector) -> None:
    while workers:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        worker = workers.pop(pid, None)
        if worker is None:
            continue
        if pid in idle:
            idle.remove(pid)
        try:
            selector.unregister(worker.chan)
        except (KeyError, ValueError):
            pass
        worker.chan.close()
        _tell(worker, os.waitstatus_to_exitcode(status), selector)


if __name__ == "__main__":
    warm()
    serve(sys.argv[1])
