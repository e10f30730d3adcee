"""What one file may cost: decompressed bytes per stream and per file, seconds, and memory.

A PDF of one megabyte can hold a gigabyte of zeros behind one FlateDecode filter; a portal's converter
gives up on such a file, and so must we, quickly and with a reason. The byte caps are measured here,
while inflating (never by inflating a stream whole and looking at its length); the deadline and the
memory limit are enforced by the engine around the worker process that checks the file.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import os
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

MB = 1024 * 1024
CHUNK = 1 * MB
DEFLATE_MAX_RATIO = 1032
"""Deflate cannot expand one byte into more than about 1,032: a stream this small is measured by its length."""


@dataclass(frozen=True)
class Budget:
    """The limits of one file's check; 0 (or None for seconds) turns a limit off."""

    stream_bytes: int = 256 * MB
    """Decompressed bytes of any one stream (a page's content, an image, a font program)."""
    file_bytes: int = 1024 * MB
    """Decompressed bytes of all the file's streams together."""
    seconds: float | None = 60.0
    """Wall-clock time to check the file, from opening to the last rule."""
    memory_bytes: int = 1536 * MB
    """Address space of the worker process that checks the file (resource.RLIMIT_AS)."""


DEFAULT = Budget()
ENVIRONMENT = {
    "PREFLIGHT_MAX_STREAM_MB": "stream_bytes",
    "PREFLIGHT_MAX_FILE_MB": "file_bytes",
    "PREFLIGHT_MAX_MEMORY_MB": "memory_bytes",
}
"""Environment variables that change the byte limits, in MB (0: no limit): for a machine that checks
unusually heavy files, or a fuzzer that wants its bombs cheap."""


def from_environment(base: Budget = DEFAULT, environ: Mapping[str, str] | None = None) -> Budget:
    """base, with the limits the environment sets; a value that is not a number is ignored."""
    environ = os.environ if environ is None else environ
    changes: dict[str, int] = {}
    for variable, name in ENVIRONMENT.items():
        value = environ.get(variable)
        if value:
            try:
                changes[name] = int(float(value) * MB)
            except ValueError:
                continue
    return dataclasses.replace(base, **changes) if changes else base


_active = DEFAULT


def active() -> Budget:
    """The budget of this process's checks: the default, or what the command line set (set_active)."""
    return _active


def set_active(budget: Budget) -> None:
    global _active
    _active = budget


class OverBudget(Exception):
    """The file needs more than a limit allows; ``limit`` names it (stream-bytes, file-bytes, time, memory)."""

    def __init__(self, limit: str, message: str, args: Mapping[str, object] | None = None) -> None:
        super().__init__(message)
        self.args_for_message: Mapping[str, object] = args or {}
        """The arguments of the pdf-readable message "over-budget-<limit>" (preflight.checks.pdf_readable)."""
        self.limit = limit
        self.message = message


def megabytes(count: int) -> str:
    return f"{count / MB:,.0f} MB"


OVER_BUDGET_FIX = (
    "Export the PDF again from its source document (or print it to a new PDF); a dossier needs neither "
    "gigabytes of decompressed data nor minutes to read. If the file is really this heavy, reduce its images."
)


# ------------------------------------------------------------------------------- measuring streams
def _filters(stream: pikepdf.Stream) -> list[str]:
    import pikepdf

    value = stream.get("/Filter")
    if value is None:
        return []
    items = list(value) if isinstance(value, pikepdf.Array) else [value]
    return [str(item) for item in items]


def _ascii_decode(name: str, data: bytes) -> bytes:
    if name in ("/ASCIIHexDecode", "/AHx"):
        text = bytes(byte for byte in data if byte not in b" \t\r\n\f\0").split(b">", 1)[0]
        return binascii.unhexlify(text + b"0" * (len(text) % 2))
    body = data.strip()
    if body.startswith(b"<~"):
        body = body[2:]
    body = body.split(b"~>", 1)[0]
    return base64.a85decode(body + b"~>", adobe=True, ignorechars=b" \t\r\n\f\0")


def _qpdf_decode(data: bytes, names: list[str]) -> bytes:
    import pikepdf

    if names[0] in ("/ASCII85Decode", "/A85") and data.lstrip().startswith(b"<~"):
        data = data.lstrip()[2:]  # the PostScript opening bracket, which qpdf does not expect in a PDF stream
    scratch = pikepdf.new()
    try:
        stream = pikepdf.Stream(scratch, data)
        stream.Filter = pikepdf.Array([pikepdf.Name(name) for name in names])
        return stream.read_bytes(decode_level=pikepdf.StreamDecodeLevel.generalized)
    finally:
        scratch.close()


