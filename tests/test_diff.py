"""`preflight diff OLD NEW` and `preflight check --baseline REF` on two committed versions of a fixture."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter

from preflight.cli import main
from tests.conftest import REPO
from tests.pdfs import helvetica_pdf

STRUCTURE = REPO / "fixtures" / "structure"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def second_version(target: Path, scratch: Path) -> None:
    """The 16-page project's dossier with a figure page in Helvetica (not embedded) at the end."""
    helvetica_pdf(scratch / "figure.pdf", "Figure 1")
    writer = PdfWriter()
    for page in PdfReader(STRUCTURE / "project-16-pages.pdf").pages:
        writer.add_page(page)
    writer.add_page(PdfReader(scratch / "figure.pdf").pages[0])
    writer.write(target)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A dossier repository: build/dossier.pdf committed twice (15-page project, then 16 pages and a figure)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "dossier"
    (repo / "build").mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Candidate")
    git(repo, "config", "user.email", "candidate@example.org")
    shutil.copy(STRUCTURE / "project-15-pages.pdf", repo / "build" / "dossier.pdf")
    git(repo, "add", "build/dossier.pdf")
    git(repo, "commit", "-qm", "project, 15 pages")
    second_version(repo / "build" / "dossier.pdf", tmp_path)
    git(repo, "commit", "-qam", "project, 16 pages, a figure")
    return repo


def run(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, ["--help"] if not args else list(args))
    return result.exit_code, result.stdout, result.stderr


CHANGES = [
    "  pages: 23 → 25",
    "  research project: 15 pages → 16 pages",
    "  publication list: 2 pages → 3 pages",
]


