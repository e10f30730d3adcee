"""Would a strict PDF parser accept this file? pypdf's strict reader stands for the portal's parser.

qpdf (pikepdf) repairs what it can and says so; many upload portals and document systems read PDFs with
stricter parsers that refuse the same file instead. pypdf with ``strict=True`` is such a parser. It is pure
Python, so a hostile file could keep it busy: the reading is bounded in time, and every error is caught.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

STRICT_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class StrictParse:
    accepted: bool | None
    """True: read without error; False: refused; None: not decided (time out, or pypdf itself failed)."""
    reason: str | None = None


class _TimedOut(BaseException):
    """A BaseException, so that no ``except Exception`` inside pypdf swallows it."""


def strict_parse(path: str | Path, timeout: float = STRICT_TIMEOUT_SECONDS) -> StrictParse:
    """Read the file with pypdf in strict mode: the trailer, the page tree and the document information."""
    if threading.current_thread() is threading.main_thread() and _alarm_is_free():
        try:
            with _alarm(timeout):
                return _read(path)
        except _TimedOut:
            return StrictParse(None, f"pypdf did not finish reading it within {timeout:g} s")
    # Not the main thread (no signals there): a helper thread, abandoned if it runs over.
    result: list[StrictParse] = []
    worker = threading.Thread(target=lambda: result.append(_read(path)), daemon=True)
    worker.start()
    worker.join(timeout)
    return result[0] if result else StrictParse(None, f"pypdf did not finish reading it within {timeout:g} s")


def _read(path: str | Path) -> StrictParse:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # its warnings would go to the user's terminal
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(path, strict=True)
            for page in reader.pages:
                page.get("/Contents")
            _ = reader.metadata
    except _TimedOut:
        raise
    except (PyPdfError, ValueError, KeyError, IndexError, TypeError, AssertionError) as exc:
        # pypdf's own errors, and the ones its parser raises on malformed objects
        return StrictParse(False, _reason(exc))
    except RecursionError:
        return StrictParse(False, "objects nested too deeply")
    except Exception as exc:
        return StrictParse(None, f"pypdf failed: {_reason(exc)}")
    finally:
        logger.setLevel(level)
    return StrictParse(True)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _alarm_is_free() -> bool:
    """SIGALRM exists and nobody (a test runner's timeout, say) has a timer running."""
    return hasattr(signal, "SIGALRM") and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise _TimedOut

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
