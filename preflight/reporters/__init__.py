"""Reporters turn a RunReport into text. A new output format is one module here and one entry below."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from preflight.model import RunReport


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    snippets: bool = True
    verbose: bool = False
    quiet: bool = False


Renderer = Callable[[RunReport, RenderOptions], str]

FORMATS: dict[str, str] = {
    "text": "preflight.reporters.text",
    "json": "preflight.reporters.json_report",
    "jsonl": "preflight.reporters.jsonl",
    "sarif": "preflight.reporters.sarif",
    "junit": "preflight.reporters.junit",
    "github": "preflight.reporters.github",
    "html": "preflight.reporters.html",
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
