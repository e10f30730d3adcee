"""Back to the source: point a finding of the PDF at the line of the source file it comes from.

Two ways, tried in this order for each finding with a page:

- its snippet (a hidden character's context, the text a finding quotes) found in a source of the repository:
  the .tex, .md, .txt and .docx files git tracks in the PDF's repository (outside git, those in the PDF's
  folder and the one above). The character itself is looked for with as much of its context as the source
  shares (a PDF's lines are not the source's), and must be found in one place only;
- SyncTeX: a ``<name>.synctex.gz`` (or ``.synctex``) beside the PDF, as ``pdflatex -synctex=1`` writes it,
  read directly (its format is simple text): the source line of the box nearest to the finding's position on
  its page, or of the page's first line of text when the finding has no position.

The result is ``file:line`` or ``file:line:column``, relative to the current folder: the text, Markdown, JSON
and SARIF reports show it (SARIF as the result's first physical location, which code scanning annotates).
It is not the dossier's text, so it is kept with ``--no-snippets``.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from preflight.model import FileReport, GradedFinding, RunReport
from preflight.paths import synctex_paths

SOURCE_SUFFIXES = (".tex", ".md", ".markdown", ".txt", ".docx")
MAX_SOURCES = 500
MAX_SOURCE_BYTES = 4_000_000
MAX_TOTAL_CHARACTERS = 20_000_000
SP_PER_BP = 65781.76
"""TeX scaled points per PDF point (1 bp = 72.27/72 pt, 1 pt = 65536 sp)."""
SYSTEM_SOURCE = re.compile(r"\.(cls|sty|clo|def|fd|cfg|ldf|bbx|cbx|lbx)$")

MESSAGES: dict[str, dict[str, str]] = {
    "source.at": {"en": "in the source: {place}", "fr": "dans la source : {place}"},
}


def say(message_id: str, language: str | None = None, /, **args: object) -> str:
    from preflight.i18n import get_language
    from preflight.messages import render_template

    return render_template(MESSAGES, message_id, args, language or get_language())


# -------------------------------------------------------------------------------- text search
_MARKER = re.compile(r"⟦U\+([0-9A-F]{4,6})[^⟧]*⟧|⟦([^⟧]*?) → [^⟧]*⟧")


def needle(snippet: str) -> tuple[str, int | None]:
    """The snippet as the source would hold it (markers turned back into their characters, the ellipses of a cut
    context dropped), and where the first marked character is in it (None when nothing is marked)."""
    text = snippet.split(" | ")[0]
    text = text.removeprefix("…").removesuffix("…")
    out: list[str] = []
    first: int | None = None
    position = 0
    for match in _MARKER.finditer(text):
        out.append(text[position : match.start()])
        if first is None:
            first = sum(len(part) for part in out)
        out.append(chr(int(match.group(1), 16)) if match.group(1) else match.group(2))
        position = match.end()
    out.append(text[position:])
    return "".join(out), first


def find_in_sources(snippet: str, sources: Iterable[tuple[str, str]]) -> tuple[str, int, int] | None:
    """(path, line, column) of the snippet's marked character (or its start) in exactly one place of the sources.

    The widest context the sources share wins: the whole snippet, then fewer characters either side."""
    text, marked = needle(snippet)
    loaded = list(sources)
    pieces: list[tuple[str, int]] = []
    if marked is None:
        stripped = text.strip()
        if len(stripped) >= 8:
            pieces.append((stripped, 0))
    else:
        for width in (len(text), 24, 12, 6, 3, 1):
            left = max(0, marked - width)
            candidate = (text[left : marked + width + 1], marked - left)
            if candidate not in pieces:
                pieces.append(candidate)
    for piece, offset in pieces:
        places = [(path, index + offset) for path, content in loaded for index in _occurrences(content, piece)]
        if len(places) == 1:
            path, index = places[0]
            content = dict(loaded)[path]
            line = content.count("\n", 0, index) + 1
            column = index - (content.rfind("\n", 0, index) + 1) + 1
            return path, line, column
        if len(places) > 1:
            return None  # ambiguous: a narrower context would only be more so
    return None


def _occurrences(content: str, piece: str) -> Iterable[int]:
    start = content.find(piece)
    while start != -1:
        yield start
        start = content.find(piece, start + 1)


def source_files(pdf: Path) -> list[Path]:
    """The sources a PDF may be built from: git's tracked files of its repository, else its folder and the parent."""
    folder = pdf.parent
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True, check=False
        )
        if top.returncode == 0:
            root = Path(top.stdout.strip())
            listed = subprocess.run(
                ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                cwd=root,
                capture_output=True,
                check=False,
            )
            if listed.returncode == 0:
                names = listed.stdout.decode("utf-8", "surrogateescape").split("\0")
                return [root / name for name in names if name.lower().endswith(SOURCE_SUFFIXES)][:MAX_SOURCES]
    except OSError:
        pass
    found: list[Path] = []
    for place in (folder, folder.parent):
        try:
            found += sorted(p for p in place.iterdir() if p.is_file() and p.name.lower().endswith(SOURCE_SUFFIXES))
        except OSError:
            continue
    return found[:MAX_SOURCES]


