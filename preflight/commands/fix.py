"""The `preflight fix` command: parse arguments, run preflight.fix, render what it did, exit."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from preflight.cli import LANG_OPTION, _apply_language
from preflight.i18n import t

if TYPE_CHECKING:
    from preflight.fix import FixResult

EXIT_PASS = 0
EXIT_FAIL = 1
EXIT_USAGE = 2
EXIT_CRASH = 3


@click.command("fix")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False), help="Where to write the fixed PDF (default: NAME-fixed.pdf)."
)
@click.option("--dry-run", is_flag=True, help="Say what would be done; write nothing.")
@click.option("--profile", "-p", help="Rule set to use (see 'preflight rules --sets'). Default: inserm-cr.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--drop-attachments", is_flag=True, help="Remove attached files (they are only listed otherwise).")
@click.option("--max-dpi", type=click.IntRange(72, 2400), default=300, show_default=True, help="Downsample above.")
@click.option(
    "--jpeg-quality",
    type=click.IntRange(10, 100),
    default=85,
    show_default=True,
    help="JPEG quality for scans and photos.",
)
@click.option("--force", is_flag=True, help="Keep the output even if text was lost or changed.")
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Report format: text or json.",
)
@LANG_OPTION
def fix_command(
    path: str,
    output: str | None,
    dry_run: bool,
    profile: str | None,
    config_path: str | None,
    drop_attachments: bool,
    max_dpi: int,
    jpeg_quality: int,
    force: bool,
    output_format: str,
    lang: str | None,
) -> None:
    """Fix what the failing rules need and prove that nothing was lost.

    In this order, and only when a rule fails: remove owner-password restrictions, remove scripts and
    launch actions and flatten form fields, embed fonts (Ghostscript), reduce the size, clean hidden
    characters in the metadata. The output is checked again and compared with the input (pages, sizes,
    text of every page, bookmarks, links). The input is never changed.

    Exit status: 0 fixed and nothing lost, 1 a rule still fails or text was lost (the output is then
    not written unless --force), 2 usage or configuration error, 3 a check crashed.
    """
    from preflight.checks import load_registry
    from preflight.config import find_config, load_config, resolve_rule_set
    from preflight.fix import FixOptions, OutputError, SamePathError, as_dict, fix_file
    from preflight.rulesets import ConfigError

    _apply_language(lang)
    source = Path(path)
    target = Path(output) if output else source.with_name(f"{source.stem}-fixed.pdf")
    registry = load_registry()
    try:
        user = load_config(Path(config_path)) if config_path else find_config(Path.cwd())
        rule_set = resolve_rule_set(registry, user, profile)
    except ConfigError as error:
        click.echo(t("fix.config-error", error=error), err=True)
        sys.exit(EXIT_USAGE)
    options = FixOptions(drop_attachments=drop_attachments, max_dpi=max_dpi, jpeg_quality=jpeg_quality, force=force)
    try:
        result = fix_file(source, target, rule_set, registry, options, dry_run=dry_run)
    except SamePathError as error:
        click.echo(t("fix.never-overwritten", error=error), err=True)
        sys.exit(EXIT_USAGE)
    except OutputError as error:
        click.echo(f"preflight fix: {error}", err=True)
        sys.exit(EXIT_USAGE)
    except Exception as error:  # never a traceback for a bad input; the input is untouched either way
        click.echo(t("fix.crashed", error=f"{type(error).__name__}: {error}"), err=True)
        sys.exit(EXIT_CRASH)
    if output_format == "json":
        click.echo(json.dumps(as_dict(result), indent=2, ensure_ascii=False))
    else:
        click.echo(render(result, dry_run, rule_set.name), nl=False)
    sys.exit(exit_code(result, dry_run))


def exit_code(result: FixResult, dry_run: bool) -> int:
    if result.refused:
        return EXIT_FAIL
    if dry_run:
        return EXIT_PASS
    if not result.planned:
        return EXIT_PASS if result.before.passed else EXIT_FAIL
    if result.after is not None and result.after.crashed:
        return EXIT_CRASH
    if result.content_lost or result.after is None or not result.after.passed:
        return EXIT_FAIL
    return EXIT_PASS


def _size(count: int | None) -> str:
    if count is None:
        return "?"
    return t("fix.megabytes", size=count / 1_000_000) if count >= 1_000_000 else t("fix.kilobytes", size=count / 1000)


def render(result: FixResult, dry_run: bool, profile: str) -> str:
    from preflight.fix import STEP_TITLES, rule_statuses

    lines = [t("fix.title", source=result.source, profile=profile)]
    if result.refused:
        lines.append(t("fix.refused", reason=result.refused))
        return "\n".join(lines) + "\n"
    failing = [name for name, status in rule_statuses(result.before).items() if status == "fail"]
    lines.append(t("fix.failing", rules=", ".join(failing) if failing else t("fix.none")))
    if not result.planned:
        if result.unfixable:
            lines.append(t("fix.nothing-can-fix", rules=", ".join(result.unfixable)))
        else:
            lines.append(t("fix.nothing-to-fix"))
        return "\n".join(lines) + "\n"
    if dry_run:
        lines.append(t("fix.would-write", output=result.output))
        for number, step in enumerate(result.planned, 1):
            lines.append(
                t("fix.planned-step", number=number, step=step.step, title=t(STEP_TITLES[step.step]), rule=step.rule)
            )
            lines.extend(f"       - {item}" for item in step.plan)
        if result.unfixable:
            lines.append(t("fix.no-automatic-fix", rules=", ".join(result.unfixable)))
        lines.append(t("fix.dry-run"))
        return "\n".join(lines) + "\n"
    for number, report in enumerate(result.steps, 1):
        failed = t("fix.step-failed-mark") if report.failed else ""
        lines.append(
            t(
                "fix.done-step",
                number=number,
                step=report.step,
                title=t(STEP_TITLES[report.step]),
                failed=failed,
                before=_size(report.bytes_before),
                after=_size(report.bytes_after),
            )
        )
        lines.extend(f"       - {item}" for item in report.actions)
        lines.extend(f"       ! {item}" for item in report.notes)
    lines.append(t("fix.proof"))
    if not result.differences:
        lines.append(t("fix.all-same"))
    for difference in result.differences:
        where = t("fix.on-page", page=difference.page) if difference.page else ""
        mark = "✗" if difference.fatal else "~"
        lines.append(f"     {mark} {where}{difference.message}")
    lines.append(t("fix.before-after"))
    after_bytes = result.after.bytes if result.after else None
    if result.size_target is not None:
        target = result.size_target
        lines.append(
            t(
                "fix.size-row-target",
                before=_size(result.before.bytes),
                after=_size(after_bytes),
                goal=target.goal,
                limit=target.limit,
            )
        )
    else:
        lines.append(t("fix.size-row", before=_size(result.before.bytes), after=_size(after_bytes)))
    if result.fonts_before and result.fonts_after:
        lines.append(
            t(
                "fix.fonts-row",
                embedded_before=result.fonts_before.embedded,
                missing_before=result.fonts_before.not_embedded,
                embedded_after=result.fonts_after.embedded,
                missing_after=result.fonts_after.not_embedded,
            )
        )
    after = {name: t(f"fix.status.{status}") for name, status in rule_statuses(result.after).items()}
    width = max((len(name) for name in after), default=4)
    for name, status in rule_statuses(result.before).items():
        lines.append(f"       {name:<{width}}  {t(f'fix.status.{status}')} → {after.get(name, '?')}")
    if result.written:
        verdict = t("fix.written", output=result.output)
        if result.content_lost:
            verdict += t("fix.kept-forced")
    elif result.withheld:
        verdict = t("fix.withheld", reason=result.withheld)
    else:
        verdict = t("fix.not-written", output=result.output)
    lines.append(verdict)
    if result.after is not None and not result.after.passed:
        still = [o.rule for o in result.after.outcomes if o.status.value in ("fail", "error")]
        lines.append(t("fix.still-failing", rules=", ".join(still)))
    return "\n".join(lines) + "\n"
