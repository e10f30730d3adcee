"""The public Python API, used only through `import preflight`, as a user's script would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import preflight

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_the_public_names_are_declared_documented_and_importable() -> None:
    assert set(preflight.__all__) == {
        "__version__", "check", "Report", "FileReport", "Outcome", "GradedFinding", "Finding", "Level", "Status",
        "ConfigError",
    }  # fmt: skip
    for name in preflight.__all__:
        value = getattr(preflight, name)
        if name != "__version__":
            assert value.__doc__, name
    assert "paths" in preflight.check.__doc__ and "Returns" in preflight.check.__doc__


def test_import_preflight_is_cheap() -> None:
    code = (
        "import preflight, sys; print(sorted(m for m in ('preflight.engine', 'pikepdf', 'click') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_valid_dossier_passes_and_a_failing_one_says_why() -> None:
    report = preflight.check(FIXTURES / "valid-dossier.pdf", profile="portal", config={})
    assert isinstance(report, preflight.Report)
    assert report.passed and report.profile == "portal"
    [file] = report.files
    assert isinstance(file, preflight.FileReport) and file.pages == 16
    assert {outcome.status for outcome in file.outcomes} == {preflight.Status.PASS}

    report = preflight.check([str(FIXTURES / "not-embedded-fonts.pdf")], profile="portal", config={})
    assert not report.passed
    fonts = next(outcome for outcome in report.files[0].outcomes if outcome.rule == "fonts-embedded")
    assert fonts.status is preflight.Status.FAIL and fonts.level is preflight.Level.ERROR
    assert sorted(item.finding.data["font"] for item in fonts.findings) == ["Helvetica", "Times-Roman"]
    assert all(isinstance(item.finding, preflight.Finding) and item.finding.page == 1 for item in fonts.findings)


def test_configuration_select_ignore_and_strict(tmp_path: Path) -> None:
    path = FIXTURES / "not-embedded-fonts.pdf"
    report = preflight.check(path, profile="portal", config={"ignore": ["fonts-embedded"]})
    assert report.passed and "fonts-embedded" not in [o.rule for o in report.files[0].outcomes]
    report = preflight.check(path, config={"profile": "portal"}, select=["fonts-embedded"])
    assert [o.rule for o in report.files[0].outcomes] == ["fonts-embedded"]
    toml = tmp_path / "preflight.toml"
    toml.write_text('profile = "portal"\n[rules.fonts-embedded]\nlevel = "warning"\n', encoding="utf-8")
    assert preflight.check(path, config=toml).passed
    assert not preflight.check(path, config=toml, strict=True).passed


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"config": {"colour": True}}, "unknown key 'colour'"),
        ({"config": {}, "select": ["encryption"], "ignore": ["encryption"]}, "no rule left to run"),
        ({"profile": "inserm-xx"}, "no such rule set"),
    ],
)
def test_bad_configuration_raises_config_error(kwargs: dict, message: str) -> None:
    with pytest.raises(preflight.ConfigError, match=message):
        preflight.check(FIXTURES / "valid-dossier.pdf", **kwargs)


def test_a_folder_is_expanded_and_an_unreadable_file_fails_without_raising(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes((FIXTURES / "valid-dossier.pdf").read_bytes())
    (tmp_path / "b.pdf").write_bytes(b"not a pdf")
    report = preflight.check(tmp_path, profile="portal", config={})
    assert [Path(file.path).name for file in report.files] == ["a.pdf", "b.pdf"]
    assert [file.passed for file in report.files] == [True, False]
    with pytest.raises(ValueError, match="no PDF files found"):
        preflight.check([], config={})
