"""The research project spans the number of pages the competition asks for (8 to 15 by default).

What it checks
    Finds the ``section`` (the research project by default) with the section finder (outline, headings,
    or your ``[sections]`` configuration) and counts its pages, first to last inclusive; a page shared with
    the next section counts. Outside ``min_pages``-``max_pages`` it gives a finding at the rule's level, or a
    warning only when ``hard_min_pages``/``hard_max_pages`` are set and the count is still within them.
    A section that cannot be found is a finding that lists the titles looked for.

Why
    Juries expect a project of a set length; a much shorter or longer one is noticed by both
    rapporteurs. Not finding the section must not pass silently either: the limit would go unchecked.

How to fix
    Shorten or complete the project. If the section was not found or was found at the wrong pages, run
    ``preflight sections dossier.pdf`` to see what was found and why, then give the project a heading with one
    of the listed titles, add a PDF bookmark to it, or name its pages in preflight.toml:
    ``[sections] project = "12-23"`` (or its title: ``project = "My project title"``).

Options
    section: the section to measure (default "project"); a rule set can reuse this check for another
        section with ``check = "project-page-count"``.
    min_pages, max_pages: the inclusive range (default 8-15).
    hard_min_pages, hard_max_pages: when set, counts outside min-max but within these limits are only
        warnings (default: not set).
    required: when false, a dossier without the section skips the rule instead of failing (default true).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from preflight.dossier import Dossier
from preflight.model import Finding, Level, OptionError, Skip
from preflight.patterns import lazy_pattern
from preflight.sections import found_by_message

ID = "project-page-count"
SUMMARY = "The research project (or the section a rule names) spans the page range the competition asks for"
SUMMARY_FR = "Le projet de recherche (ou la section que nomme une règle) a le nombre de pages demandé par le concours"
DOC_FR = """\
Le projet de recherche a le nombre de pages demandé par le concours (de 8 à 15 par défaut).

Ce qui est vérifié
    Repère la ``section`` (le projet de recherche par défaut) avec le repérage des sections (signets,
    titres, ou votre configuration ``[sections]``) et compte ses pages, de la première à la dernière
    incluse ; une page partagée avec la section suivante compte. Hors de l’intervalle
    ``min_pages``-``max_pages``, un constat est donné au niveau de la règle, ou seulement un avertissement
    quand ``hard_min_pages``/``hard_max_pages`` sont fixés et que le nombre de pages reste dans ces bornes.
    Une section introuvable donne un constat qui liste les titres cherchés.

Pourquoi
    Les jurys attendent un projet d’une longueur donnée ; un projet nettement plus court ou plus long
    n’échappe à aucun des deux rapporteurs. Une section introuvable ne doit pas non plus passer sans
    bruit : la limite ne serait pas vérifiée.

Comment corriger
    Raccourcissez ou complétez le projet. Si la section n’a pas été trouvée, ou l’a été aux mauvaises
    pages, lancez ``preflight sections dossier.pdf`` pour voir ce qui a été trouvé et pourquoi, puis
    donnez au projet un titre parmi ceux de la liste, ajoutez-lui un signet PDF, ou indiquez ses pages
    dans preflight.toml : ``[sections] project = "12-23"`` (ou son titre :
    ``project = "Titre de mon projet"``).

Options
    section : la section à mesurer ("project" par défaut) ; un jeu de règles peut réutiliser cette
        vérification pour une autre section avec ``check = "project-page-count"``.
    min_pages, max_pages : l’intervalle, bornes comprises (8-15 par défaut).
    hard_min_pages, hard_max_pages : quand ils sont fixés, un nombre de pages hors de min-max mais dans
        ces limites ne donne qu’un avertissement (par défaut : non fixés).
    required : à false, un dossier sans la section saute la règle au lieu d’échouer (true par défaut).
