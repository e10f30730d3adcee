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
from preflight.chronology import WHOLE_DOCUMENT, Timeline, build_timeline, cv_pages
from preflight.cli import main
from preflight.config import UserConfig, resolve_rule_set
from preflight.dates import YearMonth
from preflight.dossier import Dossier
from preflight.engine import check_file
from preflight.model import Finding, Level
from preflight.pdf.text import PageText, TextLine
from preflight.reporters import RenderOptions
from preflight.reporters.json_report import render
from tests.helpers import assert_rect_marks, poppler_box, render_findings

ROOT = Path(__file__).resolve().parents[1]
CV = ROOT / "fixtures" / "cv"
# ../shared/corpus from the repository; a worktree in /work/wt/issueN sits one level deeper
CORPUS = next(
    (path for path in (Path(__file__).resolve().parents[n] / "shared" / "corpus" for n in (2, 3)) if path.is_dir()),
    Path(__file__).resolve().parents[2] / "shared" / "corpus",
)
AS_OF = Options(as_of="2026-11")


def is_cv_source(source: str) -> bool:
    """The fixtures' CV is the whole document, or, once the section finder is there, its page-1 CV section."""
    return source == WHOLE_DOCUMENT or source.startswith("section 'Curriculum vitae' (page 1,")


def findings(name: str, options: Options = AS_OF, language: str = "en") -> list[Finding]:
    with Dossier(CV / name) as dossier:
        return rendered(check(dossier, options), language)


def rendered(found: Any, language: str = "en") -> list[Finding]:
    """The check's findings with their message and fix written as the engine writes them."""
    return render_findings(cv_date_gaps, list(found), language)


def timeline_rows(name: str) -> list[tuple[str, str, str]]:
    with Dossier(CV / name) as dossier:
        timeline, _ = cv_date_gaps.timeline_of(dossier, AS_OF)
    assert timeline is not None
    return [(str(entry.first), str(entry.last), entry.kind) for entry in timeline.entries]


# ---------------------------------------------------------------- fixtures


def test_gap_is_an_error_naming_its_surroundings() -> None:
    finding, possible = findings("gap.pdf")
    # 'Doctorat 2015 – 2019' then 'depuis 2020': read as academic years, 2019-2020 is not accounted for
    assert possible.level is Level.WARNING
    assert possible.message.startswith("the academic year 2019-2020 may be missing: ")
    assert possible.data["certainty"] == "possible"
    assert finding.level is Level.ERROR
    assert finding.page == 1
    assert finding.message == (
        "no activity from Jan 2014 to Dec 2014 (12 months, all of 2014), "
        "after “Master Immunologie, Université Paris Cité (2011–2013)” and "
        "before “Doctorat en immunologie, Institut Pasteur (2015–2019)”: every calendar year must be accounted for"
    )
    assert finding.fix is not None and "parental leave" in finding.fix
    # the open range is quoted as the CV writes it, not with an English 'present'
    assert "then “Chercheuse postdoctorale, Inserm U1016, Paris (depuis 2020)” leave Sep 2019 to Aug 2020" in (
        possible.message
    )


def test_gap_messages_in_french() -> None:
    finding, possible = findings("gap.pdf", language="fr")
    assert finding.message == (
        "aucune activité de janv. 2014 à déc. 2014 (12 mois, toute l’année 2014), "
        "après « Master Immunologie, Université Paris Cité (2011–2013) » et "
        "avant « Doctorat en immunologie, Institut Pasteur (2015–2019) » : chaque année civile doit être justifiée"
    ).replace("« ", "«\u202f").replace(" »", "\u202f»").replace(" :", "\u202f:")
    assert finding.fix == (
        "Indiquez ce que vous faisiez pendant cette période (par exemple un congé parental ou un CDD), avec ses dates."
    )
    assert possible.message.startswith("l’année universitaire 2019-2020 manque peut-être\u202f: ")
    assert possible.message.endswith(
        "laissent sans activité la période de sept. 2019 à août 2020 (12 mois) si les périodes écrites en années "
        "sont lues comme des années universitaires (de l’automne à l’été), comme un jury les lit"
    )
    assert possible.fix == (
        "Précisez les mois, par exemple «\u202fsept. 2013 – juin 2014\u202f», ou dites ce que vous avez fait cette "
        "année-là."
    )
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
    # the leave explains 2014; what is left is the possible academic year 2019-2020 (a warning: the file passes)
    assert [(finding.level, finding.data["from"], finding.data["to"]) for finding in findings("explained-gap.pdf")] == [
        (Level.WARNING, "2019-09", "2020-08")
    ]
    assert ("01/2014", "12/2014", "leave") in timeline_rows("explained-gap.pdf")


