from __future__ import annotations

import pytest

from preflight.model import Level, Status
from tests.helpers import run_check


def fonts_failing(outcome) -> dict[str, list[int]]:
    return {
        item.finding.data["font"]: item.finding.data["pages"] for item in outcome.findings if item.level is Level.ERROR
    }


def test_valid_dossier_embeds_every_font(fixture_pdf) -> None:
    outcome = run_check("fonts-embedded", fixture_pdf("valid-dossier.pdf"))
    assert outcome.status is Status.PASS, [item.finding.message for item in outcome.findings]


def test_standard_14_fonts_are_not_embedded(fixture_pdf) -> None:
    outcome = run_check("fonts-embedded", fixture_pdf("not-embedded-fonts.pdf"))
    assert outcome.status is Status.FAIL
    failing = fonts_failing(outcome)
    assert set(failing) == {"Helvetica", "Times-Roman"}
    message = next(item.finding.message for item in outcome.findings if item.finding.data["font"] == "Helvetica")
    assert message.startswith("font 'Helvetica' is not embedded (Type1, a standard-14 font that viewers replace)")


def test_nonstandard_font_not_embedded(fixture_pdf) -> None:
    assert set(fonts_failing(run_check("fonts-embedded", fixture_pdf("nonstandard-font-not-embedded.pdf")))) == {
        "Calibri"
    }


@pytest.mark.parametrize(
    ("name", "place"), [("form-xobject-font.pdf", "form XObject"), ("annotation-font.pdf", "annotation")]
)
def test_fonts_hidden_in_forms_and_annotations_are_found(fixture_pdf, name: str, place: str) -> None:
    outcome = run_check("fonts-embedded", fixture_pdf(name))
    assert outcome.status is Status.FAIL
    errors = [item.finding for item in outcome.findings if item.level is Level.ERROR]
    assert len(errors) == 1
    assert place in errors[0].message and errors[0].page == 1


def test_type3_fonts_pass_and_bitmap_type3_warns(fixture_pdf) -> None:
    assert run_check("fonts-embedded", fixture_pdf("type3-font.pdf")).status is Status.PASS
    outcome = run_check("fonts-embedded", fixture_pdf("type3-bitmap-font.pdf"))
    assert outcome.status is Status.WARN
    assert "bitmap Type 3 font" in outcome.findings[0].finding.message


def test_font_without_unicode_mapping_warns(fixture_pdf) -> None:
    outcome = run_check("fonts-embedded", fixture_pdf("no-tounicode.pdf"))
    assert outcome.status is Status.WARN
    assert "cannot be extracted" in outcome.findings[0].finding.message


def test_warning_levels_are_options(fixture_pdf) -> None:
    outcome = run_check("fonts-embedded", fixture_pdf("no-tounicode.pdf"), unextractable_text="off")
    assert outcome.status is Status.PASS
