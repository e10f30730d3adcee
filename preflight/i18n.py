"""The tool's own words in English and French: a small catalogue, one dict per language.

Checks write their own messages; a check may offer French for its summary and documentation with the
optional module attributes ``SUMMARY_FR`` and ``DOC_FR``, and may word its messages with ``t()`` after
adding its ids here. The language comes from ``--lang``, or from the locale (LC_ALL, LC_MESSAGES, LANG).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        # engine
        "engine.not-readable": "not checked: the file cannot be read as a PDF (see pdf-readable)",
        "engine.crashed": (
            "the check crashed ({error}, at {where}); the other rules still ran. "
            "Please report this with the file if you can share it."
        ),
        "engine.findings": "{count} findings ({parts})",
        "level.error": "error",
        "level.warning": "warning",
        "level.info": "info",
        "level.count-error": "{count:plural:# error|# errors}",
        "level.count-warning": "{count:plural:# warning|# warnings}",
        "level.count-info": "{count:plural:# note|# notes}",
        # text report
        "text.pages": "{count:plural:# page|# pages}",
        "text.size": "{size:size}",
        "text.passed": "PASSED",
        "text.failed": "FAILED",
        "text.rules-line": "{count:plural:# rule|# rules}: {parts}",
        "text.count-failed": "{count} failed",
        "text.count-crashed": "{count} crashed",
        "text.count-warned": "{count:plural:# with warnings|# with warnings}",
        "text.count-passed": "{count} passed",
        "text.count-skipped": "{count} skipped",
        "status.pass": "PASS",
        "status.fail": "FAIL",
        "status.warn": "WARN",
        "status.info": "INFO",
        "status.skip": "SKIP",
        "status.error": "ERROR",
        "text.more": "… and {count} more (--verbose shows all)",
        "text.page": "page {page}",
        "text.page-short": "p.{page}",
        "text.pages-short": "pp.{pages}",
        "text.same-kind": "(and {count:plural:# more page like it|# more pages like it}; --verbose shows each)",
        "text.verdict-line": "{verdict}: {rules}",
        "text.whole-file": "file",
        "text.files-line": "{count} files checked with rule set {profile:quote}: {passed} passed, {verdict}",
        "text.file-line": "1 file checked with rule set {profile:quote}: {verdict}",
        "text.all-passed": "all passed",
        "text.n-failed": "{count} failed",
        "text.by-rule": "failures per rule: {parts}",
        "text.strict": " (strict: warnings fail)",
        "github.fix": "Fix: {fix}",
        "github.crashed": "{rule} (crashed)",
        "github.summary": (
            "dossier-preflight {version}, rule set {profile:quote}: {count:plural:# file|# files} checked, "
            "{passed} passed, {failed} failed"
        ),
        "junit.fix": "fix: {fix}",
        # command line
        "cli.config-error": "preflight: configuration error: {error}",
        "cli.path-problem": "preflight: {problem}",
        "cli.path-unreadable": "cannot read folder {path} ({detail}): the PDFs in it are not checked",
        "cli.path-dangling": "{path} is a link to {detail}, which does not exist",
        "cli.path-loop": "{path} is a link loop (it leads back to {detail}): not followed",
        "engine.unsearched-fix": "Give this folder read permission, or remove or repair the link, then check again.",
        "cli.nothing-to-check": "preflight: nothing to check: {error}",
        "config.no-rules": (
            "no rule left to run with rule set '{profile}' ({reasons}). A run that checks nothing cannot pass: "
            'change --select and --ignore, or select, ignore and level = "off" in the configuration'
        ),
        "config.left-out-cli": "{rule}: ignored by --ignore",
        "config.left-out-ignored": "{rule}: ignored in {where}",
        "config.left-out-off": '{rule}: level = "off" in {where}',
        "config.left-out-none": "the rule set has no rules",
        "cli.no-pdf": "preflight: no PDF files found in {paths}",
        "cli.report-written": "preflight: {format} report written to {path}",
        "cli.cannot-write": "preflight: cannot write {path}: {error}",
        "cli.unknown-rule": "preflight: unknown rule {rule:quote} (known: {known})",
        "cli.defaults": "Defaults:",
        "cli.unknown-rule-in-set": "preflight: unknown rule '{rule}' in rule set '{profile}' (its rules: {known})",
        "cli.rule-header": "{rule} (rule set '{profile}', check {check})",
        "cli.rule-in-set": "Rule set '{profile}': level {level}",
        "cli.rule-source": "  source: {source} (verified {verified})",
        "cli.not-in-set": "Rule set '{profile}' does not run this check.",
        "cli.progress": "Checking",
        # preflight cache
        "cache.folder": "Cache folder: {path}",
        "cache.entries": "Entries: {count} ({size})",
        "cache.dates": "Oldest entry: {oldest}; newest: {newest}",
        "cache.temporary": (
            "Unfinished writes: {count:plural:# temporary file|# temporary files} (removed when the cache is pruned)"
        ),
        "cache.caps": "Pruned once a day: entries older than {days} days, then the oldest beyond {size}",
        "cache.disabled": "--no-cache does not use it; {env} chooses another folder.",
        "cache.cleared": "Removed {count:plural:# entry|# entries} ({size}) from {path}",
        # fix, text, init, cache, rules commands
        "cli.load-warning": "preflight: warning: {problem}",
        "cli.rules-header": "Rule set '{profile}': {title}",
        "cli.rules-description": "  ({description})",
        "cli.rule-reuses": " (check {check})",
        "cli.level-off": "off",
        "cli.explain-header": "{header}: {summary}",
        "init.head": (
            "# dossier-preflight configuration, read by 'preflight check' in this folder and below it.\n"
            "# Every setting is optional: remove the '#' in front of a line to use it.\n"
            "# 'preflight rules' lists the rules in force; 'preflight explain RULE' tells what a rule checks.\n"
            "\n"
            "# The rule set (competition) to check against: {available}.\n"
            'profile = "{profile}"\n'
            "\n"
            "# Run only some rules, or leave some out (rule ids as 'preflight rules' shows them):\n"
            '# select = ["fonts-embedded", "file-size"]\n'
            '# ignore = ["active-content"]\n'
        ),
        "init.rules-head": (
            '# Change a rule\'s level ("error", "warning", "info" or "off") or its options.\n'
            "# The values shown are the ones '{profile}' uses.\n"
        ),
        "init.sections-head": "# Section titles, as the rule set names them (used to find the dossier's sections):",
        "init.exists": "preflight: {path} already exists; use --force to overwrite it",
        "init.config-error": "preflight: configuration error: {error}",
        "init.cannot-write": "preflight: cannot write {path}: {error}",
        "init.wrote": "Wrote {path} (rule set '{profile}'). Run 'preflight check' on your PDF.",
        "text-command.fix-bullet": "Replace the bullet with '-' or '•' (or run with --fix, which uses '-').",
        "text-command.fix-private-use": (
            "Delete the private-use character (a Symbol/Wingdings glyph); type a real character instead."
        ),
        "text-command.fix-soft-hyphen": "Delete the optional hyphen (or run with --fix).",
        "text-command.cannot-read": "cannot read {source}: {error}",
        "text-command.is-pdf": "{source} is a PDF: run 'preflight check {source}' for a dossier",
        "text-command.is-doc": "{source} is an old Word .doc file: save it as .docx or as plain text (.txt) first",
        "text-command.not-utf8": (
            "the file is not UTF-8 (byte {byte} at offset {offset}); read it as Windows-1252. Save it as "
            "UTF-8 to be sure of its accents."
        ),
        "text-command.not-docx": "{source} is a ZIP archive but not a Word document (no word/document.xml)",
        "text-command.damaged-docx": "{source} is a damaged Word document: {error}",
        "text-command.times": "{count:plural:once|# times}",
        "text-command.line": "line {line}",
        "text-command.lines": "lines {lines}",
        "text-command.problem": "{what}, {times} ({where})",
        "text-command.too-long": (
            "the text is {length} characters long, over the field's limit of {limit} ({over} too many; line "
            "breaks count as one character)"
        ),
        "text-command.too-long.fix": "Shorten the text; the portal counts characters, spaces included, not bytes.",
        "text-command.length": "{count:plural:# character|# characters}",
        "text-command.limit": ", limit {limit}",
        "text-command.clean": "{name}: no hidden characters ({size})",
        "text-command.count-error": "{count:plural:# error|# errors}",
        "text-command.count-warning": "{count:plural:# warning|# warnings}",
        "text-command.count-info": "{count} info",
        "text-command.header": "{name}: {tally} ({size})",
        "text-command.stdin": "standard input",
        "text-command.note": "preflight: note: {note}",
        "text-command.fixed": "preflight: fixed {name}; before the fix:",
        "text-command.still": "preflight: the cleaned text still has problems:",
        "text-command.cleaned-name": "cleaned text",
    },
    "fr": {
        "engine.not-readable": "non vérifiée : le fichier ne peut pas être lu comme un PDF (voir pdf-readable)",
        "engine.crashed": (
            "la vérification a planté ({error}, à {where}) ; les autres règles ont été appliquées. "
            "Merci de le signaler, avec le fichier si vous pouvez le partager."
        ),
        "engine.findings": "{count} problèmes ({parts})",
        "level.error": "erreur",
        "level.warning": "avertissement",
        "level.info": "note",
        "level.count-error": "{count:plural:# erreur|# erreurs}",
        "level.count-warning": "{count:plural:# avertissement|# avertissements}",
        "level.count-info": "{count:plural:# note|# notes}",
        "text.pages": "{count:plural:# page|# pages}",
        "text.size": "{size:size}",
        "text.passed": "RÉUSSI",
        "text.failed": "ÉCHEC",
        "text.rules-line": "{count:plural:# règle|# règles} : {parts}",
        "text.count-failed": "{count} en échec",
        "text.count-crashed": "{count:plural:# en panne|# en panne}",
        "text.count-warned": "{count:plural:# avec avertissement|# avec avertissements}",
        "text.count-passed": "{count:plural:# réussie|# réussies}",
        "text.count-skipped": "{count:plural:# non applicable|# non applicables}",
        "status.pass": "RÉUSSI",
        "status.fail": "ÉCHEC",
        "status.warn": "AVERT.",
        "status.info": "NOTE",
        "status.skip": "IGNORÉ",
        "status.error": "ERREUR",
        "text.more": "… et {count:plural:# autre|# autres} (--verbose les montre tous)",
        "text.page": "page {page}",
        "text.page-short": "p.\u00a0{page}",
        "text.pages-short": "p.\u00a0{pages}",
        "text.same-kind": (
            "(et {count:plural:# autre page semblable|# autres pages semblables}\u202f; --verbose les montre toutes)"
        ),
        "text.verdict-line": "{verdict} — {rules}",
        "text.whole-file": "fichier",
        "text.files-line": (
            "{count} fichiers vérifiés avec le jeu de règles {profile:quote} : "
            "{passed:plural:# réussi|# réussis}, {verdict}"
        ),
        "text.file-line": "1 fichier vérifié avec le jeu de règles {profile:quote} : {verdict}",
        "text.all-passed": "tous réussis",
        "text.n-failed": "{count} en échec",
        "text.by-rule": "échecs par règle : {parts}",
        "text.strict": " (strict : les avertissements font échouer)",
        "github.fix": "Correction : {fix}",
        "github.crashed": "{rule} (en panne)",
        "github.summary": (
            "dossier-preflight {version}, jeu de règles {profile:quote} : {count:plural:# fichier vérifié|# fichiers "
            "vérifiés}, {passed:plural:# réussi|# réussis}, {failed} en échec"
        ),
        "junit.fix": "correction : {fix}",
        "cli.config-error": "preflight : erreur de configuration : {error}",
        "cli.path-problem": "preflight\u202f: {problem}",
        "cli.path-unreadable": ("impossible de lire le dossier {path} ({detail})\u202f: ses PDF ne sont pas vérifiés"),
        "cli.path-dangling": "{path} est un lien vers {detail}, qui n’existe pas",
        "cli.path-loop": "{path} est une boucle de liens (il ramène à {detail})\u202f: non suivi",
        "engine.unsearched-fix": (
            "Donnez le droit de lecture sur ce dossier, ou supprimez ou réparez le lien, puis vérifiez de nouveau."
        ),
        "cli.nothing-to-check": "preflight\u202f: rien à vérifier\u202f: {error}",
        "config.no-rules": (
            "aucune règle ne reste à appliquer avec le jeu de règles «\u202f{profile}\u202f» ({reasons}). Une "
            "vérification qui ne vérifie rien ne peut pas réussir\u202f: modifiez --select et --ignore, ou select, "
            'ignore et level = "off" dans la configuration'
        ),
        "config.left-out-cli": "{rule}\u202f: ignorée par --ignore",
        "config.left-out-ignored": "{rule}\u202f: ignorée dans {where}",
        "config.left-out-off": '{rule}\u202f: level = "off" dans {where}',
        "config.left-out-none": "le jeu de règles n’a aucune règle",
        "cli.no-pdf": "preflight : aucun fichier PDF trouvé dans {paths}",
        "cli.report-written": "preflight : rapport {format} écrit dans {path}",
        "cli.cannot-write": "preflight : impossible d’écrire {path} : {error}",
        "cli.unknown-rule": "preflight : règle inconnue {rule:quote} (règles connues : {known})",
        "cli.defaults": "Valeurs par défaut :",
        "cli.unknown-rule-in-set": (
            "preflight\u202f: règle inconnue «\u202f{rule}\u202f» dans le jeu de règles «\u202f{profile}\u202f» "
            "(ses règles\u202f: {known})"
        ),
        "cli.rule-header": "{rule} (jeu de règles «\u202f{profile}\u202f», vérification {check})",
        "cli.rule-in-set": "Jeu de règles «\u202f{profile}\u202f»\u202f: niveau {level}",
        "cli.rule-source": "  source\u202f: {source} (vérifiée en {verified})",
        "cli.not-in-set": "Le jeu de règles «\u202f{profile}\u202f» n’applique pas cette vérification.",
        "cli.progress": "Vérification",
        "cache.folder": "Dossier du cache\u202f: {path}",
        "cache.entries": "Entrées\u202f: {count} ({size})",
        "cache.dates": "Entrée la plus ancienne\u202f: {oldest}\u202f; la plus récente\u202f: {newest}",
        "cache.temporary": (
            "Écritures inachevées\u202f: {count:plural:# fichier temporaire|# fichiers temporaires} "
            "(supprimés quand le cache est élagué)"
        ),
        "cache.caps": (
            "Élagué une fois par jour\u202f: les entrées de plus de {days} jours, puis les plus anciennes "
            "au-delà de {size}"
        ),
        "cache.disabled": "--no-cache ne l’utilise pas\u202f; {env} choisit un autre dossier.",
        "cache.cleared": "{count:plural:# entrée supprimée|# entrées supprimées} ({size}) de {path}",
        # fix, text, init, cache, rules commands
        "cli.load-warning": "preflight : avertissement : {problem}",
        "cli.rules-header": "Jeu de règles « {profile} » : {title}",
        "cli.rules-description": "  ({description})",
        "cli.rule-reuses": " (vérification {check})",
        "cli.level-off": "désactivée",
        "cli.explain-header": "{header} : {summary}",
        "init.head": (
            "# Configuration de dossier-preflight, lue par `preflight check` dans ce dossier et ses "
            "sous-dossiers.\n"
            "# Chaque réglage est facultatif : retirez le « # » en début de ligne pour l’utiliser.\n"
            "# `preflight rules` liste les règles appliquées ; `preflight explain RÈGLE` dit ce que vérifie "
            "une règle.\n"
            "\n"
            "# Le jeu de règles (concours) à appliquer : {available}.\n"
            'profile = "{profile}"\n'
            "\n"
            "# N’appliquer que certaines règles, ou en laisser de côté (identifiants tels que `preflight "
            "rules` les affiche) :\n"
            '# select = ["fonts-embedded", "file-size"]\n'
            '# ignore = ["active-content"]\n'
        ),
        "init.rules-head": (
            '# Changez le niveau d’une règle ("error", "warning", "info" ou "off") ou ses options.\n'
            "# Les valeurs indiquées sont celles du jeu de règles « {profile} ».\n"
        ),
        "init.sections-head": (
            "# Titres des parties, tels que le jeu de règles les nomme (pour trouver les parties du dossier) :"
        ),
        "init.exists": "preflight : {path} existe déjà ; utilisez --force pour le remplacer",
        "init.config-error": "preflight : erreur de configuration : {error}",
        "init.cannot-write": "preflight : impossible d’écrire {path} : {error}",
        "init.wrote": "{path} écrit (jeu de règles « {profile} »). Lancez `preflight check` sur votre PDF.",
        "text-command.fix-bullet": "Remplacez la puce par « - » ou « • » (ou lancez avec --fix, qui met « - »).",
        "text-command.fix-private-use": (
            "Supprimez le caractère à usage privé (un glyphe Symbol/Wingdings) ; tapez un vrai caractère à la place."
        ),
        "text-command.fix-soft-hyphen": "Supprimez le trait d’union conditionnel (ou lancez avec --fix).",
        "text-command.cannot-read": "impossible de lire {source} : {error}",
        "text-command.is-pdf": "{source} est un PDF : lancez `preflight check {source}` pour un dossier",
        "text-command.is-doc": (
            "{source} est un ancien fichier Word .doc : enregistrez-le d’abord en .docx ou en texte brut (.txt)"
        ),
        "text-command.not-utf8": (
            "le fichier n’est pas en UTF-8 (octet {byte} à la position {offset}) ; il a été lu en "
            "Windows-1252. Enregistrez-le en UTF-8 pour être sûr de ses accents."
        ),
        "text-command.not-docx": "{source} est une archive ZIP mais pas un document Word (pas de word/document.xml)",
        "text-command.damaged-docx": "{source} est un document Word endommagé : {error}",
        "text-command.times": "{count:plural:une fois|# fois}",
        "text-command.line": "ligne {line}",
        "text-command.lines": "lignes {lines}",
        "text-command.problem": "{what}, {times} ({where})",
        "text-command.too-long": (
            "le texte compte {length} caractères, au-delà de la limite du champ de {limit} ({over:plural:# "
            "de trop|# de trop} ; un saut de ligne compte pour un caractère)"
        ),
        "text-command.too-long.fix": (
            "Raccourcissez le texte ; le portail compte les caractères, espaces compris, pas les octets."
        ),
        "text-command.length": "{count:plural:# caractère|# caractères}",
        "text-command.limit": ", limite {limit}",
        "text-command.clean": "{name} : aucun caractère caché ({size})",
        "text-command.count-error": "{count:plural:# erreur|# erreurs}",
        "text-command.count-warning": "{count:plural:# avertissement|# avertissements}",
        "text-command.count-info": "{count:plural:# note|# notes}",
        "text-command.header": "{name} : {tally} ({size})",
        "text-command.stdin": "entrée standard",
        "text-command.note": "preflight : note : {note}",
        "text-command.fixed": "preflight : texte corrigé ({name}) ; avant la correction :",
        "text-command.still": "preflight : le texte nettoyé a encore des problèmes :",
        "text-command.cleaned-name": "texte nettoyé",
    },
}

_current = DEFAULT_LANGUAGE


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for, in gettext's order: LANGUAGE (a list, "fr:en"), LC_ALL, LC_MESSAGES, LANG.

    The first variable that is set decides; LANGUAGE is read only when the locale is not "C" or "POSIX", as
    gettext does.
    """
    environ = os.environ if environ is None else environ
    locale_value = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    if environ.get("LANGUAGE") and locale_value.split(".")[0] not in ("C", "POSIX"):
        for entry in environ["LANGUAGE"].split(":"):
            code = entry[:2].lower()
            if code in LANGUAGES:
                return code
    if locale_value:
        return "fr" if locale_value.lower().startswith("fr") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def resolve_language(choice: str | None, environ: Mapping[str, str] | None = None) -> str:
    return choice if choice in LANGUAGES else language_from_environment(environ)


def set_language(language: str) -> None:
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (expected {', '.join(LANGUAGES)})")
    _current = language


def get_language() -> str:
    return _current


@functools.cache
def by_id() -> dict[str, dict[str, str]]:
    """The catalogue as preflight.messages reads catalogues: message id -> language -> template."""
    entries: dict[str, dict[str, str]] = {}
    for language, table in CATALOGUE.items():
        for message_id, template in table.items():
            entries.setdefault(message_id, {})[language] = template
    return entries


def t(message_id: str, /, language: str | None = None, **values: object) -> str:
    """The message in the current (or given) language, filled in with ``values`` (see preflight.messages)."""
    from preflight.messages import render_template

    return render_template(by_id(), message_id, values, language or _current)