def test_overlaps_pass_and_birth_year_is_not_activity() -> None:
    assert findings("overlaps.pdf") == []
    with Dossier(CV / "overlaps.pdf") as dossier:
        assert any("Born 1990" in line.text for line in dossier.pages[0].lines)


def test_open_ranges_and_an_eight_month_gap_is_info() -> None:
    [finding] = findings("open-ranges.pdf")
    assert finding.level is Level.INFO
    assert finding.message.startswith(
        "no activity from Jul 2014 to Feb 2015 (8 months), after “Doctorat de neurosciences"
    )
    assert "a word of explanation helps for gaps over 6 months" in finding.message
    assert timeline_rows("open-ranges.pdf")[-2:] == [
        ("01/2018", "11/2026", "activity"),
        ("01/2021", "11/2026", "activity"),
    ]


def test_month_ranges_across_years() -> None:
    [finding] = findings("month-ranges.pdf")
    assert finding.level is Level.ERROR
    assert finding.message.startswith("no activity from Mar 2021 to Aug 2022 (18 months), after “Postdoctorat, IGBMC")
    assert "gaps longer than 12 months must be explained" in finding.message
    [french] = findings("month-ranges.pdf", language="fr")
    assert french.message.startswith("aucune activité de mars 2021 à août 2022 (18 mois), après «\u202fPostdoctorat")
    assert french.message.endswith("\u202f: une interruption de plus de 12 mois doit être expliquée")
    # the one-month handover 08/2019 -> 10/2019 says nothing
    assert timeline_rows("month-ranges.pdf")[:2] == [
        ("09/2015", "08/2019", "activity"),
        ("10/2019", "02/2021", "activity"),
    ]


def test_options_move_the_thresholds() -> None:
    [finding] = findings("month-ranges.pdf", Options(as_of="2026-08", max_gap_months=24, note_gap_months=6))
    assert finding.level is Level.INFO
    assert findings("open-ranges.pdf", Options(as_of="2026-11", note_gap_months=8)) == []
    # a whole calendar year stays an error whatever the month limit
    finding, _possible = findings("gap.pdf", Options(as_of="2026-11", max_gap_months=36))
    assert finding.level is Level.ERROR


def test_split_range_passes() -> None:
    assert findings("split-range.pdf") == []


def test_no_dates_fails_saying_what_was_looked_for() -> None:
    [finding] = findings("no-dates.pdf")
    # 'in the document' without a section finder, 'in the section “Curriculum vitae” (page 1)' with one
    assert re.match(
        r"no dates found in (the document|the section “Curriculum vitae” \(page 1\)): looked for ranges "
        r"such as '2015–2019', 'sept\. 2015 – août 2019'",
        finding.message,
    ), finding.message
    [french] = findings("no-dates.pdf", language="fr")
    assert french.message.startswith(
        "aucune date trouvée dans la partie «\u202fCurriculum vitae\u202f» (page 1)\u202f: "
    )
    assert (
        french.fix == "Datez chaque diplôme, poste et congé, par exemple «\u202f09/2015 – 08/2019\u202f» ou "
        "«\u202fdepuis 2020\u202f»."
    )
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
    finding, now = rendered(check(dossier, AS_OF))  # type: ignore[arg-type]
    assert finding.message.startswith("no activity from Jan 2014 to Dec 2014 (12 months, all of 2014)")
    assert finding.page == 3
    # nothing after the doctorate: the years up to the check's date are a gap too
    assert now.message.startswith("nothing after Dec 2019: the CV says nothing of Jan 2020 to Nov 2026 (83 months)")
    assert (now.level, now.page, now.data["until_now"]) == (Level.ERROR, 3, True)
    assert dossier.report_data["cv_timeline"]["source"] == source  # type: ignore[index]


