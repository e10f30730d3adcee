"""orcid: presence, MOD 11-2 check digit, assigned ranges."""

from __future__ import annotations

from pathlib import Path

import pytest

from preflight.checks import orcid as rule
from preflight.dossier import Dossier
from preflight.messages import NNBSP
from preflight.model import Level
from tests.helpers import assert_rect_marks, poppler_box, render_findings

STRUCTURE = Path(__file__).resolve().parents[1] / "fixtures" / "structure"


def run(name: str, options: rule.Options | None = None, language: str = "en") -> list:
    with Dossier(STRUCTURE / name) as dossier:
        return render_findings(rule, rule.check(dossier, options or rule.Options()), language)


@pytest.mark.parametrize(
    ("base", "digit"),
    [("000000021825009", "7"), ("000000021694233", "X"), ("000900015055926", "2")],
)
def test_check_digit_vectors(base: str, digit: str) -> None:
    assert rule.check_digit(base) == digit


def test_ranges() -> None:
    assert rule.in_assigned_range("000000015000000")
    assert rule.in_assigned_range("000000035000000")
    assert not rule.in_assigned_range("000000035000001")
    assert rule.in_assigned_range("000900100000000")
    assert not rule.in_assigned_range("000000000000001")


@pytest.mark.parametrize("name", ["cover-complete.pdf", "cover-orcid-x.pdf", "cover-english.pdf"])
def test_valid_orcid_passes(name: str) -> None:
    assert run(name) == []


def test_invalid_check_digit_is_an_error() -> None:
    [finding] = run("cover-orcid-invalid.pdf")
    assert finding.level is None
    assert finding.page == 1
    assert finding.message == (
        "ORCID iD “0000-0002-1825-0098” has a wrong check digit: '8' where the digits before it give '7' "
        "(ISO 7064 MOD 11-2), so it is mistyped"
    )
    assert finding.snippet == "ORCID : 0000-0002-1825-0098"
    assert finding.redacted == finding.message.replace("“0000-0002-1825-0098”", "[text hidden]")
    [french] = run("cover-orcid-invalid.pdf", language="fr")
    assert french.message == (
        f"l’identifiant ORCID «{NNBSP}0000-0002-1825-0098{NNBSP}» a un caractère de contrôle faux "
        f"(«{NNBSP}8{NNBSP}» là où les chiffres qui le précèdent donnent «{NNBSP}7{NNBSP}», selon ISO 7064 MOD 11-2)"
        f"{NNBSP}: il a été mal recopié"
    )
    assert french.fix == "Copiez l’identifiant depuis votre fiche ORCID (orcid.org) au lieu de le taper."


def test_out_of_range_is_a_warning() -> None:
    [finding] = run("cover-orcid-out-of-range.pdf")
    assert finding.level is Level.WARNING
    assert finding.message.startswith(
        "ORCID iD “0000-0000-0000-001X” has a valid check digit but lies outside the ranges ORCID assigns"
    )
    assert finding.snippet == "ORCID iD: https://orcid.org/0000-0000-0000-001X"


def test_absent_is_a_warning_unless_not_required() -> None:
    [finding] = run("cover-no-orcid.pdf")
    assert finding.level is Level.WARNING
    assert finding.message == "no ORCID iD found in the dossier (1 page searched)"
    [french] = run("cover-no-orcid.pdf", language="fr")
    assert french.message == "aucun identifiant ORCID dans le dossier (1 page parcourue)"
    assert french.fix == (
        f"Ajoutez votre identifiant ORCID sur la page de garde, par exemple «{NNBSP}ORCID{NNBSP}: "
        f"0000-0002-1825-0097{NNBSP}» (à copier depuis orcid.org)."
    )
    assert run("cover-no-orcid.pdf", rule.Options(required=False)) == []


def test_undashed_id_needs_a_label(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "ids.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.drawString(72, 700, "IBAN 0000000218250098")
    pdf.drawString(72, 680, "orcid.org/0000000218250098")
    pdf.save()
    with Dossier(path) as dossier:
        [finding] = rule.check(dossier, rule.Options())
    assert finding.data["orcid"] == "0000-0002-1825-0098"
    assert finding.page == 1


def test_template_placeholder(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "placeholder.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.drawString(72, 700, "ORCID: 0000-0000-0000-0000")
    pdf.save()
    with Dossier(path) as dossier:
        [finding] = render_findings(rule, rule.check(dossier, rule.Options()))
    assert finding.message == "ORCID iD 0000-0000-0000-0000 is a template's placeholder, not an iD"
    assert finding.level is None


@pytest.mark.parametrize(
    "label", ["ORCID (iD) : 0000000218250097", "ORCID iD: 0000-0002-1825-0097", "ORCID\u00a0: 0000 0002 1825 0097"]
)
def test_label_forms_the_docs_suggest_are_read(label: str) -> None:
    match = rule._LABELLED.search(label)
    assert match is not None and match.groups() == ("0000", "0002", "1825", "0097")


@pytest.mark.parametrize(
    ("name", "words"),
    [("cover-orcid-invalid.pdf", "ORCID : 0000-0002-1825-0098"), ("cover-orcid-out-of-range.pdf", "ORCID iD:")],
)
def test_the_orcids_line_is_marked(name: str, words: str) -> None:
    with Dossier(STRUCTURE / name) as dossier:
        [finding] = list(rule.check(dossier, rule.Options()))
    assert finding.page == 1
    assert_rect_marks(finding.rect, poppler_box(STRUCTURE / name, 1, words))
