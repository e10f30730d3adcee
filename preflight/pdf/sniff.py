"""Say what a file that is not a PDF actually is, from its first bytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls or .ppt) renamed .pdf"),
    (b"{\\rtf", "an RTF document renamed .pdf"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image renamed .pdf"),
    (b"\xff\xd8\xff", "a JPEG image renamed .pdf"),
    (b"GIF87a", "a GIF image renamed .pdf"),
    (b"GIF89a", "a GIF image renamed .pdf"),
    (b"II*\x00", "a TIFF image renamed .pdf"),
    (b"MM\x00*", "a TIFF image renamed .pdf"),
    (b"%!PS", "a PostScript file renamed .pdf"),
    (b"\x1f\x8b", "a gzip archive renamed .pdf"),
    (b"Rar!", "a RAR archive renamed .pdf"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive renamed .pdf"),
)

_ZIP_KINDS: tuple[tuple[str, str], ...] = (
    ("word/", "a Word document (.docx) renamed .pdf"),
    ("xl/", "an Excel workbook (.xlsx) renamed .pdf"),
    ("ppt/", "a PowerPoint file (.pptx) renamed .pdf"),
)


def describe_non_pdf(path: Path, head: bytes) -> str:
    """Name the kind of a file whose first bytes hold no PDF header."""
    if not head:
        return "an empty file (0 bytes)"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04"):
        return _describe_zip(path)
    if b" obj" in head and (b"/Type" in head or b"endobj" in head):
        return "a PDF whose '%PDF-' header is missing (a damaged file that strict tools refuse)"
    lowered = head[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "a web page (HTML) saved as .pdf"
    if lowered.startswith(b"<?xml"):
        return "an XML file renamed .pdf"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "a file of an unknown kind, not a PDF"
    return "a plain-text file renamed .pdf"


def _describe_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return "a ZIP archive renamed .pdf"
    if "content.xml" in names and "mimetype" in names:
        return "an OpenDocument file (LibreOffice .odt/.ods) renamed .pdf"
    for prefix, kind in _ZIP_KINDS:
        if any(name.startswith(prefix) for name in names):
            return kind
    return "a ZIP archive renamed .pdf"
