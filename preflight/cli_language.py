"""The command line in the run's language: click's own words, our help texts, and the one choice of language.

Click words its help and usage errors through gettext: each of its modules does ``from gettext import
gettext as _`` (and ``ngettext``) and calls ``_()`` when it writes. :func:`install` replaces those two names
in click's loaded modules with :func:`gettext` and :func:`ngettext` below, which look the English text up in
:data:`CLICK_FR` when the run's language (preflight.i18n) is French and return it unchanged otherwise.

Why not a gettext ``.mo`` file: gettext chooses the catalogue from LANGUAGE / LC_ALL / LC_MESSAGES / LANG
when the lookup is made, so ``--lang en`` could not overrule a French locale, the answer would depend on
the machine's environment, and a compiled file would have to be built and shipped with the wheel. A dict
looked up against the language the run chose is deterministic, testable in-process (click's CliRunner runs
English and French one after the other) and follows the project's choice of catalogues as Python data
(preflight.messages). Only the names ``_`` and ``ngettext`` in click's modules change; in an English run
they return click's text as before.

Our own help texts (command docstrings, option ``help=``, the lazy commands' one-liners) are translated
when help is written: :class:`HelpFormatter`, installed as click's formatter, looks every paragraph and
every option's help up in :data:`HELP_FR`, keyed by the English text with its whitespace collapsed (so a
docstring's line breaks do not matter). Text that is not in the table is written as it is.

The language is chosen once, before click parses anything (:class:`LanguageGroup`): ``--lang`` anywhere
on the command line (``preflight --lang fr fix ...`` or ``preflight fix --lang fr ...``), else the
environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; see preflight.i18n.language_from_environment), else
English. So ``LANG=fr_FR.UTF-8 preflight --help`` and a usage error of ``preflight fix --lang fr --bad``
are French.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click

from preflight.i18n import LANGUAGES, get_language, language_from_environment, set_language
from preflight.lazygroup import LazyGroup
from preflight.messages import NNBSP, plural_category, typeset_french

CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click.utils",
    "click._termui_impl",
)
"""The click modules that import gettext's ``_`` / ``ngettext`` (tests check the list against click)."""

_CLICK_FR: dict[str, str] = {
    # help pages
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments positionnels",
    "Show this message and exit.": "Afficher ce message et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "default: {default}": "par défaut : {default}",
    "env var: {var}": "variable d’environnement : {var}",
    "required": "obligatoire",
    "(dynamic)": "(dynamique)",
    "deprecated": "obsolète",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Avertissement : la commande « {name} » est obsolète.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Avertissement : le paramètre « {name} » est obsolète.{extra_message}"
    ),
    # usage errors
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour obtenir de l’aide.",
    "Missing command.": "Commande manquante.",
    "No such command {name!r}.": "La commande « {name} » n’existe pas.",
    "No such option {name!r}.": "L’option « {name} » n’existe pas.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing {param_type}": "Paramètre manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "unknown error": "erreur inconnue",
    "Value must be an iterable.": "La valeur doit être une liste.",
    "Invalid start character for option ({option})": "Caractère initial invalide pour une option ({option})",
    "Option {name!r} does not take a value.": "L’option « {name} » ne prend pas de valeur.",
    "Argument {name!r} takes {nargs} values.": "L’argument « {name} » prend {nargs} valeurs.",
    "Could not open file {filename!r}: {message}": "Impossible d’ouvrir le fichier « {filename} » : {message}",
    "Aborted!": "Abandon !",
    # parameter types (click.types). click.Path names itself "file", "directory" or "path" when an option
    # is declared (DECLARED_ONCE): the French sentences do without {name}, and the help page translates the
    # metavars (METAVARS_FR).
    "Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
    "{value} is not in the range {range}.": "{value} n’est pas dans l’intervalle {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "« {value} » n’est pas un booléen valide. Valeurs reconnues : {states}"
    ),
    "{value!r} is not a valid {number_type}.": "« {value} » n’est pas un nombre valide.",
    "{value!r} is not a valid UUID.": "« {value} » n’est pas un UUID valide.",
    "{name} {filename!r} is a file.": "« {filename} » est un fichier.",
    "{name} {filename!r} is a directory.": "« {filename} » est un dossier.",
    "{name} {filename!r} is not readable.": "« {filename} » n’est pas lisible.",
    "{name} {filename!r} is not writable.": "« {filename} » n’est pas accessible en écriture.",
    "{name} {filename!r} is not executable.": "« {filename} » n’est pas exécutable.",
    "{name} {filename!r} does not exist.": "« {filename} » n’existe pas.",
    # prompts (click.termui), should a command ever ask
    "Do you want to continue?": "Voulez-vous continuer ?",
    "Confirm the action without prompting.": "Confirmer l’action sans la demander.",
    "Press any key to continue...": "Appuyez sur une touche pour continuer…",
    "Repeat for confirmation": "Répétez pour confirmer",
    "Error: The two entered values do not match.": "Erreur : les deux valeurs saisies ne correspondent pas.",
    "Error: invalid input": "Erreur : saisie invalide",
    "Couldn't detect Bash version, shell completion is not supported.": (
        "Version de Bash introuvable : la complétion n’est pas prise en charge."
    ),
    "Shell completion is not supported for Bash versions older than 4.4.": (
        "La complétion n’est pas prise en charge pour les versions de Bash antérieures à 4.4."
    ),
}

