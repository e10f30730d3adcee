"""A self-contained HTML report a candidate opens in a browser: the verdict, the checklist, the flagged pages
with each finding's spot marked, the section map, the CV timeline and what takes the file's bytes.

One file, nothing fetched: the page images are inline JPEG data: URIs, the stylesheet is inline, and nothing
needs JavaScript (a page enlarges with <details>, a finding's link shows its page with :target). A dossier is
personal: the report never refers to anything outside itself.

The report needs more than the RunReport: page images and the file's byte breakdown. ``gather`` re-opens each
checked file (``FileReport.path``) for just that, rendering only the pages that have a finding, at most
``MAX_RENDERED_PAGES`` of them and about 4 MB of JPEG (preflight.pdf.render); ``render_html`` is the pure
part, from the report and what was gathered.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from preflight import __version__
from preflight.model import FileReport, GradedFinding, Level, Outcome, RunReport, Status
from preflight.reporters import RenderOptions, outcome_message, redact
from preflight.reporters.html_assets import STYLESHEET
from preflight.reporters.html_words import (
    counted,
    format_int,
    format_pages,
    format_percent,
    format_size,
    language,
    section_name,
    word,
)

if TYPE_CHECKING:
    from preflight.pdf.render import PageImage, Rendered
    from preflight.rulesets import RuleSet

MAX_RENDERED_PAGES = 40
"""Pages rendered per file: enough for any real dossier's flagged pages, a few MB of JPEG at most."""
MAX_FINDINGS_SHOWN = 25
LARGEST_IMAGES = 5
PROJECT_RULE = "project-page-count"
SIZE_RULE = "file-size"
CV_TIMELINE_KEY = "cv_timeline"
SECTIONS_KEY = "sections"


# ---------------------------------------------------------------------------------------------- gathered
@dataclass(frozen=True)
class ImageShare:
    width: int
    height: int
    stored_bytes: int
    pages: tuple[int, ...]
    dpi: float | None = None


@dataclass(frozen=True)
class ByteShare:
    """What takes the file's size: images and font programs as stored, and everything else."""

    total: int
    images: int
    fonts: int
    largest: tuple[ImageShare, ...] = ()

    @property
    def rest(self) -> int:
        return max(self.total - self.images - self.fonts, 0)


@dataclass(frozen=True)
class FileVisuals:
    """What the HTML report shows of one file beside its outcomes."""

    rendered: Rendered | None = None
    bytes: ByteShare | None = None
    problem: str | None = None
    """Why the file could not be re-opened (moved, deleted, unreadable), or None."""


@dataclass(frozen=True)
class Limits:
    """The rule set's numbers the report draws against: the size limit and the project's page band."""

    max_bytes: int = 10_000_000
    section: str = "project"
    min_pages: int = 8
    max_pages: int = 15
    has_band: bool = True


def flagged_pages(report: FileReport) -> list[int]:
    """Every page that a finding of a failing or warning rule points to, in order."""
    pages = {
        item.finding.page
        for outcome in report.outcomes
        if outcome.status in (Status.FAIL, Status.WARN)
        for item in outcome.findings
        if item.finding.page is not None
    }
    return sorted(pages)


def pages_by_priority(report: FileReport) -> list[int]:
    """The flagged pages, those with an error first, then a warning, then only notes; in page order within."""
    worst: dict[int, Level] = {}
    for outcome in report.outcomes:
        if outcome.status not in (Status.FAIL, Status.WARN):
            continue
        for item in outcome.findings:
            page = item.finding.page
            if page is not None:
                worst[page] = max(worst.get(page, Level.OFF), item.level)
    return sorted(worst, key=lambda page: (-worst[page], page))


def gather(report: FileReport, limit: int = MAX_RENDERED_PAGES, images: bool = True) -> FileVisuals:
    """Re-open the checked file: thumbnails of its flagged pages (at most ``limit``; none without ``images``,
    since a page's picture shows the dossier's words as --no-snippets hides them) and its byte breakdown."""
    path = Path(report.path)
    if not path.is_file():
        return FileVisuals(problem=word("pages.no-file", path=report.path))
    if report.pages is None:
        return FileVisuals(problem=word("file.unreadable"))
    from preflight.pdf.render import render_pages

    rendered = render_pages(path, pages_by_priority(report), limit=limit) if images else None
    return FileVisuals(rendered=rendered, bytes=byte_share(path))


def byte_share(path: Path) -> ByteShare | None:
    from preflight.dossier import Dossier

    try:
        with Dossier(path) as dossier:
            if not dossier.readable:
                return None
            images = dossier.images
            fonts = dossier.fonts
            largest = tuple(
                ImageShare(image.width, image.height, image.stored_bytes, tuple(sorted(image.pages)), image.dpi)
                for image in sorted(images, key=lambda image: -image.stored_bytes)[:LARGEST_IMAGES]
            )
            return ByteShare(
                dossier.size,
                sum(image.stored_bytes for image in images),
                sum(font.program_bytes for font in fonts),
                largest,
            )
    except Exception:  # the breakdown is an extra: the report says it could not be measured
        return None


