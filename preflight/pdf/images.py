"""Shrink a PDF's images toward a size goal for 'preflight fix': the largest first, and no more than needed.

Only image XObject streams are rewritten, with pikepdf and Pillow. Content streams, fonts, text mappings,
links and bookmarks stay byte for byte as they were, so the text of every page cannot change. (Ghostscript's
pdfwrite, with its image settings, would redraw every page and re-encode every image and font as well.)

Which images change, and how
    Images are taken largest (stored bytes) first, and the walk stops as soon as the file's size, counted
    image by image, is at the goal: the images after that are not touched.
    Scans and photos (pixels captured by a sensor, so neighbouring pixels rarely repeat exactly) stored
    losslessly (Flate, LZW, run-length, or no compression) become JPEG at the chosen quality. Drawn above
    ``max_dpi``, they are downsampled to it first.
    JPEG images are re-encoded only when drawn above ``max_dpi``, or stored at a quality well above the
    chosen one (``JPEG_QUALITY_SLACK``; the quality is estimated from the luminance quantisation table).
    Drawings, charts and screenshots (most neighbouring pixels identical) stay lossless: they are only
    downsampled when drawn above ``max_dpi``, and stored with Flate.
    A new encoding is kept only when it saves at least ``MIN_SAVING`` of the image's bytes.
    The colour space is kept as it was (DeviceGray, DeviceRGB, CalGray, CalRGB, or an ICC profile of 1 or
    3 components), so the colours stay those the file declared.

Left as they are
    1-bit images, stencil masks, JBIG2 and CCITT scans: bilevel scans of letters are small and sharp when
    lossless; JPEG makes them larger and blurs the letters.
    Images with a colour-key mask (/Mask): JPEG would change the colours that the mask makes transparent.
    Images with a soft mask (/SMask) never become JPEG (its ringing shows as a halo along the mask's edge);
    drawn above ``max_dpi``, they and their mask are downsampled together, losslessly.
    Indexed (palette) images: few colours, compact already; JPEG would store three bytes a pixel and smear them.
    Images with a /Decode array, samples of 2, 4 or 16 bits, CMYK, Lab, Separation or DeviceN colour, JPEG
    2000: a re-encoding would not give back the same colours.
    Images stored in under ``SMALL_IMAGE_BYTES`` (logos, icons, small figures): little to gain.
    Images whose pixels would decode past the per-stream budget (preflight.pdf.budget): never decoded.
    Inline images, inside a content stream: changing them would mean rewriting the page's content.
"""

from __future__ import annotations

import io
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from preflight.i18n import t
from preflight.pdf import budget
from preflight.pdf.rewrite import _save
from preflight.pdf.structure import _name, collect_images

SMALL_IMAGE_BYTES = 64_000
"""Images stored in fewer bytes are left as they are."""
MIN_SAVING = 0.1
"""A re-encoding that saves less than this share of an image's bytes is not worth its loss."""
CAPTURED_MAX_EQUAL = 0.5
"""An image with fewer horizontally neighbouring pixels equal than this share was captured (scan, photo)."""
JPEG_QUALITY_SLACK = 5
"""A JPEG stored at the chosen quality plus this much, or more, is re-encoded at the chosen quality."""
DPI_SLACK = 1.05
"""Images drawn up to 5 % above max_dpi are left at their resolution: resampling them gains too little."""

_LOSSLESS_FILTERS = {
    "/FlateDecode": "Flate",
    "/Fl": "Flate",
    "/LZWDecode": "LZW",
    "/LZW": "LZW",
    "/RunLengthDecode": "RunLength",
    "/RL": "RunLength",
    "/ASCII85Decode": "ASCII85",
    "/A85": "ASCII85",
    "/ASCIIHexDecode": "ASCIIHex",
    "/AHx": "ASCIIHex",
}
_BILEVEL_FILTERS = ("/JBIG2Decode", "/CCITTFaxDecode", "/CCF")
_COLOUR_SPACES = {"/DeviceGray": 1, "/G": 1, "/CalGray": 1, "/DeviceRGB": 3, "/RGB": 3, "/CalRGB": 3}
# The IJG luminance table at quality 50: a JPEG's own table, divided by it, gives its quality.
_IJG_LUMINANCE = (
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
)  # fmt: skip

