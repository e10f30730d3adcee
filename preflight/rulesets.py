"""Rule sets (profiles): TOML files in the top-level rules/ folder, shipped inside the wheel.

A rule set turns checks on with options and a level, says where each limit comes from, and can
``extends`` another. User configuration (preflight.toml or [tool.dossier-preflight]) is layered on top by
``preflight.config``. Validation is strict: anything unknown is an error naming the file and key.
"""

from __future__ import annotations

import dataclasses
import datetime
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from preflight.model import Level, OptionError

Catalogue = Mapping[str, Mapping[str, str]]

if TYPE_CHECKING:
    from preflight.checks import Registry

DEFAULT_PROFILE = "inserm-cr"
RULE_META_KEYS = frozenset({"level", "check", "source", "source_fr", "verified", "note"})
RULE_SET_KEYS = frozenset({"rule-set", "rules", "sections"})
RULE_SET_HEADER_KEYS = frozenset({"name", "name_fr", "description", "description_fr", "extends", "source", "verified"})


class ConfigError(Exception):
    """A rule set or configuration file says something we cannot use. Exit code 2.

    Given as a message id of preflight.i18n (``config.*``) and its values, it is said in the run's language
    when printed (``str()``); ``message`` keeps the English. A plain ``message`` is printed as it is.
    """

    def __init__(self, where: str, message: str, /, catalogue: Catalogue | None = None, **values: object) -> None:
        self.where = where
        self.message_id = message if message.startswith("config.") else None
        self.catalogue = catalogue or {}
        """More messages the id's template names with ``{x:msg}`` (a check's OPTION_MESSAGES)."""
        self.values = values
        if self.message_id is not None:
            message = self.render("en")
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)

    def render(self, language: str | None = None) -> str:
        """The message alone, in ``language`` (default: the run's)."""
        if self.message_id is None:
            return self.message
        from preflight.i18n import by_id, get_language
        from preflight.messages import render_template

        catalogue = {**by_id(), **self.catalogue} if self.catalogue else by_id()
        return render_template(catalogue, self.message_id, self.values, language or get_language())

    def __str__(self) -> str:
        from preflight.i18n import t

        message = self.render()
        if not self.where:
            return message
        where = t(WHERE_IDS[self.where]) if self.where in WHERE_IDS else self.where
        return t("config.where", where=where, message=message)

    def __reduce__(self) -> tuple[Any, ...]:  # a worker's error comes back whole
        return (_config_error, (self.where, self.message_id or self.message, self.catalogue, self.values))


def _config_error(where: str, message: str, catalogue: Catalogue, values: dict[str, object]) -> ConfigError:
    return ConfigError(where, message, catalogue, **values)


WHERE_IDS = {"command line": "config.command-line"}


COMMAND_LINE_IGNORE = "--ignore"


class NoRulesError(ConfigError):
    """Select, ignore and levels leave no rule to run: a run that checks nothing cannot pass. Exit code 2.

    ``reasons`` holds (rule, why, where) for each rule left out, ``why`` being "--ignore", "ignored" or "off".
    """

    def __init__(self, profile: str, reasons: list[tuple[str, str, str]]) -> None:
        self.profile = profile
        self.reasons = reasons
        super().__init__("configuration", self.render("en"))

    def render(self, language: str | None = None) -> str:
        from preflight.i18n import t

        kinds = {
            COMMAND_LINE_IGNORE: "config.left-out-cli",
            "ignored": "config.left-out-ignored",
            "off": "config.left-out-off",
        }
        parts = [t(kinds[why], language, rule=rule, where=where) for rule, why, where in self.reasons]
        reasons = "; ".join(parts) if parts else t("config.left-out-none", language)
        return t("config.no-rules", language, profile=self.profile, reasons=reasons)

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True)
class Rule:
    id: str
    check: str
    level: Level
    options: Any
    source: str | None = None
    """Where the rule's limit and level come from; ``source_fr`` says it in French."""
    verified: str | None = None
    settings: tuple[tuple[str, Any], ...] = ()
    """The options the rule set and configuration give, in their order (``preflight rules`` shows them)."""
    muted: frozenset[str] = frozenset()
    """Message ids left out ("rule/message-id" in ignore): those findings are not reported."""
    source_fr: str | None = None

    def source_in(self, language: str) -> str | None:
        """The source in ``language``: the French one when the rule set gives it, else the English."""
        return self.source_fr if language == "fr" and self.source_fr else self.source


