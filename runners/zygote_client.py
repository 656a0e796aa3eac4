"""The worker command line when a zygote runs (runners/zygote.py): ask it for a worker, wait, exit alike.

Plain standard library, run with ``python -S`` so it starts in milliseconds. When the zygote cannot be
reached it becomes an ordinary worker process instead (``python -m akhbar.runners.worker``).
"""
import json
import os
import socket
import sys


def main() -> int:
    path = os.environ.get("AKHBAR_ZYGOTE", "")
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(path)
        conn.sendall(json.dumps(dict(os.environ)).encode("utf-8") + b"\n")
    except OSError:
        os.execv(sys.executable, [sys.executable, "-m", "akhbar.runners.worker"])
    reply = b""
    while True:  # "pid N\n", then "exit CODE\n" when the worker ends
        chunk = conn.recv(4096)
        if not chunk:
            return 1  # the zygote died: its worker with it
        reply += chunk
        for line in reply.decode("ascii", "replace").splitlines():
            if line.startswith("exit "):
                return int(line.split()[1])


if __name__ == "__main__":
    sys.exit(main())
