"""Check each file in a worker process of its own: bounded in time and memory, and stopped at once.

A forked worker per file, in a process group of its own (so that the terminal's Ctrl-C reaches only the
parent, which then stops every worker and whatever they started), with an address-space limit
(resource.RLIMIT_AS) and a wall-clock deadline kept by the parent. A worker past its deadline is killed
with its group; a worker that runs out of memory reports it, or dies, and the file gets a failing
outcome that says which limit it hit. The other files go on.

Forking keeps the parent's loaded checks and settings; where the platform cannot fork, the caller
checks files in its own process, with the stream caps only. The children are plain ``os.fork`` processes
that send one pickled result each through a pipe: multiprocessing, which would do the same, costs a
fifth of a short check's start-up to import (sockets, tempfile, subprocess), before any work can begin.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import Any

from preflight import processes
from preflight.interrupt import reset_in_child
from preflight.paths import Stamp, file_stamp
from preflight.pdf.budget import Budget, set_active
from preflight.processes import Receiver, Sender, can_isolate, text_ahead_pays

__all__ = ["can_isolate", "text_ahead_pays"]  # where the callers look for them

Work = Callable[[str], Any]


@dataclass(frozen=True)
class Done:
    value: Any


@dataclass(frozen=True)
class OverTime:
    seconds: float


@dataclass(frozen=True)
class OutOfMemory:
    detail: str


@dataclass(frozen=True)
class Failed:
    """The worker could not give its result (it does not pickle, or something outside the checks raised)."""

    error: str


Result = Done | OverTime | OutOfMemory | Failed


def _die_with_parent() -> None:
    """Linux: the kernel kills the worker if the parent dies, even by SIGKILL, so none is left behind."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit_memory(memory_bytes: int) -> None:
    if not memory_bytes:
        return
    import resource

    # What the file's check may add to what the worker holds at its start (the parent's modules).
    limit = _address_space() + memory_bytes
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _enter_child(budget: Budget) -> None:
    """What every forked child does first: its own process group, default signals, death with the parent,
    and the file's budget (stream caps, memory limit)."""
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    reset_in_child()
    _die_with_parent()
    set_active(budget)
    _limit_memory(budget.memory_bytes)


def _child(connection: Sender, work: Work, item: str, budget: Budget) -> None:
    _enter_child(budget)
    result: Result
    try:
        result = Done(work(item))
    except MemoryError:
        result = OutOfMemory("")
    except BaseException as error:  # reported to the parent, which decides; a worker never prints a traceback
        result = Failed(f"{type(error).__name__}: {error}")
    try:
        connection.send(result)
    except MemoryError:
        connection.send(OutOfMemory("MemoryError"))
    except Exception as error:
        connection.send(Failed(f"{type(error).__name__}: {error}"))
    finally:
        connection.close()
    os._exit(0)


@dataclass
class _Running:
    index: int
    pid: int
    connection: Receiver
    deadline: float | None
    exit_code: int | None = None
    reaped: bool = False

    def reap(self) -> None:
        if not self.reaped:
            self.exit_code = processes.reap(self.pid)
            self.reaped = True


def _stop(running: _Running) -> None:
    """Kill the worker's whole process group (what it started too) and reap it."""
    if not running.reaped:
        running.exit_code = processes.stop(running.pid)
        running.reaped = True
    running.connection.close()


def _ended(running: _Running) -> Result:
    running.reap()
    code = running.exit_code
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        return OutOfMemory(name)  # most likely the allocator giving up at the limit (abort, segfault)
    return Failed(f"the worker ended with status {code} without a report")


