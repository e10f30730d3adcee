"""The section finder: which pages hold the cover, CV, activity report, project, publications, letters, annexes.

Computed once per dossier (``Dossier.sections``) from what the dossier already holds (outline and page text),
and shared by every check. Sources, in order:

1. explicit page ranges from the user's ``[sections]`` configuration (``project = "12-23"``), which always win;
2. the PDF outline (bookmarks), when one of its entries carries a known title;
3. otherwise headings in the text: a line whose title is known (accent- and case-insensitive, numbering such
   as "3.", "III -" or "Partie 2 :" ignored) and that looks like a heading (larger or bolder than the body
   text, or alone at the top of a page or after a gap). Table-of-contents pages are recognised and never
   taken for the sections they list.

A section runs to the next section or to the end of the document; when the next one starts mid-page, that
page belongs to both. The cover is page 1 unless a section says otherwise.

Configuration (a rule set's ``[sections]`` table, with the user's on top)::

    [sections.titles]              # rule sets: known titles per section name
    project = ["projet de recherche", "research project", ...]

    [sections]                     # users
    project = "12-23"              # explicit pages (or "12" for one page)
    integration = "Projet d'intégration"   # extra titles (a string or a list), also for new section names
"""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from preflight.model import Finding, OptionError
from preflight.patterns import lazy_pattern
from preflight.rects import Rect, line_rect

if TYPE_CHECKING:
    from preflight.dossier import Dossier
    from preflight.pdf.text import PageText

Message = tuple[str, Mapping[str, Any]]
"""A message id of preflight.i18n's catalogue (or of preflight.messages.SHARED) and its arguments."""

SECTION_NAMES = ("cover", "cv", "activity-report", "project", "publications", "letters", "annexes", "toc")
"""The built-in section names; configuration may add others."""

TITLES_KEY = "titles"
FALLBACK_KEY = "fallback"
"""[sections.fallback]: titles that name a section only where none of its own titles is found ('Perspectives',
'Conclusion et perspectives' stand for the project in a manuscript that has no 'Projet de recherche')."""

REFERENCE_TITLES = frozenset({"references", "references bibliographiques", "bibliographie", "bibliography"})
"""Titles that close a project or activity report as its own reference list, not a new publications section."""

_HOLDS_PUBLICATIONS = frozenset({"cv", "activity-report"})
"""Sections whose outline may hold the publication list as a subsection ("Curriculum vitae > Publications")."""

