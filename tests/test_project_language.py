"""project-language: share of French and English words in the project and the activity report."""

from __future__ import annotations

from pathlib import Path

import pytest

from preflight.checks import project_language as rule
from preflight.dossier import Dossier
from preflight.model import Level, Skip

STRUCTURE = Path(__file__).resolve().parents[1] / "fixtures" / "structure"


def run(name: str, options: rule.Options | None = None) -> list:
    with Dossier(STRUCTURE / name) as dossier:
        return list(rule.check(dossier, options or rule.Options()))


def test_count_words() -> None:
    assert rule.count_words("Le rôle de la protéine dans les cellules") == (5, 0)  # le, de, la, dans, les
    assert rule.count_words("The role of the protein in the cells") == (0, 5)
    assert rule.count_words("on a or as") == (0, 0)


def test_french_dossier_passes() -> None:
    assert run("headings-only.pdf") == []
    assert run("project-8-pages.pdf") == []


def test_english_project_and_report_are_warned() -> None:
    findings = run("english-headings.pdf")
    assert [(f.page, f.level, f.data["section"]) for f in findings] == [
        (7, Level.WARNING, "project"),
        (4, Level.WARNING, "activity-report"),
    ]
    assert findings[0].message == (
        "the 'project' section (pages 7-15) reads as English: 0% French and 100% English of 2551 common words, "
        "under the 50% of French expected"
    )


def test_expected_english() -> None:
    assert run("english-headings.pdf", rule.Options(language="en")) == []
    [finding] = run("headings-only.pdf", rule.Options(language="en", sections=("project",)))
    assert "reads as French: 100% French and 0% English" in finding.message


def test_no_section_skips() -> None:
    with pytest.raises(Skip, match="no 'project' or 'activity-report' section found"):
        run("cover-complete.pdf")


def test_options_validated() -> None:
    with pytest.raises(ValueError, match="expected 'fr' or 'en'"):
        rule.Options(language="de")
    with pytest.raises(ValueError, match="between 0 and 1"):
        rule.Options(min_share=1.5)
