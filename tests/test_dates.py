"""The date-range parser: a table of French and English expressions, and round trips of random ranges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from preflight.dates import DatePoint, DateRange, YearMonth, find_ranges, is_skipped_line, parse_range, scan_lines

MAX_YEAR = 2027


def show(point: DatePoint | None) -> str:
    if point is None:
        return ""
    text = f"{point.year:04d}"
    if point.month is not None:
        text += f"-{point.month:02d}"
    if point.day is not None:
        text += f"-{point.day:02d}"
    return text


def describe(found: DateRange | None) -> str | None:
    """'2015-09..2019-08'; an open range has nothing after '..'."""
    if found is None:
        return None
    return f"{show(found.start)}..{show(found.end)}"


TABLE = [
    # year ranges and every dash
    ("2015-2019", "2015..2019"),
    ("2015 – 2019", "2015..2019"),
    ("2015 — 2019", "2015..2019"),
    ("2015‐2019", "2015..2019"),
    ("2015‑2019", "2015..2019"),
    ("2015‒2019", "2015..2019"),
    ("2015―2019", "2015..2019"),
    ("2015 -- 2019", "2015..2019"),
    ("2015\u00ad2019", "2015..2019"),
    ("2015/2019", "2015..2019"),
    ("2015 / 2018", "2015..2018"),
    ("2015-16", "2015..2016"),
    ("2015/16", "2015..2016"),
    ("2010-11", "2010..2011"),
    ("2010/11 - 2012/06", "2010-11..2012-06"),
    # words
    ("de 2012 à 2015", "2012..2015"),
    ("De 2012 a 2015", "2012..2015"),
    ("from 2012 to 2015", "2012..2015"),
    ("2012 to 2015", "2012..2015"),
    ("entre 2012 et 2015", "2012..2015"),
    ("between 2012 and 2015", "2012..2015"),
    ("2012 jusqu'en 2015", "2012..2015"),
    # numeric months and days
    ("09/2015 – 08/2019", "2015-09..2019-08"),
    ("09/2015–08/2019", "2015-09..2019-08"),
    ("9/2015 - 8/2019", "2015-09..2019-08"),
    ("09.2015 - 08.2019", "2015-09..2019-08"),
    ("2016/09 - 2018/06", "2016-09..2018-06"),
    ("01/09/2015 - 31/08/2019", "2015-09-01..2019-08-31"),
    ("01.09.2015 – 31.08.2019", "2015-09-01..2019-08-31"),
    ("du 01/09/2015 au 31/08/2019", "2015-09-01..2019-08-31"),
    # French month names, with and without accents and dots
    ("sept. 2015 – août 2019", "2015-09..2019-08"),
    ("septembre 2015 à juin 2019", "2015-09..2019-06"),
    ("janv. 2016 – févr. 2017", "2016-01..2017-02"),
    ("janvier 2016 - fevrier 2017", "2016-01..2017-02"),
    ("fév. 2016 - avr. 2017", "2016-02..2017-04"),
    ("mars 2015 – mai 2016", "2015-03..2016-05"),
    ("juin 2014 - juil. 2015", "2014-06..2015-07"),
    ("juill. 2014 - aout 2015", "2014-07..2015-08"),
    ("juillet 2014 – déc. 2015", "2014-07..2015-12"),
    ("oct. 2010 – nov. 2012", "2010-10..2012-11"),
    ("octobre 2010 à décembre 2012", "2010-10..2012-12"),
    ("Novembre 2010 - Decembre 2012", "2010-11..2012-12"),
    ("AOÛT 2011 - SEPT. 2013", "2011-08..2013-09"),
    ("du 1er mars 2015 au 30 juin 2016", "2015-03-01..2016-06-30"),
    ("sept.–déc. 2015", "2015-09..2015-12"),
    ("nov. 2015 – févr. 2016", "2015-11..2016-02"),
    ("mars–juin 2016", "2016-03..2016-06"),
    # English month names
    ("Jan 2016 – Mar 2017", "2016-01..2017-03"),
    ("January 2016 - March 2017", "2016-01..2017-03"),
    ("Feb. 2016 – Apr. 2017", "2016-02..2017-04"),
    ("Aug 2008 – July 2012", "2008-08..2012-07"),
    ("June 2014 – Sep 2014", "2014-06..2014-09"),
    ("Sept 1993 – June 1997", "1993-09..1997-06"),
    ("Mar. 2010 \u00ad Aug. 2017", "2010-03..2017-08"),
    ("Mar. 2016 - Exp. Jun. 2017", "2016-03..2017-06"),
    ("Oct 2015 through Dec 2016", "2015-10..2016-12"),
    ("October 1, 2015 - December 31, 2016", "2015-10-01..2016-12-31"),
    # academic terms
    ("Fall 2013 – Spring 2014", "2013-10..2014-04"),
    ("automne 2013 - printemps 2014", "2013-10..2014-04"),
    # open ends
    ("depuis 2020", "2020.."),
    ("Depuis septembre 2020", "2020-09.."),
    ("since 2021", "2021.."),
    ("Since March 2021", "2021-03.."),
    ("à partir de 2022", "2022.."),
    ("2020 – présent", "2020.."),
    ("2020 - present", "2020.."),
    ("2020 – aujourd'hui", "2020.."),
    ("2020 – aujourd’hui", "2020.."),
    ("2019-auj.", "2019.."),
    ("2021 – ce jour", "2021.."),
    ("2021 à ce jour", "2021.."),
    ("2020 – en cours", "2020.."),
    ("2020 - actuellement", "2020.."),
    ("2019–present", "2019.."),
    ("2019 – PRESENT", "2019.."),
    ("2019 – current", "2019.."),
    ("2019 - now", "2019.."),
    ("2019 – ongoing", "2019.."),
    ("2019 to date", "2019.."),
    ("Jan 2019 – current", "2019-01.."),
    ("July 2012 – Ongoing", "2012-07.."),
    ("2016/09 - now", "2016-09.."),
    ("sept. 2019 – en cours", "2019-09.."),
    # a single year as a date column
    ("2014", "2014..2014"),
    ("2014 Master 2 Immunologie", "2014..2014"),
    ("2014 : Master 2", "2014..2014"),
    ("Master 2 (2014)", "2014..2014"),
    ("Master 2 Immunologie, Université Paris Cité, 2014", "2014..2014"),
    # inside a longer line
    ("Postdoc, Institut Pasteur, Paris, 2015–2019, équipe X", "2015..2019"),
    ("z Oct 2001 – July 2005 * Palo Alto, CA", "2001-10..2005-07"),
    ("sept. 2015 – août 2019Doctorat", "2015-09..2019-08"),
    # month pairs, career-table columns, seasons, Italian, Spanish and German months
    ("08–09 2012 LITIS Lab/Université du Havre", "2012-08..2012-09"),
    ("11-02 2015 Stage", "2014-11..2015-02"),
    ("01/09/2015   31/08/2019   Université de Lille   ATER", "2015-09-01..2019-08-31"),
    ("09/2015 08/2019 Inserm U1016 Postdoc", "2015-09..2019-08"),
    ("01/09/2019  ...  Inserm U1016  Chargée de recherche", "2019-09-01.."),
    ("Printemps 2019 : stage au CNRS", "2019-04..2019-04"),
    ("settembre 1988 - luglio 1993", "1988-09..1993-07"),
    ("enero 2010 – diciembre 2012", "2010-01..2012-12"),
    ("Oktober 2016 – März 2018", "2016-10..2018-03"),
    ("congé de maternité (naissance de Léa), 2019-2020", "2019..2020"),
    # not activity
    ("né le 12/03/1985", None),
    ("Née le 3 mars 1986 à Lyon", None),
    ("Born 1985 in Leeds", None),
    ("Date de naissance : 03/04/1988", None),
    ("2333/23 – 2333/23", None),
    ("1867 – 1889", None),
    ("2015 - 2035", None),
    ("year--year", None),
    ("Inserm U1016, UMR 8104", None),
    ("© European Union, 2002-2013 | http://europass.cedefop.europa.eu", None),
    ("Nature 512:1990-1998", None),
    ("CV compiled on 2018-12-02", None),
    ("February 10, 2026", None),
    ("Sept. 2013", "2013-09..2013-09"),
    ("in Sept. 2013 we moved", None),
    ("revenue grew in 2015", None),
    ("1990s", None),
    ("Smith et al. 2015a", None),
    ("2019 - 2015", None),
]


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_table(text: str, expected: str | None) -> None:
    assert describe(parse_range(text, max_year=MAX_YEAR)) == expected


def test_table_is_large_enough() -> None:
    assert len(TABLE) >= 60


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["2017 –", "Present", "Product Manager, Google"], "2017.."),
        (["2017 –", "présent"], "2017.."),
        (["sept. 2015 –", "août 2019 Doctorat"], "2015-09..2019-08"),
        (["Postdoc, Inserm, 2015", "– 2019"], "2015..2019"),
        (["Postdoc, Inserm, 2015", "- aujourd'hui"], "2015.."),
        (["2017 – Product Manager, Google", "Present Leading teams"], "2017.."),
    ],
)
def test_range_split_over_two_lines(lines: list[str], expected: str) -> None:
    found = scan_lines(lines, max_year=MAX_YEAR)
    assert [describe(item.range) for item in found] == [expected]
    assert (found[0].line, found[0].end_line) == (0, 1)


def test_a_month_range_whose_year_is_on_the_next_line() -> None:
    found = scan_lines(["janv.–juin", "2020", "ATER, Université de Bordeaux"], max_year=MAX_YEAR)
    assert [(item.line, item.end_line, describe(item.range)) for item in found] == [(0, 1, "2020-01..2020-06")]
    found = scan_lines(["nov. – févr.", "2016"], max_year=MAX_YEAR)
    assert [describe(item.range) for item in found] == ["2015-11..2016-02"]


def test_lines_each_with_a_year_are_not_joined() -> None:
    found = scan_lines(["2014 - Master", "2015 - Doctorat"], max_year=MAX_YEAR)
    assert [(item.line, describe(item.range)) for item in found] == [(0, "2014..2014"), (1, "2015..2015")]


def test_split_join_respects_columns() -> None:
    lines = ["2017 – Product Manager, Google", "Present Leading teams"]
    found = scan_lines(lines, columns=[100.0, 300.0], max_year=MAX_YEAR)
    assert [describe(item.range) for item in found] == ["2017..2017"]


def test_several_ranges_in_one_line() -> None:
    found = find_ranges("Sep. 2013, Mar. 2011 – Oct. 2011; 2014-2016", max_year=MAX_YEAR)
    # 'Sep. 2013' first on the line is a one-month engagement of its own
    assert [describe(item) for item in found] == ["2013-09..2013-09", "2011-03..2011-10", "2014..2016"]


def test_min_year_is_configurable() -> None:
    assert parse_range("1940 - 1945", min_year=1900, max_year=MAX_YEAR) is not None
    assert parse_range("1940 - 1945", max_year=MAX_YEAR) is None


def test_skipped_lines() -> None:
    assert is_skipped_line("Née le 3 mars 1986")
    assert is_skipped_line("Date of birth: 1 May 1990")
    assert is_skipped_line("© Unione europea, 2002-2013 | http://europass.cedefop.europa.eu")
    # the same footer whose '©' comes out as another glyph
    assert is_skipped_line("c\ufffdUnione europea, 2002-2013 | http://europass.cedefop.europa.eu Pagina 1 / 3")
    assert not is_skipped_line("Postdoc, 2015–2019")
    assert not is_skipped_line("Nées de la recherche : 2015–2019")
    assert is_skipped_line("Date et lieu de naissance : 03/04/1988, Lyon")
    assert not is_skipped_line("Congé de maternité, naissance de ma fille, 2019")


def test_months_covered() -> None:
    year_only = parse_range("2013 - 2015", max_year=MAX_YEAR)
    assert year_only is not None
    assert (year_only.first_month, year_only.last_month(YearMonth(2026, 11))) == (
        YearMonth(2013, 1),
        YearMonth(2015, 12),
    )
    opened = parse_range("depuis mars 2020", max_year=MAX_YEAR)
    assert opened is not None
    assert opened.last_month(YearMonth(2026, 11)) == YearMonth(2026, 11)
    # an open range that starts after as_of covers its first month only
    assert opened.last_month(YearMonth(2019, 1)) == YearMonth(2020, 3)


def test_year_month_parse() -> None:
    assert YearMonth.parse("2026-11") == YearMonth(2026, 11)
    assert YearMonth.parse("2026-11-24") == YearMonth(2026, 11)
    with pytest.raises(ValueError, match="YYYY-MM"):
        YearMonth.parse("11/2026")
    with pytest.raises(ValueError):
        YearMonth.parse("2026-13")


# ---------------------------------------------------------------- round trips

FR_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
FR_MONTHS_LONG = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre",
]  # fmt: skip
FR_MONTHS_PLAIN = ["janv", "fevr", "mars", "avr", "mai", "juin", "juil", "aout", "sept", "oct", "nov", "dec"]
EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
EN_MONTHS_LONG = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
]  # fmt: skip
MONTH_TABLES = [FR_MONTHS, FR_MONTHS_LONG, FR_MONTHS_PLAIN, EN_MONTHS, EN_MONTHS_LONG]
SEPARATORS = ["-", " - ", " – ", "–", " — ", "\u2011", " \u2010 ", " à ", " au ", " to ", "/"]
OPEN_WORDS = ["présent", "aujourd'hui", "aujourd’hui", "auj.", "ce jour", "en cours", "present", "Present",
              "current", "now", "ongoing", "Ongoing"]  # fmt: skip


@st.composite
def month_range(draw: st.DrawFn) -> tuple[int, int, int, int]:
    start_year = draw(st.integers(1950, 2025))
    end_year = draw(st.integers(start_year, 2026))
    start_month = draw(st.integers(1, 12))
    end_month = draw(st.integers(start_month if end_year == start_year else 1, 12))
    return start_year, start_month, end_year, end_month


def render_point(year: int, month: int, style: int, table: list[str]) -> str:
    if style == 0:
        return f"{table[month - 1]} {year}"
    if style == 1:
        return f"{month:02d}/{year}"
    if style == 2:
        return f"{month}/{year}"
    if style == 3:
        return f"{year}/{month:02d}"
    return f"01/{month:02d}/{year}"


@given(
    month_range(),
    st.integers(0, 4),
    st.sampled_from(MONTH_TABLES),
    st.sampled_from(SEPARATORS),
    st.sampled_from(["", "Postdoc, Inserm U1016 ", "Doctorat : ", "• "]),
)
def test_month_ranges_round_trip(
    dates: tuple[int, int, int, int], style: int, table: list[str], sep: str, prefix: str
) -> None:
    start_year, start_month, end_year, end_month = dates
    if sep == "/" and style != 0:
        sep = " / "  # '09/2015/08/2019' is not something people write
    text = (
        prefix
        + render_point(start_year, start_month, style, table)
        + sep
        + render_point(end_year, end_month, style, table)
    )
    found = parse_range(text, max_year=MAX_YEAR)
    assert found is not None, text
    assert (found.first_month, found.last_month(YearMonth(2026, 11))) == (
        YearMonth(start_year, start_month),
        YearMonth(end_year, end_month),
    ), text


@given(
    st.integers(1950, 2025),
    st.integers(0, 26),
    st.sampled_from([*SEPARATORS, " à ", "–"]),
    st.sampled_from(["{}", "de {}", "{} : Master", "Doctorat ({})", "• {}, Inserm"]),
)
def test_year_ranges_round_trip(start: int, length: int, sep: str, frame: str) -> None:
    end = min(start + length, 2026)
    body = f"{start}{sep}{end}"
    if frame == "de {}":
        body = f"{start} à {end}"
    text = frame.format(body)
    found = parse_range(text, max_year=MAX_YEAR)
    assert found is not None, text
    assert (found.start, found.end) == (DatePoint(start), DatePoint(end)), text


@given(
    st.integers(1950, 2026),
    st.integers(1, 12),
    st.booleans(),
    st.sampled_from(MONTH_TABLES),
    st.sampled_from(OPEN_WORDS),
    st.sampled_from([" – ", " - ", "–", " à "]),
)
def test_open_ranges_round_trip(year: int, month: int, with_month: bool, table: list[str], word: str, sep: str) -> None:
    start = f"{table[month - 1]} {year}" if with_month else str(year)
    text = f"{start}{sep}{word}"
    found = parse_range(text, max_year=MAX_YEAR)
    assert found is not None, text
    assert found.end is None, text
    assert found.start == DatePoint(year, month if with_month else None), text


@given(st.integers(1950, 2026), st.sampled_from(["depuis", "Depuis", "since", "Since", "à partir de"]))
def test_since_round_trip(year: int, word: str) -> None:
    found = parse_range(f"{word} {year}", max_year=MAX_YEAR)
    assert found is not None
    assert (found.start, found.end) == (DatePoint(year), None)


@given(st.integers(1000, 1949) | st.integers(2028, 9999), st.sampled_from(["{} - {}", "{}", "depuis {}"]))
def test_implausible_years_are_not_dates(year: int, frame: str) -> None:
    assert parse_range(frame.format(year, year), max_year=MAX_YEAR) is None


@given(
    month_range(),
    st.integers(0, 4),
    st.sampled_from(MONTH_TABLES),
    st.sampled_from([" – ", " - ", " —", "‑"]),
    st.booleans(),
    st.sampled_from(["", "Postdoc, Inserm U1016"]),
)
def test_ranges_split_over_two_lines_round_trip(
    dates: tuple[int, int, int, int], style: int, table: list[str], sep: str, dash_first: bool, title: str
) -> None:
    """'2015 –' over '2019 Title', or 'Title 2015' over '– 2019': one range, from the first line to the second."""
    start_year, start_month, end_year, end_month = dates
    start = render_point(start_year, start_month, style, table)
    end = render_point(end_year, end_month, style, table)
    lines = [f"{start}{sep}", f"{end} {title}".strip()] if dash_first else [f"{title} {start}".strip(), f"{sep}{end}"]
    found = scan_lines(lines, max_year=MAX_YEAR)
    assert [(item.line, item.end_line) for item in found] == [(0, 1)], lines
    assert (found[0].range.first_month, found[0].range.last_month(YearMonth(2026, 11))) == (
        YearMonth(start_year, start_month),
        YearMonth(end_year, end_month),
    ), lines


def test_a_list_of_years_is_each_year_when_it_is_a_date_column() -> None:
    def years(text: str) -> list[tuple[int, int | None]]:
        return [(r.start.year, r.end.year if r.end else None) for r in find_ranges(text)]

    assert years("2019, 2021 Fête de la science") == [(2019, 2019), (2021, 2021)]
    assert years("Tutorat 2011, 2013") == [(2011, 2011), (2013, 2013)]
    assert years("2012, 2014 et 2016 : jury de concours") == [(2012, 2012), (2014, 2014), (2016, 2016)]
    assert years("Monitorat, 2015 et 2016") == [(2015, 2015), (2016, 2016)]
    assert years("2018, 2019-2021 Chargé de TD") == [(2018, 2018), (2019, 2021)]
    assert years("entre 2011 et 2013 : tutorat") == [(2011, 2013)]  # a range, not a list
    assert years("Revenue grew in 2015, 2016 and 2017") == []  # in a sentence: no date column