_CLICK_PLURALS_FR: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Argument supplémentaire inattendu ({args})",
        "Arguments supplémentaires inattendus ({args})",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Attend {nargs} valeurs, mais en a reçu {len}.",
        "Attend {nargs} valeurs, mais en a reçu {len}.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire l’une de celles-ci : {possibilities} ?)",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "L’option « {name} » demande un argument.",
        "L’option « {name} » demande {nargs} arguments.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "« {value} » n’est pas {choice}.",
        "« {value} » ne fait pas partie des choix {choices}.",
    ),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."): (
        "« {value} » ne correspond pas au format {format}.",
        "« {value} » ne correspond à aucun des formats {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "{len_type} valeurs sont demandées, mais {len_value} a été donnée.",
        "{len_type} valeurs sont demandées, mais {len_value} ont été données.",
    ),
}

CLICK_FR = {english: typeset_french(french) for english, french in _CLICK_FR.items()}
"""Click's English text -> French, typeset (narrow no-break spaces before : ; ! ? and inside « »)."""
CLICK_PLURALS_FR = {
    key: (typeset_french(one), typeset_french(other)) for key, (one, other) in _CLICK_PLURALS_FR.items()
}
"""(singular, plural) as click passes them to ngettext -> the French (one, other) forms."""

_HELP_FR: dict[str, str] = {
    # preflight
    "Check a research-competition PDF dossier before you upload it.": (
        "Vérifier un dossier PDF de concours de recherche avant de le déposer."
    ),
    "Language of the report (default: from the locale, LANG=fr_FR... gives French).": (
        "Langue du rapport (par défaut : celle de l’environnement ; LANG=fr_FR… donne le français)."
    ),
    "Language of the messages and help, for the whole run (default: from the locale, LANG=fr_FR... gives French).": (
        "Langue des messages et de l’aide, pour toute la commande (par défaut : celle de l’environnement ; "
        "LANG=fr_FR… donne le français)."
    ),
    # check
    "Check PDF dossiers (files or folders) and report every rule's outcome.": (
        "Vérifier des dossiers PDF (fichiers ou répertoires) et rendre compte du résultat de chaque règle."
    ),
    "Exit status: 0 every file passed, 1 a rule failed, 2 usage or configuration error, 3 a check crashed.": (
        "Code de sortie : 0 tous les fichiers ont réussi, 1 une règle a échoué, 2 erreur d’utilisation ou de "
        "configuration, 3 une vérification a planté."
    ),
    "Rule set to use (see 'preflight rules --sets'). Default: inserm-cr.": (
        "Jeu de règles à appliquer (voir « preflight rules --sets »). Par défaut : inserm-cr."
    ),
    "Configuration file to use.": "Fichier de configuration à utiliser.",
    "Report format: text, json, jsonl (one line per file), sarif (2.1.0), junit (XML), github (annotations).": (
        "Format du rapport : text, json, jsonl (une ligne par fichier), sarif (2.1.0), junit (XML), "
        "github (annotations)."
    ),
    "Write the --format report to this file and print the text report.": (
        "Écrire le rapport au format --format dans ce fichier et afficher le rapport texte."
    ),
    "Run only these rules (repeatable).": "N’appliquer que ces règles (répétable).",
    "Leave these rules out (repeatable).": "Laisser ces règles de côté (répétable).",
    "Warnings fail too.": "Les avertissements font aussi échouer.",
    "Show only failing files and rules, and the summary line.": (
        "N’afficher que les fichiers et les règles en échec, et la ligne de bilan."
    ),
    "Quote the dossier's own text in reports (default: yes, except for --format github and in CI, "
    "when CI, GITHUB_ACTIONS or GITLAB_CI is set).": (
        "Citer le texte du dossier dans les rapports (par défaut : oui, sauf avec --format github et en "
        "intégration continue, quand CI, GITHUB_ACTIONS ou GITLAB_CI est défini)."
    ),
    "Check files in N processes (0: one per CPU).": "Vérifier les fichiers dans N processus (0 : un par processeur).",
    "Check every file again instead of reusing cached outcomes.": (
        "Vérifier de nouveau chaque fichier au lieu de réutiliser les résultats en cache."
    ),
    "Colour the text report (default: on a terminal).": "Colorer le rapport texte (par défaut : dans un terminal).",
    "Show every finding, not the first 25 per rule.": "Afficher tous les problèmes, pas seulement 25 par règle.",
    # rules, explain
    "List every rule: id, level, and what it checks.": (
        "Lister les règles : identifiant, niveau et ce qu’elles vérifient."
    ),
    "Show this rule set's rules (default: the configured one).": (
        "Afficher les règles de ce jeu de règles (par défaut : celui de la configuration)."
    ),
    "List the available rule sets instead.": "Lister plutôt les jeux de règles disponibles.",
    "Explain a rule: what it checks, why, how to fix it, and its options (and a rule set's settings).": (
        "Expliquer une règle : ce qu’elle vérifie, pourquoi, comment corriger, et ses options (et les réglages "
        "d’un jeu de règles)."
    ),
    "Explain the rule as this rule set sets it (default: the check alone).": (
        "Expliquer la règle telle que ce jeu de règles la règle (par défaut : la vérification seule)."
    ),
    # cache
    "Show or clear the cache of outcomes.": "Afficher ou vider le cache des résultats.",
    "Where the cache is, how many entries it holds and how large it is.": (
        "Où se trouve le cache, combien d’entrées il contient et quelle place il occupe."
    ),
    "Remove every cached outcome (the next check of each file runs in full).": (
        "Supprimer tous les résultats en cache (la prochaine vérification de chaque fichier sera complète)."
    ),
    # fix
    "Fix what the failing rules need and prove that nothing was lost.": (
        "Corriger ce que demandent les règles en échec et prouver que rien n’a été perdu."
    ),
    "In this order, and only when a rule fails: remove owner-password restrictions, remove scripts and "
    "launch actions and flatten form fields, embed fonts (Ghostscript), reduce the size, clean hidden "
    "characters in the metadata. The output is checked again and compared with the input (pages, sizes, "
    "text of every page, bookmarks, links). The input is never changed.": (
        "Dans cet ordre, et seulement quand une règle échoue : retirer les restrictions du mot de passe "
        "propriétaire, retirer les scripts et les actions de lancement et aplatir les champs de formulaire, "
        "incorporer les polices (Ghostscript), réduire la taille, nettoyer les caractères cachés des "
        "métadonnées. Le résultat est vérifié de nouveau et comparé à l’original (pages, formats, texte de "
        "chaque page, signets, liens). L’original n’est jamais modifié."
    ),
    "Exit status: 0 fixed and nothing lost, 1 a rule still fails or text was lost (the output is then "
    "not written unless --force), 2 usage or configuration error, 3 a check crashed.": (
        "Code de sortie : 0 corrigé sans perte, 1 une règle échoue encore ou du texte a été perdu (le résultat "
        "n’est alors pas écrit, sauf avec --force), 2 erreur d’utilisation ou de configuration, 3 une "
        "vérification a planté."
    ),
    "Where to write the fixed PDF (default: NAME-fixed.pdf).": "Où écrire le PDF corrigé (par défaut : NOM-fixed.pdf).",
    "Say what would be done; write nothing.": "Dire ce qui serait fait, sans rien écrire.",
    "Remove attached files (they are only listed otherwise).": (
        "Retirer les fichiers joints (sinon, ils sont seulement listés)."
    ),
    "Downsample above.": "Réduire la résolution des images au-delà.",
    "JPEG quality for scans and photos.": "Qualité JPEG des numérisations et des photos.",
    "Keep the output even if text was lost or changed.": "Garder le résultat même si du texte a été perdu ou modifié.",
    "Report format: text or json.": "Format du rapport : text ou json.",
    "Report format: text, markdown (a job summary or merge-request comment) or json.": (
        "Format du rapport : text, markdown (un résumé de tâche ou un commentaire de demande de fusion) ou json."
    ),
    # init
    "Write a commented preflight.toml for a dossier repository.": (
        "Écrire un preflight.toml commenté pour le dépôt d’un dossier."
    ),
    "Rule set to start from (default: inserm-cr).": "Jeu de règles de départ (par défaut : inserm-cr).",
    "Where to write the configuration.": "Où écrire la configuration.",
    "Overwrite an existing file.": "Remplacer un fichier existant.",
    # text
    "Check text for a portal form field (plain text or .docx; '-' reads standard input).": (
        "Vérifier un texte destiné à un champ de formulaire du portail (texte brut ou .docx ; « - » lit "
        "l’entrée standard)."
    ),
    "Hidden characters are flagged as in the hidden-characters check, but a soft hyphen or a private-use "
    "bullet is an error here. French typography (no-break spaces before ; : ! ?, « », ’, –, œ) is never "
    "flagged. With --fix the text is printed cleaned: mojibake repaired, invisible characters removed, "
    "bullets turned into '-', accents composed (NFC).": (
        "Les caractères cachés sont signalés comme par la vérification hidden-characters, mais un trait "
        "d’union conditionnel ou une puce à usage privé sont ici des erreurs. La typographie française "
        "(espaces insécables avant ; : ! ?, « », ’, –, œ) n’est jamais signalée. Avec --fix, le texte est "
        "affiché nettoyé : mojibake réparé, caractères invisibles retirés, puces changées en « - », accents "
        "composés (NFC)."
    ),
    "Exit status: 0 no error, 1 an error remains (in the cleaned text with --fix), 2 the input cannot be read.": (
        "Code de sortie : 0 aucune erreur, 1 une erreur demeure (dans le texte nettoyé avec --fix), 2 l’entrée "
        "ne peut pas être lue."
    ),
    "Print the cleaned text on standard output (the report goes to stderr).": (
        "Afficher le texte nettoyé sur la sortie standard (le rapport va sur la sortie d’erreur)."
    ),
    "The form field's length limit.": "La longueur maximale du champ de formulaire.",
    # sections, cv (their help; their reports are converted with those commands)
    "Show the sections of PDF dossiers: name, pages, how each was found, title as printed.": (
        "Afficher les parties des dossiers PDF : nom, pages, comment chacune a été trouvée, titre tel qu’imprimé."
    ),
    "Exit status: 0 every file was read, 1 a file could not be read, 2 usage or configuration error.": (
        "Code de sortie : 0 tous les fichiers ont été lus, 1 un fichier n’a pas pu être lu, 2 erreur "
        "d’utilisation ou de configuration."
    ),
    "Rule set whose section titles to use (default: the configured one).": (
        "Jeu de règles dont les titres de parties sont utilisés (par défaut : celui de la configuration)."
    ),
    "Print the CV's timeline: each dated entry, and each gap with its level.": (
        "Afficher la chronologie du CV : chaque entrée datée, et chaque interruption avec son niveau."
    ),
    "A stand-alone CV is read whole; in a dossier, the CV section is found by its title or by its headings "
    "(Formation, Expérience...). Exit status: 0 no gap at error level, 1 a gap at error level or no CV dates, "
    "2 usage error or unreadable file.": (
        "Un CV seul est lu en entier ; dans un dossier, la partie CV est trouvée par son titre ou par ses "
        "intertitres (Formation, Expérience…). Code de sortie : 0 aucune interruption au niveau erreur, 1 une "
        "interruption au niveau erreur ou aucune date dans le CV, 2 erreur d’utilisation ou fichier illisible."
    ),
    "Rule set whose cv-date-gaps options to use (default: the configured one).": (
        "Jeu de règles dont les options de cv-date-gaps sont utilisées (par défaut : celui de la configuration)."
    ),
    "Month that open ranges ('since 2020') run to. Default: today.": (
        "Mois où s’arrêtent les périodes ouvertes (« depuis 2020 »). Par défaut : aujourd’hui."
    ),
    'The CV\'s pages (e.g. 2-4), when the tool does not find them; same as [sections] cv = "2-4".': (
        'Les pages du CV (par exemple 2-4), quand l’outil ne les trouve pas ; comme [sections] cv = "2-4".'
    ),
    "Report format: text, json, jsonl (one line per file), sarif (2.1.0), junit (XML), github (annotations), "
    "markdown (job summary), html (one self-contained page).": (
        "Format du rapport : text, json, jsonl (une ligne par fichier), sarif (2.1.0), junit (XML), github "
        "(annotations), markdown (résumé de tâche), html (une page autonome)."
    ),
    # preflight report (preflight/commands/report.py)
    "Check a PDF dossier and write a self-contained HTML report to open in a browser.": (
        "Vérifier un dossier PDF et écrire un rapport HTML autonome, à ouvrir dans un navigateur."
    ),
    "The report shows the verdict, every rule, the pages with each problem marked, the sections, the CV timeline "
    "and what takes the file's size. It is one file that needs no network (images and styles are inside it). "
    "Exit status: 0 the file passed, 1 a rule failed, 2 usage or configuration error, 3 a check crashed.": (
        "Le rapport montre le verdict, chaque règle, les pages avec chaque problème encadré, les parties, la "
        "chronologie du CV et ce qui fait la taille du fichier. C’est un seul fichier, qui n’a besoin d’aucun réseau "
        "(images et styles sont dedans). Code de sortie : 0 le fichier est conforme, 1 une règle a échoué, 2 erreur "
        "d’utilisation ou de configuration, 3 une vérification a planté."
    ),
    "Write the report to this file (default: DOSSIER.preflight.html beside the PDF).": (
        "Écrire le rapport dans ce fichier (par défaut : DOSSIER.preflight.html à côté du PDF)."
    ),
    "Open the report in the default browser.": "Ouvrir le rapport dans le navigateur par défaut.",
    "Quote the dossier's text and show its pages (default: yes, except in CI).": (
        "Citer le texte du dossier et montrer ses pages (par défaut : oui, sauf en CI)."
    ),
    "Check the file again instead of reusing cached outcomes.": (
        "Vérifier de nouveau le fichier au lieu de réutiliser les résultats en cache."
    ),
    "Compare each PDF with its version at git revision REF (e.g. HEAD, HEAD~1, a tag): pages per section, size, "
    "fonts, findings new and fixed (read with 'git show', nothing is checked out).": (
        "Comparer chaque PDF à sa version à la révision git REF (par exemple HEAD, HEAD~1, une étiquette) : pages "
        "par partie, taille, polices, problèmes nouveaux et corrigés (lu avec « git show », sans rien extraire)."
    ),
    "Point findings at the source's file:line: from a .synctex.gz beside the PDF, and by finding their text in "
    "the repository's .tex, .md, .txt and .docx files (default: SyncTeX when present; the text search with a "
    "dossier = [...] setting).": (
        "Relier les problèmes à la ligne du fichier source : d’après un .synctex.gz à côté du PDF, et en cherchant "
        "leur texte dans les fichiers .tex, .md, .txt et .docx du dépôt (par défaut : SyncTeX s’il est présent ; "
        "la recherche de texte avec un réglage dossier = [...])."
    ),
    "Quote the text around each character (default: yes, except in CI).": (
        "Citer le texte autour de chaque caractère (par défaut : oui, sauf en intégration continue)."
    ),
    "Compare two versions of a dossier: pages per section, size, fonts, findings new and fixed.": (
        "Comparer deux versions d’un dossier : pages par partie, taille, polices, problèmes nouveaux et corrigés."
    ),
    "Both are checked against the rule set; a finding is the same in both when its rule, message id and page "
    "are, or its rule, message id and arguments (numbers aside) on another page. Exit status: 0 the comparison "
    "was made (whatever changed), 2 usage or configuration error, or a file that does not open as a PDF.": (
        "Les deux versions sont vérifiées avec le jeu de règles ; un problème est le même dans les deux quand sa "
        "règle, son identifiant de message et sa page le sont, ou sa règle, son identifiant de message et ses "
        "arguments (nombres mis à part) sur une autre page. Code de sortie : 0 la comparaison a été faite (quels "
        "que soient les changements), 2 erreur d’utilisation ou de configuration, ou un fichier qui ne s’ouvre pas "
        "comme un PDF."
    ),
    "Rule set to check both versions against (default: the configured one).": (
        "Jeu de règles avec lequel vérifier les deux versions (par défaut : celui de la configuration)."
    ),
    "Quote the dossier's own text in the findings listed (default: yes, except in CI).": (
        "Citer le texte du dossier dans les problèmes listés (par défaut : oui, sauf en intégration continue)."
    ),
    "Language of the report.": "Langue du rapport.",
    "Sources of the dossier (.tex, .md, .txt, .docx): one FILE:LINE:COLUMN line per character found, at the "
    "hidden-characters check's levels (the default for several files).": (
        "Sources du dossier (.tex, .md, .txt, .docx) : une ligne FICHIER:LIGNE:COLONNE par caractère trouvé, aux "
        "niveaux de la vérification hidden-characters (par défaut avec plusieurs fichiers)."
    ),
    "Show the publication list: its groups, each entry's page and marks (submitted, bold name, metrics).": (
        "Afficher la liste des publications : ses groupes, la page de chaque entrée et ses marques (soumise, nom "
        "en gras, indicateurs bibliométriques)."
    ),
    "Rule set whose section titles and options to use (default: the configured one).": (
        "Jeu de règles dont prendre les intitulés de parties et les options (par défaut : celui de la configuration)."
    ),
    'Your name as the author lists write it, e.g. "Claire Dubois".': (
        "Votre nom tel que l’écrivent les listes d’auteurs, par exemple « Claire Dubois »."
    ),
    "Output format: text, or json (one serialisation of what the text shows).": (
        "Format de sortie : text, ou json (ce que montre le texte, en données)."
    ),
    # issue 16
    "Time limit per file: a file that takes longer fails pdf-readable (0: no limit).": (
        "Limite de temps par fichier : un fichier plus long à vérifier échoue à pdf-readable (0 : aucune limite)."
    ),
}


