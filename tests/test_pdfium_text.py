"""The PDFium text extractor: the lines the checks read, and where it hands over to pdfminer."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from preflight.dossier import Dossier
from preflight.pdf import pdfium_text, text
from preflight.pdf.text import PageText

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def pdfium_pages(path: Path) -> tuple[list[PageText], list[int]]:
    with pikepdf.open(path) as pdf:
        pages, incomplete = pdfium_text._read_with_pdfium(str(path), len(pdf.pages), pdfium_text.font_facts(pdf))
        return pdfium_text._resolve_hyphens(pages), incomplete


def pdfminer_pages(path: Path) -> list[PageText]:
    with pikepdf.open(path) as pdf:
        return text.extract_pages(str(path), len(pdf.pages))


def as_tuples(page: PageText) -> list[tuple[object, ...]]:
    return [(line.text, line.x0, line.baseline, line.size, line.font, line.bold, line.unmapped) for line in page.lines]


def helvetica_pdf() -> tuple[pikepdf.Pdf, pikepdf.Dictionary]:
    """A new PDF, and a /Font resource dictionary naming Helvetica (not embedded) F1."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    return pdf, pikepdf.Dictionary(F1=font)


def test_lines_fonts_sizes_and_bold_of_a_reportlab_dossier_page() -> None:
    pages, incomplete = pdfium_pages(FIXTURES / "valid-dossier.pdf")
    assert incomplete == []
    page = pages[1]
    assert (page.number, page.width, page.height) == (
        2,
        pytest.approx(595.2756, abs=1e-3),
        pytest.approx(841.8898, abs=1e-3),
    )
    heading = page.lines[1]
    assert (heading.text, heading.x0, heading.baseline, heading.size, heading.font, heading.bold) == (
        "Curriculum vitae",
        68.36,
        763.2,
        16.0,
        "DejaVuSans-Bold",
        True,
    )
    assert page.lines[3].text == "Adresse professionnelle\u00a0: Institut Cochin, 22 rue Méchain, 75014 Paris"
    # A CV row: the years in bold, the entry in the body font, which dominates the line
    row = next(line for line in page.lines if line.text.startswith("2017 Prix de thèse"))
    assert (row.font, row.bold, row.font_runs) == ("DejaVuSerif", False, ((0, "DejaVuSans-Bold"), (4, "DejaVuSerif")))
    assert row.font_at(0) == "DejaVuSans-Bold" and row.font_at(10) == "DejaVuSerif"


@pytest.mark.parametrize(
    "name", ["valid-dossier.pdf", "form-xobject-font.pdf", "annotation-font.pdf", "type3-font.pdf", "no-tounicode.pdf"]
)
def test_same_lines_as_pdfminer_on_generated_fixtures(name: str) -> None:
    pages, _ = pdfium_pages(FIXTURES / name)
    assert [as_tuples(page) for page in pages] == [as_tuples(page) for page in pdfminer_pages(FIXTURES / name)]


def test_text_drawn_inside_nested_form_xobjects_is_read_in_the_form_space() -> None:
    pages, _ = pdfium_pages(FIXTURES / "form-xobject-font.pdf")
    stamp = [line for line in pages[0].lines if line.font == "Helvetica"]
    assert [(line.text, line.x0, line.baseline, line.size) for line in stamp] == [
        ("Tampon : copie certifiée conforme", 352.0, 144.0, 9.0),
        ("Service RH - 12/01/2027", 352.0, 130.0, 9.0),
    ]


def test_a_glyph_without_unicode_mapping_is_u_fffd_and_marked_unmapped() -> None:
    pages, _ = pdfium_pages(FIXTURES / "hidden" / "extraction-artifact.pdf")
    (line,) = pages[0].lines
    assert line.text == "Téléphone \ufffd 01 23 45 67 89"
    assert line.unmapped == frozenset({10})
    assert (line.font, line.size, line.bold) == ("DejaVuSans", 11.0, False)


def test_a_font_without_tounicode_gives_unmapped_glyphs_wherever_pdfminer_does() -> None:
    pages, _ = pdfium_pages(FIXTURES / "no-tounicode.pdf")
    first = pages[0].lines[0]
    assert set(first.text) == {"\ufffd"}
    assert first.unmapped == frozenset(range(len(first.text)))


