"""host-unit: unit code, team leader and unit director on the cover."""

from __future__ import annotations

from pathlib import Path

import pytest

from preflight.checks import host_unit as rule
from preflight.dossier import Dossier
from tests.helpers import assert_rect_marks, poppler_box, render_findings

STRUCTURE = Path(__file__).resolve().parents[1] / "fixtures" / "structure"


def run(name: str, options: rule.Options | None = None, language: str = "en") -> list:
    with Dossier(STRUCTURE / name) as dossier:
        return render_findings(rule, rule.check(dossier, options or rule.Options()), language)


@pytest.mark.parametrize(
    "name", ["cover-complete.pdf", "cover-english.pdf", "cover-unit-umrs.pdf", "project-8-pages.pdf"]
)
def test_complete_covers_pass(name: str) -> None:
    assert run(name) == []


def test_fixture_texts_say_what_they_claim() -> None:
    with Dossier(STRUCTURE / "cover-complete.pdf") as dossier:
        text = dossier.pages[0].text
    assert "Inserm U1016" in text and "Directrice d'unité : Florence Niedergang" in text
    assert "Chef d'équipe : Jean-Pierre Martin" in text
    with Dossier(STRUCTURE / "cover-no-unit.pdf") as dossier:
        assert "U1016" not in dossier.pages[0].text and "UMR" not in dossier.pages[0].text


def test_missing_unit_code() -> None:
    [finding] = run("cover-no-unit.pdf")
    assert finding.page == 1
    assert finding.level is None
    assert finding.message == (
        "no research-unit code on the cover (page 1): looked for U1234, Inserm U 1234, UMR-S 1234, UMR 1234, "
        "ERL 1234, CIC 1234"
    )


def test_cell_lines_and_years_are_not_unit_codes() -> None:
    [finding] = run("cover-cell-lines-only.pdf")
    assert finding.message.endswith("; ignored as cell lines or years: U937 and US 2019")
    assert finding.data["ignored"] == ["U937", "US 2019"]


def test_missing_team_leader_is_its_own_finding_at_the_rules_level() -> None:
    [finding] = run("cover-no-team-leader.pdf")
    assert finding.level is None  # the rule's level: an error in inserm-cr (tests/test_rule_sets.py)
    assert finding.message == (
        "the cover (page 1) does not name the team leader: no label such as "
        "“Chef(fe) d’équipe”, “Responsable d’équipe”, “Team leader”"
    )


def test_missing_director() -> None:
    [finding] = run("cover-no-director.pdf")
    assert finding.level is None
    assert finding.message.startswith("the cover (page 1) does not name the unit director: no label such as")


def test_director_label_without_a_name() -> None:
    [finding] = run("cover-director-without-name.pdf")
    assert finding.page == 1
    assert finding.message == (
        "the cover names the unit director label “Directrice d'unité” but no person’s name (first and last name) "
        "next to it: it reads “à confirmer”"
    )
    assert finding.snippet == "Directrice d'unité : à confirmer"


def test_required_unit_is_compared_after_normalising() -> None:
    assert run("cover-complete.pdf", rule.Options(unit="Inserm U 1016")) == []
    assert run("cover-unit-umrs.pdf", rule.Options(unit="U1142")) == []
    [finding] = run("cover-complete.pdf", rule.Options(unit="U1142"))
    assert finding.message == (
        "the cover names unit U1016 and UMR 8104, not U1142 as the configuration requires (unit = “U1142”)"
    )
    assert finding.snippet == "U1016"


def test_options_validated() -> None:
    with pytest.raises(ValueError, match="is not a unit code"):
        rule.Options(unit="Cochin")
    assert run("cover-no-director.pdf", rule.Options(director=False)) == []


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("Institut Cochin, INSERM U1016, CNRS UMR 8104", [("U1016", True), ("UMR 8104", True)]),
        ("LIMICS, UMR_S 1142, Bobigny", [("UMR-S 1142", True)]),
        ("Université Paris Cité, T3S, INSERM UMR-S 1124", [("UMR-S 1124", True)]),
        ("MOBIDIC UMR_ S 1236", [("UMR-S 1236", True)]),
        ("Empenn UMRS1228", [("UMR-S 1228", True)]),
        ("RSMS, Inserm ERL U 1309 (Rennes)", [("ERL 1309", True)]),
        ("CIC 1414 Rennes", [("CIC 1414", True)]),
        ("CIC-IT 804", [("CIC-IT 804", True)]),
        ("IPLESP INSERM U. 1136", [("U1136", True)]),
        ("NuMeCan U-1317", [("U1317", True)]),
        ("INSERM - Unité 657", [("U657", True)]),
        ("IRSET-INSERM-1085", [("U1085", True)]),
        ("Inserm US 14", [("US 14", True)]),
        ("U937 and U2OS cells", [("U937", False)]),
        ("cohort US 2019", [("US 2019", False)]),
        ("U 2019", [("U2019", False)]),
        ("U251 glioma cells", [("U251", False)]),
        ("room U357", [("U357", False)]),
        ("Unité Inserm U357", [("U357", True)]),
    ],
)
def test_unit_code_variants(line: str, codes: list[tuple[str, bool]]) -> None:
    assert [(code.canonical, ok) for code, ok in rule.unit_codes_in_line(line)] == codes


