"""The section finder: outline, headings, table of contents, config ranges and titles."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from preflight.dossier import Dossier
from preflight.sections import Section, default_config, normalise, parse_config, strip_numbering

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STRUCTURE = FIXTURES / "structure"
# ../shared/corpus from the main checkout; one level further up from a worktree in /work/wt/.
CORPUS = next(
    (p / "shared" / "corpus" for p in Path(__file__).parents[2:4] if (p / "shared" / "corpus").is_dir()),
    Path(__file__).parents[2] / "shared" / "corpus",
)


def found(name: str, config: dict[str, object] | None = None) -> list[tuple[str, int, int, str]]:
    with Dossier(STRUCTURE / name) as dossier:
        if config is not None:
            dossier.section_config = {**default_config(), **config}
        return [(s.name, s.first_page, s.last_page, s.found_by) for s in dossier.sections.all()]


@pytest.mark.parametrize("pages", [7, 8, 15, 16])
def test_project_lengths_from_the_outline(pages: int) -> None:
    last = 6 + pages
    assert found(f"project-{pages}-pages.pdf") == [
        ("cover", 1, 1, "first page"),
        ("cv", 2, 3, "outline"),
        ("activity-report", 4, 6, "outline"),
        ("project", 7, last, "outline"),
        ("publications", last + 1, last + 2, "outline"),
    ]


def test_outline_only() -> None:
    with Dossier(STRUCTURE / "outline-only.pdf") as dossier:
        # The pages carry no known title: the headings alone would find nothing.
        assert all("Projet de recherche" not in page.text for page in dossier.pages)
        assert dossier.sections.source == "outline"
    assert found("outline-only.pdf") == [
        ("cover", 1, 1, "first page"),
        ("cv", 2, 3, "outline"),
        ("activity-report", 4, 6, "outline"),
        ("project", 7, 15, "outline"),
        ("publications", 16, 17, "outline"),
    ]


def test_headings_only_with_numbering_and_a_shared_last_page() -> None:
    with Dossier(STRUCTURE / "headings-only.pdf") as dossier:
        assert dossier.outline == []
        sections = dossier.sections
        assert sections.source == "headings"
        project = sections.get("project")
        assert project == Section("project", "Partie 3 : Projet de recherche", 7, 17, "heading on page 7")
        assert project.page_count == 11
        publications = sections.get("publications")
        assert publications == Section("publications", "4. Liste des publications", 17, 18, "heading on page 17")
        assert sections.get("cv") == Section("cv", "1. Curriculum vitae", 2, 3, "heading on page 2")
        activity = sections.get("activity-report")
        assert activity == Section("activity-report", "II - Résumé des travaux antérieurs", 4, 6, "heading on page 4")
        # text(): from the heading on, and the shared page stops before the next heading.
        pages = sections.text("project")
        assert [page.number for page in pages] == list(range(7, 18))
        assert pages[0].lines[0].text == "Partie 3 : Projet de recherche"
        assert "Liste des publications" not in pages[-1].text
        assert len(pages[-1].lines) == 2 + 12  # running header and page number, then 12 lines of text
        assert sections.text("publications")[0].lines[0].text == "4. Liste des publications"
        assert sections.text("nothing") == []


def test_english_headings() -> None:
    assert found("english-headings.pdf") == [
        ("cover", 1, 1, "first page"),
        ("cv", 2, 3, "heading on page 2"),
        ("activity-report", 4, 6, "heading on page 4"),
        ("project", 7, 15, "heading on page 7"),
        ("publications", 16, 17, "heading on page 16"),
    ]


def test_table_of_contents_is_not_taken_for_the_sections() -> None:
    assert found("toc-page.pdf") == [
        ("cover", 1, 1, "first page"),
        ("toc", 2, 2, "contents on page 2"),
        ("cv", 3, 4, "heading on page 3"),
        ("activity-report", 5, 7, "heading on page 5"),
        ("project", 8, 16, "heading on page 8"),
        ("publications", 17, 18, "heading on page 17"),
    ]


def test_project_as_last_section_runs_to_the_end() -> None:
    assert found("project-last.pdf")[-1] == ("project", 6, 14, "heading on page 6")


def test_no_project() -> None:
    with Dossier(STRUCTURE / "no-project.pdf") as dossier:
        assert dossier.sections.get("project") is None
        tried = dossier.sections.titles_tried("project")
        assert tried[:2] == ["projet de recherche", "projet scientifique"]
        assert "research project" in tried


def test_config_range_wins_and_clips_the_section_before_it() -> None:
    assert found("no-project.pdf", {"project": "5-6"}) == [
        ("cover", 1, 1, "first page"),
        ("cv", 2, 3, "heading on page 2"),
        ("activity-report", 4, 4, "heading on page 4"),
        ("project", 5, 6, "config"),
        ("publications", 7, 8, "heading on page 7"),
    ]


def test_config_range_beyond_the_last_page_is_noted() -> None:
    with Dossier(STRUCTURE / "no-project.pdf") as dossier:
        dossier.section_config = {**default_config(), "project": "7-30", "annexes": "40-41"}
        assert dossier.sections.get("project") == Section("project", "Publications", 7, 8, "config")
        assert dossier.sections.get("annexes") is None
        assert dossier.sections.notes == [
            '[sections] project = "7-30" ends after the last page; taken as 7-8',
            '[sections] annexes = "40-41" starts after the last page (8); ignored',
        ]


def test_config_title_names_a_section_the_rule_set_does_not_know(tmp_path: Path) -> None:
    sys.path.insert(0, str(FIXTURES))
    try:
        from make_structure_fixtures import Doc, cover, render
    finally:
        sys.path.remove(str(FIXTURES))
    doc = cover(Doc()).section("Curriculum vitae", 2).section("Mes idées pour demain", 3)
    path = tmp_path / "config-title.pdf"
    render(doc, path, with_outline=False)
    with Dossier(path) as dossier:
        assert dossier.sections.get("project") is None
    with Dossier(path) as dossier:
        dossier.section_config = {**default_config(), "project": "Mes idées pour demain"}
        assert dossier.sections.get("project") == Section("project", "Mes idées pour demain", 4, 6, "heading on page 4")
        assert dossier.sections.titles_tried("project")[0] == "Mes idées pour demain"


def test_normalise_and_numbering() -> None:
    assert normalise("  PROJET  de Recherche ") == "projet de recherche"
    assert normalise("Résumé des Travaux Antérieurs") == "resume des travaux anterieurs"
    assert normalise("Curriculum Vitæ") == "curriculum vitae"
    assert normalise("Rapport d’activité") == "rapport d'activite"
    assert strip_numbering("3. projet de recherche") == "projet de recherche"
    assert strip_numbering("iii - projet de recherche :") == "projet de recherche"
    assert strip_numbering("partie 2 : projet") == "projet"
    assert strip_numbering("2.1 contexte") == "contexte"
    assert strip_numbering("3 projet de recherche") == "projet de recherche"  # LaTeX numbering
    assert strip_numbering("chapter 4. research project") == "research project"
    assert strip_numbering("b) annexes") == "annexes"
    assert strip_numbering("vie de l'equipe") == "vie de l'equipe"


def test_parse_config_rejects_what_it_cannot_use() -> None:
    config = parse_config({"titles": {"project": ["projet"]}, "project": "12-23", "integration": ["Intégration"]})
    assert config.ranges == {"project": (12, 23)}
    assert config.titles == {"project": ("projet",), "integration": ("Intégration",)}
    assert parse_config({"project": "12"}).ranges == {"project": (12, 12)}
    assert parse_config({"project": "12–14"}).ranges == {"project": (12, 14)}
    with pytest.raises(ValueError, match=r"\[sections\] project = '23-12'"):
        parse_config({"project": "23-12"})
    with pytest.raises(ValueError, match=r"\[sections\] project must be a page range"):
        parse_config({"project": 12})
    with pytest.raises(ValueError, match="is not a section name"):
        parse_config({"Project": "1-2"})


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").is_file(), reason="needs ../shared/corpus")
def test_corpus_cvs_never_crash() -> None:
    rows = [line.split("\t") for line in (CORPUS / "MANIFEST.tsv").read_text().splitlines()[1:]]
    cvs = [CORPUS / "pdfs" / row[0] for row in rows if len(row) > 7 and row[7] == "cv"]
    assert len(cvs) > 50
    sources: dict[str, int] = {}
    for path in cvs:
        with Dossier(path) as dossier:
            if not dossier.readable:
                continue
            sections = dossier.sections
            sources[sections.source] = sources.get(sections.source, 0) + 1
            for section in sections.all():
                assert 1 <= section.first_page <= section.last_page <= dossier.page_count
    assert sources.get("outline", 0) > 0
    assert sources.get("headings", 0) > 0


def test_sections_command_text_and_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from click.testing import CliRunner

    from preflight.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "preflight.toml").write_text("")  # stop the configuration search here
    runner = CliRunner()
    result = runner.invoke(main, ["sections", str(STRUCTURE / "headings-only.pdf")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith("headings-only.pdf: 18 pages, sections found from headings in the text")
    assert lines[5].split() == [
        "project",
        "7-17",
        "11",
        "heading",
        "on",
        "page",
        "7",
        "Partie",
        "3",
        ":",
        "Projet",
        "de",
        "recherche",
    ]

    result = runner.invoke(main, ["sections", "--format", "json", str(STRUCTURE / "no-project.pdf")])
    assert result.exit_code == 0, result.output
    described = json.loads(result.output)["files"][0]
    assert described["source"] == "headings"
    assert [s["name"] for s in described["sections"]] == ["cover", "cv", "activity-report", "publications"]
    assert described["sections"][1] == {
        "name": "cv",
        "title": "Curriculum vitae",
        "first_page": 2,
        "last_page": 3,
        "pages": 2,
        "found_by": "heading on page 2",
    }

    (tmp_path / "preflight.toml").write_text('[sections]\nproject = "5-6"\n')
    result = runner.invoke(main, ["sections", str(STRUCTURE / "no-project.pdf")])
    assert "  project          5-6    2      config" in result.output

    (tmp_path / "preflight.toml").write_text('[sections]\nproject = "6-5"\n')
    result = runner.invoke(main, ["sections", str(STRUCTURE / "no-project.pdf")])
    assert result.exit_code == 2
    assert "[sections] project = '6-5'" in result.output

    (tmp_path / "preflight.toml").write_text("")
    (tmp_path / "not.pdf").write_text("hello")
    result = runner.invoke(main, ["sections", str(tmp_path / "not.pdf")])
    assert result.exit_code == 1
    assert "cannot be read: this is not a PDF" in result.output


def _builder() -> tuple[type, object, object]:
    sys.path.insert(0, str(FIXTURES))
    try:
        from make_structure_fixtures import Doc, cover, render
    finally:
        sys.path.remove(str(FIXTURES))
    return Doc, cover, render


def _sections(path: Path) -> list[tuple[str, int, int, str]]:
    with Dossier(path) as dossier:
        return [(s.name, s.first_page, s.last_page, s.found_by) for s in dossier.sections.all()]


def test_project_title_on_the_cover_does_not_start_the_project(tmp_path: Path) -> None:
    doc_type, cover, render = _builder()
    doc = cover(doc_type(), ("Concours CRCN 2026", "Projet de recherche : rôle du stress dans le foie"))
    doc.blocks[1].size, doc.blocks[1].bold = 14.0, True
    doc.section("Curriculum vitae", 2).section("3. Projet de recherche", 8)
    path = tmp_path / "cover-title.pdf"
    render(doc, path, with_outline=False)
    assert _sections(path) == [
        ("cover", 1, 1, "first page"),
        ("cv", 2, 3, "heading on page 2"),
        ("project", 4, 11, "heading on page 4"),
    ]


def test_references_closing_the_project_stay_in_it(tmp_path: Path) -> None:
    doc_type, cover, render = _builder()
    doc = cover(doc_type()).section("Projet de recherche", 3)
    doc.heading("1. Contexte", size=13).text(5)  # a smaller subheading
    doc.page().heading("Références").text(10)  # same style as the section heading
    doc.section("Publications", 2)
    path = tmp_path / "references.pdf"
    render(doc, path, with_outline=False)
    assert _sections(path) == [
        ("cover", 1, 1, "first page"),
        ("project", 2, 5, "heading on page 2"),
        ("publications", 6, 7, "heading on page 6"),
    ]


def test_table_of_contents_without_dot_leaders(tmp_path: Path) -> None:
    doc_type, cover, render = _builder()
    doc = cover(doc_type()).page().heading("Table des matières")
    for line in ("Curriculum vitae   3", "Projet de recherche   5"):
        doc.plain(line)
    doc.section("Curriculum vitae", 2).section("Projet de recherche", 8)
    path = tmp_path / "toc.pdf"
    render(doc, path, with_outline=False)
    assert _sections(path) == [
        ("cover", 1, 1, "first page"),
        ("toc", 2, 2, "contents on page 2"),
        ("cv", 3, 4, "heading on page 3"),
        ("project", 5, 12, "heading on page 5"),
    ]


def test_nested_outline_under_a_container_entry(tmp_path: Path) -> None:
    doc_type, cover, render = _builder()
    doc = cover(doc_type())
    doc.blocks[0].outline = "Dossier scientifique de Marie Dupont"
    doc.section("Curriculum vitae", 2, outline="1. Curriculum vitae", level=1)
    doc.section("Projet", 9, outline="2. Projet de recherche", level=1)
    doc.heading("2.1 Bibliographie", outline="2.1 Bibliographie", size=12, level=2).text(5)
    doc.section("Annexe : figures", 2, outline="Annexe : figures", level=0)
    path = tmp_path / "nested.pdf"
    render(doc, path, with_outline=True)
    with Dossier(path) as dossier:
        assert [(e.level, e.title) for e in dossier.outline] == [
            (1, "Dossier scientifique de Marie Dupont"),
            (2, "1. Curriculum vitae"),
            (2, "2. Projet de recherche"),
            (3, "2.1 Bibliographie"),
            (1, "Annexe : figures"),
        ]
    assert _sections(path) == [
        ("cover", 1, 1, "first page"),
        ("cv", 2, 3, "outline"),
        ("project", 4, 12, "outline"),
        ("annexes", 13, 14, "outline"),
    ]


def test_unnamed_outline_entry_ends_the_section_before_it(tmp_path: Path) -> None:
    doc_type, cover, render = _builder()
    doc = cover(doc_type()).section("Projet de recherche", 9, outline="Projet de recherche")
    doc.section("Divers", 2, outline="Divers")
    path = tmp_path / "unnamed.pdf"
    render(doc, path, with_outline=True)
    assert _sections(path) == [("cover", 1, 1, "first page"), ("project", 2, 10, "outline")]


def test_text_extraction_failure_leaves_the_outline(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Dossier) -> list[object]:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(Dossier, "pages", property(broken))
    with Dossier(STRUCTURE / "project-8-pages.pdf") as dossier:
        sections = dossier.sections
        assert sections.get("project") == Section("project", "Projet de recherche", 7, 14, "outline")
        assert sections.notes == ["the text of the PDF could not be read (RecursionError), only its outline"]
        assert sections.text("project") == []


def test_headings_in_mixed_styles_each_starting_a_page(tmp_path: Path) -> None:
    doc_type, cover, render = _builder()
    doc = cover(doc_type()).section("Curriculum vitae", 2, size=16)
    doc.section("Projet de recherche", 8, size=13)  # smaller than the CV's heading, but on a new page
    doc.section("PUBLICATIONS", 2, size=11)  # body size, bold
    path = tmp_path / "mixed.pdf"
    render(doc, path, with_outline=False)
    assert _sections(path) == [
        ("cover", 1, 1, "first page"),
        ("cv", 2, 3, "heading on page 2"),
        ("project", 4, 11, "heading on page 4"),
        ("publications", 12, 13, "heading on page 12"),
    ]


def test_cv_subheading_does_not_hide_the_publication_list(tmp_path: Path) -> None:
    doc_type, cover, render = _builder()
    doc = cover(doc_type()).section("Curriculum vitae", 1)
    doc.page().heading("Publications", size=12).text(20)  # the CV's own short list, at the top of a page
    doc.section("Projet de recherche", 8).section("Liste des publications", 2)
    path = tmp_path / "cv-publications.pdf"
    render(doc, path, with_outline=False)
    assert _sections(path) == [
        ("cover", 1, 1, "first page"),
        ("cv", 2, 3, "heading on page 2"),
        ("project", 4, 11, "heading on page 4"),
        ("publications", 12, 13, "heading on page 12"),
    ]


def test_table_of_contents_covers_its_own_pages_only(tmp_path: Path) -> None:
    doc_type, cover, render = _builder()
    doc = cover(doc_type()).page().heading("Sommaire")
    for number in range(1, 6):
        doc.plain(f"Chapitre {number} {'.' * 40} {number + 2}")
    doc.section("Introduction générale", 3)
    path = tmp_path / "toc-only.pdf"
    render(doc, path, with_outline=False)
    assert _sections(path) == [("cover", 1, 1, "first page"), ("toc", 2, 2, "contents on page 2")]


def test_fallback_titles_are_configurable_and_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from preflight.cli import main

    monkeypatch.chdir(tmp_path)
    dossier = str(Path(__file__).resolve().parents[1] / "fixtures" / "valid-dossier.pdf")
    (tmp_path / "preflight.toml").write_text('[sections.fallback]\nproject = ["Bilan et perspectives"]\n')
    assert CliRunner().invoke(main, ["sections", dossier]).exit_code == 0
    (tmp_path / "preflight.toml").write_text('[sections.fallback]\nprojet = ["x"]\n')
    result = CliRunner().invoke(main, ["sections", dossier])
    assert result.exit_code == 2
    assert "[sections.fallback] unknown section 'projet'" in result.output


class _Pages:
    """A dossier as the section finder sees it: pages of text lines, no outline."""

    def __init__(self, pages: list[list[tuple[str, float, bool]]]) -> None:
        from preflight.pdf.text import PageText, TextLine

        self.outline: list[object] = []
        self.pages = [
            PageText(
                number,
                595.0,
                842.0,
                tuple(
                    TextLine(text, 56.0, 400.0, 800.0 - 18 * index, size, "Font", bold)
                    for index, (text, size, bold) in enumerate(lines)
                ),
            )
            for number, lines in enumerate(pages, start=1)
        ]
        self.page_count = len(self.pages)


def test_a_cv_is_found_by_its_headings_but_not_inside_the_project() -> None:
    from preflight.sections import Sections

    cover = [("Concours CRCN", 20.0, True), ("Candidate : Claire Dubois", 11.0, False)]
    project = [
        ("Projet de recherche", 16.0, True),
        ("Formation", 12.0, True),  # training students, in the project: no CV
        ("2025 - 2027 : deux doctorants formés à la cytométrie", 11.0, False),
        ("2027 - 2029 : un post-doctorant", 11.0, False),
    ]
    cv = [
        ("Claire Dubois", 20.0, True),
        ("Formation", 12.0, True),
        ("2011 - 2015 Doctorat, Université de Lyon", 11.0, False),
        ("Expérience professionnelle", 12.0, True),
        ("2015 - 2020 Post-doctorat, Inserm U1016", 11.0, False),
    ]
    found = Sections(_Pages([cover, project, project[1:], cv]), default_config())  # type: ignore[arg-type]
    assert [(s.name, s.first_page, s.last_page) for s in found.all()] == [
        ("cover", 1, 1),
        ("project", 2, 3),
        ("cv", 4, 4),
    ]
    cv_section = found.get("cv")
    assert cv_section is not None and cv_section.found_by.startswith("CV headings on page 4 ('Formation'")


def test_sections_command_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every word of `preflight sections` in French with --lang fr; the JSON keeps its English data."""
    import json

    from click.testing import CliRunner

    from preflight.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "preflight.toml").write_text('[sections]\nproject = "7-30"\nannexes = "40-41"\n')
    path = str(STRUCTURE / "no-project.pdf")
    result = CliRunner().invoke(main, ["sections", "--lang", "fr", path])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{path}\u202f: 8 pages, parties trouvées d’après les titres du texte"
    assert lines[1].split() == ["partie", "pages", "nombre", "trouvée", "par", "titre", "tel", "qu’imprimé"]
    assert lines[2].split()[:4] == ["cover", "1", "1", "première"]
    assert lines[3].split()[:6] == ["cv", "2-3", "2", "titre", "en", "page"]
    assert "  project          7-8    2       configuration    Publications" in lines
    assert lines[-2:] == [
        '  note\u202f: [sections] project = "7-30" finit après la dernière page\u202f: pages retenues 7-8',
        '  note\u202f: [sections] annexes = "40-41" commence après la dernière page (8)\u202f: ligne ignorée',
    ]
    english = CliRunner().invoke(main, ["sections", "--lang", "en", path]).output.splitlines()
    assert english[-2:] == [
        '  note: [sections] project = "7-30" ends after the last page; taken as 7-8',
        '  note: [sections] annexes = "40-41" starts after the last page (8); ignored',
    ]
    described = json.loads(CliRunner().invoke(main, ["sections", "--lang", "fr", "-f", "json", path]).output)
    [file_data] = described["files"]
    assert set(file_data) == {"path", "readable", "pages", "source", "sections", "notes"}
    assert file_data["notes"][1] == '[sections] annexes = "40-41" starts after the last page (8); ignored'
    assert file_data["sections"][1]["found_by"] == "heading on page 2"
    missing = CliRunner().invoke(main, ["sections", "--lang", "fr", str(STRUCTURE / "cover-complete.pdf")])
    assert missing.output.splitlines()[-1] == (
        "  pas de partie projet de recherche\u202f: indiquez ses pages ou son titre dans preflight.toml, par exemple "
        '[sections] project = "12-23" ou project = "Titre de mon projet"'
    )


