"""User configuration: preflight.toml, or [tool.dossier-preflight] in pyproject.toml.

Found from the current directory upward (the first folder holding either wins), or named with
--config. It picks a rule set, changes options and levels, and selects or ignores rules.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from preflight.model import Level, OptionError
from preflight.rulesets import (
    COMMAND_LINE_IGNORE,
    DEFAULT_PROFILE,
    ConfigError,
    NoRulesError,
    Rule,
    RuleSet,
    build_rule,
    load_raw_rule_set,
    merge_rules,
    read_toml,
)

if TYPE_CHECKING:
    from preflight.checks import Registry

CONFIG_NAME = "preflight.toml"
PYPROJECT_TABLE = "dossier-preflight"
USER_KEYS = frozenset({"profile", "select", "ignore", "rules", "sections"})
# Which PDFs are the dossier, and what becomes of the others (preflight.selection).
USER_KEYS = USER_KEYS | {"dossier", "other-pdfs"}
MAX_DEPTH = 16
"""Tables and arrays nested deeper than this are no configuration of ours (and would exhaust the stack)."""


@dataclass(frozen=True)
class UserConfig:
    path: str | None = None
    values: dict[str, Any] = field(default_factory=dict)


def find_config(start: Path) -> UserConfig:
    """The nearest preflight.toml or pyproject.toml with our table, from start upward."""
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return UserConfig(str(candidate), read_user_toml(candidate))
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _may_hold_our_table(pyproject):
            table = read_user_toml(pyproject).get("tool", {}).get(PYPROJECT_TABLE)
            if table is not None:
                return UserConfig(f"{pyproject} [tool.{PYPROJECT_TABLE}]", table)
    return UserConfig()


def _may_hold_our_table(pyproject: Path) -> bool:
    """False when the file cannot hold a [tool.preflight] table, the word being nowhere in it.

    Most projects' pyproject.toml is not ours: a run from such a folder then neither imports nor runs a TOML
    parser (and a broken pyproject.toml of another tool's is not our configuration error)."""
    try:
        return PYPROJECT_TABLE.encode() in pyproject.read_bytes()
    except OSError:
        return True  # read_user_toml says what is wrong


def load_config(path: Path) -> UserConfig:
    if not path.is_file():
        raise ConfigError(str(path), "config.no-such-file")
    data = read_user_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get(PYPROJECT_TABLE)
        if table is None:
            raise ConfigError(str(path), "config.no-pyproject-table", table=PYPROJECT_TABLE)
        return UserConfig(f"{path} [tool.{PYPROJECT_TABLE}]", table)
    return UserConfig(str(path), data)


def _split_message_ids(entries: Sequence[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Whole rules, and (rule, message id) pairs written "rule/message-id"."""
    rules: list[str] = []
    messages: list[tuple[str, str]] = []
    for entry in entries:
        rule_id, slash, message_id = entry.partition("/")
        if slash:
            messages.append((rule_id, message_id))
        else:
            rules.append(entry)
    return rules, messages


def _muted_messages(
    rules: Sequence[Rule],
    registry: Registry,
    entries: Sequence[tuple[str, tuple[str, str]]],
    muted: dict[str, set[str]] | None = None,
) -> dict[str, set[str]]:
    """Rule id -> message ids to leave out; an unknown rule or message id is a configuration error."""
    from preflight.messages import SHARED

    muted = {key: set(value) for key, value in (muted or {}).items()}
    by_id = {rule.id: rule for rule in rules}
    for where, (rule_id, message_id) in entries:
        rule = by_id.get(rule_id)
        if rule is None:
            raise ConfigError(
                where, "config.unknown-muted-rule", rule=rule_id, message_id=message_id, known=", ".join(sorted(by_id))
            )
        known = [key for key in registry.checks[rule.check].messages if not key.endswith(".fix")]
        if message_id not in known and message_id not in SHARED:
            raise ConfigError(
                where, "config.unknown-message", rule=rule_id, message_id=message_id, known=", ".join(sorted(known))
            )
        muted.setdefault(rule_id, set()).add(message_id)
    return muted


def read_user_toml(path: Path) -> dict[str, Any]:
    """A configuration file's tables; whatever is wrong with its bytes or its shape is a ConfigError (exit 2)."""
    try:
        data = read_toml(path)
    except UnicodeDecodeError as exc:
        raise ConfigError(
            str(path), "config.not-utf8", byte=f"{exc.object[exc.start]:02X}", offset=str(exc.start)
        ) from None
    except RecursionError:
        raise ConfigError(str(path), "config.too-deep", depth=MAX_DEPTH) from None
    except ValueError as exc:  # tomllib rejects some values (a date out of range) with a plain ValueError
        raise ConfigError(str(path), "config.not-toml", error=str(exc)) from None
    if _depth(data) > MAX_DEPTH:
        raise ConfigError(str(path), "config.too-deep", depth=MAX_DEPTH)
    return data


def _depth(value: Any, limit: int = MAX_DEPTH + 1) -> int:
    """How deep tables and arrays nest in value, counted up to limit (iteratively: no recursion to exhaust)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth + 1)
            if deepest >= limit:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def resolve_rule_set(
    registry: Registry,
    user: UserConfig,
    profile: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> RuleSet:
    """The rules to run: the profile's, with the user's changes, in the rule set's order."""
    where = user.path or "configuration"
    values = user.values
    unknown = sorted(set(values) - USER_KEYS)
    if unknown:
        raise ConfigError(where, "config.unknown-key", key=unknown[0], allowed=", ".join(sorted(USER_KEYS)))
    chosen = profile or values.get("profile") or DEFAULT_PROFILE
    if not isinstance(chosen, str):
        raise ConfigError(where, "config.profile-not-name")
    merged, files = load_raw_rule_set(chosen)
    rule_tables: dict[str, dict[str, Any]] = merged["rules"]
    if "rules" in values:
        merge_rules(rule_tables, values["rules"], where)
    sections = dict(merged.get("sections", {}))
    user_sections = values.get("sections", {})
    if not isinstance(user_sections, dict):
        raise ConfigError(where, "config.sections-not-table")
    sections.update(user_sections)
    from preflight.sections import TITLES_KEY, parse_config

    try:
        parse_config(sections)
    except OptionError as exc:
        raise ConfigError(
            where, "config.sections-invalid", exc.catalogue, problem=exc.message_id, **exc.values
        ) from None
    except ValueError as exc:
        raise ConfigError(where, str(exc)) from None

    rules = [build_rule(rule_id, table, registry) for rule_id, table in rule_tables.items()]
    _check_section_names(user_sections, merged.get("sections", {}).get(TITLES_KEY, {}), rules, where, TITLES_KEY)
    known_ids = {rule.id for rule in rules}
    config_select = _string_list(values.get("select", []), where, "select")
    config_ignore = _string_list(values.get("ignore", []), where, "ignore")
    # "rule/message-id" in ignore leaves out one kind of finding of a rule, not the rule.
    config_ignore, config_muted = _split_message_ids(config_ignore)
    ignore, cli_muted = _split_message_ids(list(ignore))
    muted = _muted_messages(rules, registry, [(where, item) for item in config_muted] if not select else [])
    muted = _muted_messages(rules, registry, [("command line", item) for item in cli_muted], muted)
    rules = [dataclasses.replace(rule, muted=frozenset(muted.get(rule.id, ()))) for rule in rules]
    for rule_id in [*config_select, *config_ignore, *select, *ignore]:
        if rule_id not in known_ids:
            raise ConfigError(
                where if rule_id not in (*select, *ignore) else "command line",
                "config.unknown-selected-rule",
                rule=rule_id,
                profile=chosen,
                known=", ".join(sorted(known_ids)),
            )
    # The command line wins over the configuration, as ruff's does: --select replaces the configuration's
    # select and ignore; --ignore adds to what the configuration selects.
    ignored_in: dict[str, str] = {}
    if select:
        selected = list(select)
    else:
        selected = config_select
        ignored_in.update(dict.fromkeys(config_ignore, where))
    ignored_in.update(dict.fromkeys(ignore, COMMAND_LINE_IGNORE))
    candidates = [rule for rule in rules if not selected or rule.id in selected]
    kept = [rule for rule in candidates if rule.id not in ignored_in and rule.level is not Level.OFF]
    if not kept:
        # A run that checks nothing must not pass: say which rule went where.
        raise NoRulesError(
            chosen,
            [
                (rule.id, COMMAND_LINE_IGNORE, COMMAND_LINE_IGNORE)
                if ignored_in.get(rule.id) == COMMAND_LINE_IGNORE
                else (rule.id, "ignored", ignored_in[rule.id])
                if rule.id in ignored_in
                else (rule.id, "off", str(rule_tables[rule.id].get("_where", where)))
                for rule in candidates
            ],
        )
    rules = kept
    title = str(merged["rule-set"].get("name", chosen))
    return RuleSet(
        name=chosen,
        title=title,
        rules=tuple(rules),
        sections=sections,
        files=tuple([*files, *([user.path] if user.path else [])]),
    )


def _string_list(value: Any, where: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(where, "config.not-rule-list", key=key)
    return list(value)


def _check_section_names(
    user_sections: dict[str, Any], titles: Any, rules: Sequence[Any], where: str, titles_key: str
) -> None:
    """Every section the user names is one the rule set knows: a built-in title list or a section a rule reads."""
    from preflight.sections import FALLBACK_KEY

    known = set(titles) if isinstance(titles, dict) else set()
    for rule in rules:
        section = getattr(rule.options, "section", None)
        if isinstance(section, str):
            known.add(section)
        named = getattr(rule.options, "sections", ())
        if isinstance(named, (tuple, list)):
            known.update(item for item in named if isinstance(item, str))
    listing = ", ".join(sorted(known))
    for key in user_sections:
        if key in (titles_key, FALLBACK_KEY):
            user_titles = user_sections[key]
            for name in user_titles if isinstance(user_titles, dict) else ():
                if name not in known:
                    raise ConfigError(
                        where,
                        "config.unknown-titled-section",
                        key=key,
                        name=name,
                        listing=listing,
                    )
        elif key not in known:
            raise ConfigError(
                where,
                "config.unknown-section",
                key=key,
                listing=listing,
            )