def test_a_missing_cv_section_fails_saying_what_was_looked_for() -> None:
    dossier = FakeDossier(FakeSections(None, []), [page(1, "2015 - 2019 Doctorat")])
    [finding] = rendered(check(dossier, AS_OF))  # type: ignore[arg-type]
    assert finding.message == (
        "no CV section found (looked for a heading such as 'Curriculum vitae', 'CV' or 'Parcours'), "
        "so the CV's chronology cannot be checked"
    )
    assert finding.data == {
        "source": "no 'cv' section found (looked for a heading such as 'Curriculum vitae', 'CV' or 'Parcours')"
    }
    [french] = rendered(check(dossier, AS_OF), "fr")  # type: ignore[arg-type]
    assert french.message == (
        "aucune partie CV trouvée (titres cherchés\u202f: «\u202fCurriculum vitae\u202f», «\u202fCV\u202f» ou "
        "«\u202fParcours\u202f»)\u202f: on ne peut donc pas vérifier la chronologie du CV"
    )
    assert french.fix is not None and french.fix.startswith(
        "Commencez le CV par un titre comme «\u202fCurriculum vitae"
    )
    assert "cv_timeline" not in dossier.report_data


def test_a_missing_cv_section_names_the_titles_the_finder_tried() -> None:
    class Finder(FakeSections):
        def titles_tried(self, name: str) -> list[str]:
            return ["Curriculum vitae", "Parcours professionnel"]

    dossier = FakeDossier(Finder(None, []), [])
    [finding] = rendered(check(dossier, AS_OF))  # type: ignore[arg-type]
    assert finding.message.startswith(
        "no CV section found (looked for titles such as “Curriculum vitae” and “Parcours professionnel”)"
    )


def test_year_only_semantics() -> None:
    """A year-only end is uncertain: the generous reading (whole calendar years) gives the certain gaps, the
    academic reading (September to August) the possible ones."""
    end = YearMonth(2019, 8)
    contiguous = build_timeline([page(1, "2013 - 2015 Master", "2015 - 2019 Doctorat")], end)
    assert contiguous.gaps == ()
    adjacent = build_timeline([page(1, "2013 - 2014 ATER", "2015 - 2019 Post-doctorat")], end)
    assert [(str(gap.first), str(gap.last), gap.certainty, gap.whole_academic_years) for gap in adjacent.gaps] == [
        ("09/2014", "08/2015", "possible", ("2014-2015",))
    ]
    assert cv_date_gaps.gap_level(adjacent.gaps[0], Options()) is Level.WARNING
    apart = build_timeline([page(1, "2011 - 2013 Master", "2015 - 2019 Doctorat")], end)
    assert [(str(gap.first), str(gap.last), gap.whole_years, gap.certainty) for gap in apart.gaps] == [
        ("01/2014", "12/2014", (2014,), "certain")
    ]
    months = build_timeline([page(1, "sept. 2013 – juin 2014 ATER", "2015 - 2019 Post-doctorat")], end)
    assert [(str(gap.first), str(gap.last), gap.certainty) for gap in months.gaps] == [
        ("07/2014", "12/2014", "certain"),  # 6 months: below the info limit
        ("07/2014", "08/2015", "possible"),  # 14 months if the post-doctorate started in September 2015
    ]
    assert [cv_date_gaps.gap_level(gap, Options()) for gap in months.gaps] == [None, Level.WARNING]


def test_a_list_of_years_is_one_entry_per_year_not_a_range() -> None:
    """'2011, 2013 Tutorat' covers 2011 and 2013: read as 2011 alone it would make 2013 a gap, read as
    2011-2013 it would hide 2012."""
    timeline = build_timeline(
        [page(1, "2008 - 2010 Master", "2011, 2013 Tutorat, Unicamp", "Monitorat, 2015 et 2016", "2017 - 2019 ATER")],
        YearMonth(2019, 12),
    )
    entries = [(str(entry.first), str(entry.last), entry.label) for entry in timeline.entries]
    assert entries == [
        ("01/2008", "12/2010", "Master"),
        ("01/2011", "12/2011", "Tutorat, Unicamp"),
        ("01/2013", "12/2013", "Tutorat, Unicamp"),
        ("01/2015", "12/2015", "Monitorat"),
        ("01/2016", "12/2016", "Monitorat"),
        ("01/2017", "12/2019", "ATER"),
    ]
    assert [gap.whole_years for gap in timeline.gaps if gap.certainty == "certain"] == [(2012,), (2014,)]


