"""publication-list: submitted entries outside a preprint group, the candidate's name marked, impact factors."""

from __future__ import annotations

from pathlib import Path

import pytest

from preflight.checks import publication_list as rule
from preflight.dossier import Dossier
from preflight.messages import NNBSP
from preflight.model import Level, Skip
from preflight.pdf.text import PageText, TextLine
from preflight.publications import parse_list, surname_forms
from tests.helpers import assert_rect_marks, poppler_box, render_findings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
JURY = FIXTURES / "jury"


def run(name: str, options: rule.Options | None = None, language: str = "en") -> list:
    with Dossier(JURY / f"{name}.pdf") as dossier:
        return render_findings(rule, rule.check(dossier, options or rule.Options()), language)


@pytest.mark.parametrize("name", ["full-dossier", "latex-preprints", "project-no-host"])
def test_submitted_work_in_a_preprint_group_and_a_bold_name_pass(name: str) -> None:
    assert run(name) == []


def test_submitted_entries_in_the_articles_group_are_each_a_finding() -> None:
    findings = run("submitted-in-articles")
    assert [f.message_id for f in findings] == ["submitted-entry", "submitted-entry"]
    assert findings[0].page == 12 and findings[0].level is None  # the rule's level: an error in inserm-cr
    assert findings[0].message == (
        "a publication marked “soumis” in the list’s articles group (“Articles dans des revues à comité de "
        "lecture”): “5. Dubois C, Lefèvre M. Lactate et lymphocytes …”; Inserm does not accept submitted or "
        "in-revision articles outside a preprint section"
    )
    assert findings[1].data == {"status": "submitted", "group": "articles", "heading": findings[1].args["heading"]}
    assert findings[0].fix == (
        "Move it to a section titled “Preprints” or “Travaux en préparation” (with its preprint DOI), or remove "
        "it until it is published."
    )


def test_submitted_entries_in_french() -> None:
    first = run("submitted-in-articles", language="fr")[0]
    assert first.message == (
        f"une publication marquée «{NNBSP}soumis{NNBSP}» dans le groupe articles de la liste («{NNBSP}Articles "
        f"dans des revues à comité de lecture{NNBSP}»){NNBSP}: «{NNBSP}5. Dubois C, Lefèvre M. Lactate et "
        f"lymphocytes …{NNBSP}»{NNBSP}; l’Inserm n’accepte pas les articles soumis ou en révision hors d’une "
        "section de preprints"
    )


def test_a_name_in_plain_type_is_reported_with_its_share() -> None:
    # The only marked entry is the one where an asterisk (co-first author) follows the name.
    [finding] = run("name-not-bold")
    assert finding.level is Level.INFO
    assert finding.message == "your name (“Claire Dubois”) is marked in 1 of the 10 entries it appears in (10%)"
    assert finding.data["marked"] == 1 and finding.data["with_name"] == 10
    [french] = run("name-not-bold", language="fr")
    assert french.message == (
        f"votre nom («{NNBSP}Claire Dubois{NNBSP}») est distingué dans 1 des 10 références où il figure (10 %)"
    )


def test_a_name_marked_nowhere_is_an_info() -> None:
    with Dossier(FIXTURES / "word" / "dossier.pdf") as dossier:
        [finding] = render_findings(rule, rule.check(dossier, rule.Options()))
    assert finding.level is Level.INFO
    assert finding.message == (
        "your name (“Claire Dubois”) appears in 4 entries of the publication list but is marked in none (bold, "
        "asterisk or a legend’s sign)"
    )


def test_a_configured_name_wins_and_an_absent_one_is_said() -> None:
    [finding] = run("full-dossier", rule.Options(candidate="Élodie Durand"))
    assert finding.message == "your name (“Élodie Durand”) is in no entry of the publication list (10 entries)"
    assert (
        finding.fix == 'Set your name as the author lists write it: [rules.publication-list] candidate = "First Last".'
    )


def test_no_publication_list_skips() -> None:
    with Dossier(JURY / "no-publications.pdf") as dossier, pytest.raises(Skip) as skipped:
        list(rule.check(dossier, rule.Options()))
    assert skipped.value.message_id == "no-publications"


def line(text: str, baseline: float, x0: float = 70.0, bold: bool = False, size: float = 10.0) -> TextLine:
    font = "Times-Bold" if bold else "Times-Roman"
    return TextLine(text, x0, x0 + 5 * len(text), baseline, size, font, bold, font_runs=((0, font),))


def test_impact_factors_are_an_info_naming_dora() -> None:
    page = PageText(
        3,
        595,
        842,
        (
            line("Publications", 800, size=14, bold=True),
            line("1. Dubois C, Roux A. Title one. J Immunol. 2016;12:1-9 (IF = 5.2).", 780),
            line("2. Dubois C. Title two. Gut. 2019;3:4-5. Impact factor: 23.1", 765),
            line("h-index: 12 (Google Scholar)", 740),
        ),
    )
    listing = parse_list([page], "Publications", "Claire Dubois", "config")
    assert [entry.metrics for entry in listing.entries] == [("IF = 5.2",), ("Impact factor", "h-index")]
    assert [entry.marked for entry in listing.entries] == [None, None]
    findings = list(rule._emphasis(listing))
    assert [f.message_id for f in findings] == ["name-unmarked"]


