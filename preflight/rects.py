"""Where on a page a finding is: rectangles in PDF points (origin bottom-left), from the text lines checks read.

A ``TextLine`` knows where it starts and ends (``x0``, ``x1``), its baseline and its font size, not its glyphs'
ink: a line's rectangle runs from a quarter of the size below the baseline (descenders) to the size above it
(accents on capitals), the box a reader sees the line in. The HTML report draws these on the page images.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from preflight.pdf.text import TextLine

Rect: TypeAlias = tuple[float, float, float, float]
"""(x0, y0, x1, y1): left, bottom, right, top, in points of the page as shown."""

DESCENT = 0.25
"""How far below the baseline a line's box reaches, in font sizes."""


def line_rect(line: TextLine) -> Rect:
    """The box of one text line."""
    return (line.x0, round(line.baseline - DESCENT * line.size, 2), line.x1, round(line.baseline + line.size, 2))


def union(rects: Iterable[Rect | None]) -> Rect | None:
    """The smallest rectangle holding every given one (None among them ignored); None when there is none."""
    known = [rect for rect in rects if rect is not None]
    if not known:
        return None
    return (
        min(rect[0] for rect in known),
        min(rect[1] for rect in known),
        max(rect[2] for rect in known),
        max(rect[3] for rect in known),
    )


def lines_rect(lines: Iterable[TextLine]) -> Rect | None:
    """The box of several lines of one page (a paragraph, a reference, a cover's text block)."""
    return union(line_rect(line) for line in lines if line.text.strip())


def text_block(lines: Iterable[TextLine]) -> Rect | None:
    """The box of a page's text, for a finding about the page as a whole (a cover that lacks a label): its
    lines with a letter, so a page number in the footer does not stretch it to the page's foot (all its lines
    when none has a letter)."""
    lines = list(lines)
    return lines_rect(line for line in lines if any(char.isalpha() for char in line.text)) or lines_rect(lines)
