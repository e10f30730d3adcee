"""project-language: share of French and English words in the project and the activity report."""

from __future__ import annotations

from pathlib import Path

import pytest

from preflight.checks import project_language as rule
from preflight.dossier import Dossier
from preflight.messages import render_template
from preflight.model import Level, Skip
from tests.helpers import assert_rect_marks, poppler_box, render_findings

STRUCTURE = Path(__file__).resolve().parents[1] / "fixtures" / "structure"


def run(name: str, options: rule.Options | None = None, language: str = "en") -> list:
    with Dossier(STRUCTURE / name) as dossier:
        return render_findings(rule, list(rule.check(dossier, options or rule.Options())), language)


def skip_message(name: str, options: rule.Options | None = None, language: str = "en") -> str:
    with pytest.raises(Skip) as skipped:
        run(name, options)
    return render_template(rule.MESSAGES, skipped.value.message_id, skipped.value.message_args, language)


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
        "the research project section (pages 7-15) reads as English: 0% French and 100% English of 2,551 common "
        "words, under the 50% of French expected"
    )
    assert findings[0].fix == (
        "Write this section in French, or check in the competition notice that another language is accepted "
        "(then set 'language' or turn this rule off in preflight.toml)."
    )
    assert findings[0].data == {"section": "project", "french_words": 0, "english_words": 2551, "share": 0.0}


def test_messages_in_french() -> None:
    [project, report] = run("english-headings.pdf", language="fr")
    assert project.message == (
        "la partie projet de recherche (pages 7-15) semble rédigée en anglais\u202f: 0\u202f% de mots français et "
        "100\u202f% de mots anglais sur 2\u202f551 mots courants, sous les 50\u202f% de français attendus"
    )
    assert report.message.startswith("la partie résumé des travaux (pages 4-6) semble rédigée en anglais")
    assert project.fix == (
        "Rédigez cette partie en français, ou vérifiez dans l’avis de concours qu’une autre langue est acceptée "
        "(fixez alors «\u202flanguage\u202f» ou désactivez cette règle dans preflight.toml)."
    )
    [english] = run("headings-only.pdf", rule.Options(language="en", sections=("project",)), "fr")
    assert "semble rédigée en français" in english.message
    assert english.message.endswith("sous les 50\u202f% d’anglais attendus")


def test_expected_english() -> None:
    assert run("english-headings.pdf", rule.Options(language="en")) == []
    [finding] = run("headings-only.pdf", rule.Options(language="en", sections=("project",)))
    assert "reads as French: 100% French and 0% English" in finding.message


def test_no_section_skips() -> None:
    assert skip_message("cover-complete.pdf") == (
        "no research project or summary of past work section found (run 'preflight sections FILE'; see the "
        "project-page-count rule)"
    )
    assert skip_message("cover-complete.pdf", language="fr") == (
        "aucune partie projet de recherche ni résumé des travaux trouvée (lancez «\u202fpreflight sections "
        "FICHIER\u202f»\u202f; voir la règle project-page-count)"
    )
    assert skip_message("cover-complete.pdf", rule.Options(sections=("project",))).startswith(
        "no research project section found"
    )


def test_options_validated() -> None:
    with pytest.raises(ValueError, match="expected 'fr' or 'en'"):
        rule.Options(language="de")
    with pytest.raises(ValueError, match="between 0 and 1"):
        rule.Options(min_share=1.5)


def test_the_finding_marks_the_sections_heading() -> None:
    path = STRUCTURE / "english-headings.pdf"
    with Dossier(path) as dossier:
        project, report = list(rule.check(dossier, rule.Options()))
    assert (project.page, report.page) == (7, 4)
    assert_rect_marks(project.rect, poppler_box(path, 7, "RESEARCH PROJECT"))
    assert_rect_marks(report.rect, poppler_box(path, 4, "Research report"))
