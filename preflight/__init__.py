"""dossier-preflight: check a research-competition PDF dossier before upload.

The public API is what ``__all__`` lists: :func:`check` and the report's types. Everything else in the
package is internal and may change between versions. ``import preflight`` stays cheap: the engine and the
PDF libraries are imported on the first call of :func:`check` or the first use of a type.

    >>> import preflight
    >>> report = preflight.check("dossier.pdf", profile="inserm-cr")   # doctest: +SKIP
    >>> report.passed                                                  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "FileReport",
    "Finding",
    "GradedFinding",
    "Level",
    "Outcome",
    "Report",
    "Status",
    "__version__",
    "check",
]

if TYPE_CHECKING:
    from preflight.model import FileReport, Finding, GradedFinding, Level, Outcome, Status
    from preflight.model import RunReport as Report
    from preflight.rulesets import ConfigError

# Public name -> (module, attribute), imported on first use (PEP 562) so that `import preflight` loads nothing.
_LAZY = {
    "Report": ("preflight.model", "RunReport"),
    "FileReport": ("preflight.model", "FileReport"),
    "Outcome": ("preflight.model", "Outcome"),
    "GradedFinding": ("preflight.model", "GradedFinding"),
    "Finding": ("preflight.model", "Finding"),
    "Level": ("preflight.model", "Level"),
    "Status": ("preflight.model", "Status"),
    "ConfigError": ("preflight.rulesets", "ConfigError"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'preflight' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def check(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    profile: str | None = None,
    config: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    strict: bool = False,
    jobs: int = 1,
    cache_dir: str | os.PathLike[str] | None = None,
    language: str = "en",
) -> Report:
    """Check PDF dossiers the way ``preflight check`` does, and return the report.

    Arguments:
        paths: a PDF, a folder (every PDF below it, as the command line expands it: hidden folders and
            virtual environments left out, each file once) or a list of them.
        profile: the rule set (``"inserm-cr"``, ``"inserm-dr"``, ``"portal"``...); default: the configuration's,
            else ``"inserm-cr"``.
        config: ``None`` finds ``preflight.toml`` (or ``[tool.dossier-preflight]`` in ``pyproject.toml``) from
            the current folder upward, as the command line does; a path names that file; a mapping gives the
            settings directly (``{"ignore": ["filename"]}``; ``{}`` for none).
        select, ignore: rule ids, as ``--select`` and ``--ignore`` (they win over the configuration's).
        strict: warnings fail too.
        jobs: check files in this many processes.
        cache_dir: reuse and store outcomes in this folder (default: no cache).
        language: ``"en"`` or ``"fr"``, for summaries and the tool's own messages.

    Returns:
        A :class:`Report`: ``report.passed``, and per file (``report.files``) its outcomes, one per rule, each
        with a :class:`Status` and the graded findings (``outcome.findings[i].finding.message``, ``.page``...).
        A file that cannot be read, an unreadable folder or a dangling link is a failing file, never an
        exception.

    Raises:
        ConfigError: the configuration or the rule set is wrong, or select/ignore/levels leave no rule to run.
        ValueError: no PDF was found in ``paths``, or ``language`` is unknown.
    """
    from pathlib import Path

    from preflight.api import run_check

    given = [os.fspath(paths)] if isinstance(paths, (str, os.PathLike)) else [os.fspath(path) for path in paths]
    return run_check(
        given,
        profile=profile,
        config=config if isinstance(config, Mapping) or config is None else Path(config),
        select=tuple(select),
        ignore=tuple(ignore),
        strict=strict,
        jobs=jobs,
        cache_dir=None if cache_dir is None else os.fspath(cache_dir),
        language=language,
    )