def test_up_to_now_is_checked_like_any_stretch() -> None:
    timeline = build_timeline([page(1, "2015 - 06/2024 Post-doctorat, Inserm U1016")], YearMonth(2026, 12))
    [gap] = timeline.gaps
    assert (str(gap.first), str(gap.last), gap.until_now, gap.certainty) == ("07/2024", "12/2026", True, "certain")
    dossier = FakeDossier(None, [page(1, "2015 - 06/2024 Post-doctorat")])
    [finding] = rendered(cv_date_gaps.check(dossier, Options("cv", as_of="2026-12")))  # type: ignore[arg-type]
    assert finding.message.startswith("nothing after Jun 2024: the CV says nothing of Jul 2024 to Dec 2026 (30 months)")
    assert finding.fix is not None and finding.fix.startswith("Say what you do now")
    [french] = rendered(cv_date_gaps.check(dossier, Options("cv", as_of="2026-12")), "fr")  # type: ignore[arg-type]
    assert french.message == (
        "rien après juin 2024\u202f: le CV ne dit rien de la période de juil. 2024 à déc. 2026 (30 mois), "
        "après «\u202fPost-doctorat (2015–06/2024)\u202f»"
    )
    recent = build_timeline([page(1, "2015 - 06/2026 Post-doctorat")], YearMonth(2026, 12))
    assert [cv_date_gaps.gap_level(gap, Options()) for gap in recent.gaps] == [None]  # 6 months: normal


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
        YearMonth(2022, 12),
    )
    assert [entry.kind for entry in timeline.entries] == ["activity", "leave", "activity", "leave", "activity", "other"]
    # nothing is certainly missing; read as academic years, 'Doctorat 2010 - 2013' ends in the summer of 2013
    # and the leave starts in the autumn of 2014, so 2013-2014 may be missing; so may 2015-2016
    assert [gap.certainty for gap in timeline.gaps] == ["possible"] * len(timeline.gaps)
    flagged = [gap for gap in timeline.gaps if cv_date_gaps.gap_level(gap, Options()) is not None]
    assert [(str(gap.first), str(gap.last), gap.whole_academic_years) for gap in flagged] == [
        ("09/2013", "08/2014", ("2013-2014",)),
        ("09/2015", "08/2016", ("2015-2016",)),
    ]


def test_single_years_of_events_cover_nothing() -> None:
    lines = [
        "2010 - 2013 Doctorat",
        "Invited talk, Congrès de la SFI, Lyon, 2014",
        "Dupont J, Martin P, Durand A. Immunity 12(3):45-50, 2014",
        "2014 Prix de thèse de la Fondation X",
        "2014 Ingénieur d’études, CDD, Inserm U1016",
        "2016 - 2018 Postdoc",
    ]
    timeline = build_timeline([page(1, *lines)], YearMonth(2026, 11))
    assert [entry.kind for entry in timeline.entries] == ["activity", "other", "other", "other", "activity", "activity"]
    assert [(str(gap.first), str(gap.last)) for gap in timeline.gaps if gap.certainty == "certain"] == [
        ("01/2015", "12/2015"),
        ("01/2019", "11/2026"),
    ]


def test_fixtures_embed_their_fonts() -> None:
    registry = load_registry()
    rule_set = resolve_rule_set(registry, UserConfig(), "portal")
    for path in sorted(CV.glob("*.pdf")):
        report = check_file(path, rule_set, registry)
        assert [outcome.status.value for outcome in report.outcomes] == ["pass"] * len(report.outcomes), path


