"""filename: the uploaded file's name is safe for the portal, with a transliterated suggestion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from preflight.checks import filename
from preflight.cli import main
from preflight.dossier import Dossier
from preflight.messages import NNBSP
from tests.helpers import render_findings

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "fixtures" / "hidden" / "french-typography.pdf"


def findings_for(tmp_path: Path, name: str, language: str = "en", **options: int) -> list[filename.Finding]:
    path = tmp_path / name
    shutil.copyfile(SAMPLE, path)
    with Dossier(path) as dossier:
        return render_findings(filename, filename.check(dossier, filename.Options(**options)), language)


def test_safe_name_passes(tmp_path: Path) -> None:
    assert findings_for(tmp_path, "DURAND_Elodie_CRCN_CSS2.pdf") == []


def test_spaces_and_accents_are_named_and_a_transliterated_name_is_suggested(tmp_path: Path) -> None:
    (finding,) = findings_for(tmp_path, "Dossier_Élodie Durand.pdf")
    assert finding.message == (
        "file name “Dossier_Élodie Durand.pdf” is not safe for the portal: it has spaces and "
        "it has accented or non-ASCII letters (É) "
        "(allowed: ASCII letters, digits, '-', '_' and one '.pdf', at most 64 characters)"
    )
    assert finding.fix == "Rename the file to “Dossier_Elodie_Durand.pdf” before you upload it."
    assert finding.data["suggestion"] == "Dossier_Elodie_Durand.pdf"
    assert finding.data["problems"] == ["it has spaces", "it has accented or non-ASCII letters (É)"]
    assert finding.page is None


def test_the_problems_are_named_in_french(tmp_path: Path) -> None:
    (finding,) = findings_for(tmp_path, "Mon dossier v1.2.PDF", "fr")
    assert finding.message == (
        f"le nom de fichier «{NNBSP}Mon dossier v1.2.PDF{NNBSP}» ne convient pas au portail{NNBSP}: une terminaison "
        f"«{NNBSP}.PDF{NNBSP}» au lieu de «{NNBSP}.pdf{NNBSP}», 2 points (les portails lisent "
        f"«{NNBSP}v1.3.pdf{NNBSP}» comme une double extension) et des espaces{NNBSP}; seuls sont admis les lettres "
        f"ASCII, les chiffres, «{NNBSP}-{NNBSP}» et «{NNBSP}_{NNBSP}», avec une seule terminaison "
        f"«{NNBSP}.pdf{NNBSP}» et 64 caractères au plus"
    )
    assert finding.fix == f"Renommez le fichier en «{NNBSP}Mon_dossier_v1_2.pdf{NNBSP}» avant de le déposer."
    assert finding.data["problems"][0] == "it ends in '.PDF' instead of '.pdf'"  # the JSON stays English


@pytest.mark.parametrize(
    ("name", "problem", "suggestion"),
    [
        ("projet v1.3.pdf", "it has 2 dots", "projet_v1_3.pdf"),
        ("CV.PDF", "it ends in '.PDF' instead of '.pdf'", "CV.pdf"),
        ("cœur & âme (2026).pdf", "it has other punctuation (& ( ))", "coeur_ame_2026.pdf"),
        ("l’équipe.pdf", "it has other punctuation (’)", "lequipe.pdf"),
        ("x" * 70 + ".pdf", "it is 74 characters long, over the limit of 64", "x" * 60 + ".pdf"),
        ("dossier", "it has no '.pdf' ending", "dossier.pdf"),
    ],
)
def test_each_problem_is_reported(tmp_path: Path, name: str, problem: str, suggestion: str) -> None:
    (finding,) = findings_for(tmp_path, name)
    assert any(found.startswith(problem) for found in finding.data["problems"]), finding.data["problems"]  # type: ignore[attr-defined]
    assert finding.data["suggestion"] == suggestion


def test_max_length_is_an_option(tmp_path: Path) -> None:
    assert findings_for(tmp_path, "DURAND_Elodie.pdf", max_length=12)[0].data["suggestion"] == "DURAND_E.pdf"
    with pytest.raises(ValueError, match="max_length"):
        filename.Options(max_length=3)


@given(st.text(min_size=1, max_size=90).map(lambda stem: stem.replace("/", "_").replace("\x00", "") + ".pdf"))
@example("0\n.pdf")  # '$' also matches before a final newline: validators anchor with \Z
def test_the_suggestion_is_always_safe(name: str) -> None:
    suggestion = filename.safe_name(name)
    assert filename.problems_of(suggestion, 64) == []


@given(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_]{0,40}[A-Za-z0-9]", fullmatch=True))
def test_a_safe_name_is_its_own_suggestion(stem: str) -> None:
    assert filename.problems_of(f"{stem}.pdf", 64) == []
    assert filename.safe_name(f"{stem}.pdf") == f"{stem}.pdf"


def test_cli_warns_but_passes_and_still_checks_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "mon dossier.pdf"
    path.write_bytes(b"not a pdf at all")
    result = CliRunner().invoke(main, ["check", "--select", "filename", str(path)])
    assert "WARN  filename" in result.output
    assert "Rename the file to “mon_dossier.pdf”" in result.output
    assert result.exit_code == 1  # the unreadable file fails pdf-readable, added even when not selected
