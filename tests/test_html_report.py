"""Issue 13: the self-contained HTML report, parsed back with html.parser, and opened in headless Chromium."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.cli import main
from preflight.i18n import set_language
from preflight.model import FileReport, Finding, GradedFinding, Level, Outcome, RunReport, Status
from preflight.pdf.render import PageImage, Rendered, render_pages
from preflight.reporters import FORMATS, RenderOptions
from preflight.reporters.html import ByteShare, FileVisuals, ImageShare, Limits, flagged_pages, render_html
from tests.conftest import FIXTURES

NNBSP = "\u202f"


# ---------------------------------------------------------------------------------------------- parsing
class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element] = []
        self.text: list[str] = []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def all_text(self) -> str:
        return "".join(self.text) + "".join(child.all_text() for child in self.children)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]


VOID = {"meta", "img", "br", "link", "input", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}


class TreeBuilder(HTMLParser):
    """A small DOM from html.parser; it also records that every opened element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.current = self.root
        self.style_text: list[str] = []
        self.scripts = 0
        self.mismatches: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(element)
        if tag == "script":
            self.scripts += 1
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.current.tag != tag:
            self.mismatches.append(f"</{tag}> closes <{self.current.tag}>")
            return
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.text.append(data)
        if self.current.tag == "style":
            self.style_text.append(data)


def parse(text: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    assert not builder.mismatches, builder.mismatches[:5]
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    return builder


URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background")


def outside_urls(tree: TreeBuilder) -> list[str]:
    """Every reference to something outside the document: only data: images and #anchors are allowed."""
    found = []
    for element in tree.root.iter():
        for name in URL_ATTRIBUTES:
            value = element.attrs.get(name)
            if value is None:
                continue
            if not (value.startswith("#") or value.startswith("data:image/")):
                found.append(f"{element.tag}[{name}]={value[:60]}")
        style = element.attrs.get("style", "")
        if "url(" in style:
            found.append(f"{element.tag}[style]={style[:60]}")
    css = "".join(tree.style_text)
    found += [f"css: {match[:60]}" for match in re.findall(r"url\([^)]*\)|@import[^;]*", css)]
    return found


# ---------------------------------------------------------------------------------------------- a report
def _jpeg(width: int = 60, height: int = 85) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="JPEG")
    return buffer.getvalue()


HIDDEN = Finding(
    message="U+00AD SOFT HYPHEN: soft hyphen inside a word, once on page 2",
    page=2,
    rect=(72.0, 767.25, 293.43, 781.0),
    snippet="immuno⟦U+00AD SOFT HYPHEN⟧logie",
    fix="Remove the optional hyphen.",
)
HIDDEN_2 = Finding(message="U+200B ZERO WIDTH SPACE, once on page 3", page=3, rect=(100.0, 100.0, 200.0, 120.0))
PROJECT = Finding(
    message="the 'project' section spans 16 pages, more than 15",
    page=5,
    data={"section": "project", "pages": 16, "min_pages": 8, "max_pages": 15},
)
WHOLE_FILE = Finding(message="no ORCID iD found <script>alert(1)</script>", fix="Add your ORCID iD.")


