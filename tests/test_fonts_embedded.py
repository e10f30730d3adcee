from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from preflight.checks.fonts_embedded import font_key
from preflight.model import Level, Status
from tests.helpers import assert_rect_marks, poppler_box, render_findings, run_check


def fonts_failing(outcome) -> dict[str, list[int]]:
    return {
        item.finding.data["font"]: item.finding.data["pages"] for item in outcome.findings if item.level is Level.ERROR
    }


def test_valid_dossier_embeds_every_font(fixture_pdf) -> None:
    outcome = run_check("fonts-embedded", fixture_pdf("valid-dossier.pdf"))
    assert outcome.status is Status.PASS, [item.finding.message for item in outcome.findings]


def test_standard_14_fonts_are_not_embedded(fixture_pdf) -> None:
    outcome = run_check("fonts-embedded", fixture_pdf("not-embedded-fonts.pdf"))
    assert outcome.status is Status.FAIL
    failing = fonts_failing(outcome)
    assert set(failing) == {"Helvetica", "Times-Roman"}
    message = next(item.finding.message for item in outcome.findings if item.finding.data["font"] == "Helvetica")
    assert message.startswith("font 'Helvetica' is not embedded (Type1, a standard-14 font that viewers replace)")


def test_nonstandard_font_not_embedded(fixture_pdf) -> None:
    assert set(fonts_failing(run_check("fonts-embedded", fixture_pdf("nonstandard-font-not-embedded.pdf")))) == {
        "Calibri"
    }


@pytest.mark.parametrize(
    ("name", "place"), [("form-xobject-font.pdf", "form XObject"), ("annotation-font.pdf", "annotation")]
)
def test_fonts_hidden_in_forms_and_annotations_are_found(fixture_pdf, name: str, place: str) -> None:
    outcome = run_check("fonts-embedded", fixture_pdf(name))
    assert outcome.status is Status.FAIL
    errors = [item.finding for item in outcome.findings if item.level is Level.ERROR]
    assert len(errors) == 1
    assert place in errors[0].message and errors[0].page == 1


def test_type3_fonts_pass_and_bitmap_type3_warns(fixture_pdf) -> None:
    assert run_check("fonts-embedded", fixture_pdf("type3-font.pdf")).status is Status.PASS
    outcome = run_check("fonts-embedded", fixture_pdf("type3-bitmap-font.pdf"))
    assert outcome.status is Status.WARN
    assert "bitmap Type 3 font" in outcome.findings[0].finding.message


def test_font_without_unicode_mapping_warns(fixture_pdf) -> None:
    outcome = run_check("fonts-embedded", fixture_pdf("no-tounicode.pdf"))
    assert outcome.status is Status.WARN
    assert "cannot be extracted" in outcome.findings[0].finding.message


def test_warning_levels_are_options(fixture_pdf) -> None:
    outcome = run_check("fonts-embedded", fixture_pdf("no-tounicode.pdf"), unextractable_text="off")
    assert outcome.status is Status.PASS


# ---------------------------------------------------------------- what pdffonts and the old check missed
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def subset_program(text: str) -> bytes:
    """A TrueType subset of DejaVu Sans with glyphs (and a Unicode cmap) for these characters only."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(DEJAVU)
    subsetter = subset.Subsetter(subset.Options(notdef_outline=True, name_IDs=[], layout_features=[]))
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_pdf(
    path: Path,
    program: object = None,
    content: bytes = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET",
    pages: int = 1,
    base_font: str = "DejaVuSans",
    key: str = "/FontFile2",
    annotations: list | None = None,
    acroform: dict | None = None,
) -> Path:
    """One font /F1 (TrueType, WinAnsi) in every page's resources; ``program`` its /FontFile* (None: not embedded)."""
    pdf = pikepdf.new()
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/" + base_font), Flags=32,
        FontBBox=[0, -200, 1000, 900], ItalicAngle=0, Ascent=900, Descent=-200, CapHeight=700, StemV=80,
    )  # fmt: skip
    if isinstance(program, bytes):
        descriptor[key] = pdf.make_stream(program, Length1=len(program))
    elif program is not None:
        descriptor[key] = program
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.TrueType,
            BaseFont=pikepdf.Name("/" + base_font),
            FirstChar=32,
            LastChar=255,
            Widths=[600] * 224,
            Encoding=pikepdf.Name.WinAnsiEncoding,
            FontDescriptor=pdf.make_indirect(descriptor),
        )
    )
    for number in range(pages):
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 595, 842],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
            Contents=pdf.make_stream(content if number == 0 else b""),
        )
        if annotations and number == 0:
            page.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(a) for a in annotations]))
        pdf.pages.append(pikepdf.Page(page))
    if acroform is not None:
        pdf.Root.AcroForm = pdf.make_indirect(pikepdf.Dictionary(acroform))
        pdf.Root.AcroForm.Fields = pdf.pages[0].obj.Annots
        pdf.Root.AcroForm.DR = pikepdf.Dictionary(Font=pikepdf.Dictionary(Helv=font))
    pdf.save(path, deterministic_id=True)
    return path


