"""The CV's chronology: dated entries, the months they cover, and the gaps between them.

Built from the CV section's text lines (see :func:`cv_pages`), shared by the ``cv-date-gaps`` check and the
``preflight cv`` command so that both show the same understanding of the CV.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from preflight.dates import MIN_YEAR, DateRange, YearMonth, normalize, scan_lines
from preflight.patterns import lazy_pattern
from preflight.rects import Rect, lines_rect

if TYPE_CHECKING:
    from preflight.pdf.text import PageText, TextLine

CV_SECTION = "cv"
WHOLE_DOCUMENT = "no section finder: whole document"

Message = tuple[str, Mapping[str, Any]]
"""A message id and its arguments (the id of preflight.i18n's catalogue), rendered in the run's language."""

GENEROUS = "generous"
ACADEMIC = "academic"
"""The two readings of year-only dates: whole calendar years, or academic years (September to August)."""

CHRONOLOGY_PARTS = lazy_pattern(
    r"""^(?:
        formations? | education | [ée]ducation | cursus | dipl[ôo]mes? | [ée]tudes | scolarit[ée] | parcours
      | exp[ée]riences? | postes? | positions? | situations? | fonctions? | employment | emplois? | career | carri[èe]re
      | work\s+(?:experience|history) | professional\s+(?:experience|positions?|career|background|history)
      | academic\s+(?:positions?|appointments?|career|experience) | employment\s+history
      | research\s+(?:experience|positions?|appointments?) | current\s+(?:position|appointment)
      | mobilit[ée] | mobility | cong[ée]s? | leaves? | interruptions? | career\s+breaks?
      | enseignements? | teaching | activit[ée]s?\s+d'enseignement | stages? | internships?
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
"""CV headings whose dated lines are the candidate's timeline (education, positions, mobility, leaves, teaching)."""

OTHER_PARTS = lazy_pattern(
    r"""^(?:
        publications? | productions? | articles? | communications? | pr[ée]sentations? | conf[ée]rences? | talks?
      | s[ée]minaires? | posters? | encadrements? | supervisions? | co-?encadrements? | (?:co-?)?direction\s+de\s+th
      | [ée]tudiants | students | mentor | financements? | funding | grants? | contrats\s+de\s+recherche
      | projets?\s+financ | [ée]valuation | expertises? | review | reviewing | relectures? | rapporteur | comit[ée]s?
      | jurys? | responsabilit[ée]s? | (?:autres\s+)?responsabilit | activit[ée]s?\s+(?:administratives?|collectives?
      | [ée]ditoriales?|de\s+diffusion|de\s+vulgarisation) | diffusion | vulgarisation | m[ée]diation | outreach
      | services?\s+(?:acad[ée]miques?|to\s+the\s+community) | prix | distinctions? | awards? | honou?rs?
      | comp[ée]tences? | skills? | langues? | languages? | int[ée]r[êe]ts? | centres?\s+d'int[ée]r[êe]t | hobbies
      | loisirs | r[ée]f[ée]rences | brevets? | patents? | logiciels? | software | soumissions? | extracurricular
      | affiliations? | memberships? | soci[ée]t[ée]s\s+savantes | invited | organi[sz]ation | revues? | journals?
      | journaux | ouvrages? | chapitres? | books? | proceedings | actes | preprints? | pr[ée]publications?
      | (?:quelques\s+)?projets?\b | (?:personal|side|research|funded)\s+projects | collaborations?
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
"""CV headings whose dates are not the timeline: publications, talks, supervised students, grants, reviewing..."""

_PART_NUMBERING = lazy_pattern(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\s*[.-]|[A-H]\s*[.)])\s+", re.IGNORECASE)
_YEAR = lazy_pattern(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_COLON_WORD = lazy_pattern(r":\s*\w")

LEAVE_WORDS = lazy_pattern(
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

NOT_ACTIVITY_WORDS = lazy_pattern(
    r"""(?:
        \bmembers?(?:hip)?\b | \bmembre\b | \badh[ée]rent | dean's\s+list | \breviewer | \brelect(?:eur|rice)
      | \breferee\b | editorial\s+board | comit[ée]\s+de\s+lecture
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""Dated lines that are not how the time was spent (a membership): shown, but they cover nothing."""

JOB_WORDS = lazy_pattern(
    r"""(?:
        engineer | ing[ée]nieur | director | directeur | directrice | \blead\b | leader | founder | fondat
      | manager | researcher | chercheu | scientist | scientifique | postdoc | post-doc | professor | professeur
      | ma[iî]tre\s+de\s+conf | lecturer | developer | d[ée]veloppeu | architect | analyst | consultant | head\s+of
      | chef | responsable | technicien | technician | assistant | fellow | doctorant | ph\.?\s?d
      | student | [ée]tudiant | enseignant | vacataire | \bATER\b | attach[ée] | stagiaire | \bstage\b | intern
      | moniteur | monitrice | charg[ée]e?\s+d | contrat | contract
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""A job title next to a membership word ('Founding Member & Director') makes the line an activity."""

EVENT_WORDS = lazy_pattern(
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

DIPLOMA_WORDS = lazy_pattern(
    r"""(?:
        baccalaur[ée]at | \bbac\b | agr[ée]gation | \bconcours\b | qualification | soutenance | soutenue? | defen[cs]e
      | dipl[ôo]me | diploma | \bdegree\b | graduat | obtention | \bmaster\b | \blicence\b | \bbachelor
      | \bdoctorat\b | doctorate | \bdocteure?\b | \bph\.?\s?d\b | habilitation | \bHDR\b | \bCAPES\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""A single year next to a diploma, a competitive exam or a defence marks a moment, unless a job is named with it
('2018 Enseignante vacataire, Master Sciences cognitives' is teaching that year)."""

DOCTORATE_WORDS = lazy_pattern(r"\b(?:doctorat|doctorate|docteure?|ph\.?\s?d\.?|th[èe]se|thesis)\b", re.IGNORECASE)
"""A degree line that is the doctorate itself."""

DOCTORAL_YEARS_WORDS = lazy_pattern(
    r"""(?:
        doctorant | doctoral | \bph\.?\s?d\.?\s+(?:student|candidate|fellow) | \bth[èe]se\b | \bthesis\b
      | allocataire | monitorat | \bmoniteur | \bmonitrice | \bA-?DOC\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""Words that put a dated line inside the doctoral years (a doctoral contract, teaching as a doctoral student)."""

NOT_OWN_DOCTORATE = lazy_pattern(r"encadr|co-?dir|direct|jury|supervis|rapport|examinat|co-?tutel", re.IGNORECASE)
"""Lines about other people's theses: they say nothing of the candidate's own doctoral years."""

_LABEL_LEAD = lazy_pattern(r"^[\s•·▪◦‣*>|:;,.()\[\]-]+")
_LABEL_TAIL = "•·▪◦‣*>|:;,([-"
"""Bullets and punctuation a label loses at its start (_LABEL_LEAD) and at its end (these and white space)."""
_LETTERS = lazy_pattern(r"[^\W\d_]")


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
    """The months covered in the generous reading: a year-only start is January, a year-only end December."""
    academic_first: YearMonth | None = None
    academic_last: YearMonth | None = None
    """The months covered when year-only ranges are academic years (September to August); None: same as above."""
    part: str = ""
    """The CV heading the entry is under ('Formation', 'Expérience professionnelle'), '' before any."""
    note: str = ""
    """Why the entry covers what it covers, when that is not what it says (a doctorate known by its award year)."""
    note_message: Message = dataclasses.field(default=("", {}), compare=False)
    """``note`` as a message of preflight.i18n, for a report in the run's language."""
    rect: Rect | None = dataclasses.field(default=None, compare=False)
    """Where its dated line (or lines, for a range split over two) is on ``page``, in PDF points."""

    def months(self, reading: str) -> tuple[YearMonth, YearMonth]:
        """(first, last) month covered in the ``GENEROUS`` or the ``ACADEMIC`` reading."""
        if reading == ACADEMIC:
            return self.academic_first or self.first, self.academic_last or self.last
        return self.first, self.last

    @property
    def describe(self) -> str:
        """'MSc Immunology, Université Paris Cité (2011–2013)', short enough for a message."""
        label = self.label if len(self.label) <= 70 else self.label[:67].rstrip() + "…"
        return f"{label} ({self.range})" if label else str(self.range)

    @property
    def shown(self) -> str:
        """The entry as a message in any language quotes it: like ``describe``, but an open range as the CV
        writes it ('depuis 2020', '2019 – present'), not with our English 'present'."""
        label = self.label if len(self.label) <= 70 else self.label[:67].rstrip() + "…"
        when = self.range.text.strip() if self.range.is_open and self.range.text.strip() else str(self.range)
        return f"{label} ({when})" if label else when

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
            "part": self.part,
            "academic_from": _month_text(self.months(ACADEMIC)[0]),
            "academic_until": _month_text(self.months(ACADEMIC)[1]),
            **({"note": self.note} if self.note else {}),
        }


@dataclass(frozen=True)
class Gap:
    """Consecutive months, between the first and the last date, that no entry covers."""

    first: YearMonth
    last: YearMonth
    after: Entry | None
    before: Entry | None
    certainty: str = "certain"
    """'certain': a gap even in the generous reading; 'possible': only when year ranges are academic years."""

    @property
    def until_now(self) -> bool:
        """The stretch after the last entry, up to the date the CV is checked for."""
        return self.before is None and self.after is not None

    @property
    def whole_academic_years(self) -> tuple[str, ...]:
        """Academic years (September to August) the gap covers whole: ('2014-2015',)."""
        year = self.first.year if self.first.month <= 9 else self.first.year + 1  # the first September in it
        years = []
        while YearMonth(year + 1, 8) <= self.last:
            years.append(f"{year}-{year + 1}")
            year += 1
        return tuple(years)

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
            "whole_academic_years": list(self.whole_academic_years),
            "certainty": self.certainty,
            "until_now": self.until_now,
            "after": self.after.describe if self.after else None,
            "before": self.before.describe if self.before else None,
        }


@dataclass(frozen=True)
class Part:
    """A heading of the CV and whether its dates were read as the timeline."""

    title: str
    page: int
    read: bool


@dataclass(frozen=True)
class CvSource:
    """Where the CV's lines come from, or why there are none.

    ``text`` is in English, as the JSON report's ``cv_timeline.source`` shows it; the other fields say the same
    as data, for a message in the run's language.
    """

    kind: str
    """DOCUMENT (no section finder: the whole document), SECTION, MISSING (no such section) or OUT_OF_RANGE."""
    text: str
    section: str = CV_SECTION
    title: str = ""
    first_page: int = 0
    last_page: int = 0
    how: Message = dataclasses.field(default=("", {}), compare=False)
    """How the section finder found the section (preflight.sections.Section.how)."""
    titles: tuple[str, ...] = ()
    """MISSING: the titles the finder tried."""
    problem: Mapping[str, Any] = dataclasses.field(default_factory=dict, compare=False)
    """OUT_OF_RANGE: the arguments of the shared message ``section-range-after-end``."""
    heading: Rect | None = dataclasses.field(default=None, compare=False)
    """SECTION: where on ``first_page`` the line it was found by is (preflight.sections.Section.heading)."""


DOCUMENT, SECTION, MISSING, OUT_OF_RANGE = "document", "section", "missing", "out-of-range"


@dataclass(frozen=True)
class Timeline:
    entries: tuple[Entry, ...]
    gaps: tuple[Gap, ...]
    as_of: YearMonth
    source: str
    pages: tuple[int, ...]
    parts: tuple[Part, ...] = ()
    skipped: tuple[Entry, ...] = ()
    """Dated lines under headings that are not the timeline (Publications, Encadrement...), shown apart."""
    origin: CvSource | None = dataclasses.field(default=None, compare=False)
    """``source`` as data (see :func:`find_cv`), when the timeline was built from a dossier."""

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
            "parts": [
                {
                    "title": part.title,
                    "page": part.page,
                    "read": part.read,
                    **({} if part.read else {"dated_lines": sum(1 for e in self.skipped if e.part == part.title)}),
                }
                for part in self.parts
            ],
            "entries": [entry.to_dict() for entry in self.entries],
            "gaps": [gap.to_dict() for gap in self.gaps],
        }


def cv_pages(dossier: Any, section: str = CV_SECTION) -> tuple[list[PageText] | None, str]:
    """The CV section's pages and where they came from (in English); None for the pages when the section is
    absent. See :func:`find_cv`."""
    pages, source = find_cv(dossier, section)
    return pages, source.text


def find_cv(dossier: Any, section: str = CV_SECTION) -> tuple[list[PageText] | None, CvSource]:
    """The CV section's pages and where they came from; None for the pages when the section is absent.

    The only place that knows how the section finder is reached: without one, the whole document stands in.
    """
    finder = getattr(dossier, "sections", None)
    if finder is None:
        return list(dossier.pages), CvSource(DOCUMENT, WHOLE_DOCUMENT, section)
    problem = getattr(finder, "config_problems", {}).get(section)
    if problem is not None:
        args = getattr(finder, "config_problem_args", {}).get(section, {})
        return None, CvSource(OUT_OF_RANGE, problem, section, problem=args)
    found = finder.get(section)
    if found is None:
        tried = getattr(finder, "titles_tried", None)
        tried_titles = tuple(tried(section)) if callable(tried) else ()
        titles = ", ".join(f"'{title}'" for title in tried_titles)
        looked_for = (
            f"titles such as {titles}" if titles else "a heading such as 'Curriculum vitae', 'CV' or 'Parcours'"
        )
        text = f"no '{section}' section found (looked for {looked_for})"
        return None, CvSource(MISSING, text, section, titles=tried_titles)
    pages = list(finder.text(section))
    span = (
        f"page {found.first_page}"
        if found.first_page == found.last_page
        else f"pages {found.first_page}-{found.last_page}"
    )
    text = f"section '{found.title}' ({span}, found by {found.found_by})"
    how: Message = getattr(found, "how", ("", {}))
    heading = getattr(found, "heading", None)
    return pages, CvSource(SECTION, text, section, found.title, found.first_page, found.last_page, how, heading=heading)


def build_timeline(
    pages: Sequence[PageText],
    as_of: YearMonth,
    source: str = "",
    *,
    min_year: int = MIN_YEAR,
    max_year: int | None = None,
    long_gap: int = 12,
) -> Timeline:
    """The CV's timeline: the dated lines under its education, position and leave headings, and the gaps left.

    Dates under headings such as Publications, Encadrement or Financements are not the candidate's timeline and
    are left out; lines before any heading are read.
    """
    if max_year is None:
        max_year = as_of.year + 1
    body = _body_size(pages)
    entries: list[Entry] = []
    doctoral_years: list[Entry] = []
    skipped: list[Entry] = []
    parts: list[Part] = []
    current_part, reading = "", True
    heading_size: float | None = None
    for page in pages:
        lines = [line.text for line in page.lines]
        line_parts: list[tuple[str, bool]] = []
        rows = [(line.baseline, line.x0) for line in page.lines]
        previous: TextLine | None = None  # the line before, when it was a heading
        for line in page.lines:
            heading = _part_heading(line, body, rows)
            if heading is not None:
                title, read, known = heading
                if previous is not None and _continues(previous, line) and parts and parts[-1].page == page.number:
                    # 'PROFESSIONAL' over 'AFFILIATIONS': one heading on two lines
                    title, read, known = _classify(f"{parts[-1].title} {title}")
                    parts.pop()
                elif not known and heading_size is not None and line.size < heading_size - 0.3:
                    heading = None  # a name in bold under 'Encadrement' is no heading of the CV's own
                if heading is not None:
                    current_part, reading, heading_size = title, read, line.size
                    parts.append(Part(title, page.number, read))
            previous = line if heading is not None else None
            line_parts.append((current_part, reading))
        columns = [line.x0 for line in page.lines]
        found = scan_lines(lines, columns=columns, min_year=min_year, max_year=max_year)
        dated_lines = {item.line for item in found} | {item.end_line for item in found}
        for item in found:
            date_range = item.range
            source_line = _display(lines[item.line])
            if item.end_line != item.line:
                source_line = f"{source_line} / {_display(lines[item.end_line])}"
            label = _label(page.lines, item.line, item.end_line, date_range, dated_lines)
            cells = _row_cells(page.lines, item.line, dated_lines)
            if cells:  # a table row: its other cells ('Fonction') say what the period was
                label = f"{label}, {cells}" if label else cells
            context = normalize(f"{source_line} {label}")
            part, read = line_parts[item.line]
            entry = _entry(date_range, label, source_line.strip(), page.number, context, as_of, part)
            entry = dataclasses.replace(entry, rect=lines_rect((page.lines[item.line], page.lines[item.end_line])))
            (entries if read else skipped).append(entry)
            if DOCTORAL_YEARS_WORDS.search(context) and not NOT_OWN_DOCTORATE.search(context):
                doctoral_years.append(entry)
    entries = [_doctorate_from_its_years(entry, doctoral_years) for entry in entries]
    entries.sort(key=lambda entry: (entry.first, entry.last, entry.page))
    return Timeline(
        tuple(entries),
        find_gaps(entries, as_of, long_gap),
        as_of,
        source,
        tuple(page.number for page in pages),
        tuple(parts),
        tuple(skipped),
    )


def _entry(date_range: DateRange, label: str, line: str, page: int, context: str, as_of: YearMonth, part: str) -> Entry:
    first = date_range.first_month
    last = date_range.last_month(as_of)
    if LEAVE_WORDS.search(context):
        kind = "leave"
    elif (NOT_ACTIVITY_WORDS.search(context) and not JOB_WORDS.search(context)) or (
        date_range.is_single
        and (EVENT_WORDS.search(context) or (DIPLOMA_WORDS.search(context) and not JOB_WORDS.search(context)))
    ):
        kind = "other"
    else:
        kind = "activity"
    academic_first, academic_last = _academic_months(date_range, first, last)
    return Entry(date_range, label, line, page, kind, first, last, academic_first, academic_last, part)


def _trim_label(text: str) -> str:
    """``text`` without the bullets and punctuation at its ends (_LABEL_LEAD, _LABEL_TAIL).

    The trailing run is found by stepping back from the end: a pattern ending in ``[...]+$`` is tried at
    every character of the line, which made it the costliest step of reading a CV's headings."""
    lead = _LABEL_LEAD.match(text)
    start = lead.end() if lead else 0
    end = len(text)
    while end > start and (text[end - 1] in _LABEL_TAIL or text[end - 1].isspace()):
        end -= 1
    return text[start:end]


def _has_year(text: str) -> bool:
    """A year from 1900 to 2099 stands alone in ``text`` (cheap substring tests first: most lines have none)."""
    return ("19" in text or "20" in text) and _YEAR.search(text) is not None


def _academic_months(date_range: DateRange, first: YearMonth, last: YearMonth) -> tuple[YearMonth, YearMonth]:
    """'2013-2014' is September 2013 to August 2014 when read as an academic year; a single year stays whole."""
    if date_range.is_single:
        return first, last
    academic_first = YearMonth(first.year, 9) if date_range.start.precision == "year" else first
    academic_last = last
    if date_range.end is not None and date_range.end.precision == "year":
        academic_last = YearMonth(last.year, 8)
    if academic_last < academic_first:  # 'sept. 2015 – 2015': nothing to narrow
        return first, last
    return academic_first, academic_last


def cv_headings(page: PageText) -> list[str]:
    """The headings of a page that name parts of a CV's timeline ('Formation', 'Expérience professionnelle')."""
    body = _body_size([page])
    found = []
    for line in page.lines:
        heading = _part_heading(line, body)
        if heading is not None and heading[1] and heading[2]:
            found.append(heading[0])
    return found


def _row_cells(lines: Sequence[TextLine], index: int, dated: set[int]) -> str:
    """The other cells of a table row that starts with dates: lines in other columns from the date line's
    height down to the next dated line, their wrapped lines joined ('Congé de maternité (naissance de Léa)').
    Empty when nothing else is on the date line's height (not a table)."""
    row = lines[index]
    if not any(
        i != index and abs(line.baseline - row.baseline) < 2 and line.x0 > row.x1 for i, line in enumerate(lines)
    ):
        return ""
    below = [lines[i].baseline for i in dated if lines[i].baseline < row.baseline - 2 and abs(lines[i].x0 - row.x0) < 3]
    floor = max(below, default=row.baseline - 4 * max(row.size, 1))
    cells = sorted(
        (
            line
            for i, line in enumerate(lines)
            if i not in dated and line.x0 > row.x1 and floor < line.baseline < row.baseline + 2
        ),
        key=lambda line: (round(line.x0), -line.baseline),
    )
    text = " ".join(_display(line.text) for line in cells)
    return re.sub(r"(\w)- (\w)", r"\1-\2", text)[:160]


def _doctorate_from_its_years(entry: Entry, doctoral_years: Sequence[Entry]) -> Entry:
    """A doctorate printed with its award year only covers the doctoral years other lines show.

    'Doctorat 2021' is an event (a diploma) and covers nothing; with 'Trésorière de l'association des doctorants
    2018-2019' or 'Doctorant contractuel 2018-2021' elsewhere in the CV, the doctorate ran from 2018 to 2021.
    """
    if not (entry.range.is_single and entry.kind == "other" and DOCTORATE_WORDS.search(entry.line + " " + entry.label)):
        return entry
    award = entry.last
    before = [other for other in doctoral_years if other.first <= award and other is not entry]
    if not before:
        return entry
    first = min(other.first for other in before)
    academic_first = min(other.months(ACADEMIC)[0] for other in before)
    shown_by = min(before, key=lambda e: e.first)
    note = f"doctoral years from {first} (shown by '{shown_by.describe}')"
    note_message: Message = ("cv.note-doctoral-years", {"first": _month_text(first), "entry": shown_by.shown})
    return dataclasses.replace(
        entry,
        kind="activity",
        first=first,
        academic_first=academic_first,
        academic_last=entry.last,
        note=note,
        note_message=note_message,
    )


def _body_size(pages: Sequence[PageText]) -> float:
    """The size most characters are set in (character-weighted median)."""
    by_size: dict[float, int] = {}  # summed per size as extracted first: a page has few, and round() is slow
    for page in pages:
        for line in page.lines:
            by_size[line.size] = by_size.get(line.size, 0) + len(line.text.strip())
    weights = Counter[float]()
    for size, count in by_size.items():
        weights[round(size, 1)] += count
    total = sum(weights.values())
    if not total:
        return 10.0
    seen = 0
    for size in sorted(weights):
        seen += weights[size]
        if seen * 2 >= total:
            return size
    return 10.0


def _part_heading(
    line: TextLine, body_size: float, rows: Sequence[tuple[float, float]] = ()
) -> tuple[str, bool, bool] | None:
    """(title, read?) when the line is a CV heading: its dates are read unless it names a part that is not the
    timeline (Publications, Encadrement...); an unknown heading ('Recherche', 'Campus activities') is read."""
    text = _trim_label(normalize(line.text))
    numbering = _PART_NUMBERING.match(text)
    text = (text[numbering.end() :] if numbering else text).strip()
    if not text or len(text) > 60:
        return None
    words = text.split()
    if len(words) > 7 or _has_year(text) or _COLON_WORD.search(text):
        return None
    styled = line.size >= body_size * 1.1 or line.bold
    if not styled and len(words) > 3:
        return None
    if not styled and not line.text.strip()[:1].isupper():
        return None
    if not styled and any(abs(baseline - line.baseline) < 2 and x0 < line.x0 - 3 for baseline, x0 in rows):
        return None  # body text beside other text, such as a table cell ('Congé de maternité'), is no heading
    if OTHER_PARTS.match(text) or CHRONOLOGY_PARTS.match(text) or (styled and len(words) <= 4):
        return _classify(text)
    return None


def _classify(title: str) -> tuple[str, bool, bool]:
    """(title, read?, known?): a known heading names a kind of part; an unknown one is read."""
    if OTHER_PARTS.match(title):
        return title, False, True
    if CHRONOLOGY_PARTS.match(title):
        return title, True, True
    # '^' in the patterns anchors at the string's start only, so each word is tried as a start of its own
    other = any(OTHER_PARTS.match(title[match.start() :]) for match in re.finditer(r"\b\w", title))
    return title, not other, other


def _continues(above: TextLine, line: TextLine) -> bool:
    """The second line of a heading set on two lines: same column and size, right below."""
    return (
        abs(above.x0 - line.x0) < 2
        and abs(above.size - line.size) < 0.5
        and 0 < above.baseline - line.baseline < 1.6 * max(line.size, 1)
    )


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
    rest = re.sub(r"\s{2,}", " ", _trim_label(rest))
    rest = _trim_label(re.sub(r"\s+(?:du|de|from|since|depuis|le|en|in|entre|between)$", "", rest, flags=re.I))
    if len(_LETTERS.findall(rest)) >= 3:
        return rest
    row = lines[first]
    same_row = [i for i, line in enumerate(lines) if i not in dated and abs(line.baseline - row.baseline) < 2]
    above = [first - 1] if first > 0 and 0 < lines[first - 1].baseline - row.baseline < 2.5 * max(row.size, 1) else []
    for neighbour in [*same_row, *above, last + 1]:
        if 0 <= neighbour < len(lines) and neighbour not in dated:
            text = _trim_label(normalize(lines[neighbour].text))
            if len(_LETTERS.findall(text)) >= 3:
                return text
    return rest


def find_gaps(entries: Sequence[Entry], as_of: YearMonth | None = None, long_gap: int = 12) -> tuple[Gap, ...]:
    """Certain gaps (uncovered even when year-only dates are whole calendar years) and possible ones (uncovered
    when year ranges are academic years, unless they hold a certain gap that is long already: a whole calendar
    year or more than ``long_gap`` months), in date order; with ``as_of``, the stretch after the last entry up
    to it counts too."""
    certain = _gaps(entries, GENEROUS, as_of)
    possible = [
        dataclasses.replace(gap, certainty="possible")
        for gap in _gaps(entries, ACADEMIC, as_of)
        if not any(gap.first <= other.last and other.first <= gap.last and _long(other, long_gap) for other in certain)
        and not any(other.first == gap.first and other.last == gap.last for other in certain)
    ]
    return tuple(sorted([*certain, *possible], key=lambda gap: gap.first))


def _gaps(entries: Sequence[Entry], reading: str, as_of: YearMonth | None) -> list[Gap]:
    entries = [entry for entry in entries if entry.kind != "other"]
    covered: set[int] = set()
    for entry in entries:
        first, last = entry.months(reading)
        covered.update(range(first.index, last.index + 1))
    if not covered:
        return []
    start = min(covered)
    stop = max(covered)
    if as_of is not None and as_of.index > stop:
        stop = as_of.index  # nothing after the last entry: the time up to now is checked like any other
    gaps: list[Gap] = []
    month = start
    while month <= stop:
        if month in covered:
            month += 1
            continue
        gap_start = month
        while month <= stop and month not in covered:
            month += 1
        first, last = YearMonth.from_index(gap_start), YearMonth.from_index(month - 1)
        after = max(
            (entry for entry in entries if entry.months(reading)[1].index == gap_start - 1),
            key=lambda e: e.months(reading)[0],
            default=None,
        )
        before = min(
            (entry for entry in entries if entry.months(reading)[0].index == month),
            key=lambda e: e.months(reading)[1],
            default=None,
        )
        gaps.append(Gap(first, last, after, before))
    return gaps


def _long(gap: Gap, long_gap: int) -> bool:
    return bool(gap.whole_years) or gap.months > long_gap


def _month_text(month: YearMonth) -> str:
    return f"{month.year:04d}-{month.month:02d}"
