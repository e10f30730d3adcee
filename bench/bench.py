"""Time `preflight check` end to end against poppler on realistic 40-, 200- and 1,000-page dossiers.

    python bench/bench.py [--runs 7] [--pages 40 200 1000] [--profile inserm-cr]
    python bench/bench.py --files ../shared/corpus-fr/pdfs/*.pdf   # real documents instead
    python bench/bench.py --floor --pages 40                        # and what no Python check can go under

The generated dossiers' bookmarks are page numbers and their headings carry one, so the section, CV and
cover readers find nothing to read in them: ``--files`` times real documents too, where they do.

For each size it generates a dossier (headings, French body text, an image every few pages) with
reportlab into bench/out/ (above 200 pages, copies of the 200-page one joined with
`qpdf --empty --pages f.pdf f.pdf ... -- out.pdf`, so it needs qpdf), then runs, alternating,
`preflight check` and poppler's `pdfinfo` + `pdffonts` + `pdftotext` on the same file, and prints the
median wall time of each, the ratio, and the peak memory (largest resident set of any one process).
Needs poppler-utils and reportlab.

``--floor`` times a third command beside them: a Python process that only starts, imports click and pikepdf
(the command line's and the structure's libraries, which a check needs) and reads every page's text with
PDFium (preflight.pdf.pdfium_text) in one process: no configuration, no check, no report. It is the start-up
and text that any check of the file in Python with these libraries pays, here without the parallel reading.

The peak memory is the kernel's figure for each child, which counts what the child held before it ran the
command (a copy of this script's own pages): this script therefore makes the dossiers and counts the pages in
child processes, and imports nothing large itself.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

PARAGRAPHS = [
    "Les lymphocytes T résidents mémoire des muqueuses assurent une protection locale rapide ; leur maintien "
    "dépend de signaux tissulaires encore mal compris. Nous proposons d’identifier ces signaux « in situ ».",
    "Notre approche combine la cytométrie spectrale, le séquençage de cellule unique et l’imagerie multiplexée "
    "sur des biopsies humaines et des modèles murins, avec une analyse intégrée des données.",
    "Le premier objectif caractérise l’hétérogénéité des cellules T CD8+ résidentes ; le second teste le rôle "
    "du TGF-β et de l’IL-15 dans leur persistance ; le troisième évalue leur fonction lors d’une réinfection.",
    "Ce projet s’inscrit dans les priorités de l’unité et s’appuie sur les plateformes de l’Institut : "
    "cytométrie, génomique et histologie. Les résultats attendus ouvriront des pistes vaccinales.",
]


def make_dossier(pages: int, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Body", str(DEJAVU / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("Heading", str(DEJAVU / "DejaVuSans-Bold.ttf")))
    rng = random.Random(pages)
    image = _noise_png(rng, 600, 400)
    sheet = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    titles = ["Page de garde", "Curriculum vitae", "Résumé des travaux", "Projet de recherche", "Publications"]
    for number in range(1, pages + 1):
        section = titles[min(len(titles) - 1, (number - 1) * len(titles) // pages)]
        sheet.setFont("Heading", 16)
        sheet.drawString(56, height - 70, f"{section} – {number}")
        sheet.bookmarkPage(f"p{number}")
        sheet.setFont("Body", 11)
        y = height - 100
        if number % 5 == 0:
            sheet.drawImage(ImageReader(image), 56, y - 200, width=300, height=200)
            y -= 220
        while y > 80:
            paragraph = PARAGRAPHS[rng.randrange(len(PARAGRAPHS))]
            words = paragraph.split()
            line: list[str] = []
            for word in words:
                if sheet.stringWidth(" ".join([*line, word]), "Body", 11) > width - 112:
                    sheet.drawString(56, y, " ".join(line))
                    y -= 14
                    line = []
                line.append(word)
            sheet.drawString(56, y, " ".join(line))
            y -= 20
        sheet.drawString(width / 2, 40, str(number))
        sheet.showPage()
    sheet.save()


JOIN_ABOVE = 200
"""Larger dossiers are copies of the 200-page one joined by qpdf: reportlab takes minutes for 1,000 pages."""


def make_large(pages: int, path: Path) -> None:
    """``pages`` pages (a multiple of 200) made of the 200-page dossier repeated, with qpdf."""
    if pages % JOIN_ABOVE:
        raise SystemExit(f"--pages above {JOIN_ABOVE} must be a multiple of {JOIN_ABOVE}, not {pages}")
    if shutil.which("qpdf") is None:
        raise SystemExit("needs qpdf for the joined dossiers: apt-get install qpdf")
    part = OUT / f"dossier-{JOIN_ABOVE}.pdf"
    if not part.exists():
        make_dossier(JOIN_ABOVE, part)
    copies = [str(part)] * (pages // JOIN_ABOVE)
    subprocess.run(["qpdf", "--empty", "--pages", *copies, "--", str(path)], check=True)


def _noise_png(rng: random.Random, width: int, height: int) -> object:
    import io
    import struct
    import zlib

    rows = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(width * 3)) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")
    return io.BytesIO(png)


FLOOR = """
import gc, sys
gc.set_threshold(50_000)
import click, pikepdf
from preflight.pdf import pdfium_text
with pikepdf.open(sys.argv[1]) as pdf:
    pdfium_text.extract_pages(sys.argv[1], len(pdf.pages), pdf)