def errors(outcome) -> list[str]:
    return [item.finding.message for item in outcome.findings if item.level is Level.ERROR]


def test_a_well_embedded_subset_passes(tmp_path: Path) -> None:
    outcome = run_check("fonts-embedded", font_pdf(tmp_path / "ok.pdf", subset_program("Hello")))
    assert outcome.status is Status.PASS, [item.finding.message for item in outcome.findings]


@pytest.mark.parametrize(
    ("program", "key", "problem"),
    [
        ("dictionary", "/FontFile2", "its /FontFile2 is a dictionary, not a font program stream"),
        (b"", "/FontFile2", "the font program is empty"),
        ("truncated", "/FontFile2", "the font program is truncated: its 'glyf' table ends past its 1,500 bytes"),
        (b"\x07garbage" * 40, "/FontFile2", "the TrueType font program is not a font (it starts with b'\\x07garbage')"),
        (b"%!PS-AdobeFont-1.0: Foo\n/FontName /Foo def\n", "/FontFile", "has no 'eexec' section"),
        (b"\x01\x00\x04\x01" + b"\x00" * 60, "/FontFile3", "the CFF font program holds no font"),
    ],
)
def test_a_font_program_that_is_not_a_usable_font_is_not_embedded(
    tmp_path: Path, program: object, key: str, problem: str
) -> None:
    if program == "dictionary":
        program = pikepdf.Dictionary(Length1=10)
    elif program == "truncated":
        program = subset_program("Hello")[:1500]
    outcome = run_check("fonts-embedded", font_pdf(tmp_path / "bad.pdf", program, key=key))
    assert outcome.status is Status.FAIL
    [message] = errors(outcome)
    assert message.startswith("font 'DejaVuSans' is not embedded: ") and problem in message
    assert message.endswith("so viewers cannot use it; used on page 1")


def test_where_a_font_is_really_used_and_unused_fonts_apart(tmp_path: Path) -> None:
    used_on_2 = font_pdf(tmp_path / "p2.pdf", pages=3, content=b"")
    pdf = pikepdf.open(used_on_2, allow_overwriting_input=True)
    pdf.pages[1].obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (Hi) Tj ET")
    pdf.save(used_on_2)
    outcome = run_check("fonts-embedded", used_on_2)
    assert errors(outcome) == ["font 'DejaVuSans' is not embedded (TrueType); used on page 2"]
    assert outcome.findings[0].finding.page == 2

    unused = run_check("fonts-embedded", font_pdf(tmp_path / "unused.pdf", pages=2, content=b"0 0 m 10 10 l S"))
    assert unused.status is Status.WARN
    [item] = unused.findings
    assert item.level is Level.INFO
    assert item.finding.message == (
        "font 'DejaVuSans' is not embedded (TrueType), but nothing is drawn with it: it is only listed in the "
        "resources of pages 1-2"
    )


