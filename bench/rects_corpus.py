"""How many findings the HTML report can mark on their page, per rule, over the real corpora.

Run: .venv/bin/python bench/rects_corpus.py [FOLDER ...] [--profile inserm-cr] [--jobs 4] [--by-message]
     (default folders: ../shared/corpus/pdfs and ../shared/corpus-fr/pdfs)

Every PDF is checked as `preflight check` would (the rule set's rules, no cache). A finding with a page and a
rectangle is drawn on that page's image; one with a page but no rectangle is listed under the page, "no
position"; one without a page is about the whole file and has nowhere to be drawn. Only counts are printed,
never the files' text, so the output can be quoted in a note.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
DEFAULT_FOLDERS = (SHARED / "corpus" / "pdfs", SHARED / "corpus-fr" / "pdfs")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=list(DEFAULT_FOLDERS))
    parser.add_argument("--profile", default="inserm-cr")
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--by-message", action="store_true", help="also count per message id")
    args = parser.parse_args(argv)

    from preflight.checks import load_registry
    from preflight.config import UserConfig, resolve_rule_set
    from preflight.engine import check_files

    registry = load_registry()
    rule_set = resolve_rule_set(registry, UserConfig(), args.profile)
    files = sorted(path for folder in args.folders for path in folder.rglob("*.pdf"))
    report = check_files(files, rule_set, registry, jobs=args.jobs)
    counts: dict[str, Counter[str]] = {}
    messages: dict[tuple[str, str], Counter[str]] = {}
    for file_report in report.files:
        for outcome in file_report.outcomes:
            for item in outcome.findings:
                finding = item.finding
                kind = "file" if finding.page is None else "marked" if finding.rect is not None else "unmarked"
                counts.setdefault(outcome.rule, Counter())[kind] += 1
                messages.setdefault((outcome.rule, finding.message_id or "(text)"), Counter())[kind] += 1
    print(f"{len(files)} files, rule set {args.profile}")
    print(f"{'rule':32} {'marked':>7} {'unmarked':>9} {'no page':>8}")
    total: Counter[str] = Counter()
    for rule in sorted(counts):
        row = counts[rule]
        total.update(row)
        print(f"{rule:32} {row['marked']:7} {row['unmarked']:9} {row['file']:8}")
    print(f"{'all':32} {total['marked']:7} {total['unmarked']:9} {total['file']:8}")
    if args.by_message:
        print()
        for (rule, message_id), row in sorted(messages.items()):
            print(f"{rule + ' ' + message_id:56} {row['marked']:7} {row['unmarked']:9} {row['file']:8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
