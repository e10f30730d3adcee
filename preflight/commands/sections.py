"""`preflight sections dossier.pdf`: show the sections found, their pages and how each was found.

So that a user sees why a section rule decided as it did, and can point the tool at a section in
their configuration (`[sections] project = "12-23"`) when it was missed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from preflight.cli import LANG_OPTION, TEXT_OR_JSON_OPTION, _apply_language
from preflight.i18n import t

EXIT_OK = 0
EXIT_UNREADABLE = 1
EXIT_USAGE = 2


def describe_file(path: str, section_config: Any) -> dict[str, Any]:
    """The sections of one file as a JSON-ready dict (also used by the text output).

    The JSON keeps its English ``found_by`` and ``notes``; ``render_text`` reads the same as messages
    (``_found_by`` and ``_notes``, which the JSON output leaves out) to write them in the run's language.
    """
    from preflight.dossier import Dossier

    with Dossier(path, path) as dossier:
        if not dossier.readable:
            from preflight.checks.pdf_readable import describe_problem

            problem, fix = describe_problem(dossier)
            return {"path": path, "readable": False, "problem": problem, "fix": fix}
        dossier.section_config = section_config
        sections = dossier.sections
        return {
            "path": path,
            "readable": True,
            "pages": dossier.page_count,
            "source": sections.source,
            "sections": sections.to_dicts(),
            "notes": list(sections.notes),
            "_found_by": [found_by(section.how, section.found_by) for section in sections.all()],
            "_notes": [t(message_id, **args) for message_id, args in sections.note_messages],
        }


def found_by(how: tuple[str, Any], english: str) -> str:
    """How a section was found, in the run's language (``english``, as the JSON says it, when unknown)."""
    message_id, args = how
    return t(message_id, **args) if message_id else english


def public(described: dict[str, Any]) -> dict[str, Any]:
    """The dict as the JSON output shows it: without the rendered texts kept for the text output."""
    return {key: value for key, value in described.items() if not key.startswith("_")}


def render_text(described: dict[str, Any]) -> str:
    path = described["path"]
    if not described["readable"]:
        return t("sections.unreadable", path=path, problem=described["problem"]) + f"\n  {described['fix']}\n"
    source = {"outline": "sections.source-outline", "headings": "sections.source-headings"}.get(
        described["source"], "sections.source-none"
    )
    out = [t("sections.header", path=path, pages=described["pages"], source=source)]
    shown_by = described.get("_found_by") or [s["found_by"] for s in described["sections"]]
    rows = [
        (
            s["name"],
            str(s["first_page"]) if s["pages"] == 1 else f"{s['first_page']}-{s['last_page']}",
            str(s["pages"]),
            how,
            s["title"],
        )
        for s, how in zip(described["sections"], shown_by, strict=True)
    ]
    header = tuple(t(f"sections.column-{name}") for name in ("section", "pages", "count", "found-by", "title"))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        out.append("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    notes = described.get("_notes") or described["notes"]
    out.extend("  " + t("sections.note", note=note) for note in notes)
    if not any(s["name"] == "project" for s in described["sections"]):
        out.append("  " + t("sections.no-project"))
    return "\n".join(out) + "\n"


@click.command("sections")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))
@click.option("--profile", "-p", help="Rule set whose section titles to use (default: the configured one).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@TEXT_OR_JSON_OPTION
@LANG_OPTION
def sections_command(
    paths: tuple[str, ...], profile: str | None, config_path: str | None, output_format: str, lang: str | None
) -> None:
    """Show the sections of PDF dossiers: name, pages, how each was found, title as printed.

    Exit status: 0 every file was read, 1 a file could not be read, 2 usage or configuration error.
    """
    _apply_language(lang)
    from preflight.checks import load_registry
    from preflight.cli import expand_paths
    from preflight.config import find_config, load_config, resolve_rule_set
    from preflight.rulesets import ConfigError

    try:
        user = load_config(Path(config_path)) if config_path else find_config(Path.cwd())
        rule_set = resolve_rule_set(load_registry(), user, profile)
    except ConfigError as error:
        click.echo(t("cli.config-error", error=error), err=True)
        sys.exit(EXIT_USAGE)
    files = list(expand_paths(paths))
    if not files:
        click.echo(t("cli.no-pdf", paths=", ".join(paths)), err=True)
        sys.exit(EXIT_USAGE)
    described = [describe_file(path, rule_set.sections) for path in files]
    if output_format == "json":
        files_data = [public(item) for item in described]
        payload = {"version": 1, "tool": "dossier-preflight", "profile": rule_set.name, "files": files_data}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render_text(item) for item in described), nl=False)
    sys.exit(EXIT_OK if all(item["readable"] for item in described) else EXIT_UNREADABLE)
