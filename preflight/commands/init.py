"""`preflight init`: write a commented preflight.toml for a dossier repository."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import click

from preflight.cli import LANG_OPTION, _apply_language
from preflight.cli_language import typeset
from preflight.i18n import t


def toml_value(value: Any) -> str:
    """A TOML literal for an option value (strings, numbers, booleans, lists, tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return "[" + ", ".join(toml_value(item) for item in items) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML form for {value!r}")


def render_config(profile: str) -> str:
    """The commented configuration for a profile; raises ConfigError for an unknown profile."""
    from preflight.checks import load_registry
    from preflight.config import UserConfig, resolve_rule_set
    from preflight.i18n import get_language
    from preflight.rulesets import available_rule_sets

    registry = load_registry()
    rule_set = resolve_rule_set(registry, UserConfig(), profile)
    lines = [t("init.head", available=", ".join(available_rule_sets()), profile=profile)]
    lines.append(t("init.rules-head", profile=profile))
    for rule in rule_set.rules:
        summary = typeset(registry.checks[rule.check].summary_in(get_language()))
        lines.append(f"# {summary}")
        lines.append(f"# [rules.{rule.id}]")
        lines.append(f'# level = "{rule.level.label}"')
        for field in dataclasses.fields(rule.options):
            value = getattr(rule.options, field.name)
            if value is None:
                continue
            try:
                lines.append(f"# {field.name} = {toml_value(value)}")
            except TypeError:
                continue
        lines.append("")
    if rule_set.sections:
        lines.append(t("init.sections-head"))
        lines.append("# [sections]")
        for key, value in rule_set.sections.items():
            try:
                lines.append(f"# {key} = {toml_value(value)}")
            except TypeError:
                continue
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


@click.command("init")
@click.option("--profile", "-p", default=None, help="Rule set to start from (default: inserm-cr).")
@click.option(
    "--path",
    "target",
    type=click.Path(dir_okay=False),
    default="preflight.toml",
    show_default=True,
    help="Where to write the configuration.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@LANG_OPTION
def init_command(profile: str | None, target: str, force: bool, lang: str | None) -> None:
    """Write a commented preflight.toml for a dossier repository."""
    from preflight.rulesets import DEFAULT_PROFILE, ConfigError

    _apply_language(lang)

    path = Path(target)
    if path.exists() and not force:
        click.echo(t("init.exists", path=path), err=True)
        sys.exit(2)
    try:
        text = render_config(profile or DEFAULT_PROFILE)
    except ConfigError as error:
        click.echo(t("init.config-error", error=error), err=True)
        sys.exit(2)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        click.echo(t("init.cannot-write", path=path, error=error.strerror or error), err=True)
        sys.exit(2)
    click.echo(t("init.wrote", path=path, profile=profile or DEFAULT_PROFILE))
