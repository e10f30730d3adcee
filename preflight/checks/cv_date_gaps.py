"""Every year of the CV is accounted for: no silent gap between the first and the last date.

What it checks
    Reads the CV section's date ranges (French and English, and Italian, Spanish and German month names:
    '2015–2019', 'sept. 2015 – août 2019', '09/2015 - 08/2019', '01/09/2015  31/08/2019' in the two date
    columns of a career table, '08–09 2012', 'depuis 2020', '2019 – present', 'Printemps 2019', a single year
    as a date column, a range split over two lines) into a timeline. Only the headings that are the
    candidate's chronology are read (Formation, Parcours, Expérience professionnelle, Postes, Situation
    actuelle, Enseignement, Education, Positions...); dates under Publications, Communications, Encadrement,
    Financements, Expertise, Responsabilités, Prix... are not the timeline ('preflight cv' lists what was and
    was not read). Leaves named as such (congé maternité / parental / maladie, disponibilité, service civique,
    parental leave, career break, ...) cover their range; memberships, and single years next to a diploma, an
    exam, a defence or a prize (Baccalauréat 2005, Agrégation 2011, Doctorat 2019), cover nothing, except a
    doctorate printed with its award year when other lines show the doctoral years (a doctoral contract, a
    doctoral association, teaching as a doctoral student): it then covers them.
    A year written without its month is uncertain, and is read two ways. In whole calendar years
    ('2013-2014' then '2015-2019' is continuous), a stretch that no entry covers is a certain gap: an error
    when it holds a whole calendar year or is longer than ``max_gap_months``, an info finding past
    ``note_gap_months``. Read as academic years (autumn to summer, as a jury reads '2013-2014'), the academic
    year 2014-2015 is missing: a gap that exists only in this reading is possible, a warning when it holds a
    whole academic year or is longer than ``max_gap_months``. The time from the last entry to ``as_of``
    (today) is checked like any other stretch ("nothing after Jun 2024"). Birth dates and copyright notices are
    not activity. The timeline is in the JSON report (``cv_timeline``) and ``preflight cv dossier.pdf``
    prints it.

Why
    Selection committees expect every year of activity accounted for; Inserm weighs output "en rapport avec
    le nombre d'années d'activités". A parental or sick leave is fine when stated; a silent gap raises
    questions that the candidate is not in the room to answer.

How to fix
    Give each period its dates, including the ones that were not research: a fixed-term contract, a
    teaching post, a parental leave, a job search. Give months where a year reads two ways
    ('sept. 2013 – juin 2014'), and say what you do now. 'preflight cv dossier.pdf' shows the timeline as
    the tool understood it; if a date was misread, write it as '09/2015 – 08/2019' or 'sept. 2015 – août 2019'.

Options
    section: the section holding the CV (default "cv").
    max_gap_months: a certain gap longer than this is an error, a possible one a warning (default 12).
    note_gap_months: a gap longer than this is an info finding (default 6).
    as_of: the month that open ranges run to, as YYYY-MM (default "": today).
    min_year: earlier years are not read as dates (default 1950).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from preflight.chronology import DOCUMENT, MISSING, OUT_OF_RANGE, CvSource, Gap, Timeline, build_timeline, find_cv
from preflight.dates import YearMonth
from preflight.dossier import Dossier
from preflight.model import Finding, Level, OptionError, make_visible

ID = "cv-date-gaps"
SUMMARY = "Every year of the CV is accounted for (no unexplained gap in the dates)"
SUMMARY_FR = "Toutes les années du CV sont justifiées (aucune interruption inexpliquée dans les dates)"
DOC_FR = """\
Toutes les années du CV sont justifiées : aucune interruption passée sous silence entre la première et la
dernière date.

