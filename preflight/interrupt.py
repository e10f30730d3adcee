"""Ctrl-C and SIGTERM: one exception, raised once, that every layer lets through to the command line.

The first signal raises Interrupted wherever the main process is; later ones are ignored, so that the
clean-up it starts (stopping worker processes and Ghostscript, removing temporary files) is never cut
short and never hangs on a second Ctrl-C. The command line prints one line and exits 128 + the signal.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """A BaseException, as KeyboardInterrupt is: `except Exception` in a check must not swallow it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise_once(signum: int, frame: FrameType | None) -> None:
    for number in SIGNALS:
        signal.signal(number, signal.SIG_IGN)
    raise Interrupted(signum)


@contextlib.contextmanager
def raising_on_signals() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise Interrupted (once); the previous handlers come back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in SIGNALS}
    for number in SIGNALS:
        signal.signal(number, _raise_once)
    try:
        yield
    except Interrupted:
        raise  # the signals stay ignored: a second Ctrl-C must not interrupt the exit (nor print a traceback)
    except BaseException:
        _restore(previous)
        raise
    _restore(previous)


def _restore(previous: dict[signal.Signals, Any]) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)


def reset_in_child() -> None:
    """In a forked worker: the default dispositions, so that the parent's handler is not inherited."""
    for number in SIGNALS:
        signal.signal(number, signal.SIG_DFL)