def test_line_end_hyphens_read_as_the_font_draws_them() -> None:
    soft, _ = pdfium_pages(FIXTURES / "hidden" / "soft-hyphen-dash.pdf")
    assert soft[0].lines[0].text == "Thèse 2010\u00ad2014 : immuno\u00ad"  # this font's hyphen is U+00AD
    latex, _ = pdfium_pages(FIXTURES / "latex" / "dossier.pdf")
    ends = [line.text[-1] for page in latex for line in page.lines if line.text.endswith(("-", "\u00ad", "\ufffe"))]
    assert ends and set(ends) == {"-"}


def test_ligature_characters_are_kept_only_where_the_text_layer_has_them() -> None:
    pages, _ = pdfium_pages(FIXTURES / "hidden" / "info-characters.pdf")
    assert pages[0].lines[0].text == "Non\u2011sécable, \ufb01nancement, e\u0301tude"
    # pdflatex's fi glyph maps to the two letters "fi": no ligature character there
    latex, _ = pdfium_pages(FIXTURES / "latex" / "dossier.pdf")
    body = "\n".join(page.text for page in latex)
    assert "fidèle" in body and not any("\ufb00" <= char <= "\ufb06" for char in body)


def test_actual_text_spans_are_read_once_and_an_empty_one_reads_as_nothing(tmp_path: Path) -> None:
    pdf, fonts = helvetica_pdf()
    content = (
        b"BT /F1 12 Tf 72 700 Td (Cas) Tj /Span <</ActualText <FEFF00A0>>> BDC ( ) Tj ( ) Tj EMC (:) Tj "
        b"/Span <</ActualText <FEFF>>> BDC (-) Tj EMC ( fin) Tj ET"
    )
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(Font=fonts)
    pdf.pages[0].obj.Contents = pdf.make_stream(content)
    pdf.save(tmp_path / "spans.pdf")
    pages, incomplete = pdfium_pages(tmp_path / "spans.pdf")
    assert incomplete == []
    assert pages[0].text == "Cas\u00a0: fin"


def test_libreoffice_actual_text_no_break_spaces_are_read_from_the_marks() -> None:
    pages, _ = pdfium_pages(FIXTURES / "word" / "dossier.pdf")
    assert "survie\u00a0; ce" in pages[5].text.replace("\u202f", "\u00a0")


def test_pages_with_an_object_pdfium_skips_are_read_by_pdfminer() -> None:
    """LibreOffice draws the U+00A0 of its bold font as a lone ink-less glyph: PDFium's text page skips it."""
    pages, incomplete = pdfium_pages(FIXTURES / "word" / "dossier.pdf")
    assert 1 in incomplete
    assert "Cheffe d’équipe\u00a0:" not in pages[0].text
    with Dossier(FIXTURES / "word" / "dossier.pdf") as dossier:
        assert "Cheffe d’équipe\u00a0: Dr Marie Lefèvre" in dossier.pages[0].text
        assert as_tuples(dossier.pages[0]) == as_tuples(pdfminer_pages(FIXTURES / "word" / "dossier.pdf")[0])


def test_a_file_pdfium_refuses_is_read_by_pdfminer(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise pdfium_text.PdfiumError("Failed to load document (PDFium: Data format error).")

    monkeypatch.setattr(pdfium_text, "_open_document", refuse)
    path = FIXTURES / "valid-dossier.pdf"
    pages = pdfium_text.extract_pages(str(path), 16)
    assert [page.error for page in pages] == [None] * 16
    assert [as_tuples(page) for page in pages] == [as_tuples(page) for page in pdfminer_pages(path)]


def test_when_both_readers_fail_every_page_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise pdfium_text.PdfiumError("Failed to load document")

    def fail(_path: str, first: int, last: int, only: object = None, pdf: object = None) -> list[PageText]:
        return [
            PageText(n + 1, 0, 0, (), error="text extraction failed: PSSyntaxError") for n in range(first, last + 1)
        ]

    monkeypatch.setattr(pdfium_text, "_open_document", refuse)
    monkeypatch.setattr(text, "_extract_range", fail)
    pages = pdfium_text.extract_pages(str(FIXTURES / "valid-dossier.pdf"), 2)
    assert [page.error for page in pages] == [
        "PDFium cannot read the file (PdfiumError: Failed to load document); text extraction failed: PSSyntaxError"
    ] * 2


def test_the_engine_switch_selects_pdfminer_for_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pdfium_text.ENGINE_VARIABLE, "pdfminer")
    path = FIXTURES / "hidden" / "info-characters.pdf"
    assert pdfium_text.extract_pages(str(path), 1)[0].lines == pdfminer_pages(path)[0].lines
    monkeypatch.setenv(pdfium_text.ENGINE_VARIABLE, "poppler")
    with pytest.raises(ValueError, match="PREFLIGHT_TEXT_ENGINE must be 'pdfium' or 'pdfminer'"):
        pdfium_text.selected_engine()


