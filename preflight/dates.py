"""Date ranges as French and English academic CVs write them.

``2015-2019``, ``2015 – 2019``, ``2015/2019``, ``09/2015 – 08/2019``, ``01/09/2015 - 31/08/2019``,
``sept. 2015 – août 2019``, ``septembre 2015 à juin 2019``, ``de 2012 à 2015``, ``du 1er mars 2015 au
30 juin 2016``, ``depuis 2020``, ``since 2021``, ``2020 – présent / aujourd'hui / auj. / ce jour / en cours``,
``2019–present / current / now / ongoing / to date``, ``Jan 2016 – Mar 2017``, ``2016/09 – now``, a single year
``2014`` written as a date column, and a range split over two lines.

Month names come from a hand table (French and English, with and without accents and dots): python-dateutil
knows only English names, and dateparser is slow to load, fills missing days with today's and splits
"sept. 2015" into two dates when searching text. Years outside ``min_year``..``max_year`` are not dates
(unit codes, page numbers, placeholders), and lines about a birth date are skipped.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from preflight.patterns import lazy_pattern

MIN_YEAR = 1950

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("janvier", "janv", "january", "jan"),
    2: ("février", "fevrier", "févr", "fevr", "fév", "fev", "february", "febr", "feb"),
    3: ("mars", "march", "mar"),
    4: ("avril", "avr", "april", "apr"),
    5: ("mai", "may"),
    6: ("juin", "june", "jun"),
    7: ("juillet", "juill", "juil", "july", "jul"),
    8: ("août", "aout", "aoû", "aou", "august", "aug"),
    9: ("septembre", "september", "sept", "sep"),
    10: ("octobre", "october", "oct"),
    11: ("novembre", "november", "nov"),
    12: ("décembre", "decembre", "déc", "dec", "december"),
}
_FOREIGN_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    # Italian, Spanish and German, as European CVs (Europass) print them. Bare abbreviations that are
    # ordinary words elsewhere ("set", "ago" as in "two years ago") are left out.
    1: ("gennaio", "gen", "enero", "ene", "januar", "jänner"),
    2: ("febbraio", "febrero", "februar"),
    3: ("marzo", "märz", "mär", "maerz"),
    4: ("aprile", "abril", "abr"),
    5: ("maggio", "mag", "mayo"),
    6: ("giugno", "giu", "junio", "juni"),
    7: ("luglio", "lug", "julio", "juli"),
    8: ("agosto",),
    9: ("settembre", "sett", "septiembre", "setiembre"),
    10: ("ottobre", "ott", "octubre", "oktober", "okt"),
    11: ("noviembre",),
    12: ("dicembre", "dic", "diciembre", "dezember", "dez"),
}
_SEASONS: dict[int, tuple[str, ...]] = {
    1: ("winter", "hiver"),
    4: ("spring", "printemps"),
    7: ("summer", "été"),
    10: ("fall", "autumn", "automne"),
}
"""Academic terms ('Fall 2013 – Spring 2014'), read as their middle month."""
MONTHS: dict[str, int] = {
    name: number
    for table in (_MONTH_NAMES, _FOREIGN_MONTH_NAMES, _SEASONS)
    for number, names in table.items()
    for name in names
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

# A month name is a whole word, optionally followed by a dot.
_MONTH = rf"(?<![^\W\d_])(?:{_MONTH_ALT})(?![^\W\d_])\.?"
_DAY = r"\d{1,2}(?:er|st|nd|rd|th)?"

_POINT = lazy_pattern(
    rf"""(?:(?<![\w./:+])|(?<=\b\d{{4}}/)|(?<=/)(?=[^\W\d_]))(?:
        (?P<d1>\d{{1,2}})[./-](?P<m1>\d{{1,2}})[./-](?P<y1>\d{{4}})
      | (?P<y2>\d{{4}})-(?P<m2>\d{{1,2}})-(?P<d2>\d{{1,2}})(?!\d)
      | (?:(?P<d3>{_DAY})\s+)?(?P<mon3>{_MONTH})(?:\s*(?P<d3b>{_DAY}),)?[\s,]*(?P<y3>\d{{4}})
      | (?P<m4>\d{{1,2}})[/.](?P<y4>\d{{4}})
      | (?P<m4b>\d{{2}})-(?P<y4b>\d{{4}})
      | (?P<y5>\d{{4}})/(?P<m5>\d{{1,2}})(?!\d)
      | (?P<y7>\d{{4}})
    )(?!\d|_|(?-i:[a-zà-ÿ])|/(?=\d)(?!\d{{4}})|\.\d)""",
    re.IGNORECASE | re.VERBOSE,
)

_OPEN = lazy_pattern(
    r"""(?:(?:à|a|to|till|until|jusqu'à|jusqu'a)\s+)?(?:
        présent | present | à\s+présent | aujourd'hui | aujourdhui | auj\b\.? | ce\s+jour | nos\s+jours
      | actuel(?:lement)?\b | en\s+cours | maintenant | current(?:ly)?\b | now\b | today\b | ongoing\b
      | the\s+present
    ) | (?:to|till|until|à|a|jusqu'à)\s+date\b""",
    re.IGNORECASE | re.VERBOSE,
)
_SEPARATOR = lazy_pattern(
    r"\s*(?:-|/|(?:jusqu'en|jusqu'à|jusqu'au|through|until|till|thru|au|à|a|to)\b)\s*"
    r"(?:(?:exp|expected|prévu|prévue|prev|est|estimated)\.?\s+)?",
    re.IGNORECASE,
)
_TO_DATE = lazy_pattern(r"\s*(?:to|till|until|à|a|jusqu'à)\s+date\b", re.IGNORECASE)
_SEPARATOR_WORDS = lazy_pattern(r"\s*(?:-|à|a|au|to|until|till|jusqu'en|jusqu'à|jusqu'au)\s*$", re.IGNORECASE)
_BETWEEN_SEPARATOR = lazy_pattern(r"\s*(?:et|and)\s*", re.IGNORECASE)
_LIST_JOINER = lazy_pattern(r"\s*(?:,|&|et\b|and\b)\s*", re.IGNORECASE)
_BETWEEN_PREFIX = lazy_pattern(r"(?:entre|between)\s*$", re.IGNORECASE)
_OPEN_PREFIX = lazy_pattern(
    r"(?:depuis|since|dès|from|starting|à\s+partir\s+d[eu']|a\s+partir\s+d[eu'])\s*(?:le\s+|l'|en\s+|in\s+)?$",
    re.IGNORECASE,
)
_MONTH_ONLY_BEFORE = lazy_pattern(rf"(?P<mon>{_MONTH})\s*(?:-|à|au|to)\s*$", re.IGNORECASE)
_MONTH_PAIR = lazy_pattern(r"(?<![\d/.:-])(?P<m1>\d{2})\s*-\s*(?P<m2>\d{2})\s+(?P<y>\d{4})(?![\d/.-])")
"""'08–09 2012': months 8 to 9 of 2012, as moderncv-style CVs print short jobs."""
_MONTH_NAME_PAIR = lazy_pattern(rf"^[\s•·▪◦‣*>|(]*(?P<mon1>{_MONTH})\s*-\s*(?P<mon2>{_MONTH})[\s,:)]*$", re.IGNORECASE)
"""A line that is only 'janv. – juin': the year is on the next line (a narrow date column)."""
_TABLE_GAP = lazy_pattern(r"[ \t]+")
_OPEN_CELL = lazy_pattern(r"[ \t]+(?:\.{3}|…)(?!\S)")
"""'01/09/2019  ...': an ongoing row of a career table (Date début | Date fin)."""
_IMPLAUSIBLE_NEXT = lazy_pattern(r"\d{4}(?!\d)")
_SHORT_RANGE = lazy_pattern(r"(?<![\w./:+-])(?P<y>\d{4})[-/](?P<s>\d{2})(?![\w/]|\.\d)")
_SKIP_LINE = lazy_pattern(
    # The candidate's own birth date only: "congé de maternité, naissance de ..." is a leave, not a birth date.
    r"\b(?:née?s?\s+(?:le|en|à|in|on)|born|(?:date|lieu)\s+(?:et\s+lieu\s+)?de\s+naissance|date\s+of\s+birth"
    r"|birth\s*date|birthday|geboren|data\s+di\s+nascita|fecha\s+de\s+nacimiento)\b"
    r"|©|\(c\)\s*\d{4}|\bcopyright\b|europass\.cedefop|\b(?:unione\s+europea|european\s+union|union\s+europ[ée]enne)\s*,",
    re.IGNORECASE,
)
_BULLETS = " •·▪◦‣*>|"
_HEAD_SEPARATOR = lazy_pattern(r"\s*-\s*")
_LEAD_NOISE = r"[\s•·▪◦‣\-–*>|:(\[]*"
_TRAIL_NOISE = lazy_pattern(r"[\s.,;:)\]|]*$")
_LEAD_NOISE_RE = lazy_pattern(rf"^{_LEAD_NOISE}$")

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad\ufe58\ufe63\uff0d"), "-")
_SPACES = dict.fromkeys(map(ord, "\t\r\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a"), " ")
_QUOTES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u00b4`"), "'")
_TRANSLATION = {**_DASHES, **_SPACES, **_QUOTES}
_TRANSLATED = lazy_pattern("[" + re.escape("".join(map(chr, _TRANSLATION))) + "]")
_DASH_RUN = lazy_pattern(r"-{2,}")
_DIGIT = lazy_pattern(r"\d")


@functools.lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """One spelling for dashes, spaces and apostrophes, so the patterns stay readable.

    Cached, and translated only when a character to translate is there: the section finder, the
    chronology and the checks normalise the same lines, and str.translate looks up every character."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if _TRANSLATED.search(text):
        text = text.translate(_TRANSLATION)
    return _DASH_RUN.sub("-", text) if "--" in text else text


@dataclass(frozen=True, slots=True, order=True)
class YearMonth:
    year: int
    month: int

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> YearMonth:
        return cls(index // 12, index % 12 + 1)

    @classmethod
    def parse(cls, text: str) -> YearMonth:
        """'2026-11' or '2026-11-24'."""
        match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", text.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"expected a date as YYYY-MM, got {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def today(cls) -> YearMonth:
        now = datetime.date.today()
        return cls(now.year, now.month)

    def __str__(self) -> str:
        return f"{self.month:02d}/{self.year}"


@dataclass(frozen=True, slots=True)
class DatePoint:
    """One end of a range, as precise as it was written."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    @property
    def first_month(self) -> YearMonth:
        return YearMonth(self.year, self.month or 1)

    @property
    def last_month(self) -> YearMonth:
        return YearMonth(self.year, self.month or 12)

    def __str__(self) -> str:
        if self.day is not None and self.month is not None:
            return f"{self.day:02d}/{self.month:02d}/{self.year}"
        return f"{self.month:02d}/{self.year}" if self.month is not None else str(self.year)


@dataclass(frozen=True, slots=True)
class DateRange:
    """A period: ``end`` is None for an open range (ongoing); a single year has ``start == end``."""

    start: DatePoint
    end: DatePoint | None
    text: str = ""
    span: tuple[int, int] = (0, 0)
    """Where ``text`` is in the normalised line (or in the first of two lines for a split range); for a year
    of a list ('2011, 2013'), where the whole list is."""

    @property
    def is_open(self) -> bool:
        return self.end is None

    @property
    def is_single(self) -> bool:
        return self.end == self.start

    @property
    def first_month(self) -> YearMonth:
        return self.start.first_month

    def last_month(self, as_of: YearMonth) -> YearMonth:
        """The last month covered; an open range runs to ``as_of`` (never before its own start)."""
        if self.end is None:
            return max(as_of, self.first_month)
        return self.end.last_month

    def __str__(self) -> str:
        if self.end is None:
            return f"{self.start}–present"
        if self.is_single:
            return str(self.start)
        return f"{self.start}–{self.end}"


@dataclass(frozen=True, slots=True)
class FoundRange:
    """A range found in a list of lines: ``line`` is where it starts, ``end_line`` where it ends."""

    line: int
    end_line: int
    range: DateRange


def is_skipped_line(text: str) -> bool:
    """A birth date or a copyright notice: its years are not activity."""
    return bool(_SKIP_LINE.search(normalize(text)))


@dataclass(frozen=True, slots=True)
class _Point:
    start: int
    end: int
    point: DatePoint


def _points(line: str, min_year: int, max_year: int) -> list[_Point]:
    found: list[_Point] = []
    for match in _POINT.finditer(line):
        group = match.groupdict()
        year_text = next(group[key] for key in ("y1", "y2", "y3", "y4", "y4b", "y5", "y7") if group[key])
        year = int(year_text)
        if not min_year <= year <= max_year:
            continue
        month: int | None = None
        day: int | None = None
        if group["mon3"]:
            month = MONTHS[group["mon3"].rstrip(".").lower()]
            day_text = group["d3"] or group["d3b"]
            day = int(re.sub(r"\D", "", day_text)) if day_text else None
        else:
            month_text = group["m1"] or group["m2"] or group["m4"] or group["m4b"] or group["m5"]
            month = int(month_text) if month_text else None
            day_text = group["d1"] or group["d2"]
            day = int(day_text) if day_text else None
        if month is not None and not 1 <= month <= 12:
            continue
        if day is not None and not 1 <= day <= 31:
            day = None
        if _after_rejected_number(line, match.start(), found):
            continue
        found.append(_Point(match.start(), match.end(), DatePoint(year, month, day)))
    return found


def _after_rejected_number(line: str, start: int, accepted: list[_Point]) -> bool:
    """'1990-1998' in '512:1990-1998' is a page range: its first number was not a date, so neither is the second."""
    before = line[:start].rstrip()
    if not before.endswith("-") or not before[:-1].rstrip()[-1:].isdigit():
        return False
    end_of_number = len(before[:-1].rstrip())
    return not any(point.end == end_of_number for point in accepted)


@dataclass
class _LineScan:
    text: str
    ranges: list[DateRange]
    singles: list[DateRange]
    tail_open: _Point | None = None
    """The line ends with a date and a dash: '2015 –'."""
    tail_bare: _Point | None = None
    """The line ends with a date alone, not in a range: '... 2015'."""
    dangling: _Point | None = None
    """A date, a dash, then words and no end date: '2017 – Product Manager, Google'."""
    head_point: _Point | None = None
    """The line starts with a date that is not the start of a range on this line."""
    head_open: re.Match[str] | None = None
    """The line starts with an open-end word: 'Present ...'."""
    head_sep_point: _Point | None = None
    """The line starts with a dash and a date: '– 2019 ...'."""
    head_sep_open: re.Match[str] | None = None
    month_name_pair: tuple[int, int] | None = None
    """The line is only two month names: 'janv. – juin' (the year follows on the next line)."""


def _ordered(start: DatePoint, end: DatePoint) -> bool:
    return end.last_month >= start.first_month


def _max_year(max_year: int | None) -> int:
    return max_year if max_year is not None else datetime.date.today().year + 1


def _scan_line(raw: str, min_year: int, max_year: int) -> _LineScan:
    line = normalize(raw)
    scan = _LineScan(line, [], [])
    if _SKIP_LINE.search(line):
        return scan
    has_digits = _DIGIT.search(line) is not None
    points = _points(line, min_year, max_year) if has_digits else []
    if not has_digits:
        pair = _MONTH_NAME_PAIR.match(line)
        if pair:
            scan.month_name_pair = (
                MONTHS[pair.group("mon1").rstrip(".").lower()],
                MONTHS[pair.group("mon2").rstrip(".").lower()],
            )
    month_pairs = {match.start("y"): match for match in _MONTH_PAIR.finditer(line)} if has_digits else {}
    in_range: set[int] = set()
    for index, point in enumerate(points):
        if index in in_range:
            continue
        pair_match = month_pairs.get(point.start)
        if pair_match is not None and point.point.precision == "year":
            first_month, last_month = int(pair_match.group("m1")), int(pair_match.group("m2"))
            if 1 <= first_month <= 12 and 1 <= last_month <= 12:
                year = point.point.year
                start_year = year if first_month <= last_month else year - 1
                in_range.add(index)
                span = (pair_match.start(), pair_match.end())
                scan.ranges.append(
                    DateRange(
                        DatePoint(start_year, first_month), DatePoint(year, last_month), line[span[0] : span[1]], span
                    )
                )
                continue
        after = points[index + 1] if index + 1 < len(points) else None
        if point.point.precision != "year":
            # Career tables put start and end in two columns: '01/09/2015   31/08/2019' or '01/09/2019  ...'.
            cell_gap = _TABLE_GAP.match(line, point.end)
            if (
                cell_gap
                and after is not None
                and after.start == cell_gap.end()
                and after.point.precision != "year"
                and _ordered(point.point, after.point)
            ):
                in_range.update((index, index + 1))
                span = (point.start, after.end)
                scan.ranges.append(DateRange(point.point, after.point, line[span[0] : span[1]], span))
                continue
            open_cell = _OPEN_CELL.match(line, point.end)
            if open_cell:
                in_range.add(index)
                span = (point.start, open_cell.end())
                scan.ranges.append(DateRange(point.point, None, line[span[0] : span[1]], span))
                continue
        sep = _SEPARATOR.match(line, point.end)
        if sep and _IMPLAUSIBLE_NEXT.match(line, sep.end()) and (after is None or after.start != sep.end()):
            continue  # '2015 - 2035': the end is not a date, so the start is no entry either
        between = _BETWEEN_PREFIX.search(line, 0, point.start) and _BETWEEN_SEPARATOR.match(line, point.end)
        joiner = sep or between
        if joiner and after is not None and after.start == joiner.end():
            in_range.update((index, index + 1))
            if _ordered(point.point, after.point):
                span = (point.start, after.end)
                scan.ranges.append(DateRange(point.point, after.point, line[span[0] : span[1]], span))
            # else '2019 - 2015': one of the years is mistyped; neither is a date to trust
            continue
        if sep and sep.group().strip() != "/":
            open_end = _OPEN.match(line, sep.end()) or _TO_DATE.match(line, point.end)
            if open_end:
                in_range.add(index)
                span = (point.start, open_end.end())
                scan.ranges.append(DateRange(point.point, None, line[span[0] : span[1]], span))
                continue
        month_only = _MONTH_ONLY_BEFORE.search(line, 0, point.start)
        if month_only and point.point.month is not None:
            month = MONTHS[month_only.group("mon").rstrip(".").lower()]
            year = point.point.year if month <= point.point.month else point.point.year - 1
            in_range.add(index)
            span = (month_only.start(), point.end)
            scan.ranges.append(DateRange(DatePoint(year, month), point.point, line[span[0] : span[1]], span))
            continue
        prefix = _OPEN_PREFIX.search(line, 0, point.start)
        if prefix:
            in_range.add(index)
            span = (prefix.start(), point.end)
            scan.ranges.append(DateRange(point.point, None, line[span[0] : span[1]], span))
            continue
        if sep and "-" in sep.group() and not line[sep.end() :].strip():
            in_range.add(index)
            scan.tail_open = point
            continue
        if sep and "-" in sep.group() and after is None and line[sep.end() :].strip():
            scan.dangling = point
        if (point.point.precision == "year" and _stands_alone(line, point)) or (
            point.point.precision == "month" and _LEAD_NOISE_RE.match(line[: point.start]) and not sep
        ):  # a date column: 'juin 2003  Diplôme d'ingénieur', 'Printemps 2019 : stage ...'
            span = (point.start, point.end)
            scan.singles.append(DateRange(point.point, point.point, line[span[0] : span[1]], span))
    if len(points) > 1:
        _listed_years(line, points, in_range, scan)
    last = len(points) - 1
    if points and last not in in_range and not line[points[last].end :].strip(" .,;:)]|"):
        scan.tail_bare = points[last]
    if has_digits:
        _short_ranges(line, min_year, max_year, scan)
    if points and 0 not in in_range and _LEAD_NOISE_RE.match(line[: points[0].start]):
        scan.head_point = points[0]
    stripped = len(line) - len(line.lstrip(_BULLETS))
    scan.head_open = _OPEN.match(line, stripped)
    head_sep = _HEAD_SEPARATOR.match(line, stripped)
    if head_sep:
        first = points[0] if points else None
        if first is not None and first.start == head_sep.end():
            scan.head_sep_point = first
            scan.head_point = None
        else:
            scan.head_sep_open = _OPEN.match(line, head_sep.end())
    return scan


def _listed_years(line: str, points: list[_Point], in_range: set[int], scan: _LineScan) -> None:
    """Every year of a list of years that stands alone as a date column (or whose first or last year does)
    is an entry: '2019, 2021 Fête de la science' is 2019 and 2021 (not 2019 to 2021), and so are
    'Tutorat 2011, 2013', '2011 et 2013 : tutorat' and 'Monitorat, 2015 et 2016'."""
    alone = {single.span[0] for single in scan.singles}
    chains: list[list[_Point]] = [[]]
    for index, point in enumerate(points):
        if index in in_range or point.point.precision != "year":
            chains.append([])  # a range or a month ends the list
        elif chains[-1] and _LIST_JOINER.fullmatch(line, chains[-1][-1].end, point.start):
            chains[-1].append(point)
        else:
            chains.append([point])
    for chain in chains:
        if len(chain) < 2:
            continue
        first, last = chain[0], chain[-1]
        if {first.start, last.start} & alone or _span_stands_alone(line, first.start, last.end):
            # Each year spans the whole list, so that the entry's label is the line without any of its years.
            span = (first.start, last.end)
            listed = {year.start for year in chain}
            scan.singles = [single for single in scan.singles if single.span[0] not in listed]
            scan.singles.extend(DateRange(year.point, year.point, line[year.start : year.end], span) for year in chain)
    scan.singles.sort(key=lambda single: single.span)


def _short_ranges(line: str, min_year: int, max_year: int, scan: _LineScan) -> None:
    """School years such as '2015-16' or '2015/16'."""
    for match in _SHORT_RANGE.finditer(line):
        year = int(match.group("y"))
        short = int(match.group("s"))
        if short != (year + 1) % 100 or not min_year <= year < max_year:
            continue
        if "/" in match.group() and 1 <= short <= 12:
            continue  # '2010/11' is November 2010, as in '2016/09 - now'; '2010-11' and '2015/16' are school years
        if any(r.span[0] <= match.start() < r.span[1] for r in scan.ranges):
            continue
        scan.singles = [s for s in scan.singles if not match.start() <= s.span[0] < match.end()]
        scan.ranges.append(DateRange(DatePoint(year), DatePoint(year + 1), match.group(), (match.start(), match.end())))


def _stands_alone(line: str, point: _Point) -> bool:
    """A lone year counts as an entry when it is a date column: at the start of the line, or at its end
    after a comma, a bracket or a dash ('Master 2, Paris, 2014', 'Master 2 (2014)'), not in a sentence
    ('... revenue in 2015')."""
    return _span_stands_alone(line, point.start, point.end)


def _span_stands_alone(line: str, start: int, end: int) -> bool:
    """_stands_alone for the text from ``start`` to ``end``: a year, or a list of years."""
    before = line[:start]
    after = line[end:]
    if _LEAD_NOISE_RE.match(before):
        return True
    if not _TRAIL_NOISE.fullmatch(after):
        return False
    return before.rstrip()[-1:] in (",", "(", "[", ":", "-", "|", "/", ";") or before.endswith("   ")


def find_ranges(text: str, *, min_year: int = MIN_YEAR, max_year: int | None = None) -> list[DateRange]:
    """Every range and lone year in one line, in order of position."""
    scan = _scan_line(text, min_year, _max_year(max_year))
    found = scan.ranges + scan.singles
    return sorted(found, key=lambda item: item.span)


def parse_range(text: str, *, min_year: int = MIN_YEAR, max_year: int | None = None) -> DateRange | None:
    """The first range in a short text ('sept. 2015 – août 2019'), lines joined; None if there is none."""
    found = scan_lines(text.splitlines() or [""], min_year=min_year, max_year=max_year)
    return found[0].range if found else None


def scan_lines(
    lines: Sequence[str],
    *,
    columns: Sequence[float] | None = None,
    min_year: int = MIN_YEAR,
    max_year: int | None = None,
) -> list[FoundRange]:
    """Every range and lone year in a sequence of lines, joining ranges split over two lines.

    ``columns`` (each line's left x, when known) keeps the riskier join, a date and a dash followed by
    words and then 'Present' on the next line, to lines that start in the same column.
    """
    top = _max_year(max_year)
    scans = [_scan_line(line, min_year, top) for line in lines]
    found: list[FoundRange] = []
    taken: dict[int, set[int]] = {}
    """Per line, where the lone years that a split range used start: they are not entries of their own."""
    for index, scan in enumerate(scans):
        found.extend(FoundRange(index, index, item) for item in scan.ranges)
        if index + 1 < len(scans):
            joined = _join(scan, scans[index + 1], index, columns)
            if joined is not None:
                item, used_next = joined
                found.append(FoundRange(index, index + 1, item))
                taken.setdefault(index, set()).add(item.span[0])
                if used_next is not None:
                    taken.setdefault(index + 1, set()).add(used_next)
    for index, scan in enumerate(scans):
        skip = taken.get(index, set())
        found.extend(FoundRange(index, index, item) for item in scan.singles if item.span[0] not in skip)
    return sorted(found, key=lambda item: (item.line, item.range.span))


def _join(
    scan: _LineScan, following: _LineScan, index: int, columns: Sequence[float] | None
) -> tuple[DateRange, int | None] | None:
    """A range that starts on this line and ends on the next, and where the next line's date starts."""
    if scan.tail_open is not None:
        start = scan.tail_open
        span = (start.start, len(scan.text))
        text = scan.text[start.start :].strip()
        head = following.head_point
        if head is not None and _ordered(start.point, head.point):
            return DateRange(start.point, head.point, f"{text} {following.text[: head.end].strip()}", span), head.start
        if following.head_open is not None:
            return DateRange(start.point, None, f"{text} {following.head_open.group().strip()}", span), None
    if scan.tail_bare is not None:
        start = scan.tail_bare
        span = (start.start, len(scan.text))
        text = scan.text[start.start :].strip()
        head = following.head_sep_point
        if head is not None and _ordered(start.point, head.point):
            return DateRange(start.point, head.point, f"{text} {following.text[: head.end].strip()}", span), head.start
        if following.head_sep_open is not None:
            return DateRange(start.point, None, f"{text} {following.head_sep_open.group().strip()}", span), None
    if scan.month_name_pair is not None and following.head_point is not None:
        head = following.head_point
        if head.point.precision == "year":
            first_month, last_month = scan.month_name_pair
            year = head.point.year
            start_year = year if first_month <= last_month else year - 1
            text = f"{scan.text.strip()} {following.text[: head.end].strip()}"
            return DateRange(
                DatePoint(start_year, first_month), DatePoint(year, last_month), text, (0, len(scan.text))
            ), head.start
    same_column = columns is None or abs(columns[index] - columns[index + 1]) < 24
    if scan.dangling is not None and following.head_open is not None and same_column:
        start = scan.dangling
        text = f"{scan.text[start.start : start.end]} – {following.head_open.group().strip()}"
        return DateRange(start.point, None, text, (start.start, start.end)), None
    return None
