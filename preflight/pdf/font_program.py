"""Is an embedded font program really there? Parse it as the type it claims (fontTools), and read its cmap.

Only ``preflight.pdf.structure`` calls this. The work is bounded: table directories and small tables are read,
never every glyph outline.
"""

from __future__ import annotations

import io
import logging
import struct
from dataclasses import dataclass, field
from typing import Any

from preflight.messages import render_template

# fontTools logs what it repairs ("timestamp seems very low"): our verdict says what matters.
logging.getLogger("fontTools").setLevel(logging.ERROR)

# A font program larger than this is not parsed (it is taken as present): bounded work on huge CJK fonts.
MAX_PROGRAM_BYTES = 32_000_000
_TYPE1_HEADERS = (b"%!PS-AdobeFont", b"%!FontType1", b"%!PS-Adobe-3.0 Resource-Font")

PROBLEMS: dict[str, dict[str, str]] = {
    # Why a font program does not count as embedded: fonts-embedded's messages say it ({problem_id:msg}), and
    # the English is FontInfo.problem (the JSON report's data.problem).
    "program-empty": {"en": "the font program is empty", "fr": "le programme de police est vide"},
    "type1-no-header": {
        "en": "the Type 1 font program does not start with '%!PS-AdobeFont' or '%!FontType1'",
        "fr": "le programme de police Type 1 ne commence ni par « %!PS-AdobeFont » ni par « %!FontType1 »",
    },
    "type1-length1": {
        "en": "the Type 1 font program's /Length1 ({length1:d}) does not fit its {program_bytes:bytes}",
        "fr": (
            "le /Length1 ({length1:d}) du programme de police Type 1 est incompatible avec sa taille de "
            "{program_bytes:bytes}"
        ),
    },
    "type1-no-eexec": {
        "en": "the Type 1 font program has no 'eexec' section (its glyphs are missing)",
        "fr": "le programme de police Type 1 n’a pas de section « eexec » (ses glyphes manquent)",
    },
    "type1-truncated": {
        "en": "the Type 1 font program is truncated: /Length1 + /Length2 = {declared:d}, {program_bytes:bytes}",
        "fr": (
            "le programme de police Type 1 est tronqué : /Length1 + /Length2 = {declared:d}, pour {program_bytes:bytes}"
        ),
    },
    "not-a-font": {
        "en": "the {claimed} font program is not a font (it starts with {start})",
        "fr": "le programme de police {claimed} n’est pas une police (il commence par {start})",
    },
    "does-not-parse": {
        "en": "the font program does not parse ({error})",
        "fr": "le programme de police est illisible (erreur de fontTools : {error:quote})",
    },
    "sfnt-no-directory": {
        "en": "the font program is truncated (no table directory)",
        "fr": "le programme de police est tronqué (pas de répertoire des tables)",
    },
    "sfnt-missing-table": {
        "en": "the font program is truncated or garbled: no '{table}' table",
        "fr": "le programme de police est tronqué ou altéré : pas de table « {table} »",
    },
    "sfnt-no-outlines": {
        "en": "the font program is truncated or garbled: no 'glyf/loca or CFF' table",
        "fr": "le programme de police est tronqué ou altéré : ni tables « glyf » et « loca », ni table « CFF »",
    },
    "sfnt-table-past-end": {
        "en": "the font program is truncated: its '{table}' table ends past its {program_bytes:bytes}",
        "fr": "le programme de police est tronqué : sa table « {table} » finit au-delà de ses {program_bytes:bytes}",
    },
    "cff-no-font": {
        "en": "the CFF font program holds no font",
        "fr": "le programme de police CFF ne contient aucune police",
    },
    "cff-no-glyphs": {
        "en": "the CFF font program holds no glyphs",
        "fr": "le programme de police CFF ne contient aucun glyphe",
    },
    # Set by preflight.pdf.structure, which finds these before any program is read.
    "program-not-stream": {
        "en": "its {program_key} is {object_kind:msg}, not a font program stream",
        "fr": "son {program_key} est {object_kind:msg}, pas un flux de programme de police",
    },
    "object-dictionary": {"en": "a dictionary", "fr": "un dictionnaire"},
    "object-array": {"en": "an array", "fr": "un tableau"},
    "object-other": {"en": "a {object_type}", "fr": "un objet de type « {object_type} »"},
    "program-undecodable": {
        "en": "its {program_key} stream cannot be decoded ({error_type})",
        "fr": "son flux {program_key} ne peut pas être décodé ({error_type})",
    },
}


def problem_text(problem_id: str, args: dict[str, Any]) -> str:
    """A problem in English, as FontInfo.problem keeps it."""
    return render_template(PROBLEMS, problem_id, args, "en")


@dataclass(frozen=True)
class ProgramCheck:
    """What parsing found: ``problem`` is None for a usable program; ``unicode_coverage`` when a Unicode cmap exists."""

    problem: str | None
    unicode_coverage: frozenset[int] | None = None
    problem_id: str | None = None
    """The problem as a message of ``PROBLEMS``, with ``problem_args``."""
    problem_args: dict[str, Any] = field(default_factory=dict)


