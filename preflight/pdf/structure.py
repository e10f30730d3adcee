"""Read a PDF's structure with pikepdf: fonts, images, active content, outline, metadata.

Only the dossier model calls these; checks see the plain dataclasses they return.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from preflight.pdf.matrix import multiply
from preflight.pdf.text import clean_font_name

_STANDARD_ENCODINGS = {"/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding", "/PDFDocEncoding"}
_MAX_DEPTH = 12


@dataclass
class FontInfo:
    """One font object and every page that uses it."""

    name: str
    subtype: str
    embedded: bool
    pages: set[int] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    has_to_unicode: bool = False
    encoding: str = ""
    text_extractable: bool = True
    bitmap: bool = False
    program_bytes: int = 0
    problem: str | None = None
    """Why a font program that is present does not count as embedded (a dictionary, empty, truncated, garbled)."""
    problem_id: str | None = None
    """The problem as a message of preflight.pdf.font_program.PROBLEMS, with ``problem_args``."""
    problem_args: dict[str, Any] = field(default_factory=dict)
    drawn_pages: set[int] = field(default_factory=set)
    """Pages whose content streams (or form XObjects, annotation appearances) show visible text in this font."""
    invisible_pages: set[int] = field(default_factory=set)
    """Pages where it shows text in an invisible rendering mode (3 or 7: an OCR layer)."""
    field_pages: set[int] = field(default_factory=set)
    """Pages of form fields without an appearance whose /DA names this font: the viewer draws them with it."""
    usage_known: bool = False
    """Whether every content stream that could draw with it was read, so empty ``drawn_pages`` means unused."""
    shown_codes: int = 0
    """Character codes the content streams show in this font: whether there are any (each show operator's
    codes are counted only until there is one: walking a TJ array's every string cost a long file 0.1 s)."""
    unicode_coverage: frozenset[int] | None = None
    """The characters the embedded program's Unicode cmap has glyphs for (None: no such cmap, or not parsed)."""
    symbolic: bool = False
    """The descriptor's Symbolic flag: codes select glyphs directly, not through Unicode."""

    @property
    def display_name(self) -> str:
        return clean_font_name(self.name) or "(unnamed font)"


@dataclass
class ImageInfo:
    """One image object, where it is drawn first, and its effective resolution there."""

    name: str
    width: int
    height: int
    stored_bytes: int
    filters: str
    pages: set[int] = field(default_factory=set)
    dpi: float | None = None
    objgen: tuple[int, int] | None = None
    """The image's object number and generation, so a rewrite can find it again."""


@dataclass(frozen=True)
class ActiveItem:
    kind: str  # javascript, launch, attachment, form-field, xfa
    description: str
    page: int | None = None
    message_id: str = ""
    """The description as a message of preflight.checks.active_content, with ``args``, for any language."""
    args: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class LinkInfo:
    """One link annotation: a web address (kind 'uri'), a page of this file ('page'), or another action."""

    page: int
    kind: str  # uri, page, named, file, other
    target: str


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    title: str
    page: int | None


def _name(value: Any) -> str:
    """A PDF name or string as text, even when it is not valid UTF-8 (GBK font names in the wild)."""
    if value is None:
        return ""
    try:
        return str(value)
    except UnicodeDecodeError:
        return bytes(value.unparse()).decode("latin-1")


def _key(obj: Any) -> tuple[object, ...]:
    """A stable identity for a PDF object: its object number, or its serialised form when direct.

    (``id()`` of pikepdf's temporary wrappers is reused after garbage collection, so it cannot tell
    two direct font dictionaries apart.)
    """
    try:
        if obj.is_indirect:
            return ("indirect", obj.objgen[0], obj.objgen[1])
        return ("direct", bytes(obj.unparse()))
    except Exception:
        return ("unknown", repr(obj))


def _dict(value: Any) -> pikepdf.Dictionary | None:
    if isinstance(value, pikepdf.Dictionary):
        return value
    if isinstance(value, pikepdf.Stream):
        return value.stream_dict
    return None


def inherited(page: pikepdf.Dictionary, key: str) -> Any:
    """A page attribute, looked up through the page tree like a viewer does."""
    node: Any = page
    for _ in range(64):
        if node is None:
            return None
        value = node.get(key)
        if value is not None:
            return value
        node = node.get("/Parent")
    return None


def page_annotations(page: pikepdf.Page) -> Iterator[pikepdf.Dictionary]:
    """A page's annotation dictionaries, skipping broken entries."""
    annotations = page.obj.get("/Annots")
    if not isinstance(annotations, pikepdf.Array):
        return
    for annotation in annotations:
        annotation_dict = _dict(annotation)
        if annotation_dict is not None:
            yield annotation_dict


def page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    """Map each page object to its 1-based number."""
    index: dict[tuple[int, int], int] = {}
    for number, page in enumerate(pdf.pages, 1):
        gen = page.obj.objgen
        index[(gen[0], gen[1])] = number
    return index


# ----------------------------------------------------------------------------------------- fonts
def _describe_font(font: pikepdf.Dictionary) -> FontInfo:
    subtype = _name(font.get("/Subtype")).lstrip("/")
    name = _name(font.get("/BaseFont")).lstrip("/")
    descriptor_owner: Any = font
    if subtype == "Type0":
        descendants = font.get("/DescendantFonts")
        if isinstance(descendants, pikepdf.Array) and len(descendants) > 0:
            descriptor_owner = descendants[0]
    owner = _dict(descriptor_owner)
    descriptor = _dict(owner.get("/FontDescriptor")) if owner is not None else None
    program = None
    program_key = ""
    if descriptor is not None:
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if key in descriptor:
                program = descriptor.get(key)
                program_key = key
                break
    encoding = font.get("/Encoding")
    encoding_name = _name(encoding) if isinstance(encoding, pikepdf.Name) else ("custom" if encoding else "")
    info = FontInfo(
        name=name or ("Type3 font" if subtype == "Type3" else ""),
        subtype=subtype,
        embedded=subtype == "Type3" or program is not None,
        has_to_unicode="/ToUnicode" in font,
        encoding=encoding_name,
    )
    flags = descriptor.get("/Flags") if descriptor is not None else None
    info.symbolic = isinstance(flags, int) and bool(int(flags) & 4)
    if isinstance(program, pikepdf.Stream):
        length = program.stream_dict.get("/Length")
        info.program_bytes = int(length) if isinstance(length, int) else 0
        _check_program(info, program_key, program)
    elif program is not None:
        from preflight.pdf.font_program import problem_text

        object_type = str(getattr(program, "_type_name", "") or type(program).__name__).lower()
        kinds = {"dictionary": "object-dictionary", "array": "object-array"}
        info.embedded = False
        info.problem_id = "program-not-stream"
        info.problem_args = {
            "program_key": program_key,
            "object_kind": kinds.get(object_type, "object-other"),
            "object_type": object_type,
        }
        info.problem = problem_text(info.problem_id, info.problem_args)
    if subtype == "Type3":
        info.bitmap = _type3_is_bitmap(font)
    info.text_extractable = info.has_to_unicode or _encoding_is_readable(font, subtype, encoding)
    return info


def _check_program(info: FontInfo, key: str, program: pikepdf.Stream) -> None:
    """Embedded means a stream that parses as the font type it claims (poppler: "Couldn't create a font")."""
    from preflight.pdf.font_program import check_program, problem_text

    try:
        data = program.read_bytes()
    except Exception as exc:
        info.embedded = False
        info.problem_id = "program-undecodable"
        info.problem_args = {"program_key": key, "error_type": type(exc).__name__}
        info.problem = problem_text(info.problem_id, info.problem_args)
        return
    lengths = tuple(
        int(value) if isinstance(value := program.stream_dict.get(name), int) else None
        for name in ("/Length1", "/Length2", "/Length3")
    )
    result = check_program(key, _name(program.stream_dict.get("/Subtype")).lstrip("/"), data, lengths)  # type: ignore[arg-type]
    if result.problem is not None:
        info.embedded = False
        info.problem = result.problem
        info.problem_id = result.problem_id
        info.problem_args = result.problem_args
    info.unicode_coverage = result.unicode_coverage


def _type3_is_bitmap(font: pikepdf.Dictionary) -> bool:
    """Whether one of the font's first eight glyph procedures (in name order) draws an image."""
    procs = font.get("/CharProcs")
    if not isinstance(procs, pikepdf.Dictionary):
        return False
    # pikepdf gives the keys as a set, whose order changes from one process to the next (string hashing):
    # unsorted, the same file got its bitmap warnings on some runs and not on others.
    for index, key in enumerate(sorted(procs.keys())):
        if index >= 8:
            break
        proc = procs.get(key)
        if isinstance(proc, pikepdf.Stream):
            try:
                data = proc.read_bytes()
            except Exception:
                continue
            if (b"BI" in data and b"ID" in data) or b" Do" in data:
                return True
    return False


def _encoding_is_readable(font: pikepdf.Dictionary, subtype: str, encoding: Any) -> bool:
    """Whether a font without ToUnicode still maps its codes to text (pdffonts' uni=no is not enough)."""
    if subtype == "Type0":
        # Identity-H without ToUnicode gives glyph ids, not text.
        return not _name(encoding).startswith("/Identity")
    if isinstance(encoding, pikepdf.Name):
        return str(encoding) in _STANDARD_ENCODINGS
    encoding_dict = _dict(encoding)
    if encoding_dict is None:
        return True  # built-in encoding of the font program: usually standard glyph names
    from pdfminer.glyphlist import glyphname2unicode

    differences = encoding_dict.get("/Differences")
    if isinstance(differences, pikepdf.Array):
        for item in differences:
            if isinstance(item, pikepdf.Name):
                glyph = _name(item)[1:]
                if glyph in glyphname2unicode or (glyph.startswith(("uni", "u")) and _hex_tail(glyph)):
                    continue
                if glyph in (".notdef", "space"):
                    continue
                return False
    return True


def _hex_tail(glyph: str) -> bool:
    tail = glyph[3:] if glyph.startswith("uni") else glyph[1:]
    return bool(tail) and all(c in "0123456789ABCDEFabcdef" for c in tail)


class _FontWalker:
    def __init__(self) -> None:
        self.fonts: dict[Any, FontInfo] = {}
        self.visited_xobjects: set[Any] = set()

    def visit_resources(self, resources: Any, page: int, place: str, depth: int = 0) -> None:
        resources = _dict(resources)
        if resources is None or depth > _MAX_DEPTH:
            return
        fonts = _dict(resources.get("/Font"))
        if fonts is not None:
            for font_name in list(fonts.keys()):
                font = _dict(fonts.get(font_name))
                if font is None:
                    continue
                key = _key(fonts.get(font_name))
                info = self.fonts.get(key)
                if info is None:
                    info = self.fonts[key] = _describe_font(font)
                    if info.subtype == "Type3":
                        self.visit_resources(font.get("/Resources"), page, place, depth + 1)
                info.pages.add(page)
                info.places.add(place)
        xobjects = _dict(resources.get("/XObject"))
        if xobjects is not None:
            for xobject_name in list(xobjects.keys()):
                self.visit_xobject(xobjects.get(xobject_name), page, "form XObject", depth + 1)
        patterns = _dict(resources.get("/Pattern"))
        if patterns is not None:
            for pattern_name in list(patterns.keys()):
                pattern = _dict(patterns.get(pattern_name))
                if pattern is not None:
                    self.visit_resources(pattern.get("/Resources"), page, "pattern", depth + 1)

    def visit_xobject(self, xobject: Any, page: int, place: str, depth: int) -> None:
        if not isinstance(xobject, pikepdf.Stream) or xobject.get("/Subtype") != "/Form":
            return
        key = _key(xobject)
        if (key, page) in self.visited_xobjects:
            return
        self.visited_xobjects.add((key, page))
        self.visit_resources(xobject.get("/Resources"), page, place, depth)


_MAX_OPERATORS = 3_000_000
_SHOW_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})
_DA_FONT = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+[-+\d.]+\s+Tf")


