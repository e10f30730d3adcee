"""A dossier repository as a candidate keeps one, with this repository's hooks run by pre-commit for real.

A LaTeX-like layout (the built dossier, a one-page figure PDF, a .tex source with a zero-width space) in a fresh
git repository; `pre-commit run --all-files` builds the hooks' environment from a snapshot of this working tree
(`language: python`: pip installs it from the configured indexes, offline here) and runs both hooks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml

from tests.pdfs import helvetica_pdf
from tests.test_pre_commit import ROOT, commit_snapshot, git, pre_commit

TEX = "\\documentclass{article}\n\\begin{document}\nLe projet de re\u200bcherche.\n\\end{document}\n"


def test_a_latex_dossier_repository(tmp_path: Path) -> None:
    command = pre_commit()
    rev = commit_snapshot(ROOT, tmp_path / "hook-repo")
    repo = tmp_path / "dossier"
    for folder in ("build", "figures"):
        (repo / folder).mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Candidate")
    git(repo, "config", "user.email", "candidate@example.org")
    shutil.copy(ROOT / "fixtures" / "valid-dossier.pdf", repo / "build" / "dossier.pdf")
    helvetica_pdf(repo / "figures" / "plot.pdf", "Figure 1")
    (repo / "main.tex").write_text(TEX, encoding="utf-8")
    (repo / "preflight.toml").write_text('dossier = ["build/*.pdf"]\n', encoding="utf-8")
    config = {
        "repos": [
            {
                "repo": str(tmp_path / "hook-repo"),
                "rev": rev,
                "hooks": [
                    {"id": "dossier-preflight", "args": ["--baseline", "HEAD"], "verbose": True},
                    {"id": "dossier-sources"},
                ],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PREFLIGHT_CACHE_DIR": str(tmp_path / "cache"),
        "LANG": "C.UTF-8",
    }
    env.pop("LC_ALL", None)
    env.pop("LANGUAGE", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, *args], cwd=repo, env=env, capture_output=True, text=True)

    git(repo, "add", "-A")
    first = run("run", "--all-files")
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    # The figure is left alone: not judged against the dossier's rules.
    assert "figures/plot.pdf is not the dossier (dossier = “build/*.pdf” in " in output
    assert "figures/plot.pdf  (" not in output
    assert "build/dossier.pdf  (16 pages" in output
    assert "project-page-count" in output and "PASSED: 16 rules: 16 passed" in output
    assert "build/dossier.pdf: no previous version at HEAD (a new file): nothing to compare" in output
    # The source's hidden character, with its line and column.
    assert "main.tex:3:16: error: U+200B ZERO WIDTH SPACE, zero-width character: " in output
    lines = {line.split("...")[0].strip(): line for line in output.splitlines() if "....." in line}
    assert lines["dossier-preflight"].endswith("Passed"), output
    assert lines["dossier-sources (hidden characters)"].endswith("Failed"), output

    # A cached repeat of the hook: pre-commit's own measure of the hook (--verbose prints it), best of three
    # on this shared machine; the issue asks for under 0.5 s.
    durations = []
    for _ in range(3):
        again = run("run", "--all-files", "--verbose", "dossier-preflight")
        assert again.returncode == 0, again.stdout + again.stderr
        durations += [float(found) for found in re.findall(r"^- duration: ([\d.]+)s$", again.stdout, re.MULTILINE)]
    assert len(durations) == 3 and min(durations) < 0.5, durations

    (repo / "main.tex").write_text(TEX.replace("\u200b", ""), encoding="utf-8")
    git(repo, "add", "-A")
    assert run("install").returncode == 0
    committed = subprocess.run(["git", "commit", "-qm", "dossier"], cwd=repo, env=env, capture_output=True, text=True)
    assert committed.returncode == 0, committed.stdout + committed.stderr

    # A renamed dossier is checked again under its new name, and compared with its version before the rename.
    git(repo, "mv", "build/dossier.pdf", "build/dossier-final.pdf")
    renamed = run("run")
    output = renamed.stdout + renamed.stderr
    assert renamed.returncode == 0, output
    assert "build/dossier-final.pdf  (16 pages" in output
    assert "Changes from HEAD to build/dossier-final.pdf\n  no change in pages, sections, size, fonts or findings" in (
        output
    )
    assert "figures/plot.pdf" not in output  # not staged: pre-commit does not pass it
