"""Rewrite a PDF with pikepdf for 'preflight fix': each function reads one file and writes another.

The input file is only ever opened for reading; every function saves to a new path. Each returns the
list of things it did, in words a candidate understands.
"""

from __future__ import annotations

import contextlib
import hashlib
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from preflight.i18n import t
from preflight.pdf.structure import _dict, _name

_BAD_ACTIONS = {"/JavaScript": "JavaScript", "/Launch": "launch"}
_MAX_DEPTH = 32
METADATA_KEYS = ("/Title", "/Author", "/Subject", "/Keywords")
XMP_KEYS = ("dc:title", "dc:creator", "dc:description", "pdf:Keywords", "dc:subject")


@dataclass
class Changes:
    """What one rewrite did (actions) and what it left for the user (notes)."""

    actions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _save(pdf: pikepdf.Pdf, target: Path, *, compact: bool = False) -> None:
    # encryption=None writes the file without encryption: every fix output is unprotected.
    if "/Size" not in pdf.trailer:
        # qpdf keeps a reconstructed trailer as it found it; without /Size the output reads as damaged
        pdf.trailer["/Size"] = len(pdf.objects) + 1
    # fix_metadata_version=False: a broken XMP packet must not stop the save (qpdf would rewrite it).
    # pikepdf's warnings (widgets outside the form, say) would reach the terminal as Python warnings.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _write(pdf, target, compact)


def _write(pdf: pikepdf.Pdf, target: Path, compact: bool) -> None:
    if compact:
        pdf.save(
            target,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            fix_metadata_version=False,
        )
    else:
        pdf.save(target, fix_metadata_version=False)


# ------------------------------------------------------------------------------------ encryption
def remove_encryption(source: Path, target: Path) -> Changes:
    """Write the file without its owner-password restrictions (opening needs no password)."""
    changes = Changes()
    with pikepdf.open(source) as pdf:
        if pdf.is_encrypted:
            changes.actions.append(t("fix.done-encryption"))
        _save(pdf, target)
    return changes


# -------------------------------------------------------------------------------- active content
class _ActionCleaner:
    def __init__(self) -> None:
        self.removed: dict[str, int] = {}

    def clean(self, action: Any, depth: int = 0) -> Any | None:
        """The action with JavaScript and launch actions cut out of its /Next chain; None if nothing is left."""
        action_dict = _dict(action)
        if action_dict is None or depth > _MAX_DEPTH:
            return action
        following = action_dict.get("/Next")
        kept: list[Any] = []
        if following is not None:
            items = list(following) if isinstance(following, pikepdf.Array) else [following]
            kept = [item for item in (self.clean(item, depth + 1) for item in items) if item is not None]
            if not kept:
                del action_dict["/Next"]
            else:
                action_dict["/Next"] = kept[0] if len(kept) == 1 else pikepdf.Array(kept)
        kind = _name(action_dict.get("/S"))
        if kind in _BAD_ACTIONS:
            label = _BAD_ACTIONS[kind]
            self.removed[label] = self.removed.get(label, 0) + 1
            return kept[0] if kept else None
        return action

    def clean_key(self, owner: Any, key: str) -> None:
        owner_dict = _dict(owner)
        if owner_dict is None or key not in owner_dict:
            return
        cleaned = self.clean(owner_dict.get(key))
        if cleaned is None:
            del owner_dict[key]
        else:
            owner_dict[key] = cleaned

    def clean_triggers(self, owner: Any) -> None:
        owner_dict = _dict(owner)
        if owner_dict is None:
            return
        triggers = _dict(owner_dict.get("/AA"))
        if triggers is None:
            return
        for trigger in list(triggers.keys()):
            self.clean_key(triggers, trigger)
        if not list(triggers.keys()):
            del owner_dict["/AA"]


def _walk_fields(fields: Any, depth: int = 0) -> Iterator[pikepdf.Dictionary]:
    if not isinstance(fields, pikepdf.Array) or depth > _MAX_DEPTH:
        return
    for item in fields:
        item_dict = _dict(item)
        if item_dict is None:
            continue
        yield item_dict
        yield from _walk_fields(item_dict.get("/Kids"), depth + 1)


def _annotation_subtype(annotation: Any) -> str:
    annotation_dict = _dict(annotation)
    return _name(annotation_dict.get("/Subtype")).lstrip("/") if annotation_dict is not None else ""


