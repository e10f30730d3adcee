"""Which files a run checks: files as given, folders expanded to the PDFs below them, each file once."""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

__all__ = ["PathProblem", "expand_paths"]


@dataclasses.dataclass(frozen=True)
class PathProblem:
    """A path below a folder that could not be searched: reported, and the run fails."""

    path: str
    message_id: str  # an i18n id: cli.path-unreadable, cli.path-dangling, cli.path-loop
    detail: str

    def message(self) -> str:
        from preflight.i18n import t

        return t(self.message_id, path=self.path, detail=self.detail)


def _is_skipped_folder(path: Path) -> bool:
    """Hidden folders (.git among them) and virtual environments are searched only when named."""
    return path.name.startswith(".") or (path / "pyvenv.cfg").is_file()


def expand_paths(paths: Sequence[str], problems: list[PathProblem] | None = None) -> Iterator[str]:
    """Files as given; folders expanded to the PDFs below them, sorted; each file once, however it is named.

    Unreadable folders, dangling links and link loops below a folder are added to ``problems`` (when given).
    """
    seen: set[tuple[int, int]] = set()

    def first_time(path: str) -> bool:
        try:
            status = os.stat(path)
        except OSError:
            return True  # the check reports it
        identity = (status.st_dev, status.st_ino)
        if identity in seen:
            return False
        seen.add(identity)
        return True

    found: list[PathProblem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for name in _walk(path, found):
                if first_time(name):
                    yield name
        elif first_time(raw):
            yield raw
    if problems is not None:
        problems.extend(found)


def _walk(folder: Path, problems: list[PathProblem]) -> Iterator[str]:
    """The PDFs below a folder, sorted, following links to folders once and never in a loop."""
    ancestors: set[tuple[int, int]] = set()
    visited: set[tuple[int, int]] = set()

    def walk(current: Path) -> Iterator[str]:
        try:
            status = current.stat()
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(PathProblem(str(current), "cli.path-unreadable", error.strerror or str(error)))
            return
        identity = (status.st_dev, status.st_ino)
        if identity in visited:
            return
        visited.add(identity)
        ancestors.add(identity)
        for entry in entries:
            child = current / entry.name
            if entry.is_symlink():
                try:
                    target = child.stat()
                except OSError as error:
                    if error.errno == errno.ELOOP:
                        problems.append(PathProblem(str(child), "cli.path-loop", os.readlink(child)))
                    else:
                        problems.append(PathProblem(str(child), "cli.path-dangling", os.readlink(child)))
                    continue
                if stat.S_ISDIR(target.st_mode) and (target.st_dev, target.st_ino) in ancestors:
                    problems.append(PathProblem(str(child), "cli.path-loop", os.readlink(child)))
                    continue
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError:
                continue
            if is_dir:
                if not _is_skipped_folder(child):
                    yield from walk(child)
            elif is_file and child.suffix.lower() == ".pdf":
                yield str(child)
        ancestors.discard(identity)

    yield from walk(folder)


def synctex_paths(pdf: Path) -> tuple[Path, Path]:
    """Where LaTeX writes a PDF's SyncTeX file (``-synctex=1``), compressed or not."""
    return (pdf.with_suffix(".synctex.gz"), pdf.with_suffix(".synctex"))


Stamp = tuple[int, int, int]
"""A file's inode, size and modification time: what changes when it is rewritten."""


def file_stamp(path: str | Path) -> Stamp | None:
    """The file's Stamp now, or None when it cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)
