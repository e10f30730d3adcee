"""`preflight text FILE`: check text meant for the portal's form fields (title, abstract, keywords).

The same character classes as the hidden-characters check, stricter: in a form field nothing is
drawn by a font, so a soft hyphen or a private-use bullet is an error. ``--fix`` prints the text
cleaned; ``--max-chars`` checks a field's length limit in characters, as the portal counts them.
"""

from __future__ import annotations

import re
import sys
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import click

from preflight.cli import LANG_OPTION, _apply_language
from preflight.i18n import t

EXIT_PASS = 0
EXIT_FAIL = 1
EXIT_USAGE = 2

_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_FORM_FIX = {  # message ids (preflight.i18n), rendered when the report is made
    "private_use_bullet": "text-command.fix-bullet",
    "private_use": "text-command.fix-private-use",
    "soft_hyphen": "text-command.fix-soft-hyphen",
}


class InputError(Exception):
    """The input cannot be read as text; the message says what it is and what to do."""


# ----------------------------------------------------------------------------------- reading
def read_input(source: str) -> tuple[str, str | None]:
    """The text of a plain-text or .docx file ('-' for standard input), and a note on its encoding."""
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise InputError(t("text-command.cannot-read", source=source, error=exc.strerror or exc)) from None
    if data.startswith(b"%PDF-"):
        raise InputError(t("text-command.is-pdf", source=source))
    if data.startswith(b"PK\x03\x04"):
        return docx_text(data, source), None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(t("text-command.is-doc", source=source))
    return decode(data)


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (a BOM at the start is kept, and allowed), UTF-16 with a BOM, else Windows-1252 with a note."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise InputError(t("text-command.bad-utf16", reason=exc.reason, offset=exc.start)) from None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        note = t("text-command.not-utf8", byte=f"0x{data[exc.start]:02X}", offset=exc.start)
        return data.decode("cp1252", errors="replace"), note


def docx_text(data: bytes, source: str) -> str:
    """The paragraphs of a .docx, as Word pastes them: list bullets, tabs, line breaks, optional hyphens."""
    import xml.etree.ElementTree as ElementTree

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            body = ElementTree.fromstring(_member(archive, "word/document.xml", source))
            numbering = (
                ElementTree.fromstring(_member(archive, "word/numbering.xml", source))
                if "word/numbering.xml" in archive.namelist()
                else None
            )
    except KeyError:
        raise InputError(t("text-command.not-docx", source=source)) from None
    except (zipfile.BadZipFile, ElementTree.ParseError, zlib.error, EOFError, ValueError) as exc:
        raise InputError(t("text-command.damaged-docx", source=source, error=exc)) from None
    except NotImplementedError as exc:  # zipfile: a compression method it does not know (99 is AES)
        raise InputError(t("text-command.docx-method", source=source, error=exc)) from None
    except RuntimeError:  # zipfile: an encrypted member
        raise InputError(t("text-command.docx-encrypted", source=source)) from None
    except RecursionError:
        raise InputError(t("text-command.docx-too-deep", source=source)) from None
    try:
        bullets = _bullet_texts(numbering) if numbering is not None else {}
        paragraphs = [_paragraph_text(paragraph, bullets) for paragraph in _paragraphs(body)]
    except RecursionError:
        raise InputError(t("text-command.docx-too-deep", source=source)) from None
    return "\n".join(paragraphs)


MAX_MEMBER_BYTES = 64 * 1024 * 1024
"""A document's XML this large (uncompressed) is not a form field's text: refused before inflating."""


def _member(archive: zipfile.ZipFile, name: str, source: str) -> bytes:
    """A member's bytes, refused before inflating when its stated size is past the limit; never more than it."""
    info = archive.getinfo(name)
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputError(
            t(
                "text-command.docx-too-large",
                source=source,
                name=name,
                megabytes=round(info.file_size / 1024 / 1024),
                limit=MAX_MEMBER_BYTES // 1024 // 1024,
            )
        )
    if info.flag_bits & 0x1:
        raise InputError(t("text-command.docx-encrypted", source=source))
    with archive.open(info) as stream:
        return stream.read(MAX_MEMBER_BYTES + 1)


def _paragraphs(element: Any) -> Iterator[Any]:
    """Every w:p in document order, text boxes included, each once."""
    for child in element:
        if child.tag == f"{_WORD}p":
            yield child
            for nested in child.iter(f"{_WORD}txbxContent"):
                yield from _paragraphs(nested)
        else:
            yield from _paragraphs(child)