def test_a_font_used_only_for_invisible_ocr_text_fails_with_its_own_message(tmp_path: Path) -> None:
    path = font_pdf(tmp_path / "ocr.pdf", content=b"BT 3 Tr /F1 12 Tf 72 720 Td (Scanned text) Tj ET")
    outcome = run_check("fonts-embedded", path)
    assert errors(outcome) == [
        "font 'DejaVuSans' is not embedded (TrueType); it draws only invisible text (an OCR text layer, rendering "
        "mode 3) on page 1: the portal refuses it all the same"
    ]
    assert "preflight fix" in (outcome.findings[0].finding.fix or "")


def test_a_form_field_without_appearance_drawn_with_a_non_embedded_font_fails(tmp_path: Path) -> None:
    widget = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx, T=pikepdf.String("Nom"),
        Rect=[72, 600, 300, 620], DA=pikepdf.String("/Helv 10 Tf 0 g"), V=pikepdf.String("Durand"),
    )  # fmt: skip
    path = font_pdf(tmp_path / "field.pdf", content=b"", annotations=[widget], acroform={})
    outcome = run_check("fonts-embedded", path)
    assert errors(outcome) == [
        "font 'DejaVuSans' is not embedded (TrueType); used on page 1, inside form field; form fields without an "
        "appearance are drawn with it on page 1"
    ]


def test_an_embedded_subset_lacking_a_glyph_the_text_uses_warns(tmp_path: Path) -> None:
    content = b"BT /F1 12 Tf 72 720 Td (Hello) Tj 0 -20 Td (\xe9t\xe9 Hello) Tj ET"  # WinAnsi 0xE9 = é
    outcome = run_check("fonts-embedded", font_pdf(tmp_path / "subset.pdf", subset_program("Hellot ")))
    assert outcome.status is Status.PASS  # the same subset with text that only uses its glyphs
    outcome = run_check("fonts-embedded", font_pdf(tmp_path / "subset.pdf", subset_program("Hellot "), content))
    assert outcome.status is Status.WARN
    [item] = outcome.findings
    assert item.level is Level.WARNING and item.finding.page == 1
    assert item.finding.message == (
        "the embedded subset of font 'DejaVuSans' has no glyph for 'é' (U+00E9), used on page 1: these characters "
        "print as blanks or boxes"
    )
    assert item.finding.data["missing"] == ["é"]


class FakeDossier:
    """What the check reads, nothing else: its decisions come from the fonts and the extracted text."""

    def __init__(self, fonts: list, lines: list[tuple[str, str, frozenset[int]]]) -> None:
        from preflight.pdf.text import PageText, TextLine

        self.fonts = fonts
        self.pages = [PageText(1, 595, 842, tuple(TextLine(t, 0, 100, 700, 11, f, False, u) for t, f, u in lines))]


def _font(**values: object):
    from preflight.pdf.structure import FontInfo

    base = {"name": "ABCDEF+Body", "subtype": "Type0", "embedded": True, "pages": {1}, "places": {"page"},
            "drawn_pages": {1}, "usage_known": True, "shown_codes": 11}  # fmt: skip
    return FontInfo(**{**base, **values})  # type: ignore[arg-type]


def test_text_extractability_is_decided_from_what_extraction_yields() -> None:
    from preflight.checks import fonts_embedded

    # Identity-H without ToUnicode (the old guess said "cannot be extracted") whose text extracts fine:
    readable = FakeDossier(
        [_font(text_extractable=False, has_to_unicode=False)], [("Hello world", "Body", frozenset())]
    )
    assert list(fonts_embedded.check(readable, fonts_embedded.Options())) == []  # type: ignore[arg-type]
    # A symbolic TrueType without ToUnicode (the old guess said readable) whose text comes out as control codes:
    symbolic = _font(name="Symbolic", subtype="TrueType", symbolic=True, text_extractable=True)
    dossier = FakeDossier([symbolic], [("\x01\x02\x03\x04", "Symbolic", frozenset())])
    [finding] = render_findings(fonts_embedded, fonts_embedded.check(dossier, fonts_embedded.Options()))  # type: ignore[arg-type]
    assert finding.message == (
        "text in font 'Symbolic' cannot be extracted: 4 of 4 characters come out with no Unicode meaning, so it "
        "cannot be searched or copied; used on page 1"
    )
    # A Type0 font is named by its descendant in extraction ("Body", not "Body-Identity-H"):
    named = FakeDossier([_font(name="Body-Identity-H", text_extractable=False)], [("Hello", "Body", frozenset())])
    assert list(fonts_embedded.check(named, fonts_embedded.Options())) == []  # type: ignore[arg-type]
    # Characters that come out with no Unicode meaning:
    garbled = FakeDossier([_font()], [("\ufffd\ufffd\ufffdab", "Body", frozenset({0, 1, 2}))])
    [finding] = render_findings(fonts_embedded, fonts_embedded.check(garbled, fonts_embedded.Options()))  # type: ignore[arg-type]
    assert finding.message.startswith("text in font 'Body' cannot be extracted: 3 of 5 characters come out with")


