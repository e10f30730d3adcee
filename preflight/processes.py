"""Forked children that send their results through a pipe, with nothing heavy imported.

The entry point (preflight.launch) forks the first text reader before the command line is even imported,
so what it needs is here, apart from preflight.workers and its dataclasses: a pipe that carries
length-prefixed pickles, the fork, the reaping, and the rule for when reading ahead pays. multiprocessing
would do the same, but costs a fifth of a short check's start-up to import (sockets, tempfile, subprocess).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any


def can_isolate() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


_HEADER = 8
"""Bytes of the length that comes before each message on a pipe."""


class Sender:
    """A child's end of its pipe: each message is its length, then its bytes."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def send_bytes(self, data: bytes) -> None:
        view = memoryview(len(data).to_bytes(_HEADER, "big") + data)
        while view:
            view = view[os.write(self.fd, view) :]

    def send(self, value: object) -> None:
        import pickle

        self.send_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class Receiver:
    """The parent's end of a child's pipe (inherited by the worker for the text children's pipes)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def fileno(self) -> int:
        return self.fd

    def _read_exactly(self, count: int) -> bytes:
        chunks = []
        while count:
            chunk = os.read(self.fd, min(count, 1 << 20))
            if not chunk:
                raise EOFError("the child closed its pipe")
            chunks.append(chunk)
            count -= len(chunk)
        return b"".join(chunks)

    def recv_bytes(self) -> bytes:
        return self._read_exactly(int.from_bytes(self._read_exactly(_HEADER), "big"))

    def recv(self) -> Any:
        import pickle

        return pickle.loads(self.recv_bytes())

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def fork(target: Callable[..., None], *args: object) -> tuple[int, Receiver]:
    """Fork a child that runs ``target(sender, *args)`` and must end with os._exit; in a process group of its
    own, set here before the child sets it too, so that killing the group never races with the child."""
    read_end, write_end = os.pipe()
    for stream in (sys.stdout, sys.stderr):  # else what they hold is written twice, once by the child
        with contextlib.suppress(Exception):
            stream.flush()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            target(Sender(write_end), *args)
        finally:
            os._exit(0)
    os.close(write_end)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)
    return pid, Receiver(read_end)


def reap(pid: int, timeout: float = 1.0) -> int | None:
    """The child's exit code (negative: the signal that ended it), waiting at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return None  # reaped already
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.001)


def stop(pid: int) -> int | None:
    """Kill the child's whole process group (what it started too) and reap it: its exit code, as ``reap``."""
    import signal

    with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, OSError):
        os.kill(pid, signal.SIGKILL)
    return reap(pid)


def readable(receivers: Sequence[Receiver], timeout: float | None) -> set[int]:
    """The file descriptors among ``receivers`` that have a message or an end of file, within ``timeout``."""
    import select

    poller = select.poll()
    for receiver in receivers:
        poller.register(receiver.fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    milliseconds = None if timeout is None else max(0, int(timeout * 1000) + 1)
    return {fd for fd, _event in poller.poll(milliseconds)}


def text_ahead_pays() -> bool:
    """Whether reading a single file's text ahead (TextAhead) can save time: a fork, and a processor free.

    On one processor, or one already busy (the load average above the processors but one), the text
    child only adds its imports to the work; PREFLIGHT_TEXT_AHEAD=0 turns it off, =1 on regardless of load."""
    setting = os.environ.get("PREFLIGHT_TEXT_AHEAD", "")
    processors = os.cpu_count() or 1
    if setting == "0" or not can_isolate() or processors < 2:
        return False
    if setting == "1":
        return True
    try:
        return os.getloadavg()[0] < processors - 0.5
    except OSError:
        return True
