"""Proof that a change to the text extraction changes no text: dump every page's reading, then compare.

    python bench/text_unchanged.py dump /tmp/text-before.pickle     # on the unchanged tree
    python bench/text_unchanged.py dump /tmp/text-after.pickle      # on the changed tree
    python bench/text_unchanged.py compare /tmp/text-before.pickle /tmp/text-after.pickle

A dump holds, for every PDF of ../shared/corpus/pdfs and ../shared/corpus-fr/pdfs (or the files given with
--files), each page's number, size, error and every field of every line, as
``preflight.pdf.pdfium_text.extract_pages`` gives them (the way ``Dossier.pages`` calls it). The dump holds
corpus-fr text: keep it in /tmp, never in the repository.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import pickle
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_DIRECTORIES = (SHARED / "corpus" / "pdfs", SHARED / "corpus-fr" / "pdfs")

PageRecord = tuple[object, ...]


def _comparable(value: object) -> object:
    """NaN equals NaN here: a field that was NaN before must be NaN after."""
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return value


def read_file(path: str) -> tuple[str, list[PageRecord] | str]:
    """Every page of one file as plain tuples, or why the file could not be read."""
    import pikepdf

    from preflight.pdf.pdfium_text import extract_pages

    try:
        pdf = pikepdf.open(path)
    except Exception as exc:
        return path, f"pikepdf cannot open it: {type(exc).__name__}"
    try:
        pages = extract_pages(path, len(pdf.pages), pdf)
    except Exception as exc:
        return path, f"extract_pages raised {type(exc).__name__}: {exc}"
    finally:
        pdf.close()
    records: list[PageRecord] = []
    for page in pages:
        lines = tuple(
            tuple(
                _comparable(value)
                for value in (
                    line.text,
                    line.x0,
                    line.x1,
                    line.baseline,
                    line.size,
                    line.font,
                    line.bold,
                    line.unmapped,
                    line.font_runs,
                )
            )
            for line in page.lines
        )
        records.append((page.number, _comparable(page.width), _comparable(page.height), page.error, lines))
    return path, records


def _files(arguments: argparse.Namespace) -> list[str]:
    if arguments.files:
        return [str(Path(name).resolve()) for name in arguments.files]
    return sorted(str(path) for directory in DEFAULT_DIRECTORIES for path in directory.glob("*.pdf"))


def dump(arguments: argparse.Namespace) -> None:
    files = _files(arguments)
    with multiprocessing.Pool(arguments.jobs) as pool:
        result = dict(pool.imap_unordered(read_file, files, chunksize=4))
    with open(arguments.output, "wb") as stream:
        pickle.dump(result, stream)
    pages = sum(len(records) for records in result.values() if isinstance(records, list))
    print(f"{len(result)} files, {pages} pages -> {arguments.output}")


def compare(arguments: argparse.Namespace) -> int:
    with open(arguments.before, "rb") as stream:
        before = pickle.load(stream)
    with open(arguments.after, "rb") as stream:
        after = pickle.load(stream)
    differing_pages = 0
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        if not isinstance(old, list) or not isinstance(new, list) or len(old) != len(new):
            print(
                f"{path}: {old if not isinstance(old, list) else len(old)} pages before, "
                f"{new if not isinstance(new, list) else len(new)} after"
            )
            differing_pages += 1
            continue
        for old_page, new_page in zip(old, new, strict=True):
            if old_page != new_page:
                differing_pages += 1
                print(f"{Path(path).name} page {old_page[0]} differs")
    print(f"{len(before)} files before, {len(after)} after; {differing_pages} differing pages")
    return 1 if differing_pages else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    dump_parser = commands.add_parser("dump", help="read every corpus PDF and write its pages")
    dump_parser.add_argument("output")
    dump_parser.add_argument("--jobs", type=int, default=2)
    dump_parser.add_argument("--files", nargs="*", help="these PDFs instead of the corpus")
    compare_parser = commands.add_parser("compare", help="list the pages that differ between two dumps")
    compare_parser.add_argument("before")
    compare_parser.add_argument("after")
    arguments = parser.parse_args()
    if arguments.command == "dump":
        dump(arguments)
        return 0
    return compare(arguments)


if __name__ == "__main__":
    sys.exit(main())
