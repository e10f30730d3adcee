"""The checklist a person reads: every rule with its status, then what to do about each problem."""

from __future__ import annotations

from collections.abc import Callable

import click

from preflight.model import FileReport, Level, Outcome, RunReport, Status
from preflight.reporters import RenderOptions

STATUS_STYLE = {
    Status.PASS: ("PASS", "green"),
    Status.FAIL: ("FAIL", "red"),
    Status.WARN: ("WARN", "yellow"),
    Status.SKIP: ("SKIP", "bright_black"),
    Status.ERROR: ("ERROR", "magenta"),
}
LEVEL_MARK = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "info"}
MAX_FINDINGS_SHOWN = 25


def render(report: RunReport, options: RenderOptions) -> str:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if options.color else text  # type: ignore[arg-type]

    blocks = [_render_file(file_report, options, style) for file_report in report.files]
    if len(report.files) > 1:
        passed = sum(1 for f in report.files if f.passed)
        failed = len(report.files) - passed
        verdict = (
            style("all passed", fg="green", bold=True) if not failed else style(f"{failed} failed", fg="red", bold=True)
        )
        blocks.append(
            f"{len(report.files)} files checked with rule set '{report.profile}': {passed} passed, {verdict}\n"
        )
    return "\n".join(blocks)


def _render_file(report: FileReport, options: RenderOptions, style: Callable[..., str]) -> str:
    lines: list[str] = []
    facts = []
    if report.pages is not None:
        facts.append(f"{report.pages} page{'s' if report.pages != 1 else ''}")
    if report.bytes is not None:
        facts.append(f"{report.bytes / 1_000_000:.1f} MB")
    lines.append(style(report.path, bold=True) + (f"  ({', '.join(facts)})" if facts else ""))
    width = max((len(outcome.rule) for outcome in report.outcomes), default=10)
    for outcome in report.outcomes:
        label, color = STATUS_STYLE[outcome.status]
        text = outcome.summary if outcome.status is Status.PASS else outcome.message or outcome.summary
        lines.append(f"  {style(label.ljust(5), fg=color, bold=True)} {outcome.rule.ljust(width)}  {text}")
        if outcome.status in (Status.FAIL, Status.WARN):
            lines.extend(_render_findings(outcome, options, style))
    counts = {status: sum(1 for o in report.outcomes if o.status is status) for status in Status}
    summary = ", ".join(
        f"{counts[status]} {name}"
        for status, name in (
            (Status.FAIL, "failed"),
            (Status.ERROR, "crashed"),
            (Status.WARN, "with warnings"),
            (Status.PASS, "passed"),
            (Status.SKIP, "skipped"),
        )
        if counts[status]
    )
    verdict = style("PASSED", fg="green", bold=True) if report.passed else style("FAILED", fg="red", bold=True)
    lines.append(f"  {verdict}: {len(report.outcomes)} rules, {summary}")
    return "\n".join(lines) + "\n"


def _render_findings(outcome: Outcome, options: RenderOptions, style: Callable[..., str]) -> list[str]:
    lines: list[str] = []
    indent = "        "
    if len(outcome.findings) == 1 and outcome.findings[0].finding.message == outcome.message:
        shown_messages = False
    else:
        shown_messages = True
    fixes: list[str] = []
    for index, item in enumerate(outcome.findings):
        finding = item.finding
        if finding.fix and finding.fix not in fixes:
            fixes.append(finding.fix)
        if not shown_messages:
            if finding.page is not None:
                lines.append(f"{indent}page {finding.page}")
        else:
            if index >= MAX_FINDINGS_SHOWN and not options.verbose:
                lines.append(f"{indent}… and {len(outcome.findings) - index} more (--verbose shows all)")
                break
            where = f"p.{finding.page}" if finding.page is not None else "file"
            mark = LEVEL_MARK.get(item.level, "")
            lines.append(f"{indent}{style(where.ljust(5), fg='cyan')} {style(mark, dim=True)}: {finding.message}")
        if finding.snippet and options.snippets:
            lines.append(f"{indent}      “{finding.snippet}”")
    for fix in fixes:
        lines.append(f"{indent}{style('→', fg='cyan')} {fix}")
    return lines
