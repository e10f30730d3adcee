"""The publication list as Inserm reads it: no submitted articles, the candidate's name marked, no impact factors.

What it checks
    Reads the publication list (the ``publications`` section; preflight.publications splits it into entries
    and into the groups the list itself names: articles, reviews, chapters, proceedings, preprints) and gives:

    - for each entry marked "submitted", "under review", "in revision", "in preparation", "soumis",
      "en révision", "en préparation"... outside a group for preprints or work in progress, a finding at the
      rule's level (an error in the Inserm researcher rule sets), with its page and first words;
    - an info when the candidate's name, found in the author lists, is marked (bold, or an asterisk, dagger
      or hash sign) in none of them, or only in some; and when the name cannot be known or is in no entry.
      The name is ``candidate``, else a "Candidat(e) : ..." or "Nom : ..." line of the cover, else the first
      page's large name line. Underlining cannot be seen in the text: a list that underlines the name is
      reported as unmarked, unless the list's legend says names are underlined: then an info asks to check
      by eye (or set ``emphasis = false``);
    - an info when impact factors, h-index or quartiles stand in the list ("IF = 5.2", "facteur d'impact").

    A dossier without a publication list skips the rule (required-sections reports it missing).
    ``preflight publications FILE`` shows the entries, their groups and marks.

Why
    Inserm's criteria say that submitted or in-revision (unpublished) articles are not accepted; preprints
    count, in their own section. The candidate guide asks for the candidate's own name to stand out in the
    author lists (first, last, corresponding). Inserm signed DORA: the impact factor is no proxy for an
    article's quality, though some commissions still read quartiles, hence only an info.

How to fix
    Move submitted and in-preparation work to a section titled "Preprints" or "Travaux en préparation" (with
    the preprint's DOI when it has one), or remove it. Put your name in bold in each author list, with a
    legend for the signs (* co-first, # corresponding). Remove impact factors, or keep them knowing that the
    jury is asked not to use them.

Options
    candidate: the candidate's name as written in the author lists, e.g. "Claire Dubois" (default: read
        from the cover).
    submitted: report submitted and in-preparation entries (default true).
    emphasis: report how the candidate's name is marked (default true).
    metrics: report impact factors and h-index (default true).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from preflight.dossier import Dossier
from preflight.model import Finding, Level, OptionError, Skip
from preflight.patterns import lazy_pattern
from preflight.publications import WORK_IN_PROGRESS_KINDS
from preflight.rects import Rect

ID = "publication-list"
SUMMARY = "The publication list holds no submitted articles, marks the candidate's name and uses no impact factors"
SUMMARY_FR = (
    "La liste des publications ne contient aucun article soumis, distingue le nom de la candidate ou du "
    "candidat et n’utilise pas de facteur d’impact"
)
DOC_FR = """\
La liste des publications telle que l’Inserm la lit : aucun article soumis, le nom de la candidate ou du
candidat distingué, pas de facteur d’impact.

Ce qui est vérifié
    Lit la liste des publications (la section ``publications`` ; preflight.publications la découpe en
    références et en groupes tels que la liste elle-même les nomme : articles, revues, chapitres,
    communications, preprints), puis signale :

    - chaque référence marquée « submitted », « under review », « in revision », « in preparation »,
      « soumis », « en révision », « en préparation »… hors d’un groupe de preprints ou de travaux en
      cours : un constat au niveau de la règle (une erreur dans les jeux de règles des concours de
      chercheurs de l’Inserm), avec sa page et ses premiers mots ;
    - une information quand le nom de la candidate ou du candidat, trouvé dans les listes d’auteurs,
      n’est distingué (gras, astérisque, croix ou dièse) dans aucune d’elles, ou seulement dans certaines ;
      et quand le nom est inconnu ou absent de toutes les références. Le nom est ``candidate``, sinon une
      ligne « Candidat(e) : … » ou « Nom : … » de la page de garde, sinon la grande ligne de nom de la
      première page. Le soulignement ne se voit pas dans le texte : une liste qui souligne le nom est
      comptée comme non distinguée, sauf si la légende de la liste indique des noms soulignés : une
      information demande alors de vérifier à l’œil (ou réglez ``emphasis = false``) ;
    - une information quand la liste donne des facteurs d’impact, un indice h ou des quartiles
      (« IF = 5.2 », « facteur d’impact »).

    Un dossier sans liste des publications saute la règle (required-sections signale son absence).
    ``preflight publications FICHIER`` montre les références, leurs groupes et leurs marques.

