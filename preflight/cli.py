"""The `preflight` command: parse arguments, load the rule set, run the engine, render, exit."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import io
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from preflight import __version__
from preflight.cli_language import LanguageGroup, install, typeset
from preflight.paths import PathProblem, expand_paths, synctex_paths
from preflight.reporters import FORMATS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from preflight.checks import Registry
    from preflight.config import UserConfig
    from preflight.model import Level, RunReport
    from preflight.rulesets import RuleSet
    from preflight.selection import Selection

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
    "diff": (
        "preflight.commands.diff:diff_command",
        "Compare two versions of a dossier: pages per section, size, fonts, findings new and fixed.",
    ),
    "fix": ("preflight.commands.fix:fix_command", "Fix what the failing rules need and prove that nothing was lost."),
    "init": ("preflight.commands.init:init_command", "Write a commented preflight.toml for a dossier repository."),
    "publications": (
        "preflight.commands.publications:publications_command",
        "Show the publication list: its groups, each entry's page and marks (submitted, bold name, metrics).",
    ),
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


OUTPUT_ERRORS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG})
"""What writing the report can meet: a closed pipe (`| head`), a full disk (`>/dev/full`)."""


class GuardedGroup(LanguageGroup):
    """Every command behind one guard: Ctrl-C and SIGTERM, output errors and crashes end in one line and an
    exit status, never a traceback (PREFLIGHT_DEBUG=1 shows it for a crash)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from preflight.interrupt import Interrupted, raising_on_signals

        try:
            with raising_on_signals():
                try:
                    return super().main(*args, **kwargs)
                except SystemExit:
                    _flush_output()
                    raise
        except Interrupted as stop:
            from preflight.i18n import t

            _silence_output()
            with contextlib.suppress(OSError):
                click.echo(t("cli.interrupted", signal=signal.Signals(stop.signum).name), err=True)
            sys.exit(stop.exit_code)

    def invoke(self, ctx: click.Context) -> Any:
        from preflight.interrupt import Interrupted

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, Interrupted):
            raise
        except OSError as error:
            if error.errno not in OUTPUT_ERRORS or error.filename is not None:
                _report_crash(error)
            _output_failed(error)
        except Exception as error:
            _report_crash(error)
        return None


def _flush_output() -> None:
    """Flush standard output inside the guard: a full disk must be exit 2 here, not Python's exit 120 later."""
    try:
        sys.stdout.flush()
    except OSError as error:
        _output_failed(error)
    except ValueError:
        pass  # closed already


