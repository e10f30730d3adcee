"""`preflight diff OLD.pdf NEW.pdf`: what changed between two versions of a dossier (see preflight.diff)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

EXIT_OK = 0
EXIT_USAGE = 2


@click.command("diff")
@click.argument("old", metavar="OLD.pdf", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", metavar="NEW.pdf", type=click.Path(exists=True, dir_okay=False))
@click.option("--profile", "-p", help="Rule set to check both versions against (default: the configured one).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    help="Report format: text, markdown (a job summary or merge-request comment) or json.",
)
@click.option(
    "--snippets/--no-snippets",
    default=None,
    help="Quote the dossier's own text in the findings listed (default: yes, except in CI).",
)
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None, help="Language of the report.")
def diff_command(
    old: str,
    new: str,
    profile: str | None,
    config_path: str | None,
    output_format: str,
    snippets: bool | None,
    lang: str | None,
) -> None:
    """Compare two versions of a dossier: pages per section, size, fonts, findings new and fixed.

    Both are checked against the rule set; a finding is the same in both when its rule, message id and page
    are, or its rule, message id and arguments (numbers aside) on another page. Exit status: 0 the comparison
    was made (whatever changed), 2 usage or configuration error, or a file that does not open as a PDF.
    """
    from preflight.checks import load_registry
    from preflight.cli import _apply_language
    from preflight.config import find_config, load_config, resolve_rule_set
    from preflight.diff import change_between, render_markdown, render_text, say, unreadable
    from preflight.rulesets import ConfigError

    _apply_language(lang)  # this command's --lang, else the one given to `preflight`, else the locale
    registry = load_registry()
    try:
        user = load_config(Path(config_path)) if config_path else find_config(Path.cwd())
        rule_set = resolve_rule_set(registry, user, profile)
    except ConfigError as error:
        from preflight.i18n import t

        click.echo(t("cli.config-error", error=error), err=True)
        sys.exit(EXIT_USAGE)
    if snippets is None:
        from preflight.reporters import snippets_by_default

        snippets = snippets_by_default("text")
    from preflight.engine import check_file

    new_report = check_file(new, rule_set, registry, new)
    old_report = check_file(old, rule_set, registry, new_report.path)
    for path, report in ((old, old_report), (new, new_report)):
        problem = unreadable(report)
        if problem is not None:
            from preflight.i18n import t

            click.echo(t("cli.path-problem", problem=say("diff.unreadable", path=path, problem=problem)), err=True)
            sys.exit(EXIT_USAGE)
    change = change_between(
        old, new, rule_set, registry, new_report=new_report, old_report=old_report, snippets=snippets
    )
    if output_format == "json":
        click.echo(json.dumps(change, ensure_ascii=False, indent=2))
    elif output_format == "markdown":
        title = say("diff.title", old=change["ref"], new=change["new"]["path"])
        click.echo("\n".join([f"### {title}", "", *render_markdown(change)]))
    else:
        click.echo(render_text(change), nl=False)
    sys.exit(EXIT_OK)