def _key(text: str) -> str:
    """Paragraphs with their inner whitespace collapsed: the form the help tables are keyed by."""
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in re.split(r"\n\s*\n", text.strip()))


HELP_FR = {_key(english): typeset_french(french) for english, french in _HELP_FR.items()}
"""Our help texts, English paragraph (whitespace collapsed) -> French, typeset."""


DECLARED_ONCE = frozenset(
    {
        "Show this message and exit.",
        "Show the version and exit.",
        "Confirm the action without prompting.",
        "Do you want to continue?",
        "file",
        "directory",
        "path",
    }
)
"""Click's words that it looks up once, when an option is declared or first made (the help option is cached),
and keeps: gettext leaves them in English, whatever the language of the moment, and the help page translates
them when it is written. Otherwise the first run's language would stick for the rest of the process."""


def gettext(message: str) -> str:
    """Click's ``_()``: the French of click's text in a French run, the text itself otherwise."""
    if get_language() == "fr" and message not in DECLARED_ONCE:
        return CLICK_FR.get(message, message)
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Click's ``ngettext()``, with French plural rules (0 and 1 are singular) in a French run."""
    if get_language() == "fr" and (singular, plural) in CLICK_PLURALS_FR:
        one, other = CLICK_PLURALS_FR[(singular, plural)]
        return one if plural_category(count, "fr") == "one" else other
    return singular if count == 1 else plural


