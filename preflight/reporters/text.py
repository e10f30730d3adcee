"""The checklist a person reads: every rule with its status, then what to do about each problem.

With several files (or --quiet) a summary closes the report: files passed and failed, failures per rule.
With --quiet only the failing files are shown, each with only its failing rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import click

from preflight.i18n import t
from preflight.model import FileReport, Level, Outcome, RunReport, Status
from preflight.reporters import RenderOptions

STATUS_STYLE = {
    Status.PASS: ("PASS", "green"),
    Status.FAIL: ("FAIL", "red"),
    Status.WARN: ("WARN", "yellow"),
    Status.SKIP: ("SKIP", "bright_black"),
    Status.ERROR: ("ERROR", "magenta"),
}
LEVEL_MARK = {Level.ERROR: "level.error", Level.WARNING: "level.warning", Level.INFO: "level.info"}
MAX_FINDINGS_SHOWN = 25


def render(report: RunReport, options: RenderOptions) -> str:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if options.color else text  # type: ignore[arg-type]

    shown = [f for f in report.files if not (options.quiet and f.passed)]
    blocks = [_render_file(file_report, options, style) for file_report in shown]
    if len(report.files) > 1 or options.quiet:
        blocks.append(summary(report, style))
    return "\n".join(blocks)


def summary(report: RunReport, style: Callable[..., str]) -> str:
    """One line (two when rules failed): files passed and failed, then failures per rule."""
    passed = sum(1 for f in report.files if f.passed)
    failed = len(report.files) - passed
    verdict = (
        style(t("text.all-passed"), fg="green", bold=True)
        if not failed
        else style(t("text.n-failed", count=failed), fg="red", bold=True)
    )
    if len(report.files) == 1:
        line = t("text.file-line", profile=report.profile, verdict=verdict)
    else:
        line = t("text.files-line", count=len(report.files), profile=report.profile, passed=passed, verdict=verdict)
    if report.strict:
        line += t("text.strict")
    per_rule = Counter(
        outcome.rule
        for file_report in report.files
        for outcome in file_report.outcomes
        if outcome.status in (Status.FAIL, Status.ERROR)
    )
    if per_rule:
        parts = ", ".join(f"{rule} {count}" for rule, count in sorted(per_rule.items(), key=lambda p: (-p[1], p[0])))
        line += "\n" + t("text.by-rule", parts=parts)
    return line + "\n"


def _render_file(report: FileReport, options: RenderOptions, style: Callable[..., str]) -> str:
    lines: list[str] = []
    facts = []
    if report.pages is not None:
        facts.append(t("text.page-one") if report.pages == 1 else t("text.pages", count=report.pages))
    if report.bytes is not None:
        facts.append(t("text.megabytes", size=report.bytes / 1_000_000))
    lines.append(style(report.path, bold=True) + (f"  ({', '.join(facts)})" if facts else ""))
    outcomes = [o for o in report.outcomes if not options.quiet or o.status in (Status.FAIL, Status.ERROR)]
    width = max((len(outcome.rule) for outcome in outcomes), default=10)
    for outcome in outcomes:
        label, color = STATUS_STYLE[outcome.status]
        if outcome.status is Status.WARN and all(item.level is Level.INFO for item in outcome.findings):
            label, color = "INFO", "cyan"  # still 'warn' in machine reports; a person reads it as a note
        text = outcome.summary if outcome.status is Status.PASS else outcome.message or outcome.summary
        lines.append(f"  {style(label.ljust(5), fg=color, bold=True)} {outcome.rule.ljust(width)}  {text}")
        if outcome.status in (Status.FAIL, Status.WARN):
            lines.extend(_render_findings(outcome, options, style))
    counts = {status: sum(1 for o in report.outcomes if o.status is status) for status in Status}
    parts = ", ".join(
        t(message_id, count=counts[status])
        for status, message_id in (
            (Status.FAIL, "text.count-failed"),
            (Status.ERROR, "text.count-crashed"),
            (Status.WARN, "text.count-warned"),
            (Status.PASS, "text.count-passed"),
            (Status.SKIP, "text.count-skipped"),
        )
        if counts[status]
    )
    verdict = (
        style(t("text.passed"), fg="green", bold=True)
        if report.passed
        else style(t("text.failed"), fg="red", bold=True)
    )
    lines.append(f"  {verdict}: {t('text.rules-line', count=len(report.outcomes), parts=parts)}")
    return "\n".join(lines) + "\n"


def _render_findings(outcome: Outcome, options: RenderOptions, style: Callable[..., str]) -> list[str]:
    lines: list[str] = []
    indent = "        "
    shown_messages = not (len(outcome.findings) == 1 and outcome.findings[0].finding.message == outcome.message)
    fixes: list[str] = []
    for index, item in enumerate(outcome.findings):
        finding = item.finding
        if finding.fix and finding.fix not in fixes:
            fixes.append(finding.fix)
        if not shown_messages:
            if finding.page is not None:
                lines.append(f"{indent}{t('text.page', page=finding.page)}")
        else:
            if index >= MAX_FINDINGS_SHOWN and not options.verbose:
                lines.append(f"{indent}{t('text.more', count=len(outcome.findings) - index)}")
                break
            where = t("text.page-short", page=finding.page) if finding.page is not None else t("text.whole-file")
            mark = t(LEVEL_MARK[item.level]) if item.level in LEVEL_MARK else ""
            lines.append(f"{indent}{style(where.ljust(5), fg='cyan')} {style(mark, dim=True)}: {finding.message}")
        if finding.snippet and options.snippets:
            lines.append(f"{indent}      “{finding.snippet}”")
    for fix in fixes:
        lines.append(f"{indent}{style('→', fg='cyan')} {fix}")
    return lines
