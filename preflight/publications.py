"""The publication list as a jury reads it: entries, the groups the list puts them in, and what marks them.

Computed once per dossier (``Dossier.publications``) from the ``publications`` section that the section finder
found (outline, headings or ``[sections] publications = "..."``), and shared by the ``publication-list`` check
and the ``preflight publications`` command.

- **Groups**: a short line of the list that names a kind of output ("Articles dans des revues à comité de
  lecture", "Book chapters", "Preprints / en préparation", "Communications") starts a group; entries before any
  such line are in the group ``"unlabelled"``.
- **Entries**: a line that starts with a number ("1.", "[12]", "12)") or a bullet starts an entry; in a list
  without numbers or bullets, a hanging indent, a gap above the line, or a previous line ending a reference
  (a year, pages or a DOI, then a full stop) does. A line without a letter (a page number) is left out.
- **Status**: "submitted", "under review", "in revision", "in preparation", "soumis", "en révision",
  "en préparation"... in an entry (not in a web address).
- **The candidate's name**: found in an entry by surname (accent- and case-insensitive); it is *marked* when
  the characters of the name are drawn in a bold font while the entry is not bold throughout, or when an
  asterisk, dagger or hash sign touches the name. Underlining is drawn as a line, not as text: it is not seen.
- **Metrics**: impact factors ("IF = 5.2", "impact factor", "facteur d'impact"), h-index, quartiles.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from preflight.patterns import lazy_pattern
from preflight.pdf.text import is_bold_font
from preflight.rects import Rect, lines_rect
from preflight.sections import fold, normalise, strip_numbering

if TYPE_CHECKING:
    from preflight.dossier import Dossier
    from preflight.pdf.text import PageText, TextLine

GROUP_KINDS = ("articles", "reviews", "chapters", "proceedings", "preprints", "other", "unlabelled")
"""The kinds a group can be, in the order reports show them."""

WORK_IN_PROGRESS_KINDS = frozenset({"preprints"})
"""Groups where 'submitted' or 'in preparation' entries belong."""

# Matched against the normalised heading (casefolded, without accents, numbering removed). Order matters:
# "articles soumis" is a work-in-progress group before it is an articles group.
_GROUP_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "preprints",
        lazy_pattern(
            r"pre-?prints?|pre-?publications?|prepublications?|soumis|soumissions?|submitted|submissions?"
            r"|under review|en preparation"
            r"|in preparation|en cours de (?:soumission|revision|preparation)|work in progress|travaux en cours"
            r"|manuscripts? in preparation|manuscrits? en preparation|articles? en revision|in revision"
        ),
    ),
    (
        "reviews",
        lazy_pattern(
            r"^(?:articles? de )?revues? (?:de (?:la )?litterature|generales?|systematiques?)|^reviews?\b|^revues?$"
            r"|review articles?|^syntheses?\b|^articles? de synthese|invited reviews?"
        ),
    ),
    (
        "chapters",
        lazy_pattern(
            r"^chapitres?\b|chapitres? d'ouvrages?|chapitres? de livres?|book chapters?|^chapters?\b|^ouvrages?\b"
            r"|^books?\b|^livres?\b|^monographs?\b"
        ),
    ),
    (
        "proceedings",
        lazy_pattern(
            r"^(?:(?:international|national|internationales?|nationales?|invited|selected|refereed|peer-reviewed"
            r"|selection de)\s+)?(?:communications?|conferences?|conference papers|proceedings|actes|colloques?"
            r"|congres|workshops?|posters?|talks?|invited talks?|presentations?|seminaires?|exposes?)\b"
            r"|actes de (?:congres|colloques?|conferences?)|conference (?:papers|proceedings)"
            r"|dans des (?:congres|conferences|colloques)|invited talks?"
        ),
    ),
    (
        "articles",
        lazy_pattern(
            r"^articles?\b|journal (?:articles?|papers?|publications?)|peer[- ]reviewed|comite de lecture"
            r"|revues? (?:internationales?|nationales?|a comite)|^publications? dans des revues|original articles?"
            r"|research articles?|^papers?\b|refereed|articles? originaux|articles? de recherche"
        ),
    ),
    (
        "other",
        lazy_pattern(
            r"^brevets?\b|^patents?\b|^theses?\b|^thesis\b|^logiciels?\b|^software\b|^datasets?\b"
            r"|vulgarisation|outreach|^autres?\b|^other\b|rapports? techniques?|technical reports?"
        ),
    ),
)

STATUS = lazy_pattern(
    r"(?i)\b(?:submitted|under (?:review|revision)|in revision|in preparation|in prep\b\.?|re-?submitted"
    r"|soumise?s?|en (?:cours de )?r[ée]vision|en (?:cours de )?pr[ée]paration|en cours de soumission"
    r"|en relecture)"
)
METRICS = lazy_pattern(
    r"(?i)\bimpact factors?\b|\bfacteurs? d['’]\s?impact\b|\bh[- ]?index\b|\bindice[- ]h\b|\bfacteur[- ]h\b"
    r"|\bJIF\b|\b(?-i:IF)\s*[:=]?\s*\d+(?:[.,]\d+)?|\bquartile\b|\b(?-i:Q[1-4])\b(?=\s*[),;]|\s*$)"
)
_URL = lazy_pattern(r"(?i)\b(?:https?://|www\.|doi\s*:\s*|doi\.org/)\S+")
_NUMBERED = lazy_pattern(
    r"^\s*(?:\[\s*[A-Za-z]*\d+[a-z]?\s*\]|\(\s*\d+\s*\)|\d{1,3}\s*[.)](?!\d)|[A-Z]{1,2}\d{1,3}[.)]?\s)"
)
_BULLET = lazy_pattern(r"^\s*[•·▪◦●○■□‣⁃∙*–—-]\s")
_DASH = lazy_pattern(r"^\s*[–—-]\s")
_ENDS_REFERENCE = lazy_pattern(r"(?:(?:19|20)\d\d[a-z]?|\d+\s*[-–]\s*\d+|\d+|\))\s*[.)]?\s*$|doi\S*\s*$|\.\s*$")
_YEAR = lazy_pattern(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_MARK = "*†‡#§¶"
LEGEND = lazy_pattern(
    r"(?i)(?:en gras|in bold|bold(?:ed)?\b|soulign|underlined|auteur correspondant|corresponding author"
    r"|co-?premiers? auteurs?|co-?first|equal(?:ly)? contribut|contributed equally|dernier auteur|last author)"
)
_CANDIDATE_LABEL = lazy_pattern(
    r"(?i)^\s*(?:nom\s+et\s+pr[ée]nom|pr[ée]nom\s+et\s+nom|candidat(?:e|\(e\)|·e)?|nom|name|applicant|candidate)"
    r"\s*[:：]\s*(?P<name>.+)$"
)
_TITLE_WORDS = lazy_pattern(r"(?i)^(?:dr|pr|prof|mme|mr|m|mrs|ms)\.?$")
_NAME_WORD = lazy_pattern(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]+$|^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’\-]+$")
HEADING_MAX = 90
FRAGMENT = 60


@dataclass(frozen=True)
class Entry:
    """One reference of the list."""

    page: int
    text: str
    group: str
    """The kind of its group (GROUP_KINDS)."""
    heading: str | None
    """Its group's heading as printed (None before any heading)."""
    status: str | None = None
    """A 'submitted' / 'en préparation' marker as printed, or None."""
    candidate: bool = False
    """The candidate's surname is in the entry."""
    marked: str | None = None
    """How the candidate's name is marked: 'bold' or 'sign' (asterisk, dagger...), or None."""
    metrics: tuple[str, ...] = ()
    rect: Rect | None = field(default=None, compare=False)
    """Where the entry is on ``page``: the box of its lines there (PDF points)."""

    @property
    def first_words(self) -> str:
        words = self.text.split()
        return " ".join(words[:8]) + (" …" if len(words) > 8 else "")