Ce qui est vérifié
    Lit les périodes datées de la section CV (en français et en anglais, et les mois en italien, espagnol et
    allemand : « 2015–2019 », « sept. 2015 – août 2019 », « 09/2015 - 08/2019 », « 01/09/2015  31/08/2019 » dans les
    deux colonnes de dates d’un tableau de carrière, « 08–09 2012 », « depuis 2020 », « 2019 – present »,
    « Printemps 2019 », une année seule dans une colonne de dates, une période répartie sur deux lignes) pour
    en faire une chronologie. Seules les rubriques qui retracent le parcours sont lues (Formation, Parcours,
    Expérience professionnelle, Postes, Situation actuelle, Enseignement, Education, Positions…) ; les dates
    des rubriques Publications, Communications, Encadrement, Financements, Expertise, Responsabilités,
    Prix… ne sont pas le parcours (« preflight cv » indique ce qui a été lu ou non). Les congés nommés comme
    tels (congé maternité / parental / maladie, disponibilité, service civique, parental leave, career
    break…) couvrent leur période ; les adhésions, et les années seules à côté d’un diplôme, d’un concours,
    d’une soutenance ou d’un prix (Baccalauréat 2005, Agrégation 2011, Doctorat 2019), ne couvrent rien, sauf
    un doctorat indiqué par sa seule année d’obtention quand d’autres lignes montrent les années de thèse
    (contrat doctoral, association de doctorants, enseignement en tant que doctorant) : il les couvre alors.
    Une année écrite sans son mois est incertaine et se lit de deux façons. En années civiles entières
    (« 2013-2014 » puis « 2015-2019 » est continu), une période qu’aucune entrée ne couvre est une interruption
    certaine : une erreur si elle contient une année civile entière ou dure plus de ``max_gap_months``, un
    constat info au-delà de ``note_gap_months``. Lue en années universitaires (de l’automne à l’été, comme un
    jury lit « 2013-2014 »), l’année 2014-2015 manque : une interruption qui n’existe que dans cette lecture est
    possible, un avertissement si elle contient une année universitaire entière ou dure plus de
    ``max_gap_months``. Le temps écoulé entre la dernière entrée et ``as_of`` (aujourd’hui) est vérifié comme
    toute autre période (« rien après juin 2024 »). Les dates de naissance et les mentions de copyright ne sont
    pas des activités. La chronologie figure dans le rapport JSON (``cv_timeline``) et
    ``preflight cv dossier.pdf`` l’affiche.

Pourquoi
    Les jurys attendent que chaque année d’activité soit justifiée ; l’Inserm apprécie la production « en
    rapport avec le nombre d’années d’activités ». Un congé parental ou un congé maladie ne pose pas de
    problème s’il est indiqué ; une interruption passée sous silence soulève des questions auxquelles le
    candidat ou la candidate n’est pas là pour répondre.

Comment corriger
    Datez chaque période, y compris celles qui n’étaient pas de la recherche : un CDD, un poste
    d’enseignement, un congé parental, une recherche d’emploi. Donnez les mois là où une année se lit de
    deux façons (« sept. 2013 – juin 2014 »), et dites ce que vous faites aujourd’hui. « preflight cv
    dossier.pdf » montre la chronologie telle que l’outil l’a comprise ; si une date a été mal lue,
    écrivez-la « 09/2015 – 08/2019 » ou « sept. 2015 – août 2019 ».

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


OPTION_MESSAGES = {  # what is wrong with an option's value (preflight.model.OptionError)
    "note-gap": {
        "en": "note_gap_months must be 0 or more, got {value}",
        "fr": "note_gap_months doit valoir 0 ou plus, pas {value}",
    },
    "max-gap": {
        "en": "max_gap_months ({max}) must be at least note_gap_months ({note})",
        "fr": "max_gap_months ({max}) doit valoir au moins note_gap_months ({note})",
    },
    "min-year": {
        "en": "min_year must be a year between 1900 and 2100, got {value}",
        "fr": "min_year doit être une année de 1900 à 2100, pas {value}",
    },
}


