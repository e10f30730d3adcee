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

from preflight.cli import LANG_OPTION, _apply_language
from preflight.i18n import get_language, t
from preflight.model import Level

if TYPE_CHECKING:
    from preflight.checks import cv_date_gaps
    from preflight.chronology import CvSource, Entry, Gap, Timeline

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
@LANG_OPTION
def cv_command(
    path: str,
    profile: str | None,
    config_path: str | None,
    as_of: str | None,
    pages: str | None,
    output_format: str,
    lang: str | None,
) -> None:
    """Print the CV's timeline: each dated entry, and each gap with its level.

    A stand-alone CV is read whole; in a dossier, the CV section is found by its title or by its headings
    (Formation, Expérience...). Exit status: 0 no gap at error level, 1 a gap at error level or no CV dates,
    2 usage error or unreadable file.
    """
    from preflight.checks import cv_date_gaps
    from preflight.dossier import Dossier
    from preflight.engine import render_finding

    _apply_language(lang)
    options, section_config = _options(profile, config_path, as_of)
    if pages is not None:
        numbers = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", pages)
        if not numbers or not 1 <= int(numbers.group(1)) <= int(numbers.group(2) or numbers.group(1)):
            click.echo(t("cv.bad-pages", pages=pages), err=True)
            sys.exit(EXIT_USAGE)
        section_config = {**section_config, options.section: pages.strip()}
    with Dossier(path) as dossier:
        dossier.section_config = section_config
        if not dossier.readable:
            from preflight.checks.pdf_readable import describe_problem

            click.echo(t("cv.unreadable", path=path, problem=describe_problem(dossier)[0]), err=True)
            sys.exit(EXIT_USAGE)
        try:
            timeline, source = cv_date_gaps.timeline_and_source(dossier, options)
        except ValueError as error:  # a page range the [sections] reader refuses
            click.echo(t("cv.pages-error", error=error), err=True)
            sys.exit(EXIT_USAGE)
    if timeline is None:
        finding = render_finding(cv_date_gaps.no_cv_finding(source), cv_date_gaps.MESSAGES, get_language())
        click.echo(t("cv.no-cv", path=path, message=finding.message))
        if finding.fix:
            click.echo(f"  → {finding.fix}")
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
        click.echo(t("cli.config-error", error=error), err=True)
        sys.exit(EXIT_USAGE)
    except ValueError:
        click.echo(t("cv.bad-as-of", value=as_of or ""), err=True)
        sys.exit(EXIT_USAGE)
    return options, rule_set.sections


def render_timeline(path: str, timeline: Timeline, levels: list[Level | None]) -> str:
    """A table of entries in date order, with a marked row for each gap where it falls (in the run's language)."""
    out = [t("cv.title", path=path)]
    source_id, source_args = _source_message(timeline)
    out.append("  " + t("cv.read-from", source=source_id, as_of=_month(timeline.as_of), **source_args))
    read = [t("cv.part", title=part.title, page=part.page) for part in timeline.parts if part.read]
    skipped = [
        t("cv.part-dated", title=part.title, page=part.page, count=count)
        if count
        else t("cv.part", title=part.title, page=part.page)
        for part in timeline.parts
        if not part.read
        for count in [sum(1 for entry in timeline.skipped if entry.part == part.title and entry.page == part.page)]
    ]
    if read:
        out.append("  " + t("cv.headings-read", parts=read))
    if skipped:
        out.append("  " + t("cv.headings-skipped", parts=skipped))
    if not timeline.entries:
        out.append("  " + t("cv.no-dates"))
        return "\n".join(out) + "\n"
    out.append("")
    columns = {name: t(f"cv.column-{name}") for name in ("from", "to", "months", "page", "kind", "entry")}
    present = t("cv.present")
    wide = max(7, len(present), len(columns["to"]))
    kinds = {kind: t(f"cv.kind-{kind}") for kind in ("activity", "leave", "other")}
    kind_width = max(8, len(columns["kind"]), *(len(name) for name in kinds.values()))
    out.append(
        f"  {columns['from']:<7}  {columns['to']:<{wide}}  {columns['months']:>6}  {columns['page']:>4}  "
        f"{columns['kind']:<{kind_width}}  {columns['entry']}"
    )
    gaps = list(zip(timeline.gaps, levels, strict=True))
    for entry in timeline.entries:
        while gaps and gaps[0][0].first < entry.first:
            out.append(_gap_row(*gaps.pop(0), wide))
        until = present if entry.range.is_open else str(entry.last)
        months = entry.last.index - entry.first.index + 1
        kind = kinds.get(entry.kind, entry.kind)
        out.append(
            f"  {entry.first!s:<7}  {until:<{wide}}  {months:>6}  {entry.page:>4}  {kind:<{kind_width}}  "
            f"{entry.label[:70]}  [{entry.range.text}]" + (f"  ({_note(entry)})" if entry.note else "")
        )
    out.extend(_gap_row(gap, level, wide) for gap, level in gaps)
    counts = {value: sum(1 for level in levels if level is value) for value in Level}
    quiet = sum(1 for level in levels if level is None)
    first, last = timeline.first, timeline.last
    assert first is not None and last is not None
    out.append("")
    out.append(
        "  "
        + t(
            "cv.summary",
            entries=len(timeline.entries),
            first=_month(first),
            last=_month(last),
            errors=counts[Level.ERROR],
            warnings=counts[Level.WARNING],
            infos=counts[Level.INFO],
            short=quiet,
        )
    )
    return "\n".join(out) + "\n"


def _month(month: Any) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def _source_message(timeline: Timeline) -> tuple[str, dict[str, Any]]:
    """Where the CV's lines were read, as a message of preflight.i18n."""
    from preflight.chronology import SECTION

    origin: CvSource | None = timeline.origin
    if origin is None or origin.kind != SECTION:
        return "cv.source-document", {}
    args: dict[str, Any] = {
        "section_title": origin.title,
        "section_pages": list(range(origin.first_page, origin.last_page + 1)),
    }
    how_id, how_args = origin.how
    if not how_id:
        return "cv.source-section-bare", args
    return "cv.source-section", {**how_args, **args, "how": how_id}


def _note(entry: Entry) -> str:
    message_id, args = entry.note_message
    return t(message_id, **args) if message_id else entry.note


def _gap_row(gap: Gap, level: Level | None, wide: int = 7) -> str:
    args: dict[str, Any] = {"first": _month(gap.first), "last": _month(gap.last)}
    message_id = "cv.gap-row"
    if gap.certainty == "possible":
        mark = "cv.mark-possible-warning" if level else "cv.mark-possible-short"
        if gap.whole_academic_years:
            message_id = "cv.gap-row-academic"
            args |= {"years": list(gap.whole_academic_years), "count": len(gap.whole_academic_years)}
    else:
        mark = (
            {Level.ERROR: "cv.mark-error", Level.INFO: "cv.mark-info"}.get(level, "cv.mark-short")
            if level
            else ("cv.mark-short")
        )
        if gap.whole_years:
            message_id = "cv.gap-row-years"
            args |= {"years": [str(year) for year in gap.whole_years], "count": len(gap.whole_years)}
    text = t(message_id, mark=mark, **args)
    return f"  {'>>':<7}  {'':<{wide}}  {gap.months:>6}  {'':>4}  {text}"