LEFT_REASONS = ("bilevel", "masked", "indexed", "colours", "budget", "drawing", "jpeg", "no-gain", "unreadable")
"""Why a large image was left as it was (small ones are not counted); each has the message id "fix.left-<reason>"."""


@dataclass(frozen=True)
class ImagePolicy:
    max_dpi: float
    jpeg_quality: int


@dataclass
class Reduction:
    """What one pass over the images did, and why the images it did not change were left."""

    actions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changed: int = 0
    saved: int = 0
    left: Counter[str] = field(default_factory=Counter)
    """Reason -> how many images were looked at and left as they were."""
    left_bytes: int = 0
    """The stored bytes of those images."""
    rewritten: set[tuple[int, int]] = field(default_factory=set)
    """The images this pass re-encoded, by object number and generation."""


@dataclass(frozen=True)
class _Done:
    before: int
    after: int
    message: str


def _filter_names(stream: pikepdf.Stream) -> list[str]:
    filters = stream.get("/Filter")
    if filters is None:
        return []
    return [str(item) for item in filters] if isinstance(filters, pikepdf.Array) else [_name(filters)]


def _components(colour_space: Any) -> int | None:
    """The number of components of a colour space a re-encoding may keep, or None (indexed, CMYK, Lab...)."""
    if isinstance(colour_space, pikepdf.Name):
        return _COLOUR_SPACES.get(str(colour_space))
    if isinstance(colour_space, pikepdf.Array) and len(colour_space) >= 1:
        family = str(colour_space[0])
        if family in ("/CalGray", "/CalRGB"):
            return _COLOUR_SPACES[family]
        if family == "/ICCBased" and len(colour_space) >= 2 and isinstance(colour_space[1], pikepdf.Stream):
            count = colour_space[1].get("/N")
            return int(count) if isinstance(count, int) and int(count) in (1, 3) else None
    return None


def why_left_alone(stream: pikepdf.Stream) -> str | None:
    """The reason an image is never re-encoded (a LEFT_REASONS id), or None if it may be."""
    filters = _filter_names(stream)
    if stream.get("/ImageMask") or any(name in _BILEVEL_FILTERS for name in filters):
        return "bilevel"
    bits = stream.get("/BitsPerComponent", 8)
    if isinstance(bits, int) and int(bits) == 1:
        return "bilevel"
    if "/Mask" in stream:
        return "masked"
    colour_space = stream.get("/ColorSpace")
    if isinstance(colour_space, pikepdf.Array) and len(colour_space) and str(colour_space[0]) in ("/Indexed", "/I"):
        return "indexed"
    if (
        "/Decode" in stream
        or not isinstance(bits, int)
        or int(bits) != 8
        or _components(colour_space) is None
        or any(name not in _LOSSLESS_FILTERS and name not in ("/DCTDecode", "/DCT") for name in filters)
    ):
        return "colours"
    return None


def estimate_jpeg_quality(image: Any) -> int | None:
    """The IJG quality (1-100) a JPEG was saved at, from its luminance table; None when it has none."""
    tables = getattr(image, "quantization", None)
    if not tables or 0 not in tables or len(tables[0]) != 64:
        return None
    scale = 100 * sum(tables[0]) / sum(_IJG_LUMINANCE)  # the sum does not depend on the table's order
    quality = (200 - scale) / 2 if scale <= 100 else 5000 / scale
    return max(1, min(100, round(quality)))


