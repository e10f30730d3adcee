"""The dossier holds every part the competition expects: CV, summary of past work, project, publications...

What it checks
    For each part of ``required`` (an error when missing) and of ``recommended`` (a warning), that the
    section finder found it (outline, headings or your ``[sections]`` configuration: ``preflight sections
    FILE`` shows what it found). A part that is not one of the finder's sections (teaching and supervision,
    funding and grants: they are usually subsections of the CV) counts as present when a line of the
    dossier is one of its ``titles``, starts with one of them before a colon or a dash ("Encadrement :
    deux doctorants..."), or is a short heading that joins one of them to other titles ("Distinctions et
    financements", "Honors & Grants"). Each missing part is its own finding, naming the titles looked for.

Why
    Inserm's jury assesses the curriculum, the production (publications), the project and how it fits the
    host laboratory, and the "animation": funding, supervision, teaching (pro.inserm.fr, DOMAIN.md §1.1). A
    dossier without one of them is incomplete for both rapporteurs, whatever its quality.

How to fix
    Add the missing part, under a heading with one of the listed titles. If it is there under another title,
    name it in preflight.toml: ``[sections] publications = "Mes travaux"`` (its title) or
    ``publications = "16-18"`` (its pages).

Options
    required: the parts whose absence is an error (default: "cv", "activity-report", "project",
        "publications").
    recommended: the parts whose absence is a warning (default: "teaching", "funding").
    titles: titles of parts that are not sections of the finder, by part name (default: none; the rule
        sets give "teaching" and "funding" theirs).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from preflight.dossier import Dossier
from preflight.model import Finding, Level, OptionError
from preflight.patterns import lazy_pattern
from preflight.sections import strip_numbering, title_key

ID = "required-sections"
SUMMARY = "The dossier holds every part the competition expects (CV, past work, project, publications...)"
SUMMARY_FR = (
    "Le dossier contient toutes les parties attendues par le concours (CV, résumé des travaux, projet, publications…)"
)
DOC_FR = """\
Le dossier contient toutes les parties attendues par le concours : CV, résumé des travaux, projet,
publications…

Ce qui est vérifié
    Pour chaque partie de ``required`` (une erreur si elle manque) et de ``recommended`` (un
    avertissement), que le repérage des sections l’a trouvée (signets, titres ou votre configuration
    ``[sections]`` : ``preflight sections FICHIER`` montre ce qui a été trouvé). Une partie qui n’est pas
    une section du repérage (enseignement et encadrement, financements : ce sont d’ordinaire des
    sous-parties du CV) compte comme présente quand une ligne du dossier est l’un de ses titres
    (``titles``), commence par l’un d’eux avant un deux-points ou un tiret (« Encadrement : deux
    doctorants… »), ou est un titre court qui joint l’un d’eux à d’autres (« Distinctions et
    financements », « Prix, bourses & financements »). Chaque partie manquante fait l’objet de son propre
    constat, qui nomme les titres cherchés.

Pourquoi
    Le jury de l’Inserm évalue le parcours, la production (publications), le projet et son insertion dans
    le laboratoire d’accueil, et l’animation : financements, encadrement, enseignement (pro.inserm.fr,
    DOMAIN.md §1.1). Un dossier auquel manque l’une de ces parties est incomplet pour les deux
    rapporteurs, quelle que soit sa qualité.

Comment corriger
    Ajoutez la partie manquante, sous un titre de la liste. Si elle existe sous un autre titre, nommez-la
    dans preflight.toml : ``[sections] publications = "Mes travaux"`` (son titre) ou
    ``publications = "16-18"`` (ses pages).

Options
    required : les parties dont l’absence est une erreur (par défaut : "cv", "activity-report", "project",
        "publications").
    recommended : les parties dont l’absence est un avertissement (par défaut : "teaching", "funding").
    titles : les titres des parties qui ne sont pas des sections du repérage, par nom de partie (par
        défaut : aucun ; les jeux de règles donnent ceux de "teaching" et "funding").