def _silence_output() -> None:
    """Point standard output at /dev/null, so that nothing left in its buffer fails again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _output_failed(error: OSError) -> NoReturn:
    from preflight.i18n import t

    _silence_output()
    if error.errno != errno.EPIPE:  # a reader that closed the pipe (| head) wanted no more: no message
        with contextlib.suppress(OSError):
            click.echo(t("cli.output-error", error=error.strerror or error), err=True)
    sys.exit(EXIT_USAGE)


def _report_crash(error: BaseException) -> NoReturn:
    import traceback

    from preflight.i18n import t

    if os.environ.get("PREFLIGHT_DEBUG"):
        raise error
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    with contextlib.suppress(OSError):
        click.echo(t("cli.internal-error", error=f"{type(error).__name__}: {error}", where=where), err=True)
    sys.exit(EXIT_CRASH)


@click.group(cls=GuardedGroup, lazy_commands=LAZY_COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dossier-preflight")
@click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    default=None,
    is_eager=True,
    expose_value=False,
    callback=lambda _ctx, _param, value: _apply_language(value) if value else None,
    help="Language of the messages and help, for the whole run (default: from the locale, LANG=fr_FR... gives French).",
)
def main() -> None:
    """Check a research-competition PDF dossier before you upload it."""


LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    default=None,
    help="Language of the report (default: from the locale, LANG=fr_FR... gives French).",
)


TEXT_OR_JSON_OPTION = click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Output format: text, or json (one serialisation of what the text shows).",
)
"""The output format of the commands that show what was read (sections, publications)."""


def _apply_language(lang: str | None) -> None:
    """A command's own --lang; without it, the language the `preflight` group chose (or the environment's)."""
    from preflight.cli_language import run_language_chosen
    from preflight.i18n import resolve_language, set_language

    if lang is not None or not run_language_chosen():
        set_language(resolve_language(lang))


install()


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
        "markdown (job summary), html (one self-contained page)."
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
@click.option(
    "--baseline",
    metavar="REF",
    help="Compare each PDF with its version at git revision REF (e.g. HEAD, HEAD~1, a tag): pages per section, "
    "size, fonts, findings new and fixed (read with 'git show', nothing is checked out).",
)
@click.option(
    "--source-lines/--no-source-lines",
    "source_lines",
    default=None,
    help="Point findings at the source's file:line: from a .synctex.gz beside the PDF, and by finding their "
    "text in the repository's .tex, .md, .txt and .docx files (default: SyncTeX when present; the text search "
    "with a dossier = [...] setting).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
    help="Time limit per file: a file that takes longer fails pdf-readable (0: no limit).",
)
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
    baseline: str | None,
    source_lines: bool | None,
    timeout: float,
    lang: str | None,
    color: bool | None,
    verbose: bool,
) -> None:
    """Check PDF dossiers (files or folders) and report every rule's outcome.

    Exit status: 0 every file passed, 1 a rule failed, 2 usage or configuration error, 3 a check crashed.
    """
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
    cache_dir = None
    if not no_cache:
        from preflight.cache import default_cache_dir  # hashlib and json: not for a run that does not cache

        cache_dir = default_cache_dir()

    def produce(files: list[str], profile: str | None, user: UserConfig = user) -> RunReport:
        select_, ignore_ = select, ignore
        if profile == OTHERS_PROFILE and chosen is not None:
            # The other PDFs: the portal rules, with the settings the user gave them only.
            from preflight.selection import keep_known, others_config

            user = others_config(user)
            select_, ignore_ = tuple(keep_known(select)), tuple(keep_known(ignore))
            if select and not select_:
                # --select names no portal rule: nothing of it applies to the other PDFs.
                from preflight.model import RunReport

                return RunReport(OTHERS_PROFILE, (), __version__)
        cache_key = None
        cached = None
        if cache_dir is not None:
            # A repeat run is answered from the cache without loading the checks or any PDF library (see
            # preflight.cache); the first miss falls through to the full run, which validates the rule set.
            from preflight.cache import cached_run, request_key

            cache_key = request_key(user.path, user.values, profile, select_, ignore_, strict, get_language())
            cached = cached_run(files, cache_dir, cache_key, strict)
        if cached is not None:
            from preflight.launch import stop_early

            stop_early()  # the text read since the start (preflight.launch) is not needed
            report, load_errors = cached
            for problem in load_errors:
                click.echo(t("cli.load-warning", problem=problem), err=True)
            return report
        return _run_checks(
            files, paths, user, profile, select_, ignore_, strict, quiet, jobs, cache_dir, cache_key, timeout
        )

    # With a `dossier` setting, the other PDFs (figures, articles) are left alone or checked as portal uploads.
    from preflight.selection import OTHERS_PROFILE, say

    others: list[str] = []
    chosen = _dossier_selection(user)
    if chosen is not None and files:
        files, others = chosen.split(files)
        patterns = list(chosen.patterns)
        said = "selection.left-alone" if chosen.others == "skip" else "selection.portal-only"
        for other in others:
            click.echo(say(said, path=other, patterns=patterns, config=user.path, profile=OTHERS_PROFILE), err=True)
        if chosen.others == "skip":
            others = []
        if not files and not others and not problems:
            click.echo(say("selection.none", patterns=patterns, config=user.path), err=True)
            sys.exit(EXIT_PASS)
    if others and not files:
        report = produce(others, OTHERS_PROFILE)
    else:
        report = produce(files, profile)
        if others:
            report = _merged(report, produce(others, OTHERS_PROFILE))
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
    if baseline is not None:
        report = _with_baseline(
            report, set(files), baseline, user, profile, select, ignore, strict, snippets, cache_dir
        )
    search_text = bool(source_lines) or chosen is not None
    if source_lines is not False and (search_text or _has_synctex(report)):
        from preflight.source_map import with_source_lines

        report = with_source_lines(report, search_text=search_text)
    options = RenderOptions(snippets=snippets, verbose=verbose, quiet=quiet)
    if output_path is not None:
        try:
            _write_whole(Path(output_path), get_renderer(output_format)(report, options))
        except OSError as error:
            click.echo(t("cli.cannot-write", path=output_path, error=error.strerror or error), err=True)
            sys.exit(EXIT_USAGE)
        output_format = "text"
    use_color = _use_color(color, sys.stdout) and output_format == "text"
    options = dataclasses.replace(options, color=use_color)
    click.echo(get_renderer(output_format)(report, options), nl=False, color=use_color)
    if baseline is not None and output_format == "text":
        from preflight.diff import render_text

        for file_report in report.files:
            change = file_report.extra.get("baseline")
            if isinstance(change, dict):
                click.echo("\n" + render_text(change), nl=False)
    if any(file.crashed for file in report.files):
        sys.exit(EXIT_CRASH)
    sys.exit(EXIT_PASS if report.passed else EXIT_FAIL)


def _with_baseline(
    report: RunReport,
    files: set[str],
    ref: str,
    user: UserConfig,
    profile: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    snippets: bool,
    cache_dir: Path | None,
) -> RunReport:
    """Each dossier's report with ``extra["baseline"]``: the changes since its version at git revision ``ref``."""
    from preflight.checks import load_registry
    from preflight.config import resolve_rule_set
    from preflight.diff import BaselineError, baseline_change
    from preflight.i18n import get_language
    from preflight.rulesets import ConfigError

    loaded: list[tuple[Any, Any]] = []

    def rules() -> tuple[Any, Any]:
        # Loaded on the first comparison the cache cannot answer.
        if not loaded:
            registry = load_registry()
            try:
                loaded.append((resolve_rule_set(registry, user, profile, select, ignore), registry))
            except ConfigError as error:
                _fail_config(error)
                raise
        return loaded[0]

    cache_key = None
    if cache_dir is not None:
        from preflight.cache import request_key

        cache_key = request_key(user.path, user.values, profile, select, ignore, strict, get_language())
    reports = []
    for file_report in report.files:
        if file_report.path in files and file_report.pages is not None:
            try:
                change = baseline_change(
                    file_report,
                    ref,
                    rules,
                    strict=strict,
                    snippets=snippets,
                    cache_dir=cache_dir,
                    cache_key=cache_key,
                )
            except BaselineError as error:
                from preflight.i18n import t

                click.echo(t("cli.path-problem", problem=error), err=True)
                sys.exit(EXIT_USAGE)
            file_report = dataclasses.replace(file_report, extra={**file_report.extra, "baseline": change})
        reports.append(file_report)
    return dataclasses.replace(report, files=tuple(reports))


