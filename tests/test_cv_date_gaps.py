"""cv-date-gaps: the CV fixtures, the section adapter, the report data, the `preflight cv` command and the corpus."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from preflight.checks import cv_date_gaps, load_registry
from preflight.checks.cv_date_gaps import Options, check
from preflight.chronology import WHOLE_DOCUMENT, build_timeline, cv_pages
from preflight.cli import main
from preflight.config import UserConfig, resolve_rule_set
from preflight.dates import YearMonth
from preflight.dossier import Dossier
from preflight.engine import check_file
from preflight.model import Finding, Level
from preflight.pdf.text import PageText, TextLine
from preflight.reporters import RenderOptions
from preflight.reporters.json_report import render

ROOT = Path(__file__).resolve().parents[1]
CV = ROOT / "fixtures" / "cv"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
AS_OF = Options(as_of="2026-11")


def findings(name: str, options: Options = AS_OF) -> list[Finding]:
    with Dossier(CV / name) as dossier:
        return list(check(dossier, options))


def timeline_rows(name: str) -> list[tuple[str, str, str]]:
    with Dossier(CV / name) as dossier:
        timeline, _ = cv_date_gaps.timeline_of(dossier, AS_OF)
    assert timeline is not None
    return [(str(entry.first), str(entry.last), entry.kind) for entry in timeline.entries]


# ---------------------------------------------------------------- fixtures


def test_gap_is_an_error_naming_its_surroundings() -> None:
    [finding] = findings("gap.pdf")
    assert finding.level is Level.ERROR
    assert finding.page == 1
    assert finding.message == (
        "no activity from 01/2014 to 12/2014 (12 months, all of 2014), "
        "after 'Master Immunologie, Université Paris Cité (2011–2013)' and "
        "before 'Doctorat en immunologie, Institut Pasteur (2015–2019)': every calendar year must be accounted for"
    )
    assert finding.fix is not None and "parental leave" in finding.fix
    assert finding.data["whole_years"] == [2014]


def test_fixture_timelines() -> None:
    assert timeline_rows("gap.pdf") == [
        ("01/2009", "12/2011", "activity"),
        ("01/2011", "12/2013", "activity"),
        ("01/2015", "12/2019", "activity"),
        ("01/2020", "11/2026", "activity"),
    ]
    assert timeline_rows("overlaps.pdf") == [
        ("08/2008", "07/2012", "activity"),
        ("01/2012", "12/2013", "activity"),
        ("08/2012", "12/2013", "activity"),
        ("01/2014", "10/2016", "activity"),
        ("10/2016", "11/2026", "activity"),
    ]
    assert timeline_rows("split-range.pdf") == [("01/2013", "12/2017", "activity"), ("01/2017", "11/2026", "activity")]


def test_explained_gap_passes() -> None:
    assert findings("explained-gap.pdf") == []
    assert ("01/2014", "12/2014", "leave") in timeline_rows("explained-gap.pdf")


def test_overlaps_pass_and_birth_year_is_not_activity() -> None:
    assert findings("overlaps.pdf") == []
    with Dossier(CV / "overlaps.pdf") as dossier:
        assert any("Born 1990" in line.text for line in dossier.pages[0].lines)


def test_open_ranges_and_an_eight_month_gap_is_info() -> None:
    [finding] = findings("open-ranges.pdf")
    assert finding.level is Level.INFO
    assert finding.message.startswith(
        "no activity from 07/2014 to 02/2015 (8 months), after 'Doctorat de neurosciences"
    )
    assert "a word of explanation helps for gaps over 6 months" in finding.message
    assert timeline_rows("open-ranges.pdf")[-2:] == [
        ("01/2018", "11/2026", "activity"),
        ("01/2021", "11/2026", "activity"),
    ]


def test_month_ranges_across_years() -> None:
    [finding] = findings("month-ranges.pdf")
    assert finding.level is Level.ERROR
    assert finding.message.startswith("no activity from 03/2021 to 08/2022 (18 months), after 'Postdoctorat, IGBMC")
    assert "gaps longer than 12 months must be explained" in finding.message
    # the one-month handover 08/2019 -> 10/2019 says nothing
    assert timeline_rows("month-ranges.pdf")[:2] == [
        ("09/2015", "08/2019", "activity"),
        ("10/2019", "02/2021", "activity"),
    ]


def test_options_move_the_thresholds() -> None:
    [finding] = findings("month-ranges.pdf", Options(as_of="2026-11", max_gap_months=24, note_gap_months=6))
    assert finding.level is Level.INFO
    assert findings("open-ranges.pdf", Options(as_of="2026-11", note_gap_months=8)) == []
    # a whole calendar year stays an error whatever the month limit
    [finding] = findings("gap.pdf", Options(as_of="2026-11", max_gap_months=36))
    assert finding.level is Level.ERROR


def test_split_range_passes() -> None:
    assert findings("split-range.pdf") == []


def test_no_dates_fails_saying_what_was_looked_for() -> None:
    [finding] = findings("no-dates.pdf")
    assert finding.message.startswith("no dates found in the document: looked for ranges such as '2015–2019'")
    assert finding.level is None  # the rule's level: error in the rule sets


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"as_of": "11/2026"}, "YYYY-MM"),
        ({"max_gap_months": 3}, "must be at least note_gap_months"),
        ({"note_gap_months": -1}, "0 or more"),
        ({"min_year": 10}, "between 1900 and 2100"),
    ],
)
def test_options_are_validated(values: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Options(**values)


# ---------------------------------------------------------------- the section adapter


@dataclass(frozen=True)
class FakeSection:
    name: str
    title: str
    first_page: int
    last_page: int
    found_by: str


class FakeSections:
    def __init__(self, section: FakeSection | None, pages: list[PageText]) -> None:
        self.section = section
        self.pages = pages

    def get(self, name: str) -> FakeSection | None:
        return self.section if self.section is not None and name == self.section.name else None

    def text(self, name: str) -> list[PageText]:
        assert self.get(name) is not None
        return self.pages


class FakeDossier:
    def __init__(self, sections: FakeSections | None, pages: list[PageText]) -> None:
        if sections is not None:
            self.sections = sections
        self.pages = pages
        self.report_data: dict[str, object] = {}


def page(number: int, *texts: str) -> PageText:
    lines = tuple(
        TextLine(text, 56.0, 400.0, 800.0 - 16 * index, 10.5, "DejaVuSans", False) for index, text in enumerate(texts)
    )
    return PageText(number, 595.0, 842.0, lines)


def test_without_a_section_finder_the_whole_document_is_read() -> None:
    pages = [page(1, "2011 - 2013 Master"), page(2, "2015 - 2019 Doctorat")]
    found, source = cv_pages(FakeDossier(None, pages))
    assert (found, source) == (pages, WHOLE_DOCUMENT)


def test_the_cv_section_is_read_when_the_finder_has_it() -> None:
    cover = page(1, "Projet de recherche 2010 - 2030")
    cv = [page(3, "Curriculum vitae", "2011 - 2013 Master Immunologie", "2015 - 2019 Doctorat, Institut Pasteur")]
    section = FakeSection("cv", "Curriculum vitae", 3, 3, "outline")
    dossier = FakeDossier(FakeSections(section, cv), [cover, *cv])
    found, source = cv_pages(dossier)
    assert found == cv
    assert source == "section 'Curriculum vitae' (page 3, found by outline)"
    [finding] = check(dossier, AS_OF)  # type: ignore[arg-type]
    assert finding.message.startswith("no activity from 01/2014 to 12/2014 (12 months, all of 2014)")
    assert finding.page == 3
    assert dossier.report_data["cv_timeline"]["source"] == source  # type: ignore[index]


def test_a_missing_cv_section_fails_saying_what_was_looked_for() -> None:
    dossier = FakeDossier(FakeSections(None, []), [page(1, "2015 - 2019 Doctorat")])
    [finding] = check(dossier, AS_OF)  # type: ignore[arg-type]
    assert finding.message == (
        "no 'cv' section found (looked for a heading such as 'Curriculum vitae', 'CV' or 'Parcours'), "
        "so the CV's chronology cannot be checked"
    )
    assert "cv_timeline" not in dossier.report_data


def test_year_only_semantics() -> None:
    contiguous = build_timeline([page(1, "2013 - 2015 Master", "2015 - 2019 Doctorat")], YearMonth(2026, 11))
    assert contiguous.gaps == ()
    adjacent = build_timeline([page(1, "2013 - 2014 Master", "2015 - 2019 Doctorat")], YearMonth(2026, 11))
    assert adjacent.gaps == ()
    apart = build_timeline([page(1, "2011 - 2013 Master", "2015 - 2019 Doctorat")], YearMonth(2026, 11))
    assert [(str(gap.first), str(gap.last), gap.whole_years) for gap in apart.gaps] == [("01/2014", "12/2014", (2014,))]


def test_leaves_cover_their_range_and_memberships_cover_nothing() -> None:
    timeline = build_timeline(
        [
            page(
                1,
                "2010 - 2013 Doctorat",
                "2014 - 2015 Congé de maternité",
                "2016 - 2018 Postdoc",
                "2019 Career break",
                "2020 - 2022 Research fellow",
                "2021 - présent Membre de la Société française d'immunologie",
            )
        ],
        YearMonth(2026, 11),
    )
    assert [entry.kind for entry in timeline.entries] == ["activity", "leave", "activity", "leave", "activity", "other"]
    assert timeline.gaps == ()


def test_a_leave_does_not_need_a_finding_but_an_unexplained_year_does() -> None:
    lines = ["2010 - 2013 Doctorat", "2014 Service civique", "2016 - 2018 Postdoc"]
    timeline = build_timeline([page(1, *lines)], YearMonth(2026, 11))
    assert [(str(gap.first), str(gap.last)) for gap in timeline.gaps] == [("01/2015", "12/2015")]
    assert timeline.gaps[0].after is not None and timeline.gaps[0].after.kind == "leave"


# ---------------------------------------------------------------- report and command


def test_timeline_is_in_the_json_report() -> None:
    registry = load_registry()
    rule_set = resolve_rule_set(registry, UserConfig(), "inserm-cr", select=("cv-date-gaps",))
    report = check_file(CV / "gap.pdf", rule_set, registry)
    data = json.loads(render(_run_report(report), RenderOptions()))
    file_data = data["files"][0]
    [result] = file_data["results"]
    assert (result["rule"], result["status"]) == ("cv-date-gaps", "fail")
    timeline = file_data["cv_timeline"]
    assert timeline["source"] == WHOLE_DOCUMENT
    assert [(entry["from"], entry["to"]) for entry in timeline["entries"]] == [
        ("2009-01", "2011-12"),
        ("2011-01", "2013-12"),
        ("2015-01", "2019-12"),
        ("2020-01", None),
    ]
    assert timeline["entries"][0]["label"] == "Licence de biologie, Université Lyon 1"
    assert timeline["gaps"] == [
        {
            "from": "2014-01",
            "to": "2014-12",
            "months": 12,
            "whole_years": [2014],
            "after": "Master Immunologie, Université Paris Cité (2011–2013)",
            "before": "Doctorat en immunologie, Institut Pasteur (2015–2019)",
        }
    ]


def _run_report(file_report: Any) -> Any:
    from preflight.model import RunReport

    return RunReport(profile="inserm-cr", files=(file_report,), tool_version="test")


def test_rule_sets_turn_the_check_on() -> None:
    registry = load_registry()
    for profile in ("inserm-cr", "inserm-dr", "inserm-ita", "inserm-postdoc"):
        rules = {rule.id: rule for rule in resolve_rule_set(registry, UserConfig(), profile).rules}
        rule = rules["cv-date-gaps"]
        assert rule.level is Level.ERROR
        assert (rule.options.max_gap_months, rule.options.note_gap_months) == (12, 6)
        assert rule.verified == "2026-11" and rule.source
    assert "cv-date-gaps" not in {rule.id for rule in resolve_rule_set(registry, UserConfig(), "portal").rules}


def test_cv_command_prints_the_timeline_with_gaps() -> None:
    result = CliRunner().invoke(main, ["cv", "--as-of", "2026-11", str(CV / "gap.pdf")])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[1] == "  read from: no section finder: whole document; open ranges run to 11/2026"
    assert re.search(r"01/2011\s+12/2013\s+36\s+1\s+activity\s+Master Immunologie", result.output)
    gap_line = next(line for line in lines if "GAP (error)" in line)
    assert gap_line.endswith("GAP (error): no activity 01/2014 to 12/2014, all of 2014")
    # the gap row sits between the entries it separates
    assert lines.index(gap_line) == next(i for i, line in enumerate(lines) if "Master Immunologie" in line) + 1
    assert "01/2020  present" in result.output


def test_cv_command_passes_and_prints_json() -> None:
    result = CliRunner().invoke(main, ["cv", "--as-of", "2026-11", "-f", "json", str(CV / "open-ranges.pdf")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(gap["from"], gap["to"], gap["severity"]) for gap in data["gaps"]] == [("2014-07", "2015-02", "info")]


def test_cv_command_usage_errors(tmp_path: Path) -> None:
    bad = CliRunner().invoke(main, ["cv", "--as-of", "soon", str(CV / "gap.pdf")])
    assert bad.exit_code == 2
    assert "--as-of" in bad.output and "YYYY-MM" in bad.output
    not_pdf = tmp_path / "cv.pdf"
    not_pdf.write_text("hello")
    result = CliRunner().invoke(main, ["cv", str(not_pdf)])
    assert result.exit_code == 2
    assert "not a PDF" in result.output


def test_cv_command_no_dates() -> None:
    result = CliRunner().invoke(main, ["cv", str(CV / "no-dates.pdf")])
    assert result.exit_code == 1
    assert "no dates found" in result.output
