"""The `preflight` command: parse arguments, load the rule set, run the engine, render, exit."""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from preflight import __version__
from preflight.lazygroup import LazyGroup
from preflight.paths import PathProblem, expand_paths
from preflight.reporters import FORMATS

if TYPE_CHECKING:
    from preflight.config import UserConfig
    from preflight.model import RunReport

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
    from preflight.i18n import t

    click.echo(t("cli.config-error", error=error), err=True)
    sys.exit(EXIT_USAGE)


LAZY_COMMANDS = {
    "cache": ("preflight.commands.cache:cache_command", "Show or clear the cache of outcomes."),
    "cv": (
        "preflight.commands.cv:cv_command",
        "Print the CV's timeline: each dated entry, and each gap with its level.",
    ),
    "fix": ("preflight.commands.fix:fix_command", "Fix what the failing rules need and prove that nothing was lost."),
    "init": ("preflight.commands.init:init_command", "Write a commented preflight.toml for a dossier repository."),
    "report": (
        "preflight.commands.report:report_command",
        "Check a PDF dossier and write a self-contained HTML report to open in a browser.",
    ),
    "sections": (
        "preflight.commands.sections:sections_command",
        "Show the sections of PDF dossiers: name, pages, how each was found, title as printed.",
    ),
    "text": (
        "preflight.commands.text:text_command",
        "Check text for a portal form field (plain text or .docx; '-' reads standard input).",
    ),
}
"""Commands imported only when run (preflight.lazygroup); --help lists them from this table."""


@click.group(cls=LazyGroup, lazy_commands=LAZY_COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dossier-preflight")
def main() -> None:
    """Check a research-competition PDF dossier before you upload it."""


LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    default=None,
    help="Language of the report (default: from the locale, LANG=fr_FR... gives French).",
)


def _apply_language(lang: str | None) -> None:
    from preflight.i18n import resolve_language, set_language

    set_language(resolve_language(lang))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))
@click.option("--profile", "-p", help="Rule set to use (see 'preflight rules --sets'). Default: inserm-cr.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(list(FORMATS)),
    default="text",
    help=(
        "Report format: text, json, jsonl (one line per file), sarif (2.1.0), junit (XML), github (annotations), "
        "html (one self-contained page)."
    ),
)
@click.option(
    "--output",
    "-o",
    "output_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the --format report to this file and print the text report.",
)
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules (repeatable).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Leave these rules out (repeatable).")
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option("--quiet", "-q", is_flag=True, help="Show only failing files and rules, and the summary line.")
@click.option(
    "--snippets/--no-snippets",
    default=None,
    help=(
        "Quote the dossier's own text in reports (default: yes, except for --format github and in CI, "
        "when CI, GITHUB_ACTIONS or GITLAB_CI is set)."
    ),
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=0), default=1, help="Check files in N processes (0: one per CPU)."
)
@click.option("--no-cache", is_flag=True, help="Check every file again instead of reusing cached outcomes.")
@LANG_OPTION
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a terminal).")
@click.option("--verbose", "-v", is_flag=True, help="Show every finding, not the first 25 per rule.")
def check(
    paths: tuple[str, ...],
    profile: str | None,
    config_path: str | None,
    output_format: str,
    output_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    quiet: bool,
    snippets: bool | None,
    jobs: int,
    no_cache: bool,
    lang: str | None,
    color: bool | None,
    verbose: bool,
) -> None:
    """Check PDF dossiers (files or folders) and report every rule's outcome.

    Exit status: 0 every file passed, 1 a rule failed, 2 usage or configuration error, 3 a check crashed.
    """
    from preflight.cache import default_cache_dir
    from preflight.config import find_config, load_config
    from preflight.i18n import get_language, t
    from preflight.reporters import RenderOptions, get_renderer, snippets_by_default
    from preflight.rulesets import ConfigError

    _apply_language(lang)
    try:
        user = load_config(Path(config_path)) if config_path else find_config(Path.cwd())
    except ConfigError as error:
        _fail_config(error)
        return
    problems: list[PathProblem] = []
    files = list(expand_paths(paths, problems))
    for unsearched in problems:
        click.echo(t("cli.path-problem", problem=unsearched.message()), err=True)
    if not files and not problems:
        click.echo(t("cli.no-pdf", paths=", ".join(paths)), err=True)
        sys.exit(EXIT_USAGE)
    cache_dir = None if no_cache else default_cache_dir()
    cache_key = None
    cached = None
    if cache_dir is not None:
        # A repeat run is answered from the cache without loading the checks or any PDF library (see
        # preflight.cache); the first miss falls through to the full run, which validates the rule set.
        from preflight.cache import cached_run, request_key

        cache_key = request_key(user.path, user.values, profile, select, ignore, strict, get_language())
        cached = cached_run(files, cache_dir, cache_key, strict)
    if cached is not None:
        report, load_errors = cached
        for problem in load_errors:
            click.echo(f"preflight: warning: {problem}", err=True)
    else:
        report = _run_checks(files, paths, user, profile, select, ignore, strict, quiet, jobs, cache_dir, cache_key)
    if problems:
        # Never fail open: what could not be searched is a failing entry of the report, in every format.
        from preflight.checks import load_registry
        from preflight.engine import unsearched_report

        registry = load_registry()
        report = dataclasses.replace(
            report, files=(*report.files, *(unsearched_report(p.path, p.message(), registry) for p in problems))
        )
    if snippets is None:
        snippets = snippets_by_default(output_format)
    options = RenderOptions(snippets=snippets, verbose=verbose, quiet=quiet)
    if output_path is not None:
        try:
            Path(output_path).write_text(get_renderer(output_format)(report, options), encoding="utf-8")
        except OSError as error:
            click.echo(t("cli.cannot-write", path=output_path, error=error.strerror or error), err=True)
            sys.exit(EXIT_USAGE)
        output_format = "text"
    use_color = _use_color(color, sys.stdout) and output_format == "text"
    options = dataclasses.replace(options, color=use_color)
    click.echo(get_renderer(output_format)(report, options), nl=False, color=use_color)
    if any(file.crashed for file in report.files):
        sys.exit(EXIT_CRASH)
    sys.exit(EXIT_PASS if report.passed else EXIT_FAIL)