class _UsageWalker:
    """Reads content streams for the fonts text is really shown in (Tf then Tj/TJ/'/"), visible or not.

    Bounded: at most ``_MAX_OPERATORS`` operators in all; a page whose streams could not all be read is
    left out of ``complete_pages``, and what its fonts do there stays unknown.
    """

    def __init__(self, fonts: dict[Any, FontInfo]) -> None:
        self.fonts = fonts
        self.operators = 0
        self.seen: set[tuple[Any, int]] = set()
        self.incomplete_pages: set[int] = set()

    def walk(self, stream: Any, resources: Any, page: int, depth: int = 0, font: Any = None, mode: int = 0) -> None:
        if depth > _MAX_DEPTH or self.operators > _MAX_OPERATORS:
            self.incomplete_pages.add(page)
            return
        try:
            instructions = pikepdf.parse_content_stream(stream, "Tf Tr Tj TJ ' \" q Q Do")
        except Exception:
            self.incomplete_pages.add(page)
            return
        self.operators += len(instructions)
        resources = _dict(resources)
        fonts = _dict(resources.get("/Font")) if resources is not None else None
        xobjects = _dict(resources.get("/XObject")) if resources is not None else None
        stack: list[tuple[Any, int]] = []
        current: tuple[FontInfo, pikepdf.Dictionary] | None = font
        chosen: dict[str, tuple[FontInfo, pikepdf.Dictionary] | None] = {}
        for instruction in instructions:
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                continue
            operands, operator = instruction.operands, instruction.operator
            name = str(operator)
            if name == "q":
                stack.append((current, mode))
            elif name == "Q" and stack:
                current, mode = stack.pop()
            elif name == "Tf" and operands:
                # Looked up once per name and resources: a line of text often sets its font again.
                font_name = operands[0]
                lookup = None
                if isinstance(font_name, pikepdf.Name):
                    with contextlib.suppress(UnicodeDecodeError):  # a name that is not UTF-8: not cached
                        lookup = str(font_name)
                if lookup is None or lookup not in chosen:
                    found = self._font(fonts, font_name)
                    if lookup is None:
                        current = found
                        continue
                    chosen[lookup] = found
                current = chosen[lookup]
            elif name == "Tr" and operands:
                with contextlib.suppress(TypeError, ValueError):
                    mode = int(operands[0])
            elif name in _SHOW_OPERATORS and current is not None and operands:
                # Bytes up to one code: two for a Type0 font's two-byte codes, one for the others.
                count = _shown_bytes(operands[-1], 2 if current[0].subtype == "Type0" else 1)
                if count:
                    self._mark(current, page, mode, count)
            elif name == "Do" and operands and xobjects is not None and isinstance(operands[0], pikepdf.Name):
                xobject = xobjects.get(operands[0])
                if not isinstance(xobject, pikepdf.Stream) or xobject.get("/Subtype") != "/Form":
                    continue
                key = (_key(xobject), page)
                if key in self.seen:
                    continue
                self.seen.add(key)
                own = xobject.get("/Resources")
                self.walk(xobject, own if own is not None else resources, page, depth + 1, current, mode)

    def _font(self, fonts: pikepdf.Dictionary | None, name: Any) -> tuple[FontInfo, pikepdf.Dictionary] | None:
        if fonts is None or not isinstance(name, pikepdf.Name):
            return None
        reference = fonts.get(name)
        font = _dict(reference)
        info = self.fonts.get(_key(reference)) if font is not None else None
        return (info, font) if info is not None and font is not None else None

    def _mark(self, current: tuple[FontInfo, pikepdf.Dictionary], page: int, mode: int, count: int) -> None:
        info, font = current
        (info.invisible_pages if mode in (3, 7) else info.drawn_pages).add(page)
        info.shown_codes += count // 2 if info.subtype == "Type0" else count
        if info.subtype == "Type3":
            # A Type 3 glyph may draw with fonts of its own: shown wherever the Type 3 font is.
            own = _dict(font.get("/Resources"))
            inner_fonts = _dict(own.get("/Font")) if own is not None else None
            if inner_fonts is None:
                return
            for inner_name in list(inner_fonts.keys()):
                inner_info = self.fonts.get(_key(inner_fonts.get(inner_name)))
                if inner_info is not None and inner_info is not info:
                    (inner_info.invisible_pages if mode in (3, 7) else inner_info.drawn_pages).add(page)