def test_diff_of_two_files(history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = tmp_path / "old.pdf"
    old.write_bytes(
        subprocess.run(["git", "show", "HEAD~1:build/dossier.pdf"], cwd=history, capture_output=True).stdout
    )
    new = history / "build" / "dossier.pdf"
    code, out, _ = run(history, monkeypatch, "diff", str(old), "build/dossier.pdf")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Changes from {old} to build/dossier.pdf"
    assert lines[1:4] == CHANGES
    assert lines[4] == f"  size: {_size(old.stat().st_size)} → {_size(new.stat().st_size)}"
    assert lines[5] == "  fonts added: “Helvetica”"
    assert "  2 new findings:" in lines
    # The publication list moved from page 22 to 23 with the new page: its note is neither new nor fixed.
    assert not any("fixed" in line for line in lines)
    assert (
        "    fonts-embedded, page 25: font 'Helvetica' is not embedded (Type1, a standard-14 font that viewers "
        "replace); used on page 25"
    ) in lines
    code, out, _ = run(history, monkeypatch, "diff", "--lang", "fr", "--format", "json", str(old), str(new))
    change = json.loads(out)
    assert change["sections"] == [
        {"name": "project", "old": 15, "new": 16},
        {"name": "publications", "old": 2, "new": 3},
    ]
    assert change["fonts_added"] == ["Helvetica"] and change["fonts_no_longer_embedded"] == []
    assert [(f["rule"], f["page"]) for f in change["findings_new"]][:2] == [
        ("fonts-embedded", 25),
        ("project-page-count", 7),
    ]
    code, out, _ = run(history, monkeypatch, "diff", "--lang", "fr", str(old), str(new))
    assert "  projet de recherche\u202f: 15 pages → 16 pages" in out.splitlines()
    assert "  polices ajoutées\u202f: «\u202fHelvetica\u202f»" in out.splitlines()


def _size(size: int) -> str:
    from preflight.messages import format_size

    return format_size(size, "en")


def test_check_against_the_previous_commit(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(history, monkeypatch, "check", "--no-cache", "--baseline", "HEAD~1", "build/dossier.pdf")
    assert code == 1, out + err
    text = out.split("\nChanges from HEAD~1 to build/dossier.pdf\n")[1].splitlines()
    assert text[:3] == CHANGES
    assert text[4] == "  fonts added: “Helvetica”"
    code, out, _ = run(
        history, monkeypatch, "check", "--no-cache", "--baseline", "HEAD~1", "-f", "json", "build/dossier.pdf"
    )
    change = json.loads(out)["files"][0]["baseline"]
    assert change["ref"] == "HEAD~1" and change["old"]["path"] == "HEAD~1:build/dossier.pdf"
    assert change["sections"][0] == {"name": "project", "old": 15, "new": 16}
    assert change["fonts_added"] == ["Helvetica"]
    assert any(f["rule"] == "project-page-count" for f in change["findings_new"])
    code, out, _ = run(
        history, monkeypatch, "check", "--no-cache", "--baseline", "HEAD~1", "-f", "markdown", "build/dossier.pdf"
    )
    assert "**Changes since HEAD~1**" in out
    assert "- research project: 15 pages → 16 pages" in out.splitlines()
    assert "- fonts added: “Helvetica”" in out.splitlines()
    code, out, _ = run(history, monkeypatch, "check", "--no-cache", "--baseline", "HEAD", "build/dossier.pdf")
    assert out.endswith(
        "Changes from HEAD to build/dossier.pdf\n  no change in pages, sections, size, fonts or findings\n"
    )


def test_a_new_file_has_no_previous_version(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(STRUCTURE / "project-8-pages.pdf", history / "build" / "other.pdf")
    code, out, _ = run(history, monkeypatch, "check", "--no-cache", "--baseline", "HEAD", "build/other.pdf")
    assert out.endswith("build/other.pdf: no previous version at HEAD (a new file): nothing to compare\n")
    code, out, err = run(history, monkeypatch, "check", "--no-cache", "--baseline", "v9.9", "build/other.pdf")
    assert code == 2
    assert err == (
        "preflight: “v9.9” is no revision of the git repository of build/other.pdf: give a commit, tag or branch "
        "('git log' lists them; HEAD~1 needs two commits, and in CI a clone with fetch-depth 2 or more)\n"
    )


def test_bad_inputs_are_usage_errors_that_say_what_to_do(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A revision the shallow clone of a CI does not have, a file outside git, a file that is no PDF: exit 2,
    one line in the run's language, no traceback."""
    code, _, err = run(history, monkeypatch, "--lang", "fr", "check", "--no-cache", "--baseline", "HEAD~5", "build")
    assert code == 2
    assert err.startswith("preflight\u202f: «\u202fHEAD~5\u202f» n’est pas une révision du dépôt git de build/")
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(STRUCTURE / "project-8-pages.pdf", outside / "dossier.pdf")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, _, err = run(outside, monkeypatch, "check", "--no-cache", "--baseline", "HEAD", "dossier.pdf")
    assert (code, err) == (
        2,
        "preflight: dossier.pdf is not in a git repository: --baseline reads its previous version from git "
        "('preflight diff OLD.pdf NEW.pdf' compares two files)\n",
    )
    (outside / "notes.pdf").write_text("not a PDF\n", encoding="utf-8")
    for args in (["diff", "notes.pdf", "dossier.pdf"], ["diff", "dossier.pdf", "notes.pdf"]):
        code, out, err = run(outside, monkeypatch, *args)
        assert (code, out) == (2, "")
        assert (
            err
            == "preflight: notes.pdf cannot be read as a PDF: this is not a PDF: it is a plain-text file renamed .pdf\n"
        )
    code, _, err = run(outside, monkeypatch, "--lang", "fr", "diff", "notes.pdf", "dossier.pdf")
    assert err.startswith("preflight\u202f: notes.pdf ne peut pas être lu comme un PDF\u202f: ")
    code, _, err = run(outside, monkeypatch, "diff", "missing.pdf", "dossier.pdf")
    assert code == 2 and "'OLD.pdf': File 'missing.pdf' does not exist" in err and "Traceback" not in err


def test_preflight_lang_fr_diff_is_in_french(history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = tmp_path / "old.pdf"
    old.write_bytes(git_show(history, "HEAD~1:build/dossier.pdf"))
    code, out, _ = run(history, monkeypatch, "--lang", "fr", "diff", str(old), "build/dossier.pdf")
    assert code == 0
    assert "  projet de recherche\u202f: 15 pages → 16 pages" in out.splitlines()


def git_show(repo: Path, spec: str) -> bytes:
    return subprocess.run(["git", "show", spec], cwd=repo, capture_output=True, check=True).stdout


def test_a_finding_on_a_page_that_moved_is_neither_new_nor_fixed(tmp_path: Path) -> None:
    """A page added before a finding moves it: still there, with the same rule, message and arguments."""
    from preflight.diff import compare

    def version(findings: list[tuple[str, int, dict[str, object]]]) -> dict[str, object]:
        return {
            "path": "dossier.pdf",
            "pages": 20,
            "bytes": 1000,
            "sections": {},
            "fonts": {},
            "findings": [
                {"rule": "r", "message_id": m, "page": p, "message": m, "same": json.dumps(a, sort_keys=True)}
                for m, p, a in findings
            ],
        }

    name = {"name": "Claire Dubois", "count": 4}
    old = version([("name-unmarked", 14, name), ("char", 3, {"snippet": "a"}), ("char", 5, {"snippet": "b"})])
    new = version([("name-unmarked", 15, name), ("char", 4, {"snippet": "a"}), ("char", 9, {"snippet": "c"})])
    change = compare(old, new, "HEAD")
    assert [(f["message_id"], f["page"]) for f in change["findings_new"]] == [("char", 9)]
    assert [(f["message_id"], f["page"]) for f in change["findings_fixed"]] == [("char", 5)]
    assert all(set(f) == {"rule", "message_id", "page", "message"} for f in change["findings_new"])


def test_a_page_inserted_before_the_publications_moves_their_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The LaTeX fixture with a page added after the cover: the publication list's note moves from page 14 to
    15 and is not listed as fixed and new."""
    old = REPO / "fixtures" / "latex" / "dossier.pdf"
    writer = PdfWriter()
    pages = PdfReader(old).pages
    writer.add_page(pages[0])
    writer.add_blank_page(595, 842)
    for page in pages[1:]:
        writer.add_page(page)
    new = tmp_path / "dossier.pdf"
    writer.write(new)
    code, out, _ = run(tmp_path, monkeypatch, "diff", "--format", "json", str(old), str(new))
    change = json.loads(out)
    assert code == 0 and change["old"]["pages"] == 14 and change["new"]["pages"] == 15
    assert [f["rule"] for f in change["findings_fixed"]] == []
    assert "publication-list" not in [f["rule"] for f in change["findings_new"]]


def test_a_repository_without_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(tmp_path, "init", "-q")
    shutil.copy(STRUCTURE / "project-8-pages.pdf", tmp_path / "dossier.pdf")
    code, out, _ = run(tmp_path, monkeypatch, "check", "--no-cache", "--baseline", "HEAD", "dossier.pdf")
    assert code == 1  # the 8-page project has no CV dates; the comparison itself is no error
    assert out.endswith("dossier.pdf: no previous version at HEAD (a new file): nothing to compare\n")


def test_a_repeat_comparison_comes_from_the_cache(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from preflight.checks import load_registry
    from preflight.config import UserConfig, resolve_rule_set
    from preflight.diff import baseline_change
    from preflight.engine import check_file

    monkeypatch.chdir(history)
    registry = load_registry()
    rule_set = resolve_rule_set(registry, UserConfig(), None)
    report = check_file("build/dossier.pdf", rule_set, registry, "build/dossier.pdf")
    calls: list[int] = []

    def rules() -> tuple[object, object]:
        calls.append(1)
        return rule_set, registry

    first = baseline_change(report, "HEAD~1", rules, cache_dir=tmp_path / "cache", cache_key="k")
    again = baseline_change(report, "HEAD~1", rules, cache_dir=tmp_path / "cache", cache_key="k")
    assert first == again and calls == [1]
    assert first["sections"][0] == {"name": "project", "old": 15, "new": 16}
    other = baseline_change(report, "HEAD~1", rules, cache_dir=tmp_path / "cache", cache_key="other", snippets=False)
    assert calls == [1, 1] and other["sections"] == first["sections"]


def test_a_renamed_dossier_is_compared_with_its_old_name(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(history, "mv", "build/dossier.pdf", "build/dossier-final.pdf")
    code, out, _ = run(history, monkeypatch, "check", "--no-cache", "--baseline", "HEAD~1", "-f", "json", "build")
    assert code == 1  # the 16-page project is over the limit
    change = json.loads(out)["files"][0]["baseline"]
    assert change["old"]["path"] == "HEAD~1:build/dossier.pdf"
    assert change["sections"][0] == {"name": "project", "old": 15, "new": 16}


def test_fonts_no_longer_embedded_and_findings_counted_by_kind() -> None:
    from preflight.diff import compare, render_text

    def version(fonts: dict[str, bool], findings: list[tuple[str, str, int | None]]) -> dict[str, object]:
        return {
            "path": "dossier.pdf",
            "pages": 20,
            "bytes": 1000,
            "sections": {"project": 14, "cv": 3},
            "fonts": fonts,
            "findings": [{"rule": r, "message_id": m, "page": p, "message": m} for r, m, p in findings],
        }

    old = version({"Lato": True, "Arial": False}, [("orcid", "orcid-missing", 1), ("fonts-embedded", "x", 2)])
    new = version(
        {"Lato": False, "Arial": True, "Symbol": True},
        [("fonts-embedded", "x", 2), ("fonts-embedded", "x", 2), ("fonts-embedded", "x", 5)],
    )
    new["sections"] = {"project": 16, "cv": 3}
    change = compare(old, new, "HEAD")
    assert change["fonts_no_longer_embedded"] == ["Lato"] and change["fonts_now_embedded"] == ["Arial"]
    assert change["fonts_added"] == ["Symbol"] and change["fonts_removed"] == []
    assert [(f["rule"], f["page"]) for f in change["findings_new"]] == [("fonts-embedded", 2), ("fonts-embedded", 5)]
    assert [(f["rule"], f["page"]) for f in change["findings_fixed"]] == [("orcid", 1)]
    assert render_text(change, "en").splitlines()[1:5] == [
        "  research project: 14 pages → 16 pages",
        "  fonts added: “Symbol”",
        "  fonts no longer embedded: “Lato”",
        "  fonts now embedded: “Arial”",
    ]
    assert (
        render_text(change, "fr").splitlines()[3] == "  polices qui ne sont plus incorporées\u202f: «\u202fLato\u202f»"
    )


def test_a_section_gone_or_new_reads_right_in_french_whatever_its_gender() -> None:
    from preflight.diff import say

    # "le CV", "le projet": the sentence agrees with "partie", not with the section's own noun
    assert (
        say("diff.section-gone", "fr", name="cv", old=2)
        == "CV\u202f: partie qui n’est plus repérée (elle comptait 2 pages)"
    )
    assert say("diff.section-new", "fr", name="project", new=1) == "projet de recherche\u202f: nouvelle partie, 1 page"
    assert say("diff.section-gone", "en", name="cv", old=1) == "CV: no longer found (it had 1 page)"
