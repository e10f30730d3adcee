"""The CV and section readers on CVs laid out as real French candidates lay them out (issue 10).

The PDFs are committed (fixtures/cv-real/, built by fixtures/make_cv_real_fixtures.py with LibreOffice and
pdflatex); these tests only read them. Every run is as of 2026-11, so that open ranges ('...', 'depuis 2021')
end there whatever the calendar says.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from preflight.checks import load_registry
from preflight.checks.cv_date_gaps import Options, timeline_of
from preflight.chronology import Timeline
from preflight.cli import main
from preflight.config import UserConfig, resolve_rule_set
from preflight.dossier import Dossier

ROOT = Path(__file__).resolve().parents[1]
CV_REAL = ROOT / "fixtures" / "cv-real"
AS_OF = "2026-11"

CAREER = CV_REAL / "word-career-table.pdf"
MODERNCV = CV_REAL / "latex-moderncv-fr.pdf"
STANDALONE = CV_REAL / "standalone-name-only.pdf"
PROJECT = CV_REAL / "project-only.pdf"


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def cv_json(path: Path) -> dict[str, Any]:
    code, output = cli("cv", "--as-of", AS_OF, "--format", "json", str(path))
    assert code in (0, 1), output
    data: dict[str, Any] = json.loads(output)
    return data


def entries(path: Path) -> list[tuple[str, str | None, str]]:
    return [(e["from"], e["to"], e["kind"]) for e in cv_json(path)["entries"]]


def gaps(path: Path) -> list[tuple[str, str, str, str]]:
    return [(g["from"], g["to"], g["certainty"], g["severity"]) for g in cv_json(path)["gaps"]]


def sections(path: Path) -> list[tuple[str, int, int, str]]:
    code, output = cli("sections", "--format", "json", str(path))
    assert code == 0, output
    (described,) = json.loads(output)["files"]
    return [(s["name"], s["first_page"], s["last_page"], s["found_by"]) for s in described["sections"]]


def timeline(path: Path) -> Timeline:
    rule_set = resolve_rule_set(load_registry(), UserConfig(), "inserm-cr")
    with Dossier(path) as dossier:
        dossier.section_config = rule_set.sections
        found, source = timeline_of(dossier, Options(as_of=AS_OF))
    assert found is not None, source
    return found


def check_results(path: Path, rule: str, tmp_path: Path) -> tuple[int, list[dict[str, Any]]]:
    config = tmp_path / "preflight.toml"
    config.write_text(f'[rules.cv-date-gaps]\nas_of = "{AS_OF}"\n', encoding="utf-8")
    code, output = cli("check", "--config", str(config), "--select", rule, "--format", "json", "--no-cache", str(path))
    (report,) = json.loads(output)["files"]
    results: list[dict[str, Any]] = report["results"]
    return code, results


def test_every_fixture_has_the_property_the_generator_claims() -> None:
    """The generator's own --verify (pdfinfo, pdffonts, pdftotext and our extraction) on the committed PDFs."""
    if not all(shutil.which(tool) for tool in ("pdfinfo", "pdffonts", "pdftotext")):
        pytest.skip("poppler-utils is not installed")
    spec = importlib.util.spec_from_file_location(
        "make_cv_real_fixtures", ROOT / "fixtures" / "make_cv_real_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    fixtures = module.fixtures()
    assert {f.path for f in fixtures} == set(CV_REAL.glob("*.pdf"))
    assert [problem for f in fixtures for problem in f.verify(f.path)] == []


# ------------------------------------------------------------------------------ Word career table
def test_career_table_reads_start_and_end_from_their_columns() -> None:
    assert entries(CAREER) == [
        ("2006-01", "2008-12", "activity"),  # Formation: 2006–2008 : Master
        ("2008-09", "2011-08", "activity"),
        # 2011 : Doctorat, an award year; the row 'Doctorante contractuelle' shows the doctoral years since 09/2008
        ("2008-09", "2011-12", "activity"),
        ("2011-09", "2013-08", "activity"),
        ("2013-09", "2016-08", "activity"),
        ("2018-01", "2020-02", "activity"),
        ("2020-03", "2021-06", "leave"),  # its Fonction cell: 'Congé de maternité (naissance de Léa)'
        ("2021-07", None, "activity"),  # '...' in the end cell: ongoing
    ]
    current = cv_json(CAREER)["entries"][-1]
    assert (current["open"], current["until"], current["text"]) == (True, AS_OF, "01/07/2021 ...")


def test_career_table_has_exactly_one_error_for_the_real_gap_and_none_for_the_leave() -> None:
    assert gaps(CAREER) == [("2016-09", "2017-12", "certain", "error")]
    (gap,) = cv_json(CAREER)["gaps"]
    assert (gap["months"], gap["whole_years"], gap["until_now"]) == (16, [2017], False)


def test_career_table_fails_cv_date_gaps_with_one_error(tmp_path: Path) -> None:
    code, results = check_results(CAREER, "cv-date-gaps", tmp_path)
    assert code == 1
    (result,) = results
    assert (result["rule"], result["status"], result["severity"]) == ("cv-date-gaps", "fail", "error")
    assert [(f["page"], f["severity"], f["data"]["from"], f["data"]["to"]) for f in result["findings"]] == [
        (1, "error", "2016-09", "2017-12")
    ]
    assert result["findings"][0]["message"].startswith("no activity from Sep 2016 to Dec 2017 (16 months, all of 2017)")


def test_career_table_cli_exits_1_and_the_cv_is_found_by_its_heading() -> None:
    code, _ = cli("cv", "--as-of", AS_OF, str(CAREER))
    assert code == 1
    assert sections(CAREER) == [("cv", 1, 1, "heading on page 1")]


def test_career_table_leave_row_is_a_leave_named_by_its_function_cell() -> None:
    leave = next(e for e in cv_json(CAREER)["entries"] if e["from"] == "2020-03")
    assert leave["kind"] == "leave"
    assert "Congé de maternité" in leave["label"]


def test_career_table_cell_lines_are_not_cv_headings() -> None:
    data = cv_json(CAREER)
    assert [(p["title"], p["read"]) for p in data["parts"]] == [
        ("Curriculum vitae", True),
        ("Parcours professionnel", True),
        ("Formation", True),
        ("Langues", False),
    ]
    assert data["entries"][-1]["part"] == "Parcours professionnel"


# ---------------------------------------------------------------------------------- moderncv (LaTeX)
def test_moderncv_cv_is_found_by_its_headings_under_the_name() -> None:
    assert sections(MODERNCV) == [
        ("cv", 1, 1, "CV headings on page 1 ('Formation', 'Expérience professionnelle') and dates"),
        ("publications", 1, 1, "outline"),  # moderncv loads hyperref: its \section's are bookmarks
    ]
    assert cv_json(MODERNCV)["source"] == (
        "section 'Hélène Marchetti-Duval' (page 1, found by CV headings on page 1 "
        "('Formation', 'Expérience professionnelle') and dates)"
    )


def test_moderncv_reads_year_ranges_and_takes_single_years_of_exams_for_events() -> None:
    assert entries(MODERNCV) == [
        ("2005-01", "2005-12", "other"),  # Baccalauréat
        ("2006-01", "2009-12", "activity"),  # Licence et master
        ("2009-01", "2013-12", "activity"),  # Doctorat 2009--2013
        ("2011-01", "2011-12", "other"),  # Agrégation
        ("2013-01", "2014-12", "activity"),  # ATER 2013--2014
        ("2015-01", "2015-12", "other"),  # Qualification CNU: inside the academic year 2014-2015, covers nothing
        ("2015-01", "2019-12", "activity"),  # Post-doctorat 2015--2019
        ("2019-01", None, "activity"),  # depuis 2019
    ]
    academic = [(e["academic_from"], e["academic_until"]) for e in cv_json(MODERNCV)["entries"]]
    assert academic[4] == ("2013-09", "2014-08")
    assert academic[6] == ("2015-09", "2019-08")


def test_moderncv_academic_year_2014_2015_is_a_possible_gap_at_warning() -> None:
    assert gaps(MODERNCV) == [("2014-09", "2015-08", "possible", "warning")]
    (gap,) = cv_json(MODERNCV)["gaps"]
    assert (gap["whole_years"], gap["whole_academic_years"]) == ([], ["2014-2015"])
    code, _ = cli("cv", "--as-of", AS_OF, str(MODERNCV))
    assert code == 0  # a warning, not an error


def test_moderncv_warns_under_cv_date_gaps(tmp_path: Path) -> None:
    code, results = check_results(MODERNCV, "cv-date-gaps", tmp_path)
    assert code == 0
    (result,) = results
    assert result["status"] == "warn"  # the rule is at error level; this finding is graded a warning
    assert [(f["severity"], f["data"]["from"], f["data"]["to"]) for f in result["findings"]] == [
        ("warning", "2014-09", "2015-08")
    ]
    assert result["findings"][0]["message"].startswith("the academic year 2014-2015 may be missing: “ATER, ")


def test_moderncv_prizes_publications_and_supervision_are_not_the_timeline() -> None:
    data = cv_json(MODERNCV)
    assert [(p["title"], p["read"], p.get("dated_lines")) for p in data["parts"]] == [
        ("Hélène Marchetti-Duval", True, None),
        ("Formation", True, None),
        ("Expérience professionnelle", True, None),
        ("Prix et distinctions", False, 2),
        ("Publications", False, 5),
        ("Encadrement", False, 1),
        ("Langues", False, 0),
    ]
    skipped = timeline(MODERNCV).skipped
    assert {entry.part for entry in skipped} == {"Prix et distinctions", "Publications", "Encadrement"}
    assert all(entry.first.year < 2025 for entry in timeline(MODERNCV).entries)  # 2025–2028 is supervision


# ----------------------------------------------------------------------------------- stand-alone CV
def test_standalone_cv_spans_the_whole_file_found_under_the_name() -> None:
    """Both pages: the publication list on page 2 is a section inside the CV, not its end."""
    assert sections(STANDALONE) == [
        ("cv", 1, 2, "CV headings on page 1 ('Formation', 'Expérience professionnelle') and dates"),
        ("publications", 2, 2, "heading on page 2"),
    ]


def test_standalone_cv_just_works_and_is_continuous() -> None:
    code, output = cli("cv", "--as-of", AS_OF, str(STANDALONE))
    assert code == 0, output
    assert "6 entries from Sep 2011 to Nov 2026; gaps: 0 errors, 0 possible (warning), 0 info" in output
    assert entries(STANDALONE) == [
        ("2011-09", "2013-08", "activity"),
        ("2013-09", "2015-08", "activity"),
        ("2015-01", "2019-12", "activity"),  # Enseignement, page 2: monitrice 2015–2019
        ("2015-09", "2019-08", "activity"),
        ("2019-09", "2021-08", "activity"),
        ("2021-01", None, "activity"),  # depuis 2021
    ]
    assert gaps(STANDALONE) == []
    assert [p["title"] for p in cv_json(STANDALONE)["parts"] if p["read"]] == [
        "Nadia Berthelot-Ferrand",
        "Formation",
        "Expérience professionnelle",
        "Enseignement",
    ]
    assert [(p["title"], p["page"]) for p in cv_json(STANDALONE)["parts"] if not p["read"]] == [
        ("Publications", 2),
        ("Compétences", 2),
        ("Langues", 2),
    ]


# ---------------------------------------------------------------------------------- project alone
def test_project_only_file_is_the_project_from_page_1_not_a_cover() -> None:
    assert sections(PROJECT) == [("project", 1, 9, "heading on page 1")]


def test_project_only_file_passes_project_page_count_under_inserm_cr(tmp_path: Path) -> None:
    code, results = check_results(PROJECT, "project-page-count", tmp_path)
    assert code == 0
    (result,) = results
    assert (result["rule"], result["status"], result["findings"]) == ("project-page-count", "pass", [])


@pytest.mark.parametrize(("path", "part"), [(PROJECT, "research project"), (STANDALONE, "CV")])
def test_a_file_that_starts_with_a_part_has_no_cover_and_says_so(path: Path, part: str, tmp_path: Path) -> None:
    for rule, severity in (("host-unit", "error"), ("css-section", "warning")):
        _, results = check_results(path, rule, tmp_path)
        [finding] = results[0]["findings"]
        assert (finding["page"], finding["severity"]) == (1, severity)
        assert finding["message"].startswith(f"no cover sheet: page 1 starts the {part} (“")
        assert finding["message_id"] == "no-cover"