def test_the_metrics_finding_names_dora(tmp_path: Path) -> None:
    finding = rule.Finding("metrics", {"found": "IF = 5.2, h-index", "pages": [3, 3]}, page=3, level=Level.INFO)
    [english] = render_findings(rule, [finding])
    assert english.message == (
        "impact factors or h-index in the publication list (“IF = 5.2, h-index”, page 3): Inserm signed DORA, and "
        "the impact factor is no proxy for an article’s quality"
    )
    [french] = render_findings(rule, [finding], "fr")
    assert french.message == (
        f"facteurs d’impact ou indice h dans la liste des publications («{NNBSP}IF = 5.2, h-index{NNBSP}», page 3)"
        f"{NNBSP}: l’Inserm a signé DORA, et le facteur d’impact ne mesure pas la qualité d’un article"
    )


def test_surname_forms() -> None:
    assert surname_forms("Dr Claire Dubois") == ["dubois"]
    assert surname_forms("Marie-Anne Le Gall") == ["le gall", "gall"]
    assert surname_forms("DUBOIS Claire") == ["dubois"]


def test_an_underlining_legend_asks_to_check_by_eye() -> None:
    page = PageText(
        3,
        595,
        842,
        (
            line("Publications", 800, size=14, bold=True),
            line("Mon nom est souligné ; * auteur correspondant.", 785),
            line("1. Dubois C, Roux A. Title one. J Immunol. 2016;12:1-9.", 770),
            line("2. Roux A, Dubois C*. Title two. Gut. 2019;3:4-5.", 755),
        ),
    )
    listing = parse_list([page], "Publications", "Claire Dubois", "config")
    assert listing.legend == "Mon nom est souligné ; * auteur correspondant."
    [finding] = render_findings(rule, rule._emphasis(listing))
    assert finding.message == (
        "the list’s legend says names are underlined (“Mon nom est souligné ; * auteur correspondant.”), which "
        "the tool cannot see: check by eye that your name (“Claire Dubois”) is underlined in the entry where it "
        "is not bold or signed"
    )
    [french] = render_findings(rule, rule._emphasis(listing), "fr")
    assert french.message.startswith(f"la légende de la liste indique des noms soulignés («{NNBSP}Mon nom")


# ---------------------------------------------------------------------------------------------- where the marks go
def test_a_submitted_entry_is_marked_where_it_is_printed() -> None:
    path = JURY / "submitted-in-articles.pdf"
    with Dossier(path) as dossier:
        findings = list(rule.check(dossier, rule.Options()))
    assert [(f.message_id, f.page) for f in findings] == [("submitted-entry", 12), ("submitted-entry", 12)]
    assert_rect_marks(findings[0].rect, poppler_box(path, 12, "5. Dubois C, Lefèvre M."))
    assert_rect_marks(findings[1].rect, poppler_box(path, 12, "6. Roux A, Dubois C."))


def test_an_entry_of_two_lines_is_marked_whole_and_alone() -> None:
    path = JURY / "name-not-bold.pdf"
    with Dossier(path) as dossier:
        [finding] = list(rule.check(dossier, rule.Options()))
    assert finding.message_id == "name-partly-marked" and finding.page == 12
    assert_rect_marks(finding.rect, poppler_box(path, 12, "1. Dubois C, Roux A."), lines=2)
    assert_rect_marks(finding.rect, poppler_box(path, 12, "doi:10.5555/jir.2016.101"), lines=2)
    following = poppler_box(path, 12, "2. Dubois C*,")
    assert finding.rect is not None and finding.rect[1] > (following[1] + following[3]) / 2


def test_a_finding_about_the_whole_list_marks_its_heading() -> None:
    path = FIXTURES / "word" / "dossier.pdf"
    with Dossier(path) as dossier:
        [finding] = list(rule.check(dossier, rule.Options()))
    assert finding.message_id == "name-unmarked" and finding.page == 15
    assert_rect_marks(finding.rect, poppler_box(path, 15, "Publications"))


def test_a_dash_line_in_a_numbered_list_continues_its_entry() -> None:
    # "[17] ... In: Proceedings of" / "- VECPAR 2006, ...": the dash opens the rest of a reference, not an entry.
    page = PageText(
        3,
        595,
        842,
        (
            line("Publications", 800, size=14, bold=True),
            line("[17] Dubois C, Roux A. Semantic trading. In High Performance Computing for Science", 780),
            line("- VECPAR 2006, 7th International Conference, Rio de Janeiro, 2006, pages 1-10.", 765, x0=90),
            line("[18] Dubois C. Mathematical trading. Theoretical Computer Science, 2005.", 750),
        ),
    )
    listing = parse_list([page], "Publications", "Claire Dubois", "config")
    assert [entry.text[:4] for entry in listing.entries] == ["[17]", "[18]"]
    assert listing.entries[0].text.endswith("pages 1-10.")


def test_a_second_title_of_the_candidates_list_continues_it() -> None:
    # "Références personnelles (citées)" then, in the same style, "... (non citées)": one list; without the
    # section finder's word, a heading in the list's own style ends it ("Enseignement").
    page = PageText(
        8,
        595,
        842,
        (
            line("Publications personnelles (citées)", 800, size=14, bold=True),
            line("[CF11] Dubois C, Roux A. Finitary languages. In: LATA. 2011.", 780),
            line("Publications personnelles (non citées)", 760, size=14, bold=True),
            line("[CF12] Dubois C. A reduction. In: GandALF. 2012.", 740),
        ),
    )
    alone = parse_list([page], "Publications personnelles (citées)", "Claire Dubois", "config")
    assert len(alone.entries) == 1
    listing = parse_list(
        [page], "Publications personnelles (citées)", "Claire Dubois", "config", lambda text: "non citées" in text
    )
    assert [entry.text[:6] for entry in listing.entries] == ["[CF11]", "[CF12]"]
