"""User configuration: preflight.toml, or [tool.dossier-preflight] in pyproject.toml.

Found from the current directory upward (the first folder holding either wins), or named with
--config. It picks a rule set, changes options and levels, and selects or ignores rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from preflight.checks import Registry
from preflight.rulesets import (
    DEFAULT_PROFILE,
    ConfigError,
    RuleSet,
    build_rule,
    load_raw_rule_set,
    merge_rules,
    read_toml,
)

CONFIG_NAME = "preflight.toml"
PYPROJECT_TABLE = "dossier-preflight"
USER_KEYS = frozenset({"profile", "select", "ignore", "rules", "sections"})


@dataclass(frozen=True)
class UserConfig:
    path: str | None = None
    values: dict[str, Any] = field(default_factory=dict)


def find_config(start: Path) -> UserConfig:
    """The nearest preflight.toml or pyproject.toml with our table, from start upward."""
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return UserConfig(str(candidate), read_toml(candidate))
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = read_toml(pyproject).get("tool", {}).get(PYPROJECT_TABLE)
            if table is not None:
                return UserConfig(f"{pyproject} [tool.{PYPROJECT_TABLE}]", table)
    return UserConfig()


def load_config(path: Path) -> UserConfig:
    if not path.is_file():
        raise ConfigError(str(path), "no such configuration file")
    data = read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get(PYPROJECT_TABLE)
        if table is None:
            raise ConfigError(str(path), f"has no [tool.{PYPROJECT_TABLE}] table")
        return UserConfig(f"{path} [tool.{PYPROJECT_TABLE}]", table)
    return UserConfig(str(path), data)


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
        raise ConfigError(where, f"unknown key '{unknown[0]}' (allowed: {', '.join(sorted(USER_KEYS))})")
    chosen = profile or values.get("profile") or DEFAULT_PROFILE
    if not isinstance(chosen, str):
        raise ConfigError(where, "profile must be the name of a rule set")
    merged, files = load_raw_rule_set(chosen)
    rule_tables: dict[str, dict[str, Any]] = merged["rules"]
    if "rules" in values:
        merge_rules(rule_tables, values["rules"], where)
    sections = dict(merged.get("sections", {}))
    user_sections = values.get("sections", {})
    if not isinstance(user_sections, dict):
        raise ConfigError(where, "[sections] must be a table")
    sections.update(user_sections)
    from preflight.sections import parse_config

    try:
        parse_config(sections)
    except ValueError as exc:
        raise ConfigError(where, str(exc)) from None

    rules = [build_rule(rule_id, table, registry) for rule_id, table in rule_tables.items()]
    known_ids = {rule.id for rule in rules}
    selected = [*_string_list(values.get("select", []), where, "select"), *select]
    ignored = [*_string_list(values.get("ignore", []), where, "ignore"), *ignore]
    for rule_id in [*selected, *ignored]:
        if rule_id not in known_ids:
            raise ConfigError(
                where if rule_id not in (*select, *ignore) else "command line",
                f"unknown rule '{rule_id}' in select/ignore (rules of '{chosen}': {', '.join(sorted(known_ids))})",
            )
    if selected:
        rules = [rule for rule in rules if rule.id in selected]
    rules = [rule for rule in rules if rule.id not in ignored and rule.level.label != "off"]
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
        raise ConfigError(where, f"{key} must be a list of rule ids")
    return list(value)
