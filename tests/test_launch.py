"""The entry point starts reading a single dossier's text before the command line is imported (preflight.launch)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest

from preflight import launch, processes, workers
from preflight.cli import main
from preflight.pdf.budget import Budget
from tests.conftest import FIXTURES

DOSSIER = str(FIXTURES / "valid-dossier.pdf")


def _value_options(command: click.Command) -> set[str]:
    return {
        name
        for parameter in command.params
        if isinstance(parameter, click.Option) and not parameter.is_flag and not parameter.count
        for name in (*parameter.opts, *parameter.secondary_opts)
    }


def test_the_options_that_take_a_value_are_the_command_lines_own() -> None:
    check = main.get_command(click.Context(main), "check")
    assert check is not None
    assert _value_options(check) == launch.CHECK_VALUE_OPTIONS
    assert _value_options(main) == launch.GROUP_VALUE_OPTIONS


@pytest.mark.parametrize(
    "arguments",
    [
        ["check", DOSSIER],
        ["check", "--no-cache", "-q", DOSSIER],
        ["--lang", "fr", "check", DOSSIER],
        ["--lang=fr", "check", "--profile", "inserm-dr", DOSSIER, "--format=json"],
        ["check", "-p", "inserm-dr", "-qf", "json", "-o", "report.json", DOSSIER],
        ["check", "-pinserm-dr", "--select", "fonts-embedded", DOSSIER],
        ["check", "--timeout", "5", "--", DOSSIER],
    ],
)
def test_one_file_to_check_is_found_in_the_arguments(arguments: list[str]) -> None:
    assert launch.single_file_checked(arguments) == DOSSIER


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["--version"],
        ["sections", DOSSIER],
        ["check"],
        ["check", DOSSIER, DOSSIER],
        ["check", str(FIXTURES)],  # a folder: maybe many files
        ["check", "missing.pdf"],
        ["check", "--profile", DOSSIER],  # the path is the profile's value: no file to check
        ["check", "-o", DOSSIER],
        ["--unknown", "check", DOSSIER],
    ],
)
def test_no_file_is_read_ahead_for_other_arguments(arguments: list[str]) -> None:
    assert launch.single_file_checked(arguments) is None


def _run_launcher(monkeypatch: pytest.MonkeyPatch, *arguments: str) -> int:
    monkeypatch.setattr(sys, "argv", ["preflight", *arguments])
    try:
        launch.main()
    except SystemExit as done:
        return int(done.code or 0)
    return 0


@pytest.mark.skipif(not workers.can_isolate(), reason="the text children are forked (Linux)")
def test_the_run_takes_the_text_read_from_the_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the read ahead started by the entry point, the worker reads no text itself (its own reading is
    made to fail once the children are forked), and the report is the one read without any read ahead."""
    import preflight.pdf.pdfium_text as pdfium_text

    taken: list[workers.TextAhead | None] = []
    real_take, real_extract = workers.take_early, pdfium_text.extract_pages

    def take(path: str, budget: Budget) -> workers.TextAhead | None:
        ahead = real_take(path, budget)
        taken.append(ahead)

        def refuse(*_args: object) -> None:
            raise AssertionError("the worker read the text again")

        monkeypatch.setattr(pdfium_text, "extract_pages", refuse)  # the worker, forked next, has this one
        return ahead

    monkeypatch.setattr(workers, "take_early", take)
    monkeypatch.setenv("PREFLIGHT_TEXT_AHEAD", "1")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    code = _run_launcher(monkeypatch, "check", "--no-cache", "--format", "json", DOSSIER)
    early = json.loads(capsys.readouterr().out)
    assert len(taken) == 1 and taken[0] is not None and taken[0].path == DOSSIER
    assert len(taken[0]._children) == 2 and all(child.reaped for child in taken[0]._children)

    monkeypatch.setattr(workers, "take_early", real_take)
    monkeypatch.setattr(pdfium_text, "extract_pages", real_extract)
    monkeypatch.setenv("PREFLIGHT_TEXT_AHEAD", "0")
    assert _run_launcher(monkeypatch, "check", "--no-cache", "--format", "json", DOSSIER) == code
    assert json.loads(capsys.readouterr().out) == early
    assert not any(result["status"] == "error" for result in early["files"][0]["results"])


@pytest.mark.skipif(not workers.can_isolate(), reason="the text children are forked (Linux)")
def test_a_cached_report_stops_the_text_read_from_the_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PREFLIGHT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PREFLIGHT_TEXT_AHEAD", "1")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    first = _run_launcher(monkeypatch, "check", DOSSIER)
    capsys.readouterr()
    stopped: list[int] = []
    real_stop = processes.stop

    def stop(pid: int) -> int | None:
        stopped.append(pid)
        return real_stop(pid)

    monkeypatch.setattr(processes, "stop", stop)
    monkeypatch.setattr(workers, "take_early", lambda path, budget: pytest.fail("a cached run took the text"))
    forked: list[int] = []
    real_fork = processes.fork

    def fork(*args: Any) -> tuple[int, processes.Receiver]:
        pid, receiver = real_fork(*args)
        forked.append(pid)
        return pid, receiver

    monkeypatch.setattr(processes, "fork", fork)
    assert _run_launcher(monkeypatch, "check", DOSSIER) == first
    assert capsys.readouterr().out
    assert len(forked) == 1 and stopped == forked  # the first reader only, stopped by the cached report
    with pytest.raises(ProcessLookupError):
        os.kill(forked[0], 0)  # and reaped
    assert launch._early is None


def test_the_command_starts_through_the_launcher(tmp_path: Path) -> None:
    """`python -m preflight` and the installed `preflight` script both go through preflight.launch."""
    script = Path(sys.executable).with_name("preflight")
    commands = [[sys.executable, "-m", "preflight"], *([[str(script)]] if script.exists() else [])]
    for command in commands:
        result = subprocess.run(
            [*command, "check", "--no-cache", "--format", "json", DOSSIER],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "PREFLIGHT_TEXT_AHEAD": "1", "PREFLIGHT_CACHE_DIR": str(tmp_path / "cache")},
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["files"][0]["path"].endswith("valid-dossier.pdf")
    if script.exists():
        assert "from preflight.launch import entry" in script.read_text(encoding="utf-8")


def test_a_check_that_ends_at_once_has_written_and_flushed_everything(tmp_path: Path) -> None:
    """The run ends without the interpreter's teardown (launch._exit_at_once): the exit status, the report
    written with --output and the text on standard output are all there, for a passing and a failing file."""
    failing = FIXTURES / "word" / "cv-gap.pdf"
    for path, status in ((DOSSIER, 0), (str(failing), 1)):
        report = tmp_path / "report.sarif"
        result = subprocess.run(
            [sys.executable, "-m", "preflight", "check", "--no-cache", "-f", "sarif", "-o", str(report), path],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "PREFLIGHT_CACHE_DIR": str(tmp_path / "cache")},
            timeout=120,
        )
        assert result.returncode == status, result.stderr
        assert result.stdout.rstrip().splitlines()[-1].lstrip().startswith(("PASSED", "FAILED")), result.stdout
        assert json.loads(report.read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["name"]