def test_a_leave_does_not_need_a_finding_but_an_unexplained_year_does() -> None:
    lines = ["2010 - 2013 Doctorat", "2014 Service civique", "2016 - 2018 Postdoc"]
    timeline = build_timeline([page(1, *lines)], YearMonth(2018, 12))
    assert [(str(gap.first), str(gap.last)) for gap in timeline.gaps if gap.certainty == "certain"] == [
        ("01/2015", "12/2015")
    ]
    certain = [gap for gap in timeline.gaps if gap.certainty == "certain"]
    assert certain[0].after is not None and certain[0].after.kind == "leave"


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
    assert is_cv_source(timeline["source"])
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
            "whole_academic_years": [],
            "certainty": "certain",
            "until_now": False,
            "after": "Master Immunologie, Université Paris Cité (2011–2013)",
            "before": "Doctorat en immunologie, Institut Pasteur (2015–2019)",
            "severity": "error",
        },
        {
            "from": "2019-09",
            "to": "2020-08",
            "months": 12,
            "whole_years": [],
            "whole_academic_years": ["2019-2020"],
            "certainty": "possible",
            "until_now": False,
            "after": "Doctorat en immunologie, Institut Pasteur (2015–2019)",
            "before": "Chercheuse postdoctorale, Inserm U1016, Paris (2020–present)",
            "severity": "warning",
        },
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
    result = CliRunner().invoke(main, ["cv", "--lang", "en", "--as-of", "2026-11", str(CV / "gap.pdf")])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[1].startswith("  read from: ") and lines[1].endswith("; open ranges run to Nov 2026")
    assert lines[1] in (
        "  read from: the whole document (no section finder); open ranges run to Nov 2026",
        "  read from: section “Curriculum vitae” (page 1, found by heading on page 1); open ranges run to Nov 2026",
    )
    assert re.search(r"01/2011\s+12/2013\s+36\s+1\s+activity\s+Master Immunologie", result.output)
    gap_line = next(line for line in lines if "GAP (error)" in line)
    assert gap_line.endswith("GAP (error): no activity Jan 2014 to Dec 2014, all of 2014")
    # the gap row sits between the entries it separates
    assert lines.index(gap_line) == next(i for i, line in enumerate(lines) if "Master Immunologie" in line) + 1
    assert "01/2020  present" in result.output
    assert result.output.rstrip().splitlines()[-1] == (
        "  4 entries from Jan 2009 to Nov 2026; gaps: 1 error, 1 possible (warning), 0 info, "
        "0 short (normal between positions)"
    )