"""

MAX_TITLES = 8
_NAME = lazy_pattern(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
_LABEL_SEPARATOR = lazy_pattern(r"^\s*(?:[:\-–—(]|$)")
_LABEL_END = lazy_pattern(r"\s*(?:[:–—(]|\s-\s)")
_TITLE_JOINER = lazy_pattern(r"(?i)\s*[,&/+;]\s*|\s+(?:et|and)\s+")
_OPEN_END = lazy_pattern(r"(?i)(?:\s(?:et|and)|[,&/+;])\s*$")
MAX_JOINED_WORDS = 8
"""The longest heading, in words, read as titles joined by "et", "and", commas, "&" or "/"."""
MAX_JOINED_LENGTH = 80
"""The longest such heading in characters (the cheap test, before its words are counted)."""

MESSAGES = {
    "part.cv": {"en": "CV", "fr": "CV"},
    "part.activity-report": {"en": "summary of past work", "fr": "résumé des travaux"},
    "part.project": {"en": "research project", "fr": "projet de recherche"},
    "part.publications": {"en": "publication list", "fr": "liste des publications"},
    "part.teaching": {"en": "teaching and supervision part", "fr": "partie enseignement et encadrement"},
    "part.funding": {"en": "funding and grants part", "fr": "partie financements et contrats"},
    "part.motivation-letter": {"en": "motivation letter", "fr": "lettre de motivation"},
    "part.letters": {"en": "letters", "fr": "lettres"},
    "part.cover": {"en": "cover sheet", "fr": "page de garde"},
    "part.annexes": {"en": "annexes", "fr": "partie annexes"},
    "part.other": {"en": "part {name:quote}", "fr": "partie {name:quote}"},
    "missing-part": {
        "en": "no {part:msg} in the dossier: no outline entry, heading or label reads {titles:quoted-or-list}",
        "fr": "pas de {part:msg} dans le dossier : aucun signet, titre ou intitulé ne porte {titles:quoted-or-list}",
    },
    "missing-part-more": {
        "en": (
            "no {part:msg} in the dossier: no outline entry, heading or label reads {titles:quoted-or-list} "
            "(or {more:plural:# other title|# other titles})"
        ),
        "fr": (
            "pas de {part:msg} dans le dossier : aucun signet, titre ou intitulé ne porte {titles:quoted-or-list} "
            "(ni {more:plural:# autre titre|# autres titres})"
        ),
    },
    "missing-part-untitled": {
        "en": "no {part:msg} in the dossier, and no title is configured to find it by",
        "fr": "pas de {part:msg} dans le dossier, et aucun titre n’est configuré pour son repérage",
    },
    "missing-part.fix": {
        "en": (
            "Add the part under one of these titles; if it is there under another title, name it in preflight.toml: "
            '[sections] {name} = "Your exact title" or {name} = "12-23" (its pages). '
            "'preflight sections FILE' shows the parts found."
        ),
        "fr": (
            "Ajoutez cette partie sous l’un de ces titres ; si elle existe sous un autre titre, nommez-la dans "
            'preflight.toml : [sections] {name} = "Votre titre exact" ou {name} = "12-23" (ses pages). '
            "« preflight sections FICHIER » montre les parties trouvées."
        ),
    },
    "configured-pages-unusable": {
        "en": "the pages configured in [sections] {name} cannot be used: {problem:quote}",
        "fr": "les pages configurées dans [sections] {name} sont inutilisables : {problem:quote}",
    },
    "configured-pages-unusable.fix": {
        "en": "Give the part's real pages in [sections] of preflight.toml ('preflight sections FILE' shows them).",
        "fr": (
            "Indiquez les vraies pages de la partie dans [sections] de preflight.toml "
            "(« preflight sections FICHIER » les montre)."
        ),
    },
}


def _part_ids(name: str) -> str:
    return f"part.{name}" if f"part.{name}" in MESSAGES else "part.other"


OPTION_MESSAGES = {  # what is wrong with an option's value (preflight.model.OptionError)
    "part-name": {
        "en": "{value} is not a part name such as 'publications' (lowercase words joined by '-')",
        "fr": "{value} n’est pas un nom de partie tel que « publications » (mots en minuscules reliés par « - »)",
    },
    "both": {
        "en": "{names} cannot be both required and recommended",
        "fr": "{names} ne peut pas être à la fois required et recommended",
    },
}


@dataclass(frozen=True)
class Options:
    required: tuple[str, ...] = ("cv", "activity-report", "project", "publications")
    recommended: tuple[str, ...] = ("teaching", "funding")
    titles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in (*self.required, *self.recommended, *self.titles):
            if not _NAME.match(name):
                raise OptionError(OPTION_MESSAGES, "part-name", value=repr(name))
        both = sorted(set(self.required) & set(self.recommended))
        if both:
            raise OptionError(OPTION_MESSAGES, "both", names=", ".join(both))


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    for names, level in ((options.required, None), (options.recommended, Level.WARNING)):
        for name in names:
            yield from _part(dossier, options, name, level)


def _part(dossier: Dossier, options: Options, name: str, level: Level | None) -> Iterator[Finding]:
    sections = dossier.sections
    part = _part_ids(name)
    problem = sections.config_problems.get(name)
    if problem is not None:
        yield Finding(
            "configured-pages-unusable",
            {"name": name, "problem": problem},
            level=level,
            data={"part": name},
        )
        return
    if sections.get(name) is not None:
        return
    titles = [*sections.titles_tried(name), *options.titles.get(name, ())]
    titles = list(dict.fromkeys(titles))
    if name in options.titles and _labelled(dossier, options.titles[name]):
        return
    if not titles:
        message_id = "missing-part-untitled"
    else:
        message_id = "missing-part-more" if len(titles) > MAX_TITLES else "missing-part"
    yield Finding(
        message_id,
        {"part": part, "name": name, "titles": titles[:MAX_TITLES], "more": max(0, len(titles) - MAX_TITLES)},
        level=level,
        fix_id="missing-part.fix",
        data={"part": name, "titles_tried": titles, "notes": list(sections.notes)},
    )


def _labelled(dossier: Dossier, titles: tuple[str, ...]) -> bool:
    """A line of the dossier is one of ``titles``, or starts with one before a colon, a dash or a bracket,
    or is a short heading (larger or bolder than the body text) that joins one of them to other titles
    ("Distinctions et financements")."""
    wanted = [key for key in map(title_key, titles) if key]
    if not wanted:
        return False
    starts = tuple({title[:1] for title in wanted})  # a cheap test first: most lines start otherwise
    wanted_set = set(wanted)
    body_size, body_bold = dossier.sections.body_style()
    for page in dossier.sections.pages:
        for line in page.lines:
            text = title_key(line.text)
            if text.startswith(starts):
                for title in wanted:
                    if text == title or (text.startswith(title) and _LABEL_SEPARATOR.match(text[len(title) :])):
                        return True
            styled = line.size >= body_size * 1.12 or (line.bold and not body_bold)  # as the section finder's
            joined = styled and len(text) <= MAX_JOINED_LENGTH
            if joined and any(part in wanted_set for part in joined_titles(line.text)):
                return True
    return False


def joined_titles(line: str) -> list[str]:
    """The titles a short heading joins ("Prix, bourses et financements :" gives "prix", "bourses" and
    "financements"), compared as titles are; none for a line that is not such a heading.

    A heading starts with a capital letter and has at most MAX_JOINED_WORDS words before its label's colon
    or dash, and does not end with a joining word or sign: a line of a wrapped sentence ("Recherche,
    enseignement et") is not taken for one.
    """
    if _OPEN_END.search(line):
        return []
    stripped = strip_numbering(line.strip())
    if not stripped[:1].isupper():
        return []
    end = _LABEL_END.search(stripped)
    head = stripped[: end.start()] if end else stripped
    if len(head.split()) > MAX_JOINED_WORDS:
        return []
    parts = [title_key(part) for part in _TITLE_JOINER.split(head)]
    return parts if len(parts) > 1 and all(parts) else []
