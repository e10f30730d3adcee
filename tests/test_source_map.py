"""Back to the source: a finding's file:line in the .tex it comes from (its text found there, or SyncTeX)."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.cli import main
from preflight.source_map import SP_PER_BP, SyncTeX, find_in_sources, needle
from tests.conftest import REPO

TEX = "\\section{Unité}\n\nNotre unité :\nLaboratoire d’immuno\u200blogie,\nÉquipe 3.\n"


def test_the_snippet_is_turned_back_into_the_source_text() -> None:
    assert needle("…d’immuno⟦U+200B ZERO WIDTH SPACE⟧logie…") == ("d’immuno\u200blogie", 8)
    assert needle("la mol⟦Ã© → é⟧cule") == ("la molÃ©cule", 6)
    assert needle("plain text") == ("plain text", None)


def test_the_character_is_found_with_the_context_the_source_shares() -> None:
    sources = [("main.tex", TEX), ("other.md", "immunologie\n")]
    assert find_in_sources("…d’immuno⟦U+200B ZERO WIDTH SPACE⟧logie Équipe 3", sources) == ("main.tex", 4, 21)
    # Found in two places: no answer rather than a wrong one.
    twice = [("a.tex", "x\u200by\n"), ("b.tex", "x\u200by\n")]
    assert find_in_sources("x⟦U+200B ZERO WIDTH SPACE⟧y", twice) is None


def dossier_repository(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "dossier"
    (repo / "build").mkdir(parents=True)
    (repo / "sources").mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    shutil.copy(REPO / "fixtures" / "hidden" / "zero-width.pdf", repo / "build" / "dossier.pdf")
    (repo / "sources" / "main.tex").write_text(TEX, encoding="utf-8")
    (repo / "preflight.toml").write_text('dossier = ["build/*.pdf"]\nprofile = "portal"\n', encoding="utf-8")
    return repo


def run(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, ["check", "--no-cache", "--select", "hidden-characters", *args]).stdout


def test_every_report_points_at_the_source_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = dossier_repository(tmp_path)
    text = run(repo, monkeypatch, "build/dossier.pdf")
    assert "              in the source: sources/main.tex:4:21\n" in text
    french = run(repo, monkeypatch, "--lang", "fr", "build/dossier.pdf")
    assert "dans la source\u202f: sources/main.tex:4:21" in french
    data = json.loads(run(repo, monkeypatch, "-f", "json", "build/dossier.pdf"))
    (finding,) = data["files"][0]["results"][0]["findings"]
    assert finding["source_line"] == "sources/main.tex:4:21"
    markdown = run(repo, monkeypatch, "-f", "markdown", "--no-snippets", "build/dossier.pdf")
    assert "    in the source: `sources/main.tex:4:21`" in markdown.splitlines()
    assert "immuno" not in markdown
    (result,) = json.loads(run(repo, monkeypatch, "-f", "sarif", "build/dossier.pdf"))["runs"][0]["results"]
    source, pdf = result["locations"]
    assert source["physicalLocation"] == {
        "artifactLocation": {"uri": "sources/main.tex"},
        "region": {"startLine": 4, "startColumn": 21},
    }
    assert pdf["physicalLocation"]["region"] == {"startLine": 2}
    # Off when asked, and without a dossier setting only SyncTeX is used (no text search).
    assert "in the source" not in run(repo, monkeypatch, "--no-source-lines", "build/dossier.pdf")
    (repo / "preflight.toml").write_text('profile = "portal"\n', encoding="utf-8")
    assert "in the source" not in run(repo, monkeypatch, "build/dossier.pdf")
    assert "in the source: sources/main.tex:4:21" in run(repo, monkeypatch, "--source-lines", "build/dossier.pdf")


def test_sarif_paths_are_relative_to_the_repository_root_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Code scanning resolves a result's uri against the repository's root: not '../sources/main.tex' when
    the check ran in build/, nor a file: URI when the PDF was named by its absolute path."""
    repo = dossier_repository(tmp_path)
    expected = {"sources/main.tex", "build/dossier.pdf"}
    for cwd, path in ((repo / "build", "dossier.pdf"), (repo, str(repo / "build" / "dossier.pdf"))):
        log = json.loads(run(cwd, monkeypatch, "-f", "sarif", path))
        (result,) = log["runs"][0]["results"]
        uris = [location["physicalLocation"]["artifactLocation"]["uri"] for location in result["locations"]]
        assert set(uris) == expected, (cwd, path)
        assert log["runs"][0]["artifacts"][0]["location"]["uri"] == "build/dossier.pdf"
    # Outside any repository a relative path stays as given.
    from preflight.reporters.sarif import artifact_uri

    assert artifact_uri("build/dossier.pdf", None) == "build/dossier.pdf"
    assert artifact_uri(str(tmp_path / "a b.pdf"), None) == (tmp_path / "a b.pdf").as_uri()


