"""How the CV and section readers agree with hand-read truth, and what they say of the corpus CVs.

    python bench/cv_truth.py                   # ../shared/corpus-fr (truth.json) and the 87 corpus CVs
    python bench/cv_truth.py --fr-only         # only the French files with hand-read truth

Runs the installed ``preflight`` as a user would (``preflight sections`` and ``preflight check --select
cv-date-gaps``, JSON output), each file checked as of its own date (the PDF's CreationDate), so that the years
since a CV was written do not count as a gap. Prints, per French file, the CV and project pages found against
the truth, the recall of the truth's dated CV entries, and the gaps flagged against the truth's gaps; for the
corpus CVs, how many have a CV section found, a chronology read (at least one entry), and gaps at error and
warning level. Only pages, dates and counts are printed: the files hold personal data.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf

SHARED = Path(__file__).resolve().parents[2] / "shared"


def document_month(path: Path) -> str:
    """The PDF's CreationDate as YYYY-MM (the date the CV was written), else ''."""
    try:
        with pikepdf.open(path) as pdf:
            raw = str(pdf.docinfo.get("/CreationDate", ""))
    except Exception:
        return ""
    digits = raw.removeprefix("D:")[:6]
    return f"{digits[:4]}-{digits[4:6]}" if len(digits) == 6 and digits.isdigit() else ""


def preflight(*args: str, cwd: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "preflight", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"error": (result.stderr or result.stdout).strip()[-300:]}


def run_file(path: Path, folder: Path) -> tuple[dict, dict]:
    """(sections JSON, check JSON) of one file, checked as of its own date."""
    as_of = document_month(path)
    config = folder / "preflight.toml"
    config.write_text(f'[rules.cv-date-gaps]\nas_of = "{as_of}"\n' if as_of else "", encoding="utf-8")
    sections = preflight("sections", "--format", "json", str(path), cwd=folder)
    check = preflight(
        "check",
        "--no-cache",
        "--format",
        "json",
        "--select",
        "cv-date-gaps",
        "--config",
        str(config),
        str(path),
        cwd=folder,
    )
    return sections, check


def sections_of(data: dict) -> dict[str, tuple[int, int]]:
    files = data.get("files") or [{}]
    return {s["name"]: (s["first_page"], s["last_page"]) for s in files[0].get("sections", [])}


def findings_of(data: dict) -> list[dict]:
    files = data.get("files") or [{}]
    return [f for r in files[0].get("results", []) for f in r.get("findings", [])]


def timeline_of(data: dict) -> dict:
    files = data.get("files") or [{}]
    return files[0].get("cv_timeline") or {}


def matches(truth: dict, ours: dict) -> bool:
    """A truth entry ('2013'..'2016', '2016-04'..'2016-07', '2020-01'..'present') is found when one of ours starts
    and ends in the same year (and month, when the truth gives one)."""

    def same(truth_date: str, our_date: str | None) -> bool:
        if truth_date == "present":
            return our_date is None
        if our_date is None:
            return False
        return our_date.startswith(truth_date[:7]) if len(truth_date) >= 7 else our_date[:4] == truth_date[:4]

    return same(truth["from"], ours.get("from")) and (
        same(truth["to"], ours.get("to"))
        or (truth["to"] == truth["from"][:4] and ours.get("to") is not None and ours["to"][:4] == truth["to"][:4])
    )


def french(folder: Path) -> list[dict]:
    truth = json.loads((SHARED / "corpus-fr" / "truth.json").read_text(encoding="utf-8"))
    rows = []
    for item in truth:
        path = SHARED / "corpus-fr" / "pdfs" / item["file"]
        expected = item["truth"]
        sections_json, check_json = run_file(path, folder)
        found = sections_of(sections_json)
        want = {s["name"]: (s["first_page"], s["last_page"]) for s in expected["sections"]}
        timeline = timeline_of(check_json)
        ours = [*timeline.get("entries", [])]
        entries = expected.get("cv_entries", [])
        recalled = sum(1 for entry in entries if any(matches(entry, mine) for mine in ours))
        flagged = [
            (f["data"].get("from"), f["data"].get("to"), f["severity"])
            for f in findings_of(check_json)
            if f.get("data", {}).get("from")
        ]
        rows.append(
            {
                "file": item["file"].split("__")[0],
                "cv_truth": want.get("cv"),
                "cv_found": found.get("cv"),
                "project_truth": want.get("project"),
                "project_found": found.get("project"),
                "entries": len(entries),
                "recalled": recalled,
                "truth_gaps": [(g["from"], g["to"], g["certainty"]) for g in expected.get("cv_gaps", [])],
                "flagged": flagged,
            }
        )
    return rows


def corpus_cvs(folder: Path) -> dict[str, int]:
    manifest = (SHARED / "corpus" / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    header = manifest[0].split("\t")
    files = [dict(zip(header, line.split("\t"), strict=False)) for line in manifest[1:]]
    cvs = [row["file"] for row in files if row.get("category") == "cv"]
    counts = {
        "cvs": len(cvs),
        "cv_section_found": 0,
        "chronology_read": 0,
        "files_with_error_gap": 0,
        "error_gaps": 0,
        "files_with_warning_gap": 0,
        "warning_gaps": 0,
    }
    for name in cvs:
        _, check_json = run_file(SHARED / "corpus" / "pdfs" / name, folder)
        timeline = timeline_of(check_json)
        if timeline:
            counts["cv_section_found"] += 1
        if timeline.get("entries"):
            counts["chronology_read"] += 1
        gaps = [f for f in findings_of(check_json) if f.get("data", {}).get("months")]
        errors = sum(1 for f in gaps if f["severity"] == "error")
        warnings = sum(1 for f in gaps if f["severity"] == "warning")
        counts["error_gaps"] += errors
        counts["warning_gaps"] += warnings
        counts["files_with_error_gap"] += bool(errors)
        counts["files_with_warning_gap"] += bool(warnings)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fr-only", action="store_true")
    args = parser.parse_args()
    if not (SHARED / "corpus-fr" / "truth.json").is_file():
        print(f"no truth.json under {SHARED / 'corpus-fr'}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = french(folder)
        print("French files with hand-read truth (pages as first-last, entries recalled, gaps)")
        for row in rows:
            print(
                f"  {row['file']:<20} cv {row['cv_found']} (truth {row['cv_truth']})  "
                f"project {row['project_found']} (truth {row['project_truth']})  "
                f"entries {row['recalled']}/{row['entries']}  gaps {row['flagged']} (truth {row['truth_gaps']})"
            )
        total = sum(row["entries"] for row in rows)
        recalled = sum(row["recalled"] for row in rows)
        cv_ok = sum(
            1 for row in rows if row["cv_truth"] and row["cv_found"] and row["cv_found"][0] == row["cv_truth"][0]
        )
        cv_all = sum(1 for row in rows if row["cv_truth"])
        print(
            f"  CV found at the truth's first page: {cv_ok}/{cv_all}; entries recalled: {recalled}/{total} "
            f"({100 * recalled / max(total, 1):.0f} %)"
        )
        if not args.fr_only:
            print("Corpus CVs (../shared/corpus, category cv), each checked as of its CreationDate")
            for key, value in corpus_cvs(folder).items():
                print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    sys.exit(main())