@dataclass(frozen=True)
class Options:
    section: str = "cv"
    max_gap_months: int = 12
    note_gap_months: int = 6
    as_of: str = ""
    min_year: int = 1950

    def __post_init__(self) -> None:
        if self.note_gap_months < 0:
            raise OptionError(OPTION_MESSAGES, "note-gap", value=self.note_gap_months)
        if self.max_gap_months < self.note_gap_months:
            raise OptionError(OPTION_MESSAGES, "max-gap", max=self.max_gap_months, note=self.note_gap_months)
        if self.as_of:
            YearMonth.parse(self.as_of)
        if not 1900 <= self.min_year <= 2100:
            raise OptionError(OPTION_MESSAGES, "min-year", value=self.min_year)

    @property
    def as_of_month(self) -> YearMonth:
        return YearMonth.parse(self.as_of) if self.as_of else YearMonth.today()


LOOKED_FOR = (
    "ranges such as '2015–2019', 'sept. 2015 – août 2019', '09/2015 - 08/2019', 'depuis 2020', '2019 – present'"
)
_LOOKED_FOR_FR = (
    "formes cherchées « 2015–2019 », « sept. 2015 – août 2019 », « 09/2015 - 08/2019 », « depuis 2020 », "
    "« 2019 – present »"
)
_ACADEMIC = (
    "when year ranges are read as academic years (autumn to summer), as a jury reads them",
    "si les périodes écrites en années sont lues comme des années universitaires (de l’automne à l’été), comme "
    "un jury les lit",
)

