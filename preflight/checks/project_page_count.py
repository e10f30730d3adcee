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

import re
from collections.abc import Iterator
from dataclasses import dataclass

from preflight.dossier import Dossier
from preflight.model import Finding, Level, Skip

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

_SECTION_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")


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
            raise ValueError(f"section {self.section!r} is not a section name such as 'project'")
        if not 1 <= self.min_pages <= self.max_pages:
            raise ValueError(
                f"min_pages ({self.min_pages}) must be at least 1 and at most max_pages ({self.max_pages})"
            )
        if self.hard_min_pages is not None and not 1 <= self.hard_min_pages <= self.min_pages:
            raise ValueError(f"hard_min_pages ({self.hard_min_pages}) must be between 1 and min_pages")
        if self.hard_max_pages is not None and self.hard_max_pages < self.max_pages:
            raise ValueError(f"hard_max_pages ({self.hard_max_pages}) must be at least max_pages")


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    sections = dossier.sections
    name = options.section
    problem = sections.config_problems.get(name)
    if problem is not None:
        yield Finding(
            f"{problem}: the '{name}' section cannot be measured from it",
            fix=f"Give the section's real pages in [sections] of your preflight.toml ('preflight sections FILE' "
            f"shows the pages), or remove the line to let the tool find the '{name}' section.",
            data={"section": name},
        )
        return
    found = sections.get(name)
    if found is None and not options.required:
        raise Skip(f"no '{name}' section in this dossier (not required; run 'preflight sections FILE' to check)")
    if found is None:
        tried = sections.titles_tried(name)
        looked = ", ".join(f"'{title}'" for title in tried[:8])
        if len(tried) > 8:
            looked += f" and {len(tried) - 8} more"
        notes = "; ".join(sections.notes)
        yield Finding(
            f"no '{name}' section found, so its length ({options.min_pages}-{options.max_pages} pages) cannot be "
            f"checked: no outline entry or heading reads {looked or '(no titles configured)'}"
            + (f" ({notes})" if notes else ""),
            fix=(
                f"Run 'preflight sections FILE' to see the sections found. Give the section a heading with one of "
                f'these titles or a PDF bookmark, or name it in preflight.toml: [sections] {name} = "12-23" '
                f'(its pages) or {name} = "Your exact title".'
            ),
            data={"section": name, "titles_tried": tried, "notes": list(sections.notes)},
        )
        return
    count = found.page_count
    if options.min_pages <= count <= options.max_pages:
        return
    too_short = count < options.min_pages
    hard = options.hard_min_pages if too_short else options.hard_max_pages
    within_hard = hard is not None and (count >= hard if too_short else count <= hard)
    where = f"pages {found.first_page}-{found.last_page}" if count > 1 else f"page {found.first_page}"
    comparison = (
        f"fewer than the minimum of {options.min_pages}"
        if too_short
        else f"more than the maximum of {options.max_pages}"
    )
    difference = options.min_pages - count if too_short else count - options.max_pages
    yield Finding(
        f"the '{name}' section ('{found.title}') spans {count} page{'s' if count != 1 else ''} ({where}, "
        f"found by {found.found_by}), {comparison} (expected {options.min_pages}-{options.max_pages} pages)",
        page=found.first_page,
        fix=(
            f"{'Add' if too_short else 'Cut'} {difference} page{'s' if difference != 1 else ''}. If these are not "
            f"the section's pages, run 'preflight sections FILE' and set [sections] {name} = \"FIRST-LAST\" in "
            "preflight.toml."
        ),
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