def test_cover_without_text(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "blank.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.rect(72, 72, 100, 100)
    pdf.save()
    with Dossier(path) as dossier:
        [finding] = render_findings(rule, rule.check(dossier, rule.Options()))
    assert finding.page == 1
    assert finding.message == (
        "the cover (page 1) has no text the tool can read (a scanned image, or the text could not be extracted), "
        "so it cannot be checked"
    )


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Directrice d'unité : Florence Niedergang", True),
        ("Directeur de l'unité: Pr. Jean DUPONT", True),
        ("Unit director: F. Niedergang", True),
        ("Florence Niedergang, directrice d'unité", True),
        ("Directeur du laboratoire d'accueil :\nMarc Leblanc", True),
        ("Directrice d'unité : à confirmer", False),
        ("Directeur d'unité : Institut Cochin", False),
        ("Directrice d'unité : Niedergang", False),
    ],
)
def test_name_next_to_the_director_label(text: str, named: bool) -> None:
    from preflight.sections import fold

    match = rule.DIRECTOR.search(fold(text))
    assert match is not None
    assert rule._name_near(text, match.start(), match.end()) is named


@pytest.mark.parametrize(
    "text",
    [
        "Cheffe d'équipe : Anne Leclerc",
        "Responsable de l'équipe : Anne Leclerc",
        "Porteuse du projet d'équipe : Anne Leclerc",
        "Group leader: Anne Leclerc",
        "Head of the team: Anne Leclerc",
        "Principal investigator: Anne Leclerc",
    ],
)
def test_team_leader_labels(text: str) -> None:
    from preflight.sections import fold

    match = rule.TEAM_LEADER.search(fold(text))
    assert match is not None
    assert rule._name_near(text, match.start(), match.end())


def test_unit_from_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from preflight.cli import main

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    path = str(STRUCTURE / "cover-complete.pdf")
    (tmp_path / "preflight.toml").write_text('[rules.host-unit]\nunit = "UMR-S 1016"\n')
    result = runner.invoke(main, ["check", "--select", "host-unit", path])
    assert result.exit_code == 0, result.output
    (tmp_path / "preflight.toml").write_text('[rules.host-unit]\nunit = "U1153"\n')
    result = runner.invoke(main, ["check", "--select", "host-unit", path])
    assert result.exit_code == 1
    assert "FAIL  host-unit  the cover names unit U1016 and UMR 8104, not U1153" in result.output
    (tmp_path / "preflight.toml").write_text('[rules.host-unit]\nunit = "Cochin"\n')
    result = runner.invoke(main, ["check", "--select", "host-unit", path])
    assert result.exit_code == 2
    assert "[rules.host-unit]: unit 'Cochin' is not a unit code" in result.output


# ---------------------------------------------------------------------------------------------- where the marks go
@pytest.mark.parametrize(
    ("name", "options", "message_id", "marked"),
    [
        # A label without a name: the label's line.
        ("cover-director-without-name.pdf", None, "director-unnamed-reads", "Directrice d'unité : à confirmer"),
        # A wrong unit code: the line that names the code read.
        ("cover-complete.pdf", rule.Options(unit="U1142"), "wrong-unit", "Institut Cochin, Inserm U1016,"),
        # Missing labels: the line they belong beside, the team's for its leader, the unit's for the director.
        ("cover-no-team-leader.pdf", None, "missing-team-leader", "Équipe d'accueil : Signalisation et stress"),
        ("cover-no-director.pdf", None, "missing-director", "Laboratoire d'accueil : Institut Cochin,"),
        # No unit code: the line that names the unit without one, or the codes refused (cell lines, a year).
        ("cover-no-unit.pdf", None, "no-unit-code", "Laboratoire d'accueil : Institut Cochin,"),
        ("cover-cell-lines-only.pdf", None, "no-unit-code-ignored", "lignées U937 et U2OS, cohorte US 2019"),
    ],
)
def test_a_finding_marks_the_cover_line_it_is_about(
    name: str, options: rule.Options | None, message_id: str, marked: str
) -> None:
    with Dossier(STRUCTURE / name) as dossier:
        [finding] = list(rule.check(dossier, options or rule.Options()))
    assert finding.message_id == message_id and finding.page == 1
    assert_rect_marks(finding.rect, poppler_box(STRUCTURE / name, 1, marked))


def test_a_cover_without_any_such_line_is_marked_as_its_text_block(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "bare-cover.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(72, 760, "Dossier de candidature")
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 600, "Marie Dupont, chargée de recherche")
    pdf.save()
    with Dossier(path) as dossier:
        findings = list(rule.check(dossier, rule.Options()))
    assert [f.message_id for f in findings] == ["no-unit-code", "missing-team-leader", "missing-director"]
    title, name = poppler_box(path, 1, "Dossier de candidature"), poppler_box(path, 1, "Marie Dupont,")
    for finding in findings:
        assert finding.page == 1
        assert_rect_marks(finding.rect, title, lines=12)
        assert_rect_marks(finding.rect, name, lines=12)


@pytest.mark.parametrize(
    ("name", "words"),
    [("project-only.pdf", "Projet de recherche"), ("standalone-name-only.pdf", "Nadia Berthelot-Ferrand")],
)
def test_a_first_page_that_is_no_cover_is_marked_at_its_title(name: str, words: str) -> None:
    path = Path(__file__).resolve().parents[1] / "fixtures" / "cv-real" / name
    with Dossier(path) as dossier:
        [finding] = list(rule.check(dossier, rule.Options()))
    assert finding.message_id == "no-cover" and finding.page == 1
    assert_rect_marks(finding.rect, poppler_box(path, 1, words))


def test_a_cover_of_digits_only_is_marked_as_its_text(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "digits.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 700, "2026 - 12 - 01")
    pdf.save()
    with Dossier(path) as dossier:
        findings = list(rule.check(dossier, rule.Options()))
    assert [f.message_id for f in findings] == ["no-unit-code", "missing-team-leader", "missing-director"]
    for finding in findings:
        assert_rect_marks(finding.rect, poppler_box(path, 1, "2026 - 12 - 01"))