def looks_captured(image: Any) -> bool:
    """Whether the pixels were captured (a scan, a photo) rather than drawn (a chart, a screenshot).

    A sensor's noise makes neighbouring pixels differ; drawn content repeats exact values along its flat
    areas. Measured on at most 512 rows, so that a 300-dpi page costs a few milliseconds.
    """
    from PIL import Image, ImageChops

    grey = image if image.mode == "L" else image.convert("L")
    if grey.width < 2:
        return False
    if grey.height > 512:
        grey = grey.resize((grey.width, 512), Image.Resampling.NEAREST)  # whole rows: neighbours stay neighbours
    difference = ImageChops.difference(grey, ImageChops.offset(grey, 1, 0))
    equal = difference.histogram()[0] / (grey.width * grey.height)
    return equal < CAPTURED_MAX_EQUAL


def _decoded_bound(stream: pikepdf.Stream, components: int) -> int:
    return int(stream.get("/Width", 0)) * int(stream.get("/Height", 0)) * components


def _over_budget(stream: pikepdf.Stream, filters: list[str], components: int, cap: int) -> bool:
    """Whether decoding the image could go past the per-stream budget: by its declared pixels, or by its data
    (a Flate or LZW stream inflated chunk by chunk, a run-length one by its worst case, 128 times its bytes)."""
    if _decoded_bound(stream, components) > cap:
        return True
    if any(name in ("/RunLengthDecode", "/RL") for name in filters) and len(stream.read_raw_bytes()) * 128 > cap:
        return True
    return any(name in ("/FlateDecode", "/Fl", "/LZWDecode", "/LZW") for name in filters) and (
        budget.decoded_size(stream, cap) > cap
    )


def _encode(image: Any, jpeg_quality: int | None) -> tuple[bytes, pikepdf.Name]:
    if jpeg_quality is not None:
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=jpeg_quality, optimize=True)
        return buffer.getvalue(), pikepdf.Name.DCTDecode
    return zlib.compress(image.tobytes(), 9), pikepdf.Name.FlateDecode


def _describe(filters: list[str]) -> str:
    if not filters:
        return t("fix.encoding-none")
    if filters[-1] in ("/DCTDecode", "/DCT"):
        return "JPEG"
    return "+".join(dict.fromkeys(_LOSSLESS_FILTERS.get(name, name.lstrip("/")) for name in filters))