def _problem(problem_id: str, **args: Any) -> ProgramCheck:
    return ProgramCheck(problem_text(problem_id, args), problem_id=problem_id, problem_args=args)


def check_program(
    key: str, subtype: str, data: bytes, lengths: tuple[int | None, int | None, int | None]
) -> ProgramCheck:
    """Check the bytes of a /FontFile (Type 1), /FontFile2 (TrueType) or /FontFile3 (``subtype``: Type1C,
    CIDFontType0C, OpenType) stream. ``lengths`` are the stream's /Length1, /Length2, /Length3."""
    if not data.strip(b"\x00 \t\r\n"):
        return _problem("program-empty")
    if len(data) > MAX_PROGRAM_BYTES:
        return ProgramCheck(None)
    try:
        # Parse what the bytes are, not what the label says: poppler warns "Mismatch between font type and
        # embedded font file" and loads it by its content, and so do viewers.
        kind = _sniff(data)
        if kind == "type1":
            return _type1_problem(data, lengths if key == "/FontFile" else (None, None, None))
        if kind == "sfnt":
            return _sfnt(data)
        if kind == "cff":
            return _cff_problem(data) or ProgramCheck(None)
        claimed = {"/FontFile": "Type 1", "/FontFile2": "TrueType"}.get(key, subtype or "CFF")
        return _problem("not-a-font", claimed=claimed, start=repr(data[:8]))
    except Exception as exc:  # fontTools raises many kinds on garbage: every one means "not a usable font"
        return _problem("does-not-parse", error=f"{type(exc).__name__}: {str(exc)[:80]}")


def _sniff(data: bytes) -> str:
    if data[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true", b"typ1"):
        return "sfnt"
    if data[:2] == b"\x80\x01" or data.lstrip()[:2] == b"%!":
        return "type1"
    if len(data) >= 4 and data[0] == 1 and 4 <= data[2] <= 32 and 1 <= data[3] <= 4:
        return "cff"  # header: major 1, minor, header size, offset size
    return "unknown"


def _type1_problem(data: bytes, lengths: tuple[int | None, int | None, int | None]) -> ProgramCheck:
    start = data[6:] if data[:2] == b"\x80\x01" else data  # a PFB segment header, which some producers keep
    if not start.lstrip().startswith(_TYPE1_HEADERS):
        return _problem("type1-no-header")
    length1, length2, _ = lengths
    if length1 is not None and not 0 < length1 <= len(data):
        return _problem("type1-length1", length1=length1, program_bytes=len(data))
    if b"eexec" not in data[: (length1 or len(data)) + 16]:
        return _problem("type1-no-eexec")
    if length1 is not None and length2 is not None and (length2 <= 0 or length1 + length2 > len(data) + 16):
        return _problem("type1-truncated", declared=length1 + length2, program_bytes=len(data))
    return ProgramCheck(None)


_MIN_TABLE_BYTES = {"head": 54, "maxp": 6, "loca": 2, "glyf": 1, "CFF ": 4, "CFF2": 5}


def _sfnt(data: bytes) -> ProgramCheck:
    """The table directory holds the tables a viewer needs, inside the data; a CFF table parses.

    Lenient like viewers: an extra garbage directory entry or a table fontTools finds too long is tolerated.
    """
    if len(data) < 12:
        return _problem("sfnt-no-directory")
    (count,) = struct.unpack(">H", data[4:6])
    tables: dict[str, tuple[int, int]] = {}
    for index in range(count):
        entry = data[12 + 16 * index : 28 + 16 * index]
        if len(entry) < 16:
            break
        table_tag, _, offset, length = struct.unpack(">4sIII", entry)
        tables.setdefault(table_tag.decode("latin-1"), (offset, length))
    missing = [tag for tag in ("head", "maxp") if tag not in tables]
    if missing:
        return _problem("sfnt-missing-table", table=missing[0])
    if not ({"glyf", "loca"} <= set(tables) or "CFF " in tables or "CFF2" in tables):
        return _problem("sfnt-no-outlines")
    for tag, (offset, length) in tables.items():
        if tag not in _MIN_TABLE_BYTES:
            continue
        if length < _MIN_TABLE_BYTES[tag] or offset + length > len(data) + 3:
            return _problem("sfnt-table-past-end", table=tag.strip(), program_bytes=len(data))
    if "CFF " in tables:
        offset, length = tables["CFF "]
        problem = _cff_problem(data[offset : offset + length])
        if problem is not None:
            return problem
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


def _cff_problem(data: bytes) -> ProgramCheck | None:
    from fontTools.cffLib import CFFFontSet

    fonts = CFFFontSet()
    fonts.decompile(io.BytesIO(data), None)
    if not fonts.fontNames:
        return _problem("cff-no-font")
    top = fonts[fonts.fontNames[0]]
    if len(top.CharStrings) == 0:
        return _problem("cff-no-glyphs")
    return None
