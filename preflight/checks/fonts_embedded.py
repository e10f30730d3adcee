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
SUMMARY_FR = (
    "Toutes les polices sont incorporées : le portail accepte le fichier et il s'affiche partout de la même façon"
)
DOC_FR = """\
Toutes les polices utilisées par les pages sont incorporées, et leur texte peut être relu.

Ce qui est vérifié
    Chaque police utilisée, où qu'elle le soit : ressources des pages, formulaires XObject imbriqués,
    motifs, apparences des annotations, polices descendantes Type0. Une police dont le programme n'est pas
    dans le fichier échoue, y compris les « 14 standard » (Helvetica, Times, Courier, Symbol,
    ZapfDingbats), que les lecteurs remplacent. Les polices Type 3 portent leurs glyphes et passent ; les
    glyphes Type 3 bitmap (vieux LaTeX, certains graphiques) donnent un avertissement, car ils s'impriment
    flous. Une police dont les codes n'ont pas de sens Unicode (pas de table ToUnicode et un codage non
    standard) donne un avertissement : son texte ne peut être ni cherché ni copié.

Pourquoi
    Le portail refuse les fichiers aux polices non incorporées, et un lecteur qui n'a pas la police en
    affiche une autre, aux chasses différentes : les lignes débordent et les symboles deviennent des carrés.

Comment corriger
    Word : Fichier > Options > Enregistrement > « Incorporer les polices dans le fichier », puis exportez
    de nouveau en PDF (ou choisissez « PDF/A » dans les options d'export). LibreOffice : exportez en
    PDF/A. LaTeX : pdflatex et xelatex incorporent par défaut ; pour les figures faites ailleurs,
    exportez-les de nouveau avec les polices incorporées. Ou lancez 'preflight fix', qui réécrit le
    fichier avec Ghostscript et des polices aux mêmes métriques.

Options
    bitmap_type3 : niveau pour les polices Type 3 bitmap ("warning" par défaut ; "off" pour les ignorer).
    unextractable_text : niveau pour les polices dont le texte ne peut être extrait ("warning" par défaut).
"""

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