def shrink_image(stream: pikepdf.Stream, dpi: float | None, page: int, policy: ImagePolicy, cap: int) -> _Done | str:
    """Re-encode one image in place when the rules allow it and it saves enough; else the reason it was left."""
    from PIL import Image

    reason = why_left_alone(stream)
    if reason is not None:
        return reason
    stored = len(stream.read_raw_bytes())
    if stored < SMALL_IMAGE_BYTES:
        return "small"
    filters = _filter_names(stream)
    was_jpeg = any(name in ("/DCTDecode", "/DCT") for name in filters)
    too_fine = dpi is not None and dpi > policy.max_dpi * DPI_SLACK
    masked = "/SMask" in stream
    if masked and not too_fine:
        return "masked"
    components = _components(stream.get("/ColorSpace")) or 3
    if _decoded_bound(stream, components) > cap:
        return "budget"
    if _over_budget(stream, filters, components, cap):
        return "budget"
    smask = stream.get("/SMask")
    if isinstance(smask, pikepdf.Stream) and _over_budget(smask, _filter_names(smask), 1, cap):
        return "budget"
    image: Any
    try:
        if filters in (["/DCTDecode"], ["/DCT"]):
            image = Image.open(io.BytesIO(bytes(stream.read_raw_bytes())))
            if image.size != (int(stream.get("/Width", 0)), int(stream.get("/Height", 0))):
                return "unreadable"  # its own header says another size than the PDF: decoding it is not bounded
            quality = estimate_jpeg_quality(image)
            if not too_fine and (quality is None or quality < policy.jpeg_quality + JPEG_QUALITY_SLACK):
                return "jpeg"
            image.load()
        elif was_jpeg:
            return "jpeg"  # a JPEG inside another filter: rare, and left as its producer wrote it
        else:
            image = pikepdf.PdfImage(stream).as_pil_image()
    except Exception:
        return "unreadable"
    if image.mode != ("L" if components == 1 else "RGB"):
        return "colours"
    photo = was_jpeg or (not masked and looks_captured(image))  # a JPEG stays one: no new loss, no new halo
    if not photo and not too_fine:
        return "drawing"
    width, height = image.size
    new_size = (width, height)
    if too_fine and dpi:
        scale = policy.max_dpi / dpi
        new_size = (max(1, round(width * scale)), max(1, round(height * scale)))
        image = image.resize(new_size, Image.Resampling.LANCZOS)
    data, new_filter = _encode(image, policy.jpeg_quality if photo else None)
    if len(data) > stored * (1 - MIN_SAVING):
        return "no-gain"
    if isinstance(smask, pikepdf.Stream) and new_size != (width, height):
        try:
            mask = pikepdf.PdfImage(smask).as_pil_image().convert("L").resize(new_size, Image.Resampling.LANCZOS)
        except Exception:
            return "masked"
        mask_data, mask_filter = _encode(mask, None)
        smask.write(mask_data, filter=mask_filter)
        smask.Width, smask.Height = new_size
        smask.BitsPerComponent = 8
        smask.ColorSpace = pikepdf.Name.DeviceGray
        for key in ("/Decode", "/DecodeParms"):
            if key in smask:
                del smask[key]
    stream.write(data, filter=new_filter)
    stream.Width, stream.Height = new_size
    if "/DecodeParms" in stream:
        del stream["/DecodeParms"]
    now = t("fix.encoding-jpeg", quality=policy.jpeg_quality) if photo else t("fix.image-lossless")
    common: dict[str, Any] = {"page": page, "width": width, "height": height, "was": _describe(filters), "now": now}
    if new_size != (width, height):
        message = t(
            "fix.image-downsampled",
            **common,
            new_width=new_size[0],
            new_height=new_size[1],
            dpi=dpi,
            max_dpi=policy.max_dpi,
            before=stored,
            after=len(data),
        )
    else:
        message = t("fix.image-reencoded", **common, before=stored, after=len(data))
    return _Done(stored, len(data), message)


def reduce_images(
    source: Path,
    target: Path,
    policy: ImagePolicy,
    size: int,
    goal: int,
    done_before: frozenset[tuple[int, int]] = frozenset(),
) -> Reduction:
    """Re-encode source's images, largest first, until its size (``size`` now) is counted down to ``goal``.

    The file is then saved to target (with object streams). Each image's saving is counted from its
    stream's bytes, so the saved file can end a little above or below the count: the caller measures it.
    Images in ``done_before`` (re-encoded by an earlier pass at the same settings) are not looked at again.
    """
    reduction = Reduction()
    cap = budget.active().stream_bytes or 2**62
    estimate = size
    with pikepdf.open(source) as pdf:
        for info in collect_images(pdf):  # largest stored first
            if estimate <= goal:
                break
            if info.objgen is None or info.objgen in done_before:
                continue
            stream = pdf.get_object(info.objgen)
            if not isinstance(stream, pikepdf.Stream):
                continue
            page = min(info.pages)
            try:
                done = shrink_image(stream, info.dpi, page, policy, cap)
            except Exception as exc:  # one odd image must not stop the others
                reduction.notes.append(t("fix.image-left", name=info.name, page=page, error=exc))
                continue
            if isinstance(done, str):
                if done != "small":
                    reduction.left[done] += 1
                    reduction.left_bytes += info.stored_bytes
                continue
            reduction.actions.append(done.message)
            reduction.changed += 1
            reduction.rewritten.add(info.objgen)
            reduction.saved += done.before - done.after
            estimate -= done.before - done.after
        _save(pdf, target, compact=True)
    return reduction
