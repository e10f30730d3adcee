"""Is an embedded font program really there? Parse it as the type it claims (fontTools), and read its cmap.

Only ``preflight.pdf.structure`` calls this. The work is bounded: table directories and small tables are read,
never every glyph outline.
"""

from __future__ import annotations

import io
import logging
import struct
from dataclasses import dataclass

# fontTools logs what it repairs ("timestamp seems very low"): our verdict says what matters.
logging.getLogger("fontTools").setLevel(logging.ERROR)

# A font program larger than this is not parsed (it is taken as present): bounded work on huge CJK fonts.
MAX_PROGRAM_BYTES = 32_000_000
_TYPE1_HEADERS = (b"%!PS-AdobeFont", b"%!FontType1", b"%!PS-Adobe-3.0 Resource-Font")


@dataclass(frozen=True)
class ProgramCheck:
    """What parsing found: ``problem`` is None for a usable program; ``unicode_coverage`` when a Unicode cmap exists."""

    problem: str | None
    unicode_coverage: frozenset[int] | None = None


def check_program(
    key: str, subtype: str, data: bytes, lengths: tuple[int | None, int | None, int | None]
) -> ProgramCheck:
    """Check the bytes of a /FontFile (Type 1), /FontFile2 (TrueType) or /FontFile3 (``subtype``: Type1C,
    CIDFontType0C, OpenType) stream. ``lengths`` are the stream's /Length1, /Length2, /Length3."""
    if not data.strip(b"\x00 \t\r\n"):
        return ProgramCheck("the font program is empty")
    if len(data) > MAX_PROGRAM_BYTES:
        return ProgramCheck(None)
    try:
        # Parse what the bytes are, not what the label says: poppler warns "Mismatch between font type and
        # embedded font file" and loads it by its content, and so do viewers.
        kind = _sniff(data)
        if kind == "type1":
            return ProgramCheck(_type1_problem(data, lengths if key == "/FontFile" else (None, None, None)))
        if kind == "sfnt":
            return _sfnt(data)
        if kind == "cff":
            return ProgramCheck(_cff_problem(data))
        claimed = {"/FontFile": "Type 1", "/FontFile2": "TrueType"}.get(key, subtype or "CFF")
        return ProgramCheck(f"the {claimed} font program is not a font (it starts with {data[:8]!r})")
    except Exception as exc:  # fontTools raises many kinds on garbage: every one means "not a usable font"
        return ProgramCheck(f"the font program does not parse ({type(exc).__name__}: {str(exc)[:80]})")


def _sniff(data: bytes) -> str:
    if data[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true", b"typ1"):
        return "sfnt"
    if data[:2] == b"\x80\x01" or data.lstrip()[:2] == b"%!":
        return "type1"
    if len(data) >= 4 and data[0] == 1 and 4 <= data[2] <= 32 and 1 <= data[3] <= 4:
        return "cff"  # header: major 1, minor, header size, offset size
    return "unknown"


def _type1_problem(data: bytes, lengths: tuple[int | None, int | None, int | None]) -> str | None:
    start = data[6:] if data[:2] == b"\x80\x01" else data  # a PFB segment header, which some producers keep
    if not start.lstrip().startswith(_TYPE1_HEADERS):
        return "the Type 1 font program does not start with '%!PS-AdobeFont' or '%!FontType1'"
    length1, length2, _ = lengths
    if length1 is not None and not 0 < length1 <= len(data):
        return f"the Type 1 font program's /Length1 ({length1}) does not fit its {len(data)} bytes"
    if b"eexec" not in data[: (length1 or len(data)) + 16]:
        return "the Type 1 font program has no 'eexec' section (its glyphs are missing)"
    if length1 is not None and length2 is not None and (length2 <= 0 or length1 + length2 > len(data) + 16):
        return f"the Type 1 font program is truncated: /Length1 + /Length2 = {length1 + length2}, {len(data)} bytes"
    return None


_MIN_TABLE_BYTES = {"head": 54, "maxp": 6, "loca": 2, "glyf": 1, "CFF ": 4, "CFF2": 5}


def _sfnt(data: bytes) -> ProgramCheck:
    """The table directory holds the tables a viewer needs, inside the data; a CFF table parses.

    Lenient like viewers: an extra garbage directory entry or a table fontTools finds too long is tolerated.
    """
    if len(data) < 12:
        return ProgramCheck("the font program is truncated (no table directory)")
    (count,) = struct.unpack(">H", data[4:6])
    tables: dict[str, tuple[int, int]] = {}
    for index in range(count):
        entry = data[12 + 16 * index : 28 + 16 * index]
        if len(entry) < 16:
            break
        table_tag, _, offset, length = struct.unpack(">4sIII", entry)
        tables.setdefault(table_tag.decode("latin-1"), (offset, length))
    missing = [tag for tag in ("head", "maxp") if tag not in tables]
    if not ({"glyf", "loca"} <= set(tables) or "CFF " in tables or "CFF2" in tables):
        missing.append("glyf/loca or CFF")
    if missing:
        return ProgramCheck(f"the font program is truncated or garbled: no '{missing[0]}' table")
    for tag, (offset, length) in tables.items():
        if tag not in _MIN_TABLE_BYTES:
            continue
        if length < _MIN_TABLE_BYTES[tag] or offset + length > len(data) + 3:
            return ProgramCheck(
                f"the font program is truncated: its '{tag.strip()}' table ends past its {len(data)} bytes"
            )
    if "CFF " in tables:
        offset, length = tables["CFF "]
        problem = _cff_problem(data[offset : offset + length])
        if problem is not None:
            return ProgramCheck(problem)
    return ProgramCheck(None, _unicode_coverage(data))


def _unicode_coverage(data: bytes) -> frozenset[int] | None:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(data), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
        if "cmap" not in font:
            return None
        tables = [table for table in font["cmap"].tables if table.isUnicode() and not table.isSymbol()]
        return frozenset(code for table in tables for code in table.cmap) if tables else None
    except Exception:
        return None  # a cmap fontTools cannot read: coverage unknown, not a broken font


def _cff_problem(data: bytes) -> str | None:
    from fontTools.cffLib import CFFFontSet

    fonts = CFFFontSet()
    fonts.decompile(io.BytesIO(data), None)
    if not fonts.fontNames:
        return "the CFF font program holds no font"
    top = fonts[fonts.fontNames[0]]
    if len(top.CharStrings) == 0:
        return "the CFF font program holds no glyphs"
    return None