def flatten_annotations(pdf: pikepdf.Pdf, subtypes: set[str] | None) -> int:
    """Draw annotations into their page and remove them; links, attachments and popups stay.

    ``subtypes`` limits which annotations are flattened (None: every kind that has an appearance).
    Returns how many annotations were flattened.
    """
    keep_kinds = {"Link", "FileAttachment", "Popup"}
    stashed: list[tuple[pikepdf.Page, list[Any], int]] = []
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        flatten: list[Any] = []
        keep: list[Any] = []
        for annotation in annotations:
            subtype = _annotation_subtype(annotation)
            wanted = subtype not in keep_kinds and (subtypes is None or subtype in subtypes)
            (flatten if wanted else keep).append(annotation)
        page.obj["/Annots"] = pikepdf.Array(flatten)
        stashed.append((page, keep, len(flatten)))
    if not any(count for _page, _keep, count in stashed):
        for page, keep, _count in stashed:
            page.obj["/Annots"] = pikepdf.Array(keep)
        return 0
    if "/AcroForm" in pdf.Root:
        pdf.generate_appearance_streams()
    pdf.flatten_annotations(mode="all")
    flattened = 0
    for page, keep, count in stashed:
        remaining = page.obj.get("/Annots")
        left = list(remaining) if isinstance(remaining, pikepdf.Array) else []
        flattened += count - len(left)
        survivors = {(item.objgen if item.is_indirect else id(item)) for item in [*left, *keep]}
        kept: list[Any] = []
        if subtypes is not None and "Widget" in subtypes:
            # hidden or no-print fields are not drawn, so flattening skips them; they show nothing: drop them
            flattened += sum(1 for item in left if _annotation_subtype(item) == "Widget")
            left = [item for item in left if _annotation_subtype(item) != "Widget"]
        for item in [*left, *keep]:
            item_dict = _dict(item)
            parent = item_dict.get("/Parent") if item_dict is not None else None
            if _annotation_subtype(item) == "Popup" and parent is not None:
                key = parent.objgen if parent.is_indirect else id(parent)
                if key not in survivors:
                    continue  # the comment it belonged to is now part of the page
            kept.append(item)
        if kept:
            page.obj["/Annots"] = pikepdf.Array(kept)
        elif "/Annots" in page.obj:
            del page.obj["/Annots"]
    return flattened


def list_attachments(pdf: pikepdf.Pdf) -> list[str]:
    names: list[str] = []
    with contextlib.suppress(Exception):
        names.extend(str(name) for name in pdf.attachments)
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots") or []:
            if _annotation_subtype(annotation) == "FileAttachment":
                annotation_dict = _dict(annotation)
                spec = _dict(annotation_dict.get("/FS")) if annotation_dict is not None else None
                names.append(_name(spec.get("/UF") or spec.get("/F")) if spec is not None else "(unnamed)")
    return list(dict.fromkeys(names))


def _drop_attachments(pdf: pikepdf.Pdf) -> list[str]:
    names = list_attachments(pdf)
    root_names = _dict(pdf.Root.get("/Names"))
    if root_names is not None and "/EmbeddedFiles" in root_names:
        del root_names["/EmbeddedFiles"]
    if "/AF" in pdf.Root:
        del pdf.Root["/AF"]
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if isinstance(annotations, pikepdf.Array):
            kept = [a for a in annotations if _annotation_subtype(a) != "FileAttachment"]
            if len(kept) != len(annotations):
                page.obj["/Annots"] = pikepdf.Array(kept)
        if "/AF" in page.obj:
            del page.obj["/AF"]
    return names


