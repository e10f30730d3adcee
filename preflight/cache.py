"""A cache of file reports, so re-checking an unchanged dossier (a pre-commit run) is near-instant.

An entry is keyed by the file's SHA-256, the tool version and a fingerprint of the effective
configuration (every rule's check, level and options, the sections, strictness and language, the checks'
origins). Entries are JSON, validated field by field when read: an entry that does not parse or does not
have the expected shape is ignored and rewritten, never trusted. Nothing is ever unpickled.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from preflight import __version__
from preflight.model import FileReport, Finding, GradedFinding, Level, Outcome, Status

if TYPE_CHECKING:
    from preflight.checks import Registry
    from preflight.engine import RunSettings

CACHE_ENV = "PREFLIGHT_CACHE_DIR"
ENTRY_FORMAT = 1


def default_cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs

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
    """Options and sections as JSON-able data, for the fingerprint."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(item) for item in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


@functools.cache
def _source_hash(module_name: str) -> str:
    """A hash of a module's source (the whole package for our own code), so a cache built by other code
    (an edited checkout, an upgraded plugin without a version bump) is never reused."""
    import importlib.util

    spec = importlib.util.find_spec(module_name)
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    if origin is None or not origin.is_file():
        return "unknown"
    files = sorted(origin.parent.rglob("*.py")) if module_name == "preflight" else [origin]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def config_fingerprint(settings: RunSettings, registry: Registry) -> str:
    rule_set = settings.rule_set
    modules = sorted({registry.checks[rule.check].run.__module__ for rule in rule_set.rules} | {"preflight"})
    described = {
        "tool_version": __version__,
        "code": {name: _source_hash(name) for name in modules},
        "rule_set": rule_set.name,
        "rules": [
            {
                "id": rule.id,
                "check": rule.check,
                "level": rule.level.label,
                "options": _plain(rule.options),
                "origin": registry.checks[rule.check].origin,
            }
            for rule in rule_set.rules
        ],
        "sections": _plain(dict(rule_set.sections)),
        "strict": settings.strict,
        "language": settings.language,
    }
    text = json.dumps(described, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


class ReportCache:
    def __init__(self, directory: Path, settings: RunSettings, registry: Registry) -> None:
        self.directory = directory
        self.fingerprint = config_fingerprint(settings, registry)

    def entry_path(self, content_hash: str) -> Path:
        key = hashlib.sha256(f"{content_hash}:{self.fingerprint}".encode()).hexdigest()
        return self.directory / f"v{ENTRY_FORMAT}" / key[:2] / f"{key}.json"

    def get(self, content_hash: str, display_name: str) -> FileReport | None:
        path = self.entry_path(content_hash)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("content_sha256") != content_hash or data.get("fingerprint") != self.fingerprint:
                return None
            return report_from_data(data["report"], display_name)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def put(self, content_hash: str, report: FileReport) -> None:
        """Store atomically; a report whose data cannot be JSON is simply not cached."""
        entry = {
            "format": ENTRY_FORMAT,
            "tool_version": __version__,
            "content_sha256": content_hash,
            "fingerprint": self.fingerprint,
            "report": report_to_data(report),
        }
        try:
            text = json.dumps(entry, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            return
        path = self.entry_path(content_hash)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except OSError:
            return  # a read-only or full cache folder only costs speed


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
            finding = Finding(
                message=_expect(item["message"], str, "message"),
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