def sample_report() -> RunReport:
    outcomes = (
        Outcome("pdf-readable", "The file opens", Level.ERROR, Status.PASS, ""),
        Outcome(
            "hidden-characters",
            "No hidden characters",
            Level.ERROR,
            Status.FAIL,
            "2 findings (2 errors)",
            (GradedFinding(HIDDEN, Level.ERROR), GradedFinding(HIDDEN_2, Level.ERROR)),
        ),
        Outcome(
            "project-page-count",
            "Project length",
            Level.ERROR,
            Status.FAIL,
            PROJECT.message,
            (GradedFinding(PROJECT, Level.ERROR),),
        ),
        Outcome(
            "orcid", "ORCID", Level.ERROR, Status.WARN, WHOLE_FILE.message, (GradedFinding(WHOLE_FILE, Level.WARNING),)
        ),
        Outcome("encryption", "No encryption", Level.ERROR, Status.SKIP, "not checked"),
    )
    extra = {
        "sections": [
            {"name": "cover", "title": "Page de garde", "first_page": 1, "last_page": 1, "pages": 1, "found_by": "x"},
            {"name": "cv", "title": "CV", "first_page": 2, "last_page": 4, "pages": 3, "found_by": "x"},
            {"name": "project", "title": "Projet", "first_page": 5, "last_page": 20, "pages": 16, "found_by": "x"},
        ],
        "cv_timeline": {
            "source": "section 'CV'",
            "pages": [2, 3, 4],
            "as_of": "2026-11",
            "parts": [],
            "entries": [
                {
                    "from": "2011-01",
                    "until": "2013-12",
                    "open": False,
                    "label": "Master Immunologie",
                    "kind": "activity",
                    "part": "Formation",
                    "page": 2,
                },
                {
                    "from": "2015-01",
                    "until": "2019-12",
                    "open": False,
                    "label": "Ingénieure d'études",
                    "kind": "activity",
                    "part": "Parcours",
                    "page": 2,
                },
                {
                    "from": "2020-01",
                    "until": "2020-06",
                    "open": False,
                    "label": "Congé parental",
                    "kind": "leave",
                    "part": "Parcours",
                    "page": 2,
                },
                {
                    "from": "2020-07",
                    "until": "2026-11",
                    "open": True,
                    "label": "Chercheuse, Inserm U1016",
                    "kind": "activity",
                    "part": "Parcours",
                    "page": 3,
                },
            ],
            "gaps": [
                {"from": "2014-01", "to": "2014-12", "months": 12, "certainty": "certain", "severity": "error"},
                {"from": "2019-09", "to": "2020-08", "months": 12, "certainty": "possible", "severity": "warning"},
                {"from": "2013-12", "to": "2013-12", "months": 1, "certainty": "certain", "severity": "none"},
            ],
        },
    }
    report = FileReport(path="dossiers/cand.pdf", pages=20, bytes=8_400_000, outcomes=outcomes, extra=extra)
    return RunReport(profile="inserm-cr", files=(report,), tool_version="0.1.0")


def sample_visuals(over_limit: tuple[int, ...] = ()) -> FileVisuals:
    pages = {
        number: PageImage(number, _jpeg(), 60, 85, 595.0, 842.0) for number in (2, 3, 5) if number not in over_limit
    }
    return FileVisuals(
        rendered=Rendered(pages, over_limit=over_limit),
        bytes=ByteShare(8_400_000, 6_000_000, 400_000, (ImageShare(2000, 1500, 4_000_000, (5, 7), 420.0),)),
    )


def render_sample(**options: bool) -> str:
    return render_html(sample_report(), [sample_visuals()], RenderOptions(**options), Limits())


# ---------------------------------------------------------------------------------------------- structure
def test_html_is_a_registered_format() -> None:
    assert FORMATS["html"] == "preflight.reporters.html"


def test_a_section_per_rule_and_one_per_failing_rule_with_its_status() -> None:
    tree = parse(render_sample())
    rules = tree.root.find_all("section", "rule")
    assert [r.attrs["data-rule"] for r in rules] == [
        "pdf-readable",
        "hidden-characters",
        "project-page-count",
        "orcid",
        "encryption",
    ]
    failing = [r.attrs["data-rule"] for r in rules if "fail" in r.classes]
    assert failing == ["hidden-characters", "project-page-count"]
    badges = [r.find_all("span", "badge")[0].all_text() for r in rules]
    assert badges == ["Pass", "Fail", "Fail", "Warning", "Skipped"]


def test_an_image_per_flagged_page_and_a_mark_per_finding_with_a_rectangle() -> None:
    tree = parse(render_sample())
    figures = tree.root.find_all("figure", "page")
    assert [f.attrs["id"] for f in figures] == ["f0-page-2", "f0-page-3", "f0-page-5"]
    for figure in figures:
        (image,) = figure.find_all("img")
        assert image.attrs["src"].startswith("data:image/jpeg;base64,")
        assert image.attrs["alt"].startswith(f"Page {figure.attrs['id'].rsplit('-', 1)[1]} of cand.pdf")
    marks = {f.attrs["id"]: len(f.find_all("span", "mark")) for f in figures}
    assert marks == {"f0-page-2": 1, "f0-page-3": 1, "f0-page-5": 0}
    # The project finding has no rectangle: it is listed under its page, said to have no position.
    page_5 = figures[2].all_text()
    assert "spans 16 pages" in page_5 and "no position on the page" in page_5


