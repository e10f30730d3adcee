"""A cache of file reports, so re-checking an unchanged dossier (a pre-commit run) is near-instant.

Two kinds of entries, both JSON, both validated field by field when read (nothing is ever unpickled):

- a *run* entry per configuration key: the rule set's name and rule descriptions, written only after the
  configuration was resolved and validated. Its key is computed from the raw inputs (the rule set files'
  content, the user's configuration, --profile/--select/--ignore/--strict, the language), the tool's own files
  and the installed distributions, so it needs neither the checks nor the PDF libraries: a cache hit imports
  none of them, and an invalid configuration can never hit (it never got a run entry).
- a *file* entry per file content and configuration key (and the file's path when a rule reads it), holding
  that file's report.

An entry that cannot be read, is not a regular file, is too large, does not parse or has the wrong shape is a
miss, and is then rewritten. The folder is pruned by age and total size; `preflight cache info|clear`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from preflight import __version__
from preflight.i18n import get_language
from preflight.model import FileReport, Finding, GradedFinding, Level, Outcome, RuleInfo, RunReport, Status

if TYPE_CHECKING:
    from preflight.engine import RunSettings

CACHE_ENV = "PREFLIGHT_CACHE_DIR"
ENTRY_FORMAT = 3
MAX_ENTRY_BYTES = 32 * 1024 * 1024
"""A report is a few kB; anything larger is not ours (or is an attack) and is not read."""
MAX_CACHE_BYTES = 100_000_000
MAX_AGE_SECONDS = 60 * 24 * 3600
PRUNE_INTERVAL_SECONDS = 24 * 3600
STALE_TMP_SECONDS = 3600
"""A temporary file this old belongs to a write that died; a younger one may be another process's."""
_PRUNE_MARKER = "last-prune"


def default_cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):
        # platformdirs' own rule on Linux (XDG), without the import: this is on every cached run's path.
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base, "dossier-preflight")
    import platformdirs  # macOS, Windows and the rest: their conventions are platformdirs' job

    return Path(platformdirs.user_cache_dir("dossier-preflight", appauthor=False))


