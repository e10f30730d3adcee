"""Every font the pages use is embedded, and its text can be read back.

What it checks
    Every font drawn with anywhere: page resources, nested form XObjects, patterns, annotation
    appearances, Type0 descendant fonts, and the /DA font of form fields without an appearance (the viewer
    draws those itself). A font without its program in the file fails, including the "standard 14"
    (Helvetica, Times, Courier, Symbol, ZapfDingbats), which viewers substitute. A program counts only when
    it is a non-empty stream that parses as a font (TrueType, OpenType, CFF read with fontTools; a Type 1
    header and its /Length1-2 checked): a dictionary, an empty, truncated or garbled program fails too.
    The pages' content streams say where each font really draws text: a non-embedded font that draws
    nothing (only listed in the resources) is a note apart; one that draws only invisible text (an OCR
    layer, rendering mode 3) fails with its own message.
    Type 3 fonts carry their glyphs and pass; bitmap Type 3 glyphs (old LaTeX, some plots) are a
    warning, since they print blurred. Text whose extraction gives no Unicode meaning for most of a font's
    characters (or nothing at all) is a warning: it cannot be searched or copied. An embedded subset whose
    Unicode cmap lacks a character the text uses in it is a warning, with the characters and pages: they
    print as blanks.

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
    unused_fonts: level for non-embedded fonts that draw nothing (default "info").
    missing_glyphs: level for embedded subsets that lack a character the text uses (default "warning").
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from preflight.dossier import Dossier
from preflight.model import Finding, Level
from preflight.patterns import lazy_pattern
from preflight.pdf.font_program import PROBLEMS
from preflight.pdf.text import clean_font_name
from preflight.rects import Rect, line_rect

if TYPE_CHECKING:
    from preflight.pdf.structure import FontInfo
    from preflight.pdf.text import TextLine

ID = "fonts-embedded"
SUMMARY = "Every font is embedded, so the portal accepts the file and it looks the same everywhere"
SUMMARY_FR = (
    "Toutes les polices sont incorporées : le portail accepte le fichier et il s’affiche partout de la même façon"
)
DOC_FR = """\
Toutes les polices utilisées par les pages sont incorporées, et leur texte peut être relu.

Ce qui est vérifié
    Chaque police utilisée, où qu’elle le soit : ressources des pages, formulaires XObject imbriqués,
    motifs, apparences des annotations, polices descendantes Type0, et la police /DA des champs de
    formulaire sans apparence (le lecteur les dessine lui-même). Une police dont le programme n’est pas
    dans le fichier échoue, y compris les « 14 standard » (Helvetica, Times, Courier, Symbol,
    ZapfDingbats), que les lecteurs remplacent. Un programme ne compte que s’il est un flux non vide qui
    se lit comme une police (TrueType, OpenType, CFF lus avec fontTools ; en-tête Type 1 et /Length1-2
    vérifiés) : un dictionnaire, un programme vide, tronqué ou illisible échoue aussi.
    Les flux de contenu des pages disent où chaque police dessine vraiment du texte : une police non
    incorporée qui ne dessine rien (seulement listée dans les ressources) fait l’objet d’une note à part ;
    une police qui ne dessine que du texte invisible (une couche OCR, mode de rendu 3) échoue avec son
    propre message.
    Les polices Type 3 portent leurs glyphes et passent ; les glyphes Type 3 bitmap (vieux LaTeX,
    certains graphiques) donnent un avertissement, car ils s’impriment flous. Un texte dont l’extraction
    ne donne pas de sens Unicode pour la plupart des caractères d’une police (ou rien du tout) donne un
    avertissement : il ne peut être ni cherché ni copié. Un sous-ensemble incorporé dont la table cmap
    Unicode n’a pas un caractère que le texte emploie donne un avertissement, avec les caractères et les
    pages : ils s’impriment en blanc.

Pourquoi
    Le portail refuse les fichiers aux polices non incorporées, et un lecteur qui n’a pas la police en
    affiche une autre, aux chasses différentes : les lignes débordent et les symboles deviennent des carrés.