def run_each(items: Sequence[str], work: Work, budget: Budget, jobs: int) -> Generator[tuple[int, Result], None, None]:
    """Yield (index, result) as each item's worker finishes, at most ``jobs`` at a time.

    Closing the generator, or an exception (Ctrl-C) while it waits, kills every worker still running.
    """
    pending = list(enumerate(items))
    pending.reverse()
    running: dict[int, _Running] = {}
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                index, item = pending.pop()
                pid, receiver = processes.fork(_child, work, item, budget)
                deadline = time.monotonic() + budget.seconds if budget.seconds else None
                running[index] = _Running(index, pid, receiver, deadline)
            deadlines = [r.deadline for r in running.values() if r.deadline is not None]
            timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            ready = processes.readable([r.connection for r in running.values()], timeout)
            now = time.monotonic()
            for index, worker in list(running.items()):
                result: Result | None = None
                if worker.connection.fd in ready:
                    # A message, or the end of file of a worker that died without one (its pipe closes with it).
                    try:
                        result = worker.connection.recv()
                    except (EOFError, OSError, pickle.UnpicklingError):
                        result = _ended(worker)
                elif worker.deadline is not None and now >= worker.deadline:
                    result = OverTime(budget.seconds or 0)
                if result is None:
                    continue
                _stop(worker)
                del running[index]
                yield index, result
    finally:
        for worker in running.values():
            _stop(worker)


SPLIT_PAGES = 60
"""From this many pages on, two text children each read half of the file's pages."""


class TextAhead:
    """One file's text, read by PDFium in processes of their own while the main process loads the checks.

    A single file's worker is forked once every check is imported, and its text extraction (the largest
    part of a check) would only start then; started first, it runs beside that loading on another
    processor. A file of SPLIT_PAGES pages or more is read in two halves by two children, as a long file's
    reading outlasts the loading of the checks and the worker would wait for it. A shorter file is read by
    the first child, while the second walks its fonts (preflight.pdf.structure.collect_fonts, the worker's
    other long step before its checks can run).

    Each child has a worker's budget (stream caps, memory limit, its own process group, killed with the run
    by ``stop``). Nothing that happens there is reported: when a child fails or is stopped, the worker does
    the work itself, and what happens then is what the report says.

    The children read the file as the worker does (pikepdf for the page count and the fonts' ligatures, then
    PDFium: preflight.pdf.pdfium_text), so the pages and fonts are the ones the worker would get; PDFium
    parses the file only there, pikepdf in each process. pikepdf is imported before the children are forked,
    as the worker needs it too: the children's work, the longer path, starts with it loaded. The exception is
    the first child of a run that starts with its text (start_early, from preflight.launch): forked before the
    command line is imported, it imports what it needs itself, beside the main process's own imports.
    """

    def __init__(self, path: str, budget: Budget, children: int = 2, started: int | None = None) -> None:
        """Fork the first ``started`` children (all by default) of ``children``; ``start_rest`` forks the others."""
        self.path = path
        self._count = children
        self._children: list[_Running] = []
        self._received: dict[tuple[int, str], Any] = {}
        self._start(budget, children if started is None else started, preload=started is None)

    def _start(self, budget: Budget, upto: int, preload: bool = True) -> None:
        if preload:
            # Imported before the fork: the worker needs them too, and the children's reading starts with them
            # loaded. Not for the first child when it starts before the command line is imported (start_early).
            import pikepdf  # noqa: F401

            from preflight.pdf import pdfium_text, structure  # noqa: F401
        for index in range(len(self._children), upto):
            pid, receiver = processes.fork(read_text, self.path, budget, index, self._count)
            self._children.append(_Running(index, pid, receiver, None))

    @classmethod
    def adopting(cls, path: str, budget: Budget, pid: int, receiver: Receiver) -> TextAhead:
        """The read ahead whose first child was forked already (preflight.launch.start_early), as ``pid``."""
        ahead = cls(path, budget, started=0)
        ahead._children.append(_Running(0, pid, receiver, None))
        return ahead

    def start_rest(self, budget: Budget) -> None:
        """Fork the children not started yet (the run knows then that it needs them: no cached report)."""
        if len(self._children) < self._count:
            self._start(budget, self._count)

    def _receive(self, index: int, what: str) -> Any:
        """Child ``index``'s ``what`` ("role", then "payload"), read once; None when it sent nothing readable."""
        key = (index, what)
        if key not in self._received:
            if what == "payload" and self._receive(index, "role") is None:
                self._received[key] = None
            else:
                try:
                    self._received[key] = self._children[index].connection.recv()
                except (EOFError, OSError, pickle.UnpicklingError, MemoryError):
                    self._received[key] = None
        return self._received[key]

    def _role(self, index: int, stamp: Stamp | None) -> str | None:
        """What child ``index`` does ("pages", "fonts", "part", "none"), said as soon as it has counted the
        pages; None when it said nothing, or when it opened another file than ``stamp`` says."""
        role = self._receive(index, "role")
        if not isinstance(role, tuple) or len(role) != 2 or (stamp is not None and role[1] != stamp):
            return None
        return str(role[0])

    def pages(self, stamp: Stamp | None = None) -> Any:
        """In the worker: the pages (preflight.pdf.text.PageText) once the text children send them, else None.

        With ``stamp`` (the file as the worker opened it), None unless every child read that same file."""
        from preflight.pdf.pdfium_text import join_parts

        parts = []
        second = []
        for index in range(len(self._children)):
            role = self._role(index, stamp)
            if role is None:
                return None
            if role not in ("pages", "part"):
                continue
            payload = self._receive(index, "payload")
            if payload is None:
                return None
            if role == "pages":
                return payload  # the whole file, read by the first child (a short file, or pdfminer's reading)
            parts.append(payload[0])
            second.extend(payload[1])
        return join_parts(parts, second) if parts else None

    def fonts(self, stamp: Stamp | None = None) -> Any:
        """In the worker: the fonts (preflight.pdf.structure.collect_fonts) when the second child collects
        them (a short file, whose text the first child reads alone) from the file as ``stamp`` says, else None
        at once, without waiting for a child that reads text."""
        if len(self._children) < 2 or self._role(1, stamp) != "fonts":
            return None
        return self._receive(1, "payload")

    def stop(self) -> None:
        """Kill the text children and their groups if they still run, and reap them."""
        for child in self._children:
            _stop(child)


