"""Is the PDFium text extraction equivalent to the pdfminer one? Lines, words, and every check's outcome.

    python bench/text_equivalence.py [--jobs 2] [--limit N] [FOLDER ...]

FOLDER defaults to ../shared/corpus/pdfs and ../shared/corpus-fr/pdfs. Each file is read twice in one process,
once per extractor, chosen with the environment variable PREFLIGHT_TEXT_ENGINE (``pdfminer`` for the old
extractor alone; unset or ``pdfium`` for PDFium, with pdfminer on the pages PDFium leaves incomplete). For each
reading it records:

- the lines of each page as (text, font, size, bold), compared as multisets page by page: identical or not;
- word recall and precision against pdftotext (oracle/<file>/pdftotext.txt beside the folder when present,
  otherwise pdftotext is run), as bench/text_agreement.py counts them;
- every rule's outcome with the default rule set: status, and each finding's page and message.

It prints a summary (and writes every difference to bench/out/text_equivalence.json): lines identical, the
median recall and precision of each extractor, pages PDFium handed to pdfminer, extraction time of each, and
each rule whose outcome differs on some file, with the file.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
DEFAULT_FOLDERS = [SHARED / "corpus" / "pdfs", SHARED / "corpus-fr" / "pdfs"]
ENGINES = ("pdfminer", "pdfium")

sys.path.insert(0, str(HERE))
from text_agreement import words  # noqa: E402


def reference_words(path: Path) -> Counter[str] | None:
    oracle = path.parent.parent / "oracle" / path.name / "pdftotext.txt"
    if oracle.exists():
        return words(oracle.read_text(encoding="utf-8", errors="replace"))
    try:
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return words(done.stdout.decode("utf-8", errors="replace")) if done.returncode == 0 else None


def read(path: Path, engine: str) -> dict[str, Any]:
    """One file read by one extractor: its lines, words, outcomes, and the extraction time."""
    from preflight.checks import load_registry
    from preflight.config import UserConfig, resolve_rule_set
    from preflight.dossier import Dossier
    from preflight.engine import run_rule
    from preflight.pdf import pdfium_text

    os.environ[pdfium_text.ENGINE_VARIABLE] = engine
    registry = load_registry()
    rule_set = resolve_rule_set(registry, UserConfig())
    handed: list[int] = []
    if engine == "pdfium":  # count the pages pdfminer reads for PDFium
        original = pdfium_text._better

        def spy(first: Any, second: Any) -> Any:
            if second is not None:
                handed.append(first.number)
            return original(first, second)

        pdfium_text._better = spy  # type: ignore[assignment]
    try:
        with Dossier(path) as dossier:
            dossier.section_config = rule_set.sections
            if not dossier.readable:
                return {"readable": False}
            start = time.perf_counter()
            pages = dossier.pages
            seconds = time.perf_counter() - start
            outcomes = {}
            for rule in rule_set.rules:
                outcome = run_rule(rule, registry, dossier, "", False)
                outcomes[rule.id] = [
                    outcome.status.value,
                    sorted((item.finding.page or 0, item.finding.message) for item in outcome.findings),
                ]
    finally:
        if engine == "pdfium":
            pdfium_text._better = original  # type: ignore[assignment]
    return {
        "readable": True,
        "seconds": seconds,
        "lines": [[(line.text, line.font, line.size, line.bold) for line in page.lines] for page in pages],
        "errors": [page.error for page in pages if page.error],
        "words": words("\n".join(page.text for page in pages)),
        "outcomes": outcomes,
        "handed": handed,
    }


def compare(path_text: str) -> dict[str, Any]:
    path = Path(path_text)
    readings = {engine: read(path, engine) for engine in ENGINES}
    old, new = readings["pdfminer"], readings["pdfium"]
    result: dict[str, Any] = {"file": path.name}
    if not old["readable"] or not new["readable"]:
        return {**result, "readable": False}
    identical = differing = 0
    examples = []
    for number, (lines_old, lines_new) in enumerate(zip(old["lines"], new["lines"], strict=False), 1):
        left, right = Counter(map(tuple, lines_old)), Counter(map(tuple, lines_new))
        same = sum((left & right).values())
        identical += same
        differing += max(sum(left.values()), sum(right.values())) - same
        if len(examples) < 3 and left != right:
            gone = list((left - right).elements())[:1]
            came = list((right - left).elements())[:1]
            examples.append({"page": number, "pdfminer": gone, "pdfium": came})
    reference = reference_words(path)
    agreement = {}
    if reference:
        for engine, reading in readings.items():
            common = sum((reading["words"] & reference).values())
            agreement[engine] = (common / sum(reference.values()), common / max(1, sum(reading["words"].values())))
    outcome_differences = {
        rule: {"pdfminer": old["outcomes"][rule], "pdfium": new["outcomes"].get(rule)}
        for rule in old["outcomes"]
        if old["outcomes"][rule] != new["outcomes"].get(rule)
    }
    return {
        **result,
        "readable": True,
        "pages": len(old["lines"]),
        "identical": identical,
        "differing": differing,
        "examples": examples,
        "agreement": agreement,
        "seconds": {engine: reading["seconds"] for engine, reading in readings.items()},
        "handed_to_pdfminer": new["handed"],
        "errors": {engine: reading["errors"][:2] for engine, reading in readings.items() if reading["errors"]},
        "outcome_differences": outcome_differences,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT_FOLDERS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files of each folder")
    parser.add_argument("--output", type=Path, default=HERE / "out" / "text_equivalence.json")
    args = parser.parse_args()
    paths: list[str] = []
    for folder in args.folders:
        found = sorted(str(path) for path in folder.glob("*.pdf")) if folder.is_dir() else []
        paths.extend(found[: args.limit] if args.limit else found)
    if not paths:
        print("no PDF found in " + ", ".join(map(str, args.folders)), file=sys.stderr)
        return 2
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(compare, paths, chunksize=1))
    args.output.parent.mkdir(exist_ok=True)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")

    readable = [r for r in results if r.get("readable")]
    identical = sum(r["identical"] for r in readable)
    total = identical + sum(r["differing"] for r in readable)
    pages = sum(r["pages"] for r in readable)
    handed = sum(len(r["handed_to_pdfminer"]) for r in readable)
    print(f"{len(results)} files, {len(readable)} readable, {pages} pages")
    print(f"lines identical (text, font, size, bold): {identical}/{total} = {identical / max(1, total):.2%}")
    print(f"files with every line identical: {sum(1 for r in readable if r['differing'] == 0)}/{len(readable)}")
    for engine in ENGINES:
        scores = [r["agreement"][engine] for r in readable if engine in r["agreement"]]
        if scores:
            print(
                f"{engine:>8} vs pdftotext ({len(scores)} files): median recall "
                f"{statistics.median(s[0] for s in scores):.2%}, median precision "
                f"{statistics.median(s[1] for s in scores):.2%}; mean recall "
                f"{statistics.mean(s[0] for s in scores):.2%}, "
                f"mean precision {statistics.mean(s[1] for s in scores):.2%}"
            )
    for engine in ENGINES:
        print(f"{engine:>8} extraction time, all files: {sum(r['seconds'][engine] for r in readable):.1f} s")
    print(
        f"pages PDFium handed to pdfminer: {handed}/{pages} "
        f"({sum(1 for r in readable if r['handed_to_pdfminer'])} files)"
    )
    differing = [(r["file"], rule) for r in readable for rule in r["outcome_differences"]]
    print(f"outcome differences: {len(differing)} (file, rule) pairs in {len({f for f, _ in differing})} files")
    for rule, count in Counter(rule for _, rule in differing).most_common():
        print(f"  {rule}: {count}")
    for name, rule in differing:
        print(f"    {rule}  {name}")
    print(f"details: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