def test_a_mark_is_placed_where_the_rectangle_is_origin_bottom_left() -> None:
    tree = parse(render_sample())
    (mark,) = [m for m in tree.root.find_all("span", "mark") if m.attrs["data-finding"] == "1"][:1]
    style = dict(part.split(":") for part in mark.attrs["style"].split(";"))
    # rect (72, 767.25, 293.43, 781) on a 595 x 842 page: near the top left.
    assert style["left"] == f"{100 * 72 / 595:.2f}%"
    assert style["top"] == f"{100 * (842 - 781) / 842:.2f}%"
    assert style["width"] == f"{100 * (293.43 - 72) / 595:.2f}%"
    assert style["height"] == f"{100 * (781 - 767.25) / 842:.2f}%"


def test_page_image_place_clips_and_rejects_outside_rectangles() -> None:
    page = PageImage(1, b"", 100, 100, 200.0, 100.0, offset_pt=(10.0, 0.0))
    assert page.place((10.0, 0.0, 110.0, 50.0)) == (0.0, 50.0, 50.0, 50.0)
    assert page.place((-50.0, 90.0, 20.0, 200.0)) == (0.0, 0.0, 5.0, 10.0)
    assert page.place((300.0, 0.0, 400.0, 10.0)) is None
    assert page.place((50.0, 50.0, 50.0, 60.0)) is None


def test_findings_link_to_their_page_and_every_anchor_resolves() -> None:
    tree = parse(render_sample())
    ids = {e.attrs["id"] for e in tree.root.iter() if "id" in e.attrs}
    links = [e.attrs["href"] for e in tree.root.find_all("a")]
    assert "#f0-page-2" in links and "#f0-page-5" in links
    assert all(link[1:] in ids for link in links), [link for link in links if link[1:] not in ids]
    hidden = next(r for r in tree.root.find_all("section", "rule") if r.attrs["data-rule"] == "hidden-characters")
    assert [a.attrs["href"] for a in hidden.find_all("a")] == ["#f0-page-2", "#f0-page-3"]