def inflated_size(data: bytes, cap: int) -> int:
    """Bytes the deflate data inflates to, counting chunk by chunk; stops at cap + 1 (never holds more than a chunk).

    A stream that ends early or has a damaged tail counts what inflated before the damage, as readers do.
    """
    inflater = zlib.decompressobj()
    total = 0
    pending = data
    try:
        while pending or inflater.unconsumed_tail:
            source = inflater.unconsumed_tail or pending
            pending = b""
            total += len(inflater.decompress(source, CHUNK))
            if total > cap:
                return total
            if inflater.eof:
                break
        total += len(inflater.flush())
    except zlib.error:
        pass
    return total


def _raw_and_ceiling(stream: pikepdf.Stream) -> tuple[int, bool]:
    """An upper bound on the stream's decoded size, and whether it is exact already (no inflating needed).

    From the bytes qpdf reads, not from /Length, which a damaged or hostile file may state wrongly.
    """
    filters = _filters(stream)
    raw = len(stream.read_raw_bytes())
    if not filters:
        return raw, True
    if any(name in ("/FlateDecode", "/Fl") for name in filters):
        return raw * DEFLATE_MAX_RATIO, False
    if any(name in ("/LZWDecode", "/LZW") for name in filters):
        return raw * 4 * DEFLATE_MAX_RATIO, False
    return raw, True  # run-length and the image codecs: the checks never decode them


def decoded_size(stream: pikepdf.Stream, cap: int) -> int:
    """The stream's decoded size, inflated chunk by chunk so that a bomb stops at cap + 1 bytes."""
    filters = _filters(stream)
    data = stream.read_raw_bytes()
    ascii_filters = []
    while filters and filters[0] in ("/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85"):
        ascii_filters.append(filters.pop(0))
    if ascii_filters:
        # qpdf decodes the text encodings in C++ (Python's a85decode took 0.8 s on one 1 MB image); they at most
        # quadruple the bytes ('z'), so decoding them whole is bounded by the file's own size.
        try:
            data = _qpdf_decode(data, ascii_filters)
        except Exception:
            try:
                for name in ascii_filters:
                    data = _ascii_decode(name, data)
            except (ValueError, binascii.Error):
                return len(data)
    if filters and filters[0] in ("/FlateDecode", "/Fl"):
        return inflated_size(data, cap)
    if filters and filters[0] in ("/LZWDecode", "/LZW"):
        import pikepdf

        try:  # LZW expands at most a few thousand times, and is rare: decoded whole, under the memory limit
            return len(stream.read_bytes(decode_level=pikepdf.StreamDecodeLevel.generalized))
        except Exception:
            return len(data)
    return len(data)


def _streams(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Stream]:
    import pikepdf

    for item in pdf.objects:
        if isinstance(item, pikepdf.Stream):
            yield item


def measure(pdf: pikepdf.Pdf, budget: Budget = DEFAULT) -> None:
    """Raise OverBudget when a stream, or all streams together, decode past the budget's caps.

    Streams are measured largest bound first, and only while the bounds left could still pass a cap:
    a file of ordinary streams costs one look at each stream's raw bytes, no inflating.
    """
    stream_cap = budget.stream_bytes or 2**62
    file_cap = budget.file_bytes or 2**62
    bounds: list[tuple[int, bool, pikepdf.Stream]] = []
    for stream in _streams(pdf):
        try:
            ceiling, exact = _raw_and_ceiling(stream)
        except Exception:
            continue  # cannot be read: pdf-readable and the checks that read it say so
        bounds.append((ceiling, exact, stream))
    bounds.sort(key=lambda item: item[0], reverse=True)
    bound = sum(ceiling for ceiling, _, _ in bounds)  # measured sizes so far, plus the bounds of the rest
    measured = 0
    for ceiling, exact, stream in bounds:
        if bound <= file_cap and ceiling <= stream_cap:
            return  # sorted: every stream left is below this one's bound
        if exact:
            size = ceiling
        else:
            try:
                size = decoded_size(stream, min(stream_cap, file_cap - measured))
            except Exception:
                size = 0
        if size > stream_cap:
            raise OverBudget(
                "stream-bytes",
                f"a stream of the PDF ({_where(stream)}) decompresses to more than {megabytes(stream_cap)}, the "
                "limit per stream: a decompression bomb, or data no portal's converter would unpack",
                {"object": stream.objgen[0], "megabytes": stream_cap // MB},
            )
        measured += size
        bound += size - ceiling
        if measured > file_cap:
            break
    if measured > file_cap:
        raise OverBudget(
            "file-bytes",
            f"the PDF's streams decompress to more than {megabytes(file_cap)} together, the limit per file: "
            "a decompression bomb, or data no portal's converter would unpack",
            {"megabytes": file_cap // MB},
        )


def _where(stream: pikepdf.Stream) -> str:
    number = stream.objgen[0]
    kind = stream.get("/Type") or stream.get("/Subtype")
    return f"object {number}" + (f", {str(kind).lstrip('/')}" if kind is not None else "")