Pourquoi
    Les critères de l’Inserm précisent que les articles soumis ou en cours de révision (non publiés) ne
    sont pas acceptés ; les preprints comptent, dans une section à part. Le guide du candidat demande que
    le nom de la candidate ou du candidat ressorte dans les listes d’auteurs (premier, dernier,
    correspondant). L’Inserm a signé DORA : le facteur d’impact ne mesure pas la qualité d’un article,
    même si certaines commissions lisent encore les quartiles, d’où une simple information.

Comment corriger
    Déplacez les travaux soumis ou en préparation dans une section intitulée « Preprints » ou « Travaux en
    préparation » (avec le DOI du preprint s’il existe), ou retirez-les. Mettez votre nom en gras dans
    chaque liste d’auteurs, avec une légende pour les signes (* co-premiers auteurs, # auteur
    correspondant). Retirez les facteurs d’impact, ou gardez-les en sachant que le jury est invité à ne
    pas s’en servir.

Options
    candidate : votre nom tel qu’il figure dans les listes d’auteurs, par exemple "Claire Dubois" (par
        défaut : lu sur la page de garde).
    submitted : signaler les références soumises ou en préparation (true par défaut).
    emphasis : signaler comment votre nom est distingué (true par défaut).
    metrics : signaler les facteurs d’impact et l’indice h (true par défaut).
