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


# One character per class, with the class the classifier must give it (tests of the check and of `preflight text`).
FLAGGED = {
    "\u200b": "zero_width",
    "\u2060": "zero_width",
    "\u200c": "zero_width",
    "\u200d": "zero_width",
    "\ufeff": "zero_width",
    "\u202a": "bidi_control",
    "\u202e": "bidi_control",
    "\u2066": "bidi_control",
    "\u2069": "bidi_control",
    "\u200e": "bidi_control",
    "\u0000": "control",
    "\u0008": "control",
    "\u001e": "control",
    "\u007f": "control",
    "\u0085": "c1_control",
    "\u0092": "c1_control",
    "\u0096": "c1_control",
    "\ufffd": "replacement",
    "\u00ad": "soft_hyphen",
    "\uf0b7": "private_use",
    "\ue000": "private_use",
    "\u2028": "line_separator",
    "\u2029": "line_separator",
    "\u000b": "vertical_tab",
    "\u2011": "nonbreaking_hyphen",
    "\ufb01": "ligature",
}
