"""The `preflight` command's entry point: a single dossier's text starts being read before anything else.

Importing the command line (click, the reporters, the configuration) and then the checks takes about as
long as reading a short dossier's text. ``preflight check FILE`` with one file is what nearly every run
is, so the entry point looks at the arguments first, without click, and when they name one existing file
it forks the text readers (preflight.workers.TextAhead) at once; the full run adopts them, and every other
outcome (a cached report, a usage error, the file left alone by a ``dossier`` setting) stops them.

The look at the arguments only has to be safe, not complete: anything it does not understand starts
nothing, and the run then reads ahead where it did before (once the checks are loaded), or not at all.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from preflight.processes import Receiver, Sender

CHECK_VALUE_OPTIONS = frozenset(
    {"--profile", "-p", "--config", "--format", "-f", "--output", "-o", "--select", "--ignore", "--jobs", "-j"}
    | {"--baseline", "--timeout", "--lang"}
)
"""The options of ``preflight check`` that take a value (tests/test_launch.py holds this to click's list)."""

GROUP_VALUE_OPTIONS = frozenset({"--lang"})
"""The options of the ``preflight`` group, before the command name, that take a value."""


def single_file_checked(arguments: Sequence[str]) -> str | None:
    """The one file ``preflight check`` is asked to check, or None (another command, several paths, a
    folder, or arguments this look does not understand)."""
    position = 0
    while position < len(arguments) and arguments[position].startswith("-"):
        option = arguments[position]
        if option.split("=", 1)[0] not in GROUP_VALUE_OPTIONS:
            return None  # --version, --help, or an option we do not know
        position += 1 if "=" in option else 2
    if position >= len(arguments) or arguments[position] != "check":
        return None
    paths: list[str] = []
    rest = iter(arguments[position + 1 :])
    for argument in rest:
        if argument == "--":
            paths.extend(rest)
        elif argument.startswith("--"):
            if "=" not in argument and argument in CHECK_VALUE_OPTIONS:
                next(rest, None)
        elif argument.startswith("-") and argument != "-":
            letters = argument[1:]
            for index, letter in enumerate(letters):
                if f"-{letter}" in CHECK_VALUE_OPTIONS:
                    if index == len(letters) - 1:
                        next(rest, None)  # "-p inserm-dr"; "-pinserm-dr" holds its value
                    break
        else:
            paths.append(argument)
    if len(paths) != 1 or not os.path.isfile(paths[0]):
        return None
    return paths[0]


_early: tuple[str, int, Receiver] | None = None
"""The file whose text is being read since the start, its reader's process id, and the reader's pipe."""


def start_early(path: str) -> None:
    """Fork the first text reader of ``path`` (preflight.workers.read_text), where reading ahead pays.

    Only the first: on a cached report it is stopped unused, and alone it takes the other processor, not the
    one the run needs. The run starts the second once it knows it checks the file (workers.take_early).
    """
    global _early
    from preflight import processes

    if _early is not None or not processes.text_ahead_pays():
        return
    import atexit

    pid, receiver = processes.fork(_read_first_part, path)
    _early = (path, pid, receiver)
    atexit.register(stop_early)


def _read_first_part(sender: Sender, path: str) -> None:
    from preflight import workers
    from preflight.pdf.budget import from_environment

    workers.read_text(sender, path, from_environment(), 0, 2)


def take_early() -> tuple[str, int, Receiver] | None:
    """The reader started by ``start_early`` (the run takes it over), or None."""
    global _early
    early, _early = _early, None
    return early


def stop_early() -> None:
    """Stop the reader started by ``start_early`` when the run did not take it (a cached report, the end)."""
    early = take_early()
    if early is not None:
        from preflight import processes

        processes.stop(early[1])
        early[2].close()


def entry() -> None:
    """The process's entry point (the `preflight` script, ``python -m preflight``): ``main``, then a check
    run's exit without the interpreter's teardown (``PREFLIGHT_FAST_EXIT=0``: the usual exit, for a caller
    that runs it inside a process it keeps, as runpy does)."""
    main(exit_at_once=os.environ.get("PREFLIGHT_FAST_EXIT", "1") != "0")


GC_THRESHOLD = 50_000
"""Allocations between two collections of the youngest objects' reference cycles (Python's default: 700)."""


def main(exit_at_once: bool = False) -> None:
    from preflight.interrupt import Interrupted, raising_on_signals

    # A run creates hundreds of thousands of objects (the modules it imports, the lines of the text) and almost
    # no reference cycles: at Python's default, the cycle collector ran every 700 allocations and took about 5 %
    # of a run's processor time, finding next to nothing. Cycles are still collected, 70 times less often.
    gc.set_threshold(GC_THRESHOLD)
    path = None
    try:
        # From the first instant, Ctrl-C ends the run in one line (and stops what was started), as it does
        # once the command line is running (preflight.cli.GuardedGroup, which takes over the signals).
        with raising_on_signals():
            path = single_file_checked(sys.argv[1:])
            if path is not None:
                start_early(path)
            from preflight.cli import main as command_line

            command_line()
    except Interrupted as stop:
        _say_interrupted(stop)
        sys.exit(stop.exit_code)
    except SystemExit as done:
        if exit_at_once and path is not None:
            _exit_at_once(done.code)
        raise


def _exit_at_once(code: object) -> None:
    """End a check run without tearing the interpreter down: its report is written and flushed, the
    process's atexit handlers run, and freeing some thousands of objects and modules one by one (5 % of the
    main process's instructions on 40 pages, at the very end of the run) would only delay the exit status.
    Returns when an output cannot be flushed, for the usual exit to say so."""
    import atexit

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        return  # a message to print: the usual exit prints it
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()
    os._exit(status)


def _say_interrupted(stop: BaseException) -> None:
    """The command line's own line for an interruption, in the environment's language (--lang is not read yet)."""
    from preflight.i18n import language_from_environment, set_language, t

    set_language(language_from_environment())
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(t("cli.interrupted", signal=str(stop)) + "\n")
        sys.stderr.flush()