def test_cv_command_in_french() -> None:
    result = CliRunner().invoke(main, ["cv", "--lang", "fr", "--as-of", "2026-11", str(CV / "gap.pdf")])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Chronologie du CV de {CV / 'gap.pdf'}"
    assert lines[1].startswith("  lu dans\u202f: ")
    assert lines[1].endswith("\u202f; les périodes en cours vont jusqu’à nov. 2026")
    assert re.search(r"01/2011\s+12/2013\s+36\s+1\s+activité\s+Master Immunologie", result.output)
    assert re.search(r"01/2020\s+en cours\s+83\s+1\s+activité\s+Chercheuse postdoctorale", result.output)
    assert any(
        line.endswith("INTERRUPTION (erreur)\u202f: aucune activité de janv. 2014 à déc. 2014, toute l’année 2014")
        for line in lines
    )
    assert result.output.rstrip().splitlines()[-1] == (
        "  4 entrées de janv. 2009 à nov. 2026\u202f; interruptions\u202f: 1 erreur, 1 possible (avertissement), "
        "0 note, 0 courte (rien d’anormal entre deux postes)"
    )
    # the language also comes from the locale
    from_locale = CliRunner().invoke(
        main,
        ["cv", "--as-of", "2026-11", str(CV / "gap.pdf")],
        env={"LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""},
    )
    assert from_locale.output == result.output


def test_cv_command_passes_and_prints_json() -> None:
    result = CliRunner().invoke(main, ["cv", "--as-of", "2026-11", "-f", "json", str(CV / "open-ranges.pdf")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(gap["from"], gap["to"], gap["certainty"], gap["severity"]) for gap in data["gaps"]] == [
        ("2014-07", "2015-02", "certain", "info"),
        ("2018-01", "2018-08", "possible", "none"),  # 'déc. 2017' then '2018 – aujourd’hui' (September?)
    ]


def test_cv_command_usage_errors(tmp_path: Path) -> None:
    bad = CliRunner().invoke(main, ["cv", "--lang", "en", "--as-of", "soon", str(CV / "gap.pdf")])
    assert bad.exit_code == 2
    assert "--as-of" in bad.output and "YYYY-MM" in bad.output
    french = CliRunner().invoke(main, ["cv", "--lang", "fr", "--as-of", "soon", str(CV / "gap.pdf")])
    assert (
        french.output
        == "preflight\u202f: --as-of\u202f: un mois au format AAAA-MM est attendu, et non «\u202fsoon\u202f»\n"
    )
    pages = CliRunner().invoke(main, ["cv", "--lang", "en", "--pages", "40-41", str(CV / "gap.pdf")])
    assert pages.exit_code == 1
    assert pages.output.splitlines()[0].endswith(
        'gap.pdf: [sections] cv = "40-41" starts after the last page (1), so the CV\'s chronology cannot be checked'
    )
    not_pdf = tmp_path / "cv.pdf"
    not_pdf.write_text("hello")
    result = CliRunner().invoke(main, ["cv", str(not_pdf)])
    assert result.exit_code == 2
    assert "not a PDF" in result.output


def test_cv_command_no_dates() -> None:
    result = CliRunner().invoke(main, ["cv", str(CV / "no-dates.pdf")])
    assert result.exit_code == 1
    assert "no dates found" in result.output


# ---------------------------------------------------------------- the real CVs of ../shared/corpus

needs_corpus = pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").is_file(), reason="../shared/corpus is not here")


def corpus_files(category: str) -> list[str]:
    import csv

    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as stream:
        return [row["file"] for row in csv.DictReader(stream, delimiter="\t") if row["category"] == category]


@dataclass
class CorpusRun:
    findings: dict[str, list[Finding]]
    timelines: dict[str, Timeline]
    """Each CV's timeline read from the whole document: these are stand-alone CVs, not dossiers with a CV section."""
    crashed: list[str]


def whole_document_timeline(dossier: Dossier, as_of: str) -> Timeline:
    return build_timeline(dossier.pages, YearMonth.parse(as_of), WHOLE_DOCUMENT)


@pytest.fixture(scope="module")
def corpus_run() -> CorpusRun:
    """The check and the timeline on every CV of the corpus, once (text extraction is what takes the time)."""
    run = CorpusRun({}, {}, [])
    options = Options(as_of="2026-11")
    for name in corpus_files("cv"):
        with Dossier(CORPUS / "pdfs" / name) as dossier:
            assert dossier.readable, name
            try:
                run.findings[name] = rendered(check(dossier, options))
                json.dumps(dossier.report_data, ensure_ascii=False)
                run.timelines[name] = whole_document_timeline(dossier, options.as_of)
                json.dumps(run.timelines[name].to_dict(), ensure_ascii=False)
            except Exception as exc:  # the point of the test: report every crash, not the first
                run.crashed.append(f"{name}: {type(exc).__name__}: {exc}")
    return run


@pytest.mark.corpus
@needs_corpus
def test_corpus_cvs_never_crash(corpus_run: CorpusRun) -> None:
    assert len(corpus_files("cv")) == 87
    assert corpus_run.crashed == []
    assert len(corpus_run.findings) == 87
    for name, found in corpus_run.findings.items():
        for finding in found:
            assert finding.message and finding.fix, name
    # the CVs with no plausible dates (moderncv's 'year--year' placeholders, chicv's year 2333) fail rather than
    # pass: 'no dates found' (or, once the section finder is there, maybe 'no 'cv' section found')
    no_dates = [name for name in corpus_run.findings if "xdanaux__moderncv" in name or "skyzh__chicv" in name]
    assert len(no_dates) == 9
    for name in no_dates:
        assert corpus_run.timelines[name].entries == (), name
        [finding] = corpus_run.findings[name]
        assert finding.message.startswith(("no dates found in ", "no CV section found")), name


COPYRIGHT_ONLY = {
    "europass__ewa-cedefop__services_rest_src_test_resources_Europass-CV-130619-Emmanouilidi.pdf",
    "europass__ewa-cedefop__services_rest_src_test_resources_Europass-CV-20130618-Emmanouilidi-EN.pdf",
}
"""CVs whose only range in cv_year_ranges.tsv is the '© European Union, 2002-2013' footer, which is no activity."""

ITALIAN = {
    "smatkovi__europasscv-template__examples_CV-Example-1-it_IT-orig.pdf",
    "smatkovi__europasscv-template__examples_output_cv_template_it.pdf",
    "smatkovi__europasscv-template__examples_output_cv_template_it_academic.pdf",
}
"""Italian Europass CVs: the one-line regex sees only the footer (2002); we read 'settembre 1988 - luglio 1993'."""

FOOTER_FIRST = {"smatkovi__europasscv-template__examples_CV-Example-1-el-GR.pdf": 2003}
"""The regex's first range is the footer 'c European Union, 2002-2015' (its © drawn as a 'c'); ours is the CV's own."""


@needs_corpus
@pytest.mark.corpus
def test_corpus_first_years_match_cv_year_ranges(corpus_run: CorpusRun) -> None:
    """cv_year_ranges.tsv (a one-line regex over pdftotext) against our timelines: every CV it finds plausible
    ranges in has ranges in ours, starting the same year, except the footers listed above."""
    import csv

    with (CORPUS / "cv_year_ranges.tsv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    agree: list[str] = []
    differ: dict[str, tuple[str, int | None]] = {}
    for row in rows:
        if row["ranges_found"] == "0" or not 1950 <= int(row["first_year"]) <= int(row["last_year"]) <= 2026:
            continue
        timeline = corpus_run.timelines[row["file"]]
        first = min((entry.range.start.year for entry in timeline.entries if not entry.range.is_single), default=None)
        if first == int(row["first_year"]):
            agree.append(row["file"])
        else:
            differ[row["file"]] = (row["first_year"], first)
    assert set(differ) == COPYRIGHT_ONLY | ITALIAN | set(FOOTER_FIRST), differ
    assert {name: differ[name][1] for name in ITALIAN} == dict.fromkeys(ITALIAN, 1988)
    assert {name: differ[name][1] for name in FOOTER_FIRST} == FOOTER_FIRST
    assert len(agree) == 65


@dataclass(frozen=True)
class HandRead:
    file: str
    as_of: str
    starts: str
    """First month covered by an activity, per the hand-read coverage."""
    entries: tuple[tuple[str, str | None], ...]
    """(from, to) of the hand-read entries; None for 'Present' / 'Ongoing'."""
    gaps: tuple[tuple[str, str, str], ...]
    """Gaps we flag (from, to, severity), as the hand reading implies under the issue's rule."""


HAND_READ = [
    HandRead(
        "sb2nov__resume__sourabh_bajaj_resume.pdf",
        "2024-06",
        "2008-08",
        (
            ("2008-08", "2012-07"),
            ("2012-08", "2013-12"),
            ("2012-01", "2013-12"),
            ("2014-01", "2016-10"),
            ("2016-10", None),
        ),
        (),
    ),
    HandRead(
        "posquit0__Awesome-CV__examples_cv.pdf",
        "2026-02",
        "2010-03",
        (
            ("2010-03", "2017-08"),
            ("2011-03", "2011-10"),
            ("2011-12", "2012-02"),
            ("2012-07", "2013-06"),
            ("2012-09", "2013-02"),
            ("2013-01", "2013-02"),
            ("2014-08", "2016-04"),
            ("2016-01", "2017-06"),
            ("2016-03", "2017-06"),  # 'Mar. 2016 – Exp. Jun. 2017'
            ("2017-06", "2018-05"),
            ("2018-06", "2021-01"),
            ("2021-02", "2021-03"),
            ("2021-03", None),
            # The extracurricular ranges ('Nov. 2011 – PRESENT', 'Jun. 2010 – Jun. 2017') are under their own
            # heading, which is not the candidate's timeline: they are in Timeline.skipped.
        ),
        (),  # the work-only gaps all fall inside the POSTECH studies
    ),
    HandRead(
        "liantze__AltaCV__mmayer.pdf",
        "2025-07",
        "1993-09",
        (
            ("1993-09", "1997-06"),
            ("1997-09", "1999-06"),
            ("2001-10", "2005-07"),
            ("2005-01", "2010-12"),
            ("2010-10", "2012-07"),
            ("2012-07", None),
        ),
        (("1999-07", "2001-09", "error"),),  # 'June 1999 -> Oct 2001, about 28 months'
    ),
    HandRead(
        "zachscrivena__simple-resume-cv__CV.pdf",
        "2018-12",
        "2002-05",
        (
            ("2002-05", "2005-05"),
            ("2006-08", "2008-08"),
            ("2008-11", "2009-06"),
            ("2009-12", "2014-07"),
            ("2004-05", "2005-05"),
            ("2007-10", "2008-01"),
            ("2006-08", "2007-08"),
        ),
        (
            ("2005-06", "2006-07", "error"),  # 'May 2005 -> Aug 2006 (about 15 months)'
            # 'Jul 2014 -> Dec 2018 (about 4.4 years) if memberships do not count': nothing after the Ph.D. up to
            # the document date. The decoy 'Oct 2015 – Dec 2015' of the usage notes (page 3) is under 'References',
            # which is not read.
            ("2014-08", "2018-12", "error"),
        ),
        # The hand reading's 'Aug 2008 -> Nov 2008 (3 months)' and 'Jun 2009 -> Dec 2009 (6 months)' are short
        # gaps (2 and 5 uncovered months) that say nothing.
    ),
    HandRead(
        "srbhr__Resume-Matcher__Data_Resumes_alfred_pennyworth_pm.pdf",
        "2023-07",
        "1994-01",
        (
            ("1994-01", "1997-12"),
            ("1997-01", "1999-12"),
            ("2016-01", "2018-12"),
            ("1999-01", "2002-12"),
            ("2002-01", "2007-12"),
            ("2007-01", "2012-12"),
            ("2012-01", "2017-12"),
            ("2017-01", None),  # '2017 –' and 'Present' on two lines
        ),
        (),
    ),
]


@needs_corpus
@pytest.mark.corpus
@pytest.mark.parametrize("expected", HAND_READ, ids=[item.file.split("__")[0] for item in HAND_READ])
def test_hand_read_chronologies(expected: HandRead) -> None:
    options = Options(as_of=expected.as_of)
    with Dossier(CORPUS / "pdfs" / expected.file) as dossier:
        timeline = whole_document_timeline(dossier, expected.as_of)
    # Every hand-read entry is in the timeline; memberships are there too, shown but covering no time.
    ours = {(entry.to_dict()["from"], entry.to_dict()["to"]) for entry in timeline.entries}
    missing = [entry for entry in expected.entries if entry not in ours]
    assert missing == []
    first = min(entry.first for entry in timeline.entries if entry.kind != "other")
    assert f"{first.year:04d}-{first.month:02d}" == expected.starts
    flagged = []
    for gap in timeline.gaps:
        level = cv_date_gaps.gap_level(gap, options)
        if level is not None:
            flagged.append((gap.to_dict()["from"], gap.to_dict()["to"], level.label))
    assert tuple(flagged) == expected.gaps


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("2019 – présent Relectrice pour Mucosal Immunology", "other"),
        ("2019 – présent Relecteur pour Gut", "other"),
        ("2010 – 2017 Membre de la Société française d'immunologie", "other"),
        ("2018 – 2021 Founding Member & Director of Infrastructure", "activity"),
    ],
)
def test_memberships_and_reviewing_cover_no_time_unless_a_job_is_named(line: str, kind: str) -> None:
    from preflight.chronology import build_timeline
    from preflight.pdf.text import PageText, TextLine

    page = PageText(1, 595, 842, (TextLine(line, 72, 500, 700, 11, "DejaVuSans", False),))
    (entry,) = build_timeline([page], YearMonth.parse("2026-11")).entries
    assert entry.kind == kind


# ---------------------------------------------------------------------------------------------- where the marks go
@pytest.mark.parametrize(
    ("path", "message_id", "page", "words"),
    [
        # A gap is marked at the entry it follows (the snippet quotes it first).
        (CV / "gap.pdf", "gap-years", 1, "2011 – 2013 Master Immunologie,"),
        (CV / "month-ranges.pdf", "gap", 1, "10/2019 – 02/2021 Postdoctorat,"),
        (ROOT / "fixtures" / "word" / "cv-gap.pdf", "gap-years", 2, "2011–2013"),  # a table row: the dates' cell
        # A CV without dates: its heading.
        (CV / "no-dates.pdf", "no-dates-section", 1, "Curriculum vitae"),
    ],
)
def test_a_cv_finding_marks_its_line(path: Path, message_id: str, page: int, words: str) -> None:
    with Dossier(path) as dossier:
        findings = [f for f in check(dossier, AS_OF) if f.message_id == message_id]
    assert findings[0].page == page
    assert_rect_marks(findings[0].rect, poppler_box(path, page, words))