"""

_SECTION_NAME = lazy_pattern(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")


MESSAGES = {
    "configured-pages-beyond-end": {
        "en": (
            "[sections] {section} = \"{first}-{last}\" starts after the last page ({page_count}): the '{section}' "
            "section cannot be measured from it"
        ),
        "fr": (
            'la ligne [sections] {section} = "{first}-{last}" commence après la dernière page ({page_count}) : la '
            "partie {section:section} ne peut pas être mesurée à partir de cette ligne"
        ),
    },
    "configured-pages-beyond-end.fix": {
        "en": (
            "Give the section's real pages in [sections] of your preflight.toml ('preflight sections FILE' shows the "
            "pages), or remove the line to let the tool find the '{section}' section."
        ),
        "fr": (
            "Indiquez les vraies pages de la partie dans la table [sections] de votre preflight.toml "
            "(« preflight sections FICHIER » les affiche), ou supprimez la ligne pour que l’outil trouve lui-même "
            "la partie {section:section}."
        ),
    },
    "not-required": {
        "en": "no '{section}' section in this dossier (not required; run 'preflight sections FILE' to check)",
        "fr": (
            "pas de partie {section:section} dans ce dossier (elle n’est pas exigée ; « preflight sections FICHIER » "
            "permet de le vérifier)"
        ),
    },
    "section-not-found": {
        "en": (
            "no '{section}' section found, so its length ({min_pages}-{max_pages} pages) cannot be checked: no "
            "outline entry or heading reads one of the titles looked for, {titles:quoted-list}{note:msg}"
        ),
        "fr": (
            "aucune partie {section:section} trouvée : sa longueur (de {min_pages} à {max_pages} pages) ne peut "
            "donc pas être vérifiée ; aucun signet ni aucun titre ne porte l’un des intitulés cherchés, "
            "{titles:quoted-list}{note:msg}"
        ),
    },
    "section-not-found-more": {
        "en": (
            "no '{section}' section found, so its length ({min_pages}-{max_pages} pages) cannot be checked: no "
            "outline entry or heading reads one of the titles looked for, {titles:quoted-list} (and {more} more)"
            "{note:msg}"
        ),
        "fr": (
            "aucune partie {section:section} trouvée : sa longueur (de {min_pages} à {max_pages} pages) ne peut "
            "donc pas être vérifiée ; aucun signet ni aucun titre ne porte l’un des intitulés cherchés, "
            "{titles:quoted-list} (et {more} autres){note:msg}"
        ),
    },
    "section-not-found-no-titles": {
        "en": (
            "no '{section}' section found, so its length ({min_pages}-{max_pages} pages) cannot be checked: no "
            "titles are configured for it{note:msg}"
        ),
        "fr": (
            "aucune partie {section:section} trouvée : sa longueur (de {min_pages} à {max_pages} pages) ne peut "
            "donc pas être vérifiée ; aucun intitulé n’est configuré pour elle{note:msg}"
        ),
    },
    "section-not-found.fix": {
        "en": (
            "Run 'preflight sections FILE' to see the sections found. Give the section a heading with one of these "
            'titles or a PDF bookmark, or name it in preflight.toml: [sections] {section} = "12-23" (its pages) or '
            '{section} = "Your exact title".'
        ),
        "fr": (
            "Lancez « preflight sections FICHIER » pour voir les parties trouvées. Donnez à la partie un titre "
            "portant l’un de ces intitulés, ou un signet PDF, ou bien désignez-la dans preflight.toml : "
            '[sections] {section} = "12-23" (ses pages) ou {section} = "Votre titre exact".'
        ),
    },
    "too-short": {
        "en": (
            "the '{section}' section ({title:text}) spans {count:plural:# page|# pages} ({pages:pages}, {how:msg}), "
            "fewer than the minimum of {min_pages} (expected {min_pages}-{max_pages} pages)"
        ),
        "fr": (
            "la partie {section:section} ({title:text}) compte {count:plural:# page|# pages} ({pages:pages}, "
            "{how:msg}), en dessous du minimum de {min_pages} (attendu : de {min_pages} à {max_pages} pages)"
        ),
    },
    "too-short.fix": {
        "en": (
            "Add {difference:plural:# page|# pages}. If these are not the section's pages, run 'preflight sections "
            'FILE\' and set [sections] {section} = "FIRST-LAST" in preflight.toml.'
        ),
        "fr": (
            "Ajoutez {difference:plural:# page|# pages}. Si ce ne sont pas les pages de la partie, lancez "
            '« preflight sections FICHIER » et indiquez [sections] {section} = "PREMIÈRE-DERNIÈRE" dans '
            "preflight.toml."
        ),
    },
    "too-long": {
        "en": (
            "the '{section}' section ({title:text}) spans {count:plural:# page|# pages} ({pages:pages}, {how:msg}), "
            "more than the maximum of {max_pages} (expected {min_pages}-{max_pages} pages)"
        ),
        "fr": (
            "la partie {section:section} ({title:text}) compte {count:plural:# page|# pages} ({pages:pages}, "
            "{how:msg}), au-delà du maximum de {max_pages} (attendu : de {min_pages} à {max_pages} pages)"
        ),
    },
    "too-long.fix": {
        "en": (
            "Cut {difference:plural:# page|# pages}. If these are not the section's pages, run 'preflight sections "
            'FILE\' and set [sections] {section} = "FIRST-LAST" in preflight.toml.'
        ),
        "fr": (
            "Retirez {difference:plural:# page|# pages}. Si ce ne sont pas les pages de la partie, lancez "
            '« preflight sections FICHIER » et indiquez [sections] {section} = "PREMIÈRE-DERNIÈRE" dans '
            "preflight.toml."
        ),
    },
}
"""A section is named by its id in English ('project', as in preflight.toml) and by its name in French."""
_TEXT_NOTE = lazy_pattern(r"the text of the PDF could not be read \((\w+)\)")
"""The section finder's note that the text could not be read (preflight.sections), said in the finding."""


