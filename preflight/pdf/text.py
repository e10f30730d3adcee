"""Lean text extraction: pdfminer's interpreter with a device that only collects characters.

pdfminer's own ``extract_text`` runs layout analysis on every page, which costs more than the
interpretation itself. We only need each character with its font, size and baseline position, and
lines rebuilt in content-stream order, so the device below does just that.

PDFium (``preflight.pdf.pdfium_text``) is the main extractor; this one reads the files and pages PDFium cannot
read fully, and is the second, independent reading ``bench/text_equivalence.py`` compares it with.
"""

from __future__ import annotations

import bisect
import functools
import logging
import math
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import pikepdf

_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|-bd\b|bd$|-medi\b|cmbx|lmbx|sfbx|cmb10", re.IGNORECASE)
"""'-Medi': URW's bold (NimbusRomNo9L-Medi, the Times of pdfTeX's mathptmx/times); '-Medium' is no bold."""


@dataclass(slots=True, unsafe_hash=True)
class TextLine:
    """One line of text as the PDF draws it, with the dominant font of its characters.

    Shared by every check and never changed (``dataclasses.replace`` makes another), but not a frozen
    dataclass: a frozen one's ``__init__`` sets each field through ``object.__setattr__``, and a file's
    lines are made twice (read, then received from the process that read them, preflight.workers), so
    that cost three times what a plain ``__init__`` does (8,320 lines: 18 ms against 3). Equal lines hash
    alike, as before.
    """

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    font: str
    bold: bool
    unmapped: frozenset[int] = frozenset()
    """Indexes into ``text`` of characters from glyphs the PDF gives no Unicode meaning for."""
    font_runs: tuple[tuple[int, str], ...] = ()
    """(start index into ``text``, font name) each time the font changes along the line."""

    def __reduce__(self) -> tuple[type[TextLine], tuple[object, ...]]:
        # Pickled by its fields, three times faster than a slotted dataclass's state: a file's text crosses
        # from the process that reads it to the one that checks it (preflight.workers.TextAhead).
        fields = (self.text, self.x0, self.x1, self.baseline, self.size, self.font, self.bold, self.unmapped)
        return (TextLine, (*fields, self.font_runs))

    def font_at(self, index: int) -> str:
        """The font that drew the character at ``index`` (the line's dominant font when unknown)."""
        if not self.font_runs:
            return self.font
        position = bisect.bisect_right(self.font_runs, index, key=lambda run: run[0]) - 1
        return self.font_runs[max(position, 0)][1]


@dataclass(frozen=True, slots=True)
class PageText:
    number: int
    width: float
    height: float
    lines: tuple[TextLine, ...]
    error: str | None = None

    def __reduce__(self) -> tuple[type[PageText], tuple[object, ...]]:
        return (PageText, (self.number, self.width, self.height, self.lines, self.error))

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


_NO_INDEXES: frozenset[int] = frozenset()

Char: TypeAlias = tuple[str, str, float, float, float, float, "bool | frozenset[int]"]
"""What ``build_lines`` reads, in drawing order: text (one character, or a whole text object's), font name,
size, start x, baseline y, end x, and which of its characters come from glyphs without a Unicode mapping
(True: all of them)."""


# Cached: a file has a few fonts and many lines, and the bold pattern (11 alternatives, any case) is tried
# at every position of the name.
@functools.lru_cache(maxsize=4096)
def clean_font_name(name: str) -> str:
    return _SUBSET_PREFIX.sub("", name)


@functools.lru_cache(maxsize=4096)
def is_bold_font(name: str) -> bool:
    return bool(_BOLD_NAME.search(name))


def _collector_class() -> type:
    """Build the pdfminer device class lazily so importing this module stays cheap."""
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.utils import decode_text

    class CharCollector(PDFTextDevice):
        def __init__(self, rsrcmgr: Any) -> None:
            super().__init__(rsrcmgr)
            self.chars: list[Char] = []
            self.spans: list[tuple[int, str | None]] = []

        def begin_page(self, page: Any, ctm: Any) -> None:
            super().begin_page(page, ctm)
            self.chars = []
            self.spans = []

        def begin_tag(self, tag: Any, props: Any = None) -> None:
            """Marked content: remember where a span with /ActualText starts (LibreOffice writes its
            U+00A0, U+202F and U+200D as a space glyph in such a span; pdftotext reads the ActualText)."""
            actual = props.get("ActualText") if isinstance(props, dict) else None
            if isinstance(actual, bytes):
                actual = decode_text(actual)
            self.spans.append((len(self.chars), actual if isinstance(actual, str) else None))

        def end_tag(self) -> None:
            if not self.spans:
                return
            start, actual = self.spans.pop()
            if actual is None or start >= len(self.chars):
                return
            first, last = self.chars[start], self.chars[-1]
            self.chars[start:] = [(actual, first[1], first[2], first[3], first[4], last[5], False)]

        def render_char(
            self,
            matrix: Any,
            font: Any,
            fontsize: float,
            scaling: float,
            rise: float,
            cid: int,
            ncs: Any,
            graphicstate: Any,
        ) -> float:
            unmapped = False
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = "\ufffd"
                unmapped = True
            except Exception:  # broken CMaps in the wild
                text = "\ufffd"
                unmapped = True
            advance = font.char_width(cid) * fontsize * scaling
            a, _b, c, d, e, f = matrix
            size = fontsize * math.hypot(c, d)
            self.chars.append((text, font.fontname or "", size, e, f, e + advance * a, unmapped))
            return float(advance)

    return CharCollector


