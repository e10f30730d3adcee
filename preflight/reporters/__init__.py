"""Reporters turn a RunReport into text. A new output format is one module here and one entry below."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from preflight.model import RunReport


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    snippets: bool = True
    verbose: bool = False


Renderer = Callable[[RunReport, RenderOptions], str]


def get_renderer(name: str) -> Renderer:
    if name == "text":
        from preflight.reporters.text import render
    elif name == "json":
        from preflight.reporters.json_report import render
    else:
        raise ValueError(f"unknown report format {name!r}")
    return render


FORMATS = ("text", "json")
