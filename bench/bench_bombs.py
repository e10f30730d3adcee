"""Issue 16's bars, measured: bombs, interruption, and Ghostscript on a Type 3 font cycle.

    python bench/bench_bombs.py [--only content font docx sigint type3] [--files 50]

Builds every input in a temporary folder (never a big file in the repository) and prints, per bar, the
wall time, the peak memory of the whole process tree (the sum of the resident sets of preflight and
every process it started, sampled every 10 ms), the exit status, and the verdict:

- content: a 1 GB content bomb (``b"\\0" * 2**30`` Flate-compressed as page 1's contents, saved with
  ``stream_decode_level=none``) through ``preflight check``; the bar: a failing verdict in under 30 s
  with under 500 MB for the tree.
- font: the same gigabyte as an embedded font program.
- docx: a .docx whose document.xml inflates to 1 GB, through ``preflight text``.
- sigint: ``preflight check --jobs 2`` of N copies of a dossier, SIGINT twice 0.3 s apart; the bar:
  exit 130 within 2 s of the first signal, no process left, no traceback.
- type3: ``preflight fix`` on a file whose Type 3 glyphs draw each other (a cycle), once as it is and once
  with PREFLIGHT_GS_TIMEOUT=0.05 (the Ghostscript budget reached); the bar: done or refused within the
  budget, no Ghostscript left running.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIXTURE = REPO / "fixtures" / "valid-dossier.pdf"
FONT_FIXTURE = REPO / "fixtures" / "annotation-font.pdf"
GIGABYTE = 2**30
PREFLIGHT = [sys.executable, "-m", "preflight"]


def deflated_zeros(size: int) -> bytes:
    """zlib data for ``b"\\0" * size``, compressed a megabyte at a time (the same stream, without 1 GB held)."""
    compressor = zlib.compressobj(9)
    chunk = b"\0" * 2**20
    return b"".join(compressor.compress(chunk) for _ in range(size // len(chunk))) + compressor.flush()


def content_bomb(path: Path, size: int = GIGABYTE) -> Path:
    import pikepdf

    with pikepdf.open(FIXTURE) as pdf:
        stream = pikepdf.Stream(pdf, deflated_zeros(size))
        stream.Filter = pikepdf.Name.FlateDecode
        pdf.pages[0].Contents = stream
        pdf.save(path, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path


def font_bomb(path: Path, size: int = GIGABYTE) -> Path:
    import pikepdf

    with pikepdf.open(FONT_FIXTURE) as pdf:
        for item in pdf.objects:
            if isinstance(item, pikepdf.Dictionary) and "/FontFile2" in item:
                stream = pikepdf.Stream(pdf, deflated_zeros(size))
                stream.Filter = pikepdf.Name.FlateDecode
                stream.Length1 = size
                item.FontFile2 = stream
                break
        pdf.save(path, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path


def docx_bomb(path: Path, size: int = GIGABYTE) -> Path:
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(f"<w:document {namespace}><w:body><w:p><w:r><w:t>".encode())
            chunk = b" " * 2**20
            for _ in range(size // len(chunk)):
                member.write(chunk)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def type3_cycle(path: Path) -> Path:
    """Glyph 'a' of a Type 3 font draws 'b' of the same font, which draws 'a'; plus Helvetica not embedded,
    so that `fix` needs Ghostscript."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    font = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=Array([0, 0, 1000, 1000]),
            FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
            FirstChar=97,
            LastChar=98,
            Widths=Array([1000, 1000]),
            Encoding=Dictionary(Type=Name.Encoding, Differences=Array([97, Name.a, Name.b])),
        )
    )
    font.CharProcs = Dictionary(
        a=pdf.make_stream(b"1000 0 d0 BT /TA 1 Tf (b) Tj ET"), b=pdf.make_stream(b"1000 0 d0 BT /TA 1 Tf (a) Tj ET")
    )
    helvetica = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    page.obj.Resources = Dictionary(Font=Dictionary(TA=font, F1=helvetica))
    page.obj.Contents = pdf.make_stream(
        b"BT /F1 12 Tf 72 720 Td (Projet de recherche) Tj ET BT /TA 24 Tf 72 600 Td (a) Tj ET"
    )
    pdf.save(path)
    return path


# ------------------------------------------------------------------------------------ measuring
def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def tree_rss(root: int) -> int:
    """Resident bytes of root and all its descendants."""
    tree = _children()
    total = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
        stack.extend(tree.get(pid, []))
    return total


