"""Real-world robustness: every PDF of ../shared/corpus, and font verdicts against poppler's pdffonts."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time

import pytest

from tests.conftest import CORPUS, needs_corpus

pytestmark = [needs_corpus(), pytest.mark.corpus]

# Files where pdffonts and we disagree because pdffonts does not look where a viewer does.
FONT_VERDICT_EXCEPTIONS = {
    # ZapfDingbats is used by the check box and radio button appearance streams; pdffonts skips annotations.
    "pikepdf__pikepdf__tests_resources_form.pdf": "non-embedded font in widget appearance streams",
    # Helvetica is drawn by a Type 3 glyph procedure (font inside a Type 3 font); pdffonts does not descend.
    "mozilla__pdf.js__test_pdfs_ContentStreamCycleType3insideType3.pdf": "non-embedded font inside a Type 3 glyph",
}


def _where_pdffonts_does_not_look(findings: list[dict], pdffonts_fails: bool) -> str | None:
    """Why our verdict differs from pdffonts' when it is on purpose (issue 14), or None.

    pdffonts lists fonts from the resources and does not read font programs, content streams or form fields:
    a listed font that draws nothing is only a note here, a broken program or a field's /DA font fails here.
    """
    if pdffonts_fails:
        notes = [f for f in findings if f["data"].get("embedded") is False]
        if notes and all(f["severity"] == "info" and f["data"].get("used") == "no" for f in notes):
            return "its non-embedded fonts draw nothing"
        return None
    errors = [f for f in findings if f["severity"] == "error"]
    if errors and all(f["data"].get("problem") or "form fields without an appearance" in f["message"] for f in errors):
        return "a font program that does not parse, or a form field's /DA font"
    return None


def corpus_files() -> list[str]:
    if not (CORPUS / "pdfs").is_dir():
        return []
    return sorted(path.name for path in (CORPUS / "pdfs").glob("*.pdf"))


@pytest.fixture(scope="module")
def corpus_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Run the CLI once per corpus file, as a user would, and keep each JSON report.

    The runs are separate processes, so as many go at once as there are CPUs (at most 4): each file's
    time is still its own process's.
    """
    from concurrent.futures import ThreadPoolExecutor

    def run(name: str) -> dict:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "preflight", "check", "--format", "json", str(CORPUS / "pdfs" / name)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        return {
            "returncode": result.returncode,
            "stdout": result.stdout,
            "stderr": result.stderr,
            "seconds": time.monotonic() - started,
        }

    names = corpus_files()
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return dict(zip(names, pool.map(run, names), strict=True))


def test_every_corpus_pdf_gets_a_verdict_without_traceback(corpus_reports: dict[str, dict]) -> None:
    problems = []
    for name, run in corpus_reports.items():
        if run["returncode"] not in (0, 1):
            problems.append(f"{name}: exit {run['returncode']} {run['stdout'][-300:]}")
        if "Traceback" in run["stderr"] or "Traceback" in run["stdout"]:
            problems.append(f"{name}: traceback")
        if run["seconds"] > 30:
            problems.append(f"{name}: took {run['seconds']:.1f} s")
        try:
            report = json.loads(run["stdout"])
        except json.JSONDecodeError:
            problems.append(f"{name}: invalid JSON")
            continue
        assert report["files"][0]["passed"] is (run["returncode"] == 0)
    assert not problems, "\n".join(problems)


def test_font_verdicts_agree_with_pdffonts(corpus_reports: dict[str, dict]) -> None:
    oracle = CORPUS / "oracle"
    non_embedded: dict[str, bool] = {}
    with (oracle / "fonts.tsv").open(encoding="utf-8", errors="replace") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            non_embedded[row["file"]] = non_embedded.get(row["file"], False) or row["emb"] == "no"
    with (oracle / "summary.tsv").open(encoding="utf-8", errors="replace") as stream:
        summary = list(csv.DictReader(stream, delimiter="\t"))
    agree, disagree, refused, explained = 0, [], [], []
    for row in summary:
        name = row["file"]
        fonts_listing = oracle / name / "pdffonts.txt"
        if row["pdfinfo_rc"] != "0" or not fonts_listing.is_file() or not fonts_listing.read_bytes().strip():
            continue  # poppler could not read it either
        result = json.loads(corpus_reports[name]["stdout"])["files"][0]
        outcome = next(r for r in result["results"] if r["rule"] == "fonts-embedded")
        if outcome["status"] == "skip":
            refused.append(name)  # we refuse the file as damaged or protected: it fails either way
            continue
        ours = any(f["severity"] == "error" for f in outcome["findings"])
        expected = non_embedded.get(name, False)
        if ours == expected or name in FONT_VERDICT_EXCEPTIONS:
            agree += 1
        elif why := _where_pdffonts_does_not_look(outcome["findings"], expected):
            explained.append(f"{name}: {why}")
        else:
            disagree.append(f"{name}: pdffonts says {'fail' if expected else 'pass'}")
    rate = (agree + len(explained)) / (agree + len(explained) + len(disagree))
    print(
        f"font verdicts: {agree} agree, {len(explained)} differ where pdffonts does not look, {len(disagree)} "
        f"disagree ({rate:.2%}); {len(refused)} refused as unreadable"
    )
    print("\n".join(explained))
    # Each kind of difference must stay rare: a jump means a check went wrong, not pdffonts.
    assert len(explained) <= 12, explained
    assert rate >= 0.99, "\n".join(disagree)
    # Files poppler reads but we refuse must stay rare: each is a damaged or oddly protected test file.
    assert len(refused) <= 16, refused