def _paragraph_text(paragraph: Any, bullets: dict[tuple[str, str], str]) -> str:
    parts: list[str] = []
    properties = paragraph.find(f"{_WORD}pPr")
    numbering = properties.find(f"{_WORD}numPr") if properties is not None else None
    if numbering is not None:
        num_id = numbering.find(f"{_WORD}numId")
        level = numbering.find(f"{_WORD}ilvl")
        key = (
            num_id.get(f"{_WORD}val", "") if num_id is not None else "",
            level.get(f"{_WORD}val", "0") if level is not None else "0",
        )
        if key in bullets:
            parts.append(bullets[key] + "\t")

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{_WORD}txbxContent" or tag == f"{_WORD}pPr":
                continue
            if tag == f"{_WORD}t":
                parts.append(child.text or "")
            elif tag == f"{_WORD}tab":
                parts.append("\t")
            elif tag in (f"{_WORD}br", f"{_WORD}cr"):
                parts.append("\n")
            elif tag == f"{_WORD}noBreakHyphen":
                parts.append("\u2011")
            elif tag == f"{_WORD}softHyphen":
                parts.append("\u00ad")
            elif tag == f"{_WORD}sym":
                parts.append(_symbol(child))
            elif tag != f"{_WORD}del":  # deleted text of tracked changes is not pasted
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _symbol(element: Any) -> str:
    """Word's Insert > Symbol from Symbol or Wingdings: the private-use character Word copies."""
    try:
        code = int(element.get(f"{_WORD}char", ""), 16)
        return chr(code + 0xF000 if code < 0x100 else code)
    except (ValueError, OverflowError):
        return "\ufffd"  # w:char="110000" is past Unicode: shown as a replacement character, which is flagged


def _bullet_texts(numbering: Any) -> dict[tuple[str, str], str]:
    """(numId, level) -> the bullet character of bulleted list levels."""
    abstract: dict[str, dict[str, str]] = {}
    for definition in numbering.iter(f"{_WORD}abstractNum"):
        levels: dict[str, str] = {}
        for level in definition.iter(f"{_WORD}lvl"):
            number_format = level.find(f"{_WORD}numFmt")
            text = level.find(f"{_WORD}lvlText")
            if number_format is not None and number_format.get(f"{_WORD}val") == "bullet" and text is not None:
                levels[level.get(f"{_WORD}ilvl", "0")] = text.get(f"{_WORD}val", "")
        abstract[definition.get(f"{_WORD}abstractNumId", "")] = levels
    bullets: dict[tuple[str, str], str] = {}
    for instance in numbering.iter(f"{_WORD}num"):
        reference = instance.find(f"{_WORD}abstractNumId")
        if reference is None:
            continue
        for level, text in abstract.get(reference.get(f"{_WORD}val", ""), {}).items():
            bullets[(instance.get(f"{_WORD}numId", ""), level)] = text
    return bullets


# ---------------------------------------------------------------------------------- checking
@dataclass
class TextProblem:
    level: str
    message: str
    snippets: list[str]
    fix: str | None


def field_length(text: str) -> int:
    """Characters as a portal's form counts them: code points, a line break is one, a final newline none."""
    text = text.replace("\r\n", "\n")
    return len(text[:-1] if text.endswith("\n") else text)


_RUN = re.compile(r"([^\x00-\x7f])\1{8,}")
"""A character repeated more than 8 times: classified as 8, the rest counted (5 MB of U+200B in seconds)."""


def _collapse_runs(line: str) -> tuple[str, dict[str, int]]:
    extra: dict[str, int] = {}

    def shorten(match: re.Match[str]) -> str:
        extra[match.group(1)] = extra.get(match.group(1), 0) + len(match.group()) - 8
        return match.group(1) * 8

    return _RUN.sub(shorten, line), extra


def analyse(text: str, max_chars: int | None) -> list[TextProblem]:
    from preflight.characters import CLASSES, MESSAGES, Hit, classify, description, group_hits
    from preflight.messages import render_template

    line_numbers: dict[tuple[str, str], list[int]] = {}
    extra_counts: dict[str, int] = {}

    def located() -> Iterator[tuple[tuple[int, int], str, Hit, None]]:
        # One line at a time, so that memory holds one line's hits, not the whole text's.
        for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
            if line.isascii() and line.isprintable():
                continue
            line, extra = _collapse_runs(line)
            for char, count in extra.items():
                extra_counts[char] = extra_counts.get(char, 0) + count
            for hit in classify(line, bom_start_ok=number == 1):
                seen = line_numbers.setdefault((hit.kind, hit.chars), [])
                if number not in seen:
                    seen.append(number)
                yield (number, hit.start), line, hit, None

    groups = group_hits(located())
    for group in groups:
        if group.chars in extra_counts:
            group.count += extra_counts.pop(group.chars)
    problems: list[TextProblem] = []
    for group in groups:
        info = CLASSES[group.kind]
        numbers = line_numbers[(group.kind, group.chars)]
        times = t("text-command.times", count=group.count)
        where = (
            t("text-command.line", line=numbers[0])
            if len(numbers) == 1
            else t("text-command.lines", lines=", ".join(map(str, numbers[:10])))
        )
        where += ", …" if len(numbers) > 10 else ""
        what_id, what_args = description(Hit(0, len(group.chars), group.chars, group.kind, group.replacement))
        what = render_template(MESSAGES, what_id, what_args)
        fix = (
            t(_FORM_FIX[group.kind])
            if group.kind in _FORM_FIX
            else render_template(MESSAGES, f"class.{info.id}.fix", {})
        )
        problems.append(
            TextProblem(
                info.text_level, t("text-command.problem", what=what, times=times, where=where), group.snippets, fix
            )
        )
    if max_chars is not None:
        length = field_length(text)
        if length > max_chars:
            problems.append(
                TextProblem(
                    "error",
                    t("text-command.too-long", length=length, limit=max_chars, over=length - max_chars),
                    [],
                    t("text-command.too-long.fix"),
                )
            )
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(problems, key=lambda problem: order[problem.level])


