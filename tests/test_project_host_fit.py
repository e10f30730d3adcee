"""project-host-fit: the research project names the host unit (name or code) or the team at least once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from preflight.checks import project_host_fit as rule
from preflight.dossier import Dossier
from preflight.messages import NNBSP
from preflight.model import Skip
from tests.helpers import assert_rect_marks, poppler_box, render_findings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
JURY = FIXTURES / "jury"


def run(path: Path, options: rule.Options | None = None, language: str = "en") -> list:
    with Dossier(path) as dossier:
        return render_findings(rule, rule.check(dossier, options or rule.Options()), language)


@pytest.mark.parametrize("name", ["full-dossier", "latex-preprints", "no-publications"])
def test_a_project_that_names_its_host_passes(name: str) -> None:
    assert run(JURY / f"{name}.pdf") == []


def test_the_host_terms_come_from_the_cover() -> None:
    with Dossier(JURY / "project-no-host.pdf") as dossier:
        codes, names = rule.host_terms(dossier)
    assert [code.canonical for code in codes] == ["U1016"]
    assert names == ["Institut Cochin", "Immunologie des muqueuses"]


def test_a_project_that_never_names_its_host_is_a_finding() -> None:
    [finding] = run(JURY / "project-no-host.pdf")
    assert finding.page == 4 and finding.level is None  # the rule's level: a warning in inserm-cr
    assert finding.message == (
        "the research project (pages 4-11) never names where it will be done: none of “Institut Cochin”, "
        "“Immunologie des muqueuses” and “U1016” (from the cover) appears in it"
    )
    assert finding.data == {
        "looked_for": ["Institut Cochin", "Immunologie des muqueuses", "U1016"],
        "section": "project",
    }
    [french] = run(JURY / "project-no-host.pdf", language="fr")
    assert french.message == (
        f"la partie projet de recherche (pages 4-11) ne dit jamais où elle sera menée{NNBSP}: aucun des noms "
        f"«{NNBSP}Institut Cochin{NNBSP}», «{NNBSP}Immunologie des muqueuses{NNBSP}» et «{NNBSP}U1016{NNBSP}» "
        "(lus sur la page de garde) n’y figure"
    )
    assert finding.private == ("looked",)  # the cover's names, hidden with --no-snippets
    assert finding.redacted is not None and "none of [text hidden] (from the cover)" in finding.redacted


def test_other_names_can_count() -> None:
    # The project's subsection "Intégration dans l'unité d'accueil" names no unit; a word of its text can be given.
    assert run(JURY / "project-no-host.pdf", rule.Options(names=("cohorte hospitalière",))) == []


def test_a_dossier_without_project_skips() -> None:
    with Dossier(FIXTURES / "cv-real" / "standalone-name-only.pdf") as dossier, pytest.raises(Skip) as skipped:
        list(rule.check(dossier, rule.Options()))
    assert skipped.value.message_id in ("no-project", "no-host")


def test_the_finding_marks_the_projects_heading() -> None:
    [finding] = run(JURY / "project-no-host.pdf")
    assert finding.page == 4
    assert_rect_marks(finding.rect, poppler_box(JURY / "project-no-host.pdf", 4, "Projet de recherche"))


def test_a_unit_name_on_the_line_under_its_label_with_its_code_in_brackets(tmp_path: Path) -> None:
    # "Unité de recherche :" alone on its line, then "Institut ... (UMR 5505)": the name is read without its code.
    sys.path.insert(0, str(FIXTURES))
    try:
        from make_structure_fixtures import Doc, cover, render
    finally:
        sys.path.remove(str(FIXTURES))
    lines = (
        "Habilitation à diriger des recherches",
        "Marie Dupont",
        "Unité de recherche :",
        "Institut de Recherche en Informatique de Toulouse (UMR 5505)",
    )
    doc = cover(Doc(), lines).section("Projet de recherche", 2)
    path = tmp_path / "label-above-name.pdf"
    render(doc, path, with_outline=False)
    with Dossier(path) as dossier:
        codes, names = rule.host_terms(dossier)
    assert [code.canonical for code in codes] == ["UMR 5505"]
    assert names == ["Institut de Recherche en Informatique de Toulouse"]