def remove_active_content(source: Path, target: Path, drop_attachments: bool) -> Changes:
    """Remove scripts and launch actions, flatten form fields, and drop attachments when asked."""
    changes = Changes()
    cleaner = _ActionCleaner()
    with pikepdf.open(source) as pdf:
        root = pdf.Root
        root_names = _dict(root.get("/Names"))
        if root_names is not None and "/JavaScript" in root_names:
            try:
                count = len(list(pikepdf.NameTree(root_names["/JavaScript"]).keys()))
            except Exception:
                count = 1
            del root_names["/JavaScript"]
            changes.actions.append(t("fix.done-scripts", count=count))
        cleaner.clean_key(root, "/OpenAction")
        cleaner.clean_triggers(root)
        dead_links = 0
        for page in pdf.pages:
            cleaner.clean_triggers(page.obj)
            annotations = page.obj.get("/Annots")
            if not isinstance(annotations, pikepdf.Array):
                continue
            kept: list[Any] = []
            for annotation in annotations:
                before = _dict(annotation)
                had_action = before is not None and "/A" in before
                cleaner.clean_key(annotation, "/A")
                cleaner.clean_triggers(annotation)
                annotation_dict = _dict(annotation)
                if (
                    had_action
                    and annotation_dict is not None
                    and _annotation_subtype(annotation) == "Link"
                    and "/A" not in annotation_dict
                    and "/Dest" not in annotation_dict
                ):
                    dead_links += 1  # a link whose only action was removed would lead nowhere
                    continue
                kept.append(annotation)
            if len(kept) != len(annotations):
                page.obj["/Annots"] = pikepdf.Array(kept)
        acroform = _dict(root.get("/AcroForm"))
        if acroform is not None:
            for form_field in _walk_fields(acroform.get("/Fields")):
                cleaner.clean_key(form_field, "/A")
                cleaner.clean_triggers(form_field)
        for label, count in sorted(cleaner.removed.items()):
            changes.actions.append(t(f"fix.done-action-{label}", count=count))
        if dead_links:
            changes.actions.append(t("fix.done-dead-links", count=dead_links))
        flattened = flatten_annotations(pdf, {"Widget"})
        if flattened:
            changes.actions.append(t("fix.done-flattened", count=flattened))
        acroform = _dict(root.get("/AcroForm"))
        if acroform is not None:
            if "/XFA" in acroform:
                del acroform["/XFA"]
                changes.actions.append(t("fix.done-xfa"))
            fields = acroform.get("/Fields")
            if not isinstance(fields, pikepdf.Array) or len(fields) == 0:
                del root["/AcroForm"]
        attachments = list_attachments(pdf)
        if attachments and drop_attachments:
            _drop_attachments(pdf)
            changes.actions.append(t("fix.done-attachments", count=len(attachments), items=", ".join(attachments)))
        elif attachments:
            changes.notes.append(t("fix.kept-attachments", count=len(attachments), items=", ".join(attachments)))
        _save(pdf, target)
    return changes


# ------------------------------------------------------------------------------------- file size
def _digest(stream: pikepdf.Stream) -> str:
    hasher = hashlib.sha256(bytes(stream.read_raw_bytes()))
    for key in sorted(stream.stream_dict.keys()):
        if key != "/Length":
            hasher.update(key.encode() + repr(stream.stream_dict.get(key)).encode())
    return hasher.hexdigest()