def limits_of(rule_set: RuleSet) -> Limits:
    """The limits of a resolved rule set (the one the run used, configuration included)."""
    limits = Limits(has_band=False)
    for rule in rule_set.rules:
        if rule.id == SIZE_RULE:
            limits = _replace(limits, max_bytes=rule.options.max_bytes)
        elif rule.id == PROJECT_RULE:
            options = rule.options
            limits = _replace(
                limits, section=options.section, min_pages=options.min_pages, max_pages=options.max_pages, has_band=True
            )
    return limits


def limits_for_profile(name: str) -> Limits:
    """The limits a rule set names (without the user's configuration): for reports that only have its name."""
    try:
        from preflight.rulesets import load_raw_rule_set

        rules = load_raw_rule_set(name)[0].get("rules", {})
    except Exception:
        return Limits()
    size = rules.get(SIZE_RULE, {})
    project = rules.get(PROJECT_RULE)
    defaults = Limits()
    if project is None:
        return Limits(max_bytes=int(size.get("max_bytes", defaults.max_bytes)), has_band=False)
    return Limits(
        max_bytes=int(size.get("max_bytes", defaults.max_bytes)),
        section=str(project.get("section", defaults.section)),
        min_pages=int(project.get("min_pages", defaults.min_pages)),
        max_pages=int(project.get("max_pages", defaults.max_pages)),
    )


def _replace(limits: Limits, **changes: Any) -> Limits:
    import dataclasses

    return dataclasses.replace(limits, **changes)


# ---------------------------------------------------------------------------------------------- entry points
def render(report: RunReport, options: RenderOptions) -> str:
    """The reporter's entry point (``--format html``): gathers the page images itself, then renders."""
    visuals = [gather(file_report, images=options.snippets) for file_report in report.files]
    return render_html(report, visuals, options, limits_for_profile(report.profile))


def render_html(
    report: RunReport,
    visuals: Sequence[FileVisuals | None],
    options: RenderOptions,
    limits: Limits | None = None,
    title: str | None = None,
) -> str:
    limits = limits or Limits()
    names = [Path(f.path).name for f in report.files]
    page_title = word("title", file=", ".join(names) if names else report.profile)
    body: list[str] = []
    for index, file_report in enumerate(report.files):
        seen = visuals[index] if index < len(visuals) else None
        body.append(_file_article(f"f{index}", file_report, seen or FileVisuals(), report, options, limits))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language()}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Nothing may be fetched: the policy forbids any source but this document and data: images.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'\">\n"
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{_e(title or page_title)}</title>\n<style>{STYLESHEET}</style>\n</head>\n<body>\n"
        f"<main>\n{''.join(body)}</main>\n"
        f'<footer class="footer"><p>{_e(word("footer", version=__version__))}</p></footer>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------------------------- one file
def _file_article(
    prefix: str,
    report: FileReport,
    visuals: FileVisuals,
    run: RunReport,
    options: RenderOptions,
    limits: Limits,
) -> str:
    limits = _file_limits(report, limits)
    # Without snippets, the dossier's words (section titles, the CV's lines) leave the report too.
    extra = report.extra if options.snippets else _redacted_extra(report.extra)
    rendered = visuals.rendered
    images = rendered.pages if rendered is not None else {}
    parts = [
        f'<article class="file" id="{prefix}" aria-labelledby="{prefix}-name">',
        _verdict(prefix, report, run, limits),
        _contents(prefix, report),
        _checklist(prefix, report, options, images),
        _pages(prefix, report, visuals, options),
        _section_map(prefix, extra, report.pages, limits, images),
        _cv_timeline(prefix, extra, images),
        _bytes(prefix, report, visuals, images),
        "</article>\n",
    ]
    return "\n".join(part for part in parts if part)


def _file_limits(report: FileReport, limits: Limits) -> Limits:
    """The findings state the limits they were measured against; those win over the rule set's defaults."""
    for outcome in report.outcomes:
        for item in outcome.findings:
            data = item.finding.data
            if outcome.rule == SIZE_RULE and isinstance(data.get("limit"), int):
                limits = _replace(limits, max_bytes=data["limit"])
            if outcome.rule == PROJECT_RULE and isinstance(data.get("min_pages"), int):
                limits = _replace(
                    limits,
                    section=str(data.get("section", limits.section)),
                    min_pages=data["min_pages"],
                    max_pages=data.get("max_pages", limits.max_pages),
                    has_band=True,
                )
    return limits


