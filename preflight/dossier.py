"""The dossier: one PDF, opened once, read-only, with what checks need computed lazily and once.

Checks never open files or touch PDF objects; they read the properties below.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from preflight.pdf.sniff import KINDS, identify_non_pdf

if TYPE_CHECKING:
    import pikepdf

    from preflight.paths import Stamp
    from preflight.pdf.strict import StrictParse
    from preflight.pdf.structure import ActiveItem, FieldValue, FontInfo, ImageInfo, LinkInfo, OutlineEntry
    from preflight.pdf.text import PageText
    from preflight.publications import PublicationList
    from preflight.sections import Sections

HEADER_WINDOW = 1024
"""Viewers accept a %PDF- header anywhere in the first kilobyte; so do we, with a warning."""


@dataclass(frozen=True)
class OpenProblem:
    """Why a file cannot be read as a PDF, and what the user should do."""

    kind: str  # empty, not-pdf, password, damaged, unreadable, over-budget
    message: str
    fix: str
    message_id: str = ""
    """The message (and its fix, ``<id>.fix``) in preflight.checks.pdf_readable's MESSAGES, with ``args``."""
    args: Mapping[str, object] = field(default_factory=dict)


class Dossier:
    def __init__(self, path: str | Path, display_name: str | None = None) -> None:
        self.path = Path(path)
        self.name = display_name or str(path)
        self.problem: OpenProblem | None = None
        self.repair_warnings: list[str] = []
        self.header_offset = 0
        self._pdf: pikepdf.Pdf | None = None
        self.size = 0
        self.stamp: Stamp | None = None
        """The file as it was opened (preflight.paths.file_stamp): what was read elsewhere must be of it."""
        self.section_config: Mapping[str, Any] | None = None
        """The rule set's [sections] table (titles, page ranges), set by the engine before checks run."""
        self.report_data: dict[str, object] = {}
        """What checks add to this file's report beside their findings (e.g. the CV timeline); the engine
        copies it into FileReport.extra, which the JSON report merges into the file's object."""
        self.text_ahead: Callable[[Stamp | None], list[PageText] | None] | None = None
        """Where the pages' text may already be read (preflight.workers.TextAhead.pages): None to read it here."""
        self.fonts_ahead: Callable[[Stamp | None], list[FontInfo] | None] | None = None
        """Where the fonts may already be collected (preflight.workers.TextAhead.fonts): None to do it here."""
        self._open()

    # ------------------------------------------------------------------ opening
    def _open(self) -> None:
        try:
            info = self.path.stat()
            self.size = info.st_size
            self.stamp = (info.st_ino, info.st_size, info.st_mtime_ns)
            with self.path.open("rb") as stream:
                head = stream.read(HEADER_WINDOW)
        except IsADirectoryError:
            self.problem = OpenProblem(
                "unreadable", "this is a folder, not a file", "Give the path of the PDF.", message_id="folder"
            )
            return
        except OSError as exc:
            self.problem = OpenProblem(
                "unreadable",
                f"the file cannot be read: {exc.strerror or exc}",
                "Check the path and that you may read the file.",
                message_id="cannot-read",
                args={"error": str(exc.strerror or exc), "errno": exc.errno},
            )
            return
        offset = head.find(b"%PDF-")
        if offset < 0:
            code = identify_non_pdf(self.path, head)
            kind = KINDS[code]
            self.problem = OpenProblem(
                "empty" if not head else "not-pdf",
                f"the file is {kind}" if kind.startswith(("a PDF", "an empty")) else f"this is not a PDF: it is {kind}",
                "Export or save the dossier as PDF from your editor (File > Export > PDF) and check that file instead.",
                message_id={"empty": "empty-file", "pdf-without-header": "no-pdf-header"}.get(code, "not-pdf"),
                args={"file_kind": f"file-kind-{code}"},
            )
            return
        self.header_offset = offset
        import pikepdf

        try:
            pdf = pikepdf.open(self.path)
        except pikepdf.PasswordError:
            self.problem = OpenProblem(
                "password",
                "the file is protected by a password that is needed to open it",
                "Open it with its password and print it to a new PDF, or run "
                "'qpdf --decrypt --password=YOURS in.pdf out.pdf'; the portal cannot open protected files.",
                message_id="password",
            )
            return
        except Exception as exc:  # qpdf gives up: truncated or damaged beyond repair
            self.problem = OpenProblem(
                "damaged",
                f"the PDF is damaged and cannot be opened: {self._without_path(exc)}",
                "Export the PDF again from its source document; if you only have this file, open it in a "
                "viewer and print it to a new PDF.",
                message_id="damaged",
                args={"error": self._without_path(exc)},
            )
            return
        try:
            page_count = len(pdf.pages)
        except Exception as exc:
            pdf.close()
            self.problem = OpenProblem(
                "damaged",
                f"the PDF's page tree is damaged: {self._without_path(exc)}",
                "Export the PDF again from its source document.",
                message_id="damaged-page-tree",
                args={"error": self._without_path(exc)},
            )
            return
        self.repair_warnings = [self._without_path(w) for w in pdf.get_warnings()]
        if page_count == 0:
            pdf.close()
            self.problem = OpenProblem(
                "damaged",
                "the PDF has no pages",
                "Export the PDF again from its source document.",
                message_id="no-pages",
            )
            return
        from preflight.pdf import budget

        try:
            budget.measure(pdf, budget.active())
        except budget.OverBudget as over:
            pdf.close()
            self.problem = OpenProblem(
                "over-budget", over.message, budget.OVER_BUDGET_FIX, f"over-budget-{over.limit}", over.args_for_message
            )
            return
        self._pdf = pdf

    def _without_path(self, message: object) -> str:
        """qpdf starts its messages with the file's path, which the report already shows."""
        text = _first_line(message)
        for prefix in (str(self.path), self.path.name):
            if text.startswith(prefix):
                return text[len(prefix) :].lstrip(": ")
        return text

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def __enter__(self) -> Dossier:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def readable(self) -> bool:
        return self.problem is None

    @property
    def pdf(self) -> pikepdf.Pdf:
        if self._pdf is None:
            raise RuntimeError(f"{self.name} is not a readable PDF")
        return self._pdf

    # ------------------------------------------------------------------ structure
    @functools.cached_property
    def page_count(self) -> int:
        return len(self.pdf.pages) if self._pdf is not None else 0

    @functools.cached_property
    def page_sizes(self) -> list[tuple[float, float]]:
        from preflight.pdf.structure import inherited

        sizes: list[tuple[float, float]] = []
        for page in self.pdf.pages:
            box = inherited(page.obj, "/MediaBox")
            try:
                x0, y0, x1, y1 = (float(v) for v in box)
                sizes.append((round(abs(x1 - x0), 1), round(abs(y1 - y0), 1)))
            except Exception:
                sizes.append((0.0, 0.0))
        return sizes

    @functools.cached_property
    def encryption(self) -> dict[str, Any] | None:
        """None when the file is not encrypted; otherwise what is restricted."""
        pdf = self.pdf
        if not pdf.is_encrypted:
            return None
        allow = pdf.allow
        restricted = [
            label
            for label, allowed in (
                ("printing", allow.print_highres),
                ("copying text", allow.extract),
                ("changing the document", allow.modify_other),
                ("filling forms", allow.modify_form),
                ("comments", allow.modify_annotation),
                ("assembling pages", allow.modify_assembly),
            )
            if not allowed
        ]
        method = pdf.encryption
        return {
            "restricted": restricted,
            "stream_method": str(getattr(method, "stream", "")),
            "bits": int(getattr(method, "bits", 0) or 0),
        }

    @functools.cached_property
    def fonts(self) -> list[FontInfo]:
        if self.fonts_ahead is not None and self.readable:
            fonts = self.fonts_ahead(self.stamp)  # the same walk, of the same file, in another process
            if fonts is not None:
                return fonts
        from preflight.pdf.structure import collect_fonts

        return collect_fonts(self.pdf)

    @functools.cached_property
    def images(self) -> list[ImageInfo]:
        from preflight.pdf.structure import collect_images

        return collect_images(self.pdf)

    @functools.cached_property
    def active_content(self) -> list[ActiveItem]:
        from preflight.pdf.structure import collect_active_content

        return collect_active_content(self.pdf)

    @functools.cached_property
    def outline(self) -> list[OutlineEntry]:
        from preflight.pdf.structure import collect_outline

        return collect_outline(self.pdf)

    @functools.cached_property
    def links(self) -> list[LinkInfo]:
        """Link annotations and their targets (web address or page), page by page."""
        from preflight.pdf.structure import collect_links

        return collect_links(self.pdf)

    @functools.cached_property
    def metadata(self) -> dict[str, str]:
        from preflight.pdf.structure import collect_metadata

        return collect_metadata(self.pdf)

    @functools.cached_property
    def undecodable_contents(self) -> list[tuple[int, str]]:
        """(page, reason) for each page whose content stream cannot be decoded: drawn blank or cut short."""
        from preflight.pdf.structure import undecodable_contents

        return undecodable_contents(self.pdf)

    @functools.cached_property
    def metadata_encoding_problems(self) -> list[tuple[str, str, dict[str, object]]]:
        """(Info key, kind, details) for metadata strings whose bytes are not the UTF-16 (or UTF-8) they announce."""
        from preflight.pdf.structure import metadata_encoding_problems

        return metadata_encoding_problems(self.pdf)

    @functools.cached_property
    def field_values(self) -> list[FieldValue]:
        """The text typed into the file's form fields (AcroForm /V values), with the page of each field."""
        from preflight.pdf.structure import collect_field_values

        return collect_field_values(self.pdf)

    # ------------------------------------------------------------------ text
    @functools.cached_property
    def pages(self) -> list[PageText]:
        """Each page's text lines with font sizes, extracted once (PDFium, pdfminer where PDFium falls short)."""
        if self.text_ahead is not None:
            pages = self.text_ahead(self.stamp)  # the same extraction, of the same file, in another process
            if pages is not None:
                return pages
        from preflight.pdf.pdfium_text import extract_pages

        return extract_pages(str(self.path), self.page_count, self.pdf)

    @functools.cached_property
    def sections(self) -> Sections:
        """Cover, CV, activity report, project, ... found once from the outline, headings and config.

        Without ``section_config`` (None or empty) the default rule set's titles are used.
        """
        from preflight.sections import Sections, default_config

        config = self.section_config if self.section_config else default_config()
        return Sections(self, config)

    def publications(self, candidate: str | None = None) -> PublicationList:
        """The publication list read once (per candidate name): entries, groups, status and name marks.

        ``candidate`` is the configured name; without it, the name on the cover is looked for."""
        from preflight.publications import read_publications

        cache: dict[str | None, PublicationList] = self.__dict__.setdefault("_publications", {})
        if candidate not in cache:
            cache[candidate] = read_publications(self, candidate)
        return cache[candidate]

    # ------------------------------------------------------------------ strict parse (pypdf)
    @functools.cached_property
    def strict_parse(self) -> StrictParse | None:
        """Whether a strict parser (pypdf, strict mode, bounded in time) accepts the file, as some upload
        portals' parsers would; None when pikepdf could not open it (pdf-readable already fails it)."""
        if self._pdf is None:
            return None
        from preflight.pdf.strict import strict_parse

        return strict_parse(self.path)


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0] if text else type(value).__name__
