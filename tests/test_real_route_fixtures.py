"""The checks on PDFs made as candidates make them: Word -> LibreOffice, and pdflatex with hyperref.

The PDFs are committed (fixtures/word/, fixtures/latex/, built by fixtures/make_real_route_fixtures.py); these
tests only read them, so they run without LibreOffice or TeX Live.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from preflight.checks import hidden_characters, load_registry
from preflight.cli import main
from preflight.config import UserConfig, resolve_rule_set
from preflight.dossier import Dossier
from preflight.engine import check_file
from preflight.model import FileReport, Level, Status
from tests.helpers import render_findings

ROOT = Path(__file__).resolve().parents[1]
WORD = ROOT / "fixtures" / "word"
LATEX = ROOT / "fixtures" / "latex"
ALL_RULES = [
    "pdf-readable",
    "file-size",
    "fonts-embedded",
    "encryption",
    "active-content",
    "hidden-characters",
    "filename",
    "project-page-count",
    "host-unit",
    "css-section",
    "orcid",
    "project-language",
    "cv-date-gaps",
    "required-sections",
    "publication-list",
    "project-host-fit",
]
JURY_NOTES = {
    "required-sections": Status.WARN,
    "publication-list": Status.WARN,
    "project-host-fit": Status.WARN,
}
"""What issue 17's rules say of these dossiers, all true of them: no funding part (warning), the candidate's name
in plain type in the author lists (info), and a project that never names the host unit or team (warning).
fixtures/jury/ holds the dossiers that differ in these."""
JURY_MESSAGES = [
    ("required-sections", "missing-part-more"),
    ("publication-list", "name-unmarked"),
    ("project-host-fit", "host-not-named"),
]


AS_OF = UserConfig(values={"rules": {"cv-date-gaps": {"as_of": "2025-12"}}})
"""The fixtures' CVs run to 2025: checked as of then, so that the years after do not count as a gap."""


def report(path: Path) -> FileReport:
    assert path.is_file(), f"missing {path}: run python fixtures/make_real_route_fixtures.py"
    registry = load_registry()
    return check_file(path, resolve_rule_set(registry, AS_OF, "inserm-cr"), registry)


def statuses(path: Path) -> dict[str, Status]:
    return {outcome.rule: outcome.status for outcome in report(path).outcomes}


def hidden(path: Path) -> list[hidden_characters.Finding]:
    with Dossier(path) as dossier:
        return render_findings(hidden_characters, hidden_characters.check(dossier, hidden_characters.Options()))


