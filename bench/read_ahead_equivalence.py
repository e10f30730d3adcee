"""The work read ahead in other processes (preflight.workers.TextAhead) equals the worker's own, on every corpus PDF.

    python bench/read_ahead_equivalence.py [--shared ../shared] [--split-pages 2]

For each PDF of ../shared/corpus/pdfs and ../shared/corpus-fr/pdfs that opens, the pages and fonts that
TextAhead's children send are compared with what preflight.dossier.Dossier reads in this process: once as a
run reads them (a file under SPLIT_PAGES pages: one child reads the text, the other walks the fonts), and
once with SPLIT_PAGES lowered to ``--split-pages`` so that every file of two pages or more is read in two
halves and joined. It prints each file that differs and a count per mode; nothing of the files' text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def compare(path: Path) -> str | None:
    """None when the children's work equals this process's, else what differs."""
    from preflight import workers
    from preflight.dossier import Dossier
    from preflight.pdf.budget import Budget

    with Dossier(path) as dossier:
        if not dossier.readable:
            return None
        pages, fonts = dossier.pages, dossier.fonts
    ahead = workers.TextAhead(str(path), Budget())
    try:
        ahead_fonts, ahead_pages = ahead.fonts(), ahead.pages()
    finally:
        ahead.stop()
    if ahead_pages is None:
        return "no pages read ahead"
    if ahead_pages != pages:
        return "pages differ"
    if ahead_fonts is not None and ahead_fonts != fonts:
        return "fonts differ"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the folder holding corpus/ and corpus-fr/")
    parser.add_argument("--split-pages", type=int, default=2, help="SPLIT_PAGES for the second pass")
    args = parser.parse_args()
    from preflight import workers

    paths = sorted(p for folder in ("corpus/pdfs", "corpus-fr/pdfs") for p in (args.shared / folder).glob("*.pdf"))
    differing = 0
    for split in (workers.SPLIT_PAGES, args.split_pages):
        workers.SPLIT_PAGES = split  # read by the children, which are forked after this
        differences = {path.name: problem for path in paths if (problem := compare(path)) is not None}
        for name, problem in sorted(differences.items()):
            print(f"  SPLIT_PAGES={split}: {name}: {problem}")
        print(f"SPLIT_PAGES={split}: {len(paths) - len(differences)} of {len(paths)} files the same")
        differing += len(differences)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