def _verdict(prefix: str, report: FileReport, run: RunReport, limits: Limits) -> str:
    passed = report.passed
    failing = sum(1 for o in report.outcomes if o.status in (Status.FAIL, Status.ERROR))
    warned = sum(1 for o in report.outcomes if o.status is Status.WARN)
    if report.crashed:
        line = word("verdict.crashed-line")
    elif passed:
        line = word("verdict.passed-line")
    else:
        line = counted("verdict.failed-line", failing)
    notes = f'<p class="verdict-note">{_e(counted("verdict.warnings", warned))}</p>' if warned else ""
    facts = [(word("fact.file"), f"<code>{_e(report.path)}</code>")]
    if report.pages is not None:
        facts.append((word("fact.pages"), _e(format_int(report.pages))))
    if report.bytes is not None:
        facts.append((word("fact.size"), _size_bar(report.bytes, limits.max_bytes)))
    rule_set = _e(run.profile) + (f" <span class='muted'>({_e(word('fact.strict'))})</span>" if run.strict else "")
    facts.append((word("fact.rule-set"), rule_set))
    rows = "".join(f"<div><dt>{_e(name)}</dt><dd>{value}</dd></div>" for name, value in facts)
    state = "pass" if passed else "fail"
    big = word("verdict.passed") if passed else word("verdict.failed")
    return (
        f'<header class="verdict {state}">'
        f'<p class="verdict-word" id="{prefix}-verdict">{_e(big)}</p>'
        f'<h1 id="{prefix}-name">{_e(Path(report.path).name)}</h1>'
        f'<p class="verdict-line">{_e(line)}</p>{notes}'
        f'<dl class="facts">{rows}</dl></header>'
    )


def _size_bar(size: int, limit: int) -> str:
    share = size / limit if limit else 0.0
    width = min(share, 1.0) * 100
    state = "over" if size > limit else ("near" if share > 0.8 else "ok")
    label = word("size.bar", size=format_size(size), limit=format_size(limit), share=format_percent(share))
    text = word("size.of-limit", size=format_size(size), limit=format_size(limit), share=format_percent(share))
    return (
        f"<span>{_e(text)}</span>"
        f'<span class="bar size-bar {state}" role="img" aria-label="{_e(label)}">'
        f'<span class="fill" style="width:{width:.1f}%"></span></span>'
    )


def _contents(prefix: str, report: FileReport) -> str:
    links = [("checklist", word("checklist")), ("pages", word("pages"))]
    if SECTIONS_KEY in report.extra:
        links.append(("sections", word("sections")))
    if CV_TIMELINE_KEY in report.extra:
        links.append(("cv", word("cv")))
    links.append(("bytes", word("bytes")))
    items = "".join(f'<li><a href="#{prefix}-{anchor}">{_e(text)}</a></li>' for anchor, text in links)
    return f'<nav class="contents" aria-label="{_e(word("contents"))}"><ul>{items}</ul></nav>'


# ---------------------------------------------------------------------------------------------- checklist
def _status_key(outcome: Outcome) -> str:
    if outcome.status is Status.WARN and all(item.level is Level.INFO for item in outcome.findings):
        return "info"
    return outcome.status.value


def _checklist(prefix: str, report: FileReport, options: RenderOptions, images: Mapping[int, PageImage]) -> str:
    blocks = []
    for outcome in report.outcomes:
        if options.quiet and outcome.status not in (Status.FAIL, Status.ERROR):
            continue
        key = _status_key(outcome)
        rule_id = _slug(outcome.rule)
        message = outcome_message(outcome, options.snippets)
        text = outcome.summary if outcome.status is Status.PASS else (message or outcome.summary)
        head = (
            f'<h3 id="{prefix}-rule-{rule_id}-title"><span class="badge {key}">{_e(word("status." + key))}</span> '
            f"<code>{_e(outcome.rule)}</code></h3>"
        )
        findings = ""
        if outcome.status in (Status.FAIL, Status.WARN) and outcome.findings:
            findings = _finding_list(prefix, outcome, options, images)
        blocks.append(
            f'<section class="rule {outcome.status.value}" id="{prefix}-rule-{rule_id}" data-rule="{_e(outcome.rule)}" '
            f'data-status="{outcome.status.value}" aria-labelledby="{prefix}-rule-{rule_id}-title">'
            f'{head}<p class="rule-text">{_e(text)}</p>{findings}</section>'
        )
    return (
        f'<section class="checklist" id="{prefix}-checklist" aria-labelledby="{prefix}-checklist-title">'
        f'<h2 id="{prefix}-checklist-title">{_e(word("checklist"))}</h2>{"".join(blocks)}</section>'
    )


