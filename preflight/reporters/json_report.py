"""The machine-readable report. Its shape is a contract: fields may be added, never removed."""

from __future__ import annotations

import json
from typing import Any

from preflight.model import FileReport, GradedFinding, Outcome, RunReport
from preflight.reporters import RenderOptions, finding_data, outcome_message, redact


def finding_to_dict(item: GradedFinding, options: RenderOptions) -> dict[str, Any]:
    finding = item.finding
    data: dict[str, Any] = {
        "message": finding.shown(options.snippets),
        "message_id": finding.message_id or None,
        "args": finding.public_args(options.snippets),
        "page": finding.page,
        "severity": item.level.label,
        "data": finding_data(finding, options.snippets),
    }
    if finding.snippet is not None and options.snippets:
        data["snippet"] = finding.snippet
    if finding.fix:
        data["fix"] = finding.fix
    if finding.rect is not None:
        data["rect"] = list(finding.rect)
    if finding.source_line:
        data["source_line"] = finding.source_line
    return data


def outcome_to_dict(outcome: Outcome, options: RenderOptions) -> dict[str, Any]:
    return {
        "rule": outcome.rule,
        "status": outcome.status.value,
        "severity": outcome.level.label,
        "message": outcome_message(outcome, options.snippets),
        "summary": outcome.summary,
        "findings": [finding_to_dict(item, options) for item in outcome.findings],
    }


def file_to_dict(report: FileReport, options: RenderOptions) -> dict[str, Any]:
    return {
        "path": report.path,
        "passed": report.passed,
        "pages": report.pages,
        "bytes": report.bytes,
        "results": [outcome_to_dict(outcome, options) for outcome in report.outcomes],
        **{key: (value if options.snippets else redact(value)) for key, value in report.extra.items()},
    }


def report_to_dict(report: RunReport, options: RenderOptions) -> dict[str, Any]:
    return {
        "version": 1,
        "tool": "dossier-preflight",
        "tool_version": report.tool_version,
        "profile": report.profile,
        "language": report.language,
        "passed": report.passed,
        "files": [file_to_dict(file_report, options) for file_report in report.files],
    }


def render(report: RunReport, options: RenderOptions) -> str:
    return json.dumps(report_to_dict(report, options), ensure_ascii=False, indent=2) + "\n"
