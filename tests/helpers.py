"""Run one rule on one PDF, the way the engine does, for the per-check tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from preflight.checks import load_registry
from preflight.engine import run_rule
from preflight.model import Level, Outcome
from preflight.rulesets import Rule, build_options


def run_check(check_id: str, path: Path, level: str = "error", **options: Any) -> Outcome:
    from preflight.dossier import Dossier

    registry = load_registry()
    spec = registry.checks[check_id]
    rule = Rule(check_id, check_id, Level.parse(level), build_options(spec.options_type, options, check_id, "test"))
    with Dossier(path) as dossier:
        return run_rule(rule, registry, dossier, spec.summary)


def messages(outcome: Outcome) -> list[str]:
    return [item.finding.message for item in outcome.findings]