def _finding_list(prefix: str, outcome: Outcome, options: RenderOptions, images: Mapping[int, PageImage]) -> str:
    items = []
    fixes: list[str] = []
    shown = outcome.findings if options.verbose else outcome.findings[:MAX_FINDINGS_SHOWN]
    for item in outcome.findings:
        if item.finding.fix and item.finding.fix not in fixes:
            fixes.append(item.finding.fix)
    # One finding that is the rule's message already shown above: only where it is, as the text report does.
    repeated = len(outcome.findings) == 1 and outcome.findings[0].finding.message == outcome.message
    for item in shown:
        finding = item.finding
        if finding.page is None:
            where = f'<span class="where">{_e(word("finding.file"))}</span>'
        elif finding.page in images:
            page_text = _e(word("finding.page", page=finding.page))
            where = f'<a class="where" href="#{prefix}-page-{finding.page}">{page_text}</a>'
        else:
            where = f'<span class="where">{_e(word("finding.page", page=finding.page))}</span>'
        snippet = f' <q class="snippet">{_e(finding.snippet)}</q>' if finding.snippet and options.snippets else ""
        if repeated:
            items.append(f'<li class="finding {item.level.label}">{where}{snippet}</li>')
            continue
        items.append(
            f'<li class="finding {item.level.label}">{where} '
            f'<span class="level">{_e(word("level." + item.level.label))}</span>: '
            f"{_e(finding.shown(options.snippets))}{snippet}</li>"
        )
    more = len(outcome.findings) - len(shown)
    more_line = f'<p class="more">{_e(counted("finding.more", more))}</p>' if more > 0 else ""
    fix_block = ""
    if fixes:
        fix_items = "".join(f"<li>{_e(fix)}</li>" for fix in fixes)
        fix_block = f'<div class="fixes"><p class="fix-title">{_e(word("finding.fix"))}</p><ul>{fix_items}</ul></div>'
    return f'<ul class="findings">{"".join(items)}</ul>{more_line}{fix_block}'


# ---------------------------------------------------------------------------------------------- pages
def _page_findings(report: FileReport) -> dict[int, list[tuple[Outcome, GradedFinding]]]:
    by_page: dict[int, list[tuple[Outcome, GradedFinding]]] = {}
    for outcome in report.outcomes:
        if outcome.status not in (Status.FAIL, Status.WARN):
            continue
        for item in outcome.findings:
            if item.finding.page is not None:
                by_page.setdefault(item.finding.page, []).append((outcome, item))
    return by_page


def _pages(prefix: str, report: FileReport, visuals: FileVisuals, options: RenderOptions) -> str:
    head = (
        f'<section class="pages" id="{prefix}-pages" aria-labelledby="{prefix}-pages-title">'
        f'<h2 id="{prefix}-pages-title">{_e(word("pages"))}</h2>'
    )
    by_page = _page_findings(report)
    if not by_page:
        return f"{head}<p>{_e(word('pages.none'))}</p></section>"
    notes: list[str] = []
    if visuals.problem:
        notes.append(visuals.problem)
    rendered = visuals.rendered
    if rendered is None and not visuals.problem and not options.snippets:
        notes.append(word("pages.private"))
    if rendered is not None and rendered.problem:
        notes.append(word("pages.unavailable", reason=rendered.problem))
    images = rendered.pages if rendered is not None else {}
    name = Path(report.path).name
    figures = []
    for page in sorted(by_page):
        image = images.get(page)
        if image is None:
            continue
        figures.append(_page_figure(prefix, name, page, image, by_page[page], options))
    if rendered is not None and rendered.over_limit:
        over = list(rendered.over_limit)
        notes.append(counted("pages.over-limit", len(over), pages=format_pages(over)))
    if rendered is not None and rendered.failed and not rendered.problem:
        notes.append(word("pages.failed", pages=format_pages(list(rendered.failed))))
    note_html = "".join(f'<p class="note">{_e(note)}</p>' for note in notes)
    hint = f'<p class="hint">{_e(word("pages.hint"))}</p>' if figures else ""
    return f'{head}{hint}<div class="page-grid">{"".join(figures)}</div>{note_html}</section>'