def read_source(path: Path) -> str | None:
    """A source's text: a .docx's paragraphs (as `preflight text` reads them), else UTF-8 or Windows-1252."""
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return None
        if path.suffix.lower() == ".docx":
            from preflight.commands.text import InputError, read_input

            try:
                return read_input(str(path))[0]
            except InputError:
                return None
        data = path.read_bytes()
    except OSError:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n")


# ------------------------------------------------------------------------------------- SyncTeX
@dataclass(frozen=True)
class Record:
    kind: str
    tag: int
    line: int
    h: float
    v: float
    width: float = 0.0
    height: float = 0.0
    depth: float = 0.0


@dataclass
class SyncTeX:
    """A SyncTeX file, read: the inputs by tag and each page's records (positions in sp from the top left)."""

    inputs: dict[int, str]
    pages: dict[int, list[Record]] = field(default_factory=dict)
    unit: float = 1.0
    folder: Path = Path(".")

    @classmethod
    def beside(cls, pdf: Path) -> SyncTeX | None:
        for candidate in synctex_paths(pdf):
            if candidate.is_file():
                try:
                    opener = gzip.open if candidate.suffix == ".gz" else open
                    with opener(candidate, "rt", encoding="utf-8", errors="replace") as stream:
                        return cls.parse(stream, candidate.parent)
                except (OSError, EOFError, ValueError):
                    return None
        return None

    @classmethod
    def parse(cls, lines: Iterable[str], folder: Path = Path(".")) -> SyncTeX:
        inputs: dict[int, str] = {}
        pages: dict[int, list[Record]] = {}
        unit = 1.0
        page: list[Record] | None = None
        record = re.compile(r"^([\[(vhxkg$])(\d+),(\d+)(?:,-?\d+)?:(-?\d+),(-?\d+)(?::(-?\d+),(-?\d+),(-?\d+))?")
        for raw in lines:
            line = raw.rstrip("\n")
            if line.startswith("Input:"):
                tag, _, name = line[6:].partition(":")
                if tag.isdigit():
                    inputs[int(tag)] = name
            elif line.startswith("Unit:"):
                try:
                    unit = float(line[5:]) or 1.0
                except ValueError:
                    unit = 1.0
            elif line.startswith("{") and line[1:].isdigit():
                page = pages.setdefault(int(line[1:]), [])
            elif line.startswith("}"):
                page = None
            elif page is not None:
                match = record.match(line)
                if match:
                    kind, tag, number, h, v, width, height, depth = match.groups()
                    page.append(
                        Record(
                            kind,
                            int(tag),
                            int(number),
                            float(h) * unit,
                            float(v) * unit,
                            float(width or 0) * unit,
                            float(height or 0) * unit,
                            float(depth or 0) * unit,
                        )
                    )
        return cls(inputs, pages, unit, folder)

    def locate(self, page: int, point: tuple[float, float] | None = None) -> tuple[str, int] | None:
        """(source path, line) for a point (PDF points from the page's top left), or the page's first text line.

        As ``synctex edit`` does, the answer comes from the records of the text itself (characters, glue,
        kerns, void boxes), not from the boxes around them, whose line is where TeX closed them: the nearest
        baseline, then on it the last record at or left of the point."""
        records = [
            r for r in self.pages.get(page, []) if r.kind in "hxkg$" and r.line > 0 and self._is_document_source(r.tag)
        ]
        if not records:
            return None
        if point is None:
            # The first line of text: headers and footers are void boxes TeX tags with the line it shipped at.
            text = [r for r in records if r.kind == "x"] or records
            baseline = min(r.v for r in text)
            h = min(r.h for r in text if r.v == baseline)
        else:
            h, v = point[0] * SP_PER_BP, point[1] * SP_PER_BP
            baseline = min({r.v for r in records}, key=lambda candidate: abs(candidate - v))
        line = [r for r in records if r.v == baseline]
        left = [r for r in line if r.h <= h + SP_PER_BP]
        chosen = max(left, key=lambda r: r.h) if left else min(line, key=lambda r: r.h)
        return self._path(chosen.tag), chosen.line

    def _is_document_source(self, tag: int) -> bool:
        name = self.inputs.get(tag, "")
        return bool(name) and not SYSTEM_SOURCE.search(name) and "/texmf" not in name

    def _path(self, tag: int) -> str:
        name = self.inputs.get(tag, "")
        path = Path(name)
        candidates = [path] if path.is_absolute() else [self.folder / path, self.folder.parent / path, path]
        for candidate in candidates:
            if candidate.is_file():
                return _relative(candidate)
        return _relative(path)


