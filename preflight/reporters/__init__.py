"""Reporters turn a RunReport into text. A new output format is one module here and one entry below."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from preflight.model import Outcome, RunReport


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    snippets: bool = True
    verbose: bool = False
    quiet: bool = False
    width: int | None = None
    """Wrap the text report to this many columns (None: the terminal's width)."""


def outcome_message(outcome: Outcome, snippets: bool = True) -> str:
    """The outcome's one-line message; without snippets, a single finding's message loses the dossier's text."""
    if len(outcome.findings) == 1 and outcome.findings[0].finding.message == outcome.message:
        return outcome.findings[0].finding.shown(snippets)
    return outcome.message


Renderer = Callable[[RunReport, RenderOptions], str]

FORMATS: dict[str, str] = {
    "text": "preflight.reporters.text",
    "json": "preflight.reporters.json_report",
    "jsonl": "preflight.reporters.jsonl",
    "sarif": "preflight.reporters.sarif",
    "junit": "preflight.reporters.junit",
    "github": "preflight.reporters.github",
    "markdown": "preflight.reporters.markdown",
}
"""Format name -> module with a ``render(report, options) -> str`` function."""

SNIPPETS_OFF_BY_DEFAULT = frozenset({"github"})
"""CI logs can be public and a dossier is personal: these formats leave snippets out unless asked."""


def get_renderer(name: str) -> Renderer:
    if name not in FORMATS:
        raise ValueError(f"unknown report format {name!r} (known: {', '.join(FORMATS)})")
    module = importlib.import_module(FORMATS[name])
    render: Renderer = module.render
    return render