def _shown_bytes(operand: Any, enough: int) -> int:
    """The bytes a show operator's operand shows, counted until there are ``enough``."""
    if isinstance(operand, pikepdf.String):
        return len(bytes(operand))
    count = 0
    if isinstance(operand, pikepdf.Array):
        for item in operand:
            if isinstance(item, pikepdf.String):
                count += len(bytes(item))
                if count >= enough:
                    break
    return count


def collect_fonts(pdf: pikepdf.Pdf, acroform_fields_without_appearance: bool = True) -> list[FontInfo]:
    """Every font a page draws with: page resources, nested forms, patterns, annotation appearances, and
    (``acroform_fields_without_appearance``) the /DA font of form fields the viewer must draw itself.

    Each font also says where its text is really shown (content streams read with a budget), visibly or not.
    """
    walker = _FontWalker()
    appearances: list[tuple[int, pikepdf.Stream]] = []
    for number, page in enumerate(pdf.pages, 1):
        walker.visit_resources(inherited(page.obj, "/Resources"), number, "page")
        for annotation_dict in page_annotations(page):
            appearance = _dict(annotation_dict.get("/AP"))
            if appearance is None:
                continue
            subtype = _name(annotation_dict.get("/Subtype")).lstrip("/") or "annotation"
            for state_key in ("/N", "/R", "/D"):
                state = appearance.get(state_key)
                if isinstance(state, pikepdf.Stream):
                    walker.visit_xobject(state, number, f"{subtype} annotation", 1)
                    appearances.append((number, state))
                elif isinstance(state, pikepdf.Dictionary):
                    for value_key in list(state.keys()):
                        value = state.get(value_key)
                        walker.visit_xobject(value, number, f"{subtype} annotation", 1)
                        if isinstance(value, pikepdf.Stream):
                            appearances.append((number, value))
    if acroform_fields_without_appearance:
        _field_fonts(pdf, walker)
    usage = _UsageWalker(walker.fonts)
    for number, page in enumerate(pdf.pages, 1):
        if "/Contents" in page.obj:
            usage.walk(page, inherited(page.obj, "/Resources"), number)
    for number, stream in appearances:
        usage.walk(stream, stream.get("/Resources"), number, 1)
    for info in walker.fonts.values():
        info.usage_known = not (info.pages & usage.incomplete_pages) and not (info.places & {"pattern"})
    return sorted(walker.fonts.values(), key=lambda f: (min(f.pages, default=0), f.display_name))