def _page_figure(
    prefix: str,
    name: str,
    page: int,
    image: PageImage,
    items: list[tuple[Outcome, GradedFinding]],
    options: RenderOptions,
) -> str:
    marks = []
    rows = []
    placed_count = 0
    for number, (outcome, item) in enumerate(items, 1):
        finding = item.finding
        placed = image.place(finding.rect) if finding.rect is not None else None
        if placed is not None:
            placed_count += 1
            left, top, width, height = placed
            marks.append(
                f'<span class="mark {item.level.label}" data-finding="{number}" '
                f'style="left:{left:.2f}%;top:{top:.2f}%;width:{width:.2f}%;height:{height:.2f}%">'
                f'<span class="mark-number" aria-hidden="true">{number}</span></span>'
            )
        where = "" if placed is not None else f' <span class="muted">({_e(word("pages.no-place"))})</span>'
        snippet = f' <q class="snippet">{_e(finding.snippet)}</q>' if finding.snippet and options.snippets else ""
        rows.append(
            f'<li class="finding {item.level.label}" value="{number}">'
            f'<a href="#{prefix}-rule-{_slug(outcome.rule)}"><code>{_e(outcome.rule)}</code></a> '
            f'<span class="level">{_e(word("level." + item.level.label))}</span>: '
            f"{_e(finding.shown(options.snippets))}"
            f"{snippet}{where}</li>"
        )
    if placed_count:
        alt = counted("pages.alt", placed_count, page=page, file=name)
    else:
        alt = word("pages.alt.none", page=page, file=name)
    data = base64.b64encode(image.jpeg).decode("ascii")
    return (
        f'<figure class="page" id="{prefix}-page-{page}">'
        f'<details><summary aria-label="{_e(word("pages.enlarge", page=page))}">'
        f'<span class="sheet" style="aspect-ratio:{image.width_px}/{image.height_px}">'
        f'<img src="data:image/jpeg;base64,{data}" width="{image.width_px}" height="{image.height_px}" '
        f'alt="{_e(alt)}">{"".join(marks)}</span></summary></details>'
        f'<figcaption><p class="page-title">{_e(word("pages.caption", page=page))}</p>'
        f'<ol class="page-findings">{"".join(rows)}</ol></figcaption></figure>'
    )


# ---------------------------------------------------------------------------------------------- sections
def _section_map(
    prefix: str, extra: Mapping[str, Any], page_count: int | None, limits: Limits, images: Mapping[int, PageImage]
) -> str:
    if SECTIONS_KEY not in extra:
        return ""
    head = (
        f'<section class="section-map" id="{prefix}-sections" aria-labelledby="{prefix}-sections-title">'
        f'<h2 id="{prefix}-sections-title">{_e(word("sections"))}</h2>'
    )
    sections = [s for s in _dicts(extra.get(SECTIONS_KEY)) if _int(s.get("first_page")) is not None]
    pages = page_count or max((_int(s.get("last_page")) or 0 for s in sections), default=0)
    # Sections can nest (publications inside the CV's last page): a page takes the colour of the narrowest
    # section that holds it, and its label names them all.
    holders: dict[int, list[tuple[int, str]]] = {}
    for section in sections:
        first, last = _int(section.get("first_page")) or 0, _int(section.get("last_page")) or 0
        for page in range(first, last + 1):
            holders.setdefault(page, []).append((last - first, str(section.get("name", ""))))
    cells = []
    for page in range(1, pages + 1):
        held = holders.get(page, [])
        name = min(held)[1] if held else None
        names = ", ".join(section_name(n) for _, n in held) if held else word("sections.unassigned")
        label = word("sections.page", page=page, section=names)
        css = f"sec-{_slug(name)}" if name else "sec-none"
        inner = f'<a href="#{prefix}-page-{page}">{page}</a>' if page in images else str(page)
        cells.append(f'<li class="{css}" title="{_e(label)}">{inner}</li>')
    strip = (
        f'<ol class="strip" aria-label="{_e(word("sections.strip"))}" '
        f'style="--pages:{max(pages, 1)}">{"".join(cells)}</ol>'
        if pages
        else ""
    )
    legend_names = list(dict.fromkeys(str(s.get("name", "")) for s in sections))
    legend = "".join(
        f'<li><span class="swatch sec-{_slug(name)}" aria-hidden="true"></span>{_e(section_name(name))}</li>'
        for name in legend_names
    )
    rows = "".join(
        f"<tr><td><span class='swatch sec-{_slug(str(s.get('name', '')))}' aria-hidden='true'></span>"
        f"{_e(section_name(str(s.get('name', ''))))}</td>"
        f"<td>{_e(_range_text(_int(s.get('first_page')) or 0, _int(s.get('last_page')) or 0))}</td>"
        f"<td>{_e(format_int(_int(s.get('pages')) or 0))}</td><td>{_e(str(s.get('title') or ''))}</td></tr>"
        for s in sections
    )
    table = (
        f'<table class="data"><thead><tr><th scope="col">{_e(word("sections.col.section"))}</th>'
        f'<th scope="col">{_e(word("sections.col.pages"))}</th><th scope="col">{_e(word("sections.col.count"))}</th>'
        f'<th scope="col">{_e(word("sections.col.title"))}</th></tr></thead><tbody>{rows}</tbody></table>'
        if sections
        else f"<p>{_e(word('sections.empty'))}</p>"
    )
    ruler = _ruler(sections, limits) if limits.has_band else ""
    return f'{head}{strip}<ul class="legend">{legend}</ul>{ruler}{table}</section>'


