from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.cli import main
from tests.conftest import FIXTURES


def run(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    runner = CliRunner()
    if cwd is not None:
        old = Path.cwd()
        os.chdir(cwd)
    try:
        result = runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        if cwd is not None:
            os.chdir(old)
    return result.exit_code, result.output


def test_rules_lists_every_rule_with_level() -> None:
    code, output = run("rules", "--profile", "portal")
    assert code == 0
    for rule in ("pdf-readable", "file-size", "fonts-embedded", "encryption", "active-content"):
        assert rule in output
    assert "error" in output


def test_rules_sets_lists_the_shipped_rule_sets() -> None:
    code, output = run("rules", "--sets")
    assert code == 0
    for name in ("portal", "inserm-cr", "inserm-dr", "inserm-ita", "inserm-postdoc"):
        assert name in output


def test_explain_prints_what_why_fix_and_options() -> None:
    code, output = run("explain", "fonts-embedded")
    assert code == 0
    for heading in ("What it checks", "Why", "How to fix", "Options"):
        assert heading in output


def test_explain_shows_a_default_made_by_a_factory() -> None:
    # required-sections' titles default to an empty table (a default_factory), not to dataclasses' MISSING.
    code, output = run("explain", "required-sections")
    assert code == 0
    assert "    titles = {}" in output and "MISSING" not in output


def test_explain_unknown_rule_is_a_usage_error() -> None:
    code, output = run("explain", "no-such-rule")
    assert code == 2
    assert "unknown rule “no-such-rule”" in output


def test_valid_dossier_passes_with_exit_0(tmp_path: Path) -> None:
    code, output = run("check", "--profile", "portal", str(FIXTURES / "valid-dossier.pdf"), cwd=tmp_path)
    assert code == 0, output
    assert "PASSED" in output
    assert "\x1b[" not in output  # not a terminal: no colour


def test_failing_dossier_exits_1_and_json_has_the_contract_shape(tmp_path: Path) -> None:
    code, output = run(
        "check", "--profile", "portal", "--format", "json", str(FIXTURES / "not-embedded-fonts.pdf"), cwd=tmp_path
    )
    assert code == 1
    report = json.loads(output)
    assert report["version"] == 1 and report["tool"] == "dossier-preflight" and report["profile"] == "portal"
    assert report["passed"] is False
    file_report = report["files"][0]
    assert set(file_report) >= {"path", "passed", "pages", "bytes", "results"}
    fonts = next(r for r in file_report["results"] if r["rule"] == "fonts-embedded")
    assert fonts["status"] == "fail" and fonts["severity"] == "error"
    assert {f["data"]["font"] for f in fonts["findings"]} == {"Helvetica", "Times-Roman"}
    assert all(f["page"] == 1 for f in fonts["findings"])


def test_unreadable_file_fails_with_exit_1_not_a_crash(tmp_path: Path) -> None:
    code, output = run("check", str(FIXTURES / "word-renamed.pdf"), cwd=tmp_path)
    assert code == 1
    assert "this is not a PDF: it is a Word document (.docx) renamed .pdf" in output
    assert "SKIP" in output and "Traceback" not in output


def test_bad_config_exits_2_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "preflight.toml").write_text("[rules.file-size]\nmax_byte = 1\n", encoding="utf-8")
    code, output = run("check", str(FIXTURES / "valid-dossier.pdf"), cwd=tmp_path)
    assert code == 2
    assert "preflight.toml" in output and "unknown option 'max_byte'" in output


def test_config_can_lower_a_rule_to_warning(tmp_path: Path) -> None:
    (tmp_path / "preflight.toml").write_text(
        'profile = "portal"\n[rules.fonts-embedded]\nlevel = "warning"\n', encoding="utf-8"
    )
    code, output = run("check", str(FIXTURES / "not-embedded-fonts.pdf"), cwd=tmp_path)
    assert code == 0, output
    assert "WARN  fonts-embedded" in output


def test_crashing_check_is_an_error_outcome_and_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from preflight.checks import load_registry

    spec = load_registry().checks["encryption"]

    def explode(dossier, options):
        raise RuntimeError("boom")
        yield

    monkeypatch.setitem(load_registry().checks, "encryption", type(spec)(**{**spec.__dict__, "run": explode}))
    code, output = run("check", "--profile", "portal", str(FIXTURES / "valid-dossier.pdf"), cwd=tmp_path)
    assert code == 3
    assert "ERROR encryption" in output and "RuntimeError: boom" in output
    assert "PASS  fonts-embedded" in output  # the other rules still ran


def test_input_file_is_never_modified(tmp_path: Path) -> None:
    source = tmp_path / "dossier.pdf"
    shutil.copy(FIXTURES / "repairable.pdf", source)
    before = source.read_bytes()
    run("check", str(source), cwd=tmp_path)
    assert source.read_bytes() == before


def test_installed_command_runs_as_a_subprocess(tmp_path: Path) -> None:
    command = shutil.which("preflight") or str(Path(sys.executable).parent / "preflight")
    result = subprocess.run(
        [command, "check", "--profile", "portal", str(FIXTURES / "encrypted-owner.pdf")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 1
    assert "FAIL  encryption" in result.stdout
    assert "encrypted with an owner password" in result.stdout


def test_info_only_rule_reads_info_in_text_and_warn_in_json(tmp_path: Path) -> None:
    dossier = str(FIXTURES / "word" / "dossier.pdf")  # Word list bullets: private-use characters, info only
    code, output = run("check", "--select", "hidden-characters", dossier, cwd=tmp_path)
    assert code == 0
    assert re.search(r"^  INFO +hidden-characters +U\+F0B7", output, flags=re.MULTILINE), output
    code, output = run("check", "--select", "hidden-characters", "-f", "json", dossier, cwd=tmp_path)
    (result,) = json.loads(output)["files"][0]["results"]
    assert result["status"] == "warn" and {f["severity"] for f in result["findings"]} == {"info"}


def test_a_run_that_checks_nothing_is_a_usage_error_not_a_pass(tmp_path: Path) -> None:
    (tmp_path / "preflight.toml").write_text('profile = "portal"\nignore = ["fonts-embedded"]\n', encoding="utf-8")
    code, output = run("check", "--select", "fonts-embedded", str(FIXTURES / "not-embedded-fonts.pdf"), cwd=tmp_path)
    assert code == 1 and "FAIL  fonts-embedded" in output  # the command line wins over the configuration
    code, output = run(
        "check", "--select", "encryption", "--ignore", "encryption", str(FIXTURES / "valid-dossier.pdf"), cwd=tmp_path
    )
    assert code == 2
    assert "PASSED" not in output
    assert (
        "preflight: nothing to check: no rule left to run with rule set 'portal' (encryption: ignored by --ignore)"
        in output
    )


def test_the_empty_run_error_in_french(tmp_path: Path) -> None:
    code, output = run(
        "check", "--lang", "fr", "--profile", "portal", "--select", "encryption", "--ignore", "encryption",
        str(FIXTURES / "valid-dossier.pdf"), cwd=tmp_path,
    )  # fmt: skip
    assert code == 2
    assert (
        "preflight\u202f: rien à vérifier\u202f: aucune règle ne reste à appliquer avec le jeu de règles "
        "«\u202fportal\u202f» (encryption\u202f: ignorée par --ignore)"
    ) in output
