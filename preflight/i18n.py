"""The tool's own words in English and French: a small catalogue, one dict per language.

Checks write their own messages; a check may offer French for its summary and documentation with the
optional module attributes ``SUMMARY_FR`` and ``DOC_FR``, and may word its messages with ``t()`` after
adding its ids here. The language comes from ``--lang``, or from the locale (LC_ALL, LC_MESSAGES, LANG).
"""

from __future__ import annotations

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
        "level.errors": "errors",
        "level.warning": "warning",
        "level.warnings": "warnings",
        "level.info": "info",
        # text report
        "text.pages": "{count} pages",
        "text.page-one": "1 page",
        "text.megabytes": "{size:.1f} MB",
        "text.passed": "PASSED",
        "text.failed": "FAILED",
        "text.rules-line": "{count} rules, {parts}",
        "text.count-failed": "{count} failed",
        "text.count-crashed": "{count} crashed",
        "text.count-warned": "{count} with warnings",
        "text.count-passed": "{count} passed",
        "text.count-skipped": "{count} skipped",
        "text.more": "… and {count} more (--verbose shows all)",
        "text.page": "page {page}",
        "text.page-short": "p.{page}",
        "text.whole-file": "file",
        "text.files-line": "{count} files checked with rule set '{profile}': {passed} passed, {verdict}",
        "text.file-line": "1 file checked with rule set '{profile}': {verdict}",
        "text.all-passed": "all passed",
        "text.n-failed": "{count} failed",
        "text.by-rule": "failures per rule: {parts}",
        "text.strict": " (strict: warnings fail)",
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
        "cli.unknown-rule": "preflight: unknown rule '{rule}' (known: {known})",
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
        "cache.temporary": "Unfinished writes: {count} temporary files (removed when the cache is pruned)",
        "cache.caps": "Pruned once a day: entries older than {days} days, then the oldest beyond {size}",
        "cache.disabled": "--no-cache does not use it; {env} chooses another folder.",
        "cache.cleared": "Removed {count} entries ({size}) from {path}",
    },
    "fr": {
        "engine.not-readable": "non vérifiée : le fichier ne peut pas être lu comme un PDF (voir pdf-readable)",
        "engine.crashed": (
            "la vérification a planté ({error}, à {where}) ; les autres règles ont été appliquées. "
            "Merci de le signaler, avec le fichier si vous pouvez le partager."
        ),
        "engine.findings": "{count} problèmes ({parts})",
        "level.error": "erreur",
        "level.errors": "erreurs",
        "level.warning": "avertissement",
        "level.warnings": "avertissements",
        "level.info": "info",
        "text.pages": "{count} pages",
        "text.page-one": "1 page",
        "text.megabytes": "{size:.1f} Mo",
        "text.passed": "RÉUSSI",
        "text.failed": "ÉCHEC",
        "text.rules-line": "{count} règles : {parts}",
        "text.count-failed": "{count} en échec",
        "text.count-crashed": "{count} en panne",
        "text.count-warned": "{count} avec avertissements",
        "text.count-passed": "{count} réussies",
        "text.count-skipped": "{count} non applicables",
        "text.more": "… et {count} de plus (--verbose les montre tous)",
        "text.page": "page {page}",
        "text.page-short": "p.{page}",
        "text.whole-file": "fichier",
        "text.files-line": "{count} fichiers vérifiés avec le jeu de règles '{profile}' : {passed} réussis, {verdict}",
        "text.file-line": "1 fichier vérifié avec le jeu de règles '{profile}' : {verdict}",
        "text.all-passed": "tous réussis",
        "text.n-failed": "{count} en échec",
        "text.by-rule": "échecs par règle : {parts}",
        "text.strict": " (strict : les avertissements font échouer)",
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
        "cli.cannot-write": "preflight : impossible d'écrire {path} : {error}",
        "cli.unknown-rule": "preflight : règle inconnue '{rule}' (connues : {known})",
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
            "Écritures inachevées\u202f: {count} fichiers temporaires (supprimés quand le cache est élagué)"
        ),
        "cache.caps": (
            "Élagué une fois par jour\u202f: les entrées de plus de {days} jours, puis les plus anciennes "
            "au-delà de {size}"
        ),
        "cache.disabled": "--no-cache ne l'utilise pas\u202f; {env} choisit un autre dossier.",
        "cache.cleared": "{count} entrées supprimées ({size}) de {path}",
    },
}

_current = DEFAULT_LANGUAGE


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for: the first of LC_ALL, LC_MESSAGES, LANG that is set."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "fr" if value.lower().startswith("fr") else DEFAULT_LANGUAGE
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


def t(message_id: str, /, language: str | None = None, **values: object) -> str:
    """The message in the current (or given) language, filled in with ``values``."""
    table = CATALOGUE[language or _current]
    template = table.get(message_id) or CATALOGUE[DEFAULT_LANGUAGE][message_id]
    return template.format(**values) if values else template