def _ruler(sections: list[Mapping[str, Any]], limits: Limits) -> str:
    found = next((s for s in sections if s.get("name") == limits.section), None)
    name = section_name(limits.section)
    low, high = limits.min_pages, limits.max_pages
    if found is None:
        return f'<p class="ruler-missing">{_e(word("ruler.missing", section=name, low=low, high=high))}</p>'
    count = _int(found.get("pages")) or 0
    scale = max(high + 5, count + 2)
    state = "short" if count < low else ("long" if count > high else "ok")
    label = word("ruler.label", section=name, count=counted("page-count", count), low=low, high=high)
    ticks = "".join(
        f'<span class="tick" style="left:{100 * value / scale:.2f}%">{value}</span>'
        for value in sorted({0, low, high, scale})
    )
    return (
        f'<figure class="ruler {state}"><figcaption>{_e(label)} — <strong>{_e(word("ruler." + state))}</strong>'
        f'</figcaption><div class="ruler-track" role="img" aria-label="{_e(label)}">'
        f'<span class="band" style="left:{100 * low / scale:.2f}%;width:{100 * (high - low) / scale:.2f}%"></span>'
        f'<span class="length" style="width:{100 * count / scale:.2f}%"></span>'
        f'<span class="ticks" aria-hidden="true">{ticks}</span></div></figure>'
    )


def _range_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


# ---------------------------------------------------------------------------------------------- CV timeline
EDUCATION_PARTS = re.compile(
    r"formation|[ée]tudes|dipl[oô]me|cursus|education|degree|academic background|qualifications", re.IGNORECASE
)
DEGREE_LABEL = re.compile(
    r"\s*(licence|master|m[12]\b|doctorat|th[èe]se|dipl[oô]me|baccalaur[ée]at|bac\b|bts\b|dut\b|deug|dea\b|"
    r"dess\b|magist[èe]re|[ée]cole|classes? pr[ée]paratoires?|phd|ph\.d|msc|bsc|m\.sc|b\.sc|bachelor|doctorate)",
    re.IGNORECASE,
)
"""A label that starts with a degree is education wherever it is listed ('Cours en master 2' is not)."""


def _redacted_extra(extra: Mapping[str, Any]) -> dict[str, Any]:
    """``extra`` without the dossier's words; each CV entry keeps the colour its heading gave it ("bar")."""
    redacted: dict[str, Any] = redact(extra)
    timeline, shown = extra.get(CV_TIMELINE_KEY), redacted.get(CV_TIMELINE_KEY)
    if isinstance(timeline, Mapping) and isinstance(shown, dict):
        entries, hidden = timeline.get("entries"), shown.get("entries")
        if isinstance(entries, list) and isinstance(hidden, list) and len(entries) == len(hidden):
            for entry, kept in zip(entries, hidden, strict=True):
                if isinstance(entry, Mapping) and isinstance(kept, dict):
                    kept["bar"] = _entry_kind(entry)
    return redacted


def _entry_kind(entry: Mapping[str, Any]) -> str:
    """The bar's colour: education, position, leave, or other (covers nothing: a prize, a membership)."""
    if isinstance(entry.get("bar"), str):
        return str(entry["bar"])
    kind = str(entry.get("kind", "activity"))
    if kind in ("leave", "other"):
        return kind
    if EDUCATION_PARTS.search(str(entry.get("part") or "")) or DEGREE_LABEL.match(str(entry.get("label") or "")):
        return "education"
    return "position"


def _gap_kind(gap: Mapping[str, Any]) -> str:
    """'possible' (hatched), 'gap' (an error: red) or 'note' (worth a word: orange)."""
    if gap.get("certainty") == "possible":
        return "possible"
    return "gap" if gap.get("severity") == "error" else "note"


def _month_index(text: object) -> int | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})", str(text or ""))
    if not match:
        return None
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def _month_label(index: int) -> str:
    return f"{index % 12 + 1:02d}/{index // 12}"


