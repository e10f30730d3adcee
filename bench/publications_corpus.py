"""The publication-list reader over the real corpora: lists found, entries counted, 'submitted' findings.

Run: .venv/bin/python bench/publications_corpus.py [--corpus ../shared/corpus-fr] [--cvs ../shared/corpus]
     (prints one row per file, then totals; ``--json FILE`` writes the rows)

For each PDF of corpus-fr and each CV of the corpus (MANIFEST category ``cv``): whether a publication list was
found (and its pages and title), its entry count and groups, how many entries carry a 'submitted' / 'in
preparation' marker and how many of those the publication-list rule would report (outside a preprint group),
impact-factor mentions, and the candidate's name and marks. Nothing of the files' text is written, only counts,
so the output can be quoted in a note.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def row(path: Path) -> dict[str, Any]:
    from preflight.checks import load_registry, publication_list
    from preflight.config import UserConfig, resolve_rule_set
    from preflight.dossier import Dossier
    from preflight.engine import render_finding

    rule_set = resolve_rule_set(load_registry(), UserConfig(), "inserm-cr")
    with Dossier(path) as dossier:
        if not dossier.readable:
            return {"file": path.name, "readable": False}
        dossier.section_config = rule_set.sections
        try:
            listing = dossier.publications()
        except Exception as exc:  # a bench row, not a crash of the whole run
            return {"file": path.name, "readable": True, "error": f"{type(exc).__name__}: {exc}"}
        findings = []
        if listing.found:
            findings = [
                render_finding(f, publication_list.MESSAGES, "en")
                for f in publication_list.check(dossier, publication_list.Options())
            ]
        submitted_marked = [e for e in listing.entries if e.status]
        return {
            "file": path.name,
            "readable": True,
            "found": listing.found,
            "pages": f"{listing.first_page}-{listing.last_page}" if listing.found else "",
            "title": (listing.title or "")[:40],
            "entries": len(listing.entries),
            "groups": ";".join(f"{kind}={count}" for kind, count in listing.counts().items()),
            "status_marked": len(submitted_marked),
            "status_reported": sum(1 for f in findings if f.message_id.startswith("submitted-entry")),
            "metrics": sum(len(e.metrics) for e in listing.entries),
            "candidate_from": listing.candidate_from or "",
            "with_name": sum(1 for e in listing.entries if e.candidate),
            "marked": sum(1 for e in listing.entries if e.marked),
        }


def cv_files(corpus: Path) -> list[Path]:
    manifest = corpus / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    with manifest.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    return [corpus / "pdfs" / r["file"] for r in rows if r.get("category") == "cv"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-fr")
    parser.add_argument("--cvs", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--json", type=Path, help="write the rows to this file")
    args = parser.parse_args(argv)
    files = sorted((args.corpus / "pdfs").glob("*.pdf")) + cv_files(args.cvs)
    rows = [row(path) for path in files]
    columns = [
        "found",
        "pages",
        "entries",
        "groups",
        "status_marked",
        "status_reported",
        "metrics",
        "with_name",
        "marked",
        "candidate_from",
    ]
    print("\t".join(["file", *columns]))
    for item in rows:
        print("\t".join([item["file"][:60], *(str(item.get(c, "")) for c in columns)]))
    found = [r for r in rows if r.get("found")]
    print(
        f"\n{len(rows)} files, {len(found)} with a publication list, {sum(r['entries'] for r in found)} entries; "
        f"{sum(r['status_marked'] for r in found)} entries marked submitted/in preparation, "
        f"{sum(r['status_reported'] for r in found)} reported outside a preprint group; "
        f"{sum(1 for r in found if r['metrics'])} lists with impact factors or h-index; "
        f"{sum(1 for r in rows if r.get('error'))} errors"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
