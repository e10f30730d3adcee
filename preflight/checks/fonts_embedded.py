"""Every font the pages use is embedded, and its text can be read back.

What it checks
    Every font drawn with anywhere: page resources, nested form XObjects, patterns, annotation
    appearances, Type0 descendant fonts. A font without its program in the file fails, including the
    "standard 14" (Helvetica, Times, Courier, Symbol, ZapfDingbats), which viewers substitute.
    Type 3 fonts carry their glyphs and pass; bitmap Type 3 glyphs (old LaTeX, some plots) are a
    warning, since they print blurred. A font whose codes have no Unicode meaning (no ToUnicode map and
    a non-standard encoding) is a warning: its text cannot be searched or copied.

Why
    The portal refuses files with non-embedded fonts, and a viewer without the font shows another one,
    with other widths: lines overflow and symbols turn into boxes.

How to fix
    Word: File > Options > Save > "Embed fonts in the file", then export to PDF again (or "PDF/A" in the
    export options). LibreOffice: export as PDF/A. LaTeX: pdflatex/xelatex embed by default; for
    figures made elsewhere, re-export them with fonts embedded. Or run 'preflight fix', which rewrites the
    file through Ghostscript with metric-compatible fonts.

Options
    bitmap_type3: level for bitmap Type 3 fonts (default "warning"; "off" to ignore).
    unextractable_text: level for fonts whose text cannot be extracted (default "warning").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from preflight.dossier import Dossier
from preflight.model import Finding, Level, format_pages

ID = "fonts-embedded"
SUMMARY = "Every font is embedded, so the portal accepts the file and it looks the same everywhere"

STANDARD_14 = {
    "Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique",
    "Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique",
    "Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic",
    "Symbol", "ZapfDingbats",
}  # fmt: skip

EMBED_FIX = (
    "Embed the fonts: in Word tick File > Options > Save > 'Embed fonts in the file' and export again "
    "(or choose PDF/A); in LibreOffice export as PDF/A; or run 'preflight fix' (uses Ghostscript)."
)


@dataclass(frozen=True)
class Options:
    bitmap_type3: str = "warning"
    unextractable_text: str = "warning"

    def __post_init__(self) -> None:
        Level.parse(self.bitmap_type3)
        Level.parse(self.unextractable_text)


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    bitmap_level = Level.parse(options.bitmap_type3)
    unextractable_level = Level.parse(options.unextractable_text)
    for font in dossier.fonts:
        pages = sorted(font.pages)
        where = f"page {pages[0]}" if len(pages) == 1 else f"pages {format_pages(pages)}"
        places = ", ".join(sorted(font.places - {"page"}))
        inside = f", inside {places}" if places else ""
        data = {
            "font": font.display_name,
            "type": font.subtype,
            "pages": pages,
            "embedded": font.embedded,
            "to_unicode": font.has_to_unicode,
        }
        if not font.embedded:
            standard = ", a standard-14 font that viewers replace" if font.display_name in STANDARD_14 else ""
            yield Finding(
                f"font '{font.display_name}' is not embedded ({font.subtype}{standard}); used on {where}{inside}",
                page=pages[0] if pages else None,
                fix=EMBED_FIX,
                data=data,
            )
            continue
        if font.bitmap and bitmap_level is not Level.OFF:
            yield Finding(
                f"font '{font.display_name}' is a bitmap Type 3 font (blurred when printed or zoomed); used on {where}",
                page=pages[0] if pages else None,
                fix="Use outline fonts: for LaTeX install cm-super or use lmodern; re-export plots with vector text.",
                level=bitmap_level,
                data=data,
            )
        if not font.text_extractable and unextractable_level is not Level.OFF:
            yield Finding(
                f"text in font '{font.display_name}' cannot be extracted (no ToUnicode map and a non-standard "
                f"encoding): it cannot be searched or copied; used on {where}",
                page=pages[0] if pages else None,
                fix="Export again with a font that has a Unicode mapping (most do); in LaTeX add "
                "\\usepackage[T1]{fontenc} and \\usepackage{cmap}, or use lmodern.",
                level=unextractable_level,
                data=data,
            )