def _cv_timeline(prefix: str, extra: Mapping[str, Any], images: Mapping[int, PageImage]) -> str:
    if CV_TIMELINE_KEY not in extra:
        return ""
    data = extra[CV_TIMELINE_KEY]
    head = (
        f'<section class="cv" id="{prefix}-cv" aria-labelledby="{prefix}-cv-title">'
        f'<h2 id="{prefix}-cv-title">{_e(word("cv"))}</h2>'
    )
    if not isinstance(data, Mapping):
        return f"{head}<p>{_e(word('cv.none'))}</p></section>"
    entries = [e for e in _dicts(data.get("entries")) if _month_index(e.get("from")) is not None]
    gaps = [
        g
        for g in _dicts(data.get("gaps"))
        if g.get("severity", "none") != "none" and _month_index(g.get("from")) is not None
    ]
    as_of = _month_index(data.get("as_of"))
    read_from = word("cv.read-from", source=str(data.get("source", "")), as_of=str(data.get("as_of", "")))
    if not entries:
        return f"{head}<p>{_e(read_from)}</p><p>{_e(word('cv.no-dates'))}</p></section>"
    starts = [_month_index(e.get("from")) or 0 for e in entries]
    ends = [_month_index(e.get("until")) or _month_index(e.get("from")) or 0 for e in entries]
    ends += [_month_index(g.get("to")) or 0 for g in gaps]
    first_year = min(starts) // 12
    last_year = max([*ends, *([as_of] if as_of is not None else [])]) // 12
    origin, span = first_year * 12, (last_year - first_year + 1) * 12

    def left(index: int) -> float:
        return 100 * (index - origin) / span

    def width(first: int, last: int) -> float:
        return 100 * (last - first + 1) / span

    step = 1 if last_year - first_year <= 12 else (2 if last_year - first_year <= 24 else 5)
    ticks = "".join(
        f'<span class="year" style="left:{left(year * 12):.3f}%">{year}</span>'
        for year in range(first_year, last_year + 1)
        if (year - first_year) % step == 0
    )
    grid = "".join(
        f'<span class="gridline" style="left:{left(year * 12):.3f}%"></span>'
        for year in range(first_year, last_year + 2)
    )
    bands = []
    for gap in gaps:
        g_first = _month_index(gap.get("from")) or 0
        g_last = _month_index(gap.get("to")) or g_first
        css = _gap_kind(gap)
        months = counted("months", _int(gap.get("months")) or (g_last - g_first + 1))
        bands.append(
            f'<span class="gap-band {css}" style="left:{left(g_first):.3f}%;width:{width(g_first, g_last):.3f}%" '
            f'title="{_e(months)}"><span class="gap-months">{_e(months)}</span></span>'
        )
    labels = []
    bars = []
    for entry, start, end in zip(entries, starts, ends, strict=False):
        kind = _entry_kind(entry)
        label = str(entry.get("label") or entry.get("text") or word("cv." + kind))
        until = word("cv.present") if entry.get("open") else _month_label(end)
        title = f"{_month_label(start)} – {until}: {label}"
        labels.append(f'<li class="tl-label" title="{_e(label)}">{_e(label)}</li>')
        bars.append(
            f'<li class="tl-row"><span class="tl-bar {kind}{" open" if entry.get("open") else ""}" '
            f'style="left:{left(start):.3f}%;width:{width(start, end):.3f}%" title="{_e(title)}"></span></li>'
        )
    legend_kinds = ["education", "position", "leave", "other"]
    present = {_entry_kind(e) for e in entries}
    legend = "".join(
        f'<li><span class="swatch tl-{kind}" aria-hidden="true"></span>{_e(word("cv." + kind))}</li>'
        for kind in legend_kinds
        if kind in present
    )
    gap_kinds = {"gap": "cv.gap", "note": "cv.gap-note", "possible": "cv.possible"}
    shown_gap_kinds = {_gap_kind(g) for g in gaps}
    legend += "".join(
        f'<li><span class="swatch gap-{kind}" aria-hidden="true"></span>{_e(word(key))}</li>'
        for kind, key in gap_kinds.items()
        if kind in shown_gap_kinds
    )
    chart = (
        f'<div class="timeline" role="img" aria-label="{_e(word("cv"))}" aria-describedby="{prefix}-cv-table">'
        f'<ol class="tl-labels" aria-hidden="true"><li class="tl-axis-label"></li>{"".join(labels)}</ol>'
        f'<div class="tl-plot" aria-hidden="true"><div class="tl-axis">{ticks}</div>{grid}'
        f'<ol class="tl-rows">{"".join(bars)}</ol>{"".join(bands)}</div></div>'
    )
    return (
        f'{head}<p>{_e(read_from)}</p>{chart}<ul class="legend">{legend}</ul>'
        f"{_cv_table(prefix, entries, gaps, images)}</section>"
    )