MESSAGES = {
    "what": {"en": "the CV's chronology", "fr": "la chronologie du CV"},
    "no-cv-section": {
        "en": (
            "no {section:section} section found (looked for titles such as {titles:quoted-list}), so the CV's "
            "chronology cannot be checked"
        ),
        "fr": (
            "aucune partie {section:section} trouvée (titres cherchés : {titles:quoted-list}) : on ne peut donc pas "
            "vérifier la chronologie du CV"
        ),
    },
    "no-cv-heading": {
        "en": (
            "no {section:section} section found (looked for a heading such as 'Curriculum vitae', 'CV' or "
            "'Parcours'), so the CV's chronology cannot be checked"
        ),
        "fr": (
            "aucune partie {section:section} trouvée (titres cherchés : « Curriculum vitae », « CV » ou "
            "« Parcours ») : on ne peut donc pas vérifier la chronologie du CV"
        ),
    },
    "no-cv-section.fix": {
        "en": (
            "Start the CV with a heading such as 'Curriculum vitae' (and add it to the PDF's bookmarks), "
            "or name its title in [sections] of your preflight.toml."
        ),
        "fr": (
            "Commencez le CV par un titre comme « Curriculum vitae » (et ajoutez-le aux signets du PDF), ou "
            "indiquez son titre dans [sections] de votre preflight.toml."
        ),
    },
    "no-dates-document": {
        "en": f"no dates found in the document: looked for {LOOKED_FOR}",
        "fr": f"aucune date trouvée dans le document : {_LOOKED_FOR_FR}",
    },
    "no-dates-section": {
        "en": f"no dates found in the section {{title:text}} ({{pages:pages}}): looked for {LOOKED_FOR}",
        "fr": f"aucune date trouvée dans la partie {{title:text}} ({{pages:pages}}) : {_LOOKED_FOR_FR}",
    },
    "no-dates.fix": {
        "en": "Give each degree, position and leave its dates, e.g. '09/2015 – 08/2019' or 'depuis 2020'.",
        "fr": "Datez chaque diplôme, poste et congé, par exemple « 09/2015 – 08/2019 » ou « depuis 2020 ».",
    },
    "gap": {
        "en": (
            "no activity from {first:month} to {last:month} ({months:plural:# month|# months}), "
            "after {after:text} and before {before:text}: {limit:msg}"
        ),
        "fr": (
            "aucune activité de {first:month} à {last:month} ({months:plural:# mois|# mois}), "
            "après {after:text} et avant {before:text} : {limit:msg}"
        ),
    },
    "gap-years": {
        "en": (
            "no activity from {first:month} to {last:month} ({months:plural:# month|# months}, "
            "{year_count:plural:all of|all of} {whole_years:list}), after {after:text} and before {before:text}: "
            "{limit:msg}"
        ),
        "fr": (
            "aucune activité de {first:month} à {last:month} ({months:plural:# mois|# mois}, "
            "{year_count:plural:toute l’année|toutes les années} {whole_years:list}), après {after:text} et avant "
            "{before:text} : {limit:msg}"
        ),
    },
    "limit-years": {
        "en": "every calendar year must be accounted for",
        "fr": "chaque année civile doit être justifiée",
    },
    "limit-long": {
        "en": "gaps longer than {max_gap:plural:# month|# months} must be explained",
        "fr": "une interruption de plus de {max_gap:plural:# mois|# mois} doit être expliquée",
    },
    "limit-note": {
        "en": "a word of explanation helps for gaps over {note_gap:plural:# month|# months}",
        "fr": "un mot d’explication est utile pour une interruption de plus de {note_gap:plural:# mois|# mois}",
    },
    "explain-gap": {
        "en": "State what you did then (e.g. a parental leave or a fixed-term contract), with its dates.",
        "fr": "Indiquez ce que vous faisiez pendant cette période (par exemple un congé parental ou un CDD), avec ses "
        "dates.",
    },
    "mention-gap": {
        "en": "Consider a word on this period (e.g. a job search, a leave or a short contract), with its dates.",
        "fr": "Pensez à dire un mot de cette période (par exemple une recherche d’emploi, un congé ou un contrat "
        "court), avec ses dates.",
    },
    "possible-years": {
        "en": (
            "{year_count:plural:the academic year|the academic years} {academic_years:list} may be missing: "
            "{after:text} then {before:text} leave {first:month} to {last:month} ({months:plural:# month|# months}) "
            f"uncovered {_ACADEMIC[0]}"
        ),
        "fr": (
            "{year_count:plural:l’année universitaire|les années universitaires} {academic_years:list} "
            "{year_count:plural:manque|manquent} peut-être : {after:text} puis {before:text} laissent sans activité "
            "la période de {first:month} à {last:month} ({months:plural:# mois|# mois}) "
            f"{_ACADEMIC[1]}"
        ),
    },
    "possible": {
        "en": (
            "a year may be missing: {after:text} then {before:text} leave {first:month} to {last:month} "
            f"({{months:plural:# month|# months}}) uncovered {_ACADEMIC[0]}"
        ),
        "fr": (
            "une année manque peut-être : {after:text} puis {before:text} laissent sans activité la période de "
            f"{{first:month}} à {{last:month}} ({{months:plural:# mois|# mois}}) {_ACADEMIC[1]}"
        ),
    },
    "give-months": {
        "en": "Give months, e.g. 'sept. 2013 – juin 2014', or say what you did that year.",
        "fr": "Précisez les mois, par exemple « sept. 2013 – juin 2014 », ou dites ce que vous avez fait cette "
        "année-là.",
    },
    "now": {
        "en": (
            "nothing after {end:month}: the CV says nothing of {first:month} to {last:month} "
            "({months:plural:# month|# months}), after {after:text}"
        ),
        "fr": (
            "rien après {end:month} : le CV ne dit rien de la période de {first:month} à {last:month} "
            "({months:plural:# mois|# mois}), après {after:text}"
        ),
    },
    "now-possible": {
        "en": (
            "nothing after {end:month}: the CV says nothing of {first:month} to {last:month} "
            "({months:plural:# month|# months}), after {after:text}; read as an academic year, its last year ends "
            "in the summer"
        ),
        "fr": (
            "rien après {end:month} : le CV ne dit rien de la période de {first:month} à {last:month} "
            "({months:plural:# mois|# mois}), après {after:text} ; lue en années universitaires, cette entrée "
            "s’achève en été"
        ),
    },
    "say-now": {
        "en": (
            "Say what you do now (your current position, contract, leave or job search) with its start date, "
            "e.g. 'depuis sept. 2024 : ingénieure de recherche'."
        ),
        "fr": (
            "Dites ce que vous faites aujourd’hui (votre poste, contrat, congé ou recherche d’emploi actuels) avec "
            "sa date de début, par exemple « depuis sept. 2024 : ingénieure de recherche »."
        ),
    },
}