def _field_fonts(pdf: pikepdf.Pdf, walker: _FontWalker) -> None:
    """Fonts named by the /DA of widgets that have no appearance stream (or all, with /NeedAppearances)."""
    acroform = _dict(pdf.Root.get("/AcroForm"))
    if acroform is None:
        return
    resources = _dict(acroform.get("/DR"))
    fonts = _dict(resources.get("/Font")) if resources is not None else None
    if fonts is None:
        return
    regenerate = bool(acroform.get("/NeedAppearances", False))
    widget_pages: dict[tuple[object, ...], int] = {}
    for number, page in enumerate(pdf.pages, 1):
        for annotation in page.obj.get("/Annots") or []:
            widget_pages.setdefault(_key(annotation), number)
    seen: set[Any] = set()

    def walk(items: Any, inherited_da: Any, depth: int) -> None:
        if not isinstance(items, pikepdf.Array) or depth > _MAX_DEPTH:
            return
        for item in items:
            node = _dict(item)
            key = _key(item)
            if node is None or key in seen or len(seen) > 5000:
                continue
            seen.add(key)
            da = node.get("/DA", inherited_da)
            kids = node.get("/Kids")
            if isinstance(kids, pikepdf.Array) and len(kids) > 0:
                walk(kids, da, depth + 1)
                continue
            page = widget_pages.get(key)
            appearance = _dict(node.get("/AP"))
            hidden = int(node.get("/F", 0)) & 2 if isinstance(node.get("/F", 0), int) else 0
            if page is None or hidden or (appearance is not None and "/N" in appearance and not regenerate):
                continue
            match = _DA_FONT.search(bytes(da)) if isinstance(da, pikepdf.String) else None
            if match is None:
                continue
            reference = fonts.get("/" + match.group(1).decode("latin-1"))
            font = _dict(reference)
            if font is None:
                continue
            font_key = _key(reference)
            info = walker.fonts.get(font_key)
            if info is None:
                info = walker.fonts[font_key] = _describe_font(font)
            info.pages.add(page)
            info.places.add("form field")
            info.field_pages.add(page)

    walk(acroform.get("/Fields"), acroform.get("/DA"), 0)


