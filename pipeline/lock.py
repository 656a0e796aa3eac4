"""One run at a time per output: a second run on the same output refuses with a clear message.

Local output: ``DIR/_state/run.lock`` is held with ``flock``; the kernel releases it when the holder
exits or is killed (SIGKILL too), so a local lock is never stale. The file's JSON names the holder for
the refusal message.

Object stores (gs://, s3://) have no flock: the lock is the JSON file itself, refreshed every
``HEARTBEAT_SECONDS`` by the holder. It is stale, and taken over, when its heartbeat is older than
``stale_after`` (default 15 minutes), or when it names this host and a process id that is not running.
Creating it is check-then-write, so two runs started within the same second on an object store can
both get it: schedule object-store runs from one scheduler (cron, Cloud Scheduler) as well.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import socket
import threading
from typing import Optional

from akhbar.transforms import fsio

LOCK = "_state/run.lock"
HEARTBEAT_SECONDS = 60
STALE_AFTER = dt.timedelta(minutes=15)


class LockHeld(RuntimeError):
    """Another run holds the output."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def describe(holder: dict) -> str:
    return (f"run {holder.get('run_id', '?')} (pid {holder.get('pid', '?')} on {holder.get('host', '?')}, "
            f"started {holder.get('started_at', '?')}, last heartbeat {holder.get('heartbeat_at', '?')})")


def is_stale(holder: dict, now: dt.datetime, stale_after: dt.timedelta = STALE_AFTER) -> bool:
    """The rule for object-store locks: a dead local process, or no heartbeat for ``stale_after``."""
    if holder.get("host") == socket.gethostname() and isinstance(holder.get("pid"), int) and not _alive(holder["pid"]):
        return True
    try:
        beat = dt.datetime.fromisoformat(holder["heartbeat_at"])
    except (KeyError, TypeError, ValueError):
        return True
    return now - beat > stale_after


class OutputLock:
    """``with OutputLock(output, run_id):`` — raises LockHeld when another run holds ``output``."""

    def __init__(self, output: str, run_id: str, stale_after: dt.timedelta = STALE_AFTER):
        self.output, self.run_id, self.stale_after = output, run_id, stale_after
        self.path = fsio.join_path(output, *LOCK.split("/"))
        self._local = "://" not in output
        self._fd: Optional[int] = None
        self._stop = threading.Event()
        self._beat: Optional[threading.Thread] = None
        self.took_over: Optional[dict] = None  # the stale holder replaced, if any

    def _content(self) -> bytes:
        now = _now().isoformat(timespec="seconds")
        return json.dumps({"run_id": self.run_id, "pid": os.getpid(), "host": socket.gethostname(),
                           "started_at": self._started, "heartbeat_at": now}).encode("utf-8")

    def acquire(self) -> "OutputLock":
        self._started = _now().isoformat(timespec="seconds")
        if self._local:
            self._acquire_local()
        else:
            self._acquire_remote()
        return self

    def _acquire_local(self) -> None:
        import fcntl

        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_fd(fd)
            os.close(fd)
            raise LockHeld(f"{self.output} is in use by {describe(holder)}; this run did nothing. "
                           f"The lock is released when that process ends.") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, self._content(), 0)
        self._fd = fd

    def _acquire_remote(self) -> None:
        from apache_beam.io.filesystems import FileSystems

        if FileSystems.exists(self.path):
            holder = json.loads(fsio.read_bytes(self.path).decode("utf-8") or "{}")
            if holder.get("run_id") != self.run_id and not is_stale(holder, _now(), self.stale_after):
                raise LockHeld(f"{self.output} is in use by {describe(holder)}; this run did nothing. "
                               f"The lock counts as stale {int(self.stale_after.total_seconds() // 60)} "
                               f"minutes after its last heartbeat.")
            self.took_over = holder
        fsio.write_atomic(self.path, self._content())
        self._beat = threading.Thread(target=self._heartbeat, daemon=True)
        self._beat.start()

    def _heartbeat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                fsio.write_atomic(self.path, self._content())
            except Exception:  # a missed beat is survivable; fifteen in a row make the lock stale
                pass

    def release(self) -> None:
        self._stop.set()
        if self._local and self._fd is not None:
            os.close(self._fd)  # closing drops the flock; the file stays (unlinking would race a waiter)
            self._fd = None
        elif not self._local:
            if self._beat is not None:
                self._beat.join(timeout=5)
            from apache_beam.io.filesystems import FileSystems

            try:
                FileSystems.delete([self.path])
            except Exception:
                pass

    def __enter__(self) -> "OutputLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _read_fd(fd: int) -> dict:
    try:
        raw = os.pread(fd, 4096, 0)
        return json.loads(raw.decode("utf-8")) if raw else {}
    except (OSError, ValueError):
        return {}
