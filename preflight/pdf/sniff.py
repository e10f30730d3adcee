"""Say what a file that is not a PDF actually is, from its first bytes."""

from __future__ import annotations

from pathlib import Path

KINDS: dict[str, str] = {
    "office-legacy": "an old Microsoft Office file (.doc, .xls or .ppt) renamed .pdf",
    "rtf": "an RTF document renamed .pdf",
    "png": "a PNG image renamed .pdf",
    "jpeg": "a JPEG image renamed .pdf",
    "gif": "a GIF image renamed .pdf",
    "tiff": "a TIFF image renamed .pdf",
    "postscript": "a PostScript file renamed .pdf",
    "gzip": "a gzip archive renamed .pdf",
    "rar": "a RAR archive renamed .pdf",
    "7z": "a 7-Zip archive renamed .pdf",
    "docx": "a Word document (.docx) renamed .pdf",
    "xlsx": "an Excel workbook (.xlsx) renamed .pdf",
    "pptx": "a PowerPoint file (.pptx) renamed .pdf",
    "odf": "an OpenDocument file (LibreOffice .odt/.ods) renamed .pdf",
    "zip": "a ZIP archive renamed .pdf",
    "empty": "an empty file (0 bytes)",
    "pdf-without-header": "a PDF whose '%PDF-' header is missing (a damaged file that strict tools refuse)",
    "html": "a web page (HTML) saved as .pdf",
    "xml": "an XML file renamed .pdf",
    "unknown": "a file of an unknown kind, not a PDF",
    "text": "a plain-text file renamed .pdf",
}
"""Each kind ``identify_non_pdf`` names, in English (pdf-readable's messages say it in each language)."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office-legacy"),
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"%!PS", "postscript"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
)

_ZIP_KINDS: tuple[tuple[str, str], ...] = (
    ("word/", "docx"),
    ("xl/", "xlsx"),
    ("ppt/", "pptx"),
)


def describe_non_pdf(path: Path, head: bytes) -> str:
    """Name the kind of a file whose first bytes hold no PDF header."""
    return KINDS[identify_non_pdf(path, head)]


def identify_non_pdf(path: Path, head: bytes) -> str:
    """The kind (a key of ``KINDS``) of a file whose first bytes hold no PDF header."""
    if not head:
        return "empty"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04"):
        return _identify_zip(path)
    if b" obj" in head and (b"/Type" in head or b"endobj" in head):
        return "pdf-without-header"
    lowered = head[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"
    if lowered.startswith(b"<?xml"):
        return "xml"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "unknown"
    return "text"


def _identify_zip(path: Path) -> str:
    import zipfile  # only for a file that is no PDF

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return "zip"
    if "content.xml" in names and "mimetype" in names:
        return "odf"
    for prefix, kind in _ZIP_KINDS:
        if any(name.startswith(prefix) for name in names):
            return kind
    return "zip"
