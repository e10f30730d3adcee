"""Every check's outcome on every corpus PDF, to prove that a change (a faster path) changes no answer.

    python bench/outcomes.py dump /tmp/before.json      # on the old tree
    python bench/outcomes.py dump /tmp/after.json       # on the new tree
    python bench/outcomes.py compare /tmp/before.json /tmp/after.json

`dump` checks each PDF of ../shared/corpus/pdfs and ../shared/corpus-fr/pdfs with the default rule set, in
worker processes (--jobs, default the CPU count), and writes per file the sections found and, per rule, the
status and each finding's message id, page and severity (no text: corpus-fr holds personal data, and the
dump stays outside the repository). `compare` prints every file whose outcome differs, and a count.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _outcome(path: str) -> tuple[str, object]:
    from preflight.checks import load_registry
    from preflight.config import UserConfig, resolve_rule_set
    from preflight.dossier import Dossier
    from preflight.engine import check_file

    registry = load_registry()
    rule_set = resolve_rule_set(registry, UserConfig(None, {}), "inserm-cr")
    try:
        report = check_file(path, rule_set, registry)
        with Dossier(path) as dossier:
            dossier.section_config = rule_set.sections
            sections = [(s.name, s.first_page, s.last_page) for s in dossier.sections.all()]
    except Exception as exc:  # a crash is an outcome too
        return path, {"crash": type(exc).__name__}
    rules = {
        outcome.rule: [
            str(outcome.status),
            sorted([g.finding.message_id, g.finding.page or 0, str(g.level)] for g in outcome.findings),
        ]
        for outcome in report.outcomes
    }
    return path, {"sections": sections, "rules": rules}


def dump(target: Path, jobs: int, shared: Path) -> None:
    paths = sorted(str(p) for folder in ("corpus/pdfs", "corpus-fr/pdfs") for p in (shared / folder).glob("*.pdf"))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = dict(pool.map(_outcome, paths, chunksize=4))
    target.write_text(json.dumps(results, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(results)} files -> {target}")


def compare(before_path: Path, after_path: Path) -> int:
    before = json.loads(before_path.read_text(encoding="utf-8"))
    after = json.loads(after_path.read_text(encoding="utf-8"))
    differing = 0
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        differing += 1
        print(Path(path).name)
        if not isinstance(old, dict) or not isinstance(new, dict) or "rules" not in old or "rules" not in new:
            print(f"  {old!r:.200} -> {new!r:.200}")
            continue
        if old["sections"] != new["sections"]:
            print(f"  sections {old['sections']} -> {new['sections']}")
        for rule in sorted(set(old["rules"]) | set(new["rules"])):
            if old["rules"].get(rule) != new["rules"].get(rule):
                print(f"  {rule}: {old['rules'].get(rule)} -> {new['rules'].get(rule)}")
    print(f"{differing} of {len(set(before) | set(after))} files differ")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    dump_parser = commands.add_parser("dump")
    dump_parser.add_argument("target", type=Path)
    dump_parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    dump_parser.add_argument("--shared", type=Path, default=SHARED, help="the folder holding corpus/ and corpus-fr/")
    compare_parser = commands.add_parser("compare")
    compare_parser.add_argument("before", type=Path)
    compare_parser.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.target, args.jobs, args.shared)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