@dataclass(frozen=True)
class RuleSet:
    name: str
    title: str
    rules: tuple[Rule, ...]
    sections: Mapping[str, Any] = field(default_factory=dict)
    files: tuple[str, ...] = ()


def rules_dir() -> Path:
    """The rules/ folder: inside the installed package, or beside it in a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise ConfigError("rules/", "the rule sets are missing from this installation (reinstall dossier-preflight)")


def available_rule_sets() -> dict[str, Path]:
    return {path.stem: path for path in sorted(rules_dir().glob("*.toml"))}


def read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # here, not at the top: a cached run without a preflight.toml never parses TOML

    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), "config.not-toml", error=str(exc)) from None
    except OSError as exc:
        raise ConfigError(str(path), "config.cannot-read", error=exc.strerror or str(exc)) from None


def load_raw_rule_set(name: str) -> tuple[dict[str, Any], list[str]]:
    """Merge a rule set with the ones it extends; return the merged tables and the files read."""
    known = available_rule_sets()
    chain: list[str] = []
    current: str | None = name
    tables: list[tuple[Path, dict[str, Any]]] = []
    while current is not None:
        if current in chain:
            raise ConfigError(str(known[current]), f"rule sets extend each other in a loop: {' -> '.join(chain)}")
        if current not in known:
            raise ConfigError("", "config.no-such-rule-set", name=current, known=", ".join(known))
        chain.append(current)
        path = known[current]
        data = read_toml(path)
        _check_keys(data, RULE_SET_KEYS, str(path), "top level")
        header = data.get("rule-set", {})
        _check_keys(header, RULE_SET_HEADER_KEYS, str(path), "[rule-set]")
        tables.append((path, data))
        extends = header.get("extends")
        if extends is not None and not isinstance(extends, str):
            raise ConfigError(str(path), "[rule-set] extends must be the name of a rule set")
        current = extends
    merged: dict[str, Any] = {"rule-set": {}, "rules": {}, "sections": {}}
    for path, data in reversed(tables):
        merged["rule-set"] = {**merged["rule-set"], **data.get("rule-set", {})}
        merge_rules(merged["rules"], data.get("rules", {}), str(path))
        for key, value in data.get("sections", {}).items():
            merged["sections"][key] = value
    return merged, [str(path) for path, _ in reversed(tables)]


def merge_rules(target: dict[str, dict[str, Any]], overrides: Any, where: str) -> None:
    """Layer rule tables: a rule named again updates its keys, a new rule is appended."""
    if not isinstance(overrides, dict):
        raise ConfigError(where, "config.rules-not-table")
    for rule_id, table in overrides.items():
        if not isinstance(table, dict):
            raise ConfigError(where, "config.rule-not-table", rule=rule_id)
        target[rule_id] = {**target.get(rule_id, {}), **table, "_where": where}


def build_rule(rule_id: str, table: dict[str, Any], registry: Registry) -> Rule:
    where = str(table.get("_where", "rule set"))
    for key in ("level", "check", "source", "source_fr", "note"):
        if key in table and not isinstance(table[key], str):
            raise ConfigError(where, "config.rule-key-not-string", rule=rule_id, key=key, got=repr(table[key]))
    if "verified" in table and not isinstance(table["verified"], (str, datetime.date)):
        raise ConfigError(
            where, f'[rules.{rule_id}] verified: expected a date such as "2026-11", got {table["verified"]!r}'
        )
    check_id = table.get("check", rule_id)
    spec = registry.get(check_id)
    if spec is None:
        known = ", ".join(sorted(registry.checks))
        if check_id == rule_id:
            raise ConfigError(where, "config.unknown-check", rule=rule_id, known=known)
        raise ConfigError(where, "config.unknown-named-check", rule=rule_id, check=check_id, known=known)
    try:
        level = Level.parse(str(table.get("level", "error")))
    except ValueError:
        raise ConfigError(where, "config.unknown-level", rule=rule_id, level=repr(table.get("level"))) from None
    option_values = {k: v for k, v in table.items() if k not in RULE_META_KEYS and not k.startswith("_")}
    options = build_options(spec.options_type, option_values, f"[rules.{rule_id}]", where)
    return Rule(
        id=rule_id,
        check=check_id,
        level=level,
        options=options,
        source=table.get("source"),
        source_fr=table.get("source_fr"),
        verified=str(table["verified"]) if "verified" in table else None,
        settings=tuple(option_values.items()),
    )


def build_options(options_type: type, values: dict[str, Any], table: str, where: str) -> Any:
    """Make a check's Options from TOML values, checking every name and type."""
    fields = {f.name: f for f in dataclasses.fields(options_type)}
    hints = typing.get_type_hints(options_type)
    converted: dict[str, Any] = {}
    for key, value in values.items():
        if key not in fields:
            if not fields:
                raise ConfigError(where, "config.no-options", table=table, key=key)
            raise ConfigError(where, "config.unknown-option", table=table, key=key, known=", ".join(sorted(fields)))
        try:
            converted[key] = coerce(value, hints[key])
        except ValueTypeError as exc:
            raise ConfigError(
                where, "config.option-type", table=table, key=key, expected=exc.expected, got=exc.got
            ) from None
        except (TypeError, ValueError) as exc:
            raise ConfigError(where, f"{table} {key}: {exc}") from None
    try:
        return options_type(**converted)
    except OptionError as exc:
        raise ConfigError(
            where, "config.option-invalid", catalogue=exc.catalogue, table=table, problem=exc.message_id, **exc.values
        ) from None
    except (TypeError, ValueError) as exc:
        raise ConfigError(where, f"{table}: {exc}") from None


