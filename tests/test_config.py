from __future__ import annotations

from pathlib import Path

import pytest

from preflight.config import UserConfig, find_config, load_config, resolve_rule_set
from preflight.model import Level
from preflight.rulesets import ConfigError, available_rule_sets, load_raw_rule_set


def test_every_shipped_rule_set_loads_and_names_its_sources(registry) -> None:
    for name in available_rule_sets():
        rule_set = resolve_rule_set(registry, UserConfig(), profile=name)
        assert rule_set.rules, name
        for rule in rule_set.rules:
            assert rule.source, f"{name}: rule {rule.id} does not say where its limit comes from"
            assert rule.verified, f"{name}: rule {rule.id} has no verification date"


def test_extends_chain_merges_parent_rules_in_order() -> None:
    merged, files = load_raw_rule_set("inserm-dr")
    assert [Path(f).stem for f in files] == ["portal", "inserm-cr", "inserm-dr"]
    assert list(merged["rules"])[:2] == ["pdf-readable", "file-size"]


def test_user_config_overrides_option_and_level(registry, tmp_path: Path) -> None:
    (tmp_path / "preflight.toml").write_text(
        'profile = "portal"\n[rules.file-size]\nmax_bytes = 5_000_000\nlevel = "warning"\n', encoding="utf-8"
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    user = find_config(nested)
    assert user.path == str(tmp_path / "preflight.toml")
    rule_set = resolve_rule_set(registry, user)
    file_size = next(rule for rule in rule_set.rules if rule.id == "file-size")
    assert file_size.options.max_bytes == 5_000_000
    assert file_size.level is Level.WARNING
    assert rule_set.name == "portal"


def test_pyproject_table_is_found(registry, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.dossier-preflight]\nignore = ["encryption"]\n', encoding="utf-8"
    )
    rule_set = resolve_rule_set(registry, find_config(tmp_path))
    assert "encryption" not in [rule.id for rule in rule_set.rules]