def _dossier_selection(user: UserConfig) -> Selection | None:
    from preflight.rulesets import ConfigError
    from preflight.selection import selection

    try:
        return selection(user)
    except ConfigError as error:
        _fail_config(error)
        return None


def _merged(report: RunReport, others: RunReport) -> RunReport:
    """The dossier's report with the other PDFs' (checked against another rule set) appended."""
    known = {info.id for info in report.rules}
    return dataclasses.replace(
        report,
        files=(*report.files, *others.files),
        rules=(*report.rules, *(info for info in others.rules if info.id not in known)),
    )


def _has_synctex(report: RunReport) -> bool:
    """Whether a checked PDF has a SyncTeX file beside it, looked for without importing the source map:
    most dossiers have none, and every run would pay for the import."""
    return any(path.is_file() for report_file in report.files for path in synctex_paths(Path(report_file.path)))


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
    timeout: float = 60.0,
) -> RunReport:
    """The full run: load the checks, resolve and validate the rule set, check every file.

    A single file's text is read meanwhile in a process of its own, where a processor is free (TextAhead)."""
    from preflight import workers
    from preflight.pdf.budget import from_environment

    budget = dataclasses.replace(from_environment(), seconds=timeout or None)
    ahead = workers.take_early(files[0], budget) if len(files) == 1 else None
    if ahead is None:
        from preflight.launch import stop_early

        stop_early()
        if len(files) == 1 and workers.text_ahead_pays():
            ahead = workers.TextAhead(files[0], budget)
    try:
        from preflight.engine import check_files
        from preflight.i18n import t
        from preflight.pdf.budget import set_active

        registry, rule_set = load_rule_set(user, profile, select, ignore)
        set_active(budget)  # for the files checked in this process (a platform without fork, a report that fell back)
        run = functools.partial(
            check_files,
            files,
            rule_set,
            registry,
            jobs=jobs or os.cpu_count() or 1,
            strict=strict,
            cache_dir=cache_dir,
            cache_key=cache_key,
            budget=budget,
            text_ahead=ahead,
        )
        if not quiet and len(files) > 1 and _is_terminal(sys.stderr):
            with click.progressbar(length=len(files), label=t("cli.progress"), file=sys.stderr) as bar:
                return run(on_done=bar.update)
        return run()
    finally:
        if ahead is not None:
            ahead.stop()


