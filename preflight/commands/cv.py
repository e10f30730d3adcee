"""`preflight cv dossier.pdf`: the CV's timeline as the tool understood it, with each gap marked."""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from preflight.model import Level

if TYPE_CHECKING:
    from preflight.checks import cv_date_gaps
    from preflight.chronology import Gap, Timeline

EXIT_PASS = 0
EXIT_FAIL = 1
EXIT_USAGE = 2


@click.command("cv")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--profile", "-p", help="Rule set whose cv-date-gaps options to use (default: the configured one).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option(
    "--as-of", "as_of", metavar="YYYY-MM", help="Month that open ranges ('since 2020') run to. Default: today."
)
@click.option(
    "--pages",
    metavar="FIRST-LAST",
    help='The CV\'s pages (e.g. 2-4), when the tool does not find them; same as [sections] cv = "2-4".',
)
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text")
def cv_command(
    path: str, profile: str | None, config_path: str | None, as_of: str | None, pages: str | None, output_format: str
) -> None:
    """Print the CV's timeline: each dated entry, and each gap with its level.

    A stand-alone CV is read whole; in a dossier, the CV section is found by its title or by its headings
    (Formation, Expérience...). Exit status: 0 no gap at error level, 1 a gap at error level or no CV dates,
    2 usage error or unreadable file.
    """
    from preflight.checks import cv_date_gaps
    from preflight.dossier import Dossier

    options, section_config = _options(profile, config_path, as_of)
    if pages is not None:
        if not re.fullmatch(r"\s*\d+\s*(?:-\s*\d+\s*)?", pages):
            click.echo(f"preflight: --pages: expected FIRST-LAST such as 2-4, got {pages!r}", err=True)
            sys.exit(EXIT_USAGE)
        section_config = {**section_config, options.section: pages.strip()}
    with Dossier(path) as dossier:
        dossier.section_config = section_config
        if not dossier.readable:
            assert dossier.problem is not None
            click.echo(f"preflight: {path}: {dossier.problem.message}", err=True)
            sys.exit(EXIT_USAGE)
        try:
            timeline, source = cv_date_gaps.timeline_of(dossier, options)
        except ValueError as error:  # a page range the [sections] reader refuses
            click.echo(f"preflight: --pages: {error}", err=True)
            sys.exit(EXIT_USAGE)
    if timeline is None:
        click.echo(f"{path}: {source}; the CV's chronology cannot be read.")
        sys.exit(EXIT_FAIL)
    levels = [cv_date_gaps.gap_level(gap, options) for gap in timeline.gaps]
    if output_format == "json":
        click.echo(json.dumps(cv_date_gaps.timeline_data(timeline, options), ensure_ascii=False, indent=2))
    else:
        click.echo(render_timeline(path, timeline, levels))
    failing = not timeline.entries or any(level is Level.ERROR for level in levels)
    sys.exit(EXIT_FAIL if failing else EXIT_PASS)


def _options(
    profile: str | None, config_path: str | None, as_of: str | None
) -> tuple[cv_date_gaps.Options, Mapping[str, Any]]:
    """The cv-date-gaps options and the [sections] table of the configured rule set."""
    from preflight.checks import cv_date_gaps, load_registry
    from preflight.config import find_config, load_config, resolve_rule_set
    from preflight.rulesets import ConfigError

    registry = load_registry()
    options = cv_date_gaps.Options()
    try:
        user = load_config(Path(config_path)) if config_path else find_config(Path.cwd())
        rule_set = resolve_rule_set(registry, user, profile)
        for rule in rule_set.rules:
            if rule.check == cv_date_gaps.ID:
                options = rule.options
                break
        if as_of:
            options = dataclasses.replace(options, as_of=as_of)
    except ConfigError as error:
        click.echo(f"preflight: configuration error: {error}", err=True)
        sys.exit(EXIT_USAGE)
    except ValueError as error:
        click.echo(f"preflight: --as-of: {error}", err=True)
        sys.exit(EXIT_USAGE)
    return options, rule_set.sections


def render_timeline(path: str, timeline: Timeline, levels: list[Level | None]) -> str:
    """A table of entries in date order, with a marked row for each gap where it falls."""
    out = [f"CV timeline of {path}"]
    out.append(f"  read from: {timeline.source}; open ranges run to {timeline.as_of}")
    read = [f"{part.title} (p. {part.page})" for part in timeline.parts if part.read]
    skipped = [
        f"{part.title} (p. {part.page}" + (f", {count} dated line{'s' if count > 1 else ''})" if count else ")")
        for part in timeline.parts
        if not part.read
        for count in [sum(1 for entry in timeline.skipped if entry.part == part.title and entry.page == part.page)]
    ]
    if read:
        out.append(f"  headings read: {'; '.join(read)}")
    if skipped:
        out.append(f"  not the timeline, not read: {'; '.join(skipped)}")
    if not timeline.entries:
        out.append("  no dates found: looked for ranges such as '2015–2019', 'sept. 2015 – août 2019', 'depuis 2020'")
        return "\n".join(out) + "\n"
    out.append("")
    out.append(f"  {'from':<7}  {'to':<7}  {'months':>6}  {'page':>4}  {'kind':<8}  entry")
    gaps = list(zip(timeline.gaps, levels, strict=True))
    for entry in timeline.entries:
        while gaps and gaps[0][0].first < entry.first:
            out.append(_gap_row(*gaps.pop(0)))
        until = "present" if entry.range.is_open else str(entry.last)
        months = entry.last.index - entry.first.index + 1
        out.append(
            f"  {entry.first!s:<7}  {until:<7}  {months:>6}  {entry.page:>4}  {entry.kind:<8}  "
            f"{entry.label[:70]}  [{entry.range.text}]" + (f"  ({entry.note})" if entry.note else "")
        )
    out.extend(_gap_row(gap, level) for gap, level in gaps)
    counts = {
        label: sum(1 for level in levels if level is value)
        for label, value in (("error", Level.ERROR), ("warning", Level.WARNING), ("info", Level.INFO))
    }
    quiet = sum(1 for level in levels if level is None)
    out.append("")
    out.append(
        f"  {len(timeline.entries)} entries from {timeline.first} to {timeline.last}; "
        f"gaps: {counts['error']} error, {counts['warning']} possible (warning), {counts['info']} info, "
        f"{quiet} short (normal between positions)"
    )
    return "\n".join(out) + "\n"


def _gap_row(gap: Gap, level: Level | None) -> str:
    if gap.certainty == "possible":
        mark = "possible gap (warning)" if level else "possible, short"
        years = f", academic year {', '.join(gap.whole_academic_years)}" if gap.whole_academic_years else ""
    else:
        mark = {Level.ERROR: "GAP (error)", Level.INFO: "gap (info)"}.get(level, "short gap") if level else "short gap"
        years = f", all of {', '.join(map(str, gap.whole_years))}" if gap.whole_years else ""
    return f"  {'>>':<7}  {'':<7}  {gap.months:>6}  {'':>4}  {mark}: no activity {gap.first} to {gap.last}{years}"