# ---------------------------------------------------------------------------------------- images
def collect_images(pdf: pikepdf.Pdf) -> list[ImageInfo]:
    """Every image XObject drawn on a page, with the resolution of its largest placement.

    Parsing a content stream is the cost (qpdf tokenises all of it, text included), so a page is parsed only
    when its XObjects lead to an image, and each form XObject is parsed once, not once per page that draws
    it: the walk is linear in the content that can place an image.
    """
    images: dict[Any, ImageInfo] = {}
    walk = _ImageWalk()
    for number, page in enumerate(pdf.pages, 1):
        resources = _dict(inherited(page.obj, "/Resources"))
        if resources is None:
            continue
        try:
            for name, xobject, ctm in walk.placements(page.obj, resources, 0):
                _record_image(name, xobject, number, ctm, images)
        except Exception:
            continue
    return sorted(images.values(), key=lambda image: -image.stored_bytes)


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _content_bytes(owner: Any) -> bytes:
    """The decoded content of a page (all its streams) or of a form XObject."""
    if isinstance(owner, pikepdf.Stream):
        return owner.read_bytes()
    contents = owner.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        return contents.read_bytes()
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents if isinstance(part, pikepdf.Stream))
    return b""


class _ImageWalk:
    """Image placements of content streams, remembering what each form XObject and resource dictionary holds."""

    def __init__(self) -> None:
        self.forms: dict[tuple[object, ...], list[tuple[str, pikepdf.Stream, tuple[float, ...]]]] = {}
        self.reaches: dict[tuple[object, ...], bool] = {}

    def reaches_image(self, xobjects: pikepdf.Dictionary, depth: int) -> bool:
        """Whether these XObjects include an image, directly or inside their forms."""
        key = _key(xobjects)
        known = self.reaches.get(key)
        if known is not None:
            return known
        self.reaches[key] = False  # a form that draws itself must not loop
        found = False
        for xobject in xobjects.values():
            if not isinstance(xobject, pikepdf.Stream):
                continue
            subtype = xobject.get("/Subtype")
            if subtype == "/Image":
                found = True
            elif subtype == "/Form" and depth < _MAX_DEPTH:
                inner = _dict(xobject.get("/Resources"))
                inner_xobjects = _dict(inner.get("/XObject")) if inner is not None else None
                # A form without resources of its own uses its page's, which are being looked at.
                found = inner_xobjects is not None and self.reaches_image(inner_xobjects, depth + 1)
            if found:
                break
        self.reaches[key] = found
        return found

    def placements(
        self, owner: Any, resources: pikepdf.Dictionary, depth: int
    ) -> list[tuple[str, pikepdf.Stream, tuple[float, ...]]]:
        """(name, image, matrix) for each image ``owner``'s content draws, in ``owner``'s space."""
        xobjects = _dict(resources.get("/XObject"))
        if xobjects is None or depth > _MAX_DEPTH or not self.reaches_image(xobjects, depth):
            return []
        if b"Do" not in _content_bytes(owner):
            return []  # resources shared by every page (Word, LibreOffice) while this page draws no XObject
        found: list[tuple[str, pikepdf.Stream, tuple[float, ...]]] = []
        stack: list[tuple[float, ...]] = []
        ctm: tuple[float, ...] = _IDENTITY
        for instruction in pikepdf.parse_content_stream(owner, "q Q cm Do"):
            operands, op = list(instruction.operands), str(instruction.operator)
            if op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop() if stack else _IDENTITY
            elif op == "cm" and len(operands) == 6:
                ctm = multiply(tuple(float(v) for v in operands), ctm)
            elif op == "Do" and operands:
                xobject = xobjects.get(str(operands[0]))
                if not isinstance(xobject, pikepdf.Stream):
                    continue
                subtype = xobject.get("/Subtype")
                if subtype == "/Image":
                    found.append((str(operands[0]), xobject, ctm))
                elif subtype == "/Form":
                    for name, image, matrix in self.form(xobject, resources, depth + 1):
                        found.append((name, image, multiply(matrix, ctm)))
        return found

    def form(
        self, xobject: pikepdf.Stream, outer: pikepdf.Dictionary, depth: int
    ) -> list[tuple[str, pikepdf.Stream, tuple[float, ...]]]:
        """A form's image placements in the space of the content that draws it (its /Matrix applied)."""
        own = _dict(xobject.get("/Resources"))
        key = (*_key(xobject), *(() if own is not None else _key(outer)))
        cached = self.forms.get(key)
        if cached is not None:
            return cached
        self.forms[key] = []  # a form that draws itself must not loop
        matrix = xobject.get("/Matrix")
        form_matrix: tuple[float, ...] = _IDENTITY
        if isinstance(matrix, pikepdf.Array) and len(matrix) == 6:
            form_matrix = tuple(float(v) for v in matrix)
        inner = self.placements(xobject, own if own is not None else outer, depth)
        result: list[tuple[str, pikepdf.Stream, tuple[float, ...]]] = [
            (name, image, multiply(placed, form_matrix)) for name, image, placed in inner
        ]
        self.forms[key] = result
        return result


def _record_image(
    name: str, xobject: pikepdf.Stream, page: int, ctm: tuple[float, ...], images: dict[Any, ImageInfo]
) -> None:
    key = _key(xobject)
    info = images.get(key)
    if info is None:
        length = xobject.stream_dict.get("/Length")
        stored = int(length) if isinstance(length, int) else len(xobject.read_raw_bytes())
        filters = xobject.get("/Filter")
        filter_text = (
            " ".join(str(f).lstrip("/") for f in filters)
            if isinstance(filters, pikepdf.Array)
            else _name(filters).lstrip("/")
        )
        info = images[key] = ImageInfo(
            name=name.lstrip("/"),
            width=int(xobject.get("/Width", 0)),
            height=int(xobject.get("/Height", 0)),
            stored_bytes=stored,
            filters=filter_text or "none",
            objgen=(int(xobject.objgen[0]), int(xobject.objgen[1])) if xobject.is_indirect else None,
        )
    info.pages.add(page)
    placed_width = math.hypot(ctm[0], ctm[1]) / 72
    if placed_width > 0 and info.width:
        dpi = info.width / placed_width
        info.dpi = dpi if info.dpi is None else max(info.dpi, dpi)