def load_rule_set(
    user: UserConfig, profile: str | None, select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> tuple[Registry, RuleSet]:
    """The checks and the run's rule set; the checks' load warnings on stderr, and a rule set that cannot
    be used (invalid, or that leaves nothing to check) a usage error in the run's language (exit 2)."""
    from preflight.checks import load_registry
    from preflight.config import resolve_rule_set
    from preflight.i18n import t
    from preflight.rulesets import ConfigError, NoRulesError

    registry = load_registry()
    for problem in registry.load_errors:
        click.echo(t("cli.load-warning", problem=problem), err=True)
    try:
        return registry, resolve_rule_set(registry, user, profile, select, ignore)
    except NoRulesError as error:
        click.echo(t("cli.nothing-to-check", error=error.render()), err=True)
        sys.exit(EXIT_USAGE)
    except ConfigError as error:
        _fail_config(error)
        raise


def _write_whole(path: Path, text: str) -> None:
    """Write a temporary file beside path, then rename it: an interruption or a full disk leaves no half report."""
    import stat
    import tempfile

    try:
        special = not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        special = False
    if special:  # /dev/stdout, a named pipe: written as it is, never replaced by a file
        with path.open("w", encoding="utf-8") as stream:
            stream.write(text)
        return
    path = path.resolve() if path.is_symlink() else path  # a link keeps pointing at the report it names
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
    from preflight.i18n import get_language, t

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
                click.echo(f"{name:<16} {_header_text(header, 'name') or ''}")
            return
        user = load_config(Path(config_path)) if config_path else find_config(Path.cwd())
        rule_set = resolve_rule_set(registry, user, profile)
    except ConfigError as error:
        _fail_config(error)
        return
    header = load_raw_rule_set(rule_set.name)[0]["rule-set"]
    click.echo(t("cli.rules-header", profile=rule_set.name, title=_header_text(header, "name") or rule_set.title))
    description = _header_text(header, "description")
    if description:
        click.echo(t("cli.rules-description", description=description))
    width = max(len(rule.id) for rule in rule_set.rules)
    level_width = max(len(_level_name(rule.level)) for rule in rule_set.rules)
    for rule in rule_set.rules:
        spec = registry.checks[rule.check]
        reuse = t("cli.rule-reuses", check=rule.check) if rule.check != rule.id else ""
        summary = typeset(spec.summary_in(get_language()))
        click.echo(f"  {rule.id:<{width}}  {_level_name(rule.level):<{level_width}}  {summary}{reuse}")
        if rule.settings:
            settings = ", ".join(_option_line(name, value).strip() for name, value in rule.settings)
            click.echo(f"  {'':<{width}}  {'':<{level_width}}  {settings}")


def _level_name(level: Level) -> str:
    """A rule's level in the run's language: error / erreur, warning / avertissement, info / note, off."""
    from preflight.i18n import t

    return t(f"level.{level.label}") if level.label != "off" else t("cli.level-off")


def _header_text(header: dict[str, object], key: str) -> str | None:
    """A rule set's ``name`` or ``description`` in the run's language (``name_fr``, ``description_fr``)."""
    from preflight.i18n import get_language

    text = header.get(f"{key}_{get_language()}") or header.get(key)
    return typeset(str(text)) if text else None


def _default_of(field: dataclasses.Field[object]) -> object:
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return field.default


def _option_line(name: str, value: object) -> str:
    """``    name = value``; an option without a value (None) is a comment, as TOML has no null."""
    from preflight.commands.init import toml_value
    from preflight.i18n import t

    if value is None:
        return "    " + t("cli.option-unset", name=name)
    return f"    {name} = {toml_value(value)}"


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
    click.echo(t("cli.explain-header", header=header, summary=typeset(spec.summary_in(language))) + "\n")
    click.echo(typeset(spec.doc_in(language)))
    defaults = dataclasses.fields(spec.options_type)
    if defaults:
        click.echo("\n" + t("cli.defaults"))
        for field in defaults:
            click.echo(_option_line(field.name, _default_of(field)))
    if rule is not None and (profile is not None or rule.id != spec.id):
        click.echo("\n" + t("cli.rule-in-set", profile=found_in, level=_level_name(rule.level)))
        for option in dataclasses.fields(rule.options):
            click.echo(_option_line(option.name, getattr(rule.options, option.name)))
        source = rule.source_in(language)
        if source:
            click.echo(t("cli.rule-source", source=typeset(source), verified=rule.verified or "?"))
    elif profile is not None:
        click.echo("\n" + t("cli.not-in-set", profile=profile))