def test_another_tools_pyproject_is_not_read_as_ours(tmp_path: Path) -> None:
    """A pyproject.toml without our table is passed over unparsed, even broken; one above it with the table counts."""
    (tmp_path / "pyproject.toml").write_text('[tool.dossier-preflight]\nprofile = "portal"\n', encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[project\nname = "broken, and not ours"\n', encoding="utf-8")
    assert find_config(project).path == f"{tmp_path / 'pyproject.toml'} [tool.dossier-preflight]"
    (project / "pyproject.toml").write_text('[tool."dossier-preflight"\nprofile = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        find_config(project)  # ours, broken: a configuration error as before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[rules.file-size]\nmax_byte = 3\n", "[rules.file-size] unknown option 'max_byte'"),
        ("[rules.file-size]\nmax_bytes = '3'\n", "max_bytes: expected a whole number"),
        ("[rules.file-size]\nlevel = 'fatal'\n", "unknown level 'fatal'"),
        ("[rules.no-such-rule]\nlevel = 'error'\n", "[rules.no-such-rule] unknown check"),
        ("select = ['nope']\n", "unknown rule 'nope'"),
        ("colour = true\n", "unknown key 'colour'"),
        ("profile = 'inserm-xx'\n", "no such rule set"),
        ("[rules\n", "not valid TOML"),
    ],
)
def test_bad_config_is_an_error_naming_file_and_key(registry, tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "preflight.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        resolve_rule_set(registry, load_config(path))
    assert expected in str(error.value)
    assert str(path) in str(error.value) or "rule set" in str(error.value)


def test_command_line_select_wins_over_the_configurations_ignore(registry, tmp_path: Path) -> None:
    path = tmp_path / "preflight.toml"
    path.write_text('profile = "portal"\nignore = ["fonts-embedded"]\n', encoding="utf-8")
    rule_set = resolve_rule_set(registry, load_config(path), select=["fonts-embedded"])
    assert [rule.id for rule in rule_set.rules] == ["fonts-embedded"]


def test_command_line_ignore_adds_to_the_configurations_select(registry, tmp_path: Path) -> None:
    path = tmp_path / "preflight.toml"
    path.write_text('profile = "portal"\nselect = ["encryption", "file-size"]\n', encoding="utf-8")
    rule_set = resolve_rule_set(registry, load_config(path), ignore=["file-size"])
    assert [rule.id for rule in rule_set.rules] == ["encryption"]


@pytest.mark.parametrize(
    ("text", "select", "ignore", "reason"),
    [
        ('profile = "portal"\n', ["encryption"], ["encryption"], "encryption: ignored by --ignore"),
        ('profile = "portal"\nselect = ["encryption"]\nignore = ["encryption"]\n', [], [], "encryption: ignored in"),
        (
            'profile = "portal"\n[rules.encryption]\nlevel = "off"\n',
            ["encryption"],
            [],
            'encryption: level = "off" in',
        ),
    ],
)
def test_a_run_left_with_no_rule_is_an_error_that_says_why(
    registry, tmp_path: Path, text: str, select: list[str], ignore: list[str], reason: str
) -> None:
    from preflight.rulesets import NoRulesError

    path = tmp_path / "preflight.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NoRulesError) as error:
        resolve_rule_set(registry, load_config(path), select=select, ignore=ignore)
    assert reason in str(error.value)
    assert str(error.value).startswith("no rule left to run with rule set 'portal'")


def test_every_rule_off_is_an_empty_run(registry, tmp_path: Path) -> None:
    from preflight.rulesets import NoRulesError

    merged, _ = load_raw_rule_set("portal")
    path = tmp_path / "preflight.toml"
    path.write_text(
        'profile = "portal"\n' + "".join(f'[rules.{rule}]\nlevel = "off"\n' for rule in merged["rules"]),
        encoding="utf-8",
    )
    with pytest.raises(NoRulesError) as error:
        resolve_rule_set(registry, load_config(path))
    assert 'fonts-embedded: level = "off" in ' + str(path) in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[sections]\nprojet = "12-23"\n', "[sections] unknown section 'projet'"),
        ("[sections]\nproject = 3\n", "[sections] project"),
        ("[sections.titles]\nprojet = ['Mon projet']\n", "[sections.titles] unknown section 'projet'"),
    ],
)
def test_sections_table_keys_and_values_are_checked_at_load_time(
    registry, tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "preflight.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        resolve_rule_set(registry, load_config(path))
    assert expected in str(error.value) and str(path) in str(error.value)


def test_a_section_a_rule_measures_may_be_named_in_sections(registry, tmp_path: Path) -> None:
    path = tmp_path / "preflight.toml"
    path.write_text(
        '[sections]\nproject = "3-12"\nmotivation-letter = "Ma lettre"\n'
        '[rules.motivation-letter-page-count]\ncheck = "project-page-count"\nsection = "motivation-letter"\n'
        'max_pages = 2\nmin_pages = 1\nsource = "x"\nverified = "2026-11"\n',
        encoding="utf-8",
    )
    rule_set = resolve_rule_set(registry, load_config(path))
    assert rule_set.sections["project"] == "3-12" and rule_set.sections["motivation-letter"] == "Ma lettre"


def test_ignore_can_name_one_message_of_a_rule(registry, tmp_path: Path) -> None:
    from preflight.engine import check_file

    structure = Path(__file__).resolve().parents[1] / "fixtures" / "structure"
    config = tmp_path / "preflight.toml"
    config.write_text('ignore = ["host-unit/missing-director"]\n', encoding="utf-8")
    rule_set = resolve_rule_set(registry, load_config(config), "inserm-cr", select=(), ignore=())
    [host] = [rule for rule in rule_set.rules if rule.id == "host-unit"]
    assert host.muted == frozenset({"missing-director"})
    plain = resolve_rule_set(registry, UserConfig(None, {}), "inserm-cr", select=("host-unit",))
    muted_report = check_file(structure / "cover-no-director.pdf", rule_set, registry)
    plain_report = check_file(structure / "cover-no-director.pdf", plain, registry)
    ids = [item.finding.message_id for o in plain_report.outcomes if o.rule == "host-unit" for item in o.findings]
    assert "missing-director" in ids
    muted_ids = [item.finding.message_id for o in muted_report.outcomes if o.rule == "host-unit" for item in o.findings]
    assert "missing-director" not in muted_ids
    # From the command line too, and an unknown message id names the rule's messages.
    cli = resolve_rule_set(registry, UserConfig(None, {}), "inserm-cr", ignore=("host-unit/missing-team-leader",))
    assert [rule.muted for rule in cli.rules if rule.id == "host-unit"] == [frozenset({"missing-team-leader"})]
    with pytest.raises(ConfigError, match=r"has no message 'nope'.*missing-director"):
        resolve_rule_set(registry, UserConfig(None, {}), "inserm-cr", ignore=("host-unit/nope",))