def test_pdfminer_leaves_the_forms_without_text_unread_and_reads_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A logo (a form of paths only) is not interpreted; a form with text, or one that calls another, is."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    pdf, fonts = helvetica_pdf()

    def form(content: bytes, **resources: object) -> pikepdf.Stream:
        stream = pdf.make_stream(content)
        stream.Type, stream.Subtype, stream.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 595, 842]
        stream.Resources = pikepdf.Dictionary(**resources)
        return stream

    logo = form(b"0 0 m 100 100 l S " * 2000)
    stamp = form(b"BT /F1 9 Tf 352 144 Td (Tampon) Tj ET", Font=fonts)
    outer = form(b"q /Stamp Do Q", XObject=pikepdf.Dictionary(Stamp=stamp))
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(Font=fonts, XObject=pikepdf.Dictionary(Logo=logo, Outer=outer))
    pdf.pages[0].obj.Contents = pdf.make_stream(b"q /Logo Do Q q /Outer Do Q BT /F1 12 Tf 72 700 Td (Titre) Tj ET")
    pdf.save(tmp_path / "forms.pdf")
    rendered: list[int] = []
    render_contents = PDFPageInterpreter.render_contents

    def counting(self: PDFPageInterpreter, resources: object, streams: list[object], ctm: object = None) -> None:
        rendered.append(len(streams))
        render_contents(self, resources, streams, ctm)  # type: ignore[arg-type]

    monkeypatch.setattr(PDFPageInterpreter, "render_contents", counting)
    (page,) = text.extract_page_numbers(str(tmp_path / "forms.pdf"), [1])
    assert sorted(line.text for line in page.lines) == ["Tampon", "Titre"]
    assert len(rendered) == 3  # the page, the outer form, the stamp: not the logo


def test_pdfminer_reads_only_the_text_operators_when_the_file_is_open_in_pikepdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same lines, without interpreting the paths; a content stream qpdf must repair is read as it is."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    pdf, fonts = helvetica_pdf()
    drawing = b"0.5 0 0 rg 10 10 m 100 100 l S 20 20 200 50 re f " * 500
    pages = [
        b"q 1 0 0 1 10 0 cm " + drawing + b"BT /F1 12 Tf 72 700 Td (Parcours) Tj 0 -14 Td (2019 - 2024) Tj ET Q",
        b"BT /F1 12 Tf 72 700 Td (Projet) Tj ET 10 10 m 20 20 l S (unterminated",
    ]
    for content in pages:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.pages[-1].obj.Resources = pikepdf.Dictionary(Font=fonts)
        pdf.pages[-1].obj.Contents = pdf.make_stream(content)
    path = tmp_path / "drawn.pdf"
    pdf.save(path)
    paths_drawn: list[int] = []
    stroke = PDFPageInterpreter.do_S

    def counting(self: PDFPageInterpreter) -> None:
        paths_drawn.append(1)
        stroke(self)

    monkeypatch.setattr(PDFPageInterpreter, "do_S", counting)
    with pikepdf.open(path) as opened:
        assert len(text._text_operators(opened, 0, opened.pages[0].obj.objgen[0]) or b"") < 200
        assert text._text_operators(opened, 1, opened.pages[1].obj.objgen[0]) is None  # qpdf warns: as it is
        assert text._text_operators(opened, 0, -1) is None  # another page than pdfminer's
        lean = text.extract_page_numbers(str(path), [1, 2], opened)
    assert len(paths_drawn) == 1  # the second page's, read as it is
    whole = text.extract_page_numbers(str(path), [1, 2])
    assert len(paths_drawn) == 502
    assert [as_tuples(page) for page in lean] == [as_tuples(page) for page in whole]
    assert [line.text for line in lean[0].lines] == ["Parcours", "2019 - 2024"]