# ---------------------------------------------------------------------------- active content
def _action_kinds(action: Any) -> Iterator[tuple[str, str]]:
    """Yield (kind, detail) for JavaScript and Launch actions in an action and its /Next chain.

    A Launch action with no file named gives ``EXTERNAL_PROGRAM`` as its detail."""
    seen = 0
    while action is not None and seen < 32:
        seen += 1
        action_dict = _dict(action)
        if action_dict is None:
            return
        kind = _name(action_dict.get("/S"))
        if kind == "/JavaScript":
            yield "javascript", _script_excerpt(action_dict.get("/JS"))
        elif kind == "/Launch":
            target = action_dict.get("/F") or action_dict.get("/Win")
            yield "launch", _launch_target(target)
        next_action = action_dict.get("/Next")
        action = next_action[0] if isinstance(next_action, pikepdf.Array) and len(next_action) else next_action


def _script_excerpt(script: Any) -> str:
    try:
        text = script.read_bytes().decode("latin-1") if isinstance(script, pikepdf.Stream) else str(script)
    except Exception:
        return ""
    text = " ".join(text.split())
    return text[:60] + ("…" if len(text) > 60 else "")


def _launch_target(target: Any) -> str:
    target_dict = _dict(target)
    if target_dict is not None:
        target = target_dict.get("/F") or target_dict.get("/UF")
    return str(target) if target is not None else EXTERNAL_PROGRAM


EXTERNAL_PROGRAM = "an external program"


def _detail(detail: str) -> dict[str, Any]:
    """An action's detail as message arguments: the script excerpt or program, or the id that says it is unknown."""
    if detail == EXTERNAL_PROGRAM:
        return {"detail_id": "detail-external-program", "detail": ""}
    return {"detail_id": "detail", "detail": detail}


def collect_active_content(pdf: pikepdf.Pdf) -> list[ActiveItem]:
    items: list[ActiveItem] = []
    root = pdf.Root
    names = _dict(root.get("/Names"))
    if names is not None and "/JavaScript" in names:
        try:
            tree = pikepdf.NameTree(names["/JavaScript"])
            for script_name, action in tree.items():
                for _kind, detail in _action_kinds(action):
                    items.append(
                        ActiveItem(
                            "javascript",
                            f"document-level script '{script_name}': {detail}",
                            message_id="document-script",
                            args={"name": str(script_name), **_detail(detail)},
                        )
                    )
        except Exception:
            items.append(
                ActiveItem("javascript", "document-level JavaScript name tree", message_id="document-script-tree")
            )
    for kind, detail in _action_kinds(root.get("/OpenAction")):
        items.append(
            ActiveItem(kind, f"runs when the file opens: {detail}", message_id="open-action", args=_detail(detail))
        )
    additional = _dict(root.get("/AA"))
    if additional is not None:
        for trigger in list(additional.keys()):
            for kind, detail in _action_kinds(additional.get(trigger)):
                items.append(
                    ActiveItem(
                        kind,
                        f"document action {trigger}: {detail}",
                        message_id="document-action",
                        args={"trigger": str(trigger), **_detail(detail)},
                    )
                )
    try:
        for attachment_name, spec in pdf.attachments.items():
            size = ""
            size_bytes: int | None = None
            with contextlib.suppress(Exception):
                size_bytes = int(spec.get_file().size)
                size = f", {size_bytes:,} bytes"
            items.append(
                ActiveItem(
                    "attachment",
                    f"attached file '{attachment_name}'{size}",
                    message_id="attached-file" if size_bytes is None else "attached-file-size",
                    args={"name": str(attachment_name), "size": size_bytes},
                )
            )
    except Exception:
        pass
    for number, page in enumerate(pdf.pages, 1):
        page_actions = _dict(page.obj.get("/AA"))
        if page_actions is not None:
            for trigger in list(page_actions.keys()):
                for kind, detail in _action_kinds(page_actions.get(trigger)):
                    items.append(
                        ActiveItem(
                            kind,
                            f"page action {trigger}: {detail}",
                            number,
                            message_id="page-action",
                            args={"trigger": str(trigger), **_detail(detail)},
                        )
                    )
        for annotation_dict in page_annotations(page):
            subtype = _name(annotation_dict.get("/Subtype")).lstrip("/")
            for kind, detail in _action_kinds(annotation_dict.get("/A")):
                items.append(
                    ActiveItem(
                        kind,
                        f"{subtype} annotation: {detail}",
                        number,
                        message_id="annotation-action",
                        args={"subtype": subtype, **_detail(detail)},
                    )
                )
            triggers = _dict(annotation_dict.get("/AA"))
            if triggers is not None:
                for trigger in list(triggers.keys()):
                    for kind, detail in _action_kinds(triggers.get(trigger)):
                        items.append(
                            ActiveItem(
                                kind,
                                f"{subtype} annotation {trigger}: {detail}",
                                number,
                                message_id="annotation-trigger",
                                args={"subtype": subtype, "trigger": str(trigger), **_detail(detail)},
                            )
                        )
            if subtype == "FileAttachment":
                file_spec = _dict(annotation_dict.get("/FS"))
                file_name = _name(file_spec.get("/UF") or file_spec.get("/F")) if file_spec is not None else "a file"
                items.append(
                    ActiveItem(
                        "attachment",
                        f"file attached to a comment: '{file_name}'",
                        number,
                        message_id="comment-attachment" if file_spec is not None else "comment-attachment-unnamed",
                        args={"name": file_name},
                    )
                )
            elif subtype == "Widget":
                field_name = _field_name(annotation_dict)
                field_item = ActiveItem(
                    "form-field",
                    f"form field '{field_name}'",
                    number,
                    message_id="field-named" if field_name != UNNAMED_FIELD else "field-unnamed",
                    args={"name": field_name},
                )
                if field_item not in items:  # radio buttons: one field, several widgets
                    items.append(field_item)
    acroform = _dict(root.get("/AcroForm"))
    if acroform is not None and "/XFA" in acroform:
        items.append(
            ActiveItem("xfa", "an XFA form (Adobe LiveCycle) that most viewers cannot show", message_id="xfa-form")
        )
    return items


