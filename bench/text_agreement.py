"""How closely our text extraction agrees with poppler's pdftotext on the corpus CVs.

    python bench/text_agreement.py [../shared/corpus]

For each CV of the corpus (MANIFEST.tsv category "cv") it compares the words of our extracted text with the
words of the stored pdftotext output (oracle/<file>/pdftotext.txt), NFKC-normalised, as multisets: recall is the
share of pdftotext's words we also give, precision the share of ours that pdftotext also gives. Prints the
medians and the files that agree least.
"""

from __future__ import annotations

import csv
import statistics
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from preflight.dossier import Dossier


def words(text: str) -> Counter[str]:
    return Counter(unicodedata.normalize("NFKC", word) for word in text.split())


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as stream:
        names = [row["file"] for row in csv.DictReader(stream, delimiter="\t") if row["category"] == "cv"]
    scores: list[tuple[float, float, str]] = []
    for name in names:
        reference = words((corpus / "oracle" / name / "pdftotext.txt").read_text(encoding="utf-8", errors="replace"))
        with Dossier(corpus / "pdfs" / name) as dossier:
            if not dossier.readable or not reference:
                continue
            ours = words("\n".join(page.text for page in dossier.pages))
        common = sum((ours & reference).values())
        scores.append((common / sum(reference.values()), common / max(1, sum(ours.values())), name))
    scores.sort()
    print(
        f"{len(scores)} CVs: median recall {statistics.median(s[0] for s in scores):.1%}, "
        f"median precision {statistics.median(s[1] for s in scores):.1%}"
    )
    for recall, precision, name in scores[:5]:
        print(f"  {recall:.1%} {precision:.1%}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
