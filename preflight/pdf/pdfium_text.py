"""Text extraction with PDFium (pypdfium2): one reading per text object, not per character.

PDFium interprets the page in C++; we then ask it for each text object's text, font, size, position and
marked-content ActualText, about ten ctypes calls per object instead of seven per character, and build the
same ``TextLine`` objects as the pdfminer extractor (``preflight.pdf.text``) with the same line rules.

PDFium's text page is not a faithful copy of what the page draws in three ways that matter to the checks,
and each is handled here:

- it skips text objects whose glyphs have no ink (a lone U+00A0, U+200B or private-use glyph drawn on
  its own): PDFium gives no text for them. Unless the object sits in an /ActualText span (which we read
  from the object's marks ourselves), the page is handed to pdfminer, which reads every glyph.
- it gives a glyph without a Unicode mapping as its character code; pdfminer gives U+FFFD, and the checks
  call both an "extraction artifact". Where a text object holds control characters (the usual sign), the
  page's characters are read one by one to find the glyphs PDFium flags, which become U+FFFD, marked in
  ``TextLine.unmapped``.
- it ignores /ActualText spans, which LibreOffice uses for every no-break space: we apply them.

pdfminer stays the reader of any file PDFium refuses and of the pages above, and ``PREFLIGHT_TEXT_ENGINE=
pdfminer`` selects it for a whole run (``bench/text_equivalence.py`` compares the two that way).
"""

from __future__ import annotations

import ctypes
import dataclasses
import math
import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from preflight.pdf.matrix import multiply
from preflight.pdf.text import Char, PageText, build_lines, clean_font_name

if TYPE_CHECKING:
    import pikepdf

ENGINE_VARIABLE = "PREFLIGHT_TEXT_ENGINE"
"""'pdfminer' reads every page with pdfminer; unset or 'pdfium' uses PDFium and pdfminer where needed."""

_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Characters PDFium gives for unmapped glyphs of subset fonts (their codes): a reason to look closer."""

_BUFFER_CHARS = 2048

_LINE_END_HYPHEN = "\ufffe"
"""Stands for a hyphen that ends a line until we know which one it was: PDFium's text page gives both '-'
and U+00AD there as its own marker (0x02), and hidden-characters tells them apart."""


def selected_engine() -> str:
    engine = os.environ.get(ENGINE_VARIABLE, "pdfium").strip().lower() or "pdfium"
    if engine not in ("pdfium", "pdfminer"):
        raise ValueError(f"{ENGINE_VARIABLE} must be 'pdfium' or 'pdfminer', not {engine!r}")
    return engine


def extract_pages(path: str, page_count: int, pdf: pikepdf.Pdf | None = None) -> list[PageText]:
    """Every page's text: PDFium first, pdfminer for the pages (or the file) PDFium cannot read fully.

    ``pdf``, the same file opened with pikepdf, tells which fonts map a glyph to a ligature character.
    """
    from preflight.pdf import text as pdfminer_text

    if selected_engine() == "pdfminer":
        return pdfminer_text.extract_pages(path, page_count)
    try:
        part = read_part(path, page_count, pdf, 0, page_count)
    except Exception as exc:  # PDFium refuses the file (damaged beyond its repair, unsupported): pdfminer's turn
        pages = pdfminer_text.extract_pages(path, page_count)
        reason = f"PDFium cannot read the file ({type(exc).__name__}: {str(exc)[:120]})"
        return [
            page
            if page.error is None
            else PageText(page.number, page.width, page.height, page.lines, error=f"{reason}; {page.error}")
            for page in pages
        ]
    return join_parts([part], second_reading(path, part))


Part = tuple[list[PageText], list[int]]
"""PDFium's reading of some pages, line-end hyphens not yet resolved, and the pages it left incomplete."""


def read_part(path: str, page_count: int, pdf: pikepdf.Pdf | None, start: int, stop: int) -> Part:
    """PDFium's reading of the pages ``start`` to ``stop - 1`` (0-based), for ``join_parts``.

    Two processes can each read a part of a long file: joined, the parts give what one reading gives, as
    PDFium reads each page on its own. Raises what PDFium raises when it refuses the file."""
    return _read_with_pdfium(path, page_count, font_facts(pdf) if pdf is not None else None, start, stop)