def typeset(text: str) -> str:
    """Text written elsewhere (a check's French summary and documentation) with French typography in French."""
    return typeset_french(text) if get_language() == "fr" else text


def translate_help(text: str) -> str:
    """One of our help texts (or click's) in the run's language; each paragraph is looked up on its own."""
    if get_language() != "fr" or not text:
        return text
    whole = _key(text)
    if whole in HELP_FR:
        return HELP_FR[whole]
    if whole in CLICK_FR:
        return CLICK_FR[whole]
    paragraphs = whole.split("\n\n")
    return "\n\n".join(HELP_FR.get(paragraph, CLICK_FR.get(paragraph, paragraph)) for paragraph in paragraphs)


def _translate_row_help(text: str) -> str:
    """An option's help as click lays it out: "help text  [default: 300]" (the bracket is click's, translated)."""
    head, separator, extra = text.rpartition("  [")
    if separator and extra.endswith("]"):
        if get_language() == "fr":
            extra = extra.replace("; ", f"{NNBSP}; ")
        return f"{translate_help(head)}{separator}{extra}" if head else text
    if get_language() == "fr" and text.endswith("...") and _key(text) not in HELP_FR:
        # a command's one-line help that click shortened to fit: the French of the sentence it starts
        start = _key(text)[:-3]
        for english, french in HELP_FR.items():
            if english.startswith(start):
                return french
    return translate_help(text)


