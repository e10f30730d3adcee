"""The research project names where it will be done: the host unit (its name or code) or the team.

What it checks
    Reads, on the cover, the host unit's code (U1016, UMR-S 1138...: as host-unit reads them), its name (the
    first part of an "Unité d'accueil : ..." / "Laboratoire d'accueil : ..." / "Host unit : ..." line, e.g.
    "Institut Cochin") and the team's name ("Équipe : ..."), plus any ``names`` you give; then looks for at
    least one of them in the research project's own text (accent- and case-insensitive; a unit code in any
    spelling: "U1016", "Inserm U 1016", "UMR-S 1016"). A project that names none of them is a finding at the
    rule's level (a warning in the Inserm researcher rule sets).

    Without a project, or without a host unit or team on the cover, the rule is skipped (required-sections
    and host-unit report those).

Why
    Inserm's jury judges "the project and how well it fits the host laboratory" (DOMAIN.md §1.1); a project
    that could be carried out anywhere reads as vague, and generic framing is a common reason for rejection
    at the dossier stage.

How to fix
    Say in the project where and with whom the work will be done: the unit and team by name, what they bring
    (equipment, cohorts, collaborations) and how the project fits their programme, e.g. a subsection
    "Intégration dans l'unité d'accueil" that names "Institut Cochin (Inserm U1016), équipe Immunologie des
    muqueuses".

Options
    section: the section to read (default "project").
    names: other names that count as naming the host (an acronym, the team leader's lab name...; default
        none).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from preflight.checks.host_unit import UnitCode, unit_codes_in_line
from preflight.dossier import Dossier
from preflight.model import Finding, OptionError, Skip
from preflight.patterns import lazy_pattern
from preflight.sections import cover_pages, fold, normalise

ID = "project-host-fit"
SUMMARY = "The research project names the host unit or team it will be carried out in"
SUMMARY_FR = "Le projet de recherche nomme l’unité ou l’équipe d’accueil où il sera mené"
DOC_FR = """\
Le projet de recherche nomme le lieu où il sera mené : l’unité d’accueil (son nom ou son code) ou l’équipe.

Ce qui est vérifié
    Lit sur la page de garde le code de l’unité d’accueil (U1016, UMR-S 1138… : comme les lit host-unit),
    son nom (la première partie d’une ligne « Unité d’accueil : … », « Laboratoire d’accueil : … » ou
    « Host unit : … », par exemple « Institut Cochin ») et le nom de l’équipe (« Équipe : … »), ainsi que
    les noms donnés dans ``names`` ; puis cherche au moins l’un d’eux dans le texte même du projet de
    recherche (sans tenir compte des accents ni de la casse ; un code d’unité sous toutes ses graphies :
    « U1016 », « Inserm U 1016 », « UMR-S 1016 »). Un projet qui n’en nomme aucun donne un constat au
    niveau de la règle (un avertissement dans les jeux de règles des concours de chercheurs de l’Inserm).

    Sans projet, ou sans unité ni équipe sur la page de garde, la règle est sautée (required-sections et
    host-unit les signalent).

Pourquoi
    Le jury de l’Inserm évalue « le projet et son insertion dans le laboratoire d’accueil » (DOMAIN.md
    §1.1) ; un projet qui pourrait être mené n’importe où paraît vague, et un cadrage générique est une
    cause fréquente de rejet dès l’examen du dossier.

Comment corriger
    Dites dans le projet où et avec qui le travail sera fait : l’unité et l’équipe par leur nom, ce
    qu’elles apportent (équipements, cohortes, collaborations) et comment le projet s’inscrit dans leur
    programme, par exemple dans une sous-partie « Intégration dans l’unité d’accueil » qui nomme
    « Institut Cochin (Inserm U1016), équipe Immunologie des muqueuses ».

Options
    section : la section à lire ("project" par défaut).
    names : d’autres noms qui valent mention du lieu d’accueil (un sigle, le nom du laboratoire…; par
        défaut aucun).