# ---------------------------------------------------------------- in French
NNBSP = "\u202f"


def french(outcome_of) -> list[str]:
    from preflight.i18n import set_language

    set_language("fr")  # the conftest sets English back after each test
    return [item.finding.message for item in outcome_of().findings]


def test_a_standard_14_font_in_french(fixture_pdf) -> None:
    from preflight.i18n import set_language

    set_language("fr")
    outcome = run_check("fonts-embedded", fixture_pdf("not-embedded-fonts.pdf"))
    finding = next(item.finding for item in outcome.findings if item.finding.data["font"] == "Helvetica")
    assert finding.message == (
        f"la police «{NNBSP}Helvetica{NNBSP}» n’est pas incorporée (Type1, l’une des 14 polices standard, que les "
        f"lecteurs remplacent){NNBSP}; utilisée pages 1-2"
    )
    assert finding.fix == (
        f"Incorporez les polices{NNBSP}: dans Word, cochez Fichier > Options > Enregistrement > «{NNBSP}Incorporer "
        f"les polices dans le fichier{NNBSP}» et exportez de nouveau (ou choisissez PDF/A){NNBSP}; dans LibreOffice, "
        f"exportez en PDF/A{NNBSP}; ou lancez «\u202fpreflight fix\u202f» (qui passe par Ghostscript)."
    )


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("form-xobject-font.pdf", "dans un XObject de formulaire"),
        ("annotation-font.pdf", "dans une annotation FreeText"),
    ],
)
def test_where_a_font_hides_in_french(fixture_pdf, name: str, place: str) -> None:
    [message] = french(lambda: run_check("fonts-embedded", fixture_pdf(name)))
    assert message.endswith(f"{NNBSP}; utilisée page 1, {place}")


def test_an_unnamed_bitmap_type3_font_in_french(fixture_pdf) -> None:
    [message] = french(lambda: run_check("fonts-embedded", fixture_pdf("type3-bitmap-font.pdf")))
    assert message == (
        f"une police Type 3 sans nom est une police Type 3 bitmap (floue à l’impression et au zoom){NNBSP}; "
        "utilisée page 1"
    )


@pytest.mark.parametrize(
    ("program", "problem"),
    [
        ("dictionary", "son /FontFile2 est un dictionnaire, pas un flux de programme de police"),
        (b"", "le programme de police est vide"),
        (
            "truncated",
            f"le programme de police est tronqué{NNBSP}: sa table «{NNBSP}glyf{NNBSP}» finit au-delà de ses "
            f"1{NNBSP}500\u00a0octets",
        ),
    ],
)
def test_a_font_program_that_is_not_usable_in_french(tmp_path: Path, program: object, problem: str) -> None:
    if program == "dictionary":
        program = pikepdf.Dictionary(Length1=10)
    elif program == "truncated":
        program = subset_program("Hello")[:1500]
    path = font_pdf(tmp_path / "bad.pdf", program)
    [message] = french(lambda: run_check("fonts-embedded", path))
    assert message == (
        f"la police «{NNBSP}DejaVuSans{NNBSP}» n’est pas incorporée{NNBSP}: {problem} (TrueType), les lecteurs ne "
        f"peuvent donc pas l’utiliser{NNBSP}; utilisée page 1"
    )