def left_running(marker: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if marker in cmdline and state != "Z":
                found.append(f"{entry.name}: {cmdline[:120]}")
    return found


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    code: int
    stdout: str
    stderr: str


def measure(
    command: list[str], env: dict[str, str] | None = None, signals: tuple[tuple[float, int], ...] = ()
) -> tuple[Measure, float | None]:
    """Run command, sampling the tree's memory; send (delay after its first child process, signal) pairs; also
    the seconds from the first signal to the exit."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}
    )
    import threading

    output: dict[str, str] = {}

    def drain() -> None:
        output["out"], output["err"] = process.communicate()

    reader = threading.Thread(target=drain)
    reader.start()
    peak = 0
    pending = list(signals)
    first_signal: float | None = None
    workers_seen: float | None = None  # signals are timed from the first worker: "during the check"
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        if workers_seen is None and _children().get(process.pid):
            workers_seen = time.monotonic()
        if pending and workers_seen is not None and time.monotonic() - workers_seen >= pending[0][0]:
            process.send_signal(pending.pop(0)[1])
            first_signal = first_signal or time.monotonic()
        time.sleep(0.01)
    ended = time.monotonic()
    reader.join()
    since_signal = ended - first_signal if first_signal else None
    result = Measure(ended - started, peak / 2**20, process.returncode, output["out"], output["err"])
    return result, since_signal


def show(name: str, result: Measure, verdict: str, passed: bool) -> None:
    print(
        f"{name:<13} {result.seconds:6.1f} s  {result.peak_mb:7.0f} MB  exit {result.code:<3}  "
        f"{'PASS' if passed else 'FAIL'}  {verdict}"
    )
    if "Traceback" in result.stderr:
        print("         traceback:", result.stderr[-800:])


def bar_bomb(name: str, folder: Path, build_seconds: list[float]) -> bool:
    started = time.monotonic()
    path = {"content": content_bomb, "font": font_bomb}[name](folder / f"{name}-bomb.pdf")
    build_seconds.append(time.monotonic() - started)
    result, _ = measure([*PREFLIGHT, "check", "--no-cache", str(path)])
    readable = next((line for line in result.stdout.splitlines() if "pdf-readable" in line), "")
    passed = result.code == 1 and "FAIL" in readable and result.seconds < 30 and result.peak_mb < 500
    show(name, result, f"{path.stat().st_size / 1e6:.1f} MB file: {readable.strip()[:110]}", passed)
    return passed


def bar_docx(folder: Path) -> bool:
    path = docx_bomb(folder / "bomb.docx")
    result, _ = measure([*PREFLIGHT, "text", str(path)])
    passed = result.code == 2 and "Traceback" not in result.stderr and result.seconds < 30 and result.peak_mb < 500
    show("docx", result, f"{path.stat().st_size / 1e6:.1f} MB file: {result.stderr.strip()[:110]}", passed)
    return passed


def bar_sigint(folder: Path, count: int) -> bool:
    batch = folder / "batch"
    batch.mkdir()
    for number in range(count):
        (batch / f"dossier-{number:02}.pdf").write_bytes(FIXTURE.read_bytes())
    command = [*PREFLIGHT, "check", "--no-cache", "--jobs", "2", str(batch)]
    result, since = measure(command, signals=((1.0, signal.SIGINT), (1.3, signal.SIGINT)))
    time.sleep(0.2)
    left = left_running(str(batch))
    lines = result.stderr.strip().splitlines()
    passed = result.code == 130 and since is not None and since < 2 and not left and len(lines) == 1
    verdict = f"exit {since:.2f} s after the first SIGINT; stderr: {lines}; left running: {left or 'none'}"
    show("sigint", result, verdict, passed)
    return passed


def bar_type3(folder: Path) -> bool:
    path = type3_cycle(folder / "type3-cycle.pdf")
    passed = True
    for label, env in (("type3", {}), ("type3-gs0.05s", {"PREFLIGHT_GS_TIMEOUT": "0.05"})):
        output = folder / f"{label}-fixed.pdf"
        result, _ = measure([*PREFLIGHT, "fix", "-p", "portal", str(path), "-o", str(output)], env=env)
        time.sleep(0.2)
        left = [
            line for line in left_running("preflight-fix-") if " gs " in f" {line.split(': ', 1)[1]}" or "/gs" in line
        ]
        verdict_line = next((line for line in result.stdout.splitlines() if "written" in line), "")
        ok = result.code in (0, 1) and not left and "Traceback" not in result.stderr and result.seconds < 60 + 30
        passed = passed and ok
        show(label, result, f"{verdict_line.strip()[:100]}; gs left: {left or 'none'}", ok)
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", default=["content", "font", "docx", "sigint", "type3"])
    parser.add_argument("--files", type=int, default=50)
    arguments = parser.parse_args()
    results = []
    build: list[float] = []
    print(f"{'bar':<13} {'wall':>8}  {'peak tree':>10}  {'':8}  verdict")
    with tempfile.TemporaryDirectory(prefix="bench-bombs-") as scratch:
        folder = Path(scratch)
        for name in arguments.only:
            if name in ("content", "font"):
                results.append(bar_bomb(name, folder, build))
            elif name == "docx":
                results.append(bar_docx(folder))
            elif name == "sigint":
                results.append(bar_sigint(folder, arguments.files))
            elif name == "type3":
                results.append(bar_type3(folder))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