_PAGE_RANGE = lazy_pattern(r"^\s*(\d+)\s*(?:[-–—]\s*(\d+)\s*)?$")
_NAME = lazy_pattern(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
_ROMAN = r"[ivxlc]+"
_NUMBERING = lazy_pattern(
    r"^(?:"
    r"(?:partie|part|section|chapitre|chapter|volet)\s+(?:\d+|" + _ROMAN + r"|[a-h])\s*[:.)\-–—]?\s*"
    r"|\d+(?:\.\d+)*\s*[.):\-–—]?\s+"
    r"|\d+(?:\.\d+)*\s*[.):\-–—]\s*"
    r"|" + _ROMAN + r"\s*[.):\-–—]\s*"
    r"|[a-h]\s*[.)]\s+"
    r")"
)
_TRAILING = ":.;,-–—"  # punctuation a title loses at its end, with white space
_SEPARATOR = lazy_pattern(r"^\s*[:\-–—(,/]")
_TRAILING_NUMBER = lazy_pattern(r"(?<!\d)(\d{1,3})$")
_COLON = lazy_pattern(r"^\s*:")
_DIGITS = lazy_pattern(r"\d+")
_TITLE_START = 2  # titles are grouped by this many first characters (every title has at least two)


_COMBINING = lazy_pattern(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@functools.lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Casefolded, without accents, ligatures expanded, apostrophes straight, spaces collapsed.

    Cached: the section finder compares every line of a long dossier with every known title."""
    if text.isascii():
        return " ".join(text.replace("`", "'").casefold().split())
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = text.replace("’", "'").replace("‘", "'").replace("ʼ", "'").replace("`", "'")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.casefold().split())


def strip_numbering(text: str) -> str:
    """'3. projet de recherche' -> 'projet de recherche'; also 'iii - ...', 'partie 2 : ...', 'a) ...'."""
    numbering = _NUMBERING.match(text)
    stripped = text[numbering.end() :] if numbering else text
    # the trailing punctuation and spaces stepped off from the end: a pattern "[...]+$" is tried at every character
    end = len(stripped)
    while end and (stripped[end - 1] in _TRAILING or stripped[end - 1].isspace()):
        end -= 1
    return stripped[:end].strip()


@functools.lru_cache(maxsize=65536)
def title_key(text: str) -> str:
    """A line or title as titles are compared: normalised, its numbering and trailing punctuation gone."""
    return strip_numbering(normalise(text))


@dataclass(frozen=True)
class Section:
    """A named page range of the dossier (pages are 1-based and inclusive)."""

    name: str
    title: str
    first_page: int
    last_page: int
    found_by: str
    how: Message = dataclasses.field(default=("", {}), compare=False)
    """``found_by`` as a message of preflight.i18n (id and arguments), for a report in the run's language."""
    heading: Rect | None = dataclasses.field(default=None, compare=False)
    """Where on ``first_page`` the line it was found by is (its heading, or the name a CV starts with), in PDF
    points; None when no line found it (configured pages, an outline entry whose title is not on the page)."""

    @property
    def page_count(self) -> int:
        return self.last_page - self.first_page + 1


@dataclass(frozen=True)
class SectionConfig:
    """The [sections] table, checked: titles per section name and explicit page ranges."""

    titles: Mapping[str, tuple[str, ...]]
    ranges: Mapping[str, tuple[int, int]]
    fallback: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)


CONFIG_MESSAGES = {  # what is wrong with a [sections] table (preflight.model.OptionError)
    "not-title-table": {
        "en": "[sections] {key} must be a table of title lists",
        "fr": "[sections] {key} doit être une table de listes de titres",
    },
    "bad-range": {
        "en": "[sections] {name} = {value}: pages must be 'FIRST-LAST' with 1 <= FIRST <= LAST",
        "fr": (
            "[sections] {name} = {value} : les pages s’écrivent « PREMIÈRE-DERNIÈRE », avec 1 <= PREMIÈRE <= DERNIÈRE"
        ),
    },
    "bad-name": {
        "en": "{where} {name} is not a section name (lowercase words joined by '-', e.g. 'project')",
        "fr": (
            "{where} {name} n’est pas un nom de partie (mots en minuscules reliés par « - », par exemple « project »)"
        ),
    },
    "bad-value": {
        "en": '{where} must be a page range such as "12-23", a title, or a list of titles',
        "fr": '{where} doit être des pages telles que "12-23", un titre ou une liste de titres',
    },
}


def parse_config(table: Mapping[str, Any]) -> SectionConfig:
    """Read a [sections] table; raise ValueError naming the key for anything we cannot use."""
    titles: dict[str, list[str]] = {}
    user_titles: dict[str, list[str]] = {}
    ranges: dict[str, tuple[int, int]] = {}
    base = table.get(TITLES_KEY, {})
    if not isinstance(base, Mapping):
        raise OptionError(CONFIG_MESSAGES, "not-title-table", key=TITLES_KEY)
    for name, value in base.items():
        titles[_checked_name(name, f"[sections.{TITLES_KEY}]")] = _title_list(value, f"[sections.{TITLES_KEY}] {name}")
    fallback_table = table.get(FALLBACK_KEY, {})
    if not isinstance(fallback_table, Mapping):
        raise OptionError(CONFIG_MESSAGES, "not-title-table", key=FALLBACK_KEY)
    fallback = {
        _checked_name(name, f"[sections.{FALLBACK_KEY}]"): tuple(
            _title_list(value, f"[sections.{FALLBACK_KEY}] {name}")
        )
        for name, value in fallback_table.items()
    }
    for name, value in table.items():
        if name in (TITLES_KEY, FALLBACK_KEY):
            continue
        _checked_name(name, "[sections]")
        if isinstance(value, str) and _PAGE_RANGE.match(value):
            match = _PAGE_RANGE.match(value)
            assert match is not None
            first = int(match.group(1))
            last = int(match.group(2) or first)
            if first < 1 or last < first:
                raise OptionError(CONFIG_MESSAGES, "bad-range", name=name, value=repr(value))
            ranges[name] = (first, last)
        else:
            user_titles[name] = _title_list(value, f"[sections] {name}")
    # Names with titles of their own ([sections] name = "Title") come first, so that they win a title that a
    # built-in name also lists ("lettre de motivation": motivation-letter before letters).
    order = [*user_titles, *(name for name in titles if name not in user_titles)]
    merged = {name: [*user_titles.get(name, []), *titles.get(name, [])] for name in order}
    return SectionConfig(
        titles={name: tuple(dict.fromkeys(values)) for name, values in merged.items()},
        ranges=ranges,
        fallback=fallback,
    )


def _checked_name(name: object, where: str) -> str:
    if not isinstance(name, str) or not _NAME.match(name):
        raise OptionError(CONFIG_MESSAGES, "bad-name", where=where, name=repr(name))
    return name


def _title_list(value: object, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise OptionError(CONFIG_MESSAGES, "bad-value", where=where)
    return [str(item) for item in value]


# ---------------------------------------------------------------------------------------------- the finder
@dataclass(frozen=True)
class _Start:
    """Where a section starts: its page, the index of its heading line there (None: unknown), at the top?"""

    name: str
    title: str
    page: int
    line: int | None
    at_top: bool
    found_by: str
    how: Message = dataclasses.field(default=("", {}), compare=False)


class Sections:
    """The sections of one dossier: ``get(name)``, ``all()``, ``titles_tried(name)``, ``text(name)``."""

    def __init__(self, dossier: Dossier, config: Mapping[str, Any]) -> None:
        self._dossier = dossier
        self.config = parse_config(config)
        self.source = "none"
        """Where the sections came from: 'outline', 'headings' or 'none' (config ranges aside)."""
        self.notes: list[str] = []
        """Things a user should know, e.g. a configured page range beyond the last page (English, as JSON shows)."""
        self.note_messages: list[Message] = []
        """The same notes as messages of preflight.i18n, for a report in the run's language."""
        self.config_problems: dict[str, str] = {}
        """Sections whose configured pages cannot be used (beyond the document): checks of them fail saying so."""
        self.config_problem_args: dict[str, dict[str, Any]] = {}
        """The same problems as arguments of the shared message ``section-range-after-end`` (see range_problem)."""
        self._bounds: dict[str, tuple[int | None, int | None]] = {}
        self._toc_end: dict[int, int] = {}  # a table of contents runs over its own pages only
        self._nested_list_at: tuple[int, str, int | None, str] | None = None
        """A publication list that is an outline entry inside the CV: its page and title, and the page and title
        of the entry that ends it."""
        self._sections = self._find()

    # ------------------------------------------------------------------ public contract
    @property
    def pages(self) -> list[PageText]:
        """The dossier's page texts, or none when the text cannot be extracted at all (said in ``notes``)."""
        cached: list[PageText] | None = getattr(self, "_pages", None)
        if cached is None:
            try:
                cached = self._dossier.pages
            except Exception as exc:  # a file pikepdf repairs but pdfminer cannot parse
                cached = []
                self._note(
                    f"the text of the PDF could not be read ({type(exc).__name__}), only its outline",
                    ("sections.note-unreadable-text", {"error": type(exc).__name__}),
                )
            self._pages = cached
        return cached

    def _note(self, text: str, message: Message) -> None:
        self.notes.append(text)
        self.note_messages.append(message)

    def get(self, name: str) -> Section | None:
        for section in self._sections:
            if section.name == name:
                return section
        return None

    def all(self) -> list[Section]:
        return list(self._sections)

    def is_own_list_title(self, text: str) -> bool:
        """Whether a heading is a title of the candidate's publication list, not of a reference list."""
        return _own_list(self._match(text, exact_only=False), text)

    def titles_tried(self, name: str) -> list[str]:
        return list(self.config.titles.get(name, ()))

    def text(self, name: str) -> list[PageText]:
        """The section's pages; on the first and last page only the lines from its heading / before the next."""
        section = self.get(name)
        if section is None:
            return []
        pages = self.pages
        start_line, end_line = self._bounds.get(name, (None, None))
        result: list[PageText] = []
        for number in range(section.first_page, section.last_page + 1):
            if number - 1 >= len(pages):
                break
            page = pages[number - 1]
            lines = page.lines
            first = start_line if number == section.first_page and start_line is not None else 0
            last = end_line if number == section.last_page and end_line is not None else len(lines)
            if first or last != len(lines):
                page = dataclasses.replace(page, lines=lines[first:last])
            result.append(page)
        return result

    def to_dicts(self) -> list[dict[str, object]]:
        """The sections as the JSON report and `preflight sections --format json` show them."""
        return [
            {
                "name": s.name,
                "title": s.title,
                "first_page": s.first_page,
                "last_page": s.last_page,
                "pages": s.page_count,
                "found_by": s.found_by,
            }
            for s in self._sections
        ]

    # ------------------------------------------------------------------ finding
    def _find(self) -> list[Section]:
        dossier = self._dossier
        page_count = dossier.page_count
        if page_count < 1:
            return []
        ranges = self._config_ranges(page_count)
        starts = self._from_outline()
        if starts:
            self.source = "outline"
        else:
            starts = self._from_headings()
            if starts:
                self.source = "headings"
        starts = self._with_first_page_title(starts)
        starts = self._with_fallback_titles(starts)
        if self.source == "outline" and "publications" not in ranges:
            starts = self._with_unbookmarked_list(starts)
        starts = [start for start in starts if start.name not in ranges]
        needs_cv = not any(start.name == "cv" for start in starts) and "cv" not in ranges
        sections: list[Section] = []
        for index, start in enumerate(starts):
            following = starts[index + 1] if index + 1 < len(starts) else None
            end_line: int | None = None
            if following is None:
                last = page_count
            elif following.at_top and following.page > start.page:
                last = following.page - 1
            else:
                last, end_line = following.page, following.line
            if start.name == "toc" and start.page in self._toc_end:
                last, end_line = min(last, self._toc_end[start.page]), None
            clipped = self._clip_to_ranges(start.page, last, ranges)
            if clipped is None or not start.name:
                continue
            heading = self._line_rect(start.page, start.line)
            sections.append(Section(start.name, start.title, start.page, clipped, start.found_by, start.how, heading))
            self._bounds[start.name] = (start.line, end_line if clipped == last else None)
        nested = self._nested_list_at
        if nested is not None and "publications" not in ranges and not any(s.name == "publications" for s in sections):
            sections.append(self._nested_list(*nested))
        cv_start = self._cv_by_its_headings(sections, ranges) if needs_cv else None
        if cv_start is not None:
            sections = self._add_cv(sections, cv_start, page_count, ranges)
        for name, (first, last) in ranges.items():
            sections.append(
                Section(name, self._range_title(first), first, last, "config", ("sections.found-config", {}))
            )
        cv_on_page_one = cv_start is not None and any(s.name == "cv" and s.first_page == 1 for s in sections)
        if not any(section.name == "cover" for section in sections) and not cv_on_page_one:
            starts_page_one = any(s.first_page == 1 for s in sections) and not self._page_one_has_room(starts)
            covered = any(s.first_page <= 1 <= s.last_page and s.found_by == "config" for s in sections)
            if not starts_page_one and not covered:
                sections.append(
                    Section("cover", self._range_title(1), 1, 1, "first page", ("sections.found-first-page", {}))
                )
        order = {name: index for index, name in enumerate(SECTION_NAMES)}
        sections.sort(key=lambda s: (s.first_page, s.last_page, order.get(s.name, len(order))))
        return sections

    def _with_first_page_title(self, starts: list[_Start]) -> list[_Start]:
        """A first page titled with a section title ('Projet de recherche') starts that section: it is no cover."""
        if any(start.page == 1 and start.at_top for start in starts):
            return starts
        pages = self.pages
        if not pages or not pages[0].lines:
            return starts
        page = pages[0]
        biggest = max(line.size for line in page.lines)
        index = next(i for i in _reading_order(page) if page.lines[i].size >= biggest - 0.1)
        title = page.lines[index].text.strip()
        name = self._match(title, exact_only=False) if len(title) <= 100 else None
        if name is None or name in ("toc", "cover") or any(start.name == name for start in starts):
            return starts
        found_by = f"title of page 1 ('{title[:60]}' is a title of '{name}')"
        how: Message = ("sections.found-page-one-title", {"title": title[:60], "section": name})
        return sorted(
            [_Start(name, title, 1, index, True, found_by, how), *starts], key=lambda s: (s.page, s.line or 0)
        )

    def _with_fallback_titles(self, starts: list[_Start]) -> list[_Start]:
        """Sections none of whose titles was found, found by a fallback title ('Conclusion et perspectives')."""
        missing = [name for name in self.config.fallback if not any(start.name == name for start in starts)]
        if not missing:
            return starts
        added: list[_Start] = []
        for name in missing:
            titles = [title_key(title) for title in self.config.fallback[name]]
            found = self._first_with_title(titles, starts)
            if found is None:
                continue
            page, line, title, via = found
            at_top = line is None or _is_top(self.pages[page - 1], line) if page <= len(self.pages) else True
            via_id = "sections.via-bookmark" if via == "bookmark" else "sections.via-heading"
            how: Message = ("sections.found-fallback-bare", {"via": via_id, "page": page, "title": title[:60]})
            why = f"{via} '{title[:60]}'"
            if self.titles_tried(name):
                own = self.titles_tried(name)[0]
                why = f"{why}, a fallback title of '{name}' (none of its own titles, such as '{own}', was found)"
                how = ("sections.found-fallback", {**how[1], "section": name, "own": own})
            added.append(_Start(name, title, page, line, at_top, why, how))
        return sorted([*starts, *added], key=lambda s: (s.page, s.line or 0))

    def _first_with_title(self, titles: list[str], starts: list[_Start]) -> tuple[int, int | None, str, str] | None:
        """(page, line, title, how) of the first outline entry, else heading, whose title is one of ``titles``."""
        taken = {(start.page, start.line) for start in starts}
        for entry in self._dossier.outline:
            if entry.page is None or not entry.title.strip():
                continue
            if title_key(entry.title) in titles:
                pages = self.pages
                title_line = _find_title_line(pages[entry.page - 1], entry.title) if entry.page <= len(pages) else None
                if (entry.page, title_line) not in taken:
                    return entry.page, title_line, entry.title.strip(), "bookmark"
        body_size, _ = self.body_style()
        for page in self.pages:
            for index, line in enumerate(page.lines):
                text = line.text.strip()
                if not text or len(text) > 100 or title_key(text) not in titles:
                    continue
                if line.size >= body_size * 1.12 or line.bold:
                    return page.number, index, text, f"heading on page {page.number}"
        return None

    def _cv_by_its_headings(self, sections: list[Section], ranges: Mapping[str, tuple[int, int]]) -> _Start | None:
        """A CV without a 'Curriculum vitae' heading: the first page with CV headings (Formation, Expérience,
        Education, Positions...) and dated lines, whose largest text at the top is no section title (a name).
        Inside another part (the project's 'Formation des étudiants'), only a page under a name set large counts."""
        from preflight.chronology import cv_headings
        from preflight.dates import scan_lines

        elsewhere = {
            number
            for section in sections
            if section.name not in ("cover", "toc", "publications")
            for number in range(section.first_page, section.last_page + 1)
        } | {number for first, last in ranges.values() for number in range(first, last + 1)}
        body_size, _ = self.body_style()
        for page in self.pages:
            if not page.lines or self._is_toc_page(page):
                continue
            headings = cv_headings(page)
            if not headings:
                continue
            dated = scan_lines([line.text for line in page.lines])
            if len(dated) < 2:
                continue
            biggest = max(line.size for line in page.lines)
            index = next(i for i in _reading_order(page) if page.lines[i].size >= biggest - 0.1)
            name = page.lines[index].text.strip()
            if self._match(name, exact_only=False) not in (None, "cv") or name in headings:
                continue  # the page's title is a section's or one of the CV's own headings, not a name
            if page.number in elsewhere and page.lines[index].size < 1.3 * body_size:
                continue  # inside another part, only a name set large starts a CV
            shown = ", ".join(f"'{title}'" for title in headings[:3])
            how: Message = ("sections.found-cv-headings", {"page": page.number, "headings": headings[:3]})
            return _Start(
                "cv",
                name[:120],
                page.number,
                index,
                True,
                f"CV headings on page {page.number} ({shown}) and dates",
                how,
            )
        return None

    def _add_cv(
        self, sections: list[Section], start: _Start, page_count: int, ranges: Mapping[str, tuple[int, int]]
    ) -> list[Section]:
        """The CV found by its headings runs to the next part that is not one of its own (a publication list
        inside a stand-alone CV stays inside it); the cover, if any, is the page before it."""
        inside = {"publications", "cover", "toc"}
        following = [s for s in sections if s.first_page > start.page and s.name not in inside]
        last = min((s.first_page - 1 for s in following), default=page_count)
        clipped = self._clip_to_ranges(start.page, max(last, start.page), ranges)
        if clipped is None:
            return sections
        kept = [s for s in sections if not (s.name == "cover" and s.found_by == "first page" and start.page == 1)]
        # a part that ran to the end of the document stops where the CV starts
        for s in kept:
            if s.name not in inside and s.first_page < start.page <= s.last_page and s.name in self._bounds:
                self._bounds[s.name] = (self._bounds[s.name][0], None)
        kept = [
            dataclasses.replace(s, last_page=start.page - 1)
            if s.name not in inside and s.first_page < start.page <= s.last_page
            else s
            for s in kept
        ]
        self._bounds["cv"] = (None, None)
        heading = self._line_rect(start.page, start.line)
        return [*kept, Section("cv", start.title, start.page, clipped, start.found_by, start.how, heading)]

    def _config_ranges(self, page_count: int) -> dict[str, tuple[int, int]]:
        ranges: dict[str, tuple[int, int]] = {}
        for name, (first, last) in self.config.ranges.items():
            args = {"section": name, "first": first, "last": last, "page_count": page_count}
            if first > page_count:
                problem = f'[sections] {name} = "{first}-{last}" starts after the last page ({page_count})'
                self._note(f"{problem}; ignored", ("sections.note-range-ignored", args))
                self.config_problems[name] = problem
                self.config_problem_args[name] = args
                continue
            if last > page_count:
                self._note(
                    f'[sections] {name} = "{first}-{last}" ends after the last page; taken as {first}-{page_count}',
                    ("sections.note-range-clipped", args),
                )
                last = page_count
            ranges[name] = (first, last)
        return ranges

    @staticmethod
    def _clip_to_ranges(first: int, last: int, ranges: Mapping[str, tuple[int, int]]) -> int | None:
        """Configured ranges win: a found section inside one disappears, one running into one stops before it."""
        for range_first, range_last in ranges.values():
            if range_first <= first <= range_last:
                return None
            if first < range_first <= last:
                last = range_first - 1
        return last

    def _range_title(self, page: int) -> str:
        """For a section without a heading: the largest line of its first page (the first of those), as printed."""
        pages = self.pages
        if not 0 < page <= len(pages):
            return ""
        lines = [line for line in pages[page - 1].lines if line.text.strip()]
        if not lines:
            return ""
        biggest = max(line.size for line in lines)
        return next(line.text.strip()[:120] for line in lines if line.size >= biggest - 0.1)

    def _line_rect(self, page: int, line: int | None) -> Rect | None:
        """The box of line ``line`` of page ``page`` (None when either is unknown)."""
        pages = self.pages
        if line is None or not 0 < page <= len(pages) or not 0 <= line < len(pages[page - 1].lines):
            return None
        return line_rect(pages[page - 1].lines[line])

    def _page_one_has_room(self, starts: list[_Start]) -> bool:
        """True when the section starting on page 1 starts below other text (a cover block above it)."""
        for start in starts:
            if start.page == 1:
                return not start.at_top
        return True

    # ------------------------------------------------------------------ from the outline
    def _from_outline(self) -> list[_Start]:
        entries = [entry for entry in self._dossier.outline if entry.page is not None and entry.title.strip()]
        if not entries:
            return []
        pages = self.pages
        page_count = self._dossier.page_count
        starts: list[_Start] = []
        seen: set[str] = set()
        open_level: int | None = None  # level of the section we are in; deeper known titles are its subsections
        open_name = ""
        nested: tuple[int, str, int] | None = None  # a publication list inside the CV: (index, title, level)
        for index, entry in enumerate(entries):
            page = entry.page
            if page is None or not 1 <= page <= page_count:
                continue
            name = self._match(entry.title, exact_only=False)
            closes = open_level is not None and entry.level <= open_level
            if open_level is not None and not closes:
                if nested is None and open_name in _HOLDS_PUBLICATIONS and _own_list(name, entry.title):
                    nested = (index, entry.title, entry.level)
                continue
            if closes and open_name == "publications" and entry.level == open_level:
                current = next(start for start in reversed(starts) if start.name == "publications")
                if title_key(current.title) not in REFERENCE_TITLES and _continues_list(name, entry.title):
                    continue  # "Soumission", "Références personnelles (non citées)": the list goes on
                if title_key(current.title) in REFERENCE_TITLES and _own_list(name, entry.title):
                    # "References" (a CV's referees, or what a chapter cites), then "Publications": the list
                    starts = [dataclasses.replace(s, name="") if s is current else s for s in starts]
                    if page < len(pages) and _find_title_line(pages[page - 1], entry.title) is None:
                        # moderncv's bookmark points at the page before the one its heading is printed on
                        page += _find_title_line(pages[page], entry.title) is not None
                    starts.append(self._outline_start("publications", entry.title, page, pages))
                    continue
            open_level = None
            if name is None or name in seen:
                if closes:  # an entry we cannot name still ends the section before it
                    starts.append(self._outline_start("", entry.title, page, pages))
                continue
            open_level, open_name = entry.level, name
            seen.add(name)
            starts.append(self._outline_start(name, entry.title, page, pages))
        listed = next((start for start in starts if start.name == "publications"), None)
        if nested is not None and (listed is None or title_key(listed.title) in REFERENCE_TITLES):
            # The CV's "Production scientifique" is the candidate's list; a "Bibliographie" at the end of the
            # manuscript is what its chapters cite: it only ends the part before it.
            index, title, level = nested
            end = next((e for e in entries[index + 1 :] if e.page is not None and e.level <= level), None)
            page = entries[index].page or 1
            self._nested_list_at = (page, title, end.page, end.title) if end else (page, title, None, "")
            starts = [dataclasses.replace(s, name="") if s is listed else s for s in starts]
        starts.sort(key=lambda s: (s.page, s.line or 0))
        return starts if any(start.name for start in starts) else []

    def _with_unbookmarked_list(self, starts: list[_Start]) -> list[_Start]:
        """An outline without the publication list: its heading has no bookmark (LaTeX's ``\\section*``, as
        BibTeX's "thebibliography" prints it). The first bold or large line with one of the list's own titles
        (not "Bibliographie": a project's references) starts it; inside the CV, it is a part of the CV."""
        if any(start.name == "publications" for start in starts) or self._nested_list_at is not None:
            return starts
        wanted = {title_key(title) for title in self.titles_tried("publications")} - REFERENCE_TITLES
        body_size, _ = self.body_style()
        for page in self.pages:
            if self._is_toc_page(page):
                continue
            for index, line in enumerate(page.lines):
                text = line.text.strip()
                if not text or len(text) > 100 or title_key(text) not in wanted:
                    continue
                if not (line.bold or line.size >= body_size * 1.12):
                    continue
                before = [start for start in starts if (start.page, start.line or 0) <= (page.number, index)]
                after = [start for start in starts if (start.page, start.line or 0) > (page.number, index)]
                if before and before[-1].name in _HOLDS_PUBLICATIONS:
                    end = after[0] if after else None
                    self._nested_list_at = (
                        (page.number, text, end.page, end.title) if end else (page.number, text, None, "")
                    )
                    return starts
                at_top = _is_top(page, index)
                if before and not at_top and not self._as_large_as(line.size, before[-1]):
                    continue  # a project's own "Publications" paragraph heading: the project goes on
                found_by = f"heading on page {page.number}"
                how: Message = ("sections.found-heading", {"page": page.number})
                start = _Start("publications", text, page.number, index, at_top, found_by, how)
                return [*before, start, *after]
        return starts

    def _as_large_as(self, size: float, start: _Start) -> bool:
        """Whether a heading of ``size`` is as large as the heading ``start`` is at (when it is known)."""
        pages = self.pages
        if start.line is None or start.page > len(pages) or start.line >= len(pages[start.page - 1].lines):
            return True
        return size >= pages[start.page - 1].lines[start.line].size - 0.3

    def _nested_list(self, page: int, title: str, end_page: int | None, end_title: str) -> Section:
        """The publication list an outline entry inside the CV starts, up to the next entry at its level."""
        pages = self.pages
        start = self._outline_start("publications", title, page, pages)
        last, end_line = self._dossier.page_count, None
        if end_page is not None:
            end_line = _find_title_line(pages[end_page - 1], end_title) if end_page <= len(pages) else None
            if end_line is None or _is_top(pages[end_page - 1], end_line):
                last, end_line = max(page, end_page - 1), None  # the next entry starts its own page
            else:
                last = end_page
        self._bounds["publications"] = (start.line, end_line)
        heading = self._line_rect(page, start.line)
        return Section("publications", start.title, page, last, start.found_by, start.how, heading)

    @staticmethod
    def _outline_start(name: str, title: str, page: int, pages: list[PageText]) -> _Start:
        line_index = _find_title_line(pages[page - 1], title) if page <= len(pages) else None
        at_top = line_index is None or _is_top(pages[page - 1], line_index)
        return _Start(name, title.strip(), page, line_index, at_top, "outline", ("sections.found-outline", {}))

    # ------------------------------------------------------------------ from headings
    def _from_headings(self) -> list[_Start]:
        pages = self.pages
        if not pages:
            return []
        body_size, body_bold = self.body_style()
        repeated = _repeated_lines(pages)
        toc_pages = {page.number for page in pages if self._is_toc_page(page)}
        candidates: list[tuple[_Start, tuple[float, bool]]] = []
        exact_names: set[str] = set()
        prefix_only: set[int] = set()  # candidates that only start with a title ("Projet de recherche : Rôle de X")
        for page in pages:
            if page.number in toc_pages:
                continue
            for index, line in enumerate(page.lines):
                text = line.text.strip()
                if not text or len(text) > 100 or (page.number, index) in repeated:
                    continue
                name = self._match(text, exact_only=False)
                if name is None or name == "toc":
                    continue
                styled = line.size >= body_size * 1.12 or (line.bold and not body_bold)
                exact = self._match(text, exact_only=True) is not None
                placed = _is_top(page, index) or _after_gap(page, index, body_size)
                if not (styled and (placed or exact)) and not (exact and placed and _is_alone(text)):
                    continue
                at_top = _is_top(page, index)
                if exact:
                    exact_names.add(name)
                else:
                    prefix_only.add(len(candidates))
                candidates.append(
                    (
                        _Start(
                            name,
                            text,
                            page.number,
                            index,
                            at_top,
                            f"heading on page {page.number}",
                            ("sections.found-heading", {"page": page.number}),
                        ),
                        (round(line.size, 1), line.bold),
                    )
                )
        # A cover line such as "Projet de recherche : Rôle de X" must not beat the heading "3. Projet de recherche".
        candidates = [
            candidate
            for position, candidate in enumerate(candidates)
            if position not in prefix_only or candidate[0].name not in exact_names
        ]
        starts = self._keep_section_headings(candidates)
        for number in sorted(toc_pages):
            if number > 1 and number - 1 in toc_pages:
                continue
            end = number
            while end + 1 in toc_pages:
                end += 1
            self._toc_end[number] = end
            starts.append(
                _Start(
                    "toc",
                    self._range_title(number),
                    number,
                    None,
                    True,
                    f"contents on page {number}",
                    ("sections.found-contents", {"page": number}),
                )
            )
        starts.sort(key=lambda s: (s.page, s.line or 0))
        # Two tables of contents would be one; keep only the first "toc" start.
        seen: set[str] = set()
        unique = []
        for start in starts:
            if start.name in seen:
                continue
            seen.add(start.name)
            unique.append(start)
        return unique

    def _keep_section_headings(self, candidates: list[tuple[_Start, tuple[float, bool]]]) -> list[_Start]:
        """Keep the first heading of each name, skipping subheadings (smaller than the section's own heading).

        When a name has headings in several styles, only its strongest count: the "Publications" subheading
        of a CV must not hide the "Liste des publications" section that comes later.
        """
        strongest: dict[str, tuple[float, bool]] = {}
        for start, style in candidates:
            if start.name not in strongest or _lower_style(strongest[start.name], style):
                strongest[start.name] = style
        candidates = [(start, style) for start, style in candidates if not _lower_style(style, strongest[start.name])]
        kept: list[_Start] = []
        current_style: tuple[float, bool] | None = None
        current_name: str | None = None
        seen: set[str] = set()
        for start, style in candidates:
            if start.name in seen:
                continue
            # Sections usually start on a new page: a heading at the top of one is never taken for a subheading.
            if current_style is not None and _lower_style(style, current_style) and not start.at_top:
                continue
            if (
                current_name in ("project", "activity-report")
                and start.name == "publications"
                and title_key(start.title) in REFERENCE_TITLES
            ):
                continue
            kept.append(start)
            seen.add(start.name)
            current_style, current_name = style, start.name
        return kept

    def _is_toc_page(self, page: PageText) -> bool:
        cache: dict[int, bool] = self.__dict__.setdefault("_toc_pages", {})
        if page.number not in cache:
            cache[page.number] = self._looks_like_contents(page)
        return cache[page.number]

    def _looks_like_contents(self, page: PageText) -> bool:
        texts = [line.text.strip() for line in page.lines if line.text.strip()]
        if not texts:
            return False
        entries = [_toc_entry(text) for text in texts]
        leaders = sum(1 for entry in entries if entry is not None and entry[2])
        if leaders >= 3:
            return True
        titled = any(self._match(text, exact_only=True) == "toc" for text in texts)
        numbered = 0
        known = 0
        for entry in entries:
            if entry is None or entry[1] > max(self._dossier.page_count, 1):
                continue
            numbered += 1
            if self._match(entry[0], exact_only=False) not in (None, "toc"):
                known += 1
        return (titled and numbered >= 2) or known >= 3

    # ------------------------------------------------------------------ title matching
    def _match(self, text: str, exact_only: bool) -> str | None:
        """The section name whose title this text is, or starts with before a separator (":", "-", "(")."""
        candidate = title_key(text)
        if not candidate:
            return None
        exact, by_start = self._title_index
        name = exact.get(candidate)
        if name is not None or exact_only:
            return name
        best: tuple[int, str] | None = None
        for title, name in by_start.get(candidate[:_TITLE_START], ()):
            if not candidate.startswith(title):
                continue
            rest = candidate[len(title) :]
            # One-word titles ("Projet", "Annexe") only before a colon: "Projet - ANR JCJC" is a CV line.
            separated = _SEPARATOR.match(rest) if " " in title else _COLON.match(rest)
            if separated and (best is None or len(title) > best[0]):
                best = (len(title), name)
        return best[1] if best else None

    @property
    def _title_index(self) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
        """Every known title as a key: to its section name, and grouped by its first characters.

        Each line of the dossier is compared with every title; the groups make that one dictionary look-up
        and a few ``startswith``, not a hundred. The first name listing a title wins, as the config reads."""
        cached: tuple[dict[str, str], dict[str, list[tuple[str, str]]]] | None = getattr(self, "_titles_cache", None)
        if cached is None:
            exact: dict[str, str] = {}
            by_start: dict[str, list[tuple[str, str]]] = {}
            for name, titles in self.config.titles.items():
                for title in titles:
                    key = title_key(title)
                    if not key:
                        continue
                    exact.setdefault(key, name)
                    by_start.setdefault(key[:_TITLE_START], []).append((key, name))
            cached = self._titles_cache = (exact, by_start)
        return cached

    def body_style(self) -> tuple[float, bool]:
        """The dossier's body text style (see _body_style), computed once."""
        cached: tuple[float, bool] | None = getattr(self, "_body_style_cache", None)
        if cached is None:
            cached = self._body_style_cache = _body_style(self.pages) if self.pages else (10.0, False)
        return cached


# ---------------------------------------------------------------------------------------------- layout helpers
def _body_style(pages: Iterable[PageText]) -> tuple[float, bool]:
    """The body text's size (character-weighted median, the lower one) and whether the body itself is bold."""
    by_size: dict[float, int] = {}  # summed per size as extracted first: a dossier has few, and round() is slow
    bold_chars = total_chars = 0
    for page in pages:
        for line in page.lines:
            count = len(line.text.strip())
            by_size[line.size] = by_size.get(line.size, 0) + count
            total_chars += count
            bold_chars += count if line.bold else 0
    sizes: Counter[float] = Counter()
    for size, count in by_size.items():
        sizes[round(size, 1)] += count
    if not sizes:
        return 10.0, False
    # statistics.median_low of every character's size, without a list of every character
    middle = (sum(sizes.values()) - 1) // 2
    seen = 0
    for size in sorted(sizes):
        seen += sizes[size]
        if seen > middle:
            break
    return float(size), bold_chars > 0.6 * total_chars


def _repeated_lines(pages: list[PageText]) -> set[tuple[int, int]]:
    """Running headers and footers: the same text at the same height on three pages or more."""
    where: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for page in pages:
        for index, line in enumerate(page.lines):
            key = (_running_text(line.text), round(line.baseline / 4))
            where.setdefault(key, []).append((page.number, index))
    repeated: set[tuple[int, int]] = set()
    for places in where.values():
        if len({number for number, _ in places}) >= 3:
            repeated.update(places)
    return repeated


@functools.lru_cache(maxsize=65536)
def _running_text(text: str) -> str:
    """A line as running headers and footers are compared: normalised, every number '#' (page numbers vary).

    Cached: the same text recurs on many pages (headers, footers, repeated labels), and the digit pattern is
    tried at every character of a line."""
    return normalise(_DIGITS.sub("#", text))


def _reading_order(page: PageText) -> list[int]:
    return sorted(range(len(page.lines)), key=lambda i: (-page.lines[i].baseline, page.lines[i].x0))


def _is_top(page: PageText, index: int) -> bool:
    """Among the first two lines of the page (top to bottom), ignoring small print such as running headers."""
    if not page.lines:
        return True
    sizes = sorted(line.size for line in page.lines)
    typical = sizes[len(sizes) // 2]
    order = [i for i in _reading_order(page) if page.lines[i].size >= typical * 0.9 or i == index]
    return index in order[:2]


def _after_gap(page: PageText, index: int, body_size: float) -> bool:
    """More than about two blank lines of space above it."""
    line = page.lines[index]
    above = [other.baseline for other in page.lines if other.baseline > line.baseline + 0.5]
    if not above:
        return True
    return min(above) - line.baseline > 1.8 * max(body_size, line.size)


def _is_alone(text: str) -> bool:
    return len(text.split()) <= 6


def _lower_style(style: tuple[float, bool], current: tuple[float, bool]) -> bool:
    """A smaller heading, or one of the same size that is not bold while the current one is."""
    size, bold = style
    current_size, current_bold = current
    if size < current_size - 0.6:
        return True
    return abs(size - current_size) <= 0.6 and current_bold and not bold


def _toc_entry(text: str) -> tuple[str, int, bool] | None:
    """('Projet de recherche', 12, True) for 'Projet de recherche ..... 12' (True: dot leaders); None otherwise."""
    # A match is at most three digits (and the newline "$" allows) from the end: searching only there is the
    # same search (the look-behind still sees the character before), without trying every character of the line.
    match = _TRAILING_NUMBER.search(text, max(0, len(text) - 4))
    if match is None:
        return None
    rest = text[: match.start()]
    title = rest.rstrip(" \t.…_·")
    if title == rest or not any(char.isalpha() for char in title):
        return None
    leader = rest[len(title) :]
    dotted = leader.count(".") + leader.count("·") >= 3 or "…" in leader or leader.count("_") >= 3
    return title, int(match.group(1)), dotted


def _find_title_line(page: PageText, title: str) -> int | None:
    wanted = title_key(title)
    if not wanted:
        return None
    for index, line in enumerate(page.lines):  # an exact title first: "Références bibliographiques" is not the
        if title_key(line.text) == wanted:  # "Références bibliographiques personnelles" above it
            return index
    for index, line in enumerate(page.lines):
        text = title_key(line.text)
        if text and (text == wanted or text.startswith(wanted) or (len(text) > 3 and wanted.startswith(text))):
            return index
    return None


def _own_list(name: str | None, title: str) -> bool:
    """A publications title that is not a reference list's ("Production scientifique", not "Bibliographie")."""
    return name == "publications" and title_key(title) not in REFERENCE_TITLES


def _continues_list(name: str | None, title: str) -> bool:
    """An outline entry beside the publication list that is more of it: a group of the list ("Soumission",
    "Preprints", "Articles") or another of the candidate's own lists ("... personnelles (non citées)")."""
    from preflight.publications import group_kind

    if _own_list(name, title):
        return True
    return name is None and group_kind(title.strip()) in ("preprints", "articles", "reviews", "chapters")


def describe(section: Section) -> str:
    pages = (
        f"page {section.first_page}" if section.page_count == 1 else f"pages {section.first_page}-{section.last_page}"
    )
    return f"{section.name} ({pages}, {section.page_count} page{'s' if section.page_count > 1 else ''})"


def default_config() -> Mapping[str, Any]:
    """The default rule set's [sections] table, for a dossier opened outside the engine."""
    from preflight.rulesets import DEFAULT_PROFILE, load_raw_rule_set

    merged, _ = load_raw_rule_set(DEFAULT_PROFILE)
    sections: Mapping[str, Any] = merged.get("sections", {})
    return sections


def cover_pages(dossier: Dossier) -> list[PageText]:
    """The cover sheet's pages: the 'cover' section, or page 1 when a section starts at its top."""
    return dossier.sections.text("cover") or dossier.sections.pages[:1]


def missing_cover(dossier: Dossier, what: str) -> Finding | None:
    """A finding when page 1 is no cover but the start of another part (a file that is only the project or
    only a CV), so that ``what`` (a message id of the calling check, naming what the cover should give) cannot
    be read from a cover; else None."""
    finder = dossier.sections
    if finder.get("cover") is not None:
        return None
    on_first_page = [s for s in finder.all() if s.first_page == 1]
    if not on_first_page:
        return None
    # The part page 1 starts with is the one whose heading is highest (a CV found by its headings is listed
    # after its own "Publications" subheading); a part without a known heading starts at the top.
    first = min(on_first_page, key=lambda s: -s.heading[3] if s.heading is not None else float("-inf"))
    args = {"section": first.name, "title": first.title[:60], "what": what}
    return Finding("no-cover", args, page=1, rect=first.heading)  # marked at the title page 1 starts with


def range_problem(dossier: Dossier, name: str, what: str) -> Finding | None:
    """A finding when the configured pages of section ``name`` start after the last page, so that ``what`` (a
    message id of the calling check, naming what it reads there) cannot be read; else None."""
    args = dossier.sections.config_problem_args.get(name)
    if args is None:
        return None
    return Finding("section-range-after-end", {**args, "what": what}, data={"section": name})


def unreadable_cover(pages: list[PageText]) -> Finding | None:
    """A finding when the cover has no text to read (a scanned page, or extraction failed); else None."""
    if any(line.text.strip() for page in pages for line in page.lines):
        return None
    first_page = pages[0].number if pages else 1
    return Finding("unreadable-cover", {"page": first_page}, page=first_page)


def fold(text: str) -> str:
    """Accents removed and apostrophes straightened, keeping case and one character per character.

    Positions in the folded text are positions in the original, so a label found in the folded text
    can be followed by a look at the original (e.g. for a capitalised name).
    """
    if text.isascii():  # the common case: no accent to remove, and "`" the only apostrophe to straighten
        return text.replace("`", "'")
    return "".join(map(_fold_char, text))


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character of :func:`fold` (cached: a text has few distinct characters, and NFD is per character)."""
    if char in "’‘ʼ`":
        return "'"
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


_FOUND_BY_FALLBACK = lazy_pattern(
    r"(?s)(bookmark|heading on page (\d+)) '(.*)', a fallback title of '([a-z0-9-]+)' "
    r"\(none of its own titles, such as '(.*)', was found\)"
)
_FOUND_BY_TITLED = lazy_pattern(r"(?s)(bookmark|heading on page (\d+)) '(.*)'")
_FOUND_BY_PAGE_TITLE = lazy_pattern(r"(?s)title of page 1 \('(.*)' is a title of '([a-z0-9-]+)'\)")
_FOUND_BY_CV = lazy_pattern(r"(?s)CV headings on page (\d+) \((.*)\) and dates")
_FOUND_BY_ON_PAGE = lazy_pattern(r"(heading|contents) on page (\d+)")


def found_by_message(found_by: str) -> tuple[str, dict[str, object]]:
    """How a section was found (``Section.found_by``, English, as the JSON report gives it) as a message id of
    preflight.messages.SHARED (``found-by.*``) and its arguments, for a sentence in the run's language."""
    simple = {"outline": "found-by.outline", "config": "found-by.config", "first page": "found-by.first-page"}
    if found_by in simple:
        return simple[found_by], {}
    match = _FOUND_BY_FALLBACK.fullmatch(found_by)
    if match:
        via = "found-by.fallback-bookmark" if match.group(1) == "bookmark" else "found-by.fallback-heading"
        page = int(match.group(2)) if match.group(2) else None
        return via, {
            "found_page": page,
            "found_title": match.group(3),
            "found_name": match.group(4),
            "own_title": match.group(5),
        }
    match = _FOUND_BY_PAGE_TITLE.fullmatch(found_by)
    if match:
        return "found-by.page-title", {"found_title": match.group(1), "found_name": match.group(2)}
    match = _FOUND_BY_CV.fullmatch(found_by)
    if match:
        headings = [title.strip("'") for title in match.group(2).split("', '")] if match.group(2) else []
        return "found-by.cv-headings", {"found_page": int(match.group(1)), "headings": headings}
    match = _FOUND_BY_ON_PAGE.fullmatch(found_by)
    if match:
        kind = "found-by.heading" if match.group(1) == "heading" else "found-by.contents"
        return kind, {"found_page": int(match.group(2))}
    match = _FOUND_BY_TITLED.fullmatch(found_by)
    if match:
        via = "found-by.bookmark" if match.group(1) == "bookmark" else "found-by.heading-titled"
        return via, {"found_page": int(match.group(2)) if match.group(2) else None, "found_title": match.group(3)}
    return "found-by.other", {"found_by": found_by}