def second_reading(path: str, part: Part) -> list[PageText]:
    """pdfminer's reading of the pages of ``part`` that PDFium left incomplete."""
    from preflight.pdf import text as pdfminer_text

    return pdfminer_text.extract_page_numbers(path, part[1]) if part[1] else []


def join_parts(parts: Sequence[Part], second: Sequence[PageText]) -> list[PageText]:
    """The pages of ``parts`` (in page order), line-end hyphens resolved over all of them (a font's hyphens
    are counted on every page), each page PDFium left incomplete replaced by its ``second`` reading."""
    pages = _resolve_hyphens([page for part_pages, _incomplete in parts for page in part_pages])
    if second:
        by_number = {page.number: page for page in second}
        pages = [_better(page, by_number.get(page.number)) for page in pages]
    return pages


def _better(first: PageText, second: PageText | None) -> PageText:
    """pdfminer's reading of a page PDFium left incomplete, unless pdfminer fails on it too."""
    if second is None:
        return first
    if second.error is None:
        return second
    if first.error is None:
        return first
    return PageText(
        first.number,
        first.width,
        first.height,
        first.lines or second.lines,
        error=f"{first.error}; pdfminer: {second.error}",
    )


class _Reader:
    """What one document's pages share: the raw bindings, a text buffer, and each font's name."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.buffer = (ctypes.c_ushort * _BUFFER_CHARS)()
        self.fonts: dict[int | None, str] = {}
        self.matrix = raw.FS_MATRIX()
        self.size = ctypes.c_float()
        self.box = [ctypes.c_float() for _ in range(4)]
        self.marks_buffer = (ctypes.c_ubyte * 512)()
        self.marks_length = ctypes.c_ulong()

    def text(self, obj: Any, textpage: Any) -> str:
        raw = self.raw
        buffer: Any = self.buffer
        needed = raw.FPDFTextObj_GetText(obj, textpage, buffer, _BUFFER_CHARS * 2)
        if needed > _BUFFER_CHARS * 2:
            buffer = (ctypes.c_ushort * (needed // 2 + 1))()
            needed = raw.FPDFTextObj_GetText(obj, textpage, buffer, needed)
        if needed <= 2:
            return ""
        # The text page puts "\r\n" where an object's glyphs change baseline: one line per object here.
        return ctypes.string_at(buffer, needed - 2).decode("utf-16-le", errors="replace").replace("\r\n", " ")

    def font_name(self, obj: Any) -> str:
        raw = self.raw
        font = raw.FPDFTextObj_GetFont(obj)
        key = ctypes.cast(font, ctypes.c_void_p).value
        name = self.fonts.get(key)
        if name is None:
            length = raw.FPDFFont_GetBaseFontName(font, None, 0) if font else 0
            if length > 1:
                buffer = ctypes.create_string_buffer(length)
                raw.FPDFFont_GetBaseFontName(font, buffer, length)
                name = buffer.raw[: length - 1].decode("latin-1")
            else:
                name = "unknown"  # a Type 3 font has no /BaseFont; pdfminer calls it this too
            self.fonts[key] = name
        return name

    def actual_text(self, obj: Any) -> tuple[int | None, str] | None:
        """The outermost /ActualText span holding ``obj``: (the span's identity, its text), or None."""
        raw = self.raw
        for index in range(raw.FPDFPageObj_CountMarks(obj)):
            mark = raw.FPDFPageObj_GetMark(obj, index)
            # The raw string: GetParamStringValue gives zeros for these UTF-16 strings in PDFium 7xxx/8xxx.
            buffer: Any = self.marks_buffer
            if not raw.FPDFPageObjMark_GetParamBlobValue(
                mark, b"ActualText", buffer, ctypes.sizeof(buffer), self.marks_length
            ):
                continue
            length = self.marks_length.value
            if length > ctypes.sizeof(buffer):
                buffer = (ctypes.c_ubyte * length)()
                raw.FPDFPageObjMark_GetParamBlobValue(mark, b"ActualText", buffer, length, self.marks_length)
            text = _text_string(ctypes.string_at(buffer, length))
            return ctypes.cast(mark, ctypes.c_void_p).value, text
        return None


def _text_string(data: bytes) -> str:
    """A PDF text string: UTF-16BE or UTF-8 after their byte-order mark, PDFDocEncoding otherwise."""
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("pdfdoc")  # the codec pikepdf registers
    except (LookupError, UnicodeDecodeError):
        return data.decode("latin-1")


def _read_with_pdfium(
    path: str, page_count: int, fonts: FontFacts | None = None, start: int = 0, stop: int | None = None
) -> Part:
    """The text of pages ``start`` to ``stop - 1`` (all by default), line-end hyphens still marked, and the
    page numbers PDFium's text page leaves incomplete (for pdfminer)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        reader = _Reader()
        pages: list[PageText] = []
        incomplete: list[int] = []
        count = min(page_count, len(document)) if page_count else len(document)
        for index in range(start, count if stop is None else min(stop, count)):
            reader.fonts.clear()  # a font's address may be reused once its pages are closed
            page, complete = _read_page(reader, document.raw, index, fonts or FontFacts())
            pages.append(page)
            if not complete:
                incomplete.append(index + 1)
        return pages, incomplete
    finally:
        document.close()


def _page_transform(raw: Any, page: Any) -> tuple[float, float, tuple[float, float, float, float, float, float]]:
    """Width, height and the transform pdfminer applies (origin at the media box corner, /Rotate applied)."""
    x0, y0, x1, y1 = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPage_GetMediaBox(page, x0, y0, x1, y1):
        x0.value, y0.value = 0.0, 0.0
        x1.value, y1.value = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
    left, bottom, right, top = x0.value, y0.value, x1.value, y1.value
    rotation = raw.FPDFPage_GetRotation(page) * 90
    if rotation == 90:
        ctm = (0.0, -1.0, 1.0, 0.0, -bottom, right)
    elif rotation == 180:
        ctm = (-1.0, 0.0, 0.0, -1.0, right, top)
    elif rotation == 270:
        ctm = (0.0, 1.0, -1.0, 0.0, top, -left)
    else:
        ctm = (1.0, 0.0, 0.0, 1.0, -left, -bottom)
    return abs(right - left), abs(top - bottom), ctm


def _read_page(reader: _Reader, document: Any, index: int, fonts: FontFacts) -> tuple[PageText, bool]:
    raw = reader.raw
    page = raw.FPDF_LoadPage(document, index)
    if not page:
        return PageText(index + 1, 0.0, 0.0, (), error="PDFium cannot load this page"), False
    textpage = None
    try:
        width, height, ctm = _page_transform(raw, page)
        textpage = raw.FPDFText_LoadPage(page)
        if not textpage:
            return PageText(index + 1, width, height, (), error="PDFium cannot read this page's text"), False
        items: list[tuple[Any, str, str, float, float, float, float]] = []
        complete = _collect(reader, page, None, ctm, textpage, items)
        for position, item in enumerate(items):
            if math.isnan(item[6]):
                following = items[position + 1] if position + 1 < len(items) else None
                reaches = following is not None and abs(following[5] - item[5]) < 0.5 * item[3]
                items[position] = (*item[:6], max(following[4], item[4]) if following and reaches else item[4])
        for position in range(len(items) - 1):
            # The text page gives an object the space that follows it: the next object's own first
            # character, or one PDFium adds for a gap pdfminer would not call a space (narrower than a
            # space glyph). Drop it then; the gap rule of build_lines decides, as for pdfminer's characters.
            obj, text, font, size, start, y, end = items[position]
            following = items[position + 1]
            if text.endswith(" ") and (
                following[1].startswith(" ")
                or text[-2:-1].isspace()
                or (abs(following[5] - y) < 0.5 * size and following[4] - end < 0.1 * max(size, following[3]))
            ):
                items[position] = (obj, text[:-1], font, size, start, y, end)
        if fonts.ligatures and any(
            clean_font_name(item[2]) in fonts.ligatures and _LIGATURE_PIECES.search(item[1]) for item in items
        ):
            items = _ligatures(raw, textpage, items, fonts.ligatures)
        suspects = {
            _address(item[0])
            for item in items
            if _SUSPECT.search(item[1]) or (fonts.unsure and clean_font_name(item[2]) in fonts.unsure)
        }
        read_again = _characters(raw, textpage, suspects) if suspects else {}
        chars: list[Char] = []
        for obj, text, font, size, start, y, end in items:
            unmapped: bool | frozenset[int] = False
            again = read_again.get(_address(obj)) if read_again else None
            if again is not None and any(error for _char, error in again):
                text = "".join("\ufffd" if error else char for char, error in again)
                unmapped = frozenset(i for i, (_char, error) in enumerate(again) if error)
            chars.append((text, font, size, start, y, end, unmapped))
        return PageText(index + 1, width, height, build_lines(chars, gap_after_blank=False)), complete
    except Exception as exc:  # one page PDFium chokes on goes to pdfminer, the others stay
        return PageText(index + 1, 0.0, 0.0, (), error=f"PDFium: {type(exc).__name__}: {exc}"), False
    finally:
        if textpage:
            raw.FPDFText_ClosePage(textpage)
        raw.FPDF_ClosePage(page)


def _address(obj: Any) -> int | None:
    return ctypes.cast(obj, ctypes.c_void_p).value


def _collect(
    reader: _Reader,
    page: Any,
    form: Any,
    ctm: tuple[float, float, float, float, float, float],
    textpage: Any,
    items: list[tuple[Any, str, str, float, float, float, float]],
) -> bool:
    """Append the text objects of ``page`` (or of the form XObject ``form``) in drawing order.

    Returns False when PDFium gave no text for an object that draws something we cannot name.
    """
    raw = reader.raw
    matrix, size, box = reader.matrix, reader.size, reader.box
    complete = True
    span: int | None = None
    count = raw.FPDFPage_CountObjects(page) if form is None else raw.FPDFFormObj_CountObjects(form)
    for position in range(count):
        obj = raw.FPDFPage_GetObject(page, position) if form is None else raw.FPDFFormObj_GetObject(form, position)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            raw.FPDFPageObj_GetMatrix(obj, matrix)
            inner = multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), ctm)
            complete = _collect(reader, page, obj, inner, textpage, items) and complete
            span = None
            continue
        if kind != raw.FPDF_PAGEOBJ_TEXT:
            continue
        actual = reader.actual_text(obj) if raw.FPDFPageObj_CountMarks(obj) else None
        if actual is not None and actual[0] == span:
            if items and items[-1][1]:
                raw.FPDFPageObj_GetBounds(obj, *box)
                last = items[-1]
                items[-1] = (*last[:6], max(last[6], _right_edge(box, ctm)))
            continue  # the span's text was given with its first object
        if actual is not None:
            span, text = actual
            if not text:
                continue  # an empty ActualText: the span reads as nothing, as pdftotext reads it
        else:
            span = None
            text = reader.text(obj, textpage)
            if not text:
                complete = False  # PDFium's text page skips objects without ink: pdfminer reads this page
                continue
            body = text.rstrip(" ")
            if body.endswith("\x02"):
                text = body[:-1] + _LINE_END_HYPHEN + text[len(body) :]
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        _a, _b, c, d, e, f = multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), ctm)
        raw.FPDFTextObj_GetFontSize(obj, size)
        font_size = size.value * (c * c + d * d) ** 0.5
        raw.FPDFPageObj_GetBounds(obj, *box)
        end = _right_edge(box, ctm)
        if actual is not None and end - e < 0.01:
            # An ActualText over ink-less glyphs (LibreOffice's no-break spaces): where it ends is unknown,
            # so it is taken to reach the next object, as pdfminer's glyph advances would.
            end = math.nan
        items.append((obj, text, reader.font_name(obj), font_size, e, f, end if math.isnan(end) else max(end, e)))
    return complete


def _right_edge(box: Sequence[ctypes.c_float], ctm: tuple[float, float, float, float, float, float]) -> float:
    """The right end of the object's bounds, mapped by the page/form transform ``ctm``.

    PDFium gives bounds in the space of the object's container; for upright text the right end is the
    larger x of the transformed corners.
    """
    left, bottom, right, top = (value.value for value in box)
    a, _b, c, _d, e, _f = ctm
    xs = [x * a + y * c + e for x, y in ((left, bottom), (right, bottom), (left, top), (right, top))]
    return max(xs)


_LIGATURES = {
    "ff": "\ufb00",
    "fi": "\ufb01",
    "fl": "\ufb02",
    "ffi": "\ufb03",
    "ffl": "\ufb04",
    "ſt": "\ufb05",
    "st": "\ufb06",
}
_LIGATURE_PIECES = re.compile("ff[il]?|f[il]|ſt|st")


def _ligatures(
    raw: Any, textpage: Any, items: list[tuple[Any, str, str, float, float, float, float]], fonts: frozenset[str]
) -> list[tuple[Any, str, str, float, float, float, float]]:
    """Put back the ligature characters (U+FB00-U+FB06) that PDFium's text page splits into letters.

    hidden-characters reports a ligature in the text layer (search and copy see 'ﬁ', not 'fi'). PDFium gives
    each letter of a split ligature the origin of the one glyph, so two letters at one origin were one
    character, when the font maps some glyph to a ligature character (a glyph whose ToUnicode says "fi"
    looks the same to PDFium, and is two characters). Each object's characters are found in the text page
    from where the previous one ended.
    """
    count = raw.FPDFText_CountChars(textpage)
    x, y, x2, y2 = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    cursor = 0
    result = []
    for item in items:
        obj, text = item[0], item[1]
        if clean_font_name(item[2]) not in fonts or not _LIGATURE_PIECES.search(text):
            result.append(item)
            continue
        key = _address(obj)
        start = _find_object(raw, textpage, key, cursor, count)
        if start is None:
            result.append(item)
            continue
        cursor = start + len(text)
        pieces: list[tuple[int, int, str]] = []
        for match in _LIGATURE_PIECES.finditer(text):
            first = start + match.start()
            if raw.FPDFText_GetUnicode(textpage, first) != ord(text[match.start()]):
                break  # the text page and the object's text no longer line up: leave the rest as it is
            raw.FPDFText_GetCharOrigin(textpage, first, x, y)
            same = 1
            for offset in range(1, len(match.group())):
                raw.FPDFText_GetCharOrigin(textpage, first + offset, x2, y2)
                if (x2.value, y2.value) != (x.value, y.value):
                    break
                same += 1
            if same > 1 and text[match.start() : match.start() + same] in _LIGATURES:
                pieces.append(
                    (match.start(), match.start() + same, _LIGATURES[text[match.start() : match.start() + same]])
                )
        for begin, end, ligature in reversed(pieces):
            text = text[:begin] + ligature + text[end:]
        result.append((obj, text, *item[2:]))
    return result


def _find_object(raw: Any, textpage: Any, key: int | None, cursor: int, count: int) -> int | None:
    """The text-page index of the first character of the object ``key``, looking from ``cursor`` on."""
    for index in (*range(cursor, count), *range(0, min(cursor, count))):
        if _address(raw.FPDFText_GetTextObject(textpage, index)) == key:
            return index
    return None


def _characters(raw: Any, textpage: Any, wanted: set[int | None]) -> dict[int | None, list[tuple[str, bool]]]:
    """The characters of the text objects in ``wanted``, each with whether its glyph has no Unicode mapping.

    One pass over the text page at three calls per character, so only on pages that show the sign.
    """
    found: dict[int | None, list[tuple[str, bool]]] = {}
    for index in range(raw.FPDFText_CountChars(textpage)):
        key = ctypes.cast(raw.FPDFText_GetTextObject(textpage, index), ctypes.c_void_p).value
        if key is None or key not in wanted:
            continue
        code = raw.FPDFText_GetUnicode(textpage, index)
        if code == 2 and raw.FPDFText_IsHyphen(textpage, index):
            found.setdefault(key, []).append((_LINE_END_HYPHEN, False))  # PDFium's line-end hyphen marker
        elif code:
            found.setdefault(key, []).append((chr(code), bool(raw.FPDFText_HasUnicodeMapError(textpage, index))))
    return found


def _resolve_hyphens(pages: list[PageText]) -> list[PageText]:
    """Line-end hyphens back to U+00AD for the fonts that draw their hyphen as U+00AD elsewhere (some TeX
    fonts, or a typed soft hyphen) and never as '-', to '-' otherwise, as pdfminer and pdftotext read them."""
    marked = [line for page in pages for line in page.lines if _LINE_END_HYPHEN in line.text]
    if not marked:
        return pages
    soft: set[str] = set()
    hard: set[str] = set()
    for page in pages:
        for line in page.lines:
            for index, char in enumerate(line.text):
                if char == "\u00ad":
                    soft.add(line.font_at(index))
                elif char in "-\u2010":
                    hard.add(line.font_at(index))
    resolved: list[PageText] = []
    for page in pages:
        if not any(_LINE_END_HYPHEN in line.text for line in page.lines):
            resolved.append(page)
            continue
        lines = []
        for line in page.lines:
            if _LINE_END_HYPHEN in line.text:
                text = "".join(
                    ("\u00ad" if line.font_at(i) in soft and line.font_at(i) not in hard else "-")
                    if char == _LINE_END_HYPHEN
                    else char
                    for i, char in enumerate(line.text)
                )
                line = dataclasses.replace(line, text=text)
            lines.append(line)
        resolved.append(dataclasses.replace(page, lines=tuple(lines)))
    return resolved


_LIGATURE_TARGET = re.compile(rb"<\s*[Ff][Bb]0[0-6]\s*>")
_LIGATURE_NAMES = {"/ff", "/fi", "/fl", "/ffi", "/ffl"}


@dataclasses.dataclass(frozen=True)
class FontFacts:
    """What PDFium does not tell about the fonts, read from the font dictionaries with pikepdf (names as the
    lines give them)."""

    ligatures: frozenset[str] = frozenset()
    """Fonts whose text holds ligature characters: a ToUnicode entry giving U+FB00-U+FB06, or, without
    ToUnicode, an encoding naming the ligature glyphs."""
    unsure: frozenset[str] = frozenset()
    """Fonts without ToUnicode and without a standard encoding: some glyphs may have no Unicode meaning,
    and PDFium then gives their codes, which can look like any letter."""


_STANDARD_ENCODINGS = {"/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding"}


def font_facts(pdf: pikepdf.Pdf) -> FontFacts:
    """The ligature and unsure fonts of every page, forms included."""
    import pikepdf

    found: set[str] = set()
    unsure: set[str] = set()
    seen: set[tuple[int, int]] = set()

    def visit(resources: object, depth: int) -> None:
        if not isinstance(resources, pikepdf.Dictionary) or depth > 8:
            return
        fonts = resources.get("/Font")
        if isinstance(fonts, pikepdf.Dictionary):
            for font in fonts.values():
                if not isinstance(font, pikepdf.Dictionary) or font.objgen in seen:
                    continue
                if font.objgen != (0, 0):
                    seen.add(font.objgen)
                name = clean_font_name(str(font.get("/BaseFont", ""))[1:]) or "unknown"
                if _maps_ligatures(font):
                    found.add(name)
                if _unsure(font):
                    unsure.add(name)
        forms = resources.get("/XObject")
        if isinstance(forms, pikepdf.Dictionary):
            for form in forms.values():
                if isinstance(form, pikepdf.Stream) and form.get("/Subtype") == "/Form" and form.objgen not in seen:
                    seen.add(form.objgen)
                    visit(form.get("/Resources"), depth + 1)

    try:
        for page in pdf.pages:
            visit(page.obj.get("/Resources"), 0)
    except Exception:  # a damaged resource tree: what was found so far
        pass
    return FontFacts(frozenset(found), frozenset(unsure))


def _unsure(font: pikepdf.Dictionary) -> bool:
    import pikepdf

    try:
        if "/ToUnicode" in font:
            return False
        encoding = font.get("/Encoding")
        if font.get("/Subtype") == "/Type0":
            return True
        if isinstance(encoding, pikepdf.Name):
            return str(encoding) not in _STANDARD_ENCODINGS
        if isinstance(encoding, pikepdf.Dictionary):
            return "/Differences" in encoding or str(encoding.get("/BaseEncoding", "")) not in _STANDARD_ENCODINGS
        return True  # the font's built-in encoding: a symbol font, most of the time
    except Exception:
        return True


def _maps_ligatures(font: pikepdf.Dictionary) -> bool:
    import pikepdf

    try:
        to_unicode = font.get("/ToUnicode")
        if isinstance(to_unicode, pikepdf.Stream):
            return bool(_LIGATURE_TARGET.search(to_unicode.read_bytes()))
        encoding = font.get("/Encoding")
        if isinstance(encoding, pikepdf.Dictionary):
            differences = encoding.get("/Differences")
            if isinstance(differences, pikepdf.Array):
                return any(isinstance(name, pikepdf.Name) and str(name) in _LIGATURE_NAMES for name in differences)
    except Exception:  # an unreadable ToUnicode stream tells nothing
        return False
    return False
