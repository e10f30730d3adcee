"""Small PDFs built on the fly for the reporting, batch and cache tests."""

from __future__ import annotations

from pathlib import Path

import pikepdf


def blank_pdf(path: Path, pages: int = 1) -> Path:
    """Passes the portal rules: readable, small, no fonts, no active content."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    pdf.save(path, deterministic_id=True)
    return path


def helvetica_pdf(path: Path, text: str = "Hello") -> Path:
    """Fails fonts-embedded: page 1 draws text in Helvetica without embedding it."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    content = pdf.make_stream(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode())
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=content,
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path, deterministic_id=True)
    return path
