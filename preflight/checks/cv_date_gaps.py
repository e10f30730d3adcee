"""Every year of the CV is accounted for: no silent gap between the first and the last date.

What it checks
    Reads the CV section's date ranges (French and English: '2015–2019', 'sept. 2015 – août 2019',
    '09/2015 - 08/2019', 'depuis 2020', '2019 – present', a single year as a date column, a range split over
    two lines) into a timeline of entries: degrees, positions, fellowships and leaves. Leaves named as such
    (congé maternité / parental / maladie, disponibilité, service civique, parental leave, career break, ...)
    cover their range; memberships, and single years next to a prize or a certificate, are shown but cover
    nothing. Between the earliest and the latest date, months that no entry covers form a gap:
    a gap that leaves a whole calendar year uncovered, or is longer than ``max_gap_months``, is an error; a
    gap longer than ``note_gap_months`` is an info finding; shorter ones are normal between two positions.
    Year-only dates cover the whole year ('2013-2015' then '2015-2019' is continuous; '2011-2013' then
    '2015-2019' leaves 2014 uncovered). An open range ('depuis 2020') runs to ``as_of``. Years before
    ``min_year`` or after next year, birth dates and copyright notices are not activity. The timeline is
    in the JSON report (``cv_timeline``) and ``preflight cv dossier.pdf`` prints it.

Why
    Selection committees expect every year of activity accounted for; Inserm weighs output "en rapport avec
    le nombre d'années d'activités". A parental or sick leave is fine when stated; a silent gap raises
    questions that the candidate is not in the room to answer.

How to fix
    Give each period its dates, including the ones that were not research: a fixed-term contract, a
    teaching post, a parental leave, a job search. 'preflight cv dossier.pdf' shows the timeline as the tool
    understood it; if a date was misread, write it as '09/2015 – 08/2019' or 'sept. 2015 – août 2019'.

Options
    section: the section holding the CV (default "cv").
    max_gap_months: a gap longer than this is an error (default 12).
    note_gap_months: a gap longer than this is an info finding (default 6).
    as_of: the month that open ranges run to, as YYYY-MM (default "": today).
    min_year: earlier years are not read as dates (default 1950).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from preflight.chronology import WHOLE_DOCUMENT, Gap, Timeline, build_timeline, cv_pages
from preflight.dates import YearMonth
from preflight.dossier import Dossier
from preflight.model import Finding, Level, make_visible

ID = "cv-date-gaps"
SUMMARY = "Every year of the CV is accounted for (no unexplained gap in the dates)"
SUMMARY_FR = "Toutes les années du CV sont justifiées (aucune interruption inexpliquée dans les dates)"
DOC_FR = """\
Toutes les années du CV sont justifiées : aucune interruption passée sous silence entre la première et la
dernière date.

Ce qui est vérifié
    Lit les périodes datées de la section CV (en français et en anglais : '2015–2019',
    'sept. 2015 – août 2019', '09/2015 - 08/2019', 'depuis 2020', '2019 – present', une année seule dans
    une colonne de dates, une période répartie sur deux lignes) pour en faire une chronologie d’entrées :
    diplômes, postes, bourses et congés. Les congés nommés comme tels (congé maternité / parental /
    maladie, disponibilité, service civique, parental leave, career break…) couvrent leur période ; les
    adhésions, et les années seules à côté d’un prix ou d’un certificat, sont affichées mais ne couvrent
    rien. Entre la date la plus ancienne et la plus récente, les mois qu’aucune entrée ne couvre forment
    une interruption : une interruption qui laisse une année civile entière non couverte, ou qui dure plus
    de ``max_gap_months``, est une erreur ; une interruption de plus de ``note_gap_months`` donne un
    constat info ; les plus courtes sont normales entre deux postes. Les dates réduites à l’année couvrent
    l’année entière ('2013-2015' puis '2015-2019' est continu ; '2011-2013' puis '2015-2019' laisse 2014
    non couverte). Une période ouverte ('depuis 2020') court jusqu’à ``as_of``. Les années antérieures à
    ``min_year`` ou postérieures à l’année prochaine, les dates de naissance et les mentions de copyright
    ne sont pas des activités. La chronologie figure dans le rapport JSON (``cv_timeline``) et
    ``preflight cv dossier.pdf`` l’affiche.