def _run_checks(
    files: list[str],
    paths: tuple[str, ...],
    user: UserConfig,
    profile: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    quiet: bool,
    jobs: int,
    cache_dir: Path | None,
    cache_key: str | None,
) -> RunReport:
    """The full run: load the checks, resolve and validate the rule set, check every file."""
    from preflight.checks import load_registry
    from preflight.config import resolve_rule_set
    from preflight.engine import check_files
    from preflight.i18n import t
    from preflight.rulesets import ConfigError, NoRulesError

    registry = load_registry()
    for problem in registry.load_errors:
        click.echo(f"preflight: warning: {problem}", err=True)
    try:
        rule_set = resolve_rule_set(registry, user, profile, select, ignore)
    except NoRulesError as error:
        click.echo(t("cli.nothing-to-check", error=error.render()), err=True)
        sys.exit(EXIT_USAGE)
    except ConfigError as error:
        _fail_config(error)
        raise
    run = functools.partial(
        check_files,
        files,
        rule_set,
        registry,
        jobs=jobs or os.cpu_count() or 1,
        strict=strict,
        cache_dir=cache_dir,
        cache_key=cache_key,
    )
    if not quiet and len(files) > 1 and _is_terminal(sys.stderr):
        with click.progressbar(length=len(files), label=t("cli.progress"), file=sys.stderr) as bar:
            return run(on_done=bar.update)
    return run()


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@main.command("rules")
@click.option("--profile", "-p", help="Show this rule set's rules (default: the configured one).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--sets", "list_sets", is_flag=True, help="List the available rule sets instead.")
@LANG_OPTION
def rules_command(profile: str | None, config_path: str | None, list_sets: bool, lang: str | None) -> None:
    """List every rule: id, level, and what it checks."""
    from preflight.i18n import get_language

    _apply_language(lang)
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
    description = load_raw_rule_set(rule_set.name)[0]["rule-set"].get("description")
    if description:
        click.echo(f"  ({description})")
    width = max(len(rule.id) for rule in rule_set.rules)
    for rule in rule_set.rules:
        spec = registry.checks[rule.check]
        reuse = f" (check {rule.check})" if rule.check != rule.id else ""
        click.echo(f"  {rule.id:<{width}}  {rule.level.label:<7}  {spec.summary_in(get_language())}{reuse}")
        if rule.settings:
            settings = ", ".join(f"{name} = {value!r}" for name, value in rule.settings)
            click.echo(f"  {'':<{width}}  {'':<7}  {settings}")


@main.command()
@click.argument("rule_id")
@click.option("--profile", "-p", help="Explain the rule as this rule set sets it (default: the check alone).")
@LANG_OPTION
def explain(rule_id: str, profile: str | None, lang: str | None) -> None:
    """Explain a rule: what it checks, why, how to fix it, and its options (and a rule set's settings)."""
    from preflight.checks import load_registry
    from preflight.i18n import get_language, t
    from preflight.rulesets import ConfigError, Rule, available_rule_sets, build_rule, load_raw_rule_set

    _apply_language(lang)
    registry = load_registry()
    # A rule that exists only in a rule set (motivation-letter-page-count) is found there.
    rule: Rule | None = None
    found_in: str | None = None
    try:
        for name in [profile] if profile else available_rule_sets():
            tables = load_raw_rule_set(name)[0]["rules"]
            if rule_id in tables:
                rule, found_in = build_rule(rule_id, tables[rule_id], registry), name
                break
            if profile is not None and registry.get(rule_id) is None:
                known = ", ".join(tables)
                click.echo(t("cli.unknown-rule-in-set", rule=rule_id, profile=profile, known=known), err=True)
                sys.exit(EXIT_USAGE)
    except ConfigError as error:
        _fail_config(error)
        return
    spec = registry.get(rule.check if rule is not None else rule_id)
    if spec is None:
        click.echo(t("cli.unknown-rule", rule=rule_id, known=", ".join(sorted(registry.checks))), err=True)
        sys.exit(EXIT_USAGE)
    language = get_language()
    if rule is not None and rule.id != spec.id:
        header = t("cli.rule-header", rule=rule.id, profile=found_in, check=spec.id)
    else:
        header = spec.id
    click.echo(f"{header}: {spec.summary_in(language)}\n")
    click.echo(spec.doc_in(language))
    defaults = [(f.name, f.default) for f in dataclasses.fields(spec.options_type)]
    if defaults:
        click.echo("\n" + t("cli.defaults"))
        for name, value in defaults:
            click.echo(f"    {name} = {value!r}")
    if rule is not None and (profile is not None or rule.id != spec.id):
        click.echo("\n" + t("cli.rule-in-set", profile=found_in, level=rule.level.label))
        for option in dataclasses.fields(rule.options):
            click.echo(f"    {option.name} = {getattr(rule.options, option.name)!r}")
        if rule.source:
            click.echo(t("cli.rule-source", source=rule.source, verified=rule.verified or "?"))
    elif profile is not None:
        click.echo("\n" + t("cli.not-in-set", profile=profile))
