"""The research project and the summary of past work are written in the expected language (French).

What it checks
    Counts, in the sections listed in ``sections`` (the project and the activity report by default), the
    words of two short built-in lists of the commonest French and English function words ("le", "des",
    "pour"... and "the", "of", "with"...), and reports the share of each language. A section whose share of
    the expected language is under ``min_share`` gives a warning. Sections with fewer than ``min_words``
    counted words are not judged. No model or download: a word-list method, good enough to tell a text
    written in one language from one written in the other.

Why
    Permanent posts expect the dossier in French; an English project can be accepted by some juries but
    is noticed (DOMAIN.md §1.1: not confirmed for Inserm, hence a warning).

How to fix
    Write the project and the summary of past work in French, or check with the competition notice that
    English is accepted; set ``language = "en"`` for calls that expect English (ATIP-Avenir).

Options
    sections: the sections to measure (default ["project", "activity-report"]).
    language: "fr" or "en" (default "fr").
    min_share: the lowest share of the expected language's words (default 0.5).
    min_words: the fewest counted words for a section to be judged (default 50).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from preflight.dossier import Dossier
from preflight.model import Finding, Level, OptionError, Skip
from preflight.patterns import lazy_pattern

ID = "project-language"
SUMMARY = "The project and the summary of past work are written in the expected language (French)"
SUMMARY_FR = "Le projet et le bilan des travaux antérieurs sont rédigés dans la langue attendue (le français)"
DOC_FR = """\
Le projet de recherche et le bilan des travaux antérieurs sont rédigés dans la langue attendue (le français).

Ce qui est vérifié
    Compte, dans les sections listées dans ``sections`` (le projet et le rapport d’activité par défaut),
    les mots de deux courtes listes intégrées des mots grammaticaux les plus courants du français et de
    l’anglais (« le », « des », « pour »… et « the », « of », « with »…), et donne la part de chaque
    langue. Une section dont la part de la langue attendue est inférieure à ``min_share`` donne un
    avertissement. Les sections de moins de ``min_words`` mots comptés ne sont pas jugées. Ni modèle ni
    téléchargement : une méthode par listes de mots, suffisante pour distinguer un texte écrit dans une
    langue d’un texte écrit dans l’autre.

Pourquoi
    Pour les postes permanents, le dossier est attendu en français ; un projet en anglais peut être
    accepté par certains jurys, mais il se remarque (DOMAIN.md §1.1 : non confirmé pour l’Inserm, d’où un
    simple avertissement).

Comment corriger
    Rédigez le projet et le bilan des travaux antérieurs en français, ou vérifiez dans l’avis de concours
    que l’anglais est accepté ; fixez ``language = "en"`` pour les appels qui attendent l’anglais
    (ATIP-Avenir).

Options
    sections : les sections à mesurer (["project", "activity-report"] par défaut).
    language : "fr" ou "en" ("fr" par défaut).
    min_share : la part minimale de mots de la langue attendue (0.5 par défaut).
    min_words : le nombre minimal de mots comptés pour qu’une section soit jugée (50 par défaut).
