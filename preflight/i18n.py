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
            "Écritures inachevées\u202f: {count} fichiers temporaires (supprimés quand le cache est élagué)"
        ),
        "cache.caps": (
            "Élagué une fois par jour\u202f: les entrées de plus de {days} jours, puis les plus anciennes "
            "au-delà de {size}"
        ),
        "cache.disabled": "--no-cache ne l’utilise pas\u202f; {env} choisit un autre dossier.",
        "cache.cleared": "{count} entrées supprimées ({size}) de {path}",
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