class ValueTypeError(TypeError):
    """A TOML value of the wrong type: ``expected`` is a message id (config.expected-*), ``got`` the value."""

    def __init__(self, expected: str, value: object) -> None:
        from preflight.i18n import t

        self.expected = expected
        self.got = repr(value)
        super().__init__(f"expected {t(expected, 'en')}, got {self.got}")


def coerce(value: Any, expected: Any) -> Any:
    """Convert a TOML value to an option's declared type, or say what was expected."""
    origin = typing.get_origin(expected)
    if origin in (typing.Union, types.UnionType):
        members = typing.get_args(expected)
        if value is None and type(None) in members:
            return None
        real = [member for member in members if member is not type(None)]
        if len(real) == 1:  # Optional[X]: X's own words about what it expects
            return coerce(value, real[0])
        for member in members:
            if member is type(None):
                continue
            try:
                return coerce(value, member)
            except (TypeError, ValueError):
                continue
        raise TypeError(f"expected {expected}, got {value!r}")
    if expected is bool:
        if not isinstance(value, bool):
            raise ValueTypeError("config.expected-bool", value)
        return value
    if expected is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueTypeError("config.expected-int", value)
        return value
    if expected is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueTypeError("config.expected-number", value)
        return float(value)
    if expected is str:
        if not isinstance(value, str):
            raise ValueTypeError("config.expected-string", value)
        return value
    if origin is tuple:
        args = typing.get_args(expected)
        if not isinstance(value, list):
            raise ValueTypeError("config.expected-list", value)
        item_type = args[0] if args else Any
        return tuple(coerce(item, item_type) if item_type is not Any else item for item in value)
    if origin in (dict, Mapping) or expected in (dict, Mapping):
        if not isinstance(value, dict):
            raise ValueTypeError("config.expected-table", value)
        args = typing.get_args(expected)
        if len(args) == 2:
            return {coerce(k, args[0]): coerce(v, args[1]) for k, v in value.items()}
        return dict(value)
    if expected is Any:
        return value
    raise TypeError(f"options of type {expected} cannot be set from a rule set")


def _check_keys(table: Any, allowed: frozenset[str], where: str, name: str) -> None:
    if not isinstance(table, dict):
        raise ConfigError(where, "config.not-table", name=name)
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(
            where, "config.unknown-table-key", name=name, key=unknown[0], allowed=", ".join(sorted(allowed))
        )
