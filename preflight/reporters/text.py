"""The checklist a person reads: every rule with its status, then what to do about each problem.

With several files (or --quiet) a summary closes the report: files passed and failed, failures per rule.
With --quiet only the failing files are shown, each with only its failing rules.

Lines wrap to the width (the terminal's, or ``RenderOptions.width``) with a hanging indent and never cut a
word. Info-level notes of one kind on several pages (a ligature on 17 pages) are one line with the pages;
--verbose shows each.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Callable

import click

from preflight.i18n import get_language, t
from preflight.messages import format_pages, quote
from preflight.model import FileReport, GradedFinding, Level, Outcome, RunReport, Status
from preflight.reporters import RenderOptions, outcome_message

STATUS_STYLE = {
    Status.PASS: ("status.pass", "green"),
    Status.FAIL: ("status.fail", "red"),
    Status.WARN: ("status.warn", "yellow"),
    Status.SKIP: ("status.skip", "bright_black"),
    Status.ERROR: ("status.error", "magenta"),
}
LEVEL_MARK = {Level.ERROR: "level.error", Level.WARNING: "level.warning", Level.INFO: "level.info"}
MAX_FINDINGS_SHOWN = 25
FINDING_INDENT = "        "
Style = Callable[..., str]


def render(report: RunReport, options: RenderOptions) -> str:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if options.color else text  # type: ignore[arg-type]

    width = options.width or _terminal_width()
    shown = [f for f in report.files if not (options.quiet and f.passed)]
    blocks = [_render_file(file_report, options, style, width) for file_report in shown]
    if len(report.files) > 1 or options.quiet:
        blocks.append(summary(report, style, width))
    return "\n".join(blocks)


NO_WRAP = 10_000


def _terminal_width() -> int:
    """The terminal's width (at most 120); with no terminal, COLUMNS if set, else no wrapping, so that a
    report written to a file or a CI log keeps one line per finding for grep."""
    import os
    import sys

    columns = os.environ.get("COLUMNS", "")
    isatty = getattr(sys.stdout, "isatty", None)
    if isatty and isatty():
        # What shutil.get_terminal_size((100, 24)) answers, without importing shutil and its compressors.
        width = int(columns) if columns.isdigit() else 0
        if width <= 0:
            try:
                width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
            except (AttributeError, ValueError, OSError):
                width = 0
        return max(60, min(width or 100, 120))
    return max(60, int(columns)) if columns.isdigit() else NO_WRAP


def _wrap(text: str, width: int, first_prefix: str, hanging: str) -> list[str]:
    """``text`` wrapped after ``first_prefix`` (which may hold colour codes) with ``hanging`` under it."""
    visible = len(click.unstyle(first_prefix))
    lines = textwrap.wrap(
        text,
        width=max(20, width - len(hanging)),
        initial_indent="",
        subsequent_indent="",
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]
    first, rest = lines[0], lines[1:]
    # The first line has less room when the prefix is wider than the hanging indent.
    if visible > len(hanging) and len(first) > width - visible:
        joined = " ".join(lines)
        first_lines = textwrap.wrap(
            joined, width=max(20, width - visible), break_long_words=False, break_on_hyphens=False
        ) or [""]
        first = first_lines[0]
        remainder = joined[len(first) :].strip()
        rest = (
            textwrap.wrap(
                remainder, width=max(20, width - len(hanging)), break_long_words=False, break_on_hyphens=False
            )
            if remainder
            else []
        )
    return [first_prefix + first, *(hanging + line for line in rest)]


def summary(report: RunReport, style: Style, width: int = 100) -> str:
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


def _status_label(outcome: Outcome) -> tuple[str, str]:
    key, color = STATUS_STYLE[outcome.status]
    if outcome.status is Status.WARN and all(item.level is Level.INFO for item in outcome.findings):
        key, color = "status.info", "cyan"  # still 'warn' in machine reports; a person reads it as a note
    return t(key), color


def _render_file(report: FileReport, options: RenderOptions, style: Style, width: int) -> str:
    lines: list[str] = []
    facts = []
    if report.pages is not None:
        facts.append(t("text.pages", count=report.pages))
    if report.bytes is not None:
        facts.append(t("text.size", size=report.bytes))
    lines.append(style(report.path, bold=True) + (f"  ({', '.join(facts)})" if facts else ""))
    outcomes = [o for o in report.outcomes if not options.quiet or o.status in (Status.FAIL, Status.ERROR)]
    rule_width = max((len(outcome.rule) for outcome in outcomes), default=10)
    label_width = max(len(t(key)) for key, _ in (*STATUS_STYLE.values(), ("status.info", "")))
    for outcome in outcomes:
        label, color = _status_label(outcome)
        text = outcome.summary if outcome.status is Status.PASS else _headline(outcome, options)
        prefix = f"  {style(label.ljust(label_width), fg=color, bold=True)} {outcome.rule.ljust(rule_width)}  "
        hanging = " " * (2 + label_width + 1 + rule_width + 2)
        if len(hanging) > width // 2:
            hanging = FINDING_INDENT
        lines.extend(_wrap(text, width, prefix, hanging))
        if outcome.status in (Status.FAIL, Status.WARN):
            lines.extend(_render_findings(outcome, options, style, width))
    # A rule with notes only is labelled as a note (_status_label), and counted as one.
    counts: dict[str, int] = {}
    for outcome in report.outcomes:
        counts[_count_kind(outcome)] = counts.get(_count_kind(outcome), 0) + 1
    parts = ", ".join(
        t(f"text.count-{kind}", count=counts[kind])
        for kind in ("failed", "crashed", "warned", "noted", "passed", "skipped")
        if counts.get(kind)
    )
    plain_verdict, color = (t("text.passed"), "green") if report.passed else (t("text.failed"), "red")
    rules = t("text.rules-line", count=len(report.outcomes), parts=parts)
    verdict_lines = _wrap(t("text.verdict-line", verdict=plain_verdict, rules=rules), width, "  ", "    ")
    # Styled after wrapping: colour codes have no width.
    verdict_lines[0] = verdict_lines[0].replace(plain_verdict, style(plain_verdict, fg=color, bold=True), 1)
    lines.extend(verdict_lines)
    return "\n".join(lines) + "\n"


def _count_kind(outcome: Outcome) -> str:
    """How the verdict line counts a rule: text.count-<kind>."""
    if outcome.status is Status.WARN and all(item.level is Level.INFO for item in outcome.findings):
        return "noted"
    kinds = {Status.FAIL: "failed", Status.ERROR: "crashed", Status.WARN: "warned", Status.PASS: "passed"}
    return kinds.get(outcome.status, "skipped")


def _headline(outcome: Outcome, options: RenderOptions) -> str:
    return outcome_message(outcome, options.snippets) or outcome.summary


def _groups(findings: tuple[GradedFinding, ...], verbose: bool) -> list[list[GradedFinding]]:
    """Findings in order; without --verbose, info notes of one message id on several pages are one group."""
    if verbose:
        return [[item] for item in findings]
    groups: list[list[GradedFinding]] = []
    by_kind: dict[str, list[GradedFinding]] = {}
    for item in findings:
        kind = item.finding.message_id
        if item.level is Level.INFO and item.finding.page is not None and kind:
            if kind in by_kind:
                by_kind[kind].append(item)
                continue
            by_kind[kind] = [item]
            groups.append(by_kind[kind])
        else:
            groups.append([item])
    return groups


def _render_findings(outcome: Outcome, options: RenderOptions, style: Style, width: int) -> list[str]:
    lines: list[str] = []
    indent = FINDING_INDENT
    single = len(outcome.findings) == 1 and outcome.findings[0].finding.message == outcome.message
    fixes: list[str] = []
    language = get_language()
    colon = "\u202f:" if language == "fr" else ":"
    for index, group in enumerate(_groups(outcome.findings, options.verbose)):
        item = group[0]
        finding = item.finding
        if finding.fix and finding.fix not in fixes:
            fixes.append(finding.fix)
        if single:
            if finding.page is not None:
                lines.append(f"{indent}{t('text.page', page=finding.page)}")
        else:
            if index >= MAX_FINDINGS_SHOWN and not options.verbose:
                remaining = sum(len(g) for g in _groups(outcome.findings, False)[index:])
                lines.append(f"{indent}{t('text.more', count=remaining)}")
                break
            pages = sorted({g.finding.page for g in group if g.finding.page is not None})
            if len(group) > 1:
                where = t("text.pages-short", pages=format_pages(pages, language).split(" ", 1)[1])
            elif finding.page is not None:
                where = t("text.page-short", page=finding.page)
            else:
                where = t("text.whole-file")
            mark = t(LEVEL_MARK[item.level]) if item.level in LEVEL_MARK else ""
            text = finding.shown(options.snippets)
            if len(group) > 1:
                text += " " + t("text.same-kind", count=len(group) - 1)
            # A whole-file finding's "fichier" is longer than "p. 12": two spaces keep it apart from the level.
            column = where.ljust(5) if len(where) <= 5 else where + " "
            prefix = f"{indent}{style(column, fg='cyan')} {style(mark + colon, dim=True)} "
            hanging = indent + " " * (len(column) + 1 + len(mark + colon) + 1)
            if len(hanging) > width // 2:
                hanging = indent + "  "
            lines.extend(_wrap(text, width, prefix, hanging))
        if finding.snippet and options.snippets:
            lines.extend(_wrap(quote(finding.snippet, language), width, f"{indent}      ", f"{indent}       "))
        if finding.source_line:
            from preflight.source_map import say as say_source

            lines.append(f"{indent}      {say_source('source.at', language, place=finding.source_line)}")
    for fix in fixes:
        lines.extend(_wrap(fix, width, f"{indent}{style('→', fg='cyan')} ", f"{indent}  "))
    return lines
