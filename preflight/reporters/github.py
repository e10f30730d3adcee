"""GitHub Actions workflow commands: one ``::error`` / ``::warning`` / ``::notice`` line per finding.

GitHub turns them into annotations on the file. Snippets are left out by default (public CI logs).
"""

from __future__ import annotations

from preflight.i18n import t
from preflight.messages import quote
from preflight.model import Level, RunReport, Status
from preflight.reporters import RenderOptions

COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, file: str, title: str, message: str) -> str:
    return f"::{kind} file={escape_property(file)},title={escape_property(title)}::{escape_data(message)}"


def render(report: RunReport, options: RenderOptions) -> str:
    lines = []
    for file_report in report.files:
        for outcome in file_report.outcomes:
            if outcome.status is Status.ERROR:
                title = t("github.crashed", rule=outcome.rule)
                lines.append(command("error", file_report.path, title, outcome.message))
                continue
            for item in outcome.findings:
                finding = item.finding
                level = Level.ERROR if report.strict and item.level is Level.WARNING else item.level
                title = outcome.rule + (f" ({t('text.page', page=finding.page)})" if finding.page is not None else "")
                message = finding.shown(options.snippets)
                if finding.snippet and options.snippets:
                    message += "\n" + quote(finding.snippet)
                if finding.fix:
                    message += "\n" + t("github.fix", fix=finding.fix)
                lines.append(command(COMMAND[level], file_report.path, title, message))
    passed = sum(1 for file_report in report.files if file_report.passed)
    lines.append(
        t(
            "github.summary",
            version=report.tool_version,
            profile=report.profile,
            count=len(report.files),
            passed=passed,
            failed=len(report.files) - passed,
        )
    )
    return "".join(line + "\n" for line in lines)
