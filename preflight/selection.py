"""Which PDFs are the dossier: ``dossier = ["build/dossier.pdf"]`` in preflight.toml (globs allowed).

A dossier repository also holds figures, articles and letters as PDFs; they are not the dossier, and the
rule set would fail them (a one-page figure has no project section). With a ``dossier`` setting, ``preflight
check`` checks the files it matches against the rule set and leaves the other PDFs alone, or checks them
against the ``portal`` rule set only (``other-pdfs = "portal"``). Without it, every PDF given is checked.

Patterns are relative to the configuration file's folder and use ``/``: ``*`` is any name part, ``?`` one
character, ``**`` any number of folders (``build/**/*.pdf``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from preflight.rulesets import ConfigError

if TYPE_CHECKING:
    from preflight.config import UserConfig

DOSSIER_KEY = "dossier"
OTHERS_KEY = "other-pdfs"
OTHERS_CHOICES = ("skip", "portal")
OTHERS_PROFILE = "portal"


@dataclass(frozen=True)
class Selection:
    patterns: tuple[str, ...]
    base: Path
    others: str = "skip"

    def matches(self, path: str) -> bool:
        relative = _relative(Path(path), self.base)
        return relative is not None and any(_compile(pattern).fullmatch(relative) for pattern in self.patterns)

    def split(self, files: Sequence[str]) -> tuple[list[str], list[str]]:
        """(the dossier's files, the other PDFs), each in the given order."""
        dossiers = [path for path in files if self.matches(path)]
        return dossiers, [path for path in files if path not in dossiers]


def selection(user: UserConfig) -> Selection | None:
    """The configuration's ``dossier`` setting, or None when it has none (every PDF is a dossier)."""
    values = user.values
    where = user.path or "configuration"
    if DOSSIER_KEY not in values:
        if OTHERS_KEY in values:
            raise ConfigError(where, f"{OTHERS_KEY} needs a {DOSSIER_KEY} setting (the dossier's files)")
        return None
    raw = values[DOSSIER_KEY]
    patterns = [raw] if isinstance(raw, str) else raw
    if not isinstance(patterns, list) or not patterns or not all(isinstance(item, str) and item for item in patterns):
        raise ConfigError(where, f'{DOSSIER_KEY} must be a list of paths or globs, e.g. ["build/dossier.pdf"]')
    others = values.get(OTHERS_KEY, "skip")
    if others not in OTHERS_CHOICES:
        raise ConfigError(where, f"{OTHERS_KEY} must be one of {', '.join(repr(c) for c in OTHERS_CHOICES)}")
    base = Path(user.path.split(" [")[0]).parent if user.path else Path.cwd()
    return Selection(tuple(item.replace("\\", "/").removeprefix("./") for item in patterns), base, others)


def _relative(path: Path, base: Path) -> str | None:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError):
        return None


def _compile(pattern: str) -> re.Pattern[str]:
    out = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:[^/]+/)*")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return re.compile("".join(out))


MESSAGES: dict[str, dict[str, str]] = {
    "selection.left-alone": {
        "en": "preflight: {path} is not the dossier (dossier = {patterns:quoted-list} in {config}): not checked",
        "fr": (
            "preflight : {path} n’est pas le dossier (dossier = {patterns:quoted-list} dans {config}) : non vérifié"
        ),
    },
    "selection.portal-only": {
        "en": "preflight: {path} is not the dossier (dossier = {patterns:quoted-list} in {config}): checked "
        "against the {profile:quote} rule set only",
        "fr": (
            "preflight : {path} n’est pas le dossier (dossier = {patterns:quoted-list} dans {config}) : "
            "vérifié avec le seul jeu de règles {profile:quote}"
        ),
    },
    "selection.none": {
        "en": "preflight: none of the PDFs given is the dossier (dossier = {patterns:quoted-list} in {config}): "
        "nothing to check",
        "fr": (
            "preflight : aucun des PDF donnés n’est le dossier (dossier = {patterns:quoted-list} dans {config}) : "
            "rien à vérifier"
        ),
    },
}


def say(message_id: str, **args: object) -> str:
    from preflight.i18n import get_language
    from preflight.messages import render_template

    return render_template(MESSAGES, message_id, args, get_language())


def others_config(user: UserConfig) -> UserConfig:
    """The configuration for the other PDFs: the ``portal`` rule set with the user's settings of its rules only
    (a dossier's ``[rules.cv-date-gaps]`` or ``ignore = ["orcid"]`` is not an error there)."""
    import dataclasses

    known = portal_rules()
    values = {key: value for key, value in user.values.items() if key not in ("profile", "select", "ignore", "rules")}
    rules = user.values.get("rules")
    if isinstance(rules, dict):
        values["rules"] = {rule: table for rule, table in rules.items() if rule in known}
    for key in ("select", "ignore"):
        entries = user.values.get(key)
        if isinstance(entries, list):
            kept = keep_known(entries)
            if kept:
                values[key] = kept
    return dataclasses.replace(user, values=values)


def portal_rules() -> set[str]:
    from preflight.rulesets import load_raw_rule_set

    return set(load_raw_rule_set(OTHERS_PROFILE)[0]["rules"])


def keep_known(entries: Sequence[object]) -> list[str]:
    """The rule ids (or "rule/message-id") of ``entries`` that the portal rule set has."""
    known = portal_rules()
    return [entry for entry in entries if isinstance(entry, str) and entry.partition("/")[0] in known]
