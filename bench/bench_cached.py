"""Time a cached repeat of `preflight check` (what a pre-commit hook runs) against poppler.

    python bench/bench_cached.py [--runs 7] [--pages 40] [--profile inserm-cr]

It makes the same dossier as bench/bench.py (its file builder, imported), checks it once to fill a
fresh cache folder, then runs, alternating, the cached `preflight check` and poppler's `pdfinfo` +
`pdffonts` + `pdftotext` on the same file, and prints the median wall time of each and the ratio. It also
times `preflight --version`, and says which heavy modules a cached run imported (`-X importtime`): a
cache hit should import no check and no PDF library.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import OUT, make_dossier, timed, timed_all  # noqa: E402

HEAVY = (
    *("preflight.commands.", "preflight.checks.", "preflight.engine"),
    *("platformdirs", "pikepdf", "pdfminer", "pypdf", "pypdfium2", "ftfy", "PIL"),
)


PROBE = (
    "import atexit, runpy, sys\n"
    "atexit.register(lambda: print('MODULES ' + ' '.join(sorted(sys.modules)), file=sys.stderr))\n"
    "sys.argv = ['preflight', *sys.argv[1:]]\n"
    "runpy.run_module('preflight', run_name='__main__')\n"
)


def imported_modules(arguments: list[str]) -> tuple[list[str], float]:
    """The modules a run imported (sys.modules at exit; -X importtime misses some) and the total import time
    in seconds (the top-level imports' cumulative times, from -X importtime)."""
    command = [sys.executable, "-X", "importtime", "-c", PROBE, *arguments]
    result = subprocess.run(command, capture_output=True, text=True)
    names: list[str] = []
    total = 0
    for line in result.stderr.splitlines():
        if line.startswith("MODULES "):
            names = line.split()[1:]
        elif line.startswith("import time:") and "self [us]" not in line:
            _, cumulative, name = line.split("|")
            if not name.startswith("  "):  # a top-level import: its cumulative time counts once
                total += int(cumulative)
    return names, total / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", type=int, nargs="+", default=[40])
    parser.add_argument("--profile", default="inserm-cr")
    args = parser.parse_args()
    missing = [tool for tool in ("pdfinfo", "pdffonts", "pdftotext") if shutil.which(tool) is None]
    if missing:
        print(f"needs poppler-utils ({', '.join(missing)} not found): apt-get install poppler-utils", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    python = sys.executable
    version_command = [python, "-m", "preflight", "--version"]
    with tempfile.TemporaryDirectory(prefix="preflight-bench-cache-") as cache:
        os.environ["PREFLIGHT_CACHE_DIR"] = cache  # timed() runs its commands in this environment
        # An installed tool has its bytecode compiled; without it every run would time the compiler.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        imported_modules(version_command[3:])  # writes the bytecode
        names, seconds = imported_modules(version_command[3:])
        heavy = [name for name in names if name.startswith(HEAVY)]
        print(f"--version: imports {seconds:.3f} s; heavy: {', '.join(heavy) or 'none'}")
        versions = [timed(version_command)[0] for _ in range(args.runs)]
        print(f"--version: median wall {statistics.median(versions):.3f} s over {args.runs} runs")
        print(f"{'pages':>5}  {'cached s':>8}  {'poppler s':>9}  {'ratio':>5}")
        for pages in args.pages:
            path = OUT / f"dossier-{pages}.pdf"
            if not path.exists():
                make_dossier(pages, path)
            ours_command = [python, "-m", "preflight", "check", "--no-color", "--profile", args.profile, str(path)]
            poppler_commands = [["pdfinfo", str(path)], ["pdffonts", str(path)], ["pdftotext", str(path), "/dev/null"]]
            timed(ours_command)[0]  # fills the cache
            names, seconds = imported_modules(ours_command[3:])
            heavy = [n for n in names if n.startswith(HEAVY)]
            ours: list[float] = []
            theirs: list[float] = []
            for _ in range(args.runs):
                ours.append(timed(ours_command)[0])
                theirs.append(timed_all(poppler_commands)[0])
            ours_median, theirs_median = statistics.median(ours), statistics.median(theirs)
            print(f"{pages:>5}  {ours_median:>8.3f}  {theirs_median:>9.3f}  {ours_median / theirs_median:>5.2f}")
            print(f"       cached run: imports {seconds:.3f} s; heavy: {', '.join(heavy) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