def test_used_unused_invisible_and_form_field_fonts_in_french(tmp_path: Path) -> None:
    unused = font_pdf(tmp_path / "unused.pdf", pages=2, content=b"0 0 m 10 10 l S")
    assert french(lambda: run_check("fonts-embedded", unused)) == [
        f"la police «{NNBSP}DejaVuSans{NNBSP}» n’est pas incorporée (TrueType), mais rien n’est dessiné avec "
        f"elle{NNBSP}: elle figure seulement dans les ressources (pages 1-2)"
    ]
    ocr = font_pdf(tmp_path / "ocr.pdf", content=b"BT 3 Tr /F1 12 Tf 72 720 Td (Scanned text) Tj ET")
    outcome = run_check("fonts-embedded", ocr)
    assert [item.finding.message for item in outcome.findings] == [
        f"la police «{NNBSP}DejaVuSans{NNBSP}» n’est pas incorporée (TrueType){NNBSP}; elle ne dessine que du texte "
        f"invisible (une couche de texte OCR, mode de rendu 3), page 1{NNBSP}: le portail refuse tout de même le "
        "fichier"
    ]
    assert outcome.findings[0].finding.fix == (
        "Lancez «\u202fpreflight fix\u202f», qui l’incorpore, ou refaites l’OCR avec un outil qui incorpore la police "
        "de son texte (ocrmypdf le fait)."
    )
    widget = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx, T=pikepdf.String("Nom"),
        Rect=[72, 600, 300, 620], DA=pikepdf.String("/Helv 10 Tf 0 g"), V=pikepdf.String("Durand"),
    )  # fmt: skip
    field = font_pdf(tmp_path / "field.pdf", content=b"", annotations=[widget], acroform={})
    assert french(lambda: run_check("fonts-embedded", field)) == [
        f"la police «{NNBSP}DejaVuSans{NNBSP}» n’est pas incorporée (TrueType){NNBSP}; utilisée page 1, dans un "
        f"champ de formulaire{NNBSP}; le lecteur s’en sert pour dessiner les champs de formulaire sans apparence "
        "(page 1)"
    ]


def test_a_missing_glyph_in_french(tmp_path: Path) -> None:
    content = b"BT /F1 12 Tf 72 720 Td (Hello) Tj 0 -20 Td (\xe9t\xe9 Hello) Tj ET"
    path = font_pdf(tmp_path / "subset.pdf", subset_program("Hellot "), content)
    [message] = french(lambda: run_check("fonts-embedded", path))
    assert message == (
        f"le sous-ensemble incorporé de la police «{NNBSP}DejaVuSans{NNBSP}» n’a pas de glyphe pour 'é' (U+00E9) "
        f"(page 1){NNBSP}: ces caractères s’impriment en blanc ou en carrés"
    )


def test_unextractable_text_in_french() -> None:
    from preflight.checks import fonts_embedded

    symbolic = _font(name="Symbolic", subtype="TrueType", symbolic=True, text_extractable=True)
    dossier = FakeDossier([symbolic], [("\x01\x02\x03\x04", "Symbolic", frozenset())])
    findings = fonts_embedded.check(dossier, fonts_embedded.Options())  # type: ignore[arg-type]
    [finding] = render_findings(fonts_embedded, findings, "fr")
    assert finding.message == (
        f"le texte de la police «{NNBSP}Symbolic{NNBSP}» ne peut pas être extrait{NNBSP}: 4 caractères sur 4 "
        f"sortent sans signification Unicode, il ne peut donc être ni cherché ni copié{NNBSP}; utilisée page 1"
    )
    assert finding.fix == (
        f"Exportez de nouveau avec une police qui a une correspondance Unicode (c’est le cas de la plupart){NNBSP}; "
        "en LaTeX, ajoutez \\usepackage[T1]{fontenc} et \\usepackage{cmap}, ou utilisez lmodern."
    )
    one = FakeDossier([symbolic], [("\x01", "Symbolic", frozenset())])
    [finding] = render_findings(fonts_embedded, fonts_embedded.check(one, fonts_embedded.Options()), "fr")  # type: ignore[arg-type]
    assert "1 caractère sur 1 sort sans signification Unicode" in finding.message


