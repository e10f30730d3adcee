"""Text extraction with PDFium (as pypdfium2 ships it): one reading per text object, not per character.

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

import bisect
import codecs
import contextlib
import ctypes
import dataclasses
import functools
import itertools
import math
import os
import re
import struct
import sys
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
        return pdfminer_text.extract_pages(path, page_count, pdf)
    try:
        part = read_part(path, page_count, pdf, 0, page_count)
    except Exception as exc:  # PDFium refuses the file (damaged beyond its repair, unsupported): pdfminer's turn
        pages = pdfminer_text.extract_pages(path, page_count, pdf)
        reason = f"PDFium cannot read the file ({type(exc).__name__}: {str(exc)[:120]})"
        return [
            page
            if page.error is None
            else PageText(page.number, page.width, page.height, page.lines, error=f"{reason}; {page.error}")
            for page in pages
        ]
    return join_parts([part], second_reading(path, part, pdf))


Part = tuple[list[PageText], list[int]]
"""PDFium's reading of some pages, line-end hyphens not yet resolved, and the pages it left incomplete."""


def read_part(path: str, page_count: int, pdf: pikepdf.Pdf | None, start: int, stop: int) -> Part:
    """PDFium's reading of the pages ``start`` to ``stop - 1`` (0-based), for ``join_parts``.

    Two processes can each read a part of a long file: joined, the parts give what one reading gives, as
    PDFium reads each page on its own. Raises what PDFium raises when it refuses the file."""
    return _read_with_pdfium(path, page_count, font_facts(pdf) if pdf is not None else None, start, stop)


def second_reading(path: str, part: Part, pdf: pikepdf.Pdf | None = None) -> list[PageText]:
    """pdfminer's reading of the pages of ``part`` that PDFium left incomplete (``pdf``, the file opened with
    pikepdf, spares it the operators that draw no text: preflight.pdf.text._text_operators)."""
    from preflight.pdf import text as pdfminer_text

    return pdfminer_text.extract_page_numbers(path, part[1], pdf) if part[1] else []


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


class PdfiumError(RuntimeError):
    """PDFium refuses the file (named as pypdfium2 names it, so the pages' errors read as they did)."""


_LOAD_ERRORS = {
    0: "Success",
    1: "Unknown error",
    2: "File access error",
    3: "Data format error",
    4: "Incorrect password error",
    5: "Unsupported security scheme error",
    6: "Page not found or content error",
}
"""FPDF_GetLastError's codes (fpdfview.h), in pypdfium2's words."""

_TEXT_OBJECT, _FORM_OBJECT = 1, 5
"""FPDF_PAGEOBJ_TEXT and FPDF_PAGEOBJ_FORM (fpdf_edit.h)."""


class _LibraryConfig(ctypes.Structure):
    """FPDF_LIBRARY_CONFIG, version 2, as pypdfium2 passes it."""

    _fields_ = [
        ("version", ctypes.c_int),
        ("m_pUserFontPaths", ctypes.c_void_p),
        ("m_pIsolate", ctypes.c_void_p),
        ("m_v8EmbedderSlot", ctypes.c_uint),
    ]


def _library() -> ctypes.CDLL:
    """The PDFium library that pypdfium2 ships (in its package pypdfium2_raw), opened and initialised.

    Found without running pypdfium2's import, which types each of the library's functions (about 40 ms,
    as long as reading a short file's text) and loads its helpers. PDFium ignores a second initialisation,
    so pypdfium2 imported later in the process (preflight.pdf.render) shares the library as it is.
    """
    import importlib.util

    spec = importlib.util.find_spec("pypdfium2_raw")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    name = {"win32": "pdfium.dll", "darwin": "libpdfium.dylib"}.get(sys.platform, "libpdfium.so")
    found = [os.path.join(folder, name) for folder in folders if os.path.isfile(os.path.join(folder, name))]
    if not found:
        raise ImportError(f"pypdfium2's PDFium library ({name}) is not installed")
    library = ctypes.CDLL(found[0])
    initialise = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(("FPDF_InitLibraryWithConfig", library))
    initialise(ctypes.addressof(_LIBRARY_CONFIG))
    return library


_LIBRARY_CONFIG = _LibraryConfig(2, None, None, 0)
"""Kept for the life of the process: PDFium reads the configuration it is given when it starts."""