def test_a_configured_range_after_the_last_page_is_a_shared_finding_in_both_languages() -> None:
    from preflight.engine import render_finding
    from preflight.sections import range_problem

    catalogue = {"what": {"en": "the project's length", "fr": "la longueur du projet"}}
    with Dossier(STRUCTURE / "no-project.pdf") as dossier:
        dossier.section_config = {**default_config(), "annexes": "40-41"}
        assert range_problem(dossier, "project", "what") is None
        finding = range_problem(dossier, "annexes", "what")
    assert finding is not None and finding.data == {"section": "annexes"}
    english = render_finding(finding, catalogue, "en")
    assert english.message == (
        '[sections] annexes = "40-41" starts after the last page (8), so the project\'s length cannot be checked'
    )
    assert english.fix is not None and english.fix.startswith("Give the section's real pages in [sections]")
    french = render_finding(finding, catalogue, "fr")
    assert french.message == (
        '[sections] annexes = "40-41" commence après la dernière page (8)\u202f: on ne peut donc pas vérifier la '
        "longueur du projet"
    )
    assert french.fix is not None and french.fix.startswith("Indiquez les vraies pages de la partie")


def test_no_cover_names_the_part_at_the_top_of_page_1_not_a_subheading_below() -> None:
    """A CV found by its headings on page 1, with a "Publications" heading lower on that page."""
    from preflight.sections import missing_cover

    path = CORPUS / "pdfs" / "zachscrivena__simple-resume-cv__CV.pdf"
    if not path.is_file():
        pytest.skip("needs ../shared/corpus")
    with Dossier(path) as dossier:
        on_page_1 = {s.name for s in dossier.sections.all() if s.first_page == 1}
        assert {"cv", "publications"} <= on_page_1
        finding = missing_cover(dossier, "what")
        assert finding is not None and finding.args["section"] == "cv"


