"""The `preflight fix` command: parse arguments, run preflight.fix, render what it did, exit."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

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
@click.option("--jpeg-quality", type=click.IntRange(10, 100), default=85, show_default=True, help="For photos.")
@click.option("--force", is_flag=True, help="Keep the output even if text was lost or changed.")
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text")
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
    from preflight.fix import FixOptions, SamePathError, as_dict, fix_file
    from preflight.rulesets import ConfigError

    source = Path(path)
    target = Path(output) if output else source.with_name(f"{source.stem}-fixed.pdf")
    registry = load_registry()
    try:
        user = load_config(Path(config_path)) if config_path else find_config(Path.cwd())
        rule_set = resolve_rule_set(registry, user, profile)
    except ConfigError as error:
        click.echo(f"preflight: configuration error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    options = FixOptions(drop_attachments=drop_attachments, max_dpi=max_dpi, jpeg_quality=jpeg_quality, force=force)
    try:
        result = fix_file(source, target, rule_set, registry, options, dry_run=dry_run)
    except SamePathError as error:
        click.echo(f"preflight fix: {error} (the input is never overwritten)", err=True)
        sys.exit(EXIT_USAGE)
    except Exception as error:  # never a traceback for a bad input; the input is untouched either way
        click.echo(
            f"preflight fix: the fix stopped ({type(error).__name__}: {error}); nothing was written and the input "
            "is unchanged. Please report this with the file if you can share it.",
            err=True,
        )
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
    return f"{count / 1_000_000:.2f} MB" if count >= 1_000_000 else f"{count / 1000:.1f} kB"


def render(result: FixResult, dry_run: bool, profile: str) -> str:
    from preflight.fix import STEP_TITLES, rule_statuses

    lines = [f"preflight fix: {result.source} (rule set {profile})"]
    if result.refused:
        lines.append(f"  refused: {result.refused}")
        return "\n".join(lines) + "\n"
    failing = [name for name, status in rule_statuses(result.before).items() if status == "fail"]
    lines.append(f"  failing rules: {', '.join(failing) if failing else 'none'}")
    if not result.planned:
        if result.unfixable:
            lines.append(f"  nothing here can fix: {', '.join(result.unfixable)}; see 'preflight check' for what to do")
        else:
            lines.append("  nothing to fix: no output written")
        return "\n".join(lines) + "\n"
    if dry_run:
        lines.append(f"  would write {result.output}, doing:")
        for number, step in enumerate(result.planned, 1):
            lines.append(f"  {number}. {step.step}: {STEP_TITLES[step.step]} (rule {step.rule})")
            lines.extend(f"       - {item}" for item in step.plan)
        if result.unfixable:
            lines.append(f"  no automatic fix for: {', '.join(result.unfixable)}")
        lines.append("  dry run: nothing written")
        return "\n".join(lines) + "\n"
    for number, report in enumerate(result.steps, 1):
        failed = " (FAILED)" if report.failed else ""
        lines.append(
            f"  {number}. {report.step}: {STEP_TITLES[report.step]}{failed}   "
            f"{_size(report.bytes_before)} → {_size(report.bytes_after)}"
        )
        lines.extend(f"       - {item}" for item in report.actions)
        lines.extend(f"       ! {item}" for item in report.notes)
    lines.append("  proof that nothing was lost (input compared with output):")
    if not result.differences:
        lines.append("       same page count, page sizes, text on every page, bookmarks and links")
    for difference in result.differences:
        where = f"page {difference.page}: " if difference.page else ""
        mark = "✗" if difference.fatal else "~"
        lines.append(f"     {mark} {where}{difference.message}")
    lines.append("  before → after:")
    after_bytes = result.after.bytes if result.after else None
    lines.append(f"       size   {_size(result.before.bytes)} → {_size(after_bytes)}")
    if result.fonts_before and result.fonts_after:
        lines.append(
            f"       fonts  {result.fonts_before.embedded} embedded, {result.fonts_before.not_embedded} not → "
            f"{result.fonts_after.embedded} embedded, {result.fonts_after.not_embedded} not"
        )
    after = rule_statuses(result.after)
    width = max((len(name) for name in after), default=4)
    for name, status in rule_statuses(result.before).items():
        lines.append(f"       {name:<{width}}  {status} → {after.get(name, '?')}")
    if result.written:
        verdict = f"  written: {result.output}"
        if result.content_lost:
            verdict += " (kept with --force although text was lost or changed: check it page by page)"
    else:
        verdict = (
            f"  NOT written: text was lost or changed, so {result.output} was not kept; "
            "look at the differences above, or keep it anyway with --force"
        )
    lines.append(verdict)
    if result.after is not None and not result.after.passed:
        still = [o.rule for o in result.after.outcomes if o.status.value in ("fail", "error")]
        lines.append(f"  still failing: {', '.join(still)}; run 'preflight check' on the output for what to do")
    return "\n".join(lines) + "\n"