class _Pdfium:
    """The PDFium functions the reader calls, typed for plain integer handles.

    The C functions are typed with ``c_void_p`` for handles and output buffers: they take and give Python
    integers (None for NULL), and the reader passes its buffers by address. (pypdfium2's own bindings type
    each handle as a pointer to an opaque struct: every call then checks each argument's pointer type and
    wraps each handle it returns in a new pointer object, which costs more than most of these calls' work.)
    """

    def __init__(self) -> None:
        library = _library()
        handle, address, integer, unsigned = ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_ulong

        def typed(name: str, restype: Any, *argtypes: Any) -> Any:
            return ctypes.CFUNCTYPE(restype, *argtypes)((name, library))

        self.text_kind: int = _TEXT_OBJECT
        self.form_kind: int = _FORM_OBJECT
        self.load_document = typed("FPDF_LoadDocument", handle, ctypes.c_char_p, ctypes.c_char_p)
        self.close_document = typed("FPDF_CloseDocument", None, handle)
        self.page_count = typed("FPDF_GetPageCount", integer, handle)
        self.last_error = typed("FPDF_GetLastError", ctypes.c_ulong)
        self.load_page = typed("FPDF_LoadPage", handle, handle, integer)
        self.close_page = typed("FPDF_ClosePage", None, handle)
        self.load_text_page = typed("FPDFText_LoadPage", handle, handle)
        self.close_text_page = typed("FPDFText_ClosePage", None, handle)
        self.media_box = typed("FPDFPage_GetMediaBox", integer, handle, address, address, address, address)
        self.page_width = typed("FPDF_GetPageWidthF", ctypes.c_float, handle)
        self.page_height = typed("FPDF_GetPageHeightF", ctypes.c_float, handle)
        self.rotation = typed("FPDFPage_GetRotation", integer, handle)
        self.count_objects = typed("FPDFPage_CountObjects", integer, handle)
        self.get_object = typed("FPDFPage_GetObject", handle, handle, integer)
        self.count_form_objects = typed("FPDFFormObj_CountObjects", integer, handle)
        self.get_form_object = typed("FPDFFormObj_GetObject", handle, handle, unsigned)
        self.object_type = typed("FPDFPageObj_GetType", integer, handle)
        self.count_marks = typed("FPDFPageObj_CountMarks", integer, handle)
        self.get_mark = typed("FPDFPageObj_GetMark", handle, handle, unsigned)
        self.mark_blob = typed(
            "FPDFPageObjMark_GetParamBlobValue", integer, handle, ctypes.c_char_p, address, unsigned, address
        )
        self.object_text = typed("FPDFTextObj_GetText", unsigned, handle, handle, address, unsigned)
        self.matrix = typed("FPDFPageObj_GetMatrix", integer, handle, address)
        self.font_size = typed("FPDFTextObj_GetFontSize", integer, handle, address)
        self.bounds = typed("FPDFPageObj_GetBounds", integer, handle, address, address, address, address)
        self.font = typed("FPDFTextObj_GetFont", handle, handle)
        self.base_font_name = typed("FPDFFont_GetBaseFontName", ctypes.c_size_t, handle, address, ctypes.c_size_t)
        self.count_chars = typed("FPDFText_CountChars", integer, handle)
        self.char_object = typed("FPDFText_GetTextObject", handle, handle, integer)
        self.char_unicode = typed("FPDFText_GetUnicode", ctypes.c_uint, handle, integer)
        self.char_is_hyphen = typed("FPDFText_IsHyphen", integer, handle, integer)
        self.char_map_error = typed("FPDFText_HasUnicodeMapError", integer, handle, integer)
        self.char_origin = typed("FPDFText_GetCharOrigin", integer, handle, integer, address, address)


@functools.cache
def _pdfium() -> _Pdfium:
    return _Pdfium()


def preload() -> None:
    """Open PDFium and type its functions now, before forking the processes that read text (one per file
    of a batch), so that each does not do it again. A library that cannot be opened is left for each
    reading to find, which then hands the file to pdfminer."""
    with contextlib.suppress(Exception):
        _pdfium()


def _open_document(pdfium: _Pdfium, path: str) -> int:
    """PDFium's handle of the document at ``path``; raises PdfiumError, in pypdfium2's words, when PDFium
    refuses it or finds no page (pypdfium2's PdfDocument refuses a file without pages too)."""
    encoded = path.encode("utf-8", errors="strict" if sys.platform == "win32" else "surrogateescape")
    document = pdfium.load_document(encoded, None)
    if document and pdfium.page_count(document) >= 1:
        return int(document)
    code = pdfium.last_error()
    if document:
        pdfium.close_document(document)
    raise PdfiumError(f"Failed to load document (PDFium: {_LOAD_ERRORS.get(code, f'Error {code}')}).")


