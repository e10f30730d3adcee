"""Page images for reports: a few pages of a PDF rendered by PDFium (pypdfium2) as small JPEG thumbnails.

Bounded on purpose: the caller names the pages, and ``render_pages`` renders at most ``limit`` of them and
stops once ``budget`` bytes of JPEG are made, so a 200-page dossier with a finding on every page still gives a
report of a few megabytes (a page dense with text is about 150 kB at 100 dpi; most pages are far less).
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DPI = 100
DEFAULT_QUALITY = 60
DEFAULT_BUDGET = 4_000_000
"""Bytes of JPEG per file, beyond which the remaining pages are named instead of shown."""
MAX_PIXELS = 1600
"""No side of a thumbnail is longer than this, whatever the page's size (a poster page stays small)."""


@dataclass(frozen=True)
class PageImage:
    """One rendered page: the JPEG, its size in pixels, and the page's box in points to place rectangles."""

    number: int
    jpeg: bytes
    width_px: int
    height_px: int
    width_pt: float
    height_pt: float
    """The page as shown (after /Rotate), in points: what findings' rectangles are measured against."""
    offset_pt: tuple[float, float] = (0.0, 0.0)
    """Where the rendered area (the crop box) starts from the media box's lower-left corner, in points."""

    def place(self, rect: tuple[float, float, float, float]) -> tuple[float, float, float, float] | None:
        """A rectangle in PDF points (origin bottom-left) as (left, top, width, height) in percent of the image,
        clipped to the page; None when it falls outside the page or is degenerate."""
        if self.width_pt <= 0 or self.height_pt <= 0:
            return None
        x0, y0, x1, y1 = rect
        x0, x1 = sorted((x0 - self.offset_pt[0], x1 - self.offset_pt[0]))
        y0, y1 = sorted((y0 - self.offset_pt[1], y1 - self.offset_pt[1]))
        x0, x1 = max(x0, 0.0), min(x1, self.width_pt)
        y0, y1 = max(y0, 0.0), min(y1, self.height_pt)
        if x1 <= x0 or y1 <= y0:
            return None
        return (
            100 * x0 / self.width_pt,
            100 * (self.height_pt - y1) / self.height_pt,
            100 * (x1 - x0) / self.width_pt,
            100 * (y1 - y0) / self.height_pt,
        )


@dataclass(frozen=True)
class Rendered:
    """The pages rendered, and the ones asked for but left out (over the limit, or PDFium failed on them)."""

    pages: dict[int, PageImage]
    over_limit: tuple[int, ...] = ()
    failed: tuple[int, ...] = ()
    problem: str | None = None
    """Why nothing could be rendered (the file does not open in PDFium), or None."""


def render_pages(
    path: str | Path,
    pages: Iterable[int],
    *,
    limit: int = 40,
    budget: int = DEFAULT_BUDGET,
    dpi: int = DEFAULT_DPI,
    quality: int = DEFAULT_QUALITY,
) -> Rendered:
    """Render the given 1-based pages as JPEG thumbnails, in the order given (the most important first): the
    first ``limit`` of them, and none once ``budget`` bytes are used (at least one page is always rendered)."""
    import pypdfium2 as pdfium

    wanted = list(dict.fromkeys(page for page in pages if page >= 1))
    try:
        document = pdfium.PdfDocument(str(path))
    except Exception as exc:  # a password, a damaged file: the report says so instead of the images
        return Rendered({}, failed=tuple(sorted(wanted)), problem=f"{type(exc).__name__}: {exc}")
    rendered: dict[int, PageImage] = {}
    failed: list[int] = []
    try:
        in_document = [page for page in wanted if page <= len(document)]
        failed.extend(page for page in wanted if page > len(document))
        used = 0
        left_out: list[int] = []
        for position, number in enumerate(in_document):
            if position >= limit or (rendered and used >= budget):
                left_out = in_document[position:]
                break
            try:
                rendered[number] = _render_one(document, number, dpi, quality)
            except Exception:
                failed.append(number)
                continue
            used += len(rendered[number].jpeg)
        return Rendered(rendered, tuple(sorted(left_out)), tuple(sorted(failed)))
    finally:
        document.close()


def _render_one(document: object, number: int, dpi: int, quality: int) -> PageImage:
    import pypdfium2.raw as raw

    page = document[number - 1]  # type: ignore[index]
    try:
        width_pt, height_pt = page.get_size()
        scale = min(dpi / 72, MAX_PIXELS / max(width_pt, height_pt, 1.0))
        bitmap = page.render(scale=scale)
        try:
            image = bitmap.to_pil().convert("RGB")
        finally:
            bitmap.close()
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=quality, optimize=True)
        offset = _crop_offset(raw, page.raw) if page.get_rotation() == 0 else (0.0, 0.0)
        return PageImage(number, buffer.getvalue(), image.width, image.height, width_pt, height_pt, offset)
    finally:
        page.close()


def _crop_offset(raw: object, page: object) -> tuple[float, float]:
    """The crop box's lower-left corner from the media box's: findings are measured from the media box."""
    media = [ctypes.c_float() for _ in range(4)]
    crop = [ctypes.c_float() for _ in range(4)]
    if not raw.FPDFPage_GetMediaBox(page, *media):  # type: ignore[attr-defined]
        return (0.0, 0.0)
    if not raw.FPDFPage_GetCropBox(page, *crop):  # type: ignore[attr-defined]
        return (0.0, 0.0)
    return (crop[0].value - media[0].value, crop[1].value - media[1].value)
