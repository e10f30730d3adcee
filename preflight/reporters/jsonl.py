"""JSON Lines: one JSON object per file, for large batches read line by line.

Each line is the JSON report's file object (same fields) plus the tool, its version and the rule set.
"""

from __future__ import annotations

import json

from preflight.model import RunReport
from preflight.reporters import RenderOptions
from preflight.reporters.json_report import file_to_dict


def render(report: RunReport, options: RenderOptions) -> str:
    lines = []
    for file_report in report.files:
        record = {
            "tool": "dossier-preflight",
            "tool_version": report.tool_version,
            "profile": report.profile,
            **file_to_dict(file_report, options),
        }
        lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    return "".join(line + "\n" for line in lines)
