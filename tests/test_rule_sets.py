"""The shipped rule sets say what the mission asks: levels and ranges, checked through the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.cli import main
from preflight.config import UserConfig, resolve_rule_set
from preflight.model import Level
from preflight.rulesets import ConfigError, build_rule
from tests.conftest import FIXTURES

STRUCTURE = FIXTURES / "structure"
RESEARCHER_SETS = ("inserm-cr", "inserm-dr")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "preflight.toml").write_text("")  # stop the configuration search here
    return tmp_path


def check(profile: str, rule: str, path: Path) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["check", "--no-cache", "-p", profile, "--select", rule, "-f", "json", str(path)])
    [outcome] = json.loads(result.stdout)["files"][0]["results"]
    return result.exit_code, outcome


def five_page_project(folder: Path) -> Path:
    sys.path.insert(0, str(FIXTURES))
    try:
        from make_structure_fixtures import Doc, cover, render
    finally:
        sys.path.remove(str(FIXTURES))
    path = folder / "project-5-pages.pdf"
    render(cover(Doc()).section("Curriculum vitae", 2).section("Projet de recherche", 5), path, True)
    return path


@pytest.mark.parametrize("profile", RESEARCHER_SETS)
def test_project_page_count_is_one_range_and_an_error(registry, profile: str) -> None:
    rules = {rule.id: rule for rule in resolve_rule_set(registry, UserConfig(), profile).rules}
    rule = rules["project-page-count"]
    assert rule.level is Level.ERROR
    assert (rule.options.min_pages, rule.options.max_pages) == (8, 15)
    assert (rule.options.hard_min_pages, rule.options.hard_max_pages) == (None, None)


@pytest.mark.parametrize("profile", RESEARCHER_SETS)
def test_a_project_outside_8_to_15_pages_fails(here: Path, profile: str) -> None:
    code, outcome = check(profile, "project-page-count", five_page_project(here))
    assert code == 1
    assert outcome["status"] == "fail" and outcome["findings"][0]["severity"] == "error"
    assert "spans 5 pages" in outcome["message"] and "(expected 8-15 pages)" in outcome["message"]
    code, outcome = check(profile, "project-page-count", STRUCTURE / "project-16-pages.pdf")
    assert code == 1 and outcome["status"] == "fail"
    code, outcome = check(profile, "project-page-count", STRUCTURE / "project-15-pages.pdf")
    assert code == 0 and outcome["status"] == "pass"


@pytest.mark.parametrize("profile", RESEARCHER_SETS)
@pytest.mark.parametrize(
    "name", ["cover-no-team-leader.pdf", "cover-no-director.pdf", "cover-director-without-name.pdf"]
)
def test_a_cover_without_team_leader_or_director_fails(here: Path, profile: str, name: str) -> None:
    code, outcome = check(profile, "host-unit", STRUCTURE / name)
    assert code == 1
    assert outcome["status"] == "fail" and [f["severity"] for f in outcome["findings"]] == ["error"]


@pytest.mark.parametrize("profile", RESEARCHER_SETS)
def test_a_cover_without_the_commission_only_warns(here: Path, profile: str) -> None:
    code, outcome = check(profile, "css-section", STRUCTURE / "cover-no-css.pdf")
    assert code == 0
    assert outcome["status"] == "warn" and [f["severity"] for f in outcome["findings"]] == ["warning"]
    assert outcome["message"] == (
        "the cover (page 1) does not name the Inserm commission: no 'CSS 1' to 'CSS 7' or 'CPAR'"
    )


def test_another_commission_than_the_configured_one_fails(here: Path) -> None:
    (here / "preflight.toml").write_text("[rules.css-section]\ncss = 4\n")
    code, outcome = check("inserm-cr", "css-section", STRUCTURE / "cover-complete.pdf")
    assert code == 1 and outcome["status"] == "fail"
    assert outcome["message"].startswith("the cover names CSS 3, but the configuration says this dossier goes to CSS 4")


@pytest.mark.parametrize("profile", ["portal", "inserm-cr", "inserm-dr", "inserm-ita", "inserm-postdoc"])
@pytest.mark.parametrize("name", ["valid-dossier.pdf", "latex/dossier.pdf", "word/dossier.pdf"])
def test_the_valid_dossiers_pass_every_rule_set(here: Path, profile: str, name: str) -> None:
    result = CliRunner().invoke(main, ["check", "--no-cache", "-p", profile, str(FIXTURES / name)])
    assert result.exit_code == 0, result.stdout


def test_rules_shows_the_range_and_the_dr_set_says_why_it_is_the_same(here: Path) -> None:
    result = CliRunner().invoke(main, ["rules", "-p", "inserm-cr"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("project-page-count"))
    assert lines[index].split()[1] == "error"
    assert 'section = "project", min_pages = 8, max_pages = 15' in lines[index + 1]
    result = CliRunner().invoke(main, ["rules", "-p", "inserm-dr"])
    assert "same rules as inserm-cr" in result.stdout and "3 years" in result.stdout


def test_explain_knows_rules_that_exist_only_in_a_rule_set(here: Path) -> None:
    result = CliRunner().invoke(main, ["explain", "motivation-letter-page-count"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("motivation-letter-page-count (rule set 'inserm-ita', check project-page-count)")
    assert "    max_pages = 2" in result.stdout and "LEGIARTI000050312857" in result.stdout
    result = CliRunner().invoke(main, ["explain", "--profile", "inserm-cr", "project-page-count"])
    assert result.exit_code == 0
    assert "Rule set 'inserm-cr': level error" in result.stdout and "    max_pages = 15" in result.stdout
    result = CliRunner().invoke(main, ["explain", "--profile", "inserm-cr", "motivation-letter-page-count"])
    assert result.exit_code == 2
    assert "unknown rule 'motivation-letter-page-count' in rule set 'inserm-cr'" in result.output


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({"largest_images": -3}, "largest_images must be between 0 and 100"),
        ({"source": {"a": 1}}, "[rules.file-size] source: expected a string"),
        ({"note": 3}, "[rules.file-size] note: expected a string"),
        ({"level": True}, "[rules.file-size] level: expected a string"),
        ({"check": ["file-size"]}, "[rules.file-size] check: expected a string"),
    ],
)
def test_options_and_rule_keys_are_validated_for_range_and_type(registry, table: dict, expected: str) -> None:
    with pytest.raises(ConfigError) as error:
        build_rule("file-size", {**table, "_where": "preflight.toml"}, registry)
    assert expected in str(error.value) and str(error.value).startswith("preflight.toml: ")
