"""How often pypdf's strict reader refuses a file, against qpdf's own warnings, over a corpus of PDFs.

    python bench/strict_corpus.py [../shared/corpus]

For every PDF that pikepdf opens: whether qpdf had to repair it (pikepdf's warnings when opening, which is
what pdf-readable reports), whether `qpdf --check` warned (the corpus oracle's qpdf_check_rc, 0 = clean),
and whether pypdf's strict reader (preflight.pdf.strict) accepts it. pdf-readable warns about the files in
the "repaired and refused" cell.
"""

from __future__ import annotations

import collections
import csv
import sys
import time
from pathlib import Path


def main() -> int:
    import pikepdf

    from preflight.pdf.strict import strict_parse

    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus")
    oracle: dict[str, str] = {}
    summary = corpus / "oracle" / "summary.tsv"
    if summary.is_file():
        with summary.open(encoding="utf-8") as stream:
            oracle = {row["file"]: row["qpdf_check_rc"] for row in csv.DictReader(stream, delimiter="\t")}
    table: collections.Counter[tuple[str, str, str]] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    examples: list[str] = []
    slowest = (0.0, "")
    for path in sorted((corpus / "pdfs").glob("*.pdf")):
        try:
            with pikepdf.open(path) as pdf:
                repaired = bool(pdf.get_warnings())
        except Exception:
            table["not opened by pikepdf", "-", "-"] += 1
            continue
        start = time.perf_counter()
        result = strict_parse(path)
        slowest = max(slowest, (time.perf_counter() - start, path.name))
        verdict = {True: "accepted", False: "refused", None: "undecided"}[result.accepted]
        check = oracle.get(path.name, "?")
        table["repaired" if repaired else "clean", f"qpdf --check rc {check}", verdict] += 1
        if result.accepted is not True:
            reasons[(result.reason or "")[:70]] += 1
            if repaired and len(examples) < 8:
                examples.append(f"  {path.name}: {result.reason}")
    print(f"{'pikepdf open':<22} {'oracle':<18} {'pypdf strict':<12} files")
    for (opened, check, verdict), count in sorted(table.items()):
        print(f"{opened:<22} {check:<18} {verdict:<12} {count}")
    print("\nreasons (refused or undecided):")
    for reason, count in reasons.most_common(12):
        print(f"  {count:>4}  {reason}")
    print("\nrepaired and not accepted, examples:")
    print("\n".join(examples) or "  none")
    print(f"\nslowest strict read: {slowest[0]:.2f} s ({slowest[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