Pourquoi
    Les jurys attendent que chaque année d’activité soit justifiée ; l’Inserm apprécie la production « en
    rapport avec le nombre d’années d’activités ». Un congé parental ou un congé maladie ne pose pas de
    problème s’il est indiqué ; une interruption passée sous silence soulève des questions auxquelles le
    candidat ou la candidate n’est pas là pour répondre.

Comment corriger
    Datez chaque période, y compris celles qui n’étaient pas de la recherche : un CDD, un poste
    d’enseignement, un congé parental, une recherche d’emploi. 'preflight cv dossier.pdf' montre la
    chronologie telle que l’outil l’a comprise ; si une date a été mal lue, écrivez-la
    '09/2015 – 08/2019' ou 'sept. 2015 – août 2019'.

Options
    section : la section qui contient le CV ("cv" par défaut).
    max_gap_months : une interruption de plus de ce nombre de mois est une erreur (12 par défaut).
    note_gap_months : une interruption de plus de ce nombre de mois donne un constat info (6 par défaut).
    as_of : le mois jusqu’auquel courent les périodes ouvertes, au format AAAA-MM ("" par défaut :
        aujourd’hui).
    min_year : les années antérieures ne sont pas lues comme des dates (1950 par défaut).
"""

TIMELINE_KEY = "cv_timeline"
"""Where the timeline goes in the file's JSON report."""


@dataclass(frozen=True)
class Options:
    section: str = "cv"
    max_gap_months: int = 12
    note_gap_months: int = 6
    as_of: str = ""
    min_year: int = 1950

    def __post_init__(self) -> None:
        if self.note_gap_months < 0:
            raise ValueError(f"note_gap_months must be 0 or more, got {self.note_gap_months}")
        if self.max_gap_months < self.note_gap_months:
            raise ValueError(
                f"max_gap_months ({self.max_gap_months}) must be at least note_gap_months ({self.note_gap_months})"
            )
        if self.as_of:
            YearMonth.parse(self.as_of)
        if not 1900 <= self.min_year <= 2100:
            raise ValueError(f"min_year must be a year between 1900 and 2100, got {self.min_year}")

    @property
    def as_of_month(self) -> YearMonth:
        return YearMonth.parse(self.as_of) if self.as_of else YearMonth.today()


LOOKED_FOR = (
    "ranges such as '2015–2019', 'sept. 2015 – août 2019', '09/2015 - 08/2019', 'depuis 2020', '2019 – present'"
)


def timeline_of(dossier: Dossier, options: Options) -> tuple[Timeline | None, str]:
    """The CV's timeline, or None and why (no CV section)."""
    pages, source = cv_pages(dossier, options.section)
    if pages is None:
        return None, source
    timeline = build_timeline(
        pages, options.as_of_month, source, min_year=options.min_year, long_gap=options.max_gap_months
    )
    return timeline, source


def gap_level(gap: Gap, options: Options) -> Level | None:
    """Certain gaps: error past a whole calendar year or ``max_gap_months``, info past ``note_gap_months``.
    Possible gaps (only when year ranges are academic years): warning past a whole academic year or
    ``max_gap_months``."""
    if gap.certainty == "possible":
        return Level.WARNING if gap.whole_academic_years or gap.months > options.max_gap_months else None
    if gap.whole_years or gap.months > options.max_gap_months:
        return Level.ERROR
    if gap.months > options.note_gap_months:
        return Level.INFO
    return None


