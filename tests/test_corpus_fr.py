"""The CV and section readers on real French academic files (../shared/corpus-fr), against hand-read truth.

The files hold personal data: nothing of their text is asserted here, only pages, dates and counts. Each file
is read as of its own date (the PDF's CreationDate), as the candidate would have run the tool then.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from preflight.checks import cv_date_gaps
from preflight.dossier import Dossier
from preflight.model import Level
from tests.helpers import render_findings

CORPUS_FR = Path(__file__).resolve().parents[2] / "shared" / "corpus-fr"
TRUTH = (
    json.loads((CORPUS_FR / "truth.json").read_text(encoding="utf-8")) if (CORPUS_FR / "truth.json").is_file() else []
)

needs_corpus_fr = pytest.mark.skipif(not TRUTH, reason="../shared/corpus-fr is not present")
BY_NAME = {item["file"]: item["truth"] for item in TRUTH}

RECALL = {
    # file prefix: truth entries we find (of all of them), and why some are not
    "CleopheeR": (5, 8),  # two roles under 'Responsabilités collectives' (not the timeline); the doctorate reads
    # 2018-2021 from the doctoral-association role, where the truth writes its award year
    "LDelalandre": (9, 10),  # the teaching table's years are not date columns
    "hurault": (6, 7),  # the defence month (déc. 2006) is read as the end of a range from mars 2006
    "lucblassel": (5, 5),
    "magronp": (15, 15),
    "merwaaan": (11, 11),
    "thalitadru": (12, 12),  # with '2011, 2013 Tutorat' read as two years, each its own entry
}


def document_month(path: Path) -> str:
    with pikepdf.open(path) as pdf:
        digits = str(pdf.docinfo.get("/CreationDate", "")).removeprefix("D:")[:6]
    return f"{digits[:4]}-{digits[4:6]}"


def read(name: str) -> tuple[dict[str, tuple[int, int]], Any, cv_date_gaps.Options, list[Any]]:
    path = CORPUS_FR / "pdfs" / name
    options = cv_date_gaps.Options(as_of=document_month(path))
    with Dossier(path) as dossier:
        sections = {s.name: (s.first_page, s.last_page) for s in dossier.sections.all()}
        timeline, _ = cv_date_gaps.timeline_of(dossier, options)
        findings = render_findings(cv_date_gaps, list(cv_date_gaps.check(dossier, options)))
    return sections, timeline, options, findings


def truth_sections(name: str) -> dict[str, tuple[int, int]]:
    return {s["name"]: (s["first_page"], s["last_page"]) for s in BY_NAME[name]["sections"]}


def same_date(truth: str, ours: str | None) -> bool:
    if truth == "present":
        return ours is None
    if ours is None:
        return False
    return ours.startswith(truth[:7]) if len(truth) >= 7 else ours[:4] == truth[:4]


@needs_corpus_fr
@pytest.mark.corpus
@pytest.mark.parametrize("name", [item["file"] for item in TRUTH], ids=[item["file"][:20] for item in TRUTH])
def test_sections_found_without_configuration(name: str) -> None:
    sections, _, _, _ = read(name)
    want = truth_sections(name)
    if "cv" in want:
        assert "cv" in sections
        assert sections["cv"][0] == want["cv"][0]
        # the HDR's chapter 2 opens with letters set vertically: its first page is shared with the CV
        assert want["cv"][1] <= sections["cv"][1] <= want["cv"][1] + 1
    else:
        assert "cv" not in sections
    if "project" in want:
        assert sections.get("project") == want["project"]
    if "past_work" in want and want["past_work"][0] == 1:
        assert sections.get("activity-report", (0, 0))[0] == 1
    # a file that starts with a section (a CV, a project, a report) has no cover sheet
    if want.get("cover") is None and not any(s["name"] == "cover" for s in BY_NAME[name]["sections"]):
        assert "cover" not in sections


@needs_corpus_fr
@pytest.mark.corpus
@pytest.mark.parametrize("name", [item["file"] for item in TRUTH if item["truth"]["cv_entries"]])
def test_cv_entries_and_gaps_against_the_truth(name: str) -> None:
    _, timeline, _options, findings = read(name)
    assert timeline is not None
    ours = [entry.to_dict() for entry in timeline.entries]
    truth = BY_NAME[name]
    found = [
        entry
        for entry in truth["cv_entries"]
        if any(same_date(entry["from"], mine["from"]) and same_date(entry["to"], mine["to"]) for mine in ours)
        or any(
            same_date(entry["from"], mine["from"])
            and entry["to"] == entry["from"][:4]
            and mine["to"]
            and mine["to"][:4] == entry["to"]
            for mine in ours
        )
    ]
    assert (len(found), len(truth["cv_entries"])) == RECALL[name.split("__")[0]]
    errors = [f for f in findings if f.level is Level.ERROR]
    warnings = [f for f in findings if f.level is Level.WARNING]
    certain = [gap for gap in truth["cv_gaps"] if gap["certainty"] == "certain"]
    likely = [gap for gap in truth["cv_gaps"] if gap["certainty"] == "likely"]
    assert len(errors) == len(certain)  # every certain gap, and no error the truth does not have
    for gap in likely:  # every likely gap at warning or error, where the truth puts it
        assert any(
            f.data["from"][:4] <= gap["to"][:4] and gap["from"][:4] <= f.data["to"][:4] for f in [*errors, *warnings]
        ), gap


@needs_corpus_fr
@pytest.mark.corpus
def test_a_likely_gap_is_a_warning_that_says_why_and_what_to_write() -> None:
    _, _, _, findings = read("LDelalandre__CV_LD__CV_fr.pdf")
    [finding] = findings
    assert finding.level is Level.WARNING
    assert finding.message.startswith("the academic year 2017-2018 may be missing: ")
    assert "read as academic years (autumn to summer)" in finding.message
    assert finding.fix == "Give months, e.g. 'sept. 2013 – juin 2014', or say what you did that year."


@needs_corpus_fr
@pytest.mark.corpus
def test_a_doctorate_known_by_its_award_year_spans_the_doctoral_years() -> None:
    _, timeline, _, findings = read("CleopheeR__CV__CV_fr.pdf")
    [doctorate] = [entry for entry in timeline.entries if entry.note]
    assert (str(doctorate.first), str(doctorate.last), doctorate.kind) == ("01/2018", "12/2021", "activity")
    assert findings == []
    # its publication list, talks and committees are listed as not read
    assert [part.read for part in timeline.parts if part.title.startswith(("Publications", "Présentations"))] == [
        False,
        False,
    ]