def test_rarer_wordings_in_both_languages() -> None:
    from preflight.checks import fonts_embedded
    from preflight.model import Finding

    glyphs = Finding(
        "missing-glyphs-more",
        {"font": "Body", "font_id": "font-named", "of_font_id": "of-font-named", "count": 11,
         "chars": ["'a' (U+0061)", "'b' (U+0062)"], "glyph_pages": [2, 3]},
        fix_id="missing-glyphs.fix",
    )  # fmt: skip
    unnamed = Finding(
        "unused",
        {"font_id": "font-unnamed", "what_id": "font-not-embedded", "subtype_id": "no-subtype",
         "listed_id": "listed-nowhere"},
    )  # fmt: skip
    english = [finding.message for finding in render_findings(fonts_embedded, [glyphs, unnamed], "en")]
    assert english == [
        "the embedded subset of font 'Body' has no glyph for 11 characters, among them 'a' (U+0061) and 'b' "
        "(U+0062), used on pages 2-3: these characters print as blanks or boxes",
        "an unnamed font is not embedded (no /Subtype), but nothing is drawn with it: it is only listed in the "
        "resources of no page",
    ]
    assert [finding.message for finding in render_findings(fonts_embedded, [glyphs, unnamed], "fr")] == [
        f"le sous-ensemble incorporé de la police «{NNBSP}Body{NNBSP}» n’a pas de glyphe pour 11 caractères, dont "
        f"'a' (U+0061) et 'b' (U+0062) (pages 2-3){NNBSP}: ces caractères s’impriment en blanc ou en carrés",
        f"une police sans nom n’est pas incorporée (sans /Subtype), mais rien n’est dessiné avec elle{NNBSP}: elle "
        "figure seulement dans les ressources (aucune page)",
    ]


# ---------------------------------------------------------------- where a font is first used
@pytest.mark.parametrize(
    ("name", "font", "words"),
    [
        ("not-embedded-fonts.pdf", "Helvetica", "Résumé des travaux"),  # the topmost line, not the footer
        ("not-embedded-fonts.pdf", "Times-Roman", "Mes travaux portent"),
        ("nonstandard-font-not-embedded.pdf", "Calibri", "Annexe : lettre de soutien"),
        ("form-xobject-font.pdf", "Helvetica", "Tampon : copie certifiée conforme"),  # inside nested forms
        # No /BaseFont ("unknown" in the text layer), but the page's only unnamed font:
        ("type3-bitmap-font.pdf", "Type3 font", "DOSSIER CRCN"),
    ],
)
def test_a_font_finding_marks_the_fonts_first_line(fixture_pdf, name: str, font: str, words: str) -> None:
    path = fixture_pdf(name)
    outcome = run_check("fonts-embedded", path)
    [finding] = [item.finding for item in outcome.findings if item.finding.data["font"] == font]
    assert finding.page == 1
    assert_rect_marks(finding.rect, poppler_box(path, 1, words))


def test_an_unextractable_fonts_first_line_is_marked(fixture_pdf) -> None:
    """poppler's words are control characters here too: the mark is compared with the glyphs' own boxes."""
    import pypdfium2 as pdfium

    path = fixture_pdf("no-tounicode.pdf")
    [item] = run_check("fonts-embedded", path).findings
    document = pdfium.PdfDocument(str(path))
    try:
        textpage = document[0].get_textpage()
        first = textpage.get_charbox(0)  # left, bottom, right, top of the page's first glyph
    finally:
        document.close()
    x0, y0, x1, y1 = item.finding.rect
    assert x0 <= first[0] + 1 and first[2] <= x1 and y0 <= (first[1] + first[3]) / 2 <= y1


