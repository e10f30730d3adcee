"""The `preflight` command: parse arguments, load the rule set, run the engine, render, exit."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from preflight import __version__

EXIT_PASS = 0
EXIT_FAIL = 1
EXIT_USAGE = 2
EXIT_CRASH = 3


def _use_color(choice: bool | None, stream: object) -> bool:
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _fail_config(error: Exception) -> None:
    click.echo(f"preflight: configuration error: {error}", err=True)
    sys.exit(EXIT_USAGE)


def expand_paths(paths: Sequence[str]) -> Iterator[str]:
    """Files as given; folders expanded to the PDFs below them, sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                str(found) for found in path.rglob("*") if found.suffix.lower() == ".pdf" and found.is_file()
            )
        else:
            yield raw


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dossier-preflight")
def main() -> None:
    """Check a research-competition PDF dossier before you upload it."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))
@click.option("--profile", "-p", help="Rule set to use (see 'preflight rules --sets'). Default: inserm-cr.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules (repeatable).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Leave these rules out (repeatable).")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a terminal).")
@click.option("--verbose", "-v", is_flag=True, help="Show every finding, not the first 25 per rule.")
def check(
    paths: tuple[str, ...],
    profile: str | None,
    config_path: str | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    color: bool | None,
    verbose: bool,
) -> None:
    """Check PDF dossiers (files or folders) and report every rule's outcome.

    Exit status: 0 every file passed, 1 a rule failed, 2 usage or configuration error, 3 a check crashed.
    """
    from preflight.checks import load_registry
    from preflight.config import find_config, load_config, resolve_rule_set
    from preflight.engine import check_files
    from preflight.reporters import RenderOptions, get_renderer
    from preflight.rulesets import ConfigError

    registry = load_registry()
    for problem in registry.load_errors:
        click.echo(f"preflight: warning: {problem}", err=True)
    try:
        user = load_config(Path(config_path)) if config_path else find_config(Path.cwd())
        rule_set = resolve_rule_set(registry, user, profile, select, ignore)
    except ConfigError as error:
        _fail_config(error)
        return
    files = list(expand_paths(paths))
    if not files:
        click.echo("preflight: no PDF files found in " + ", ".join(paths), err=True)
        sys.exit(EXIT_USAGE)
    report = check_files(files, rule_set, registry)
    options = RenderOptions(color=_use_color(color, sys.stdout) and output_format == "text", verbose=verbose)
    click.echo(get_renderer(output_format)(report, options), nl=False, color=options.color)
    if any(file.crashed for file in report.files):
        sys.exit(EXIT_CRASH)
    sys.exit(EXIT_PASS if report.passed else EXIT_FAIL)


@main.command("rules")
@click.option("--profile", "-p", help="Show this rule set's rules (default: the configured one).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--sets", "list_sets", is_flag=True, help="List the available rule sets instead.")
def rules_command(profile: str | None, config_path: str | None, list_sets: bool) -> None:
    """List every rule: id, level, and what it checks."""
    from preflight.checks import load_registry
    from preflight.config import find_config, load_config, resolve_rule_set
    from preflight.rulesets import ConfigError, available_rule_sets, load_raw_rule_set

    registry = load_registry()
    try:
        if list_sets:
            for name in available_rule_sets():
                merged, _ = load_raw_rule_set(name)
                header = merged["rule-set"]
                click.echo(f"{name:<16} {header.get('name', '')}")
            return
        user = load_config(Path(config_path)) if config_path else find_config(Path.cwd())
        rule_set = resolve_rule_set(registry, user, profile)
    except ConfigError as error:
        _fail_config(error)
        return
    click.echo(f"Rule set '{rule_set.name}': {rule_set.title}")
    width = max(len(rule.id) for rule in rule_set.rules)
    for rule in rule_set.rules:
        spec = registry.checks[rule.check]
        reuse = f" (check {rule.check})" if rule.check != rule.id else ""
        click.echo(f"  {rule.id:<{width}}  {rule.level.label:<7}  {spec.summary}{reuse}")


@main.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Explain a rule: what it checks, why, how to fix it, and its options."""
    import dataclasses

    from preflight.checks import load_registry

    registry = load_registry()
    spec = registry.get(rule_id)
    if spec is None:
        click.echo(f"preflight: unknown rule '{rule_id}' (known: {', '.join(sorted(registry.checks))})", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"{spec.id}: {spec.summary}\n")
    click.echo(spec.doc)
    defaults = [(f.name, f.default) for f in dataclasses.fields(spec.options_type)]
    if defaults:
        click.echo("\nDefaults:")
        for name, value in defaults:
            click.echo(f"    {name} = {value!r}")


from preflight.commands.cv import cv_command  # noqa: E402

main.add_command(cv_command)
