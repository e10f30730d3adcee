"""Reporters turn a RunReport into text. A new output format is one module here and one entry below."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from preflight.model import Finding, Outcome, RunReport


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
    "html": "preflight.reporters.html",
}
"""Format name -> module with a ``render(report, options) -> str`` function."""

SNIPPETS_OFF_BY_DEFAULT = frozenset({"github"})
"""CI logs can be public and a dossier is personal: these formats leave snippets out unless asked."""

CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI")

PRIVATE_KEYS = frozenset(
    {"text", "line", "lines", "title", "label", "snippet", "snippets", "context", "heading", "words"}
    | {"english_words", "french_words", "entry", "entries_text", "first_words", "after", "before", "candidate"}
    | {"looked_for"}
)
"""Keys of findings' data and of a report's extra data (cv_timeline, sections) whose values are the dossier's
own words. Section titles are among them: a project's title says what the candidate plans."""


def snippets_by_default(output_format: str, environ: Mapping[str, str] | None = None) -> bool:
    """Quote the dossier's text unless the format goes to CI logs or the run is in CI (CI, GitHub, GitLab)."""
    import os

    environ = os.environ if environ is None else environ
    in_ci = any(environ.get(name, "").lower() not in ("", "0", "false", "no") for name in CI_VARIABLES)
    return output_format not in SNIPPETS_OFF_BY_DEFAULT and not in_ci


# A quote opens after a space, a bracket or the start, and closes before a space, punctuation or the end, so an
# apostrophe inside the quoted words ('Résumé d'activité', 'l'association') does not end it.
_QUOTED = re.compile(r"(?<![^\s(\[])'(.*?)'(?![^\s,.;:)\]])")
_ID = re.compile(r"[a-z][a-z0-9-]*")

QUOTING_KEYS = frozenset({"found_by", "source", "note"})
"""Keys whose values are our sentences quoting the dossier's words between '...' (how a section or a CV was
found, why a year was read so): kept, with the quoted words hidden."""


def _without_quotes(text: str) -> str:
    """How a section was found, with the titles it quotes hidden; a section's id stays ('project', or the id
    after "is a title of"), but not a lower-case word that may be the candidate's name ('jdupont')."""
    from preflight.sections import SECTION_NAMES

    def hidden(match: re.Match[str]) -> str:
        quoted = match.group(1)
        ours = quoted in SECTION_NAMES or (_ID.fullmatch(quoted) and text[: match.start()].endswith("title of "))
        return match.group() if ours else "'…'"

    return _QUOTED.sub(hidden, text)


def redact_item(key: str, item: Any) -> Any:
    if key in PRIVATE_KEYS and _has_text(item):
        return None
    if key in QUOTING_KEYS and isinstance(item, str):
        return _without_quotes(item)
    if key == "part" and isinstance(item, str) and not _ID.fullmatch(item):
        return None  # a CV entry's heading as printed; a part's id (funding, teaching) stays
    return redact(item)


def redact(value: Any) -> Any:
    """``value`` with every string under a private key replaced by None (for --no-snippets)."""
    if isinstance(value, Mapping):
        return {key: redact_item(key, item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact(item) for item in value]
    return value


def finding_data(finding: Finding, snippets: bool) -> dict[str, Any]:
    """A finding's data as a report shows it: whole, or (--no-snippets) without the dossier's text, which is
    what the private keys hold and whatever a private argument of its message holds (an ORCID iD, a name)."""
    data = dict(finding.data)
    if snippets:
        return data
    hidden = sorted(_strings([finding.args.get(name) for name in finding.private]))
    return {
        key: None if key in finding.private and _has_text(item) else _without(redact_item(key, item), hidden)
        for key, item in data.items()
    }


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value} if value.strip() else set()
    if isinstance(value, (list, tuple)):
        return set().union(*(_strings(item) for item in value)) if value else set()
    return set()


def _without(value: Any, hidden: list[str]) -> Any:
    """``value`` with every string that holds one of ``hidden`` (a short one only when equal) replaced by None."""
    if not hidden:
        return value
    if isinstance(value, str) and any(value == item or (len(item) >= 4 and item in value) for item in hidden):
        return None
    if isinstance(value, Mapping):
        return {key: _without(item, hidden) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_without(item, hidden) for item in value]
    return value


def _has_text(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value)
    if isinstance(value, (list, tuple)):
        return any(_has_text(item) for item in value)
    if isinstance(value, Mapping):
        return any(_has_text(item) for item in value.values())
    return False


def get_renderer(name: str) -> Renderer:
    if name not in FORMATS:
        raise ValueError(f"unknown report format {name!r} (known: {', '.join(FORMATS)})")
    module = importlib.import_module(FORMATS[name])
    render: Renderer = module.render
    return render