def _field_name(widget: pikepdf.Dictionary) -> str:
    parts: list[str] = []
    node: Any = widget
    for _ in range(32):
        if node is None:
            break
        title = node.get("/T")
        if title is not None:
            parts.append(str(title))
        node = node.get("/Parent")
    return ".".join(reversed(parts)) or UNNAMED_FIELD


UNNAMED_FIELD = "(unnamed)"


# --------------------------------------------------------------------------- outline, metadata
def collect_outline(pdf: pikepdf.Pdf) -> list[OutlineEntry]:
    pages = page_index(pdf)
    named = _named_destinations(pdf)
    entries: list[OutlineEntry] = []
    try:
        with pdf.open_outline() as outline:

            def walk(items: Any, level: int) -> None:
                for item in items:
                    if len(entries) > 5000:
                        return
                    target = item.destination
                    if target is None and item.action is not None:
                        target = item.action.get("/D")
                    entries.append(OutlineEntry(level, str(item.title or ""), _resolve(target, pages, named)))
                    walk(item.children, level + 1)

            walk(outline.root, 1)
    except Exception:
        return entries
    return entries


def _named_destinations(pdf: pikepdf.Pdf) -> dict[str, Any]:
    named: dict[str, Any] = {}
    try:
        names = _dict(pdf.Root.get("/Names"))
        if names is not None and "/Dests" in names:
            for key, value in pikepdf.NameTree(names["/Dests"]).items():
                named[str(key)] = value
        old_style = _dict(pdf.Root.get("/Dests"))
        if old_style is not None:
            for key in list(old_style.keys()):
                named[str(key)[1:]] = old_style.get(key)
    except Exception:
        pass
    return named


def _resolve(target: Any, pages: dict[tuple[int, int], int], named: dict[str, Any]) -> int | None:
    for _ in range(4):
        if isinstance(target, (pikepdf.String, pikepdf.Name, str)):
            target = named.get(str(target).lstrip("/"))
            continue
        target_dict = _dict(target)
        if target_dict is not None and "/D" in target_dict:
            target = target_dict.get("/D")
            continue
        break
    if isinstance(target, pikepdf.Array) and len(target) > 0:
        first = target[0]
        if isinstance(first, int):
            return first + 1
        try:
            gen = first.objgen
            return pages.get((gen[0], gen[1]))
        except Exception:
            return None
    return None


def collect_links(pdf: pikepdf.Pdf) -> list[LinkInfo]:
    """Every link annotation's target, page by page, in annotation order."""
    pages = page_index(pdf)
    named = _named_destinations(pdf)
    links: list[LinkInfo] = []
    for number, page in enumerate(pdf.pages, 1):
        for annotation_dict in page_annotations(page):
            if annotation_dict.get("/Subtype") != "/Link":
                continue
            action = _dict(annotation_dict.get("/A"))
            if action is None:
                target_page = _resolve(annotation_dict.get("/Dest"), pages, named)
                links.append(LinkInfo(number, "page", str(target_page) if target_page else "(unresolved)"))
                continue
            kind = _name(action.get("/S"))
            if kind == "/URI":
                links.append(LinkInfo(number, "uri", _name(action.get("/URI"))))
            elif kind == "/GoTo":
                target_page = _resolve(action.get("/D"), pages, named)
                links.append(LinkInfo(number, "page", str(target_page) if target_page else "(unresolved)"))
            elif kind == "/Named":
                links.append(LinkInfo(number, "named", _name(action.get("/N")).lstrip("/")))
            elif kind in ("/GoToR", "/Launch"):
                links.append(LinkInfo(number, "file", _launch_target(action.get("/F"))))
            else:
                links.append(LinkInfo(number, "other", kind.lstrip("/")))
    return links


def collect_metadata(pdf: pikepdf.Pdf) -> dict[str, str]:
    """Title, author, subject and keywords from the Info dictionary and XMP, keyed 'info:Title' etc."""
    values: dict[str, str] = {}
    try:
        for key in ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer"):
            value = pdf.docinfo.get(key)
            if value is not None:
                values[f"info:{key[1:]}"] = str(value)
    except Exception:
        pass
    try:
        if "/Metadata" not in pdf.Root:
            # No XMP to read: opening it would only import lxml and parse pikepdf's empty template (a tenth of
            # a short file's checks), and most dossiers have none.
            return values
        # Read only: the defaults would rewrite the XMP and the Info dictionary on exit.
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            for key in ("dc:title", "dc:creator", "dc:description", "pdf:Keywords", "dc:subject"):
                value = xmp.get(key)
                if value:
                    values[f"xmp:{key}"] = value if isinstance(value, str) else "; ".join(map(str, value))
    except Exception:
        pass
    return values


