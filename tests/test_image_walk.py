"""collect_images: placements through forms, shared resources, and each form read once."""

from __future__ import annotations

import pikepdf
import pytest

from preflight.pdf import structure


def _dossier() -> pikepdf.Pdf:
    """Three pages sharing one resource dictionary (as Word and LibreOffice write them): page 1 draws a form
    that draws the 600x400 image 300 pt wide, at half scale (150 pt: 288 ppi); page 2 draws nothing; page 3
    draws the image itself 600 pt wide (72 ppi) and the form again."""
    pdf = pikepdf.new()
    image = pdf.make_stream(
        b"\x00" * (600 * 400),
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=600,
        Height=400,
        ColorSpace=pikepdf.Name.DeviceGray,
        BitsPerComponent=8,
    )
    form = pdf.make_stream(
        b"q 300 0 0 200 0 0 cm /Im0 Do Q",
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Form,
        BBox=[0, 0, 300, 200],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
    )
    resources = pdf.make_indirect(pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image, Fm0=form)))
    for content in (b"q 0.5 0 0 0.5 10 10 cm /Fm0 Do Q", b"BT ET", b"q 600 0 0 400 0 0 cm /Im0 Do Q /Fm0 Do"):
        pdf.add_blank_page(page_size=(612, 792))
        page = pdf.pages[-1].obj
        page.Resources = resources
        page.Contents = pdf.make_stream(content)
    return pdf


def test_images_are_found_through_forms_with_their_largest_resolution() -> None:
    (info,) = structure.collect_images(_dossier())
    assert (info.width, info.height) == (600, 400)
    assert info.pages == {1, 3}
    assert info.dpi == pytest.approx(288.0)


def test_each_form_and_each_page_without_xobject_is_parsed_at_most_once(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[object] = []
    original = pikepdf.parse_content_stream

    def counting(owner: object, operators: str = "") -> object:
        parsed.append(owner)
        return original(owner, operators)

    monkeypatch.setattr(structure.pikepdf, "parse_content_stream", counting)
    structure.collect_images(_dossier())
    # pages 1 and 3, and the form once; page 2 draws no XObject and is not parsed
    assert len(parsed) == 3