def test_nothing_outside_the_document_no_script_and_a_policy_that_forbids_fetching() -> None:
    text = render_sample()
    tree = parse(text)
    assert outside_urls(tree) == []
    assert tree.scripts == 0
    (policy,) = [m for m in tree.root.find_all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in policy.attrs["content"] and "img-src data:" in policy.attrs["content"]
    # The finding's text is shown, escaped, never as markup.
    assert "no ORCID iD found <script>alert(1)</script>" in tree.root.all_text()


def test_outside_urls_catches_what_it_must() -> None:
    tree = parse(
        '<a href="https://x.org">x</a><img src="file:///etc/passwd" alt=""><p style="background:url(a.png)"></p>'
    )
    assert len(outside_urls(parse('<html><body><a href="#a">a</a></body></html>'))) == 0
    assert len(outside_urls(tree)) == 3


def test_snippets_can_be_left_out() -> None:
    assert "immuno⟦U+00AD SOFT HYPHEN⟧logie" in render_sample()
    assert "immuno⟦U+00AD" not in render_sample(snippets=False)


def test_without_snippets_no_page_pictures_no_cv_lines_no_section_titles(tmp_path: Path) -> None:
    report = sample_report()
    text = render_html(report, [FileVisuals(bytes=sample_visuals().bytes)], RenderOptions(snippets=False))
    tree = parse(text)
    assert tree.root.find_all("img") == []
    assert "--no-snippets" in tree.root.find_all("section", "pages")[0].all_text()
    for words in ("Master Immunologie", "Chercheuse, Inserm U1016", "Page de garde", "immuno⟦U+00AD"):
        assert words not in text
    # The chart keeps its bars, labelled by their kind.
    labels = [li.all_text() for li in tree.root.find_all("li", "tl-label")]
    assert labels == ["education", "position", "leave", "position"]
    # From the command line: the pages are not rendered at all.
    pdf = _copy(tmp_path, "hidden/soft-hyphen.pdf")
    assert CliRunner().invoke(main, ["report", str(pdf), "--no-cache", "--no-snippets"]).exit_code == 1
    written = (tmp_path / "soft-hyphen.preflight.html").read_text(encoding="utf-8")
    assert "<img" not in written and "immuno" not in written


def test_header_verdict_facts_and_size_bar() -> None:
    tree = parse(render_sample())
    (header,) = tree.root.find_all("header", "verdict")
    assert "fail" in header.classes
    assert header.find_all("p", "verdict-word")[0].all_text() == "Failed"
    text = header.all_text()
    assert "2 rules to fix before uploading." in text
    assert "8.4 MB of the 10.0 MB limit (84%)" in text
    assert "inserm-cr" in text
    (bar,) = header.find_all(cls="size-bar")
    assert "near" in bar.classes and bar.attrs["role"] == "img"
    assert bar.find_all(cls="fill")[0].attrs["style"] == "width:84.0%"


def test_section_map_strip_and_project_ruler() -> None:
    tree = parse(render_sample())
    (strip,) = tree.root.find_all("ol", "strip")
    cells = strip.find_all("li")
    assert len(cells) == 20
    assert [sorted(c.classes)[0] for c in cells[:6]] == ["sec-cover", *["sec-cv"] * 3, *["sec-project"] * 2]
    (ruler,) = tree.root.find_all("figure", "ruler")
    assert "long" in ruler.classes
    assert "16 pages against 8–15 expected" in ruler.all_text()


def test_a_page_of_two_sections_takes_the_narrower_ones_colour() -> None:
    report = sample_report()
    extra = {
        "sections": [
            {"name": "cv", "title": "CV", "first_page": 1, "last_page": 2, "pages": 2, "found_by": "x"},
            {"name": "publications", "title": "Publications", "first_page": 2, "last_page": 2, "pages": 1},
        ]
    }
    file_report = FileReport("cv.pdf", 3, 1000, report.files[0].outcomes, extra)
    text = render_html(RunReport("inserm-cr", (file_report,), "0"), [None], RenderOptions())
    cells = parse(text).root.find_all("ol", "strip")[0].find_all("li")
    assert [(sorted(c.classes), c.attrs["title"]) for c in cells] == [
        (["sec-cv"], "page 1: CV"),
        (["sec-publications"], "page 2: CV, publications"),
        (["sec-none"], "page 3: no section"),
    ]


def test_several_files_in_one_report_have_their_own_anchors() -> None:
    report = sample_report()
    other = FileReport("b.pdf", 1, 700, (Outcome("pdf-readable", "The file opens", Level.ERROR, Status.PASS, ""),))
    run = RunReport("inserm-cr", (report.files[0], other), "0")
    tree = parse(render_html(run, [sample_visuals(), FileVisuals()], RenderOptions()))
    ids = [e.attrs["id"] for e in tree.root.iter() if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    words = [w.all_text() for w in tree.root.find_all("p", "verdict-word")]
    assert words == ["Failed", "Passed"]
    assert [a.attrs["id"] for a in tree.root.find_all("article", "file")] == ["f0", "f1"]


def test_cv_timeline_bars_by_kind_gaps_red_and_hatched() -> None:
    tree = parse(render_sample())
    bars = tree.root.find_all("span", "tl-bar")
    assert [sorted(b.classes - {"tl-bar", "open"}) for b in bars] == [
        ["education"],
        ["position"],
        ["leave"],
        ["position"],
    ]
    assert "open" in bars[-1].classes
    bands = tree.root.find_all("span", "gap-band")
    # The 1-month gap has no severity ('none'): not drawn.
    assert [sorted(b.classes - {"gap-band"}) for b in bands] == [["gap"], ["possible"]]
    assert [b.all_text() for b in bands] == ["12 months", "12 months"]
    # 2011-2026: the certain gap 01/2014-12/2014 starts 3 years in, 12 months wide, of 16 years.
    style = bands[0].attrs["style"]
    assert style == f"left:{100 * 36 / 192:.3f}%;width:{100 * 12 / 192:.3f}%"
    (table,) = tree.root.find_all("table", "cv-table")
    rows = [r.all_text() for r in table.find_all("tr")[1:]]
    assert rows[1] == "01/201412/2014gap: no activity from 01/2014 to 12/2014 (12 months)"


def test_cv_entry_kinds() -> None:
    from preflight.reporters.html import _entry_kind

    assert _entry_kind({"kind": "activity", "part": "Formation", "label": "Stage"}) == "education"
    assert _entry_kind({"kind": "activity", "part": "Parcours", "label": "Doctorat en immunologie"}) == "education"
    assert _entry_kind({"kind": "activity", "part": "Enseignement", "label": "Cours en master 2"}) == "position"
    assert _entry_kind({"kind": "leave", "part": "Formation", "label": "Congé maternité"}) == "leave"
    assert _entry_kind({"kind": "other", "part": "Parcours", "label": "Prix"}) == "other"


def test_bytes_bar_and_largest_images() -> None:
    tree = parse(render_sample())
    (bar,) = tree.root.find_all(cls="bytes-bar")
    widths = [s.attrs["style"] for s in bar.find_all("span", "segment")]
    assert widths == [f"width:{100 * 6 / 8.4:.2f}%", f"width:{100 * 0.4 / 8.4:.2f}%", f"width:{100 * 2 / 8.4:.2f}%"]
    bytes_section = tree.root.find_all("section", "bytes")[0].all_text()
    assert "2,000 × 1,500 px" in bytes_section and "4.0 MB (48%)" in bytes_section and "420 dpi" in bytes_section
    links = [a.attrs["href"] for a in tree.root.find_all("section", "bytes")[0].find_all("a")]
    assert links == ["#f0-page-5"]  # page 7 was not rendered: no link to nowhere


def test_pages_over_the_cap_are_named_in_a_note() -> None:
    text = render_html(sample_report(), [sample_visuals(over_limit=(5,))], RenderOptions(), Limits())
    tree = parse(text)
    assert [f.attrs["id"] for f in tree.root.find_all("figure", "page")] == ["f0-page-2", "f0-page-3"]
    notes = [n.all_text() for n in tree.root.find_all("p", "note")]
    assert notes == ["1 more page has findings but is not shown, to keep this report small: page 5."]


def test_french_words_typography_and_numbers() -> None:
    set_language("fr")
    text = render_sample()
    tree = parse(text)
    (html_element,) = tree.root.find_all("html")
    assert html_element.attrs["lang"] == "fr"
    header = tree.root.find_all("header", "verdict")[0].all_text()
    assert "Échec" in header and "2 règles à corriger avant le dépôt." in header
    assert "8,4\u00a0Mo sur une limite de 10,0\u00a0Mo (84\u00a0%)" in header
    assert f"Sélectionnez une page pour l’agrandir{NNBSP}; les cadres" in text
    assert "2\u202f000 × 1\u202f500 px" in text
    assert "aucune activité de 01/2014 à 12/2014 (12 mois)" in text
    # No ASCII space (or none) before a French high punctuation mark in the report's own words.
    own = re.sub(r"<[^>]+>", "", text.split("<style>")[0] + text.split("</style>")[1])
    assert not re.search(r" [;!?]", own)


def test_french_counts_zero_and_one_in_the_singular() -> None:
    from preflight.reporters.html_words import counted

    set_language("fr")
    assert counted("months", 0) == "0 mois"
    assert counted("page-count", 1) == "1 page"
    assert counted("page-count", 0) == "0 page"
    set_language("en")
    assert counted("page-count", 0) == "0 pages"


def test_flagged_pages_come_from_failing_and_warning_rules_only() -> None:
    report = sample_report().files[0]
    assert flagged_pages(report) == [2, 3, 5]


def test_pages_with_errors_are_rendered_before_pages_with_notes(tmp_path: Path) -> None:
    from preflight.reporters.html import gather, pages_by_priority

    def graded(page: int, level: Level) -> GradedFinding:
        return GradedFinding(Finding(message="x", page=page), level)

    outcome = Outcome(
        "file-size",
        "size",
        Level.ERROR,
        Status.FAIL,
        "x",
        (graded(1, Level.INFO), graded(2, Level.INFO), graded(9, Level.WARNING), graded(14, Level.ERROR)),
    )
    pdf = _copy(tmp_path, "valid-dossier.pdf")
    report = FileReport(str(pdf), 16, pdf.stat().st_size, (outcome,))
    assert pages_by_priority(report) == [14, 9, 1, 2]
    rendered = gather(report, limit=2).rendered
    assert rendered is not None
    assert sorted(rendered.pages) == [9, 14] and rendered.over_limit == (1, 2)


# ---------------------------------------------------------------------------------------------- rendering
def test_render_pages_is_bounded_and_names_what_it_left_out() -> None:
    rendered = render_pages(FIXTURES / "valid-dossier.pdf", [5, 1, 3, 2, 99, 1], limit=2)
    assert sorted(rendered.pages) == [1, 5]  # the first two asked for
    assert rendered.over_limit == (2, 3)
    assert rendered.failed == (99,)
    page = rendered.pages[1]
    assert page.jpeg[:3] == b"\xff\xd8\xff"
    # About 100 dpi: an A4 page (595 x 842 pt) is about 827 x 1170 px.
    assert abs(page.width_px - 827) <= 2 and abs(page.height_px - 1170) <= 2


def test_render_pages_stops_at_its_byte_budget() -> None:
    rendered = render_pages(FIXTURES / "valid-dossier.pdf", range(1, 17), budget=1)
    assert sorted(rendered.pages) == [1]  # at least one page, then the budget is spent
    assert rendered.over_limit == tuple(range(2, 17))
    rendered = render_pages(FIXTURES / "valid-dossier.pdf", range(1, 17))
    assert len(rendered.pages) == 16 and rendered.over_limit == ()


def test_render_pages_of_an_unreadable_file_says_why() -> None:
    rendered = render_pages(FIXTURES / "corrupt.pdf", [1])
    assert rendered.pages == {} and rendered.problem


# ---------------------------------------------------------------------------------------------- commands
def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / Path(name).name
    shutil.copyfile(FIXTURES / name, target)
    return target


def test_report_command_writes_beside_the_pdf_and_marks_the_soft_hyphen(tmp_path: Path) -> None:
    pdf = _copy(tmp_path, "hidden/soft-hyphen.pdf")
    result = CliRunner().invoke(main, ["report", str(pdf), "--no-cache"])
    assert result.exit_code == 1, result.output
    written = tmp_path / "soft-hyphen.preflight.html"
    assert written.is_file()
    tree = parse(written.read_text(encoding="utf-8"))
    assert outside_urls(tree) == []
    figures = tree.root.find_all("figure", "page")
    assert [f.attrs["id"] for f in figures] == ["f0-page-1", "f0-page-2"]
    # Page 1 is the project's first page: its heading is marked for the three findings about it.
    assert len(figures[0].find_all("span", "mark")) == 3
    (mark,) = figures[1].find_all("span", "mark")
    assert mark.parent is not None and mark.parent.parent is not None
    assert mark.parent.find_all("img")[0].attrs["alt"] == "Page 2 of soft-hyphen.pdf, with 1 finding marked"
    top = float(re.search(r"top:([\d.]+)%", mark.attrs["style"]).group(1))  # type: ignore[union-attr]
    assert top < 10  # the soft hyphen is in the first line of the page
    # A section per failing rule: the same rules the JSON report says fail.
    import json

    checked = CliRunner().invoke(main, ["check", str(pdf), "--no-cache", "-f", "json"])
    outcomes = json.loads(checked.output)["files"][0]["results"]
    expected = {o["rule"] for o in outcomes if o["status"] == "fail"}
    failing = {r.attrs["data-rule"] for r in tree.root.find_all("section", "rule") if "fail" in r.classes}
    assert failing == expected and {"hidden-characters", "project-page-count"} <= failing


def test_report_command_output_option_open_and_passing_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    target = tmp_path / "out" / "r.html"
    target.parent.mkdir()
    result = CliRunner().invoke(main, ["report", str(FIXTURES / "valid-dossier.pdf"), "-o", str(target), "--open"])
    assert result.exit_code == 0, result.output
    assert opened == [target.resolve().as_uri()]
    tree = parse(target.read_text(encoding="utf-8"))
    assert tree.root.find_all("p", "verdict-word")[0].all_text() == "Passed"
    assert tree.root.find_all("img") == []  # no page has a finding
    assert len(tree.root.find_all("ol", "strip")[0].find_all("li")) == 16
    assert "within the range" in tree.root.find_all("figure", "ruler")[0].all_text()
    assert len(tree.root.find_all("span", "tl-bar")) == 9


def test_report_command_in_french(tmp_path: Path) -> None:
    pdf = _copy(tmp_path, "cv/gap.pdf")
    result = CliRunner().invoke(main, ["report", str(pdf), "--lang", "fr", "--no-cache"])
    assert result.exit_code == 1
    text = (tmp_path / "gap.preflight.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in text and "Chronologie du CV" in text and ">Échec<" in text


def test_check_format_html_writes_the_report_for_ci(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = CliRunner().invoke(
        main, ["check", str(FIXTURES / "large-images.pdf"), "--no-cache", "-f", "html", "-o", str(target)]
    )
    assert result.exit_code == 1
    assert "FAIL  file-size" in result.output  # the text report on the terminal
    tree = parse(target.read_text(encoding="utf-8"))
    assert outside_urls(tree) == []
    assert [f.attrs["id"] for f in tree.root.find_all("figure", "page")] == ["f0-page-1", "f0-page-2", "f0-page-3"]
    assert "over" in tree.root.find_all(cls="size-bar")[0].classes
    rows = tree.root.find_all("section", "bytes")[0].find_all("tr")[1:]
    assert len(rows) == 3 and all("1,340 × 1,005 px" in row.all_text() for row in rows)


# ---------------------------------------------------------------------------------------------- a real browser
def _browser() -> object:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        pytest.skip("no Chromium and chromedriver installed (Debian: apt-get install chromium chromium-driver)")
    options = Options()
    options.binary_location = binary
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(driver_path), options=options)


@pytest.mark.parametrize(
    ("fixture", "verdict", "images"), [("hidden/soft-hyphen.pdf", "FAILED", 2), ("valid-dossier.pdf", "PASSED", 0)]
)
def test_the_report_renders_in_headless_chromium(tmp_path: Path, fixture: str, verdict: str, images: int) -> None:
    from PIL import Image

    pdf = _copy(tmp_path, fixture)
    assert CliRunner().invoke(main, ["report", str(pdf), "--no-cache"]).exit_code in (0, 1)
    page = tmp_path / f"{pdf.stem}.preflight.html"
    driver = _browser()
    try:
        driver.get(page.resolve().as_uri())  # type: ignore[attr-defined]
        from selenium.webdriver.common.by import By

        word = driver.find_element(By.CSS_SELECTOR, ".verdict-word")  # type: ignore[attr-defined]
        assert word.is_displayed() and word.text == verdict  # text-transform: uppercase
        assert word.size["height"] > 30  # big words
        widths = driver.execute_script(  # type: ignore[attr-defined]
            "return [...document.images].map(i => i.complete ? i.naturalWidth : -1)"
        )
        assert len(widths) == images and all(width > 0 for width in widths)
        shot = tmp_path / "shot.png"
        driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
        if images:
            # A click on a page enlarges it, without JavaScript of the report's own (<details>).
            image = driver.find_elements(By.CSS_SELECTOR, "figure.page img")[0]  # type: ignore[attr-defined]
            small = image.size["width"]
            driver.find_elements(By.CSS_SELECTOR, "figure.page summary")[0].click()  # type: ignore[attr-defined]
            assert image.size["width"] > 2 * small
    finally:
        driver.quit()  # type: ignore[attr-defined]
    picture = Image.open(shot).convert("RGB")
    colours = picture.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # not a blank page
    # The verdict's band is there: green for a pass, red for a failure, in the top of the screenshot.
    top = picture.crop((0, 0, picture.width, 250)).getcolors(maxcolors=1 << 20) or []
    wanted = (27, 94, 32) if verdict == "PASSED" else (179, 0, 27)
    assert any(colour == wanted and count > 200 for count, colour in top)


# ---------------------------------------------------------------------------------------------- contrast
def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_colours_have_enough_contrast() -> None:
    """WCAG AA (4.5:1) for the badges' words, the page numbers on the section strip, and body text."""
    from preflight.reporters.html_assets import STYLESHEET

    variables = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", STYLESHEET))
    pairs = [(variables["ink"], "#ffffff"), (variables["muted"], "#ffffff"), (variables["muted"], variables["soft"])]
    for status in ("pass", "warn", "info", "skip"):
        pairs.append((variables[status], variables[f"{status}-bg"]))
    pairs += [("#ffffff", variables["fail"]), ("#ffffff", variables["error"])]
    sections = re.findall(r"\.sec-([a-z-]+) \{ background: (#[0-9a-f]{6}); \}", STYLESHEET)
    assert len(sections) == 8
    pairs += [("#ffffff", colour) for _, colour in sections]
    low = [(a, b, round(contrast(a, b), 2)) for a, b in pairs if contrast(a, b) < 4.5]
    assert low == []
    assert round(contrast("#777777", "#ffffff"), 1) == 4.5  # the formula, on a known value


def test_the_reports_words_exist_in_both_languages_with_french_spacing() -> None:
    from preflight.reporters.html_words import WORDS

    assert set(WORDS["en"]) == set(WORDS["fr"])
    # Before ; : ! ? French takes the narrow no-break space ({n}); never a plain space, never none.
    unspaced = {key: text for key, text in WORDS["fr"].items() if re.search(r"(?<!\{n\})[;:!?](?=\s|$)", text)}
    assert unspaced == {}
    assert "'" not in "".join(WORDS["fr"].values())  # the typographic apostrophe (’)


# ---------------------------------------------------------------------------------------------- marks of each kind
def _expected_marks(pdf: Path, *options: str) -> dict[int, list[tuple[int, str, list[float] | None]]]:
    """Per page, the findings the report lists under its image, numbered as it numbers them: (number, rule,
    rect), from the JSON report of the same run."""
    import json

    checked = CliRunner().invoke(main, ["check", str(pdf), *options, "-f", "json"])
    expected: dict[int, list[tuple[int, str, list[float] | None]]] = {}
    for outcome in json.loads(checked.output)["files"][0]["results"]:
        if outcome["status"] not in ("fail", "warn"):
            continue
        for finding in outcome["findings"]:
            if finding.get("page") is not None:
                listed = expected.setdefault(finding["page"], [])
                listed.append((len(listed) + 1, outcome["rule"], finding.get("rect")))
    return expected


@pytest.mark.parametrize(
    ("fixture", "rules"),
    [
        ("structure/project-7-pages.pdf", {"project-page-count", "project-host-fit"}),  # a section's heading
        ("structure/cover-no-director.pdf", {"host-unit"}),  # the cover's missing label
        ("not-embedded-fonts.pdf", {"fonts-embedded"}),  # a font's first use
        ("jury/submitted-in-articles.pdf", {"publication-list"}),  # an entry of the list
        ("cv/gap.pdf", {"cv-date-gaps"}),  # the entry a gap follows
    ],
)
def test_a_mark_per_finding_with_a_rectangle_where_the_rectangle_is(
    tmp_path: Path, fixture: str, rules: set[str]
) -> None:
    pdf = _copy(tmp_path, fixture)
    CliRunner().invoke(main, ["report", str(pdf), "--no-cache"])
    tree = parse((tmp_path / f"{pdf.stem}.preflight.html").read_text(encoding="utf-8"))
    expected = _expected_marks(pdf, "--no-cache")
    marked_rules = {rule for listed in expected.values() for _, rule, rect in listed if rect is not None}
    assert rules <= marked_rules
    from preflight.dossier import Dossier

    with Dossier(pdf) as dossier:
        sizes = dossier.page_sizes
    figures = {f.attrs["id"]: f for f in tree.root.find_all("figure", "page")}
    for page, listed in expected.items():
        figure = figures[f"f0-page-{page}"]
        marks = {int(m.attrs["data-finding"]): m for m in figure.find_all("span", "mark")}
        assert sorted(marks) == [number for number, _, rect in listed if rect is not None]
        rows = {int(row.attrs["value"]): row for row in figure.find_all("li", "finding")}
        assert sorted(rows) == [number for number, _, _ in listed]
        width, height = sizes[page - 1]
        for number, rule, rect in listed:
            assert rows[number].find_all("code")[0].all_text() == rule
            assert ("no position on the page" in rows[number].all_text()) is (rect is None)
            if rect is None:
                continue
            style = dict(part.split(":") for part in marks[number].attrs["style"].split(";"))
            assert float(style["left"].rstrip("%")) == pytest.approx(100 * max(rect[0], 0) / width, abs=0.01)
            assert float(style["top"].rstrip("%")) == pytest.approx(
                100 * (height - min(rect[3], height)) / height, abs=0.01
            )


def test_marks_drawn_from_the_cache_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache keeps each finding's rectangle: a second report, served from it, draws the same marks."""
    from preflight import engine

    pdf = _copy(tmp_path, "structure/project-7-pages.pdf")
    first = tmp_path / "first.html"
    assert CliRunner().invoke(main, ["report", str(pdf), "-o", str(first)]).exit_code == 1
    journal = tmp_path / "checked.txt"
    real = engine.check_file

    def counting(path: object, *args: object, **kwargs: object) -> object:
        with journal.open("a", encoding="utf-8") as out:
            out.write(f"{path}\n")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "check_file", counting)
    second = tmp_path / "second.html"
    assert CliRunner().invoke(main, ["report", str(pdf), "-o", str(second)]).exit_code == 1
    assert not journal.exists()  # served from the cache

    def marks(path: Path) -> list[dict[str, str]]:
        return [m.attrs for m in parse(path.read_text(encoding="utf-8")).root.find_all("span", "mark")]

    assert len(marks(first)) >= 2 and marks(second) == marks(first)
