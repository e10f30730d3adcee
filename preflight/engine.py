"""Run a rule set on files: open each dossier once, run every rule on it, grade the findings."""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from pathlib import Path

from preflight import __version__
from preflight.checks import Registry
from preflight.dossier import Dossier
from preflight.model import FileReport, Finding, GradedFinding, Level, Outcome, RunReport, Skip, Status
from preflight.rulesets import Rule, RuleSet

READABLE_RULE = "pdf-readable"


def grade(findings: Iterable[Finding], rule_level: Level) -> tuple[GradedFinding, ...]:
    """Give each finding its level (its own, or the rule's) capped at the rule's level; sort by page."""
    graded = [
        GradedFinding(finding, min(finding.level if finding.level is not None else rule_level, rule_level))
        for finding in findings
    ]
    graded = [item for item in graded if item.level is not Level.OFF]
    return tuple(sorted(graded, key=lambda item: item.finding.page or 0))


def status_of(findings: tuple[GradedFinding, ...]) -> Status:
    if any(item.level is Level.ERROR for item in findings):
        return Status.FAIL
    return Status.WARN if findings else Status.PASS


def headline(findings: tuple[GradedFinding, ...]) -> str:
    if not findings:
        return ""
    first = findings[0].finding.message
    if len(findings) == 1:
        return first
    counts = {level: sum(1 for item in findings if item.level is level) for level in Level}
    parts = [
        f"{count} {level.label}{'s' if count > 1 and level is not Level.INFO else ''}"
        for level, count in sorted(counts.items(), reverse=True)
        if count
    ]
    return f"{len(findings)} findings ({', '.join(parts)})"


def run_rule(rule: Rule, registry: Registry, dossier: Dossier, summary: str) -> Outcome:
    spec = registry.checks[rule.check]
    try:
        findings = grade(spec.run(dossier, rule.options), rule.level)
    except Skip as skipped:
        return Outcome(rule.id, summary, rule.level, Status.SKIP, str(skipped))
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Outcome(
            rule.id,
            summary,
            rule.level,
            Status.ERROR,
            f"the check crashed ({type(exc).__name__}: {exc}, at {Path(where.filename).name}:{where.lineno}); "
            "the other rules still ran. Please report this with the file if you can share it.",
        )
    return Outcome(rule.id, summary, rule.level, status_of(findings), headline(findings), findings)


def check_file(path: str | Path, rule_set: RuleSet, registry: Registry, display_name: str | None = None) -> FileReport:
    outcomes: list[Outcome] = []
    with Dossier(path, display_name) as dossier:
        rules = list(rule_set.rules)
        if not dossier.readable and not any(rule.check == READABLE_RULE for rule in rules):
            # Never fail open: an unreadable file fails even when the rule set leaves this rule out.
            rules.insert(
                0, Rule(READABLE_RULE, READABLE_RULE, Level.ERROR, registry.checks[READABLE_RULE].options_type())
            )
        for rule in rules:
            spec = registry.checks[rule.check]
            summary = spec.summary
            if not dossier.readable and spec.needs_readable_pdf:
                reason = "not checked: the file cannot be read as a PDF (see pdf-readable)"
                outcomes.append(Outcome(rule.id, summary, rule.level, Status.SKIP, reason))
                continue
            outcomes.append(run_rule(rule, registry, dossier, summary))
        return FileReport(
            path=dossier.name,
            pages=dossier.page_count if dossier.readable else None,
            bytes=dossier.size,
            outcomes=tuple(outcomes),
            extra=dict(dossier.report_data),
        )


def check_files(paths: Iterable[str | Path], rule_set: RuleSet, registry: Registry) -> RunReport:
    files = tuple(check_file(path, rule_set, registry, str(path)) for path in paths)
    return RunReport(profile=rule_set.name, files=files, tool_version=__version__)