"""

# Function words only one of the two languages uses; words both share ("a", "on", "or", "as", "me") are left out.
FRENCH_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "un",
        "une",
        "et",
        "est",
        "sont",
        "dans",
        "pour",
        "par",
        "sur",
        "avec",
        "que",
        "qui",
        "ne",
        "pas",
        "plus",
        "au",
        "aux",
        "ces",
        "cette",
        "ce",
        "nous",
        "notre",
        "nos",
        "vous",
        "ont",
        "été",
        "être",
        "leur",
        "leurs",
        "mais",
        "où",
        "se",
        "sa",
        "son",
        "ses",
        "il",
        "elle",
        "ils",
        "elles",
        "comme",
        "entre",
        "aussi",
        "donc",
        "très",
        "sans",
        "sous",
        "chez",
        "lors",
        "ainsi",
        "afin",
        "dont",
        "cet",
        "ceux",
        "celle",
        "celles",
        "chaque",
        "selon",
        "depuis",
        "avons",
        "était",
        "sera",
        "peut",
    ]
)
ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "are",
        "was",
        "were",
        "that",
        "which",
        "with",
        "for",
        "by",
        "this",
        "these",
        "those",
        "from",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "at",
        "an",
        "not",
        "but",
        "their",
        "our",
        "we",
        "can",
        "will",
        "also",
        "between",
        "into",
        "than",
        "such",
        "may",
        "would",
        "could",
        "should",
        "they",
        "them",
        "there",
        "where",
        "when",
        "while",
        "during",
        "after",
        "before",
        "about",
        "over",
        "under",
        "each",
        "other",
        "only",
        "both",
    ]
)
_WORD = lazy_pattern(r"[a-zà-öø-ÿœæ]+")
LANGUAGE_NAMES = {"fr": "French", "en": "English"}

MESSAGES = {
    "lang-fr": {"en": "French", "fr": "français"},
    "lang-en": {"en": "English", "fr": "anglais"},
    "share-fr": {"en": "French", "fr": "de français"},
    "share-en": {"en": "English", "fr": "d’anglais"},
    "no-section": {
        "en": "no {section:section} section found (run 'preflight sections FILE'; see the project-page-count rule)",
        "fr": (
            "aucune partie {section:section} trouvée (lancez « preflight sections FICHIER » ; voir la règle "
            "project-page-count)"
        ),
    },
    "no-sections-2": {
        "en": (
            "no {first:section} or {second:section} section found (run 'preflight sections FILE'; see the "
            "project-page-count rule)"
        ),
        "fr": (
            "aucune partie {first:section} ni {second:section} trouvée (lancez « preflight sections FICHIER » ; "
            "voir la règle project-page-count)"
        ),
    },
    "no-sections": {
        "en": (
            "none of the sections {sections:section-list} found (run 'preflight sections FILE'; see the "
            "project-page-count rule)"
        ),
        "fr": (
            "aucune des parties {sections:section-list} trouvée (lancez « preflight sections FICHIER » ; voir la "
            "règle project-page-count)"
        ),
    },
    "wrong-language": {
        "en": (
            "the {section:section} section ({pages:pages}) reads as {other:msg}: {french}% French and {english}% "
            "English of {total} common words, under the {min_share}% of {expected_share:msg} expected"
        ),
        "fr": (
            "la partie {section:section} ({pages:pages}) semble rédigée en {other:msg} : {french}\u202f% de mots "
            "français et {english}\u202f% de mots anglais sur {total} mots courants, sous les {min_share}\u202f% "
            "{expected_share:msg} attendus"
        ),
    },
    "wrong-language.fix": {
        "en": (
            "Write this section in {expected:msg}, or check in the competition notice that another language is "
            "accepted (then set 'language' or turn this rule off in preflight.toml)."
        ),
        "fr": (
            "Rédigez cette partie en {expected:msg}, ou vérifiez dans l’avis de concours qu’une autre langue est "
            "acceptée (fixez alors « language » ou désactivez cette règle dans preflight.toml)."
        ),
    },
}


OPTION_MESSAGES = {  # what is wrong with an option's value (preflight.model.OptionError)
    "language": {
        "en": "language {value}: expected 'fr' or 'en'",
        "fr": "language {value} : « fr » ou « en » est attendu",
    },
    "min-share": {
        "en": "min_share {value}: expected a share between 0 and 1",
        "fr": "min_share {value} : une proportion entre 0 et 1 est attendue",
    },
    "min-words": {"en": "min_words must be at least 1", "fr": "min_words doit valoir au moins 1"},
    "sections": {"en": "sections must name at least one section", "fr": "sections doit nommer au moins une partie"},
}


@dataclass(frozen=True)
class Options:
    sections: tuple[str, ...] = ("project", "activity-report")
    language: str = "fr"
    min_share: float = 0.5
    min_words: int = 50

    def __post_init__(self) -> None:
        if self.language not in LANGUAGE_NAMES:
            raise OptionError(OPTION_MESSAGES, "language", value=repr(self.language))
        if not 0.0 < self.min_share <= 1.0:
            raise OptionError(OPTION_MESSAGES, "min-share", value=self.min_share)
        if self.min_words < 1:
            raise OptionError(OPTION_MESSAGES, "min-words")
        if not self.sections:
            raise OptionError(OPTION_MESSAGES, "sections")


def count_words(text: str) -> tuple[int, int]:
    """(French, English) function-word counts of a text."""
    french = english = 0
    for word in _WORD.findall(text.casefold().replace("’", "'")):
        if word in FRENCH_WORDS:
            french += 1
        elif word in ENGLISH_WORDS:
            english += 1
    return french, english


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    sections = dossier.sections
    present = [name for name in options.sections if sections.get(name) is not None]
    if not present:
        names = list(options.sections)
        if len(names) == 1:
            raise Skip("no-section", section=names[0])
        if len(names) == 2:
            raise Skip("no-sections-2", first=names[0], second=names[1])
        raise Skip("no-sections", sections=names)
    for name in present:
        section = sections.get(name)
        assert section is not None
        text = "\n".join(page.text for page in sections.text(name))
        french, english = count_words(text)
        total = french + english
        if total < options.min_words:
            continue
        share = (french if options.language == "fr" else english) / total
        if share >= options.min_share:
            continue
        other = "en" if options.language == "fr" else "fr"
        yield Finding(
            "wrong-language",
            {
                "section": name,
                "pages": list(range(section.first_page, section.last_page + 1)),
                "other": f"lang-{other}",
                "french": _percent(french / total),
                "english": _percent(english / total),
                "total": total,
                "min_share": _percent(options.min_share),
                "expected": f"lang-{options.language}",
                "expected_share": f"share-{options.language}",
            },
            page=section.first_page,
            rect=section.heading,
            level=Level.WARNING,
            data={"section": name, "french_words": french, "english_words": english, "share": round(share, 3)},
        )


def _percent(share: float) -> int:
    """A share as a whole percentage, rounded as ``f"{share:.0%}"`` rounds it."""
    return int(f"{share * 100:.0f}")