def render(name: str, text: str, problems: list[TextProblem], max_chars: int | None, snippets: bool = True) -> str:
    """The report of one text; without ``snippets`` (in CI, or --no-snippets) the text around each
    character is left out."""
    from preflight.messages import hidden_text, quote

    length = field_length(text)
    size = t("text-command.length", count=length) + (
        t("text-command.limit", limit=max_chars) if max_chars is not None else ""
    )
    if not problems:
        return t("text-command.clean", name=name, size=size) + "\n"
    counts = {level: sum(1 for p in problems if p.level == level) for level in ("error", "warning", "info")}
    tally = ", ".join(t(f"text-command.count-{level}", count=count) for level, count in counts.items() if count)
    out = [t("text-command.header", name=name, tally=tally, size=size)]
    width = max(len(t(f"level.{level}")) for level in counts)  # 7 in English, as "warning"
    for problem in problems:
        out.append(f"  {t(f'level.{problem.level}'):<{width}} {problem.message}")
        if problem.snippets:
            out.append(f"{'':<{width + 3}}{quote(' | '.join(problem.snippets)) if snippets else hidden_text()}")
        if problem.fix:
            out.append(f"{'':<{width + 3}}→ {problem.fix}")
    return "\n".join(out) + "\n"


@click.command("text")
@click.argument("sources", metavar="FILE...", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--fix", is_flag=True, help="Print the cleaned text on standard output (the report goes to stderr).")
@click.option("--max-chars", type=click.IntRange(min=1), metavar="N", help="The form field's length limit.")
@LANG_OPTION
@click.option(
    "--locations",
    is_flag=True,
    help="Sources of the dossier (.tex, .md, .txt, .docx): one FILE:LINE:COLUMN line per character found, "
    "at the hidden-characters check's levels (the default for several files).",
)
@click.option(
    "--snippets/--no-snippets",
    default=None,
    help="Quote the text around each character (default: yes, except in CI).",
)
def text_command(
    sources: tuple[str, ...], fix: bool, max_chars: int | None, lang: str | None, locations: bool, snippets: bool | None
) -> None:
    """Check text for a portal form field (plain text or .docx; '-' reads standard input).

    Hidden characters are flagged as in the hidden-characters check, but a soft hyphen or a
    private-use bullet is an error here. French typography (no-break spaces before ; : ! ?,
    « », ’, –, œ) is never flagged. With --fix the text is printed cleaned: mojibake repaired,
    invisible characters removed, bullets turned into '-', accents composed (NFC).

    Exit status: 0 no error, 1 an error remains (in the cleaned text with --fix), 2 the input cannot be read.
    """
    from preflight.characters import clean

    _apply_language(lang)
    if locations or len(sources) > 1:
        # Several files, or a dossier's sources (the dossier-sources pre-commit hook): preflight.commands.sources.
        from preflight.commands.sources import check_sources

        if fix or max_chars is not None:
            click.echo(t("text-command.one-file"), err=True)
            sys.exit(EXIT_USAGE)
        sys.exit(check_sources(sources, snippets))
    (source,) = sources
    name = t("text-command.stdin") if source == "-" else source
    try:
        text, note = read_input(source)
    except InputError as error:
        click.echo(t("text-command.error", error=error), err=True)
        sys.exit(EXIT_USAGE)
    if note:
        click.echo(t("text-command.note", note=note), err=True)
    problems = analyse(text, max_chars)
    if snippets is None:
        from preflight.reporters import snippets_by_default

        snippets = snippets_by_default("text")
    if not fix:
        click.echo(render(name, text, problems, max_chars, snippets), nl=False)
        sys.exit(EXIT_FAIL if any(p.level == "error" for p in problems) else EXIT_PASS)
    cleaned = clean(text)
    remaining = analyse(cleaned, max_chars)
    click.echo(cleaned, nl=False)
    if problems:
        click.echo(t("text-command.fixed", name=name), err=True)
        click.echo(render(name, text, problems, max_chars, snippets), nl=False, err=True)
    if remaining:
        click.echo(t("text-command.still"), err=True)
        click.echo(render(t("text-command.cleaned-name"), cleaned, remaining, max_chars, snippets), nl=False, err=True)
    sys.exit(EXIT_FAIL if any(p.level == "error" for p in remaining) else EXIT_PASS)