@dataclass(frozen=True)
class Group:
    kind: str
    heading: str | None
    page: int
    count: int


@dataclass(frozen=True)
class PublicationList:
    """What the ``publications`` section holds; ``found`` is False when the dossier has none."""

    found: bool
    first_page: int | None
    last_page: int | None
    title: str | None
    entries: tuple[Entry, ...]
    groups: tuple[Group, ...]
    candidate: str | None
    """The name looked for, as given ('Claire Dubois'), or None when neither the configuration nor the cover
    gives it."""
    candidate_from: str | None
    """Where the name came from: 'config', 'cover' or 'first page'."""
    legend: str | None
    """A line that explains marks ('* corresponding author', 'en gras : ...'), as printed."""

    def counts(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for entry in self.entries:
            totals[entry.group] = totals.get(entry.group, 0) + 1
        return {kind: totals[kind] for kind in GROUP_KINDS if kind in totals}

    def to_dict(self) -> dict[str, object]:
        return {
            "found": self.found,
            "first_page": self.first_page,
            "last_page": self.last_page,
            "title": self.title,
            "entries": len(self.entries),
            "counts": self.counts(),
            "groups": [{"kind": g.kind, "heading": g.heading, "page": g.page, "entries": g.count} for g in self.groups],
            "candidate": self.candidate,
            "candidate_from": self.candidate_from,
            "candidate_entries": sum(1 for e in self.entries if e.candidate),
            "candidate_marked": sum(1 for e in self.entries if e.marked),
            "legend": self.legend,
            "items": [
                {
                    "page": e.page,
                    "group": e.group,
                    "heading": e.heading,
                    "text": e.text,
                    "status": e.status,
                    "candidate": e.candidate,
                    "marked": e.marked,
                    "metrics": list(e.metrics),
                }
                for e in self.entries
            ],
        }


# ---------------------------------------------------------------------------------------------- reading
def read_publications(dossier: Dossier, candidate: str | None = None) -> PublicationList:
    """The dossier's publication list, with ``candidate`` (or the name on the cover) looked for in each entry."""
    sections = dossier.sections
    section = sections.get("publications")
    name, source = (candidate, "config") if candidate else candidate_from_dossier(dossier)
    if section is None:
        return PublicationList(False, None, None, None, (), (), name, source if name else None, None)
    pages = sections.text("publications")
    return parse_list(pages, section.title, name, source if name else None, sections.is_own_list_title)


def parse_list(
    pages: Sequence[PageText],
    title: str | None,
    candidate: str | None,
    candidate_from: str | None,
    own_list: Callable[[str], bool] | None = None,
) -> PublicationList:
    """``own_list``: whether a heading is another title of the candidate's list ("... (non citées)" after
    "... (citées)"), which continues the list instead of ending it."""
    title_style = _title_style(pages, title)
    lines: list[tuple[int, TextLine]] = []
    for page in pages:
        for line in page.lines:
            if title_style is not None and lines and _ends_list(line, title_style):
                if own_list is not None and own_list(line.text):
                    continue
                break  # the CV's next part ("Enseignement", "Langues") in the style of the list's own title
            if _kept(line, title):
                lines.append((page.number, line))
        else:
            continue
        break
    body_size = _body_size(line for _, line in lines)
    spacing = _line_spacing(lines)
    surnames = surname_forms(candidate) if candidate else []
    raw: list[tuple[int, str | None, str, list[TextLine]]] = []  # page, heading, kind, lines
    legend: str | None = None
    kind, heading = "unlabelled", None
    previous: TextLine | None = None
    previous_page = 0
    numbered_list = any(_NUMBERED.match(line.text) or _BULLET.match(line.text) for _, line in lines)
    numbers = _Numbering(max((line.x1 for _, line in lines), default=0.0))
    for number, line in lines:
        text = line.text.strip()
        group = group_kind(text, line, body_size)
        if group is not None:
            kind, heading = group, text
            previous = None
            continue
        if legend is None and LEGEND.search(text) and len(text) < 200 and not _YEAR.search(text):
            legend = text
            continue
        starts = (
            not raw
            or raw[-1][1] != heading
            or previous is None
            or _starts_entry(line, previous, number != previous_page, numbered_list, spacing, numbers)
        )
        if starts:
            numbers.started(line)
        if starts:
            raw.append((number, heading, kind, [line]))
        else:
            raw[-1][3].append(line)
        previous, previous_page = line, number
    raw = _merge_fragments(raw)
    page_of = {id(line): number for number, line in lines}
    entries = tuple(
        dataclasses.replace(
            _entry(page, heading, kind, entry_lines, surnames),
            rect=lines_rect(line for line in entry_lines if page_of.get(id(line)) == page),
        )
        for page, heading, kind, entry_lines in raw
    )
    groups: list[Group] = []
    for entry in entries:
        if groups and groups[-1].heading == entry.heading and groups[-1].kind == entry.group:
            last = groups[-1]
            groups[-1] = Group(last.kind, last.heading, last.page, last.count + 1)
        else:
            groups.append(Group(entry.group, entry.heading, entry.page, 1))
    return PublicationList(
        True,
        pages[0].number if pages else None,
        pages[-1].number if pages else None,
        title,
        entries,
        tuple(groups),
        candidate,
        candidate_from,
        legend,
    )


def group_kind(text: str, line: TextLine | None = None, body_size: float = 0.0) -> str | None:
    """The kind of output a line names when it is a group heading ('Articles dans des revues...'), else None."""
    if len(text) > HEADING_MAX or _NUMBERED.match(text) or _BULLET.match(text):
        return None
    key = strip_numbering(normalise(text))
    key = re.sub(r"\s*[(\[]\s*\d+\s*[)\]]\s*$", "", key).strip(" :.")  # "Articles (12)"
    if not key or len(key.split()) > 12 or key.count(",") > 1 or _URL.search(text):
        return None
    has_year = bool(_YEAR.search(text))
    styled = line is not None and (line.bold or line.size > body_size + 0.5)
    # A year in a heading is "Articles (2019-2024)"; elsewhere, it is an entry ("2022 Séminaire d'équipe").
    if has_year and (not styled or _YEAR.search(re.sub(r"\([^)]*\)", "", text))):
        return None
    if line is not None and not styled:
        # A plain line is a heading only when it reads as one: "Communications", not "(communication orale)."
        stripped = text.strip()
        if not stripped[:1].isupper() or stripped.endswith((".", ",", ";")) or len(key.split()) > 8:
            return None
        if any(char.isdigit() for char in stripped) or "," in stripped:
            return None
    for kind, pattern in _GROUP_PATTERNS:
        if pattern.search(key):
            return kind
    return None


def _merge_fragments(
    raw: list[tuple[int, str | None, str, list[TextLine]]],
) -> list[tuple[int, str | None, str, list[TextLine]]]:
    """A short piece without a year or a number ("ACM CHI.", a venue on its own line) ends the entry before it."""
    merged: list[tuple[int, str | None, str, list[TextLine]]] = []
    for item in raw:
        text = " ".join(line.text.strip() for line in item[3])
        fragment = len(text) < FRAGMENT and not _YEAR.search(text) and not _NUMBERED.match(text)
        if merged and fragment and merged[-1][1] == item[1]:
            merged[-1][3].extend(item[3])
        else:
            merged.append(item)
    return merged


def _title_style(pages: Sequence[PageText], title: str | None) -> tuple[float, bool] | None:
    """The size and weight of the list's own title line, when the list's first page prints it."""
    if not title or not pages:
        return None
    wanted = strip_numbering(normalise(title))
    for line in pages[0].lines[:3]:
        if strip_numbering(normalise(line.text)) == wanted:
            return line.size, line.bold
    return None


def _ends_list(line: TextLine, style: tuple[float, bool]) -> bool:
    """A heading as large and as bold as the list's title that names no group of it: the next part."""
    size, bold = style
    text = line.text.strip()
    if line.size < size - 0.3 or (bold and not line.bold) or not text or len(text.split()) > 8:
        return False
    if _YEAR.fullmatch(text) or not any(char.isalpha() for char in text):
        return False
    return group_kind(text, line, 0.0) in (None, "other")


def _kept(line: TextLine, title: str | None) -> bool:
    text = line.text.strip()
    if not any(char.isalpha() for char in text):
        return False  # page numbers, rules
    return not (title and strip_numbering(normalise(text)) == strip_numbering(normalise(title)))


class _Numbering:
    """The numbers and left edges of the entries started so far: '47. doi:...' continuing '2019;8:33–' is no
    entry 47 after entry 2."""

    def __init__(self, right: float = 0.0) -> None:
        self.last: int | None = None
        self.edges: list[float] = []
        self.right = right
        """The right edge of the list's text block (its lines' furthest end)."""

    def started(self, line: TextLine) -> None:
        self.edges.append(line.x0)
        self.last = _number_of(line.text)

    def accepts(self, line: TextLine, previous: TextLine) -> bool:
        number = _number_of(line.text)
        if number is None or self.last is None:
            return True
        if number in (self.last + 1, self.last - 1, 1):
            return True
        aligned = any(abs(line.x0 - edge) <= 3 for edge in self.edges)
        return aligned and not re.search(r"[-–—,;:(]\s*$", previous.text)


def _number_of(text: str) -> int | None:
    match = re.match(r"^\s*[\[(]?\s*[A-Za-z]{0,2}(\d{1,3})", text)
    return int(match.group(1)) if match and _NUMBERED.match(text) else None


def _starts_entry(
    line: TextLine, previous: TextLine, new_page: bool, numbered: bool, spacing: float, numbers: _Numbering
) -> bool:
    text = line.text
    if _NUMBERED.match(text):
        return numbers.accepts(line, previous)
    if _BULLET.match(text):
        # In a list numbered "[17]", a line opening with a dash continues its entry ("- VECPAR 2006, ...").
        return not (numbers.last is not None and _DASH.match(text))
    if numbered:
        return False
    gap = previous.baseline - line.baseline
    if not new_page and spacing and gap > spacing * 1.45:
        return True
    if line.x0 < previous.x0 - 4:  # hanging indent: the first line sticks out
        return True
    if line.x0 > previous.x0 + 4:  # indented under the line before: its continuation (a title under a date)
        return False
    # A line that ends a reference ("..., 2021.") short of the text block's right edge, or above a little more
    # space than between the lines of an entry, ends its entry.
    if not _ENDS_REFERENCE.search(previous.text.strip()):
        return False
    return previous.x1 < numbers.right - 40 or (not new_page and spacing > 0 and gap > spacing * 1.15)


def _entry(page: int, heading: str | None, kind: str, lines: list[TextLine], surnames: list[str]) -> Entry:
    text = " ".join(" ".join(line.text.split()) for line in lines)
    text = re.sub(r"(\w)- (\w)", r"\1-\2", text)
    without_urls = _URL.sub(" ", text)
    status = STATUS.search(without_urls)
    metrics = tuple(dict.fromkeys(match.group().strip() for match in METRICS.finditer(without_urls)))
    found, marked = _candidate_in(lines, surnames)
    return Entry(
        page=page,
        text=text,
        group=kind,
        heading=heading,
        status=status.group() if status else None,
        candidate=found,
        marked=marked,
        metrics=metrics,
    )


def _candidate_in(lines: list[TextLine], surnames: list[str]) -> tuple[bool, str | None]:
    if not surnames:
        return False, None
    found = False
    all_bold = all(_all_bold(line) for line in lines)
    for line in lines:
        folded = fold(line.text).casefold()
        for surname in surnames:
            for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", folded):
                found = True
                start, end = match.span()
                if not all_bold and all(is_bold_font(line.font_at(i)) for i in range(start, end)):
                    return True, "bold"
                around = line.text[max(0, start - 12) : end + 6]
                if any(sign in around for sign in _MARK) and _sign_touches(line.text, start, end):
                    return True, "sign"
    return found, None


def _sign_touches(text: str, start: int, end: int) -> bool:
    """An asterisk, dagger or hash right after the name (and its initials) or right before it."""
    after = text[end : end + 8]
    before = text[max(0, start - 2) : start]
    return bool(re.match(rf"^(?:[\s,]*(?:[A-Z]\.?-?)+)?\s?[{re.escape(_MARK)}]", after)) or any(
        sign in before for sign in _MARK
    )


def _all_bold(line: TextLine) -> bool:
    if not line.font_runs:
        return line.bold
    return all(is_bold_font(font) for _, font in line.font_runs)


def _body_size(lines: Iterable[TextLine]) -> float:
    sizes = [round(line.size, 1) for line in lines for _ in range(max(1, len(line.text) // 20))]
    return float(_median_low(sizes)) if sizes else 10.0


def _line_spacing(lines: list[tuple[int, TextLine]]) -> float:
    gaps = [
        previous.baseline - line.baseline
        for (page_a, previous), (page_b, line) in itertools.pairwise(lines)
        if page_a == page_b and 0 < previous.baseline - line.baseline < 40
    ]
    return float(_median_low(gaps)) if gaps else 0.0


def _median_low(values: list[float]) -> float:
    """statistics.median_low, without importing statistics (and random, fractions, decimal) with the checks."""
    return sorted(values)[(len(values) - 1) // 2]


# ---------------------------------------------------------------------------------------------- the candidate
def surname_forms(name: str) -> list[str]:
    """The forms of a name's surname to look for, folded and casefolded: 'Claire Dubois' -> ['dubois'];
    'Marie-Anne Le Gall' -> ['le gall', 'gall']; 'DUBOIS Claire' -> ['dubois'] (a surname in capitals wins)."""
    words = [word for word in name.replace(",", " ").split() if not _TITLE_WORDS.match(word)]
    if not words:
        return []
    capitals = [word for word in words if len(word) > 1 and word.isupper()]
    if capitals:
        surname_words = capitals
    elif len(words) == 1:
        surname_words = words
    else:
        surname_words = words[1:]
    forms = [" ".join(surname_words), surname_words[-1]]
    return [form for form in dict.fromkeys(fold(form).casefold() for form in forms) if len(form) >= 2]


def candidate_from_dossier(dossier: Dossier) -> tuple[str | None, str | None]:
    """The candidate's name from a 'Candidat(e) : ...' or 'Nom : ...' line of the cover, else from page 1's
    largest line when it reads as a person's name (a CV's own header); (None, None) when neither gives one."""
    from preflight.sections import cover_pages

    try:
        pages = cover_pages(dossier)
    except Exception:
        return None, None
    for page in pages:
        for line in page.lines:
            match = _CANDIDATE_LABEL.match(line.text.replace("\u00a0", " ").strip())
            if match:
                name = _person(match.group("name"))
                if name:
                    return name, "cover"
    first = pages[:1] or dossier.sections.pages[:1]
    if first and first[0].lines:
        # A CV's header or a cover's "Élodie Durand" line: among the few largest lines of the first page.
        lines = first[0].lines
        biggest = sorted(range(len(lines)), key=lambda i: -lines[i].size)[:4]
        for index in biggest:
            name = _person(lines[index].text)
            following = lines[index + 1] if index + 1 < len(lines) else None
            if name is None and following is not None and abs(following.size - lines[index].size) < 0.1:
                name = _person(f"{lines[index].text} {following.text}")  # "Cléophée" / "Robin" on two lines
            if name:
                return name, "first page"
    return None, None


def _person(text: str) -> str | None:
    """'Dr Claire Dubois' -> 'Dr Claire Dubois' when it reads as a person's name (two to four name words)."""
    text = re.split(r"[,;(|–—]| - ", text, maxsplit=1)[0].strip()
    words = [word for word in text.split() if not _TITLE_WORDS.match(word)]
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(word) for word in words):
        return None
    return " ".join(words)