def timeline_of(dossier: Dossier, options: Options) -> tuple[Timeline | None, str]:
    """The CV's timeline, or None and why (no CV section), in English (see :func:`timeline_and_source`)."""
    timeline, source = timeline_and_source(dossier, options)
    return timeline, source.text


def timeline_and_source(dossier: Dossier, options: Options) -> tuple[Timeline | None, CvSource]:
    """The CV's timeline, or None and why (no CV section, or its configured pages beyond the document)."""
    pages, source = find_cv(dossier, options.section)
    if pages is None:
        return None, source
    timeline = build_timeline(
        pages, options.as_of_month, source.text, min_year=options.min_year, long_gap=options.max_gap_months
    )
    return dataclasses.replace(timeline, origin=source), source


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
    timeline, source = timeline_and_source(dossier, options)
    if timeline is None:
        yield no_cv_finding(source)
        return
    dossier.report_data[TIMELINE_KEY] = timeline_data(timeline, options)
    if not timeline.entries:
        page = timeline.pages[0] if timeline.pages else None
        data = {"source": source.text}
        if source.kind == DOCUMENT:
            yield Finding("no-dates-document", {}, page=page, data=data, fix_id="no-dates.fix")
        else:
            pages = list(range(source.first_page, source.last_page + 1))
            args = {"title": source.title, "pages": pages}
            heading = source.heading if page == source.first_page else None
            yield Finding("no-dates-section", args, page=page, rect=heading, data=data, fix_id="no-dates.fix")
        return
    for gap in timeline.gaps:
        level = gap_level(gap, options)
        if level is None:
            continue
        yield _gap_finding(gap, level, options)


def no_cv_finding(source: CvSource) -> Finding:
    """The finding for a CV the check cannot read: no such section, or its configured pages beyond the end."""
    data = {"source": source.text}
    if source.kind == OUT_OF_RANGE:
        return Finding("section-range-after-end", {**source.problem, "what": "what"}, data=data)
    assert source.kind == MISSING
    if source.titles:
        return Finding("no-cv-section", {"section": source.section, "titles": list(source.titles)}, data=data)
    return Finding("no-cv-heading", {"section": source.section}, data=data, fix_id="no-cv-section.fix")


def _month(month: YearMonth) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def _gap_finding(gap: Gap, level: Level, options: Options) -> Finding:
    anchor = gap.after or gap.before
    snippet = " / ".join(entry.line for entry in (gap.after, gap.before) if entry is not None)
    args: dict[str, object] = {
        "first": _month(gap.first),
        "last": _month(gap.last),
        "months": gap.months,
        "after": gap.after.shown if gap.after else "",
        "before": gap.before.shown if gap.before else "",
    }
    if gap.until_now and gap.after is not None:
        end = gap.after.months("academic" if gap.certainty == "possible" else "generous")[1]
        message_id = "now-possible" if gap.certainty == "possible" else "now"
        args = {**args, "end": _month(end)}
        del args["before"]
        fix_id = "say-now"
    elif gap.certainty == "possible":
        years = list(gap.whole_academic_years)
        message_id = "possible-years" if years else "possible"
        if years:
            args = {**args, "academic_years": years, "year_count": len(years)}
        fix_id = "give-months"
    else:
        message_id = "gap"
        if gap.whole_years:
            message_id = "gap-years"
            args = {**args, "whole_years": [str(year) for year in gap.whole_years], "year_count": len(gap.whole_years)}
        if level is Level.ERROR:
            limit = "limit-years" if gap.whole_years else "limit-long"
            fix_id = "explain-gap"
        else:
            limit = "limit-note"
            fix_id = "mention-gap"
        args = {**args, "limit": limit, "max_gap": options.max_gap_months, "note_gap": options.note_gap_months}
    return Finding(
        message_id,
        args,
        page=anchor.page if anchor else None,
        rect=anchor.rect if anchor else None,
        snippet=make_visible(snippet[:200]) if snippet else None,
        fix_id=fix_id,
        level=level,
        data=gap.to_dict(),
    )
