"""Size and time of the HTML report (`preflight report`) on generated 40- and 200-page dossiers.

    python bench/bench_html.py [--runs 3] [--pages 40 200] [--profile inserm-cr]

Two dossiers per size, made with bench/bench.py's generator (headings, French body text, an image every five
pages) into bench/out/: as generated (findings on a few pages: the cover, the section rules), and "flagged",
with a soft hyphen in one paragraph of every page, so every page has a finding with a rectangle and the page
cap (preflight.reporters.html.MAX_RENDERED_PAGES) or the byte budget (preflight.pdf.render) is reached.
For each it prints the median wall and CPU time of `preflight check` and of `preflight report` (both
--no-cache, so the difference is the report's own cost: re-opening the file, rendering the flagged pages,
the byte breakdown, the HTML), the report's size, and how many pages it rendered and marked. Wall time on a
shared machine varies with its load; the CPU time (user + system) of the process is the steadier figure.
Needs reportlab and the DejaVu fonts.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  (bench/bench.py: the same generator as the check benchmark)

SOFT_HYPHEN = "\u00ad"


def make_flagged(pages: int, path: Path) -> None:
    """The benchmark dossier with a soft hyphen inside a word of every paragraph: a finding on every page."""
    original = list(bench.PARAGRAPHS)
    try:
        bench.PARAGRAPHS[:] = [text.replace("lymphocytes", f"lympho{SOFT_HYPHEN}cytes", 1) for text in original]
        bench.PARAGRAPHS[:] = [
            text if SOFT_HYPHEN in text else text.replace("cellule", f"cel{SOFT_HYPHEN}lule", 1)
            for text in bench.PARAGRAPHS
        ]
        bench.PARAGRAPHS[:] = [
            text if SOFT_HYPHEN in text else text.replace("projet", f"pro{SOFT_HYPHEN}jet", 1)
            for text in bench.PARAGRAPHS
        ]
        bench.make_dossier(pages, path)
    finally:
        bench.PARAGRAPHS[:] = original


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one process; CPU time holds on a busy machine."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def medians(command: list[str], runs: int) -> tuple[float, float]:
    timed(command)  # warm-up: file cache, bytecode
    results = [timed(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, nargs="+", default=[40, 200])
    parser.add_argument("--profile", default="inserm-cr")
    args = parser.parse_args()
    preflight = shutil.which("preflight") or str(Path(sys.executable).parent / "preflight")
    bench.OUT.mkdir(exist_ok=True)
    print(
        f"{'pages':>5}  {'dossier':<8}  {'PDF MB':>6}  {'check wall/cpu s':>16}  {'report wall/cpu s':>17}  "
        f"{'HTML MB':>7}  {'rendered':>8}  {'marks':>5}"
    )
    for pages in args.pages:
        for kind, make in (("plain", bench.make_dossier), ("flagged", make_flagged)):
            path = bench.OUT / f"dossier-{pages}{'' if kind == 'plain' else '-flagged'}.pdf"
            if not path.exists():
                started = time.perf_counter()
                make(pages, path)
                print(f"  (made {path.name} in {time.perf_counter() - started:.1f} s)", file=sys.stderr)
            output = path.with_name(f"{path.stem}.preflight.html")
            common = ["--no-cache", "--profile", args.profile, str(path)]
            check_wall, check_cpu = medians([preflight, "check", "--no-color", *common], args.runs)
            report_wall, report_cpu = medians([preflight, "report", "-o", str(output), *common], args.runs)
            text = output.read_text(encoding="utf-8")
            rendered = len(re.findall(r'<figure class="page"', text))
            marks = len(re.findall(r'<span class="mark ', text))
            print(
                f"{pages:>5}  {kind:<8}  {path.stat().st_size / 1e6:>6.2f}  {check_wall:>7.2f} / {check_cpu:>6.2f}  "
                f"{report_wall:>8.2f} / {report_cpu:>6.2f}  {len(text.encode()) / 1e6:>7.2f}  {rendered:>8}  {marks:>5}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
