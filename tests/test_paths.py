"""Which files a run checks: folders expanded, problems reported, each file once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.cli import expand_paths, main
from tests.pdfs import blank_pdf


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["check", "--profile", "portal", "--no-cache", *args])
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def checked_paths(out: str) -> list[str]:
    return [json.loads(line)["path"] for line in out.splitlines()]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_subfolder_is_reported_and_fails_the_run(tmp_path: Path) -> None:
    blank_pdf(tmp_path / "a.pdf")
    locked = tmp_path / "locked"
    locked.mkdir()
    blank_pdf(locked / "b.pdf")
    locked.chmod(0)
    try:
        code, out, err = run("-f", "jsonl", str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert code == 1
    assert f"cannot read folder {locked}" in err
    reports = [json.loads(line) for line in out.splitlines()]
    assert [(r["path"], r["passed"]) for r in reports] == [(str(tmp_path / "a.pdf"), True), (str(locked), False)]


def test_a_folder_that_cannot_be_listed_is_reported_and_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blank_pdf(tmp_path / "a.pdf")
    locked = tmp_path / "locked"
    locked.mkdir()
    blank_pdf(locked / "b.pdf")
    real_scandir = os.scandir

    def scandir(path):  # what a folder without read permission does, even when the tests run as root
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run("-f", "jsonl", str(tmp_path))
    assert code == 1
    assert f"preflight: cannot read folder {locked} (Permission denied): the PDFs in it are not checked" in err
    reports = [json.loads(line) for line in out.splitlines()]
    assert [(r["path"], r["passed"]) for r in reports] == [(str(tmp_path / "a.pdf"), True), (str(locked), False)]
    assert reports[1]["results"][0]["rule"] == "pdf-readable"


def test_dangling_links_and_link_loops_are_reported_and_fail_the_run(tmp_path: Path) -> None:
    blank_pdf(tmp_path / "a.pdf")
    (tmp_path / "gone.pdf").symlink_to(tmp_path / "deleted.pdf")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path)
    (tmp_path / "self.pdf").symlink_to(tmp_path / "self.pdf")
    code, out, err = run("-f", "jsonl", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'gone.pdf'} is a link to {tmp_path / 'deleted.pdf'}, which does not exist" in err
    assert f"{tmp_path / 'sub' / 'back'} is a link loop" in err
    assert f"{tmp_path / 'self.pdf'} is a link loop" in err
    failed = sorted(json.loads(line)["path"] for line in out.splitlines() if not json.loads(line)["passed"])
    assert failed == sorted(str(tmp_path / name) for name in ("gone.pdf", "self.pdf", "sub/back"))


def test_a_file_given_twice_or_by_two_paths_is_checked_once(tmp_path: Path) -> None:
    blank_pdf(tmp_path / "a.pdf")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "a.pdf")
    code, out, _ = run("-f", "jsonl", "a.pdf", "./a.pdf", "link.pdf", str(tmp_path), cwd=tmp_path)
    assert code == 0
    assert checked_paths(out) == ["a.pdf"]


def test_hidden_folders_git_and_virtual_environments_are_not_searched_unless_named(tmp_path: Path) -> None:
    blank_pdf(tmp_path / "a.pdf")
    for folder in (".git/objects", ".cache", "venv/lib", "sub"):
        (tmp_path / folder).mkdir(parents=True)
        blank_pdf(tmp_path / folder / "x.pdf")
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    assert list(expand_paths([str(tmp_path)])) == [str(tmp_path / "a.pdf"), str(tmp_path / "sub" / "x.pdf")]
    assert list(expand_paths([str(tmp_path / ".cache")])) == [str(tmp_path / ".cache" / "x.pdf")]
    assert list(expand_paths([str(tmp_path / "venv")])) == [str(tmp_path / "venv" / "lib" / "x.pdf")]


def test_a_folder_reached_by_a_link_is_searched_once(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    blank_pdf(tmp_path / "real" / "a.pdf")
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    assert list(expand_paths([str(tmp_path)])) == [str(tmp_path / "alias" / "a.pdf")]
