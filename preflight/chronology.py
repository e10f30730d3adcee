"""The CV's chronology: dated entries, the months they cover, and the gaps between them.

Built from the CV section's text lines (see :func:`cv_pages`), shared by the ``cv-date-gaps`` check and the
``preflight cv`` command so that both show the same understanding of the CV.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from preflight.dates import MIN_YEAR, DateRange, YearMonth, normalize, scan_lines

if TYPE_CHECKING:
    from preflight.pdf.text import PageText, TextLine

CV_SECTION = "cv"
WHOLE_DOCUMENT = "no section finder: whole document"

LEAVE_WORDS = re.compile(
    r"""\b(?:
        cong[ée]s?\s+(?:de\s+|d')?(?:maternit[ée]|paternit[ée]|parental|adoption|maladie|longue\s+(?:maladie|dur[ée]e)
                                  |sabbatique|formation|proche\s+aidant)
      | ann[ée]e\s+sabbatique | disponibilit[ée] | cong[ée]\s+pour\s+recherches | \bCRCT\b | \bCLM\b | \bCLD\b
      | service\s+(?:militaire|civique|national) | mi-temps\s+th[ée]rapeutique | aidant\s+familial
      | recherche\s+d'emploi | p[ée]riode\s+de\s+ch[ôo]mage | ch[ôo]mage
      | (?:maternity|paternity|parental|adoption|sick|medical|family|care)\s+leave | career\s+break | sabbatical
      | military\s+service | civic\s+service | caregiving | job\s+search
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""Words that say a period was a leave or a non-research period (DOMAIN.md §3.2): such an entry covers its range."""

NOT_ACTIVITY_WORDS = re.compile(
    r"""(?:
        \bmembers?(?:hip)?\b | \bmembre\b | \badh[ée]rent | dean's\s+list | \breviewer | \brelect(?:eur|rice)
      | \breferee\b | editorial\s+board | comit[ée]\s+de\s+lecture
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""Dated lines that are not how the time was spent (a membership): shown, but they cover nothing."""

JOB_WORDS = re.compile(
    r"""(?:
        engineer | ing[ée]nieur | director | directeur | directrice | \blead\b | leader | founder | fondat
      | manager | researcher | chercheu | scientist | scientifique | postdoc | post-doc | professor | professeur
      | ma[iî]tre\s+de\s+conf | lecturer | developer | d[ée]veloppeu | architect | analyst | consultant | head\s+of
      | chef | responsable | technicien | technician | assistant | fellow | doctorant | ph\.?\s?d
      | student | [ée]tudiant
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""A job title next to a membership word ('Founding Member & Director') makes the line an activity."""

EVENT_WORDS = re.compile(
    r"""(?:
        award | prize | \bprix\b | finalist | \d(?:st|nd|rd|th|e|ème|er)\s*place | certified | certificat
      | certification | laur[ée]at | laureate | medal | m[ée]daille | best\s+(?:poster|paper|talk|thesis)
      | meilleur | \bdistinction | \bhonou?rs?\b
      | \btalk\b | invited | invit[ée]e? | \bposter\b | communication\s+orale | oral\s+presentation | s[ée]minaire
      | seminar | congr[èe]s | conference | conférence | workshop | symposium | summer\s+school | [ée]cole\s+d'[ée]t[ée]
      | \bet\s+al\b | \bdoi\b | \bvol\.\s*\d | \bpp\.\s*\d | \d+\s*\(\d+\)\s*:\s*\d+ | \bin\s*:\s | proceedings
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""A single year next to these words dates an event (a prize, a talk, a paper), not a year of activity."""

_LABEL_TRIM = re.compile(r"^[\s•·▪◦‣*>|:;,.()\[\]-]+|[\s•·▪◦‣*>|:;,(\[-]+$")
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Entry:
    """One dated line of the CV: a degree, a position, a fellowship or a leave."""

    range: DateRange
    label: str
    line: str
    page: int
    kind: str  # "activity", "leave", or "other" (a membership, a prize: shown, but covers nothing)
    first: YearMonth
    last: YearMonth

    @property
    def describe(self) -> str:
        """'MSc Immunology, Université Paris Cité (2011–2013)', short enough for a message."""
        label = self.label if len(self.label) <= 70 else self.label[:67].rstrip() + "…"
        return f"{label} ({self.range})" if label else str(self.range)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": f"{self.first.year:04d}-{self.first.month:02d}",
            "to": None if self.range.is_open else f"{self.last.year:04d}-{self.last.month:02d}",
            "until": f"{self.last.year:04d}-{self.last.month:02d}",
            "open": self.range.is_open,
            "precision": self.range.start.precision,
            "text": self.range.text,
            "label": self.label,
            "kind": self.kind,
            "page": self.page,
            "line": self.line,
        }


@dataclass(frozen=True)
class Gap:
    """Consecutive months, between the first and the last date, that no entry covers."""

    first: YearMonth
    last: YearMonth
    after: Entry | None
    before: Entry | None

    @property
    def months(self) -> int:
        return self.last.index - self.first.index + 1

    @property
    def whole_years(self) -> tuple[int, ...]:
        """Calendar years the gap covers from January to December."""
        first_year = self.first.year if self.first.month == 1 else self.first.year + 1
        last_year = self.last.year if self.last.month == 12 else self.last.year - 1
        return tuple(range(first_year, last_year + 1))

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": f"{self.first.year:04d}-{self.first.month:02d}",
            "to": f"{self.last.year:04d}-{self.last.month:02d}",
            "months": self.months,
            "whole_years": list(self.whole_years),
            "after": self.after.describe if self.after else None,
            "before": self.before.describe if self.before else None,
        }


@dataclass(frozen=True)
class Timeline:
    entries: tuple[Entry, ...]
    gaps: tuple[Gap, ...]
    as_of: YearMonth
    source: str
    pages: tuple[int, ...]

    @property
    def first(self) -> YearMonth | None:
        return min((entry.first for entry in self.entries), default=None)

    @property
    def last(self) -> YearMonth | None:
        return max((entry.last for entry in self.entries), default=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "pages": list(self.pages),
            "as_of": f"{self.as_of.year:04d}-{self.as_of.month:02d}",
            "entries": [entry.to_dict() for entry in self.entries],
            "gaps": [gap.to_dict() for gap in self.gaps],
        }


def cv_pages(dossier: Any, section: str = CV_SECTION) -> tuple[list[PageText] | None, str]:
    """The CV section's pages and where they came from; None for the pages when the section is absent.

    The only place that knows how the section finder is reached: without one, the whole document stands in.
    """
    finder = getattr(dossier, "sections", None)
    if finder is None:
        return list(dossier.pages), WHOLE_DOCUMENT
    found = finder.get(section)
    if found is None:
        tried = getattr(finder, "titles_tried", None)
        titles = ", ".join(f"'{title}'" for title in tried(section)) if callable(tried) else ""
        looked_for = (
            f"titles such as {titles}" if titles else "a heading such as 'Curriculum vitae', 'CV' or 'Parcours'"
        )
        return None, f"no '{section}' section found (looked for {looked_for})"
    pages = list(finder.text(section))
    span = (
        f"page {found.first_page}"
        if found.first_page == found.last_page
        else f"pages {found.first_page}-{found.last_page}"
    )
    return pages, f"section '{found.title}' ({span}, found by {found.found_by})"


def build_timeline(
    pages: Sequence[PageText],
    as_of: YearMonth,
    source: str = "",
    *,
    min_year: int = MIN_YEAR,
    max_year: int | None = None,
) -> Timeline:
    if max_year is None:
        max_year = as_of.year + 1
    entries: list[Entry] = []
    for page in pages:
        lines = [line.text for line in page.lines]
        columns = [line.x0 for line in page.lines]
        found = scan_lines(lines, columns=columns, min_year=min_year, max_year=max_year)
        dated_lines = {item.line for item in found} | {item.end_line for item in found}
        for item in found:
            date_range = item.range
            source_line = _display(lines[item.line])
            if item.end_line != item.line:
                source_line = f"{source_line} / {_display(lines[item.end_line])}"
            label = _label(page.lines, item.line, item.end_line, date_range, dated_lines)
            context = normalize(f"{source_line} {label}")
            first = date_range.first_month
            last = date_range.last_month(as_of)
            if LEAVE_WORDS.search(context):
                kind = "leave"
            elif (NOT_ACTIVITY_WORDS.search(context) and not JOB_WORDS.search(context)) or (
                date_range.is_single and EVENT_WORDS.search(context)
            ):
                kind = "other"
            else:
                kind = "activity"
            entries.append(Entry(date_range, label, source_line.strip(), page.number, kind, first, last))
    entries.sort(key=lambda entry: (entry.first, entry.last, entry.page))
    return Timeline(tuple(entries), find_gaps(entries), as_of, source, tuple(page.number for page in pages))


def _display(text: str) -> str:
    """The line as written, with runs of spaces and tabs shown as one space."""
    return re.sub(r"[ \t\r]{2,}|[\t\r]", " ", text).strip()


def _label(lines: Sequence[TextLine], first: int, last: int, date_range: DateRange, dated: set[int]) -> str:
    """What the entry is: its line without the date; else an undated line on the same row (a date
    column beside the title), the line just above (title then date), or the line below."""
    own = normalize(lines[first].text)
    start, end = date_range.span
    rest = (own[:start] + " " + own[end:]).strip()
    rest = re.sub(r"\s*[,;:(]\s*(?=[.,;:)]|$)", "", rest)
    rest = re.sub(r"\s{2,}", " ", _LABEL_TRIM.sub("", rest))
    rest = _LABEL_TRIM.sub("", re.sub(r"\s+(?:du|de|from|since|depuis|le|en|in|entre|between)$", "", rest, flags=re.I))
    if len(_LETTERS.findall(rest)) >= 3:
        return rest
    row = lines[first]
    same_row = [i for i, line in enumerate(lines) if i not in dated and abs(line.baseline - row.baseline) < 2]
    above = [first - 1] if first > 0 and 0 < lines[first - 1].baseline - row.baseline < 2.5 * max(row.size, 1) else []
    for neighbour in [*same_row, *above, last + 1]:
        if 0 <= neighbour < len(lines) and neighbour not in dated:
            text = _LABEL_TRIM.sub("", normalize(lines[neighbour].text))
            if len(_LETTERS.findall(text)) >= 3:
                return text
    return rest


def find_gaps(entries: Sequence[Entry]) -> tuple[Gap, ...]:
    covered: set[int] = set()
    for entry in entries:
        if entry.kind == "other":
            continue
        covered.update(range(entry.first.index, entry.last.index + 1))
    if not covered:
        return ()
    start = min(covered)
    stop = max(covered)
    entries = [entry for entry in entries if entry.kind != "other"]
    gaps: list[Gap] = []
    month = start
    while month <= stop:
        if month in covered:
            month += 1
            continue
        gap_start = month
        while month not in covered:
            month += 1
        first, last = YearMonth.from_index(gap_start), YearMonth.from_index(month - 1)
        after = max(
            (entry for entry in entries if entry.last.index == gap_start - 1), key=lambda e: e.first, default=None
        )
        before = min((entry for entry in entries if entry.first.index == month), key=lambda e: e.last, default=None)
        gaps.append(Gap(first, last, after, before))
    return tuple(gaps)