_FLOAT_SIZE = ctypes.sizeof(ctypes.c_float)
_MATRIX, _FONT_SIZE, _BOUNDS = 0, 6, 7
"""Where an object's matrix (a-f), font size and bounds (left, bottom, right, top) sit in ``_Reader.floats``."""
_OBJECT_FLOATS = struct.Struct("11f")
"""``_Reader.floats`` read in one call (reading a ctypes array element by element costs more)."""


class _Reader:
    """What one document's pages share: PDFium's functions, the output buffers, and each font's name."""

    def __init__(self) -> None:
        self.pdfium = _pdfium()
        self.buffer = (ctypes.c_ushort * _BUFFER_CHARS)()
        self.buffer_address = ctypes.addressof(self.buffer)
        self.buffer_bytes = memoryview(self.buffer).cast("B")
        self.fonts: dict[int | None, str] = {}
        # Each call writes its own slots, read back with one slice: a call that fails leaves what it left before.
        self.floats = (ctypes.c_float * 11)()
        start = ctypes.addressof(self.floats)
        self.matrix_address = start + _MATRIX * _FLOAT_SIZE
        self.size_address = start + _FONT_SIZE * _FLOAT_SIZE
        self.bounds_addresses = tuple(start + (_BOUNDS + side) * _FLOAT_SIZE for side in range(4))
        self.marks_buffer = (ctypes.c_ubyte * 512)()
        self.marks_length = ctypes.c_ulong()

    def text(self, obj: int, textpage: int) -> str:
        needed = self.pdfium.object_text(obj, textpage, self.buffer_address, _BUFFER_CHARS * 2)
        data = self.buffer_bytes
        if needed > _BUFFER_CHARS * 2:
            bigger = (ctypes.c_ushort * (needed // 2 + 1))()
            needed = self.pdfium.object_text(obj, textpage, ctypes.addressof(bigger), needed)
            data = memoryview(bigger).cast("B")
        if needed <= 2:
            return ""
        # The codec's own function, on the buffer: bytes.decode("utf-16-le") looks the codec up and calls it
        # through its Python wrapper (encodings.utf_16_le) on each call.
        text, _consumed = codecs.utf_16_le_decode(data[: needed - 2], "replace")
        # The text page puts "\r\n" where an object's glyphs change baseline: one line per object here.
        return text.replace("\r\n", " ")

    def font_name(self, obj: int) -> str:
        font = self.pdfium.font(obj)
        name = self.fonts.get(font)
        if name is None:
            length = self.pdfium.base_font_name(font, None, 0) if font else 0
            if length > 1:
                buffer = ctypes.create_string_buffer(length)
                self.pdfium.base_font_name(font, ctypes.addressof(buffer), length)
                name = buffer.raw[: length - 1].decode("latin-1")
            else:
                name = "unknown"  # a Type 3 font has no /BaseFont; pdfminer calls it this too
            self.fonts[font] = name
        return name

    def actual_text(self, obj: int, marks: int) -> tuple[int | None, str] | None:
        """The outermost /ActualText span holding ``obj`` (which has ``marks`` marks): (the span's identity,
        its text), or None."""
        pdfium = self.pdfium
        length_address = ctypes.addressof(self.marks_length)
        for index in range(marks):
            mark = pdfium.get_mark(obj, index)
            # The raw string: GetParamStringValue gives zeros for these UTF-16 strings in PDFium 7xxx/8xxx.
            buffer: Any = self.marks_buffer
            if not pdfium.mark_blob(
                mark, b"ActualText", ctypes.addressof(buffer), ctypes.sizeof(buffer), length_address
            ):
                continue
            length = self.marks_length.value
            if length > ctypes.sizeof(buffer):
                buffer = (ctypes.c_ubyte * length)()
                pdfium.mark_blob(mark, b"ActualText", ctypes.addressof(buffer), length, length_address)
            text = _text_string(ctypes.string_at(buffer, length))
            return mark, text
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
    reader = _Reader()
    document = _open_document(reader.pdfium, path)
    try:
        pages: list[PageText] = []
        incomplete: list[int] = []
        in_file = reader.pdfium.page_count(document)
        count = min(page_count, in_file) if page_count else in_file
        for index in range(start, count if stop is None else min(stop, count)):
            reader.fonts.clear()  # a font's address may be reused once its pages are closed
            page, complete = _read_page(reader, document, index, fonts or FontFacts())
            pages.append(page)
            if not complete:
                incomplete.append(index + 1)
        return pages, incomplete
    finally:
        reader.pdfium.close_document(document)


Transform = tuple[float, float, float, float, float, float]


def _page_transform(pdfium: _Pdfium, page: int) -> tuple[float, float, Transform]:
    """Width, height and the transform pdfminer applies (origin at the media box corner, /Rotate applied)."""
    box = (ctypes.c_float * 4)()
    corners = [ctypes.addressof(box) + side * _FLOAT_SIZE for side in range(4)]
    if not pdfium.media_box(page, *corners):
        box[:] = [0.0, 0.0, pdfium.page_width(page), pdfium.page_height(page)]
    left, bottom, right, top = box[:]
    rotation = pdfium.rotation(page) * 90
    if rotation == 90:
        ctm = (0.0, -1.0, 1.0, 0.0, -bottom, right)
    elif rotation == 180:
        ctm = (-1.0, 0.0, 0.0, -1.0, right, top)
    elif rotation == 270:
        ctm = (0.0, 1.0, -1.0, 0.0, top, -left)
    else:
        ctm = (1.0, 0.0, 0.0, 1.0, -left, -bottom)
    return abs(right - left), abs(top - bottom), ctm


def _read_page(reader: _Reader, document: int, index: int, fonts: FontFacts) -> tuple[PageText, bool]:
    pdfium = reader.pdfium
    page = pdfium.load_page(document, index)
    if not page:
        return PageText(index + 1, 0.0, 0.0, (), error="PDFium cannot load this page"), False
    textpage = None
    try:
        width, height, ctm = _page_transform(pdfium, page)
        textpage = pdfium.load_text_page(page)
        if not textpage:
            return PageText(index + 1, width, height, (), error="PDFium cannot read this page's text"), False
        items: list[Char] = []
        objects: list[int] = []
        complete = _collect(reader, page, None, ctm, textpage, items, objects)
        last = len(items) - 1
        for position, item in enumerate(items):
            text, font, size, start, y, end, unmapped = item
            following = items[position + 1] if position < last else None
            changed = False
            if math.isnan(end):
                reaches = following is not None and abs(following[4] - y) < 0.5 * size
                end = max(following[3], start) if following and reaches else start
                changed = True
            # The text page gives an object the space that follows it: the next object's own first
            # character, or one PDFium adds for a gap pdfminer would not call a space (narrower than a
            # space glyph). Drop it then; the gap rule of build_lines decides, as for pdfminer's characters.
            if (
                following is not None
                and text.endswith(" ")
                and (
                    following[0].startswith(" ")
                    or text[-2:-1].isspace()
                    or (abs(following[4] - y) < 0.5 * size and following[3] - end < 0.1 * max(size, following[2]))
                )
            ):
                text = text[:-1]
                changed = True
            if changed:
                items[position] = (text, font, size, start, y, end, unmapped)
        owners = None
        if fonts.ligatures and any(
            clean_font_name(item[1]) in fonts.ligatures and _LIGATURE_PIECES.search(item[0]) for item in items
        ):
            owners = _CharacterOwners(pdfium, textpage)
            items = _ligatures(pdfium, textpage, items, objects, fonts.ligatures, owners)
        suspects = {
            obj
            for obj, item in zip(objects, items, strict=True)
            # isprintable first: every character _SUSPECT finds is unprintable, and most texts have none.
            if (not item[0].isprintable() and _SUSPECT.search(item[0]))
            or (fonts.unsure and clean_font_name(item[1]) in fonts.unsure)
        }
        read_again = (
            _characters(pdfium, textpage, suspects, owners or _CharacterOwners(pdfium, textpage)) if suspects else {}
        )
        if read_again:
            for position, obj in enumerate(objects):
                again = read_again.get(obj)
                if again is not None and any(error for _char, error in again):
                    text = "".join("\ufffd" if error else char for char, error in again)
                    unmapped_indexes = frozenset(i for i, (_char, error) in enumerate(again) if error)
                    items[position] = (text, *items[position][1:6], unmapped_indexes)
        return PageText(index + 1, width, height, build_lines(items, gap_after_blank=False)), complete
    except Exception as exc:  # one page PDFium chokes on goes to pdfminer, the others stay
        return PageText(index + 1, 0.0, 0.0, (), error=f"PDFium: {type(exc).__name__}: {exc}"), False
    finally:
        if textpage:
            pdfium.close_text_page(textpage)
        pdfium.close_page(page)


def _collect(
    reader: _Reader,
    page: int,
    form: int | None,
    ctm: Transform,
    textpage: int,
    items: list[Char],
    objects: list[int],
) -> bool:
    """Append the text objects of ``page`` (or of the form XObject ``form``) in drawing order: to ``items``
    what ``build_lines`` reads (text, font name, size, start x, baseline y, end x, no unmapped glyph yet),
    to ``objects`` their handles.

    Returns False when PDFium gave no text for an object that draws something we cannot name.
    """
    pdfium = reader.pdfium
    floats = reader.floats
    matrix_address, size_address = reader.matrix_address, reader.size_address
    left_address, bottom_address, right_address, top_address = reader.bounds_addresses
    text_kind, form_kind = pdfium.text_kind, pdfium.form_kind
    ctm_a, ctm_b, ctm_c, ctm_d, ctm_e, ctm_f = ctm
    complete = True
    span: int | None = None
    if form is None:
        count, get_object, container = pdfium.count_objects(page), pdfium.get_object, page
    else:
        count, get_object, container = pdfium.count_form_objects(form), pdfium.get_form_object, form
    for position in range(count):
        obj = get_object(container, position)
        kind = pdfium.object_type(obj)
        if kind == form_kind:
            pdfium.matrix(obj, matrix_address)
            inner = multiply(_OBJECT_FLOATS.unpack_from(floats)[_MATRIX : _MATRIX + 6], ctm)
            complete = _collect(reader, page, obj, inner, textpage, items, objects) and complete
            span = None
            continue
        if kind != text_kind:
            continue
        marks = pdfium.count_marks(obj)
        actual = reader.actual_text(obj, marks) if marks else None
        if actual is not None and actual[0] == span:
            if items and items[-1][0]:
                pdfium.bounds(obj, left_address, bottom_address, right_address, top_address)
                *_matrix, _size, left, bottom, right, top = _OBJECT_FLOATS.unpack_from(floats)
                last = items[-1]
                items[-1] = (*last[:5], max(last[5], _right_edge(left, bottom, right, top, ctm)), last[6])
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
            if "\x02" in text:  # PDFium's line-end hyphen marker, before any trailing spaces
                body = text.rstrip(" ")
                if body.endswith("\x02"):
                    text = body[:-1] + _LINE_END_HYPHEN + text[len(body) :]
        pdfium.matrix(obj, matrix_address)
        pdfium.font_size(obj, size_address)
        pdfium.bounds(obj, left_address, bottom_address, right_address, top_address)
        _a, _b, c, d, e, f, font_size, left, bottom, right, top = _OBJECT_FLOATS.unpack_from(floats)
        # The object's matrix times ``ctm`` as preflight.pdf.matrix.multiply gives it; only c, d, e, f are used.
        c, d, e, f = (
            c * ctm_a + d * ctm_c,
            c * ctm_b + d * ctm_d,
            e * ctm_a + f * ctm_c + ctm_e,
            e * ctm_b + f * ctm_d + ctm_f,
        )
        font_size *= (c * c + d * d) ** 0.5
        end = _right_edge(left, bottom, right, top, ctm)
        if actual is not None and end - e < 0.01:
            # An ActualText over ink-less glyphs (LibreOffice's no-break spaces): where it ends is unknown,
            # so it is taken to reach the next object, as pdfminer's glyph advances would.
            end = math.nan
        items.append((text, reader.font_name(obj), font_size, e, f, end if math.isnan(end) else max(end, e), False))
        objects.append(obj)
    return complete


def _right_edge(left: float, bottom: float, right: float, top: float, ctm: Transform) -> float:
    """The right end of an object's bounds, mapped by the page/form transform ``ctm``.

    PDFium gives bounds in the space of the object's container; for upright text the right end is the
    larger x of the transformed corners.
    """
    a, _b, c, _d, e, _f = ctm
    return max(left * a + bottom * c + e, right * a + bottom * c + e, left * a + top * c + e, right * a + top * c + e)


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
    pdfium: _Pdfium,
    textpage: int,
    items: list[Char],
    objects: list[int],
    fonts: frozenset[str],
    owners: _CharacterOwners,
) -> list[Char]:
    """Put back the ligature characters (U+FB00-U+FB06) that PDFium's text page splits into letters.

    hidden-characters reports a ligature in the text layer (search and copy see 'ﬁ', not 'fi'). PDFium gives
    each letter of a split ligature the origin of the one glyph, so two letters at one origin were one
    character, when the font maps some glyph to a ligature character (a glyph whose ToUnicode says "fi"
    looks the same to PDFium, and is two characters). Each object's characters are found in the text page
    from where the previous one ended.
    """
    origins = (ctypes.c_double * 4)()
    x, y, x2, y2 = (ctypes.addressof(origins) + index * ctypes.sizeof(ctypes.c_double) for index in range(4))
    cursor = 0
    result = []
    for obj, item in zip(objects, items, strict=True):
        text = item[0]
        if clean_font_name(item[1]) not in fonts or not _LIGATURE_PIECES.search(text):
            result.append(item)
            continue
        start = owners.first(obj, cursor)
        if start is None:
            result.append(item)
            continue
        cursor = start + len(text)
        pieces: list[tuple[int, int, str]] = []
        for match in _LIGATURE_PIECES.finditer(text):
            first = start + match.start()
            if pdfium.char_unicode(textpage, first) != ord(text[match.start()]):
                break  # the text page and the object's text no longer line up: leave the rest as it is
            pdfium.char_origin(textpage, first, x, y)
            same = 1
            for offset in range(1, len(match.group())):
                pdfium.char_origin(textpage, first + offset, x2, y2)
                if (origins[2], origins[3]) != (origins[0], origins[1]):
                    break
                same += 1
            if same > 1 and text[match.start() : match.start() + same] in _LIGATURES:
                pieces.append(
                    (match.start(), match.start() + same, _LIGATURES[text[match.start() : match.start() + same]])
                )
        for begin, end, ligature in reversed(pieces):
            text = text[:begin] + ligature + text[end:]
        result.append((text, *item[1:]))
    return result


class _CharacterOwners:
    """Which text object each character of a page's text page comes from, asked of PDFium once per character
    for the whole page (what the ligature and unmapped-glyph passes both need), and where each object's
    characters are."""

    def __init__(self, pdfium: _Pdfium, textpage: int) -> None:
        count = pdfium.count_chars(textpage)
        self.positions: dict[int | None, list[int]] = {}
        # An object's characters come in runs (most objects, one): the runs are grouped, not each character,
        # and the calls are made by map, without a Python loop around each.
        start = 0
        for owner, run in itertools.groupby(map(pdfium.char_object, itertools.repeat(textpage, count), range(count))):
            end = start + sum(1 for _ in run)
            positions = self.positions.get(owner)
            if positions is None:
                self.positions[owner] = list(range(start, end))
            else:
                positions.extend(range(start, end))
            start = end
        self.positions.pop(None, None)  # characters PDFium adds (spaces, line ends), of no object

    def first(self, key: int, cursor: int) -> int | None:
        """The text-page index of the first character of the object ``key`` from ``cursor`` on, else from the
        page's start (the characters run in drawing order, but not always), or None."""
        positions = self.positions.get(key)
        if not positions:
            return None
        after = bisect.bisect_left(positions, cursor)
        return positions[after] if after < len(positions) else positions[0]


def _characters(
    pdfium: _Pdfium, textpage: int, wanted: set[int], owners: _CharacterOwners
) -> dict[int, list[tuple[str, bool]]]:
    """The characters of the text objects in ``wanted`` that have a glyph without a Unicode mapping, each
    character with whether its glyph has none.

    Besides ``owners`` (a call per character of the page, shared with the ligatures' pass), a call per
    character of these objects, which finds the few with such a glyph; then two more per character of those."""
    char_unicode, char_is_hyphen, char_map_error = pdfium.char_unicode, pdfium.char_is_hyphen, pdfium.char_map_error
    found: dict[int, list[tuple[str, bool]]] = {}
    for key in wanted:
        positions = owners.positions.get(key, ())
        if not any(map(char_map_error, itertools.repeat(textpage, len(positions)), positions)):
            continue  # no glyph of this object without a mapping: its text stays as the object gives it
        characters = []
        for index in positions:
            code = char_unicode(textpage, index)
            if code == 2 and char_is_hyphen(textpage, index):
                characters.append((_LINE_END_HYPHEN, False))  # PDFium's line-end hyphen marker
            elif code:
                characters.append((chr(code), bool(char_map_error(textpage, index))))
        if characters:
            found[key] = characters
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