# ------------------------------------------------------------------------------- form fields
@dataclass(frozen=True)
class FieldValue:
    """The text value of one form field, and the page of its first widget."""

    name: str
    value: str
    page: int | None


def collect_field_values(pdf: pikepdf.Pdf) -> list[FieldValue]:
    """Text values (/V strings, and list choices) of every AcroForm field, in field-tree order."""
    acroform = _dict(pdf.Root.get("/AcroForm"))
    if acroform is None:
        return []
    widget_pages: dict[tuple[object, ...], int] = {}
    for number, page in enumerate(pdf.pages, 1):
        annotations = page.obj.get("/Annots")
        if isinstance(annotations, pikepdf.Array):
            for annotation in annotations:
                key = _key(annotation)
                if isinstance(key, tuple):
                    widget_pages.setdefault(key, number)
    values: list[FieldValue] = []
    seen: set[Any] = set()

    def page_of(node: pikepdf.Dictionary) -> int | None:
        key = _key(node)
        if isinstance(key, tuple) and key in widget_pages:
            return widget_pages[key]
        kids = node.get("/Kids")
        if isinstance(kids, pikepdf.Array):
            for kid in kids:
                kid_key = _key(kid)
                if isinstance(kid_key, tuple) and kid_key in widget_pages:
                    return widget_pages[kid_key]
        return None

    def walk(fields: Any, prefix: str, depth: int) -> None:
        if not isinstance(fields, pikepdf.Array) or depth > _MAX_DEPTH:
            return
        for item in fields:
            node = _dict(item)
            key = _key(item)
            if node is None or key in seen or len(values) > 5000:
                continue
            seen.add(key)
            title = node.get("/T")
            name = f"{prefix}.{_name(title)}" if prefix and title is not None else _name(title) or prefix
            value = node.get("/V")
            texts: list[str] = []
            if isinstance(value, pikepdf.String):
                texts.append(_name(value))
            elif isinstance(value, pikepdf.Array):
                texts.extend(_name(v) for v in value if isinstance(v, pikepdf.String))
            elif isinstance(value, pikepdf.Stream):  # rich text values are streams
                with contextlib.suppress(Exception):
                    texts.append(value.read_bytes().decode("utf-8", "replace"))
            for text in texts:
                if text:
                    values.append(FieldValue(name or "(unnamed)", text, page_of(node)))
            walk(node.get("/Kids"), name, depth + 1)

    walk(acroform.get("/Fields"), "", 0)
    return values


def undecodable_contents(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """(1-based page, qpdf's reason) for each page whose content stream cannot be decoded.

    A viewer draws such a page blank, or up to the damage; the text read from it is not the page.
    """
    found: list[tuple[int, str]] = []
    for number, page in enumerate(pdf.pages, 1):
        contents = page.obj.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
        for stream in streams:
            if not isinstance(stream, pikepdf.Stream):
                continue
            try:
                stream.read_bytes()
            except pikepdf.DataDecodingError as exc:
                found.append((number, str(exc).split("): ", 1)[-1]))
                break
            except UnicodeDecodeError:  # qpdf quoted the damaged bytes, which are not UTF-8, in its message
                found.append((number, "its data is damaged"))
                break
            except pikepdf.PdfError:
                continue  # not decodable by qpdf's filters at all (an unknown filter): the text readers say so
    return found


def metadata_encoding_problems(pdf: pikepdf.Pdf) -> list[tuple[str, str, dict[str, object]]]:
    """(Info key, kind, details) for each text string of the Info dictionary that its own mark says is UTF-16
    (or UTF-8) but whose bytes are not: qpdf drops what does not decode, so the text read is not the text stored.

    Kinds: odd-bytes (count), lone-surrogate (code, offset), bad-utf8 (byte, offset).
    """
    found: list[tuple[str, str, dict[str, object]]] = []
    try:
        items = [(key, pdf.docinfo.get(key)) for key in ("/Title", "/Author", "/Subject", "/Keywords")]
    except Exception:
        return found
    for key, value in items:
        if not isinstance(value, pikepdf.String):
            continue
        problem = string_encoding_problem(bytes(value))
        if problem is not None:
            found.append((key[1:], *problem))
    return found


def string_encoding_problem(data: bytes) -> tuple[str, dict[str, object]] | None:
    """Why a PDF text string's bytes are not the encoding their byte-order mark announces, or None."""
    if data.startswith((b"\xfe\xff", b"\xff\xfe")):
        body, codec = data[2:], "utf-16-be" if data.startswith(b"\xfe\xff") else "utf-16-le"
        if len(body) % 2:
            return "odd-bytes", {"count": len(body)}
        try:
            body.decode(codec)
        except UnicodeDecodeError as exc:
            unit = body[exc.start : exc.start + 2]
            code = int.from_bytes(unit, "big" if codec == "utf-16-be" else "little") if len(unit) == 2 else 0
            return "lone-surrogate", {"code": f"{code:04X}", "offset": exc.start + 2}
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            return "bad-utf8", {"byte": f"{data[3 + exc.start]:02X}", "offset": exc.start + 3}
    return None
