"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One result per finding; the rules (id, summary, documentation as help) come from the registry through
RunReport.rules. A PDF has no lines, so a result's location names the file and, as a logical location
of kind "page", the page; the page is also in the result's properties and starts its message.
Crashed checks are tool execution notifications, not results.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from preflight.model import Level, RunReport, Status
from preflight.reporters import RenderOptions

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note", Level.OFF: "none"}


def artifact_uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it against the repository root)."""
    pure = PurePath(path)
    if pure.is_absolute():
        return PurePath(os.path.abspath(path)).as_uri()
    return quote(pure.as_posix(), safe="/")


def render(report: RunReport, options: RenderOptions) -> str:
    return json.dumps(sarif_log(report, options), ensure_ascii=False, indent=2) + "\n"


def sarif_log(report: RunReport, options: RenderOptions) -> dict[str, Any]:
    rule_index = {info.id: index for index, info in enumerate(report.rules)}
    rules = [
        {
            "id": info.id,
            "shortDescription": {"text": info.summary},
            "fullDescription": {"text": info.summary},
            "help": {"text": info.doc or info.summary},
            "defaultConfiguration": {"level": SARIF_LEVEL[info.level]},
            "properties": {"check": info.check, **({"source": info.source} if info.source else {})},
        }
        for info in report.rules
    ]
    artifacts = []
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for artifact_index, file_report in enumerate(report.files):
        uri = artifact_uri(file_report.path)
        artifact: dict[str, Any] = {"location": {"uri": uri}, "mimeType": "application/pdf"}
        if file_report.bytes is not None:
            artifact["length"] = file_report.bytes
        if file_report.pages is not None:
            artifact["properties"] = {"pages": file_report.pages}
        artifacts.append(artifact)
        file_location = {"artifactLocation": {"uri": uri, "index": artifact_index}}
        for outcome in file_report.outcomes:
            if outcome.status is Status.ERROR:
                notifications.append(
                    {
                        "level": "error",
                        "message": {"text": outcome.message},
                        "locations": [{"physicalLocation": file_location}],
                        "associatedRule": {
                            "id": outcome.rule,
                            **({"index": rule_index[outcome.rule]} if outcome.rule in rule_index else {}),
                        },
                    }
                )
                continue
            for item in outcome.findings:
                finding = item.finding
                level = Level.ERROR if report.strict and item.level is Level.WARNING else item.level
                location: dict[str, Any] = {"physicalLocation": file_location}
                properties: dict[str, Any] = {"status": outcome.status.value}
                text = finding.message
                if finding.page is not None:
                    location["logicalLocations"] = [{"name": f"page {finding.page}", "kind": "page"}]
                    properties["page"] = finding.page
                    text = f"page {finding.page}: {text}"
                if finding.rect is not None:
                    properties["rect"] = list(finding.rect)
                if finding.snippet is not None and options.snippets:
                    properties["snippet"] = finding.snippet
                if finding.fix:
                    properties["fix"] = finding.fix
                    text += f" Fix: {finding.fix}"
                if finding.data:
                    properties["data"] = _jsonable(dict(finding.data))
                results.append(
                    {
                        "ruleId": outcome.rule,
                        **_index(rule_index, outcome.rule),
                        "level": SARIF_LEVEL[level],
                        "message": {"text": text},
                        "locations": [location],
                        "properties": properties,
                    }
                )
    invocation: dict[str, Any] = {"executionSuccessful": not any(f.crashed for f in report.files)}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "dossier-preflight",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "artifacts": artifacts,
        "results": results,
        "properties": {"profile": report.profile, "strict": report.strict},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _index(rule_index: dict[str, int], rule: str) -> dict[str, int]:
    return {"ruleIndex": rule_index[rule]} if rule in rule_index else {}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