"""
"""The --floor command: start, the libraries a check needs, the text (as preflight.launch sets the collector)."""


# As on a user's machine, where Python keeps the compiled bytecode of what it imports: some sandboxes set
# PYTHONDONTWRITEBYTECODE=1, and an editable install then compiles every module of the package at each start.
def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one process tree run, in this environment as it is now."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss


def timed_all(commands: list[list[str]]) -> tuple[float, int]:
    total, peak = 0.0, 0
    for command in commands:
        seconds, memory = timed(command)
        total += seconds
        peak = max(peak, memory)
    return total, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", type=int, nargs="+", default=[40, 200, 1000])
    parser.add_argument("--profile", default="inserm-cr")
    parser.add_argument("--files", type=Path, nargs="+", help="time these PDFs instead of generated dossiers")
    parser.add_argument("--floor", action="store_true", help="also time start-up, imports and text alone")
    args = parser.parse_args()
    missing = [tool for tool in ("pdfinfo", "pdffonts", "pdftotext") if shutil.which(tool) is None]
    if missing:
        print(f"needs poppler-utils ({', '.join(missing)} not found): apt-get install poppler-utils", file=sys.stderr)
        return 2
    preflight = shutil.which("preflight") or str(Path(sys.executable).parent / "preflight")
    OUT.mkdir(exist_ok=True)
    width = 14 if args.files else 0  # the file column, for real documents only
    header = f"{'file' if args.files else '':<{width}}{'pages':>5}  {'preflight s':>11}  {'poppler s':>9}  {'ratio':>5}"
    floor_header = f"  {'floor s':>7}  {'ratio':>5}" if args.floor else ""
    print(f"{header}  {'preflight MiB':>13}  {'poppler MiB':>11}{floor_header}")
    for label, pages, path in _dossiers(args):
        ours_command = [preflight, "check", "--no-cache", "--no-color", "--profile", args.profile, str(path)]
        poppler_commands = [["pdfinfo", str(path)], ["pdffonts", str(path)], ["pdftotext", str(path), "/dev/null"]]
        timed(ours_command)  # warm-up: file cache, bytecode
        ours: list[float] = []
        theirs: list[float] = []
        floor_command = [sys.executable, "-c", FLOOR, str(path)]
        floors: list[float] = []
        ours_peak = theirs_peak = 0
        for _ in range(args.runs):
            seconds, peak = timed(ours_command)
            ours.append(seconds)
            ours_peak = max(ours_peak, peak)
            seconds, peak = timed_all(poppler_commands)
            theirs.append(seconds)
            theirs_peak = max(theirs_peak, peak)
            if args.floor:
                floors.append(timed(floor_command)[0])
        ours_median, theirs_median = statistics.median(ours), statistics.median(theirs)
        floor_figures = ""
        if floors:
            floor_median = statistics.median(floors)
            floor_figures = f"  {floor_median:>7.3f}  {floor_median / theirs_median:>5.1f}"
        print(
            f"{label:<{width}}{pages:>5}  {ours_median:>11.3f}  {theirs_median:>9.3f}"
            f"  {ours_median / theirs_median:>5.1f}  {ours_peak / 1024:>13.0f}  {theirs_peak / 1024:>11.0f}"
            f"{floor_figures}"
        )
    return 0


def _dossiers(args: argparse.Namespace) -> list[tuple[str, int, Path]]:
    """(label, pages, path) of each PDF to time: the --files given, else the generated dossiers."""
    if args.files:
        return [(path.name[:12], _page_count(path), path) for path in args.files]
    made = []
    for pages in args.pages:
        path = OUT / f"dossier-{pages}.pdf"
        if not path.exists():
            # In a child: reportlab's pages in this process would count in every later child's peak memory.
            made_by = subprocess.run([sys.executable, __file__, "--make", str(pages), str(path)])
            if made_by.returncode:
                raise SystemExit(made_by.returncode)  # the child said why
        made.append(("", pages, path))
    return made


def _page_count(path: Path) -> int:
    """The page count pdfinfo reads (pikepdf here would count in every later child's peak memory)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return next((int(line.split()[1]) for line in info.splitlines() if line.startswith("Pages:")), 0)


def _make(pages: int, path: Path) -> None:
    make_large(pages, path) if pages > JOIN_ABOVE else make_dossier(pages, path)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make"]:  # the child that makes one dossier (_dossiers)
        _make(int(sys.argv[2]), Path(sys.argv[3]))
        sys.exit(0)
    sys.exit(main())
