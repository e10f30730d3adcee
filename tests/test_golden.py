"""Golden tests of the text report, in English and in French, for two failing dossiers made through Word.

The expected reports are in tests/golden/. After a deliberate change of wording, regenerate them with
``PREFLIGHT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
DOSSIERS = ["fixtures/word/hidden-characters.pdf", "fixtures/word/cv-gap.pdf"]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("dossier", DOSSIERS)
def test_text_report_matches_the_golden_file(
    dossier: str, language: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)  # the report names the file as given: a relative path is the same everywhere
    config = tmp_path / "preflight.toml"
    config.write_text('[rules.cv-date-gaps]\nas_of = "2026-11"\n', encoding="utf-8")  # not today: fixed output
    args = ["check", "--no-cache", "--no-color", "--lang", language, "--config", str(config), dossier]
    result = CliRunner().invoke(main, args, env={"COLUMNS": "88", "CI": ""})
    assert result.exit_code == 1, result.output
    golden = GOLDEN / f"{Path(dossier).stem}.{language}.txt"
    if os.environ.get("PREFLIGHT_UPDATE_GOLDEN"):
        golden.write_text(result.output, encoding="utf-8")
    assert result.output == golden.read_text(encoding="utf-8")
    assert all(len(line) <= 88 or " " not in line.strip() for line in result.output.splitlines())
