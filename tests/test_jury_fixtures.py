"""The dossiers of fixtures/jury/ (issue 17) have the property each claims, and `preflight publications` shows it.

The PDFs are committed (built by fixtures/make_jury_fixtures.py with LibreOffice and pdflatex); these tests only
read them. The property test uses the generator's own --verify: pdftotext and pdfminer's fonts, not our reader.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.checks import load_registry
from preflight.cli import main
from preflight.config import UserConfig, resolve_rule_set
from preflight.dossier import Dossier
from preflight.engine import check_file
from preflight.messages import NNBSP
from preflight.model import Status

ROOT = Path(__file__).resolve().parents[1]
JURY = ROOT / "fixtures" / "jury"


def test_every_fixture_has_the_property_the_generator_claims() -> None:
    if not all(shutil.which(tool) for tool in ("pdfinfo", "pdffonts", "pdftotext")):
        pytest.skip("poppler-utils is not installed")
    for name in ("make_real_route_fixtures", "make_cv_real_fixtures", "make_jury_fixtures"):
        spec = importlib.util.spec_from_file_location(name, ROOT / "fixtures" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    fixtures = module.fixtures()
    assert {f.path for f in fixtures} == set(JURY.glob("*.pdf"))
    assert [problem for f in fixtures for problem in f.verify(f.path)] == []


def outcomes(name: str, profile: str = "inserm-cr") -> dict[str, Status]:
    registry = load_registry()
    report = check_file(JURY / f"{name}.pdf", resolve_rule_set(registry, UserConfig(), profile), registry)
    return {o.rule: o.status for o in report.outcomes}


def test_the_full_dossier_passes_the_jury_rules() -> None:
    found = outcomes("full-dossier")
    assert {rule: found[rule] for rule in ("required-sections", "publication-list", "project-host-fit")} == {
        "required-sections": Status.PASS,
        "publication-list": Status.PASS,
        "project-host-fit": Status.PASS,
    }
    assert found["project-page-count"] is Status.PASS and found["host-unit"] is Status.PASS


@pytest.mark.parametrize(
    ("name", "rule", "status"),
    [
        ("no-publications", "required-sections", Status.FAIL),
        ("no-publications", "publication-list", Status.SKIP),
        ("submitted-in-articles", "publication-list", Status.FAIL),
        ("latex-preprints", "publication-list", Status.PASS),
        ("name-not-bold", "publication-list", Status.WARN),
        ("project-no-host", "project-host-fit", Status.WARN),
        ("latex-bibtex", "required-sections", Status.PASS),
        ("latex-bibtex", "publication-list", Status.FAIL),
        ("latex-bibtex", "project-page-count", Status.PASS),
    ],
)
def test_each_fixture_gets_the_outcome_of_its_property(name: str, rule: str, status: Status) -> None:
    assert outcomes(name)[rule] is status


def test_publications_command_groups_and_marks() -> None:
    result = CliRunner().invoke(main, ["publications", str(JURY / "full-dossier.pdf")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if not line.startswith("    ")]
    assert lines == [
        f"{JURY / 'full-dossier.pdf'}: publication list page 12 (“Liste des publications”), 10 entries",
        "  articles: Articles dans des revues à comité de lecture, 4 entries (from page 12)",
        "  reviews: Revues, 1 entry (from page 12)",
        "  chapters: Chapitres d’ouvrage, 1 entry (from page 12)",
        "  proceedings and talks: Communications, 2 entries (from page 12)",
        "  preprints and work in progress: Preprints et travaux en préparation, 2 entries (from page 12)",
        "  candidate “Claire Dubois” (from the cover): named in 10 of the 10 entries, marked in 10",
        "  legend: En gras\u00a0: la candidate\u00a0; * co-premiers auteurs.",
    ]
    assert "    p.12  9. Dubois C, Lefèvre M. Lactate et lymphocytes résidents." in result.output
    assert "[soumis] [bold]" in result.output


def test_publications_command_in_french_and_json() -> None:
    result = CliRunner().invoke(main, ["publications", "--lang", "fr", str(JURY / "latex-preprints.pdf")])
    assert result.exit_code == 0, result.output
    assert f"  preprints et travaux en cours{NNBSP}: Preprints / en préparation, 3 références (dès la page 12)" in (
        result.output
    )
    assert "[gras]" in result.output and "[bold]" not in result.output
    from preflight.commands.publications import MESSAGES
    from preflight.messages import missing_translations

    assert missing_translations(MESSAGES) == []
    result = CliRunner().invoke(main, ["publications", "-f", "json", str(JURY / "submitted-in-articles.pdf")])
    [described] = json.loads(result.output)["files"]
    assert described["counts"] == {"articles": 6}
    assert [item["status"] for item in described["items"]] == [None, None, None, None, "soumis", "submitted"]
    result = CliRunner().invoke(main, ["publications", str(JURY / "no-publications.pdf")])
    assert result.exit_code == 0 and "no publication list found" in result.output


def test_the_list_is_read_once_per_dossier() -> None:
    with Dossier(JURY / "full-dossier.pdf") as dossier:
        assert dossier.publications() is dossier.publications()
        assert dossier.publications("Claire Dubois") is not dossier.publications()


def test_a_bibtex_list_without_a_bookmark_is_found_by_its_heading() -> None:
    # BibTeX's list is printed under a \\section* heading: the outline (CV, past work, project) has no entry for
    # it. It is found by its heading, ends the project there, and its "Submitted" entry is an error.
    with Dossier(JURY / "latex-bibtex.pdf") as dossier:
        sections = [(s.name, s.first_page, s.last_page, s.found_by) for s in dossier.sections.all()]
        listing = dossier.publications()
    assert sections[-2:] == [
        ("project", 4, 11, "outline"),
        ("publications", 12, 12, "heading on page 12"),
    ]
    assert [entry.text[:3] for entry in listing.entries] == ["[1]", "[2]", "[3]", "[4]", "[5]"]
    assert [entry.status for entry in listing.entries] == [None, None, None, None, "Submitted"]
    assert all(entry.marked == "bold" for entry in listing.entries)
