"""A warm parent for local worker processes: imports once, then forks a worker for each request.

A run in waves (pipeline/waves_run.py) runs one pipeline per wave, and Beam's local runner starts new worker
processes for every pipeline. A fresh worker spends ~1.5 s of CPU importing Beam, trafilatura and the
extractors and loading their data, every wave, in every worker. The zygote does that once: it is started
by the launcher (``start``), imports and warms everything, and then forks one child per worker request.
The child starts with every module and table in place and shares their memory pages with the zygote
until it writes to them (PSS counts each shared page once in all).

Beam starts a worker by running a command line; ours (``runners/zygote_client.py``, plain Python without
site packages) connects to the zygote's socket, sends its environment (Beam's endpoints, options and worker
id), and waits: the zygote forks, the child runs Beam's SDK harness, and the child's exit status goes back
to the client, which exits with it. A client that dies takes its child with it; the zygote ends when the
launcher closes its stdin (or dies). When no zygote answers, the client starts a plain worker instead.
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
from typing import Dict, Optional

ENV = "AKHBAR_ZYGOTE"  # the socket's path, for the client
_started: Optional[subprocess.Popen] = None


def start() -> str:
    """Start the zygote for this launcher (once) and return the worker command line that uses it."""
    global _started
    if _started is None or _started.poll() is not None:
        path = os.path.join(tempfile.mkdtemp(prefix="akhbar-zygote-"), "socket")
        _started = subprocess.Popen([sys.executable, "-m", "akhbar.runners.zygote", path], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE)
        _started.stdout.readline()  # "ready" once warm (or "" if it failed: the client then starts plain workers)
        os.environ[ENV] = path  # Beam's worker command inherits the launcher's environment
    client = os.path.join(os.path.dirname(os.path.abspath(__file__)), "zygote_client.py")
    return f"{sys.executable} -S {client}"


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


def warm() -> None:
    """Import what every worker imports, before any fork (no thread, no channel is started by it)."""
    from apache_beam.runners.worker import sdk_worker_main  # noqa: F401 (Beam's harness and grpc)

    from akhbar.pipeline import graph, waves_run  # noqa: F401 (every transform of the run and its imports)
    from akhbar.runners import worker  # noqa: F401
    from akhbar.runners.beam_speed import install
    from akhbar.runners.memory import tune_this_process

    install()
    tune_this_process()
    try:
        _load_data()
    except Exception:  # a warm-up that fails costs each worker its own loading, nothing else
        pass


#: A short Arabic news text of our own, enough to make every step load its tables and models.
_TITLE = "وزير الصحة يفتتح مستشفى جديداً في بغداد"
_BODY = ("افتتح وزير الصحة العراقي صباح اليوم الأحد مستشفى جديداً في بغداد بسعة 200 سرير.\n"
         "وقال الوزير في مؤتمر صحفي إن «المستشفى سيخدم أكثر من مليون مواطن» في جانب الرصافة.\n"
         "وأضاف أن الحكومة خصصت 15 مليار دينار لتجهيز المستشفى، على أن يكتمل العمل في 3 كانون الثاني المقبل.")


def _load_data() -> None:
    """Run each step once on a small text, so the lazily loaded tables and models are in the zygote."""
    import datetime as dt

    from akhbar.schemas.records import ExtractContext
    from akhbar.transforms import minhash
    from akhbar.transforms.extract import EXTRACTORS
    from akhbar.transforms.language import judge
    from akhbar.transforms.pages import main_text

    now = dt.datetime.now(dt.timezone.utc)
    judge(_TITLE, "", _BODY)
    context = ExtractContext(source_id="warm", country="IQ", timezone="Asia/Baghdad", published_at=now, fetched_at=now)
    for extract in EXTRACTORS.values():
        extract(_TITLE, _BODY, context)
    paragraphs = "".join(f"<p>{line}</p>" for line in _BODY.split("\n"))
    main_text(f"<html><body><article><h1>{_TITLE}</h1>{paragraphs}</article></body></html>".encode(),
              {"Content-Type": "text/html; charset=utf-8"}, "http://127.0.0.1/warm.html")
    minhash.signature(_BODY * 3)


def _child(environment: Dict[str, str], inherited) -> None:
    """In the forked child: become a worker; never return into the zygote's loop."""
    code = 1
    try:
        for handle in inherited:  # the zygote's sockets: another client must see its own worker's end only
            handle.close()
        # The zygote's stdout is a pipe the launcher read "ready" from and reads no more: anything a worker
        # printed there would fill it and block the worker. Its stdout goes to stderr, as a plain worker's
        # output would reach the run's log.
        os.dup2(2, 1)
        os.environ.clear()
        os.environ.update(environment)
        from akhbar.runners.worker import main

        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # the harness failed: Beam logged it already
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve(path: str) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, "accept")
    selector.register(sys.stdin, selectors.EVENT_READ, "launcher")
    children: Dict[int, socket.socket] = {}  # pid -> its client's connection
    by_conn: Dict[socket.socket, int] = {}
    gc.freeze()  # what was imported stays out of the collector's way, so the children do not copy it
    print("ready", flush=True)
    try:
        while True:
            for key, _ in selector.select(timeout=0.05):
                if key.data == "launcher":
                    if not os.read(sys.stdin.fileno(), 1024):
                        return  # the launcher is done (or dead)
                elif key.data == "accept":
                    conn, _ = listener.accept()
                    selector.register(conn, selectors.EVENT_READ, "request")
                elif key.data == "request":
                    conn = key.fileobj
                    pid = by_conn.get(conn)
                    if pid is None:
                        message = _read_line(conn)
                        selector.unregister(conn)
                        if message is None:
                            conn.close()
                            continue
                        pid = os.fork()
                        if pid == 0:
                            _child(json.loads(message), [listener, conn, selector, *by_conn])
                        children[pid], by_conn[conn] = conn, pid
                        selector.register(conn, selectors.EVENT_READ, "request")
                        conn.sendall(f"pid {pid}\n".encode())
                    elif not conn.recv(16):  # the client went away: so does its worker
                        _kill(pid)
            _reap(children, by_conn, selector)
    finally:
        for pid in list(children):
            _kill(pid)
        listener.close()
        shutil.rmtree(os.path.dirname(path), ignore_errors=True)


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


def _reap(children: Dict[int, socket.socket], by_conn: Dict[socket.socket, int], selector) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = children.pop(pid, None)
        if conn is None:
            continue
        by_conn.pop(conn, None)
        try:
            selector.unregister(conn)
            conn.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
        except (OSError, KeyError, ValueError):
            pass
        conn.close()


if __name__ == "__main__":
    warm()
    serve(sys.argv[1])