def _dedupe(pdf: pikepdf.Pdf) -> tuple[int, int]:
    """Point every reference to an identical image or font program at one copy; (images, fonts) merged."""
    canonical: dict[str, Any] = {}
    duplicates: dict[tuple[int, int], pikepdf.Object] = {}
    kinds: dict[tuple[int, int], str] = {}
    font_programs: set[tuple[int, int]] = set()
    for obj in pdf.objects:
        descriptor = _dict(obj)
        if descriptor is not None and descriptor.get("/Type") == "/FontDescriptor":
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                program = descriptor.get(key)
                if isinstance(program, pikepdf.Stream) and program.is_indirect:
                    font_programs.add(program.objgen)
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or not obj.is_indirect:
            continue
        is_image = obj.stream_dict.get("/Subtype") == "/Image"
        if not is_image and obj.objgen not in font_programs:
            continue
        try:
            digest = _digest(obj)
        except Exception:
            continue
        first = canonical.setdefault(digest, obj)
        if first.objgen != obj.objgen:
            duplicates[obj.objgen] = first
            kinds[obj.objgen] = "image" if is_image else "font"
    if not duplicates:
        return 0, 0

    def replace_in(container: Any, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(container, pikepdf.Array):
            for index, value in enumerate(container):
                if isinstance(value, pikepdf.Stream) and value.is_indirect and value.objgen in duplicates:
                    container[index] = duplicates[value.objgen]
                elif isinstance(value, (pikepdf.Dictionary, pikepdf.Array)) and not value.is_indirect:
                    replace_in(value, depth + 1)
            return
        container_dict = _dict(container)
        if container_dict is None:
            return
        for key in list(container_dict.keys()):
            entry = container_dict.get(key)
            if isinstance(entry, pikepdf.Stream) and entry.is_indirect and entry.objgen in duplicates:
                container_dict[key] = duplicates[entry.objgen]
            elif isinstance(entry, (pikepdf.Dictionary, pikepdf.Array)) and not entry.is_indirect:
                replace_in(entry, depth + 1)

    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
            replace_in(obj, 0)
    images = sum(1 for kind in kinds.values() if kind == "image")
    return images, len(kinds) - images


def compress_lossless(source: Path, target: Path) -> Changes:
    """Object streams, compressed streams, no unused resources, one copy of identical images and fonts."""
    changes = Changes()
    with pikepdf.open(source) as pdf:
        pdf.remove_unreferenced_resources()
        images, fonts = _dedupe(pdf)
        if images or fonts:
            changes.actions.append(t("fix.done-duplicates", images=images, fonts=fonts))
        _save(pdf, target, compact=True)
    changes.actions.append(t("fix.done-lossless"))
    return changes


# -------------------------------------------------------------------------------------- metadata
def clean_metadata_text(value: str) -> str:
    """The value without control and invisible characters, in NFC; French no-break spaces are kept."""
    out: list[str] = []
    for char in value:
        code = ord(char)
        category = unicodedata.category(char)
        if char in "\t\n\r\v\f\u2028\u2029":
            out.append(" ")
        elif code < 0x20 or 0x7F <= code <= 0x9F or category in ("Cf", "Co", "Cs", "Cn") or char == "\ufffd":
            continue  # zero-width, bidi controls, soft hyphens, private-use glyph codes, C0/C1 controls
        else:
            out.append(char)
    cleaned = unicodedata.normalize("NFC", "".join(out))
    while "  " in cleaned:
        cleaned = cleaned.replace("  ", " ")
    return cleaned.strip()


def dirty_metadata(metadata: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The metadata fields that cleaning would change: key -> (before, after)."""
    fields = {f"info:{key[1:]}" for key in METADATA_KEYS} | {f"xmp:{key}" for key in XMP_KEYS}
    found: dict[str, tuple[str, str]] = {}
    for key, value in metadata.items():
        if key in fields:
            cleaned = clean_metadata_text(value)
            if cleaned != value:
                found[key] = (value, cleaned)
    return found


def clean_metadata(source: Path, target: Path) -> Changes:
    from preflight.model import make_visible

    changes = Changes()
    with pikepdf.open(source) as pdf:
        for key in METADATA_KEYS:
            value = pdf.docinfo.get(key)
            if value is None:
                continue
            text = str(value)
            cleaned = clean_metadata_text(text)
            if cleaned != text:
                pdf.docinfo[key] = cleaned
                changes.actions.append(t("fix.done-clean", key=key[1:], before=make_visible(text), after=cleaned))
        try:
            with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
                for key in XMP_KEYS:
                    value = xmp.get(key)
                    if isinstance(value, str):
                        cleaned = clean_metadata_text(value)
                        if cleaned != value:
                            xmp[key] = cleaned
                            changes.actions.append(t("fix.done-clean-xmp", key=key))
                    elif value:
                        items = list(value)
                        cleaned_items = [clean_metadata_text(str(item)) for item in items]
                        if cleaned_items != items:
                            xmp[key] = cleaned_items if not isinstance(value, set) else set(cleaned_items)
                            changes.actions.append(t("fix.done-clean-xmp", key=key))
        except Exception as exc:
            changes.notes.append(t("fix.xmp-failed", error=exc))
        _save(pdf, target)
    return changes


# ----------------------------------------------------------------------------------------- fonts
def flatten_all_annotations(source: Path, target: Path) -> int:
    """Flatten every annotation that has an appearance (not links): their fonts become the page's."""
    with pikepdf.open(source) as pdf:
        count = flatten_annotations(pdf, None)
        _save(pdf, target)
    return count


_SIMPLE_FONTS = ("/Type1", "/TrueType", "/MMType1")


def _has_program(font: pikepdf.Dictionary) -> bool:
    descriptor = _dict(font.get("/FontDescriptor"))
    return descriptor is not None and any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _font_objects(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every font dictionary: indirect ones, and direct ones inside resource dictionaries."""
    for obj in pdf.objects:
        found = _dict(obj)
        if found is None:
            continue
        if found.get("/Type") == "/Font" and "/BaseFont" in found:
            yield found
            continue
        for resources in (_dict(found.get("/Resources")), found):
            fonts = _dict(resources.get("/Font")) if resources is not None else None
            if fonts is None:
                continue
            for key in list(fonts.keys()):
                font = fonts.get(key)
                if isinstance(font, pikepdf.Dictionary) and not font.is_indirect and "/BaseFont" in font:
                    yield font


def _copy(pdf: pikepdf.Pdf, donor: pikepdf.Pdf, value: Any) -> Any:
    """A copy of a donor object that belongs to pdf (direct objects are copied through an indirect one)."""
    if isinstance(value, (pikepdf.Name, int, float)):
        return value
    if not value.is_indirect:
        value = donor.make_indirect(value)
    return pdf.copy_foreign(value)


def remove_unused_resources(source: Path, target: Path) -> None:
    """Drop fonts, images and other resources that no content stream uses."""
    with pikepdf.open(source) as pdf:
        pdf.remove_unreferenced_resources()
        _save(pdf, target)


def graft_embedded_fonts(
    source: Path, donor: Path, target: Path, required: set[str] | None = None
) -> tuple[list[str], list[str]]:
    """Copy the font programs Ghostscript embedded (in donor) into the untouched source.

    Only the font dictionaries of simple fonts that lack a program change: content streams, text
    mappings, images, links and bookmarks stay byte for byte as they were. The original encoding is
    kept when there is one (Ghostscript keeps character codes for simple fonts; the caller checks the
    pages still look the same). Returns the names grafted and the names in ``required`` (every name
    when None) for which the donor had no matching embedded font.
    """
    from preflight.pdf.text import clean_font_name

    grafted: list[str] = []
    missing: list[str] = []
    with pikepdf.open(source) as pdf, pikepdf.open(donor) as donor_pdf:
        offers: dict[str, list[pikepdf.Dictionary]] = {}
        for font in _font_objects(donor_pdf):
            if font.get("/Subtype") in _SIMPLE_FONTS and _has_program(font):
                offers.setdefault(clean_font_name(_name(font.get("/BaseFont")).lstrip("/")), []).append(font)
        for font in _font_objects(pdf):
            name = clean_font_name(_name(font.get("/BaseFont")).lstrip("/"))
            if font.get("/Subtype") == "/Type0":
                descendants = font.get("/DescendantFonts")
                descendant = _dict(descendants[0]) if isinstance(descendants, pikepdf.Array) and descendants else None
                if descendant is not None and not _has_program(descendant) and (required is None or name in required):
                    missing.append(name)  # CID fonts: only a full rewrite can embed them
                continue
            if font.get("/Subtype") not in _SIMPLE_FONTS or _has_program(font):
                continue
            candidates = offers.get(name, [])
            if not candidates:
                if required is None or name in required:
                    missing.append(name)
                continue
            wanted = repr(font.get("/Encoding"))
            offer = next((c for c in candidates if repr(c.get("/Encoding")) == wanted), candidates[0])
            # The original widths place every glyph on the page: keep them when there are any.
            keep_widths = isinstance(font.get("/Widths"), pikepdf.Array) and "/FirstChar" in font
            for key in ("/Subtype", "/BaseFont", "/FirstChar", "/LastChar"):
                if key in offer and not (keep_widths and key in ("/FirstChar", "/LastChar")):
                    font[key] = offer.get(key)
            for key in ("/Widths", "/FontDescriptor", "/Encoding"):
                if (key == "/Widths" and keep_widths) or (key == "/Encoding" and key in font):
                    continue
                if key in offer:
                    font[key] = _copy(pdf, donor_pdf, offer.get(key))
                elif key in font and key != "/Encoding":
                    del font[key]
            if "/ToUnicode" not in font and "/ToUnicode" in offer:
                font["/ToUnicode"] = _copy(pdf, donor_pdf, offer.get("/ToUnicode"))
            grafted.append(name)
        _save(pdf, target)
    return list(dict.fromkeys(grafted)), list(dict.fromkeys(missing))


def repair(source: Path, target: Path) -> None:
    """Write the file as qpdf reads it after repair: a clean cross-reference table and trailer."""
    with pikepdf.open(source) as pdf:
        _save(pdf, target)