def _cv_table(
    prefix: str, entries: list[Mapping[str, Any]], gaps: list[Mapping[str, Any]], images: Mapping[int, PageImage]
) -> str:
    rows: list[tuple[int, str]] = []
    for entry in entries:
        start = _month_index(entry.get("from")) or 0
        end = _month_index(entry.get("until")) or start
        page = _int(entry.get("page"))
        page_cell = ""
        if page is not None:
            page_cell = f'<a href="#{prefix}-page-{page}">{page}</a>' if page in images else str(page)
        until = word("cv.present") if entry.get("open") else _month_label(end)
        rows.append(
            (
                start,
                f"<tr><td>{_month_label(start)}</td><td>{_e(until)}</td>"
                f"<td>{_e(word('cv.' + _entry_kind(entry)))}</td>"
                f"<td>{_e(str(entry.get('label') or ''))}</td><td>{page_cell}</td></tr>",
            )
        )
    for gap in gaps:
        first = _month_index(gap.get("from")) or 0
        last = _month_index(gap.get("to")) or first
        kind = "cv.possible" if gap.get("certainty") == "possible" else "cv.gap"
        months = counted("months", _int(gap.get("months")) or (last - first + 1))
        text = word("cv.gap-row", kind=word(kind), first=_month_label(first), last=_month_label(last), months=months)
        rows.append(
            (
                first,
                f'<tr class="gap-row"><td>{_month_label(first)}</td><td>{_month_label(last)}</td>'
                f'<td colspan="3">{_e(text)}</td></tr>',
            )
        )
    rows.sort(key=lambda row: row[0])
    header = "".join(
        f'<th scope="col">{_e(word(key))}</th>'
        for key in ("cv.col.from", "cv.col.to", "cv.col.kind", "cv.col.entry", "cv.col.page")
    )
    return (
        f'<table class="data cv-table" id="{prefix}-cv-table"><caption>{_e(word("cv.table"))}</caption>'
        f"<thead><tr>{header}</tr></thead><tbody>{''.join(row for _, row in rows)}</tbody></table>"
    )


# ---------------------------------------------------------------------------------------------- bytes
def _bytes(prefix: str, report: FileReport, visuals: FileVisuals, images: Mapping[int, PageImage]) -> str:
    head = (
        f'<section class="bytes" id="{prefix}-bytes" aria-labelledby="{prefix}-bytes-title">'
        f'<h2 id="{prefix}-bytes-title">{_e(word("bytes"))}</h2>'
    )
    share = visuals.bytes
    if share is None or share.total <= 0:
        return f"{head}<p>{_e(word('bytes.none'))}</p></section>"
    parts = [("images", share.images), ("fonts", share.fonts), ("rest", share.rest)]
    segments = "".join(
        f'<span class="segment {name}" style="width:{100 * value / share.total:.2f}%"></span>'
        for name, value in parts
        if value > 0
    )
    label = word(
        "bytes.bar", images=format_size(share.images), fonts=format_size(share.fonts), rest=format_size(share.rest)
    )
    legend = "".join(
        f'<li><span class="swatch bytes-{name}" aria-hidden="true"></span>{_e(word("bytes." + name))}: '
        f"{_e(format_size(value))} ({_e(format_percent(value / share.total))})</li>"
        for name, value in parts
    )
    bar = f'<div class="bar bytes-bar" role="img" aria-label="{_e(label)}">{segments}</div>'
    if not share.largest:
        return f'{head}{bar}<ul class="legend">{legend}</ul><p>{_e(word("bytes.no-images"))}</p></section>'
    rows = []
    for image in share.largest:
        page_links = ", ".join(
            f'<a href="#{prefix}-page-{page}">{page}</a>' if page in images else str(page) for page in image.pages[:10]
        )
        if len(image.pages) > 10:
            page_links += ", …"
        dpi = word("bytes.dpi", dpi=format_int(round(image.dpi))) if image.dpi else ""
        rows.append(
            f"<tr><td>{_e(word('bytes.px', width=format_int(image.width), height=format_int(image.height)))}</td>"
            f"<td>{_e(format_size(image.stored_bytes))} ({_e(format_percent(image.stored_bytes / share.total))})</td>"
            f"<td>{_e(dpi)}</td><td>{page_links}</td></tr>"
        )
    header = "".join(
        f'<th scope="col">{_e(word(key))}</th>'
        for key in ("bytes.col.image", "bytes.col.size", "bytes.col.dpi", "bytes.col.pages")
    )
    table = (
        f'<table class="data"><caption>{_e(word("bytes.largest"))}</caption><thead><tr>{header}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return f'{head}{bar}<ul class="legend">{legend}</ul>{table}</section>'


# ---------------------------------------------------------------------------------------------- helpers
def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _slug(text: str | None) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", (text or "").lower()).strip("-") or "x"


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _dicts(value: object) -> list[Mapping[str, Any]]:
    if not isinstance(value, Iterable) or isinstance(value, str | bytes | Mapping):
        return []
    return [item for item in value if isinstance(item, Mapping)]


__all__ = [
    "MAX_RENDERED_PAGES",
    "ByteShare",
    "FileVisuals",
    "ImageShare",
    "Limits",
    "flagged_pages",
    "gather",
    "limits_for_profile",
    "limits_of",
    "render",
    "render_html",
]