def _relative(path: Path) -> str:
    try:
        return Path(os.path.relpath(os.path.normpath(path.absolute()))).as_posix()
    except ValueError:
        return path.as_posix()


# -------------------------------------------------------------------------------------- the run
def with_source_lines(report: RunReport, search_text: bool = True) -> RunReport:
    """The report with ``source_line`` set on every finding whose source line could be found; without
    ``search_text``, only from a SyncTeX file beside the PDF."""
    files = tuple(_file_with_sources(file_report, search_text) for file_report in report.files)
    return dataclasses.replace(report, files=files)


def _file_with_sources(file_report: FileReport, search_text: bool) -> FileReport:
    located = [
        item
        for outcome in file_report.outcomes
        for item in outcome.findings
        if item.finding.page is not None or item.finding.snippet
    ]
    pdf = Path(file_report.path)
    if not located or not pdf.is_file():
        return file_report
    synctex = SyncTeX.beside(pdf)
    if synctex is None and not search_text:
        return file_report
    sources: list[tuple[str, str]] | None = None if search_text else []
    heights: dict[int, float] = {}

    def loaded_sources() -> list[tuple[str, str]]:
        nonlocal sources
        if sources is None:
            sources = []
            total = 0
            for path in source_files(pdf):
                content = read_source(path)
                if content is not None:
                    sources.append((_relative(path), content))
                    total += len(content)
                    if total > MAX_TOTAL_CHARACTERS:
                        break
        return sources

    def locate(item: GradedFinding) -> str | None:
        finding = item.finding
        if finding.snippet:
            found = find_in_sources(finding.snippet, loaded_sources())
            if found is not None:
                return f"{found[0]}:{found[1]}:{found[2]}"
        if synctex is not None and finding.page is not None:
            point = None
            if finding.rect is not None:
                height = heights.get(finding.page) or _page_height(pdf, finding.page)
                heights[finding.page] = height
                x0, y0, _x1, y1 = finding.rect
                point = (x0 + 1, height - (y0 + y1) / 2)
            found_line = synctex.locate(finding.page, point)
            if found_line is not None:
                return f"{found_line[0]}:{found_line[1]}"
        return None

    outcomes = []
    for outcome in file_report.outcomes:
        findings = []
        for item in outcome.findings:
            place = locate(item) if (item.finding.page is not None or item.finding.snippet) else None
            if place is not None:
                item = GradedFinding(dataclasses.replace(item.finding, source_line=place), item.level)
            findings.append(item)
        outcomes.append(dataclasses.replace(outcome, findings=tuple(findings)))
    return dataclasses.replace(file_report, outcomes=tuple(outcomes))


def _page_height(pdf: Path, page: int) -> float:
    try:
        from pypdf import PdfReader

        box = PdfReader(str(pdf)).pages[page - 1].mediabox
        return float(box.top)
    except Exception:  # a height we cannot read only makes the position coarser
        return 842.0
