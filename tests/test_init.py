"""`preflight init` writes a commented preflight.toml that loads, and never overwrites one unasked."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.checks import load_registry
from preflight.cli import main
from preflight.config import load_config, resolve_rule_set
from preflight.rulesets import available_rule_sets


def uncomment_settings(text: str) -> str:
    """Turn on every commented rule and section setting ('# [table]', '# key = value'), not select/ignore."""
    return re.sub(r"^# (?=\[|(?!select|ignore)[a-z_]+ = )", "", text, flags=re.MULTILINE)


@pytest.mark.parametrize("profile", sorted(available_rule_sets()))
def test_the_generated_file_loads_as_written_and_uncommented(profile: str, tmp_path: Path) -> None:
    runner = CliRunner()
    with contextlib.chdir(tmp_path):
        result = runner.invoke(main, ["init", "--profile", profile])
        assert result.exit_code == 0, result.output
        written = Path("preflight.toml")
        text = written.read_text(encoding="utf-8")
        registry = load_registry()
        as_written = resolve_rule_set(registry, load_config(written))
        assert as_written.name == profile
        default = resolve_rule_set(registry, load_config(written), profile)
        assert "[rules." in text
        written.write_text(uncomment_settings(text), encoding="utf-8")
        uncommented = resolve_rule_set(registry, load_config(written))
        assert [(r.id, r.level, r.options) for r in uncommented.rules] == [
            (r.id, r.level, r.options) for r in default.rules
        ]
        assert dict(uncommented.sections) == dict(default.sections)


def test_check_picks_up_the_generated_file(tmp_path: Path, passing_pdf: Path) -> None:
    runner = CliRunner()
    with contextlib.chdir(tmp_path):
        assert runner.invoke(main, ["init", "--profile", "portal"]).exit_code == 0
        result = runner.invoke(main, ["check", "-f", "json", str(passing_pdf)])
        assert result.exit_code == 0
        assert '"profile": "portal"' in result.output


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    runner = CliRunner()
    with contextlib.chdir(tmp_path):
        Path("preflight.toml").write_text("# mine\n")
        refused = runner.invoke(main, ["init"])
        assert refused.exit_code == 2
        assert "already exists; use --force" in refused.output
        assert Path("preflight.toml").read_text() == "# mine\n"
        forced = runner.invoke(main, ["init", "--force", "--profile", "inserm-ita"])
        assert forced.exit_code == 0
        assert 'profile = "inserm-ita"' in Path("preflight.toml").read_text()


def test_an_unknown_profile_is_a_usage_error(tmp_path: Path) -> None:
    runner = CliRunner()
    with contextlib.chdir(tmp_path):
        result = runner.invoke(main, ["init", "--profile", "nope"])
        assert result.exit_code == 2
        assert "no such rule set" in result.output
        assert not Path("preflight.toml").exists()


def test_toml_values() -> None:
    from preflight.commands.init import toml_value

    assert toml_value(("a", 'say "hi"')) == '["a", "say \\"hi\\""]'
    assert toml_value({"cv": ["CV", "Curriculum"]}) == '{ "cv" = ["CV", "Curriculum"] }'
    assert toml_value(True) == "true" and toml_value(0.5) == "0.5" and toml_value(10) == "10"