def timeline_data(timeline: Timeline, options: Options) -> dict[str, object]:
    """The timeline for the JSON report, each gap with the severity this check gives it ('none': too short)."""
    data = timeline.to_dict()
    for gap_data, gap in zip(data["gaps"], timeline.gaps, strict=True):
        level = gap_level(gap, options)
        gap_data["severity"] = level.label if level is not None else "none"
    return data


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    timeline, source = timeline_of(dossier, options)
    if timeline is None:
        yield Finding(
            f"{source}, so the CV's chronology cannot be checked",
            fix="Start the CV with a heading such as 'Curriculum vitae' (and add it to the PDF's bookmarks), "
            "or name its title in [sections] of your preflight.toml.",
            data={"source": source},
        )
        return
    dossier.report_data[TIMELINE_KEY] = timeline_data(timeline, options)
    if not timeline.entries:
        where = "the document" if source == WHOLE_DOCUMENT else source
        yield Finding(
            f"no dates found in {where}: looked for {LOOKED_FOR}",
            page=timeline.pages[0] if timeline.pages else None,
            fix="Give each degree, position and leave its dates, e.g. '09/2015 – 08/2019' or 'depuis 2020'.",
            data={"source": source},
        )
        return
    for gap in timeline.gaps:
        level = gap_level(gap, options)
        if level is None:
            continue
        yield _gap_finding(gap, level, options)


def _gap_finding(gap: Gap, level: Level, options: Options) -> Finding:
    length = f"{gap.months} month{'s' if gap.months > 1 else ''}"
    anchor = gap.after or gap.before
    snippet = " / ".join(entry.line for entry in (gap.after, gap.before) if entry is not None)
    if gap.until_now and gap.after is not None:
        message = (
            f"nothing after {gap.after.months('academic' if gap.certainty == 'possible' else 'generous')[1]}: "
            f"the CV says nothing of {gap.first} to {gap.last} ({length}), after '{gap.after.describe}'"
        )
        if gap.certainty == "possible":
            message += "; read as an academic year, its last year ends in the summer"
        fix = (
            "Say what you do now (your current position, contract, leave or job search) with its start date, "
            "e.g. 'depuis sept. 2024 : ingénieure de recherche'."
        )
    elif gap.certainty == "possible":
        years = ", ".join(gap.whole_academic_years)
        what = f"the academic year{'s' if len(gap.whole_academic_years) > 1 else ''} {years}" if years else "a year"
        neighbours = " then ".join(f"'{entry.describe}'" for entry in (gap.after, gap.before) if entry is not None)
        message = (
            f"{what} may be missing: {neighbours} leave {gap.first} to {gap.last} ({length}) uncovered when "
            "year ranges are read as academic years (autumn to summer), as a jury reads them"
        )
        fix = "Give months, e.g. 'sept. 2013 – juin 2014', or say what you did that year."
    else:
        if gap.whole_years:
            length += f", all of {', '.join(str(year) for year in gap.whole_years)}"
        around = [f"after '{gap.after.describe}'"] if gap.after else []
        around += [f"before '{gap.before.describe}'"] if gap.before else []
        surroundings = (", " + " and ".join(around)) if around else ""
        if level is Level.ERROR:
            limit = (
                "every calendar year must be accounted for"
                if gap.whole_years
                else f"gaps longer than {options.max_gap_months} months must be explained"
            )
            fix = "State what you did then (e.g. a parental leave or a fixed-term contract), with its dates."
        else:
            limit = f"a word of explanation helps for gaps over {options.note_gap_months} months"
            fix = "Consider a word on this period (e.g. a job search, a leave or a short contract), with its dates."
        message = f"no activity from {gap.first} to {gap.last} ({length}){surroundings}: {limit}"
    return Finding(
        message,
        page=anchor.page if anchor else None,
        snippet=make_visible(snippet[:200]) if snippet else None,
        fix=fix,
        level=level,
        data=gap.to_dict(),
    )