def take_early(path: str, budget: Budget) -> TextAhead | None:
    """The text read since the start of the process (preflight.launch), when it reads ``path``, with its other
    children started within ``budget``; else None (and what was started stops)."""
    from preflight import launch

    early = launch.take_early()
    if early is None:
        return None
    early_path, pid, receiver = early
    ahead = TextAhead.adopting(early_path, budget, pid, receiver)
    try:
        same = os.path.samefile(early_path, path)
    except OSError:
        same = False
    if not same:
        ahead.stop()
        return None
    ahead.start_rest(budget)
    return ahead


def read_text(connection: Sender, path: str, budget: Budget, index: int, children: int) -> None:
    """Child ``index`` of ``children``: the whole file's pages (the first child, when the file is short or
    read by pdfminer) and its fonts (the second child then), or its share of the pages, read by PDFium."""
    _enter_child(budget)
    try:
        import pikepdf

        from preflight.pdf import pdfium_text

        # The worker's own reading (preflight.dossier.Dossier.pages), without the checks of Dossier's opening:
        # a file the worker refuses never asks for this text, and a file too large for this child's budget
        # leaves it without pages, so that the worker reads them itself.
        before = file_stamp(path)
        with pikepdf.open(path) as pdf:
            count = len(pdf.pages)
            whole = count < SPLIT_PAGES or children == 1 or pdfium_text.selected_engine() == "pdfminer"
            role = ("pages" if index == 0 else "fonts" if index == 1 else "none") if whole else "part"
            connection.send((role, before))  # at once: the worker knows whether to wait for fonts or walk them itself
            payload: object
            if role == "pages":
                payload = pdfium_text.extract_pages(path, count, pdf)
            elif role == "fonts":  # the text is the first child's: this one walks the fonts, as the worker would
                from preflight.pdf.structure import collect_fonts

                payload = collect_fonts(pdf)
            elif role == "part":
                start, stop = count * index // children, count * (index + 1) // children
                part = pdfium_text.read_part(path, count, pdf, start, stop)
                payload = (part, pdfium_text.second_reading(path, part, pdf))
            else:
                return
        if before is not None and file_stamp(path) == before:  # else the file changed while it was read
            connection.send(payload)
    except BaseException:  # never reported: the worker reads the text itself
        pass
    finally:
        with contextlib.suppress(OSError):
            connection.close()
        os._exit(0)
