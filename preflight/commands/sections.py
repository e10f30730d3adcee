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

EXIT_OK = 0
EXIT_UNREADABLE = 1
EXIT_USAGE = 2


def describe_file(path: str, section_config: Any) -> dict[str, Any]:
    """The sections of one file as a JSON-ready dict (also used by the text output)."""
    from preflight.dossier import Dossier

    with Dossier(path, path) as dossier:
        if not dossier.readable:
            problem = dossier.problem
            assert problem is not None
            return {"path": path, "readable": False, "problem": problem.message, "fix": problem.fix}
        dossier.section_config = section_config
        sections = dossier.sections
        return {
            "path": path,
            "readable": True,
            "pages": dossier.page_count,
            "source": sections.source,
            "sections": sections.to_dicts(),
            "notes": list(sections.notes),
        }


def render_text(described: dict[str, Any]) -> str:
    path = described["path"]
    if not described["readable"]:
        return f"{path}: cannot be read: {described['problem']}\n  {described['fix']}\n"
    source = {"outline": "the outline (bookmarks)", "headings": "headings in the text"}.get(
        described["source"], "neither the outline nor headings"
    )
    out = [f"{path}: {described['pages']} pages, sections found from {source}"]
    rows = [
        (
            s["name"],
            str(s["first_page"]) if s["pages"] == 1 else f"{s['first_page']}-{s['last_page']}",
            str(s["pages"]),
            s["found_by"],
            s["title"],
        )
        for s in described["sections"]
    ]
    header = ("section", "pages", "count", "found by", "title as printed")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        out.append("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    out.extend(f"  note: {note}" for note in described["notes"])
    if not any(s["name"] == "project" for s in described["sections"]):
        out.append(
            "  no project section: give its pages or its title in preflight.toml, e.g. "
            '[sections] project = "12-23" or project = "My project title"'
        )
    return "\n".join(out) + "\n"


@click.command("sections")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))
@click.option("--profile", "-p", help="Rule set whose section titles to use (default: the configured one).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text")
def sections_command(paths: tuple[str, ...], profile: str | None, config_path: str | None, output_format: str) -> None:
    """Show the sections of PDF dossiers: name, pages, how each was found, title as printed.

    Exit status: 0 every file was read, 1 a file could not be read, 2 usage or configuration error.
    """
    from preflight.checks import load_registry
    from preflight.cli import expand_paths
    from preflight.config import find_config, load_config, resolve_rule_set
    from preflight.rulesets import ConfigError

    try:
        user = load_config(Path(config_path)) if config_path else find_config(Path.cwd())
        rule_set = resolve_rule_set(load_registry(), user, profile)
    except ConfigError as error:
        click.echo(f"preflight: configuration error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    files = list(expand_paths(paths))
    if not files:
        click.echo("preflight: no PDF files found in " + ", ".join(paths), err=True)
        sys.exit(EXIT_USAGE)
    described = [describe_file(path, rule_set.sections) for path in files]
    if output_format == "json":
        payload = {"version": 1, "tool": "dossier-preflight", "profile": rule_set.name, "files": described}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render_text(item) for item in described), nl=False)
    sys.exit(EXIT_OK if all(item["readable"] for item in described) else EXIT_UNREADABLE)