OPTION_MESSAGES = {  # what is wrong with an option's value (preflight.model.OptionError)
    "section": {
        "en": "section {value} is not a section name such as 'project'",
        "fr": "section {value} n’est pas un nom de partie tel que « project »",
    },
    "min-pages": {
        "en": "min_pages ({min}) must be at least 1 and at most max_pages ({max})",
        "fr": "min_pages ({min}) doit valoir au moins 1 et au plus max_pages ({max})",
    },
    "hard-min-pages": {
        "en": "hard_min_pages ({value}) must be between 1 and min_pages",
        "fr": "hard_min_pages ({value}) doit être compris entre 1 et min_pages",
    },
    "hard-max-pages": {
        "en": "hard_max_pages ({value}) must be at least max_pages",
        "fr": "hard_max_pages ({value}) doit valoir au moins max_pages",
    },
}


@dataclass(frozen=True)
class Options:
    section: str = "project"
    min_pages: int = 8
    max_pages: int = 15
    hard_min_pages: int | None = None
    hard_max_pages: int | None = None
    required: bool = True

    def __post_init__(self) -> None:
        if not _SECTION_NAME.match(self.section):
            raise OptionError(OPTION_MESSAGES, "section", value=repr(self.section))
        if not 1 <= self.min_pages <= self.max_pages:
            raise OptionError(OPTION_MESSAGES, "min-pages", min=self.min_pages, max=self.max_pages)
        if self.hard_min_pages is not None and not 1 <= self.hard_min_pages <= self.min_pages:
            raise OptionError(OPTION_MESSAGES, "hard-min-pages", value=self.hard_min_pages)
        if self.hard_max_pages is not None and self.hard_max_pages < self.max_pages:
            raise OptionError(OPTION_MESSAGES, "hard-max-pages", value=self.hard_max_pages)


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    sections = dossier.sections
    name = options.section
    problem = sections.config_problems.get(name)
    if problem is not None:
        first, last = sections.config.ranges.get(name, (0, 0))
        yield Finding(
            "configured-pages-beyond-end",
            {"section": name, "first": first, "last": last, "page_count": dossier.page_count},
            data={"section": name},
        )
        return
    found = sections.get(name)
    if found is None and not options.required:
        raise Skip("not-required", section=name)
    if found is None:
        tried = sections.titles_tried(name)
        notes = [match.group(1) for note in sections.notes if (match := _TEXT_NOTE.search(note))]
        message_id = "section-not-found-more" if len(tried) > 8 else "section-not-found"
        yield Finding(
            message_id if tried else "section-not-found-no-titles",
            {
                "section": name,
                "min_pages": options.min_pages,
                "max_pages": options.max_pages,
                "titles": tried[:8],
                "more": max(0, len(tried) - 8),
                "note": "sections.note-text-unreadable" if notes else "",
                "error": notes[0] if notes else None,
            },
            fix_id="section-not-found.fix",
            data={"section": name, "titles_tried": tried, "notes": list(sections.notes)},
        )
        return
    count = found.page_count
    if options.min_pages <= count <= options.max_pages:
        return
    too_short = count < options.min_pages
    hard = options.hard_min_pages if too_short else options.hard_max_pages
    within_hard = hard is not None and (count >= hard if too_short else count <= hard)
    how, how_args = found_by_message(found.found_by)
    yield Finding(
        "too-short" if too_short else "too-long",
        {
            **how_args,
            "section": name,
            "title": found.title,
            "count": count,
            "pages": list(range(found.first_page, found.last_page + 1)),
            "how": how,
            "min_pages": options.min_pages,
            "max_pages": options.max_pages,
            "difference": options.min_pages - count if too_short else count - options.max_pages,
        },
        page=found.first_page,
        rect=found.heading,
        level=Level.WARNING if within_hard else None,
        data={
            "section": name,
            "pages": count,
            "first_page": found.first_page,
            "last_page": found.last_page,
            "found_by": found.found_by,
            "min_pages": options.min_pages,
            "max_pages": options.max_pages,
        },
    )
