"""Batch runs: folders, --jobs, the progress bar, the summary, --strict and --quiet."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.cli import main
from tests.pdfs import blank_pdf, helvetica_pdf


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    blank_pdf(folder / "a-pass.pdf")
    helvetica_pdf(folder / "b-fail.pdf")
    blank_pdf(folder / "sub" / "c-pass.pdf", pages=3)
    helvetica_pdf(folder / "sub" / "d-fail.pdf", text="Other")
    (folder / "notes.txt").write_text("not a dossier")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    """`preflight check` with the portal rule set, whose rules a blank page passes (unlike a competition's)."""
    profile = [] if "--profile" in args else ["--profile", "portal"]
    result = CliRunner().invoke(main, ["check", *profile, *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_folder_expands_to_its_pdfs_sorted(batch: Path) -> None:
    code, out, _ = run("-f", "jsonl", "--no-cache", str(batch))
    assert code == 1
    paths = [json.loads(line)["path"] for line in out.splitlines()]
    assert [Path(p).relative_to(batch).as_posix() for p in paths] == [
        "a-pass.pdf",
        "b-fail.pdf",
        "sub/c-pass.pdf",
        "sub/d-fail.pdf",
    ]


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_jobs_2_gives_the_same_report_as_jobs_1(batch: Path, output_format: str) -> None:
    serial = run("-f", output_format, "--no-cache", "--jobs", "1", str(batch))
    parallel = run("-f", output_format, "--no-cache", "--jobs", "2", str(batch))
    assert serial == parallel
    assert serial[0] == 1


def test_jobs_in_french_workers_speak_french(batch: Path) -> None:
    code, out, _ = run("--no-cache", "--jobs", "2", "--lang", "fr", str(batch))
    assert code == 1
    assert "ÉCHEC" in out and "4 fichiers vérifiés" in out


def test_the_summary_counts_files_and_failures_per_rule(batch: Path) -> None:
    code, out, _ = run(str(batch))
    assert code == 1
    assert out.splitlines()[-2:] == [
        "4 files checked with rule set “portal”: 2 passed, 2 failed",
        "failures per rule: fonts-embedded 2",
    ]


def test_no_progress_bar_when_stderr_is_not_a_terminal(batch: Path) -> None:
    _, _, err = run(str(batch))
    assert err == ""


def test_progress_bar_on_a_terminal_with_several_files(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import preflight.cli

    monkeypatch.setattr(preflight.cli, "_is_terminal", lambda stream: True)
    _, out, err = run(str(batch))
    assert "Checking" in err
    assert "Checking" not in out
    _, _, single = run(str(batch / "a-pass.pdf"))
    assert single == ""
    _, _, quiet = run("--quiet", str(batch))
    assert quiet == ""


def test_quiet_shows_only_failing_files_and_rules(batch: Path) -> None:
    code, out, _ = run("--quiet", str(batch))
    assert code == 1
    assert "a-pass.pdf" not in out and "c-pass.pdf" not in out
    assert "b-fail.pdf" in out and "d-fail.pdf" in out
    assert "PASS " not in out
    assert out.count("FAIL  fonts-embedded") == 2


def test_quiet_on_a_passing_file_prints_only_the_summary_line(batch: Path) -> None:
    code, out, _ = run("--quiet", str(batch / "a-pass.pdf"))
    assert code == 0
    assert out == "1 file checked with rule set “portal”: all passed\n"


def test_strict_makes_warnings_fail(batch: Path, tmp_path: Path) -> None:
    config = tmp_path / "preflight.toml"
    config.write_text('[rules.fonts-embedded]\nlevel = "warning"\n')
    failing = str(batch / "b-fail.pdf")
    code, out, _ = run("--config", str(config), failing)
    assert code == 0
    assert "WARN  fonts-embedded" in out
    code, out, _ = run("--config", str(config), "--strict", failing)
    assert code == 1
    assert "FAIL  fonts-embedded" in out
    code, out, _ = run("--config", str(config), "--strict", "-f", "json", failing)
    results = {result["rule"]: result["status"] for result in json.loads(out)["files"][0]["results"]}
    assert results["fonts-embedded"] == "fail"


def test_select_and_ignore_on_the_command_line(batch: Path) -> None:
    code, out, _ = run("--ignore", "fonts-embedded", str(batch / "b-fail.pdf"))
    assert code == 0 and "fonts-embedded" not in out
    code, out, _ = run("--select", "fonts-embedded", "-f", "json", str(batch / "b-fail.pdf"))
    assert code == 1
    assert [r["rule"] for r in json.loads(out)["files"][0]["results"]] == ["fonts-embedded"]


def test_a_folder_without_pdfs_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run(str(tmp_path / "empty"))
    assert code == 2
    assert "no PDF files found" in err


def test_a_worker_that_dies_does_not_lose_files(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If a worker process dies (a crash inside a PDF library), the files left are checked in-process."""
    import multiprocessing
    import os

    from preflight import engine

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched function reaches workers only when they are forked")
    parent = os.getpid()
    real = engine.check_one

    def dying(path: str, *args: object) -> object:
        if os.getpid() != parent and path.endswith("b-fail.pdf"):
            os._exit(1)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "check_one", dying)
    serial = run("-f", "json", "--no-cache", "--jobs", "1", str(batch))
    parallel = run("-f", "json", "--no-cache", "--jobs", "2", str(batch))
    assert parallel == serial
    assert serial[0] == 1


def test_findings_that_cannot_cross_processes_are_checked_in_process(
    batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses
    import multiprocessing
    from collections.abc import Iterator

    from preflight.checks import load_registry
    from preflight.model import Finding

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched registry reaches workers only when they are forked")

    def odd(dossier: object, options: object) -> Iterator[Finding]:
        yield Finding("odd data", page=1, data={"callback": lambda: None})

    registry = load_registry()
    monkeypatch.setitem(registry.checks, "encryption", dataclasses.replace(registry.checks["encryption"], run=odd))
    serial = run("--jobs", "1", str(batch))
    parallel = run("--jobs", "2", str(batch))
    assert parallel == serial
    assert len(re.findall(r"FAIL +encryption +odd data", serial[1])) == 4