METAVARS_FR = {
    "FILE": "FICHIER",
    "DIRECTORY": "DOSSIER",
    "PATH": "CHEMIN",
    "TEXT": "TEXTE",
    "INTEGER RANGE": "ENTIER",
    "INTEGER": "ENTIER",
    "FLOAT RANGE": "NOMBRE",
    "FLOAT": "NOMBRE",
    "RULE": "RÈGLE",
    "NAME": "NOM",
}
"""Click's metavars of parameter types, as the options' column of a French help page shows them."""
USAGE_FR = {
    "COMMAND": "COMMANDE",
    "[ARGS]...": "[ARGUMENTS]...",
    "FILE": "FICHIER",
    "FILE...": "FICHIER...",
    "PATH": "CHEMIN",
    "PATHS...": "CHEMINS...",
    "RULE_ID": "RÈGLE",
}
"""The words of a usage line (``preflight fix [OPTIONS] PATH``) that a French help page translates."""
_METAVAR = re.compile(r"(?<= )(" + "|".join(METAVARS_FR) + r")$")


def _translate_term(term: str) -> str:
    return _METAVAR.sub(lambda match: METAVARS_FR[match.group(1)], term) if get_language() == "fr" else term


class HelpFormatter(click.HelpFormatter):
    """Click's formatter, with our help texts and section headings in the run's language."""

    def write_text(self, text: str) -> None:
        super().write_text(translate_help(text))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        translated = [(_translate_term(term), _translate_row_help(help)) for term, help in rows]
        super().write_dl(translated, col_max, col_spacing)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if get_language() == "fr":
            args = " ".join(USAGE_FR.get(word, word) for word in args.split(" "))
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        if get_language() == "fr":
            self.write(f"{'':>{self.current_indent}}{gettext(heading)}{NNBSP}:\n")
        else:
            super().write_heading(heading)


