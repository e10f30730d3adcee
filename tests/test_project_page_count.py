"""project-page-count: the project's length against 8-15 pages, and a missing project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.checks import project_page_count as rule
from preflight.cli import main
from preflight.dossier import Dossier
from preflight.messages import NNBSP
from preflight.model import Level
from preflight.sections import default_config
from tests.helpers import assert_rect_marks, poppler_box, render_findings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STRUCTURE = FIXTURES / "structure"


def run(
    name: str, options: rule.Options | None = None, config: dict[str, object] | None = None, language: str = "en"
) -> list:
    with Dossier(STRUCTURE / name) as dossier:
        if config is not None:
            dossier.section_config = {**default_config(), **config}
        return render_findings(rule, rule.check(dossier, options or rule.Options()), language)


@pytest.mark.parametrize("name", ["project-8-pages.pdf", "project-15-pages.pdf", "outline-only.pdf", "toc-page.pdf"])
def test_within_limits(name: str) -> None:
    assert run(name) == []


def test_seven_pages_is_too_short() -> None:
    [finding] = run("project-7-pages.pdf")
    assert finding.page == 7
    assert finding.level is None
    assert finding.message == (
        "the 'project' section (“Projet de recherche”) spans 7 pages (pages 7-13, found by outline), "
        "fewer than the minimum of 8 (expected 8-15 pages)"
    )
    assert finding.fix is not None and finding.fix.startswith("Add 1 page.")
    assert finding.data["pages"] == 7
    [french] = run("project-7-pages.pdf", language="fr")
    assert french.message == (
        f"la partie projet de recherche («{NNBSP}Projet de recherche{NNBSP}») compte 7 pages (pages 7-13, repérée "
        f"par les signets), en dessous du minimum de 8 (attendu{NNBSP}: de 8 à 15 pages)"
    )
    assert french.fix == (
        "Ajoutez 1 page. Si ce ne sont pas les pages de la partie, lancez "
        f'«{NNBSP}preflight sections FICHIER{NNBSP}» et indiquez [sections] project = "PREMIÈRE-DERNIÈRE" dans '
        "preflight.toml."
    )


def test_sixteen_pages_is_too_long() -> None:
    [finding] = run("project-16-pages.pdf")
    assert finding.page == 7
    assert "spans 16 pages (pages 7-22, found by outline), more than the maximum of 15" in finding.message
    assert finding.fix is not None and finding.fix.startswith("Cut 1 page.")


def test_hard_limits_make_near_misses_warnings() -> None:
    options = rule.Options(hard_min_pages=4, hard_max_pages=25)
    [short] = run("project-7-pages.pdf", options)
    assert short.level is Level.WARNING
    [long] = run("project-16-pages.pdf", rule.Options(hard_max_pages=15))
    assert long.level is None


def test_shared_last_page_counts() -> None:
    [finding] = run("headings-only.pdf", rule.Options(max_pages=10))
    assert "spans 11 pages (pages 7-17, found by heading on page 7)" in finding.message
    [french] = run("headings-only.pdf", rule.Options(max_pages=10), language="fr")
    assert "compte 11 pages (pages 7-17, repérée par son titre à la page 7), au-delà du maximum de 10" in (
        french.message
    )
    assert french.fix is not None and french.fix.startswith("Retirez 1 page.")


def test_missing_project_names_titles_tried_and_how_to_point_at_it() -> None:
    [finding] = run("no-project.pdf")
    assert finding.page is None
    assert finding.message.startswith(
        "no 'project' section found, so its length (8-15 pages) cannot be checked: no outline entry or heading "
        "reads one of the titles looked for, “projet de recherche”, “projet scientifique”, “programme de recherche”, "
        "“projet”, "
    )
    assert finding.message.endswith(" (and 8 more)")
    assert finding.fix is not None
    assert "preflight sections FILE" in finding.fix
    assert '[sections] project = "12-23"' in finding.fix
    assert "research project" in finding.data["titles_tried"]
    [french] = run("no-project.pdf", language="fr")
    assert french.message.startswith(
        f"aucune partie projet de recherche trouvée{NNBSP}: sa longueur (de 8 à 15 pages) ne peut donc pas être "
        f"vérifiée{NNBSP}; aucun signet ni aucun titre ne porte l’un des intitulés cherchés, "
        f"«{NNBSP}projet de recherche{NNBSP}», «{NNBSP}projet scientifique{NNBSP}», "
    )
    assert french.message.endswith(f"{NNBSP}» (et 8 autres)")
    assert french.fix is not None and french.fix.startswith(
        f"Lancez «{NNBSP}preflight sections FICHIER{NNBSP}» pour voir les parties trouvées."
    )


def test_config_range_is_measured() -> None:
    [finding] = run("no-project.pdf", config={"project": "4-6"})
    assert "spans 3 pages (pages 4-6, found by config)" in finding.message


def test_reused_for_another_section() -> None:
    [finding] = run("headings-only.pdf", rule.Options(section="publications", min_pages=1, max_pages=1))
    assert finding.message.startswith("the 'publications' section (“4. Liste des publications”) spans 2 pages")
    [french] = run("headings-only.pdf", rule.Options(section="publications", min_pages=1, max_pages=1), language="fr")
    assert french.message.startswith(
        f"la partie liste des publications («{NNBSP}4. Liste des publications{NNBSP}») compte 2 pages"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_pages": 0}, "min_pages (0) must be at least 1"),
        ({"min_pages": 9, "max_pages": 8}, "min_pages (9) must be at least 1 and at most max_pages (8)"),
        ({"hard_max_pages": 10}, "hard_max_pages (10) must be at least max_pages"),
        ({"section": "Project"}, "is not a section name"),
    ],
)
def test_options_are_validated(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        rule.Options(**kwargs)  # type: ignore[arg-type]


def test_check_command_reports_and_carries_sections_in_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "preflight.toml").write_text("")  # stop the configuration search here
    runner = CliRunner()
    path = str(STRUCTURE / "project-16-pages.pdf")
    result = runner.invoke(main, ["check", "--select", "project-page-count", "--format", "json", path])
    assert result.exit_code == 1, result.output  # an error in inserm-cr: one range, 8-15
    report = json.loads(result.output)["files"][0]
    [outcome] = report["results"]
    assert outcome["status"] == "fail"
    assert outcome["findings"][0]["severity"] == "error"
    assert [s["name"] for s in report["sections"]] == ["cover", "cv", "activity-report", "project", "publications"]
    assert report["sections"][3] == {
        "name": "project",
        "title": "Projet de recherche",
        "first_page": 7,
        "last_page": 22,
        "pages": 16,
        "found_by": "outline",
    }
    result = runner.invoke(main, ["check", "--select", "project-page-count", str(STRUCTURE / "no-project.pdf")])
    assert result.exit_code == 1
    assert "FAIL  project-page-count  no 'project' section found" in result.output
    # A rule that does not need the sections leaves them out of the report.
    result = runner.invoke(main, ["check", "--select", "file-size", "--format", "json", path])
    assert "sections" not in json.loads(result.output)["files"][0]


def test_reused_by_the_ita_rule_set_for_the_motivation_letter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    sys.path.insert(0, str(fixtures))
    try:
        from make_structure_fixtures import Doc, cover, render
    finally:
        sys.path.remove(str(fixtures))
    render(cover(Doc()).section("Lettre de motivation", 3).section("Curriculum vitae", 2), tmp_path / "ita.pdf", False)
    render(cover(Doc()).section("Curriculum vitae", 2), tmp_path / "no-letter.pdf", False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "preflight.toml").write_text("")  # stop the configuration search here
    runner = CliRunner()
    rule_id = "motivation-letter-page-count"
    result = runner.invoke(main, ["check", "-p", "inserm-ita", "--select", rule_id, "-f", "json", "ita.pdf"])
    assert result.exit_code == 1, result.output
    [outcome] = json.loads(result.output)["files"][0]["results"]
    assert outcome["status"] == "fail"
    assert outcome["message"] == (
        "the 'motivation-letter' section (“Lettre de motivation”) spans 3 pages (pages 2-4, found by heading on "
        "page 2), more than the maximum of 2 (expected 1-2 pages)"
    )
    result = runner.invoke(main, ["check", "-p", "inserm-ita", "--select", rule_id, "-f", "json", "no-letter.pdf"])
    assert result.exit_code == 0, result.output
    [outcome] = json.loads(result.output)["files"][0]["results"]
    assert outcome["status"] == "skip"
    assert outcome["message"].startswith("no 'motivation-letter' section in this dossier (not required")


def test_configured_pages_beyond_the_document_are_a_finding_not_silence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "preflight.toml").write_text('[sections]\nproject = "30-40"\n')
    dossier = str(Path(__file__).resolve().parents[1] / "fixtures" / "valid-dossier.pdf")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--select", "project-page-count", "-f", "json", dossier])
    assert result.exit_code == 1
    [outcome] = json.loads(result.output)["files"][0]["results"]
    assert outcome["message"] == (
        "[sections] project = \"30-40\" starts after the last page (16): the 'project' section cannot be measured "
        "from it"
    )
    result = CliRunner().invoke(
        main, ["check", "--lang", "fr", "--no-cache", "--select", "project-page-count", "-f", "json", dossier]
    )
    assert result.exit_code == 1
    [outcome] = json.loads(result.output)["files"][0]["results"]
    assert outcome["message"] == (
        f'la ligne [sections] project = "30-40" commence après la dernière page (16){NNBSP}: la partie projet de '
        "recherche ne peut pas être mesurée à partir de cette ligne"
    )


@pytest.mark.parametrize(
    ("found_by", "english", "french"),
    [
        ("outline", "found by outline", "repérée par les signets"),
        ("config", "found by config", "fixée par la configuration"),
        ("heading on page 7", "found by heading on page 7", "repérée par son titre à la page 7"),
        (
            "bookmark 'Conclusion et perspectives', a fallback title of 'project' (none of its own titles, such as "
            "'projet de recherche', was found)",
            "found by bookmark “Conclusion et perspectives”, a fallback title of 'project' (none of its own titles, "
            "such as “projet de recherche”, was found)",
            f"repérée par le signet «{NNBSP}Conclusion et perspectives{NNBSP}», un intitulé de repli de la partie "
            f"projet de recherche (aucun de ses propres intitulés, comme «{NNBSP}projet de recherche{NNBSP}», n’a été "
            "trouvé)",
        ),
        (
            "title of page 1 ('Projet d'équipe' is a title of 'project')",
            "found by title of page 1 (“Projet d'équipe” is a title of 'project')",
            f"repérée par le titre de la page 1 («{NNBSP}Projet d'équipe{NNBSP}» est un intitulé de la partie projet "
            "de recherche)",
        ),
        (
            "CV headings on page 3 ('Formation', 'Expérience') and dates",
            "found by CV headings on page 3 (“Formation” and “Expérience”) and dates",
            f"repérée par les rubriques de CV de la page 3 («{NNBSP}Formation{NNBSP}» et «{NNBSP}Expérience{NNBSP}») "
            "et par des dates",
        ),
    ],
)
def test_how_a_section_was_found_is_said_in_each_language(found_by: str, english: str, french: str) -> None:
    from preflight.messages import render_template
    from preflight.sections import found_by_message

    message_id, args = found_by_message(found_by)
    assert render_template({}, message_id, args, "en") == english
    assert render_template({}, message_id, args, "fr") == french


def test_a_section_not_required_skips_in_french() -> None:
    from preflight.messages import render_template
    from preflight.model import Skip

    with Dossier(STRUCTURE / "no-project.pdf") as dossier, pytest.raises(Skip) as skipped:
        list(rule.check(dossier, rule.Options(required=False)))
    assert render_template(rule.MESSAGES, skipped.value.message_id, skipped.value.message_args, "fr") == (
        f"pas de partie projet de recherche dans ce dossier (elle n’est pas exigée{NNBSP}; "
        f"«{NNBSP}preflight sections FICHIER{NNBSP}» permet de le vérifier)"
    )


@pytest.mark.parametrize(
    ("path", "page"),
    [
        (STRUCTURE / "project-7-pages.pdf", 7),  # found by its heading
        (STRUCTURE / "project-16-pages.pdf", 7),
        (FIXTURES / "latex" / "project-7-pages.pdf", 5),  # found by its bookmark, whose title is on the page
    ],
)
def test_the_finding_marks_the_projects_heading(path: Path, page: int) -> None:
    with Dossier(path) as dossier:
        [finding] = list(rule.check(dossier, rule.Options()))
    assert finding.page == page
    assert_rect_marks(finding.rect, poppler_box(path, page, "Projet de recherche"))


def test_configured_pages_have_no_heading_to_mark() -> None:
    [finding] = run("project-7-pages.pdf", config={"project": "7-13"})
    assert finding.page == 7 and finding.rect is None
