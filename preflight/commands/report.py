"""`preflight report dossier.pdf`: check the file and write the HTML report beside it, to open in a browser."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from preflight.cli import (
    EXIT_CRASH,
    EXIT_FAIL,
    EXIT_PASS,
    EXIT_USAGE,
    LANG_OPTION,
    _apply_language,
    _fail_config,
    load_rule_set,
)


def default_output(path: str | Path) -> Path:
    """dossier.pdf -> dossier.preflight.html, in the same folder."""
    source = Path(path)
    return source.with_name(f"{source.stem}.preflight.html")


@click.command("report")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--output",
    "-o",
    "output_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to this file (default: DOSSIER.preflight.html beside the PDF).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the report in the default browser.")
@click.option("--profile", "-p", help="Rule set to use (see 'preflight rules --sets'). Default: inserm-cr.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules (repeatable).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Leave these rules out (repeatable).")
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option(
    "--snippets/--no-snippets",
    default=None,
    help="Quote the dossier's text and show its pages (default: yes, except in CI).",
)
@click.option("--verbose", "-v", is_flag=True, help="Show every finding, not the first 25 per rule.")
@click.option("--no-cache", is_flag=True, help="Check the file again instead of reusing cached outcomes.")
@LANG_OPTION
def report_command(
    path: str,
    output_path: str | None,
    open_browser: bool,
    profile: str | None,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    snippets: bool | None,
    verbose: bool,
    no_cache: bool,
    lang: str | None,
) -> None:
    """Check a PDF dossier and write a self-contained HTML report to open in a browser.

    The report shows the verdict, every rule, the pages with each problem marked, the sections, the CV
    timeline and what takes the file's size. It is one file that needs no network (images and styles are
    inside it). Exit status: 0 the file passed, 1 a rule failed, 2 usage or configuration error, 3 a check
    crashed.
    """
    from preflight.cache import default_cache_dir
    from preflight.config import find_config, load_config
    from preflight.engine import check_files
    from preflight.i18n import t
    from preflight.reporters import RenderOptions, snippets_by_default
    from preflight.reporters.html import gather, limits_of, render_html
    from preflight.rulesets import ConfigError

    _apply_language(lang)
    try:
        user = load_config(Path(config_path)) if config_path else find_config(Path.cwd())
    except ConfigError as error:
        _fail_config(error)
        return
    registry, rule_set = load_rule_set(user, profile, select, ignore)
    run = check_files([path], rule_set, registry, strict=strict, cache_dir=None if no_cache else default_cache_dir())
    if snippets is None:
        snippets = snippets_by_default("html")
    visuals = [gather(file_report, images=snippets) for file_report in run.files]
    page = render_html(run, visuals, RenderOptions(snippets=snippets, verbose=verbose), limits_of(rule_set))
    output = Path(output_path) if output_path else default_output(path)
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as error:
        click.echo(t("cli.cannot-write", path=output, error=error.strerror or error), err=True)
        sys.exit(EXIT_USAGE)
    click.echo(t("cli.report-written", format="HTML", path=output), err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(output.resolve().as_uri())
    if any(file.crashed for file in run.files):
        sys.exit(EXIT_CRASH)
    sys.exit(EXIT_PASS if run.passed else EXIT_FAIL)