_installed = False


def install() -> None:
    """Route click's ``_`` / ``ngettext`` and its help formatter through the tables above (idempotent).

    The click modules already imported are patched now; the ones click imports only when it needs them
    (the progress bar's, shell completion's) are patched as they are imported, so that a run never pays
    for importing them."""
    global _installed
    if _installed:
        return
    later = []
    for name in CLICK_MODULES:
        module = sys.modules.get(name)
        if module is None:
            later.append(name)
        else:
            _route(module)
    sys.meta_path.insert(0, _RouteOnImport(later))
    click.Context.formatter_class = HelpFormatter
    for parameter_class in (click.core.Parameter, click.core.Argument):
        parameter_class.get_error_hint = _french_hint(parameter_class.get_error_hint)  # type: ignore[method-assign]
    _installed = True


def _route(module: Any) -> None:
    if hasattr(module, "_"):
        module._ = gettext
    if hasattr(module, "ngettext"):
        module.ngettext = ngettext


class _RouteOnImport:
    """A finder that lets the usual finders find the click modules named, and routes each once it has run."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = set(names)

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name not in self.names:
            return None
        self.names.discard(name)
        import importlib.util

        spec = importlib.util.find_spec(name)  # the usual finders: this one no longer answers for ``name``
        loader = spec.loader if spec is not None else None
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        run = loader.exec_module

        def exec_module(module: Any) -> None:
            run(module)
            _route(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]  # this spec's own loader
        return spec


def _french_hint(original: Any) -> Any:
    """'PATHS...' / '--format' in an error, as the French usage line names it: « CHEMINS... », « --format »."""

    def get_error_hint(self: click.Parameter, ctx: click.Context | None) -> str:
        hint = str(original(self, ctx))
        if get_language() != "fr":
            return hint
        return re.sub(r"'([^']*)'", lambda match: f"«{NNBSP}{USAGE_FR.get(match[1], match[1])}{NNBSP}»", hint)

    return get_error_hint


def language_from_arguments(args: Iterable[str]) -> str | None:
    """The last ``--lang X`` / ``--lang=X`` before ``--`` (what click will parse), if it names a language."""
    chosen: str | None = None
    items = list(args)
    for index, item in enumerate(items):
        if item == "--":
            break
        if item == "--lang" and index + 1 < len(items):
            value: str | None = items[index + 1]
        elif item.startswith("--lang="):
            value = item.partition("=")[2]
        else:
            continue
        if value in LANGUAGES:
            chosen = value
    return chosen


def choose_language(args: Sequence[str] | None) -> str:
    """The run's language: ``--lang`` on the command line, else the environment; set for the whole run."""
    language = language_from_arguments(sys.argv[1:] if args is None else args) or language_from_environment()
    set_language(language)
    return language


class LanguageGroup(LazyGroup):
    """The `preflight` group: chooses the run's language before click parses the command line."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        install()
        choose_language(args)
        return super().main(args, *rest, **kwargs)


def run_language_chosen() -> bool:
    """Whether this process's command line went through :class:`LanguageGroup` (which chose the language)."""
    context = click.get_current_context(silent=True)
    return context is not None and isinstance(context.find_root().command, LanguageGroup)