@pytest.mark.parametrize(
    ("resource", "text_layer"),
    [
        ("ABCDEF+Arial,Bold", "Arial-BoldMT"),
        ("ABCDEF+ArialMT-Identity-H", "ArialMT"),
        ("TimesNewRomanPSMT", "Times#20New#20Roman"),
        ("BCDEFG+Calibri-Light", "calibri light"),
        ("Arial,Bold", "Helvetica-Bold"),  # pdfminer's name for a non-embedded Arial,Bold (a standard-14 alias)
        ("TimesNewRoman,Italic", "Times-Italic"),
        ("TimesNewRomanPS-BoldMT", "TimesNewRoman,Bold"),
        ("Ryumin-Light-H", "Ryumin-Light"),  # a Type0 font's /BaseFont ends with its CMap's name
        ("HeiseiKakuGo-W5-UniJIS-UCS2-H", "HeiseiKakuGo-W5"),
    ],
)
def test_font_names_of_the_resource_and_the_text_layer_compare_equal(resource: str, text_layer: str) -> None:
    assert font_key(resource) == font_key(text_layer)


def test_arial_and_arial_bold_stay_apart() -> None:
    assert font_key("Arial") != font_key("Arial,Bold") and font_key("ArialMT") != font_key("Arial-BoldMT")
    assert font_key("Times-Roman") != font_key("Times-Bold") and font_key("Calibri") != font_key("Carlito")
    assert font_key("Arial-Bold-Identity-H") != font_key("Arial")


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
@pytest.mark.parametrize("base_font", ["Arial,Bold", "ABCDEF+Arial,Bold"])
def test_a_text_layer_naming_the_font_otherwise_still_finds_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str, base_font: str
) -> None:
    """pdfminer names a font by its descriptor's /FontName (Arial-BoldMT), PDFium by its /BaseFont (Arial,Bold);
    without the subset prefix pdfminer says Helvetica-Bold, the standard font Arial,Bold is an alias of."""
    path = font_pdf(tmp_path / "names.pdf", None, b"BT /F1 12 Tf 72 720 Td (Hello world) Tj ET", base_font=base_font)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.pages[0].Resources.Font.F1.FontDescriptor.FontName = pikepdf.Name("/ABCDEF+Arial-BoldMT")
        pdf.save(path)
    monkeypatch.setenv("PREFLIGHT_TEXT_ENGINE", engine)
    [item] = run_check("fonts-embedded", path).findings
    assert item.finding.message_id == "not-embedded"
    # "Hello" only: pdfminer measures the alias with Helvetica-Bold's widths, not the file's (600 each).
    assert_rect_marks(item.finding.rect, poppler_box(path, 1, "Hello"))


def test_a_font_no_text_line_is_in_has_no_mark(fixture_pdf) -> None:
    """Courier draws only an annotation's appearance, which the text layer does not read."""
    [item] = run_check("fonts-embedded", fixture_pdf("annotation-font.pdf")).findings
    assert item.finding.page == 1 and item.finding.rect is None


def test_a_bitmap_type3_font_is_found_whatever_the_string_hashing(tmp_path: Path) -> None:
    """The glyph procedures looked at are the first eight by name: with pikepdf's set of keys in the order of
    the process's string hashing, a font whose one bitmap glyph is 'a' among twelve was found on some runs only."""
    import os
    import subprocess
    import sys

    path = tmp_path / "type3-many-glyphs.pdf"
    image = b"500 0 0 0 500 500 d1 q 500 0 0 500 0 0 cm BI /W 1 /H 1 /BPC 1 /IM true ID \x00 EI Q"
    with pikepdf.new() as pdf:
        procs = {f"/{letter}": pdf.make_stream(b"500 0 0 0 500 500 d1 0 0 500 500 re f") for letter in "bcdefghijklm"}
        procs["/a"] = pdf.make_stream(image)
        pdf.Root.Font = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3, CharProcs=pikepdf.Dictionary(procs))
        )
        pdf.save(path)
    probe = (
        "import sys, pikepdf; from preflight.pdf.structure import _type3_is_bitmap; "
        "pdf = pikepdf.open(sys.argv[1]); print(_type3_is_bitmap(pdf.Root.Font))"
    )
    answers = {
        subprocess.run(
            [sys.executable, "-c", probe, str(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            check=True,
        ).stdout.strip()
        for seed in range(1, 9)
    }
    assert answers == {"True"}