_TEXT_IN_A_FORM = (b"BT", b"Tj", b"TJ", b"Do")
"""What a form XObject's content holds when it may show text: a text object, the Tj or TJ show operators
(which pdfminer reads even outside one), or another XObject, which may show some."""


@functools.cache
def _interpreter_class() -> type:
    """pdfminer's page interpreter, made lazily, which does not read the form XObjects that hold no text.

    Logos and figures are forms of many thousands of path operators, which pdfminer tokenizes one by one to
    draw nothing we collect: the cover page of corpus-fr's HDR, one of the pages PDFium leaves incomplete,
    took 400 ms for its two logos. A form's graphics state ends with it, so skipping one changes no
    character read after it."""
    from pdfminer.pdfinterp import LITERAL_FORM, PDFPageInterpreter
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import literal_name

    class TextInterpreter(PDFPageInterpreter):  # its forms' interpreters are of this class too (dup)
        def do_Do(self, xobjid_arg: Any) -> None:
            xobj = resolve1(self.xobjmap.get(literal_name(xobjid_arg)))
            if isinstance(xobj, PDFStream) and xobj.get("Subtype") is LITERAL_FORM:
                try:
                    content = xobj.get_data()
                except Exception:  # pdfminer's own reading decides (and fails or not) as before
                    content = b"BT"
                if not any(needle in content for needle in _TEXT_IN_A_FORM):
                    return
            super().do_Do(xobjid_arg)

    return TextInterpreter


def build_lines(chars: list[Char], gap_after_blank: bool = True) -> tuple[TextLine, ...]:
    """Group characters into lines in drawing order, adding the spaces that positioning implies.

    With ``gap_after_blank`` False no space is added after a no-break or other blank character: for whole
    text objects, whose end is their last glyph's ink, so the blank's own width reads as a gap.
    """
    lines: list[TextLine] = []
    buffer: list[str] = []
    length = 0
    unmapped: set[int] = set()
    runs: list[tuple[int, str]] = []
    run_font = ""
    weights: dict[tuple[str, float], int] = {}
    x0 = x1 = baseline = 0.0
    prev_end = 0.0
    prev_size = 0.0

    def flush() -> None:
        text = "".join(buffer)
        if text.strip() and weights:
            # The dominant (font, size); most lines have one.
            font, size = max(weights, key=weights.__getitem__) if len(weights) > 1 else next(iter(weights))
            name = clean_font_name(font)
            lines.append(
                TextLine(  # text, x0, x1, baseline, size, font, bold, unmapped, font_runs
                    text,
                    round(x0, 2),
                    round(x1, 2),
                    round(baseline, 2),
                    round(size, 2),
                    name,
                    is_bold_font(name),
                    frozenset(unmapped) if unmapped else _NO_INDEXES,
                    tuple(runs),
                )
            )
        buffer.clear()
        unmapped.clear()
        runs.clear()
        weights.clear()

    for text, font, size, start, y, end, is_unmapped in chars:
        if not text:
            continue
        if buffer:
            tolerance = size if size > prev_size else prev_size
            if tolerance < 1.0:
                tolerance = 1.0
            if abs(y - baseline) > 0.5 * tolerance or start < prev_end - 3 * tolerance:
                flush()
                length = 0
            elif (
                start - prev_end > 0.1 * tolerance
                and buffer[-1][-1:] != " "
                and text[0] != " "
                and (gap_after_blank or not buffer[-1][-1:].isspace())
            ):
                buffer.append(" ")
                length += 1
        if not buffer:
            x0, baseline, x1 = start, y, end
        elif end > x1:
            x1 = end
        if is_unmapped is True:
            unmapped.update(range(length, length + len(text)))
        elif is_unmapped:
            unmapped.update(length + offset for offset in is_unmapped)
        if not runs or font != run_font:
            run_font = font
            name = clean_font_name(str(font))
            if not runs or runs[-1][1] != name:
                runs.append((length, name))
        buffer.append(text)
        length += len(text)
        drawn = len(text) - text.count(" ")  # a whole text object weighs what its characters weigh
        if drawn:
            key = (font, size)
            weights[key] = weights.get(key, 0) + drawn
        prev_end, prev_size = end, size
    if buffer:
        flush()
    return tuple(lines)