def _outlined(tmp_path: Path, name: str, build: Callable[[Any], None]) -> Path:
    sys.path.insert(0, str(FIXTURES))
    try:
        from make_structure_fixtures import Doc, cover, render
    finally:
        sys.path.remove(str(FIXTURES))
    doc = cover(Doc())
    build(doc)
    path = tmp_path / name
    render(doc, path, with_outline=True)
    return path


def _cv_with_its_list(doc: Any, bibliography: bool) -> None:
    doc.section("Curriculum vitae", 1, "Curriculum vitae")
    doc.page().heading("Production scientifique", "Production scientifique", size=13, level=1)
    doc.plain("1. Dupont M, Roux A. Un article. J Test. 2020;1:1-10.")
    doc.plain("2. Roux A, Dupont M. Un autre article. J Test. 2021;2:11-20.")
    doc.heading("Encadrement", "Encadrement", size=13, level=1).text(5)
    doc.section("Résumé des travaux", 2, "Résumé des travaux")
    doc.section("Projet de recherche", 8, "Projet de recherche")
    if bibliography:
        doc.section("Bibliographie", 1, "Bibliographie")


@pytest.mark.parametrize("bibliography", [True, False])
def test_a_publication_list_inside_the_cv_outline_is_the_list(tmp_path: Path, bibliography: bool) -> None:
    # An HDR's shape: "Curriculum vitae > Production scientifique", and a "Bibliographie" of cited works at the
    # end. The CV's list is the candidate's; the bibliography only ends the project. Without the nested entry's
    # reading, the list was the bibliography, or (without one) missing.
    path = _outlined(tmp_path, "nested.pdf", lambda doc: _cv_with_its_list(doc, bibliography))
    with Dossier(path) as dossier:
        sections = [(s.name, s.first_page, s.last_page, s.title) for s in dossier.sections.all()]
        listing = dossier.publications()
    assert sections == [
        ("cover", 1, 1, "Concours CRCN 2026 - Dossier scientifique"),
        ("cv", 2, 3, "Curriculum vitae"),
        ("publications", 3, 3, "Production scientifique"),
        ("activity-report", 4, 5, "Résumé des travaux"),
        ("project", 6, 13, "Projet de recherche"),
    ]
    assert [entry.text[:9] for entry in listing.entries] == ["1. Dupont", "2. Roux A"]