SYNCTEX = """SyncTeX Version:1
Input:1:./main.tex
Input:2:/usr/share/texlive/texmf-dist/tex/latex/base/article.cls
Output:pdf
Magnification:1000
Unit:1
X Offset:0
Y Offset:0
Content:
!100
{1
[1,12:4736286,4736286:26673152,41484288,0
h1,30:8799518,6571294:22609920,0,0
(1,14:8799518,8865054:22609920,400000,100000
h1,12:8799518,8865054:983040,0,0
x1,12:9782558,8865054
g1,12:12000000,8865054
x1,13:20000000,8865054
)
(1,17:8799518,9651486:22609920,400000,100000
x1,16:9782558,9651486
x2,5:9782558,9651486
)
]
}1
Postamble:
"""


def test_synctex_gives_the_line_of_a_page_and_a_position(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "build"
    folder.mkdir()
    with gzip.open(folder / "dossier.synctex.gz", "wt", encoding="utf-8") as stream:
        stream.write(SYNCTEX)
    (tmp_path / "main.tex").write_text("\n" * 20, encoding="utf-8")
    synctex = SyncTeX.beside(folder / "dossier.pdf")
    assert synctex is not None and synctex.inputs[1] == "./main.tex"
    monkeypatch.chdir(tmp_path)
    # No position: the first line of text (not the header's void box, tagged where the page was shipped).
    assert synctex.locate(1) == ("main.tex", 12)
    # A position, in PDF points from the top left: the last record at or left of it on the nearest baseline.
    baseline = 8865054 / SP_PER_BP
    assert synctex.locate(1, (20000000 / SP_PER_BP + 5, baseline)) == ("main.tex", 13)
    assert synctex.locate(1, (9782558 / SP_PER_BP + 1, baseline - 2)) == ("main.tex", 12)
    assert synctex.locate(1, (9782558 / SP_PER_BP, 9651486 / SP_PER_BP + 1)) == ("main.tex", 16)
    assert synctex.locate(2) is None


def test_synctex_agrees_with_the_synctex_tool(tmp_path: Path) -> None:
    """A real pdflatex run: the positions the `synctex edit` tool maps to a line map to the same line here."""
    if shutil.which("pdflatex") is None or shutil.which("synctex") is None:
        pytest.skip("pdflatex and synctex are not installed")
    source = (
        "\\documentclass{article}\n\\begin{document}\nPremier paragraphe du projet.\n\n"
        "Le projet de recherche porte sur la biologie cellulaire.\n\n\\newpage\nDeuxième page.\n\n"
        "Une ligne ici.\n\nUne autre ligne, plus longue que la précédente.\n\\end{document}\n"
    )
    (tmp_path / "main.tex").write_text(source, encoding="utf-8")
    done = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-synctex=1", "main.tex"], cwd=tmp_path, capture_output=True
    )
    if done.returncode != 0 or not (tmp_path / "main.synctex.gz").is_file():
        pytest.skip("pdflatex could not build the test document")
    synctex = SyncTeX.beside(tmp_path / "main.pdf")
    assert synctex is not None
    agreed = 0
    for page, x, y in [(1, 200, 150), (1, 140, 100), (2, 150, 120), (2, 200, 147), (2, 300, 159)]:
        answer = subprocess.run(
            ["synctex", "edit", "-o", f"{page}:{x}:{y}:{tmp_path / 'main.pdf'}"], capture_output=True, text=True
        ).stdout
        lines = [int(line[5:]) for line in answer.splitlines() if line.startswith("Line:")]
        located = synctex.locate(page, (x, y))
        assert located is not None and located[0].endswith("main.tex")
        agreed += bool(lines) and located[1] == lines[0]
    assert agreed >= 4