TEXT_OPERATORS = " ".join(
    (
        *("q", "Q", "cm", "gs"),  # the transformation, and a graphics state that may set the font
        *("BT", "ET", "Tc", "Tw", "Tz", "TL", "Tf", "Tr", "Ts", "Td", "TD", "Tm", "T*", "Tj", "TJ", "'", '"'),
        *("Do", "d0", "d1", "BX", "EX"),  # forms (which may show text), Type 3 glyphs, compatibility sections
        *("MP", "DP", "BMC", "BDC", "EMC"),  # marked content, for /ActualText
    )
)
"""The content operators that decide which characters pdfminer reads and where: all but the paths, clips,
colours, shadings, inline images and line styles, which draw no character."""


def _text_operators(pdf: pikepdf.Pdf, index: int, object_number: object) -> bytes | None:
    """Page ``index``'s content with its ``TEXT_OPERATORS`` only, parsed and written by qpdf, for pdfminer
    to interpret in place of the whole: a page drawn with tens of thousands of path operators (a CV made from
    HTML, a Typst or LaTeX page with figures) cost pdfminer 200 ms to tokenize, one token at a time, for its
    text. None (the page as it is) when ``pdf``'s page ``index`` is another object than pdfminer's, or when
    qpdf cannot parse the content cleanly: a damaged stream is left to pdfminer's own recovery, which reads
    other words than qpdf's (a fuzzed file of the corpus)."""
    import pikepdf

    try:
        page = pdf.pages[index]
        if page.obj.objgen[0] != object_number:
            return None
        # qpdf's warnings, which reading them clears: the file's were read when it was opened (preflight.dossier).
        pdf.get_warnings()
        instructions = pikepdf.parse_content_stream(page, TEXT_OPERATORS)
        if pdf.get_warnings():
            return None
        return pikepdf.unparse_content_stream(instructions)
    except Exception:
        return None


def _keep_text_operators(page: Any, pdf: pikepdf.Pdf, index: int) -> None:
    """Give pdfminer's ``page`` (page ``index`` of ``pdf``) its content's ``_text_operators`` only, as one
    stream under the number of the first of its streams (pdfminer tracks them, to refuse a circular form)."""
    from pdfminer.pdftypes import PDFStream, stream_value

    try:
        first = stream_value(page.contents[0]) if page.contents else None
    except Exception:
        return
    text_only = _text_operators(pdf, index, page.pageid) if first is not None else None
    if first is None or text_only is None:
        return
    stream = PDFStream({}, text_only)
    stream.objid, stream.genno = first.objid, first.genno
    page.contents = [stream]


def _extract_range(
    path: str, first: int, last: int, only: Container[int] | None = None, pdf: pikepdf.Pdf | None = None
) -> list[PageText]:
    """Extract pages first..last (0-based, inclusive) of one file, in this process (of those, only the
    0-based indexes in ``only`` when given). ``pdf``, the same file opened with pikepdf, spares pdfminer the
    operators that draw no text (``_text_operators``)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    pages: list[PageText] = []
    try:
        with open(path, "rb") as stream:
            document = PDFDocument(PDFParser(stream))
            resources = PDFResourceManager(caching=True)
            device = _collector_class()(resources)
            interpreter = _interpreter_class()(resources, device)
            for index, page in enumerate(PDFPage.create_pages(document)):
                if index < first:
                    continue
                if index > last:
                    break
                if only is not None and index not in only:
                    continue
                box = page.mediabox or (0, 0, 0, 0)
                width, height = abs(box[2] - box[0]), abs(box[3] - box[1])
                if pdf is not None:
                    _keep_text_operators(page, pdf, index)
                try:
                    interpreter.process_page(page)
                    lines = build_lines(device.chars)
                    pages.append(PageText(index + 1, width, height, lines))
                except Exception as exc:  # one bad page must not hide the others
                    partial = build_lines(device.chars)
                    pages.append(PageText(index + 1, width, height, partial, error=f"{type(exc).__name__}: {exc}"))
    except Exception as exc:  # pdfminer cannot parse what qpdf repaired: say so on every page left
        reason = f"text extraction failed: {type(exc).__name__}: {str(exc)[:200]}"
        done = {page.number for page in pages}
        pages.extend(
            PageText(number, 0.0, 0.0, (), error=reason)
            for number in range(first + 1, last + 2)
            if number not in done and (only is None or number - 1 in only)
        )
    return pages


def extract_page_numbers(path: str, numbers: Iterable[int], pdf: pikepdf.Pdf | None = None) -> list[PageText]:
    """Extract only the pages with these 1-based numbers (those PDFium leaves incomplete); ``pdf`` as for
    ``_extract_range``."""
    wanted = {number - 1 for number in numbers}
    if not wanted:
        return []
    return _extract_range(path, min(wanted), max(wanted), wanted, pdf)


def extract_pages(path: str, page_count: int, pdf: pikepdf.Pdf | None = None) -> list[PageText]:
    """Extract every page's text, in this process; ``pdf`` as for ``_extract_range``.

    Splitting a long file between two processes does not pay: measured on a 2-core machine, 200 pages took
    5.1 s in two processes against 2.8 s in one, and PDFium now reads most files anyway.
    """
    return _extract_range(path, 0, max(page_count - 1, 0), pdf=pdf)