def test_outline_siblings_that_continue_the_list(tmp_path: Path) -> None:
    # "Publications", then "Soumission" and "... (non citées)" beside it: more of the list; "Références
    # bibliographiques" (what the text cites) ends it.
    def build(doc: Any) -> None:
        doc.section("Curriculum vitae", 1, "Curriculum vitae")
        doc.section("Publications personnelles (citées)", 1, "Publications personnelles (citées)")
        doc.section("Soumission", 1, "Soumission")
        doc.section("Publications personnelles (non citées)", 1, "Publications personnelles (non citées)")
        doc.section("Références bibliographiques", 1, "Références bibliographiques")

    with Dossier(_outlined(tmp_path, "siblings.pdf", build)) as dossier:
        assert dossier.sections.get("publications") == Section(
            "publications", "Publications personnelles (citées)", 3, 5, "outline"
        )


def test_references_then_publications_in_a_cv_outline(tmp_path: Path) -> None:
    # moderncv's "References" (referees) then "Publications": the list is the second, not the referees.
    def build(doc: Any) -> None:
        doc.section("Curriculum vitae", 1, "Curriculum vitae")
        doc.section("References", 1, "References")
        doc.section("Publications", 1, "Publications")

    with Dossier(_outlined(tmp_path, "referees.pdf", build)) as dossier:
        assert dossier.sections.get("publications") == Section("publications", "Publications", 4, 4, "outline")


def test_a_projects_own_publications_paragraph_is_no_list(tmp_path: Path) -> None:
    # An outline without a publication list; inside the project, a small bold "Publications" paragraph heading
    # mid-page (the team's papers): no list starts there, and the project keeps its pages.
    def build(doc: Any) -> None:
        doc.section("Curriculum vitae", 1, "Curriculum vitae")
        doc.section("Projet de recherche", 8, "Projet de recherche")
        doc.heading("Publications", size=11).text(3)

    with Dossier(_outlined(tmp_path, "paragraph.pdf", build)) as dossier:
        assert dossier.sections.get("publications") is None
        assert dossier.sections.get("project") == Section("project", "Projet de recherche", 3, 10, "outline")