def sections(path: Path) -> list[tuple[str, int, int, str]]:
    result = CliRunner().invoke(main, ["sections", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    (described,) = json.loads(result.output)["files"]
    return [(s["name"], s["first_page"], s["last_page"], s["found_by"]) for s in described["sections"]]


def actual_texts(path: Path, page: int) -> list[str]:
    with pikepdf.open(path) as pdf:
        data = pdf.pages[page - 1].obj.Contents.read_bytes()
    return [bytes.fromhex(value.decode()).decode("utf-16") for value in re.findall(rb"/ActualText<([0-9A-F]+)>", data)]


def test_every_fixture_has_the_property_the_generator_claims() -> None:
    """The generator's own --verify (pdfinfo, pdffonts, pdftotext and our extraction) on the committed PDFs."""
    if not all(shutil.which(tool) for tool in ("pdfinfo", "pdffonts", "pdftotext")):
        pytest.skip("poppler-utils is not installed")
    spec = importlib.util.spec_from_file_location(
        "make_real_route_fixtures", ROOT / "fixtures" / "make_real_route_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    fixtures = module.fixtures()
    assert {f.path for f in fixtures} == set(WORD.glob("*.pdf")) | set(LATEX.glob("*.pdf"))
    assert [problem for f in fixtures for problem in f.verify(f.path)] == []


# ------------------------------------------------------------------------------------- Word -> LibreOffice
def test_word_dossier_passes_every_inserm_cr_rule() -> None:
    """Every rule passes; the only finding is the info note on Word's list bullets (U+F0B7), a true property."""
    assert statuses(WORD / "dossier.pdf") == {
        **dict.fromkeys(ALL_RULES, Status.PASS),
        "hidden-characters": Status.WARN,
        **JURY_NOTES,
    }
    assert report(WORD / "dossier.pdf").passed


def test_word_list_bullets_are_only_an_info_note_and_french_typography_nothing() -> None:
    (finding,) = hidden(WORD / "dossier.pdf")
    assert finding.level is Level.INFO
    assert finding.page == 2
    assert finding.data["class"] == "private_use_bullet"
    assert finding.data["code_points"] == ["U+F0B7"]
    assert finding.data["count"] == 6  # the six CV entries of the Word bulleted list
    assert finding.data["fonts"] == ["OpenSymbol"]
    assert finding.message == (
        "U+F0B7 PRIVATE USE: Word Symbol/Wingdings bullet starting a list line from font OpenSymbol, 6 times on page 2"
    )


def test_word_dossier_holds_the_french_spaces_the_way_libreoffice_writes_them() -> None:
    """U+00A0 and U+202F: the space glyph inside /ActualText spans, so French typography cannot be flagged."""
    assert {"\u00a0", "\u202f"} <= set(actual_texts(WORD / "dossier.pdf", 6))
    with Dossier(WORD / "dossier.pdf") as dossier:
        # One glyph, one ToUnicode entry: in the bold font the space glyph was first used for a U+00A0, so its
        # ToUnicode says U+00A0, and LibreOffice wraps the ordinary spaces drawn with it in /ActualText <FEFF0020>.
        assert "Cheffe d’équipe\u00a0: Dr Marie Lefèvre" in dossier.pages[0].text
        assert " " in actual_texts(WORD / "dossier.pdf", 1)
        body = dossier.pages[5].text  # read through the /ActualText spans
        assert "\u00a0:" in body and "\u202f?" in body and "42\u202f000" in body
        assert "0000-0002-1825-0097" in dossier.pages[0].text
        assert dossier.outline == []  # exported without bookmarks: the headings must be found in the text


def test_word_sections_are_found_by_their_heading_1_lines() -> None:
    assert sections(WORD / "dossier.pdf") == [
        ("cover", 1, 1, "first page"),
        ("cv", 2, 3, "heading on page 2"),
        ("activity-report", 4, 5, "heading on page 4"),
        ("project", 6, 14, "heading on page 6"),
        ("publications", 15, 15, "heading on page 15"),
    ]


def test_hidden_characters_that_survive_libreoffice_are_reported_on_their_page() -> None:
    findings = hidden(WORD / "hidden-characters.pdf")
    assert [(f.page, f.data["class"], f.level, f.data["code_points"]) for f in findings] == [
        (2, "zero_width", Level.ERROR, ["U+200D"]),
        (2, "mojibake", Level.ERROR, ["U+00C3", "U+00A9"]),
        (2, "mojibake", Level.ERROR, ["U+00E2", "U+20AC", "U+2122"]),
        (2, "private_use", Level.WARNING, ["U+F0B7"]),
    ]
    assert findings[1].message == "mojibake “Ã©” (should read “é”), once on page 2"
    assert findings[3].data["fonts"] == ["StandardSymbolsPS"]
    assert findings[3].snippet == "Cas 9\u00a0: ⟦U+F0B7 PRIVATE USE⟧ puce tapée dans…"


def test_libreoffice_drops_the_other_hidden_characters() -> None:
    """U+00AD, U+200B, U+2060, U+FEFF, U+200E leave no trace; U+202E is applied (the word is drawn reversed)."""
    with Dossier(WORD / "hidden-characters.pdf") as dossier:
        page = dossier.pages[1].text
    for char in "\u00ad\u200b\u2060\ufeff\u200e\u202e\u202c":
        assert char not in page
    assert page.count("immunologie des muqueuses") == 5  # cases 1-5: the character vanished
    assert "immunoeigol des muqueuses" in page
    assert statuses(WORD / "hidden-characters.pdf")["hidden-characters"] is Status.FAIL


def test_zero_width_joiner_kept_as_actual_text_is_reported() -> None:
    """LibreOffice draws U+200D as a space glyph with /ActualText <FEFF200D> (pdftotext reads U+200D): so do we."""
    assert "\u200d" in actual_texts(WORD / "hidden-characters.pdf", 2)
    with Dossier(WORD / "hidden-characters.pdf") as dossier:
        assert "Cas 6\u00a0: immuno\u200dlogie des muqueuses" in dossier.pages[1].text
    (finding,) = [f for f in hidden(WORD / "hidden-characters.pdf") if f.data["class"] == "zero_width"]
    assert finding.page == 2
    assert finding.level is Level.ERROR
    assert finding.message == "U+200D ZERO WIDTH JOINER: zero-width character, once on page 2"


def test_actual_text_replaces_the_glyphs_of_its_span(tmp_path: Path) -> None:
    """/Span <</ActualText ...>> BDC ... EMC: the span reads as its ActualText; an empty one reads as nothing."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    content = (
        b"BT /F1 12 Tf 72 700 Td (immuno) Tj /Span <</ActualText <FEFF200B>>> BDC ( ) Tj EMC (logie) Tj "
        b"/Span <</ActualText <FEFF>>> BDC (-) Tj EMC /P BMC ( des) Tj EMC ET"
    )
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    pdf.pages[0].obj.Contents = pdf.make_stream(content)
    pdf.save(tmp_path / "actual-text.pdf")
    with Dossier(tmp_path / "actual-text.pdf") as dossier:
        assert dossier.pages[0].text == "immuno\u200blogie des"


def test_french_page_of_the_hidden_characters_fixture_gives_no_finding() -> None:
    assert [f for f in hidden(WORD / "hidden-characters.pdf") if f.page == 1] == []


def test_cv_table_with_a_missing_year_gives_exactly_one_error_naming_2014() -> None:
    outcome = next(o for o in report(WORD / "cv-gap.pdf").outcomes if o.rule == "cv-date-gaps")
    assert outcome.status is Status.FAIL
    (graded,) = outcome.findings
    assert graded.level is Level.ERROR
    assert graded.finding.page == 2
    assert graded.finding.message == (
        "no activity from Jan 2014 to Dec 2014 (12 months, all of 2014), after “Doctorat en immunologie, "
        "Université de Lyon (2011–2013)” and before “Chercheur postdoctoral, EMBL, Heidelberg (2015–2019)”: "
        "every calendar year must be accounted for"
    )
    assert sections(WORD / "cv-gap.pdf") == [("cover", 1, 1, "first page"), ("cv", 2, 2, "heading on page 2")]


# ------------------------------------------------------------------------------------------------ LaTeX
def test_latex_dossier_passes_every_inserm_cr_rule_without_any_finding() -> None:
    result = report(LATEX / "dossier.pdf")
    assert {o.rule: o.status for o in result.outcomes} == {**dict.fromkeys(ALL_RULES, Status.PASS), **JURY_NOTES}
    assert [o.findings for o in result.outcomes if o.rule not in JURY_NOTES] == [()] * (len(ALL_RULES) - 3)
    assert [(o.rule, item.finding.message_id) for o in result.outcomes for item in o.findings] == JURY_MESSAGES


def test_latex_sections_come_from_the_hyperref_outline() -> None:
    assert sections(LATEX / "dossier.pdf") == [
        ("cover", 1, 1, "first page"),
        ("cv", 2, 2, "outline"),
        ("activity-report", 3, 4, "outline"),
        ("project", 5, 13, "outline"),
        ("publications", 14, 14, "outline"),
    ]
    with Dossier(LATEX / "dossier.pdf") as dossier:
        top = [(entry.title, entry.page) for entry in dossier.outline if entry.level == 1]
    assert top == [
        ("Curriculum vitae", 2),
        ("Résumé des travaux", 3),
        ("Projet de recherche", 5),
        ("Publications", 14),
    ]


def test_latex_project_of_7_pages_fails() -> None:
    outcome = next(o for o in report(LATEX / "project-7-pages.pdf").outcomes if o.rule == "project-page-count")
    assert outcome.status is Status.FAIL
    (graded,) = outcome.findings
    assert graded.level is Level.ERROR
    assert graded.finding.page == 5
    assert "spans 7 pages (pages 5-11, found by outline), fewer than the minimum of 8" in graded.finding.message


def test_latex_sources_are_committed_beside_the_pdfs() -> None:
    for name in ("dossier", "project-7-pages"):
        source = (LATEX / f"{name}.tex").read_text(encoding="utf-8")
        assert "\\usepackage[french]{babel}" in source and "hyperref" in source and "lmodern" in source