"""

MESSAGES = {
    "no-project": {
        "en": "no {section:section} in this dossier to read (required-sections reports it)",
        "fr": "pas de partie {section:section} à lire dans ce dossier (required-sections la signale)",
    },
    "no-host": {
        "en": "the cover names no host unit or team to look for in the project (host-unit reports it)",
        "fr": (
            "la page de garde ne nomme ni unité ni équipe d’accueil à chercher dans le projet (host-unit le signale)"
        ),
    },
    "host-not-named": {
        "en": (
            "the {section:section} ({pages:pages}) never names where it will be done: none of {looked:text-list} "
            "(from the cover) appears in it"
        ),
        "fr": (
            "la partie {section:section} ({pages:pages}) ne dit jamais où elle sera menée : aucun des noms "
            "{looked:text-list} (lus sur la page de garde) n’y figure"
        ),
    },
    "host-not-named.fix": {
        "en": (
            "Name the host unit and team in the project and say how the project fits them (equipment, cohorts, "
            "collaborations), e.g. in a subsection “Intégration dans l’unité d’accueil”; or list other names "
            "that count in [rules.project-host-fit] names = [...]."
        ),
        "fr": (
            "Nommez l’unité et l’équipe d’accueil dans le projet et dites comment il s’y insère (équipements, "
            "cohortes, collaborations), par exemple dans une sous-partie « Intégration dans l’unité d’accueil » ; "
            "ou indiquez d’autres noms valables dans [rules.project-host-fit] names = [...]."
        ),
    },
}

_HOST_LABEL = lazy_pattern(
    r"(?i)^\s*(?:unite|laboratoire|structure|institut)(?:\s+de\s+recherche)?(?:\s+d'\s*accueil)?"
    r"|^\s*(?:host\s+(?:unit|laboratory|lab|institute)|laboratory|research\s+unit)"
)
_TEAM_LABEL = lazy_pattern(r"(?i)^\s*(?:equipe(?:\s+d'\s*accueil)?|team|groupe|group)\b")
_SEPARATOR = lazy_pattern(r"\s*[:：]\s*")
_BRACKETED = lazy_pattern(r"\s*[(\[][^)\]]*[)\]]")
_CODE_ONLY = lazy_pattern(r"(?i)^(?:inserm|cnrs|umr|u|erl|\d|\s|[-_/,])+$")
_SECTION_NAME = lazy_pattern(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
MIN_NAME = 4


OPTION_MESSAGES = {  # what is wrong with an option's value (preflight.model.OptionError)
    "section": {
        "en": "section {value} is not a section name such as 'project'",
        "fr": "section {value} n’est pas un nom de partie tel que « project »",
    },
}


@dataclass(frozen=True)
class Options:
    section: str = "project"
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _SECTION_NAME.match(self.section):
            raise OptionError(OPTION_MESSAGES, "section", value=repr(self.section))


def host_terms(dossier: Dossier) -> tuple[list[UnitCode], list[str]]:
    """The host unit's codes and the unit's and team's names, as the cover gives them."""
    codes: list[UnitCode] = []
    names: list[str] = []
    for page in cover_pages(dossier):
        for index, line in enumerate(page.lines):
            text = line.text.replace("\u00a0", " ").strip()
            codes.extend(code for code, accepted in unit_codes_in_line(text) if accepted)
            parts = _SEPARATOR.split(text, maxsplit=1)
            if len(parts) != 2:
                continue
            label, value = parts
            if not value.strip() and index + 1 < len(page.lines):
                value = page.lines[index + 1].text.replace("\u00a0", " ").strip()  # "Unité de recherche :" / name
            value = _BRACKETED.sub("", value)  # "Institut ... de Toulouse (UMR 5505)": the code is read apart
            folded = fold(label)
            if _TEAM_LABEL.match(folded):
                names.append(value.split(",")[0].strip())
            elif _HOST_LABEL.match(folded):
                for chunk in value.split(","):
                    chunk = chunk.strip()
                    if chunk and not _CODE_ONLY.match(chunk) and not any(True for _ in unit_codes_in_line(chunk)):
                        names.append(chunk)
                        break
    names = [name for name in dict.fromkeys(names) if len(normalise(name)) >= MIN_NAME]
    return codes, names


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    sections = dossier.sections
    project = sections.get(options.section)
    if project is None:
        raise Skip("no-project", section=options.section)
    codes, names = host_terms(dossier)
    names = [*names, *options.names]
    if not codes and not names:
        raise Skip("no-host")
    pages = sections.text(options.section)
    lines = [line.text for page in pages for line in page.lines]
    text = normalise(" ".join(lines))
    for line in lines:
        for code, _ in unit_codes_in_line(line, strict=False):
            if any(code.same_unit(host) for host in codes):
                return
    for name in names:
        if re.search(rf"(?<!\w){re.escape(normalise(name))}(?!\w)", text):
            return
    looked = list(dict.fromkeys([*names, *(code.canonical for code in codes)]))
    yield Finding(
        "host-not-named",
        {
            "section": options.section,
            "pages": list(range(project.first_page, project.last_page + 1)),
            "looked": looked,
        },
        page=project.first_page,
        rect=project.heading,
        data={"looked_for": looked, "section": options.section},
    )