"""

_UNDERLINED = lazy_pattern(r"(?i)soulign|underlin")

MESSAGES = {
    "group.articles": {"en": "articles", "fr": "articles"},
    "group.reviews": {"en": "reviews", "fr": "revues"},
    "group.chapters": {"en": "chapters", "fr": "chapitres"},
    "group.proceedings": {"en": "proceedings and talks", "fr": "communications"},
    "group.preprints": {"en": "preprints", "fr": "preprints"},
    "group.other": {"en": "other works", "fr": "autres travaux"},
    "group.unlabelled": {"en": "untitled", "fr": "sans titre"},
    "no-publications": {
        "en": "no publication list in this dossier (required-sections reports it; 'preflight sections FILE' shows it)",
        "fr": (
            "pas de liste des publications dans ce dossier (required-sections la signale ; "
            "« preflight sections FICHIER » la montre)"
        ),
    },
    "submitted-entry": {
        "en": (
            "a publication marked {status:text} in the list’s {group:msg} group ({heading:text}): {words:text}; "
            "Inserm does not accept submitted or in-revision articles outside a preprint section"
        ),
        "fr": (
            "une publication marquée {status:text} dans le groupe {group:msg} de la liste ({heading:text}) : "
            "{words:text} ; l’Inserm n’accepte pas les articles soumis ou en révision hors d’une section de "
            "preprints"
        ),
    },
    "submitted-entry-untitled": {
        "en": (
            "a publication marked {status:text} in a list without a preprint section: {words:text}; Inserm does "
            "not accept submitted or in-revision articles"
        ),
        "fr": (
            "une publication marquée {status:text} dans une liste sans section de preprints : {words:text} ; "
            "l’Inserm n’accepte pas les articles soumis ou en révision"
        ),
    },
    "submitted-entry.fix": {
        "en": (
            "Move it to a section titled “Preprints” or “Travaux en préparation” (with its preprint DOI), or "
            "remove it until it is published."
        ),
        "fr": (
            "Déplacez-la dans une section intitulée « Preprints » ou « Travaux en préparation » (avec le DOI du "
            "preprint), ou retirez-la jusqu’à sa publication."
        ),
    },
    "name-unmarked": {
        "en": (
            "your name ({name:text}) appears in {count:plural:# entry|# entries} of the publication list but is "
            "marked in none (bold, asterisk or a legend’s sign)"
        ),
        "fr": (
            "votre nom ({name:text}) figure dans {count:plural:# référence|# références} de la liste des "
            "publications mais n’est distingué dans aucune (gras, astérisque ou signe d’une légende)"
        ),
    },
    "name-partly-marked": {
        "en": (
            "your name ({name:text}) is marked in {marked} of the {count:plural:# entry|# entries} it appears in "
            "({share}%)"
        ),
        "fr": (
            "votre nom ({name:text}) est distingué dans {marked} des {count:plural:# référence|# références} où "
            "il figure ({share} %)"
        ),
    },
    "name-unmarked.fix": {
        "en": (
            "Put your name in bold in every author list (the jury looks for first, last and corresponding "
            "authorships), with a legend for the signs you use."
        ),
        "fr": (
            "Mettez votre nom en gras dans chaque liste d’auteurs (le jury cherche les positions de premier, "
            "dernier et correspondant), avec une légende pour les signes utilisés."
        ),
    },
    "name-underlined": {
        "en": (
            "the list’s legend says names are underlined ({legend:text}), which the tool cannot see: check by eye "
            "that your name ({name:text}) is underlined in {count:plural:the entry|the # entries} where it is not "
            "bold or signed"
        ),
        "fr": (
            "la légende de la liste indique des noms soulignés ({legend:text}), ce que l’outil ne voit pas : "
            "vérifiez à l’œil que votre nom ({name:text}) est souligné dans "
            "{count:plural:la référence|les # références} où il n’est ni en gras ni signalé"
        ),
    },
    "name-absent": {
        "en": "your name ({name:text}) is in no entry of the publication list ({count:plural:# entry|# entries})",
        "fr": (
            "votre nom ({name:text}) ne figure dans aucune référence de la liste des publications "
            "({count:plural:# référence|# références})"
        ),
    },
    "name-absent.fix": {
        "en": 'Set your name as the author lists write it: [rules.publication-list] candidate = "First Last".',
        "fr": (
            "Indiquez votre nom tel que l’écrivent les listes d’auteurs : "
            '[rules.publication-list] candidate = "Prénom Nom".'
        ),
    },
    "name-unknown": {
        "en": (
            "the candidate’s name is neither configured nor on the cover, so how it is marked in the author lists "
            "is not checked"
        ),
        "fr": (
            "le nom de la candidate ou du candidat n’est ni configuré ni lisible sur la page de garde : sa mise en "
            "valeur dans les listes d’auteurs n’est pas vérifiée"
        ),
    },
    "name-unknown.fix": {
        "en": 'Set it in preflight.toml: [rules.publication-list] candidate = "First Last".',
        "fr": 'Indiquez-le dans preflight.toml : [rules.publication-list] candidate = "Prénom Nom".',
    },
    "metrics": {
        "en": (
            "impact factors or h-index in the publication list ({found:text}, {pages:pages}): Inserm signed DORA, "
            "and the impact factor is no proxy for an article’s quality"
        ),
        "fr": (
            "facteurs d’impact ou indice h dans la liste des publications ({found:text}, {pages:pages}) : "
            "l’Inserm a signé DORA, et le facteur d’impact ne mesure pas la qualité d’un article"
        ),
    },
    "metrics.fix": {
        "en": "Remove them, or keep them knowing that the jury is asked not to use them (DORA).",
        "fr": "Retirez-les, ou gardez-les en sachant que le jury est invité à ne pas s’en servir (DORA).",
    },
}


OPTION_MESSAGES = {  # what is wrong with an option's value (preflight.model.OptionError)
    "candidate": {
        "en": "candidate must be a name such as 'Claire Dubois'",
        "fr": "candidate doit être un nom tel que « Claire Dubois »",
    },
}


@dataclass(frozen=True)
class Options:
    candidate: str | None = None
    submitted: bool = True
    emphasis: bool = True
    metrics: bool = True

    def __post_init__(self) -> None:
        if self.candidate is not None and len(self.candidate.split()) < 1:
            raise OptionError(OPTION_MESSAGES, "candidate")


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    listing = dossier.publications(options.candidate)
    if not listing.found:
        raise Skip("no-publications")
    entries = listing.entries
    if options.submitted:
        for entry in entries:
            if entry.status is None or entry.group in WORK_IN_PROGRESS_KINDS:
                continue
            yield Finding(
                "submitted-entry" if entry.heading else "submitted-entry-untitled",
                {
                    "status": entry.status,
                    "group": f"group.{entry.group}",
                    "heading": entry.heading or "",
                    "words": entry.first_words,
                },
                page=entry.page,
                rect=entry.rect,
                fix_id="submitted-entry.fix",
                data={"status": entry.status, "group": entry.group, "heading": entry.heading},
            )
    if options.emphasis and entries:
        section = dossier.sections.get("publications")
        yield from _emphasis(listing, section.heading if section is not None else None)
    if options.metrics:
        found = [(entry.page, metric) for entry in entries for metric in entry.metrics]
        if found:
            shown = list(dict.fromkeys(metric for _, metric in found))
            first = next(entry for entry in entries if entry.metrics)
            yield Finding(
                "metrics",
                {"found": ", ".join(shown[:5]) + (" …" if len(shown) > 5 else ""), "pages": [p for p, _ in found]},
                page=found[0][0],
                rect=first.rect,
                level=Level.INFO,
                data={"metrics": shown, "count": len(found)},
            )


def _emphasis(listing: object, heading: Rect | None = None) -> Iterator[Finding]:
    """Findings on how the candidate's name is marked: about one entry (marked at it), or the whole list (marked
    at its ``heading``, on its first page)."""
    from preflight.publications import PublicationList

    assert isinstance(listing, PublicationList)
    entries = listing.entries
    first_page = listing.first_page
    if listing.candidate is None:
        yield Finding("name-unknown", {}, page=first_page, rect=heading, level=Level.INFO, data={"candidate": None})
        return
    with_name = [entry for entry in entries if entry.candidate]
    marked = [entry for entry in with_name if entry.marked]
    data = {
        "candidate": listing.candidate,
        "candidate_from": listing.candidate_from,
        "entries": len(entries),
        "with_name": len(with_name),
        "marked": len(marked),
        "legend": listing.legend,
    }
    if not with_name:
        yield Finding(
            "name-absent",
            {"name": listing.candidate, "count": len(entries)},
            page=first_page,
            rect=heading,
            level=Level.INFO,
            data=data,
        )
    elif len(marked) < len(with_name) and listing.legend and _UNDERLINED.search(listing.legend):
        yield Finding(
            "name-underlined",
            {"name": listing.candidate, "legend": listing.legend, "count": len(with_name) - len(marked)},
            page=first_page,
            rect=heading,
            level=Level.INFO,
            data=data,
        )
    elif not marked:
        yield Finding(
            "name-unmarked",
            {"name": listing.candidate, "count": len(with_name)},
            page=first_page,
            rect=heading,
            level=Level.INFO,
            data=data,
        )
    elif len(marked) < len(with_name):
        share = round(100 * len(marked) / len(with_name))
        unmarked = next(entry for entry in with_name if not entry.marked)
        yield Finding(
            "name-partly-marked",
            {"name": listing.candidate, "count": len(with_name), "marked": len(marked), "share": share},
            page=unmarked.page,
            rect=unmarked.rect,
            snippet=unmarked.first_words,
            fix_id="name-unmarked.fix",
            level=Level.INFO,
            data=data,
        )