def file_sha256(path: str | Path) -> str | None:
    """The content hash, or None when the file cannot be read (the check itself then says why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    """Options, sections and configuration values as JSON-able data, for the keys."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(item) for item in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def _ordered(value: Any) -> Any:
    """Arguments as JSON-able data in their own order (a cached report must equal a fresh one)."""
    if isinstance(value, Mapping):
        return {str(key): _ordered(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_ordered(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return _plain(value)


def _walk_files(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if not name.endswith((".pyc", ".pyo")):
                yield Path(root, name)


@functools.cache
def code_fingerprint() -> str:
    """What else decides a verdict besides the file and the configuration, read without importing anything.

    The tool's own files (every check's source, the shipped rule sets) by name, size and modification time,
    as Python's own bytecode cache validates a module (reading and hashing their 1 MB cost a cached run more
    than the rest of its lookup), and the installed distributions on sys.path by name and version, from their
    dist-info folders' names (the PDF libraries, and the plugins, none of them imported): an edited checkout,
    an upgraded library or an added, removed or upgraded plugin never reuses an entry. A plugin's source
    edited in place without a new version is not seen: its author runs with --no-cache (or `preflight cache
    clear`).
    """
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    folders = [package]
    rules = package.parent / "rules"  # a source checkout's rule sets (a wheel has them in the package)
    if not (package / "rules").is_dir() and rules.is_dir():
        folders.append(rules)
    for folder in folders:
        for path in _walk_files(folder):
            try:
                info = path.stat()
                stamp = f"{info.st_size}\0{info.st_mtime_ns}"
            except OSError:
                stamp = "unreadable"
            digest.update(f"\0{path.relative_to(folder.parent).as_posix()}\0{stamp}".encode())
    # Only what the path entries hold, not the entries themselves: sys.path[0] is the current folder or the
    # script's, and a run from another folder (or as `python -m preflight`) should still find its entries.
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as found:
                names = sorted(item.name for item in found if item.name.endswith((".dist-info", ".egg-info")))
        except OSError:
            with contextlib.suppress(OSError):  # a zip or egg on the path: its size and date stand for it
                info = os.stat(entry)
                digest.update(f"\0{entry}\0{info.st_size}\0{info.st_mtime_ns}".encode())
            continue
        digest.update("\0".join(["", *names]).encode())
    return digest.hexdigest()


def _key(described: Mapping[str, Any]) -> str:
    text = json.dumps({**described, "code": code_fingerprint()}, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def request_key(
    config_path: str | None,
    config_values: Mapping[str, Any],
    profile: str | None,
    select: Sequence[str],
    ignore: Sequence[str],
    strict: bool,
    language: str,
) -> str:
    """The key of a command line's run, from what it was given: the same inputs with the same code and
    libraries resolve to the same rule set, so a run entry written after a successful validation holds for
    every later run with this key, and one that failed validation never wrote any."""
    return _key(
        {
            "kind": "request",
            "config_path": config_path,
            "config": _plain(config_values),
            "profile": profile,
            "select": list(select),
            "ignore": list(ignore),
            "strict": strict,
            "language": language,
        }
    )


def settings_key(settings: RunSettings) -> str:
    """The key of a run from its resolved rule set, for callers that did not give a request key."""
    rule_set = settings.rule_set
    return _key(
        {
            "kind": "rule-set",
            "rule_set": rule_set.name,
            "rules": [
                {"id": rule.id, "check": rule.check, "level": rule.level.label, "options": _plain(rule.options)}
                for rule in rule_set.rules
            ],
            "sections": _plain(dict(rule_set.sections)),
            "strict": settings.strict,
            "language": settings.language,
        }
    )


def read_entry(path: Path) -> Any | None:
    """An entry's JSON, or None for anything that is not a small regular file holding valid JSON.

    O_NOFOLLOW and O_NONBLOCK: a symlink (to /dev/zero, say) or a FIFO in the cache folder must neither
    hang the run nor fill the memory; any error, RecursionError from deep nesting included, is a miss.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            raw = stream.read(MAX_ENTRY_BYTES + 1)
        if len(raw) > MAX_ENTRY_BYTES:
            return None
        return json.loads(raw.decode("utf-8"))
    except Exception:
        return None
    finally:
        os.close(descriptor)


def write_entry(path: Path, data: Mapping[str, Any]) -> bool:
    """Store atomically (a temporary file renamed over the entry); False, leaving nothing behind, on failure.

    Whatever was at the entry's place (a corrupt file, a FIFO, a symlink, a folder) is replaced."""
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        return False  # a report whose data cannot be JSON is simply not cached
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_ENTRY_BYTES:
        return False  # it would never be read back
    import tempfile

    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix="tmp", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(encoded)
        try:
            os.replace(temporary, path)
        except OSError:
            if not path.is_dir() or path.is_symlink():
                raise
            import shutil

            shutil.rmtree(path)  # a folder at an entry's place, inside our own cache folder
            os.replace(temporary, path)
        temporary = None
        return True
    except OSError:
        return False  # a read-only or full cache folder only costs speed
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


class ReportCache:
    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.key = key

    def entry_path(self, content_hash: str, name: str | None = None) -> Path:
        entry = hashlib.sha256(f"{content_hash}:{self.key}:{name if name is not None else ''}".encode()).hexdigest()
        return self.directory / f"v{ENTRY_FORMAT}" / entry[:2] / f"{entry}.json"

    def run_path(self) -> Path:
        return self.directory / f"v{ENTRY_FORMAT}" / "runs" / f"{self.key}.json"

    def get(self, content_hash: str, display_name: str, name: str | None = None) -> FileReport | None:
        """The cached report of this content (and name, for a rule set with a rule that reads it)."""
        data = read_entry(self.entry_path(content_hash, name))
        try:
            if (
                not isinstance(data, dict)
                or data.get("format") != ENTRY_FORMAT
                or data.get("content_sha256") != content_hash
                or data.get("key") != self.key
                or data.get("name") != name
            ):
                return None
            return report_from_data(data["report"], display_name)
        except Exception:
            return None

    def put(self, content_hash: str, report: FileReport, name: str | None = None) -> None:
        entry = {
            "format": ENTRY_FORMAT,
            "tool_version": __version__,
            "content_sha256": content_hash,
            "key": self.key,
            "name": name,
            "report": report_to_data(report),
        }
        if write_entry(self.entry_path(content_hash, name), entry):
            maybe_prune(self.directory)

    def get_run(self) -> RunEntry | None:
        data = read_entry(self.run_path())
        try:
            if not isinstance(data, dict) or data.get("format") != ENTRY_FORMAT or data.get("key") != self.key:
                return None
            return run_from_data(data)
        except Exception:
            return None

    def put_run(self, run: RunEntry) -> None:
        write_entry(self.run_path(), {"format": ENTRY_FORMAT, "key": self.key, **run_to_data(run)})


@dataclasses.dataclass(frozen=True)
class RunEntry:
    """What a cached run needs besides the file reports: the rule set as reporters describe it."""

    profile: str
    rules: tuple[RuleInfo, ...]
    reads_path: bool
    """A rule of the set reads the file's path: file entries are keyed on it."""
    load_errors: tuple[str, ...] = ()


def run_to_data(run: RunEntry) -> dict[str, Any]:
    return {
        "profile": run.profile,
        "reads_path": run.reads_path,
        "load_errors": list(run.load_errors),
        "rules": [
            {
                "id": rule.id,
                "check": rule.check,
                "level": rule.level.label,
                "summary": rule.summary,
                "doc": rule.doc,
                "source": rule.source,
                "messages": {key: dict(entry) for key, entry in rule.messages.items()},
            }
            for rule in run.rules
        ],
    }


def run_from_data(data: dict[str, Any]) -> RunEntry:
    rules = tuple(
        RuleInfo(
            id=_expect(raw["id"], str, "id"),
            check=_expect(raw["check"], str, "check"),
            level=Level.parse(_expect(raw["level"], str, "level")),
            summary=_expect(raw["summary"], str, "summary"),
            doc=_expect(raw["doc"], str, "doc"),
            source=_expect(raw["source"], str, "source", optional=True),
            messages=_messages_from_data(raw["messages"]),
        )
        for raw in _expect(data["rules"], list, "rules")
    )
    errors = tuple(_expect(item, str, "load_errors") for item in _expect(data["load_errors"], list, "load_errors"))
    return RunEntry(
        profile=_expect(data["profile"], str, "profile"),
        rules=rules,
        reads_path=_expect(data["reads_path"], bool, "reads_path"),
        load_errors=errors,
    )


def _messages_from_data(raw: Any) -> dict[str, dict[str, str]]:
    _expect(raw, dict, "messages")
    for entry in raw.values():
        if not isinstance(entry, dict) or not all(isinstance(text, str) for text in entry.values()):
            raise ValueError("cache entry: messages are not templates")
    return raw


def cached_run(
    files: Sequence[str], directory: Path, key: str, strict: bool
) -> tuple[RunReport, tuple[str, ...]] | None:
    """The whole run from the cache (the report, and the plugin load errors to repeat), or None at the first
    miss. Each file is read once, to hash it; nothing else is imported or opened."""
    cache = ReportCache(directory, key)
    run = cache.get_run()
    if run is None or not files:
        return None
    reports = []
    for name in files:
        content_hash = file_sha256(name)
        cached = cache.get(content_hash, name, name if run.reads_path else None) if content_hash else None
        if cached is None:
            return None
        reports.append(cached)
    report = RunReport(
        profile=run.profile,
        files=tuple(reports),
        tool_version=__version__,
        rules=run.rules,
        strict=strict,
        language=get_language(),
    )
    return report, run.load_errors


# ---------------------------------------------------------------------- size and age caps, info, clear
@dataclasses.dataclass(frozen=True)
class CacheInfo:
    directory: Path
    entries: int
    """File reports (the run entries, one per configuration, are counted in ``bytes`` only)."""
    bytes: int
    oldest: float | None
    newest: float | None
    temporary: int


def _cache_files(directory: Path) -> Iterator[os.DirEntry[str]]:
    """Our files only: *.json and *.tmp two levels below v<N>/ folders; links are never followed."""
    try:
        with os.scandir(directory) as versions:
            tops = [item for item in versions if item.name[:1] == "v" and item.name[1:].isdigit()]
    except OSError:
        return
    for top in tops:
        if not top.is_dir(follow_symlinks=False):
            continue
        try:
            with os.scandir(top.path) as groups:
                subfolders = [item for item in groups if item.is_dir(follow_symlinks=False)]
        except OSError:
            continue
        for group in subfolders:
            try:
                with os.scandir(group.path) as found:
                    yield from [item for item in found if item.name.endswith((".json", ".tmp"))]
            except OSError:
                continue


def _is_run_entry(item: os.DirEntry[str]) -> bool:
    return os.path.basename(os.path.dirname(item.path)) == "runs"


def _lstat(item: os.DirEntry[str]) -> os.stat_result | None:
    try:
        return item.stat(follow_symlinks=False)
    except OSError:
        return None


def cache_info(directory: Path) -> CacheInfo:
    entries = size = temporary = 0
    times: list[float] = []
    for item in _cache_files(directory):
        info = _lstat(item)
        if info is None:
            continue
        if item.name.endswith(".tmp"):
            temporary += 1
            continue
        size += info.st_size
        if not _is_run_entry(item):
            entries += 1
            times.append(info.st_mtime)
    return CacheInfo(directory, entries, size, min(times, default=None), max(times, default=None), temporary)


def _remove(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def prune(
    directory: Path,
    now: float | None = None,
    max_bytes: int = MAX_CACHE_BYTES,
    max_age: float = MAX_AGE_SECONDS,
) -> int:
    """Remove entries older than ``max_age``, then the oldest until the rest fit in ``max_bytes``, and
    temporary files left by writes that died. Returns how many files were removed."""
    now = time.time() if now is None else now
    removed = 0
    kept: list[tuple[float, int, str]] = []
    for item in _cache_files(directory):
        info = _lstat(item)
        if info is None:
            continue
        if item.name.endswith(".tmp"):
            if now - info.st_mtime > STALE_TMP_SECONDS:
                removed += _remove(item.path)
        elif now - info.st_mtime > max_age or not stat.S_ISREG(info.st_mode):
            removed += _remove(item.path)
        else:
            kept.append((info.st_mtime, info.st_size, item.path))
    total = sum(size for _, size, _ in kept)
    for _, size, path in sorted(kept):
        if total <= max_bytes:
            break
        if _remove(path):
            removed += 1
            total -= size
    return removed


def maybe_prune(directory: Path) -> None:
    """Prune at most once a day, so a write costs one stat and not a walk of the folder."""
    marker = directory / _PRUNE_MARKER
    try:
        if time.time() - marker.stat().st_mtime < PRUNE_INTERVAL_SECONDS:
            return
    except OSError:
        pass
    try:
        marker.touch()
    except OSError:
        return
    prune(directory)


def clear(directory: Path) -> tuple[int, int]:
    """Remove every entry and temporary file (and the folders they leave empty); nothing else in the folder.
    Returns the number of file reports removed and the bytes freed."""
    count = freed = 0
    folders: set[str] = set()
    for item in list(_cache_files(directory)):
        info = _lstat(item)
        if info is not None and _remove(item.path):
            folders.add(os.path.dirname(item.path))
            freed += info.st_size
            count += item.name.endswith(".json") and not _is_run_entry(item)
    for folder in sorted(folders, key=len, reverse=True):
        for empty in (folder, os.path.dirname(folder)):
            with contextlib.suppress(OSError):
                os.rmdir(empty)
    _remove(str(directory / _PRUNE_MARKER))
    return count, freed


def report_to_data(report: FileReport) -> dict[str, Any]:
    return {
        "pages": report.pages,
        "bytes": report.bytes,
        "extra": dict(report.extra),
        "outcomes": [
            {
                "rule": outcome.rule,
                "summary": outcome.summary,
                "level": outcome.level.label,
                "status": outcome.status.value,
                "message": outcome.message,
                "findings": [
                    {
                        "level": item.level.label,
                        "message": item.finding.message,
                        "message_id": item.finding.message_id,
                        "args": _ordered(item.finding.args),
                        "redacted": item.finding.redacted,
                        "private": list(item.finding.private),
                        "page": item.finding.page,
                        "rect": list(item.finding.rect) if item.finding.rect is not None else None,
                        "snippet": item.finding.snippet,
                        "fix": item.finding.fix,
                        "own_level": item.finding.level.label if item.finding.level is not None else None,
                        "data": dict(item.finding.data),
                    }
                    for item in outcome.findings
                ],
            }
            for outcome in report.outcomes
        ],
    }


def _expect(value: Any, kind: type | tuple[type, ...], name: str, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, (int, float))):
        raise ValueError(f"cache entry: {name} has the wrong type")
    return value


def report_from_data(data: dict[str, Any], display_name: str) -> FileReport:
    """Rebuild a FileReport, raising ValueError at the first field that is not what we wrote."""
    _expect(data, dict, "report")
    outcomes = []
    for raw in _expect(data["outcomes"], list, "outcomes"):
        findings = []
        for item in _expect(raw["findings"], list, "findings"):
            rect = _expect(item["rect"], list, "rect", optional=True)
            if rect is not None and (len(rect) != 4 or not all(isinstance(v, (int, float)) for v in rect)):
                raise ValueError("cache entry: rect is not four numbers")
            own = _expect(item["own_level"], str, "own_level", optional=True)
            private = _expect(item["private"], list, "private")
            if not all(isinstance(name, str) for name in private):
                raise ValueError("cache entry: private is not a list of names")
            finding = Finding(
                message_id=_expect(item["message_id"], str, "message_id"),
                args=_expect(item["args"], dict, "args"),
                message=_expect(item["message"], str, "message"),
                redacted=_expect(item["redacted"], str, "redacted", optional=True),
                private=tuple(private),
                page=_expect(item["page"], int, "page", optional=True),
                rect=(rect[0], rect[1], rect[2], rect[3]) if rect is not None else None,
                snippet=_expect(item["snippet"], str, "snippet", optional=True),
                fix=_expect(item["fix"], str, "fix", optional=True),
                level=Level.parse(own) if own is not None else None,
                data=_expect(item["data"], dict, "data"),
            )
            findings.append(GradedFinding(finding, Level.parse(_expect(item["level"], str, "level"))))
        outcomes.append(
            Outcome(
                rule=_expect(raw["rule"], str, "rule"),
                summary=_expect(raw["summary"], str, "summary"),
                level=Level.parse(_expect(raw["level"], str, "level")),
                status=Status(_expect(raw["status"], str, "status")),
                message=_expect(raw["message"], str, "message"),
                findings=tuple(findings),
            )
        )
    return FileReport(
        path=display_name,
        pages=_expect(data["pages"], int, "pages", optional=True),
        bytes=_expect(data["bytes"], int, "bytes", optional=True),
        outcomes=tuple(outcomes),
        extra=_expect(data["extra"], dict, "extra"),
    )
