"""What `preflight.check()` runs: the command line's steps, without the command line (internal)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from preflight.model import RunReport


def run_check(
    paths: Sequence[str],
    *,
    profile: str | None,
    config: Path | Mapping[str, Any] | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    jobs: int,
    cache_dir: str | None,
    language: str,
) -> RunReport:
    from preflight.checks import load_registry
    from preflight.config import UserConfig, find_config, load_config, resolve_rule_set
    from preflight.engine import check_files, unsearched_report
    from preflight.i18n import LANGUAGES, get_language, set_language
    from preflight.paths import PathProblem, expand_paths

    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (expected {', '.join(LANGUAGES)})")
    registry = load_registry()
    if config is None:
        user = find_config(Path.cwd())
    elif isinstance(config, Mapping):
        user = UserConfig("configuration given to preflight.check()", dict(config))
    else:
        user = load_config(config)
    rule_set = resolve_rule_set(registry, user, profile, select, ignore)
    problems: list[PathProblem] = []
    files = list(expand_paths(paths, problems))
    if not files and not problems:
        raise ValueError(f"no PDF files found in {', '.join(paths) or 'the paths given'}")
    previous = get_language()
    set_language(language)
    try:
        report = check_files(files, rule_set, registry, jobs=max(jobs, 1), strict=strict, cache_dir=cache_dir)
        if problems:
            unsearched = tuple(unsearched_report(p.path, p.message(), registry) for p in problems)
            report = dataclasses.replace(report, files=(*report.files, *unsearched))
    finally:
        set_language(previous)
    return report
