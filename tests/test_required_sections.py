"""required-sections: the parts a competition expects are present, each missing one its own finding."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from preflight.checks import load_registry
from preflight.checks import required_sections as rule
from preflight.config import UserConfig, resolve_rule_set
from preflight.dossier import Dossier
from preflight.messages import NNBSP
from preflight.model import Level
from tests.helpers import render_findings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
JURY = FIXTURES / "jury"


def options(profile: str = "inserm-cr") -> rule.Options:
    rule_set = resolve_rule_set(load_registry(), UserConfig(), profile)
    return next(r.options for r in rule_set.rules if r.id == rule.ID)


def run(path: Path, profile: str = "inserm-cr", language: str = "en", sections: dict | None = None) -> list:
    rule_set = resolve_rule_set(load_registry(), UserConfig(), profile)
    with Dossier(path) as dossier:
        dossier.section_config = {**rule_set.sections, **(sections or {})}
        return render_findings(rule, rule.check(dossier, options(profile)), language)


def test_a_full_dossier_has_every_part() -> None:
    assert run(JURY / "full-dossier.pdf") == []
    assert run(JURY / "latex-preprints.pdf") == []


def test_a_dossier_without_publication_list_is_an_error_naming_the_titles() -> None:
    [finding] = run(JURY / "no-publications.pdf")
    assert finding.level is None  # the rule's level: an error in inserm-cr
    assert finding.message == (
        "no publication list in the dossier: no outline entry, heading or label reads “publications”, "
        "“liste des publications”, “liste de publications”, “list of publications”, “publication list”, "
        "“productions scientifiques”, “production scientifique” or “travaux et publications” (or 12 other titles)"
    )
    assert finding.fix == (
        "Add the part under one of these titles; if it is there under another title, name it in preflight.toml: "
        '[sections] publications = "Your exact title" or publications = "12-23" (its pages). '
        "'preflight sections FILE' shows the parts found."
    )
    assert finding.data["part"] == "publications" and len(finding.data["titles_tried"]) == 20


def test_the_message_in_french() -> None:
    [finding] = run(JURY / "no-publications.pdf", language="fr")
    assert finding.message.startswith(
        f"pas de liste des publications dans le dossier{NNBSP}: aucun signet, titre ou intitulé ne porte "
        f"«{NNBSP}publications{NNBSP}», «{NNBSP}liste des publications{NNBSP}»"
    )
    assert finding.message.endswith(f"ou «{NNBSP}travaux et publications{NNBSP}» (ni 12 autres titres)")
    assert finding.fix.startswith(f"Ajoutez cette partie sous l’un de ces titres{NNBSP}; si elle existe")


def test_a_part_named_in_the_configuration_is_found() -> None:
    assert run(JURY / "no-publications.pdf", sections={"publications": "11"}) == []


def test_teaching_and_funding_are_labels_or_headings_and_only_warnings() -> None:
    # The real-route Word dossier has "Encadrement : ..." and "Enseignement : ..." lines but no funding part.
    [finding] = run(FIXTURES / "word" / "dossier.pdf")
    assert finding.level is Level.WARNING
    assert finding.message.startswith(
        "no funding and grants part in the dossier: no outline entry, heading or label reads “financements”"
    )
    [french] = run(FIXTURES / "word" / "dossier.pdf", language="fr")
    assert french.message.startswith(
        f"pas de partie financements et contrats dans le dossier{NNBSP}: aucun signet, titre ou intitulé"
    )


def test_ita_and_postdoc_have_their_own_lists() -> None:
    assert options("inserm-ita").required == ("cv", "motivation-letter")
    [finding] = run(JURY / "full-dossier.pdf", profile="inserm-ita")
    assert finding.message.startswith("no motivation letter in the dossier: no outline entry, heading or label reads")
    assert options("inserm-postdoc").required == ("cv",)
    [letters] = run(JURY / "full-dossier.pdf", profile="inserm-postdoc")
    assert letters.level is Level.WARNING and letters.data["part"] == "letters"
    assert letters.message.startswith("no letters in the dossier: no outline entry, heading or label reads")


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="both required and recommended"):
        rule.Options(required=("cv",), recommended=("cv",))
    with pytest.raises(ValueError, match="is not a part name"):
        rule.Options(required=("Publications",))


def test_a_part_listing_the_projects_taken_part_in_is_the_funding_part(tmp_path: Path) -> None:
    # An HDR's CV lists its funded projects under "Participation / coordination de projets" (each with its
    # "Financement : ANR-..." line): that is the funding part, not a missing one.
    sys.path.insert(0, str(FIXTURES))
    try:
        from make_structure_fixtures import Doc, cover, render
    finally:
        sys.path.remove(str(FIXTURES))
    doc = cover(Doc()).section("Curriculum vitae", 1).heading("1.3 Encadrement", size=12).text(3)
    doc.heading("1.6 Participation / coordination de projets", size=12).plain("• Financement : ANR-16-CE25-0006")
    path = tmp_path / "projects.pdf"
    render(doc, path, with_outline=False)
    assert [f.data["part"] for f in run(path)] == ["activity-report", "project", "publications"]


def _cv_with(tmp_path: Path, *headings: str, body: str = "") -> Path:
    sys.path.insert(0, str(FIXTURES))
    try:
        from make_structure_fixtures import Doc, cover, render
    finally:
        sys.path.remove(str(FIXTURES))
    doc = cover(Doc()).section("Curriculum vitae", 1).heading("Enseignement", size=12).text(2)
    for heading in headings:
        doc.heading(heading, size=12).text(1)
    if body:
        doc.plain(body).text(1)
    path = tmp_path / "cv.pdf"
    render(doc, path, with_outline=False)
    return path


def test_a_heading_that_joins_funding_to_another_title_is_the_funding_part(tmp_path: Path) -> None:
    # The valid dossier's CV has "Distinctions et financements"; real CVs write "Prix, bourses et
    # financements", "Honors & Grants".
    for heading in ("Distinctions et financements", "2.4 Prix, bourses & financements :", "Honors and Grants"):
        parts = [f.data["part"] for f in run(_cv_with(tmp_path, heading))]
        assert parts == ["activity-report", "project", "publications"], heading
    assert run(FIXTURES / "valid-dossier.pdf") == []


def test_a_wrapped_sentence_that_names_funding_is_not_a_heading(tmp_path: Path) -> None:
    # Styled as headings, capitalised, short, joined by "et": but the first ends with the joining word, so it
    # is the first line of a sentence, and a lowercase line is the middle of one.
    for line in ("Recherche, enseignement et financements et", "la recherche, les financements et les prix"):
        parts = [f.data["part"] for f in run(_cv_with(tmp_path, line))]
        assert parts == ["activity-report", "project", "publications", "funding"], line
    # Nor is a line of body text, whatever it says.
    parts = [f.data["part"] for f in run(_cv_with(tmp_path, body="Distinctions et financements"))]
    assert parts == ["activity-report", "project", "publications", "funding"]
    assert rule.joined_titles("Distinctions et financements : ANR JCJC (2022)") == ["distinctions", "financements"]
    assert rule.joined_titles("Financements") == []
    long_heading = "Contrats et financements de la recherche publique et privée obtenus de 2010 à 2020"
    assert rule.joined_titles(long_heading) == []
