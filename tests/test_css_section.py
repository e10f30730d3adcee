"""css-section: the commission (CSS 1-7 or CPAR) on the cover."""

from __future__ import annotations

from pathlib import Path

import pytest

from preflight.checks import css_section as rule
from preflight.dossier import Dossier
from preflight.messages import NNBSP
from preflight.model import Level
from preflight.rulesets import ConfigError, build_options
from tests.helpers import assert_rect_marks, poppler_box, render_findings

STRUCTURE = Path(__file__).resolve().parents[1] / "fixtures" / "structure"


def run(name: str, options: rule.Options | None = None, language: str = "en") -> list:
    with Dossier(STRUCTURE / name) as dossier:
        return render_findings(rule, rule.check(dossier, options or rule.Options()), language)


def test_named_commission_passes() -> None:
    assert run("cover-complete.pdf") == []
    assert run("cover-complete.pdf", rule.Options(css=3)) == []
    assert run("cover-cpar.pdf", rule.Options(css="cpar")) == []
    assert run("cover-english.pdf", rule.Options(css="5")) == []


def test_missing_commission() -> None:
    [finding] = run("cover-no-css.pdf")
    assert finding.page == 1
    assert finding.level is Level.WARNING  # chosen on the portal too; naming another one stays an error
    assert finding.message == (
        "the cover (page 1) does not name the Inserm commission: no 'CSS 1' to 'CSS 7' or 'CPAR'"
    )
    [french] = run("cover-no-css.pdf", language="fr")
    assert french.message == (
        f"la page de garde (page 1) ne nomme pas la commission de l’Inserm{NNBSP}: ni «{NNBSP}CSS 1{NNBSP}» à "
        f"«{NNBSP}CSS 7{NNBSP}», ni «{NNBSP}CPAR{NNBSP}»"
    )
    assert french.fix == (
        f"Indiquez sur la page de garde la commission à laquelle vous candidatez, par exemple «{NNBSP}CSS 3{NNBSP}» "
        f"ou «{NNBSP}CPAR{NNBSP}» (voir l’avis de la campagne)."
    )


def test_wrong_commission() -> None:
    [finding] = run("cover-complete.pdf", rule.Options(css=4))
    assert finding.level is None
    assert finding.message == (
        "the cover names CSS 3, but the configuration says this dossier goes to CSS 4: a dossier sent to the "
        "wrong commission is rejected without being read"
    )
    assert finding.snippet == "CSS 3"
    [finding] = run("cover-cpar.pdf", rule.Options(css=2))
    assert finding.message.startswith("the cover names CPAR, but the configuration says this dossier goes to CSS 2")
    [french] = run("cover-complete.pdf", rule.Options(css=4), "fr")
    assert french.message == (
        f"la page de garde indique CSS 3, mais la configuration adresse ce dossier à la CSS 4{NNBSP}: un dossier "
        "adressé à la mauvaise commission est rejeté sans être lu"
    )
    assert french.fix == (
        f"Vérifiez la commission{NNBSP}: corrigez la page de garde pour y indiquer la CSS 4, ou corrigez "
        f"«{NNBSP}css{NNBSP}» dans preflight.toml."
    )


def test_a_commission_out_of_range_is_named(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "css9.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.drawString(72, 700, "Concours Inserm - CSS 9")
    pdf.save()
    [finding] = run_path(path)
    assert finding.message.endswith("; “CSS 9” is not a current commission (CSS 1-7)")
    assert finding.redacted is not None and finding.redacted.endswith(
        "; [text hidden] is not a current commission (CSS 1-7)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CSS 3 - Physiologie", "3"),
        ("CSS n°5", "5"),
        ("CSS-7", "7"),
        ("Commission scientifique spécialisée 2", "2"),
        ("CSS 9", "9"),
    ],
)
def test_commission_spellings(text: str, expected: str) -> None:
    from preflight.sections import fold

    match = rule.COMMISSION.search(fold(text))
    assert match is not None and match.group("number") == expected


def test_css_option_is_validated_through_the_rule_set_loader() -> None:
    assert build_options(rule.Options, {"css": 3}, "[rules.css-section]", "test").css == 3
    assert build_options(rule.Options, {"css": "CPAR"}, "[rules.css-section]", "test").expected == "CPAR"
    with pytest.raises(ConfigError, match="Inserm has CSS 1 to 7"):
        build_options(rule.Options, {"css": 8}, "[rules.css-section]", "test")
    with pytest.raises(ConfigError, match='expected a number from 1 to 7 or "CPAR"'):
        build_options(rule.Options, {"css": "CSS3"}, "[rules.css-section]", "test")


def test_css3_the_web_language_is_not_a_commission(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "web.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.drawString(72, 700, "Skills: HTML5, CSS3, JavaScript")
    pdf.drawString(72, 680, "Html/CSS 3+ yrs")
    pdf.save()
    [finding] = run_path(path)
    assert finding.message.startswith("the cover (page 1) does not name the Inserm commission")
    path = tmp_path / "solid.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.drawString(72, 700, "Concours CRCN - CSS3")
    pdf.save()
    assert run_path(path, rule.Options(css=3)) == []


def run_path(path: Path, options: rule.Options | None = None) -> list:
    with Dossier(path) as dossier:
        return render_findings(rule, rule.check(dossier, options or rule.Options()))


def test_a_named_commission_is_marked_on_its_line_and_a_missing_one_on_the_covers_text() -> None:
    with Dossier(STRUCTURE / "cover-complete.pdf") as dossier:
        [wrong] = list(rule.check(dossier, rule.Options(css=4)))
    assert wrong.page == 1
    assert_rect_marks(wrong.rect, poppler_box(STRUCTURE / "cover-complete.pdf", 1, "CSS 3 - Physiologie"))
    path = STRUCTURE / "cover-no-css.pdf"
    with Dossier(path) as dossier:
        [missing] = list(rule.check(dossier, rule.Options()))
    for words in ("Concours CRCN 2026", "Candidate : Marie Dupont"):
        assert_rect_marks(missing.rect, poppler_box(path, 1, words), lines=15)