Comment corriger
    Word : Fichier > Options > Enregistrement > « Incorporer les polices dans le fichier », puis exportez
    de nouveau en PDF (ou choisissez « PDF/A » dans les options d’export). LibreOffice : exportez en
    PDF/A. LaTeX : pdflatex et xelatex incorporent par défaut ; pour les figures faites ailleurs,
    exportez-les de nouveau avec les polices incorporées. Ou lancez « preflight fix », qui réécrit le
    fichier avec Ghostscript et des polices aux mêmes métriques.

Options
    bitmap_type3 : niveau pour les polices Type 3 bitmap ("warning" par défaut ; "off" pour les ignorer).
    unextractable_text : niveau pour les polices dont le texte ne peut être extrait ("warning" par défaut).
    unused_fonts : niveau pour les polices non incorporées qui ne dessinent rien ("info" par défaut).
    missing_glyphs : niveau pour les sous-ensembles incorporés auxquels manque un caractère du texte
        ("warning" par défaut).
"""

STANDARD_14 = {
    "Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique",
    "Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique",
    "Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic",
    "Symbol", "ZapfDingbats",
}  # fmt: skip

MESSAGES: dict[str, dict[str, str]] = {
    # The parts of a sentence (nested: {what_id:msg}, {used_id:msg}, ...).
    "no-subtype": {"en": "no /Subtype", "fr": "sans /Subtype"},
    "font-named": {"en": "font '{font}'", "fr": "la police « {font} »"},
    "font-unnamed": {"en": "an unnamed font", "fr": "une police sans nom"},
    "font-unnamed-type3": {"en": "an unnamed Type 3 font", "fr": "une police Type 3 sans nom"},
    "of-font-named": {"en": "font '{font}'", "fr": "de la police « {font} »"},
    "of-font-unnamed": {"en": "an unnamed font", "fr": "d’une police sans nom"},
    "of-font-unnamed-type3": {"en": "an unnamed Type 3 font", "fr": "d’une police Type 3 sans nom"},
    "subtype": {"en": "{type}", "fr": "{type}"},
    "font-unusable": {
        "en": "{font_id:msg} is not embedded: {problem_id:msg} ({subtype_id:msg}), so viewers cannot use it",
        "fr": (
            "{font_id:msg} n’est pas incorporée : {problem_id:msg} ({subtype_id:msg}), les lecteurs ne "
            "peuvent donc pas l’utiliser"
        ),
    },
    "problem-text": {"en": "{problem}", "fr": "{problem}"},
    "font-standard-14": {
        "en": "{font_id:msg} is not embedded ({subtype_id:msg}, a standard-14 font that viewers replace)",
        "fr": (
            "{font_id:msg} n’est pas incorporée ({subtype_id:msg}, l’une des 14 polices standard, que les "
            "lecteurs remplacent)"
        ),
    },
    "font-not-embedded": {
        "en": "{font_id:msg} is not embedded ({subtype_id:msg})",
        "fr": "{font_id:msg} n’est pas incorporée ({subtype_id:msg})",
    },
    "used-on": {"en": "used on {pages:pages}", "fr": "utilisée {pages:pages}"},
    "used-on-inside": {
        "en": "used on {pages:pages}, inside {places:msg-list}",
        "fr": "utilisée {pages:pages}, dans {places:msg-list}",
    },
    "used-nowhere": {"en": "used on no page", "fr": "utilisée sur aucune page"},
    "place-form-xobject": {"en": "form XObject", "fr": "un XObject de formulaire"},
    "place-pattern": {"en": "pattern", "fr": "un motif"},
    "place-form-field": {"en": "form field", "fr": "un champ de formulaire"},
    "place-annotation": {
        "en": "{annotations:list} {annotation_count:plural:annotation|annotations}",
        "fr": "{annotation_count:plural:une annotation|des annotations} {annotations:list}",
    },
    "place-other": {"en": "{other_places:list}", "fr": "{other_places:list}"},
    "listed-pages": {"en": "{listed_pages:pages}", "fr": "{listed_pages:pages}"},
    "listed-nowhere": {"en": "no page", "fr": "aucune page"},
    # Findings: a font that is not embedded.
    "not-embedded": {"en": "{what_id:msg}; {used_id:msg}", "fr": "{what_id:msg} ; {used_id:msg}"},
    "not-embedded-fields": {
        "en": (
            "{what_id:msg}; {used_id:msg}; form fields without an appearance are drawn with it on {field_pages:pages}"
        ),
        "fr": (
            "{what_id:msg} ; {used_id:msg} ; le lecteur s’en sert pour dessiner les champs de formulaire sans "
            "apparence ({field_pages:pages})"
        ),
    },
    "not-embedded.fix": {
        "en": (
            "Embed the fonts: in Word tick File > Options > Save > 'Embed fonts in the file' and export again "
            "(or choose PDF/A); in LibreOffice export as PDF/A; or run 'preflight fix' (uses Ghostscript)."
        ),
        "fr": (
            "Incorporez les polices : dans Word, cochez Fichier > Options > Enregistrement > « Incorporer les "
            "polices dans le fichier » et exportez de nouveau (ou choisissez PDF/A) ; dans LibreOffice, exportez "
            "en PDF/A ; ou lancez « preflight fix » (qui passe par Ghostscript)."
        ),
    },
    "invisible-only": {
        "en": (
            "{what_id:msg}; it draws only invisible text (an OCR text layer, rendering mode 3) on {pages:pages}: "
            "the portal refuses it all the same"
        ),
        "fr": (
            "{what_id:msg} ; elle ne dessine que du texte invisible (une couche de texte OCR, mode de rendu 3), "
            "{pages:pages} : le portail refuse tout de même le fichier"
        ),
    },
    "invisible-only.fix": {
        "en": (
            "Run 'preflight fix', which embeds it, or run the OCR again with a tool that embeds its text font "
            "(ocrmypdf does)."
        ),
        "fr": (
            "Lancez « preflight fix », qui l’incorpore, ou refaites l’OCR avec un outil qui incorpore la police de "
            "son texte (ocrmypdf le fait)."
        ),
    },
    "unused": {
        "en": "{what_id:msg}, but nothing is drawn with it: it is only listed in the resources of {listed_id:msg}",
        "fr": (
            "{what_id:msg}, mais rien n’est dessiné avec elle : elle figure seulement dans les ressources "
            "({listed_id:msg})"
        ),
    },
    "unused.fix": {
        "en": (
            "Nothing is drawn with it, so pages look right; a strict portal may still count it: 'preflight fix' "
            "removes fonts that no page draws with, or export the PDF again."
        ),
        "fr": (
            "Rien n’est dessiné avec elle, les pages s’affichent donc correctement ; un portail strict peut "
            "tout de même la compter : « preflight fix » retire les polices avec lesquelles aucune page ne dessine, "
            "ou exportez de nouveau le PDF."
        ),
    },
    # Findings: an embedded font that prints or reads badly.
    "bitmap-type3": {
        "en": "{font_id:msg} is a bitmap Type 3 font (blurred when printed or zoomed); {used_id:msg}",
        "fr": "{font_id:msg} est une police Type 3 bitmap (floue à l’impression et au zoom) ; {used_id:msg}",
    },
    "bitmap-type3.fix": {
        "en": "Use outline fonts: for LaTeX install cm-super or use lmodern; re-export plots with vector text.",
        "fr": (
            "Utilisez des polices vectorielles : pour LaTeX, installez cm-super ou employez lmodern ; exportez de "
            "nouveau les graphiques avec du texte vectoriel."
        ),
    },
    "missing-glyphs": {
        "en": (
            "the embedded subset of {of_font_id:msg} has no glyph for {chars:list}, used on {glyph_pages:pages}: "
            "these characters print as blanks or boxes"
        ),
        "fr": (
            "le sous-ensemble incorporé {of_font_id:msg} n’a pas de glyphe pour {chars:list} "
            "({glyph_pages:pages}) : ces caractères s’impriment en blanc ou en carrés"
        ),
    },
    "missing-glyphs-more": {
        "en": (
            "the embedded subset of {of_font_id:msg} has no glyph for {count} characters, among them {chars:list}, "
            "used on {glyph_pages:pages}: these characters print as blanks or boxes"
        ),
        "fr": (
            "le sous-ensemble incorporé {of_font_id:msg} n’a pas de glyphe pour {count} caractères, dont "
            "{chars:list} ({glyph_pages:pages}) : ces caractères s’impriment en blanc ou en carrés"
        ),
    },
    "missing-glyphs.fix": {
        "en": (
            "Embed the whole font rather than a subset (Word: untick 'Embed only the characters used'), export "
            "the PDF again from the source, or set these characters in a font that has them."
        ),
        "fr": (
            "Incorporez la police entière plutôt qu’un sous-ensemble (Word : décochez « Incorporer uniquement les "
            "caractères utilisés dans le document »), exportez de nouveau le PDF depuis la source, ou composez "
            "ces caractères dans une police qui les contient."
        ),
    },
    "unextractable": {
        "en": (
            "text in {of_font_id:msg} cannot be extracted: {unmapped} of {total} characters come out with no Unicode "
            "meaning, so it cannot be searched or copied; {used_id:msg}"
        ),
        "fr": (
            "le texte {of_font_id:msg} ne peut pas être extrait : "
            "{unmapped:plural:# caractère|# caractères} sur {total} {unmapped:plural:sort|sortent} sans "
            "signification Unicode, il ne peut donc être ni cherché ni copié ; {used_id:msg}"
        ),
    },
    "unextractable-encoding": {
        "en": (
            "text in {of_font_id:msg} cannot be extracted (no ToUnicode map and a non-standard encoding): it cannot "
            "be searched or copied; {used_id:msg}"
        ),
        "fr": (
            "le texte {of_font_id:msg} ne peut pas être extrait (ni table ToUnicode, ni codage standard) : "
            "il ne peut être ni cherché ni copié ; {used_id:msg}"
        ),
    },
    "unextractable.fix": {
        "en": (
            "Export again with a font that has a Unicode mapping (most do); in LaTeX add \\usepackage[T1]{{fontenc}} "
            "and \\usepackage{{cmap}}, or use lmodern."
        ),
        "fr": (
            "Exportez de nouveau avec une police qui a une correspondance Unicode (c’est le cas de la plupart) ; "
            "en LaTeX, ajoutez \\usepackage[T1]{{fontenc}} et \\usepackage{{cmap}}, ou utilisez lmodern."
        ),
    },
    **PROBLEMS,
}
PLACES = {"form XObject": "place-form-xobject", "pattern": "place-pattern", "form field": "place-form-field"}
"""FontInfo.places (beside "page" and "<Subtype> annotation") -> their message ids."""
# Text extraction read more than this many characters: the rest is not compared (bounded work).
MAX_CHARACTERS = 2_000_000
# A cmap that lacks more than this share of the characters drawn is not the one glyphs are found with.
MAX_MISSING_SHARE = 0.2


@dataclass(frozen=True)
class Options:
    bitmap_type3: str = "warning"
    unextractable_text: str = "warning"
    unused_fonts: str = "info"
    missing_glyphs: str = "warning"

    def __post_init__(self) -> None:
        for name in ("bitmap_type3", "unextractable_text", "unused_fonts", "missing_glyphs"):
            Level.parse(getattr(self, name))


@dataclass
class _TextUse:
    """What text extraction gives for one font name: characters with a Unicode meaning, and those without."""

    mapped: int = 0
    unmapped: int = 0
    pages: dict[str, set[int]] = field(default_factory=dict)


def _text_use(dossier: Dossier) -> tuple[dict[str, _TextUse], set[int]]:
    """Per font name (subset prefix removed), the characters extraction yields, and the pages it failed on.

    Counted page by page and run by run (a line's stretch in one font), not character by character: on 200
    pages the per-character font look-up cost more than the text extraction itself."""
    use: dict[str, _TextUse] = {}
    names: dict[str, str] = {}
    kinds: dict[str, int] = {}  # per character: 0 a space, 1 no Unicode meaning, 2 a mapped character
    failed: set[int] = set()
    seen = 0
    for page in dossier.pages:
        if page.error is not None:
            failed.add(page.number)
            continue
        runs_by_font: dict[str, list[str]] = {}
        for line in page.lines:
            text = line.text
            runs = line.font_runs or ((0, line.font),)
            if len(runs) == 1 and not line.unmapped:  # most lines: one font, every glyph with a meaning
                start, font = runs[0]
                name = names.get(font)
                if name is None:
                    name = names[font] = _text_name(clean_font_name(font))
                runs_by_font.setdefault(name, []).append(text[start:])
                seen += len(text) - start
                if seen > MAX_CHARACTERS:
                    break
                continue
            ends = [start for start, _ in runs[1:]] + [len(text)]
            for (start, font), end in zip(runs, ends, strict=True):
                name = names.get(font)
                if name is None:
                    name = names[font] = _text_name(clean_font_name(font))
                runs_by_font.setdefault(name, []).append(text[start:end])
                seen += end - start
                if not line.unmapped:
                    continue
                stats = use.setdefault(name, _TextUse())
                for index in line.unmapped:
                    char = text[index] if start <= index < end else " "
                    if _kind(char, kinds) == 2:
                        stats.mapped -= 1  # counted as mapped below, but its glyph has no Unicode meaning
                        stats.unmapped += 1
            if seen > MAX_CHARACTERS:
                break
        for name, pieces in runs_by_font.items():
            stats = use.setdefault(name, _TextUse())
            for char, count in Counter("".join(pieces)).items():
                kind = _kind(char, kinds)
                if kind == 1:
                    stats.unmapped += count
                elif kind == 2:
                    stats.mapped += count
                    stats.pages.setdefault(char, set()).add(page.number)
        if seen > MAX_CHARACTERS:
            break
    return use, failed


def _kind(char: str, kinds: dict[str, int]) -> int:
    """0 for a space, 1 for a character without Unicode meaning (U+FFFD, a control), 2 for any other."""
    kind = kinds.get(char)
    if kind is None:
        if char.isspace():
            kind = 0
        elif char == "\ufffd" or unicodedata.category(char) == "Cc":
            kind = 1
        else:
            kind = 2
        kinds[char] = kind
    return kind


def _text_name(name: str) -> str:
    """A font's name as text extraction gives it: a Type0 font's descendant's, without "-Identity-H"."""
    return re.sub(r"-Identity-[HV]$", "", name)


def font_key(name: str) -> str:
    """A font name reduced so that the font resource's /BaseFont and the text layer's name for it compare
    equal: subset prefix, a Type0 font's CMap ("-Identity-H", "-UniJIS-UCS2-H"), #xx escapes, case,
    punctuation and the "MT"/"PSMT" of Windows fonts left out ("ABCDEF+Arial,Bold", "Arial-BoldMT" and
    "arial bold" compare equal), and the standard-14 aliases taken for their font ("Arial,Bold" for
    Helvetica-Bold, as a PDF reader takes it)."""
    name = re.sub(r"#([0-9A-Fa-f]{2})", lambda escape: chr(int(escape.group(1), 16)), clean_font_name(name))
    name = _CMAP_SUFFIX.sub("", name).casefold()
    name = re.sub(r"[^0-9a-z]+", "", name)
    name = re.sub(r"(?:ps)?mt$", "", name) or name
    name = re.sub(r"^(timesnewroman|arial|couriernew)ps", r"\1", name)  # TimesNewRomanPS-BoldMT
    return _STANDARD_ALIASES.get(name, name)


_CMAP_SUFFIX = lazy_pattern(
    r"(?:-(?:Identity|Uni[A-Za-z0-9]*|UCS2|UTF(?:8|16|32)|RKSJ|90msp?|90pv|83pv|Add|Ext|EUC|GBK|GBpc|GBT|GB|B5pc|"
    r"ETen|HKscs|KSCms|KSCpc|KSC|CNS|Adobe|Japan1|GB1|CNS1|Korea1|\d+))*-[HV]$"
)
"""A predefined CMap's name, which a Type0 font's /BaseFont ends with ("Ryumin-Light-H", "HeiseiKakuGo-W5-
UniJIS-UCS2-H") and the text layer's name (its descendant's) does not."""


_STANDARD_ALIASES = {
    f"{family}{style}": f"{standard}{standard_style}"
    for family, standard in (("arial", "helvetica"), ("couriernew", "courier"), ("timesnewroman", "times"))
    for style, standard_style in (
        ("", "roman" if standard == "times" else ""),
        ("italic", "italic" if standard == "times" else "oblique"),
        ("bold", "bold"),
        ("bolditalic", "bolditalic" if standard == "times" else "boldoblique"),
    )
}
"""The PDF Reference's aliases of the standard 14 (implementation note 62): pdfminer's text layer names a
non-embedded "Arial,Bold" Helvetica-Bold, "TimesNewRoman" Times-Roman."""


def first_use(dossier: Dossier, font: FontInfo, page: int | None, chars: Collection[str] = ()) -> Rect | None:
    """Where ``font`` is first seen on ``page``: the box of the topmost text line with a stretch in it (holding
    one of ``chars``, when given; only blanks when it draws nothing else there).

    The text layer's font name is compared as printed, then by :func:`font_key`; an unnamed font (a Type 3
    font without /BaseFont, "unknown" in the text layer) only when it is the page's one unnamed font. None
    when no line of the page is in the font (a font drawn only in form fields or annotations)."""
    try:
        pages = dossier.pages
    except Exception:  # the mark is a help: a text layer that cannot be read leaves the finding without one
        return None
    if page is None or not 0 < page <= len(pages):
        return None
    if _unnamed(font):
        alone = sum(1 for other in dossier.fonts if _unnamed(other) and page in other.pages) == 1
        names = {"unknown"} if alone else set()
    else:
        names = {clean_font_name(font.name)}
    key = font_key(font.name) if names and not _unnamed(font) else None
    # Tiers, best first: a stretch with text, then one of blanks only; the name as printed, then alike.
    found: dict[tuple[bool, bool], list[TextLine]] = {}
    for line in pages[page - 1].lines:
        runs = line.font_runs or ((0, line.font),)
        ends = [start for start, _ in runs[1:]] + [len(line.text)]
        tiers = set()
        for (start, name), end in zip(runs, ends, strict=True):
            segment = line.text[start:end]
            if chars and not any(char in segment for char in chars):
                continue
            exact = name in names
            if exact or (key is not None and font_key(name) == key):
                tiers.add((not segment.strip(), not exact))
        if tiers:
            found.setdefault(min(tiers), []).append(line)
    if not found:
        return None
    best = found[min(found)]
    return line_rect(max(best, key=lambda line: (line.baseline, -line.x0)))


def _unnamed(font: FontInfo) -> bool:
    return not clean_font_name(font.name) or (font.subtype == "Type3" and font.name == "Type3 font")


def _places(font: FontInfo) -> dict[str, object]:
    """Where, beside the pages' own resources, the font is drawn with: message ids and their arguments."""
    ids: list[str] = []
    annotations: list[str] = []
    others: list[str] = []
    for place in sorted(font.places - {"page"}):
        if place in PLACES:
            ids.append(PLACES[place])
        elif place.endswith(" annotation"):
            annotations.append(place.removesuffix(" annotation"))
        else:
            others.append(place)
    if annotations:
        ids.append("place-annotation")
    if others:
        ids.append("place-other")
    return {"places": ids, "annotations": annotations, "annotation_count": len(annotations), "other_places": others}


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    bitmap_level = Level.parse(options.bitmap_type3)
    unextractable_level = Level.parse(options.unextractable_text)
    unused_level = Level.parse(options.unused_fonts)
    glyph_level = Level.parse(options.missing_glyphs)
    fonts = dossier.fonts
    text_use, failed_pages = _text_use(dossier) if any(font.shown_codes for font in fonts) else ({}, set())
    coverage_by_name: dict[str, set[int]] = {}
    for font in fonts:
        if font.unicode_coverage is not None:
            coverage_by_name.setdefault(font.display_name, set()).update(font.unicode_coverage)
    for font in fonts:
        visible = font.drawn_pages | font.field_pages
        shown = visible | font.invisible_pages
        pages_set = (visible or font.invisible_pages) if font.usage_known and shown else set(font.pages)
        pages = sorted(pages_set)
        unnamed = font.display_name == "(unnamed font)" or (font.subtype == "Type3" and font.name == "Type3 font")
        name_id = ("font-unnamed-type3" if font.subtype == "Type3" else "font-unnamed") if unnamed else "font-named"
        args: dict[str, object] = {
            "font": font.display_name,
            "font_id": name_id,
            "of_font_id": f"of-{name_id}",
            "pages": pages,
            "used_id": "used-on" if pages else "used-nowhere",
        }
        data: dict[str, object] = {
            "font": font.display_name,
            "type": font.subtype,
            "pages": pages,
            "embedded": font.embedded,
            "to_unicode": font.has_to_unicode,
        }
        if not font.embedded:
            yield from _not_embedded(dossier, font, data, args, pages, visible, unused_level)
            continue
        if font.bitmap and bitmap_level is not Level.OFF:
            first = pages[0] if pages else None
            rect = first_use(dossier, font, first)
            yield Finding("bitmap-type3", args, page=first, rect=rect, level=bitmap_level, data=data)
        if unextractable_level is not Level.OFF:
            for finding in _unextractable(font, data, args, text_use, failed_pages, pages, unextractable_level):
                yield dataclasses.replace(finding, rect=first_use(dossier, font, finding.page))
        coverage = coverage_by_name.get(font.display_name)
        use = text_use.get(_text_name(font.display_name))
        if (
            glyph_level is not Level.OFF
            and coverage is not None
            and use is not None
            and font.subtype == "TrueType"
            and not font.symbolic
        ):
            missing = {char: found for char, found in use.pages.items() if ord(char) not in coverage}
            if missing and len(missing) <= MAX_MISSING_SHARE * len(use.pages):
                listed = [f"'{char}' (U+{ord(char):04X})" for char in sorted(missing)[:8]]
                glyph_pages = set().union(*missing.values())
                yield Finding(
                    "missing-glyphs-more" if len(missing) > 8 else "missing-glyphs",
                    {**args, "chars": listed, "count": len(missing), "glyph_pages": sorted(glyph_pages)},
                    page=min(glyph_pages),
                    rect=first_use(dossier, font, min(glyph_pages), missing),
                    fix_id="missing-glyphs.fix",
                    level=glyph_level,
                    data={**data, "missing": sorted(missing), "glyph_pages": sorted(glyph_pages)},
                )


def _not_embedded(
    dossier: Dossier,
    font: FontInfo,
    data: dict[str, object],
    args: dict[str, object],
    pages: list[int],
    visible: set[int],
    unused_level: Level,
) -> Iterator[Finding]:
    if font.problem:
        what = "font-unusable"
    elif font.display_name in STANDARD_14:
        what = "font-standard-14"
    else:
        what = "font-not-embedded"
    args = {
        **args,
        "what_id": what,
        "type": font.subtype,
        "subtype_id": "subtype" if font.subtype else "no-subtype",
        "problem_id": font.problem_id or "problem-text",
        "problem": font.problem,
        **font.problem_args,
    }
    data = {**data, "problem": font.problem}
    first = pages[0] if pages else None
    if not font.usage_known or visible:
        places = _places(font)
        if pages and places["places"]:
            args = {**args, **places, "used_id": "used-on-inside"}
        fields = bool(font.field_pages and not font.drawn_pages)
        yield Finding(
            "not-embedded-fields" if fields else "not-embedded",
            {**args, "field_pages": sorted(font.field_pages)},
            page=first,
            rect=first_use(dossier, font, first),
            fix_id="not-embedded.fix",
            data={**data, "used": "visible" if font.usage_known else "unknown"},
        )
    elif font.invisible_pages:
        # The OCR layer's first line: invisible on the page, but where a search finds the text.
        rect = first_use(dossier, font, first)
        yield Finding("invisible-only", args, page=first, rect=rect, data={**data, "used": "invisible"})
    elif unused_level is not Level.OFF:
        listed = sorted(font.pages)
        yield Finding(
            "unused",
            {**args, "listed_id": "listed-pages" if listed else "listed-nowhere", "listed_pages": listed},
            page=min(font.pages) if font.pages else None,
            level=unused_level,
            data={**data, "used": "no", "pages": listed},
        )


def _unextractable(
    font: FontInfo,
    data: dict[str, object],
    args: dict[str, object],
    text_use: dict[str, _TextUse],
    failed_pages: set[int],
    pages: list[int],
    level: Level,
) -> Iterator[Finding]:
    """Decided from what extraction yields for the font; from its encoding only when extraction is unavailable."""
    use = text_use.get(_text_name(font.display_name))
    decided = font.shown_codes > 0 and font.usage_known and not (set(pages) & failed_pages)
    if decided and use is not None:
        total = use.mapped + use.unmapped
        if use.unmapped * 2 < total:
            return
        message_id = "unextractable"
        args = {**args, "unmapped": use.unmapped, "total": total}
    elif (not decided or use is None) and not font.text_extractable:
        # Extraction says nothing of this font (it failed, or names the font otherwise): its encoding decides.
        message_id = "unextractable-encoding"
    else:
        return
    yield Finding(
        message_id,
        args,
        page=pages[0] if pages else None,
        fix_id="unextractable.fix",
        level=level,
        data={**data, "unmapped": use.unmapped if use is not None else None},
    )
