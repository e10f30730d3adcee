"""The pre-commit hook, for real: a temporary git repository whose .pre-commit-config.yaml points at a
snapshot of this project; pre-commit builds the hook's environment with pip and runs it on commit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.pdfs import blank_pdf, helvetica_pdf

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "preflight", "rules")


def pre_commit() -> list[str]:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if found is None or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    return [found]


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)


def commit_snapshot(source: Path, target: Path) -> str:
    """This working tree's files (committed or not) as one commit of a fresh repository."""
    target.mkdir()
    for name in PROJECT_FILES:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "snapshot")
    return git(target, "rev-parse", "HEAD").stdout.strip()


def test_hook_definition() -> None:
    hook, sources = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "dossier-preflight"
    assert hook["entry"] == "preflight check"
    assert hook["language"] == "python"
    assert hook["types"] == ["pdf"]
    assert sources["id"] == "dossier-sources"
    assert sources["entry"] == "preflight text --locations"
    assert sources["language"] == "python"
    for name in ("main.tex", "notes/projet.md", "abstract.txt", "cv.docx"):
        assert re.search(sources["files"], name), name
    assert not re.search(sources["files"], "build/dossier.pdf")


def test_the_hook_blocks_a_failing_pdf_and_lets_a_passing_one_through(tmp_path: Path) -> None:
    command = pre_commit()
    rev = commit_snapshot(ROOT, tmp_path / "hook-repo")
    repo = tmp_path / "dossier"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Candidate")
    git(repo, "config", "user.email", "candidate@example.org")
    config = {
        "repos": [
            {
                "repo": str(tmp_path / "hook-repo"),
                "rev": rev,
                "hooks": [{"id": "dossier-preflight", "args": ["--profile", "portal"]}],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PREFLIGHT_CACHE_DIR": str(tmp_path / "cache"),
    }
    subprocess.run([*command, "install"], cwd=repo, env=env, check=True, capture_output=True)

    helvetica_pdf(repo / "dossier-cr.pdf")
    git(repo, "add", ".pre-commit-config.yaml", "dossier-cr.pdf")
    refused = subprocess.run(["git", "commit", "-m", "dossier"], cwd=repo, env=env, capture_output=True, text=True)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "dossier-preflight" in output and "Failed" in output
    assert re.search(r"FAIL +fonts-embedded +font 'Helvetica' is not embedded \(Type1", output), output
    assert "standard-14 font that viewers replace); used on page 1" in output
    assert git(repo, "rev-list", "--all").stdout == ""

    blank_pdf(repo / "dossier-cr.pdf")
    git(repo, "add", "dossier-cr.pdf")
    accepted = subprocess.run(["git", "commit", "-m", "dossier"], cwd=repo, env=env, capture_output=True, text=True)
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert "dossier-preflight" in output and "Passed" in output
    assert git(repo, "rev-list", "--all").stdout.strip() != ""


def test_the_readme_warns_about_check_added_large_files() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "check-added-large-files" in readme
    assert "--maxkb=10240" in readme
