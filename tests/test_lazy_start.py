"""Issue 12: nothing heavy is imported before it is needed; a cache hit imports no check and no PDF library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from preflight.cli import LAZY_COMMANDS, main
from preflight.lazygroup import load_lazy
from tests.conftest import FIXTURES

HEAVY = ("ftfy", "pdfminer", "pikepdf", "pypdf", "pypdfium2", "PIL", "preflight.checks.", "preflight.commands.")

PROBE = """
import runpy, sys
sys.argv = ["preflight", *sys.argv[1:]]
try:
    runpy.run_module("preflight", run_name="__main__")
except SystemExit as done:
    code = done.code
else:
    code = 0
heavy = sorted(name for name in sys.modules if name.startswith(HEAVY))
print("HEAVY", " ".join(heavy), file=sys.stderr)
sys.exit(code)
"""


def imported(tmp_path: Path, *args: str) -> tuple[int, list[str]]:
    """The heavy modules a `preflight ARGS` process imported, and its exit status."""
    # The probe runs the command inside its own process, and prints after it: the usual exit, not the fast one.
    env = {**os.environ, "PREFLIGHT_CACHE_DIR": str(tmp_path / "cache"), "PREFLIGHT_FAST_EXIT": "0"}
    result = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{PROBE}", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("HEAVY")]
    return result.returncode, line.split()[1:]


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"]])
def test_version_and_help_import_nothing_heavy(tmp_path: Path, args: list[str]) -> None:
    assert imported(tmp_path, *args) == (0, [])


def test_a_cache_hit_imports_no_check_and_no_pdf_library(tmp_path: Path) -> None:
    pdf = str(FIXTURES / "valid-dossier.pdf")
    code, first = imported(tmp_path, "check", pdf)
    assert "pikepdf" in first and "preflight.checks.fonts_embedded" in first  # the miss did the work
    assert imported(tmp_path, "check", pdf) == (code, [])
    assert imported(tmp_path, "check", "-f", "json", pdf) == (code, [])  # the format is not in the key
    _, heavy = imported(tmp_path, "check", "--select", "file-size", pdf)  # another configuration: a miss
    assert "preflight.checks.file_size" in heavy


def test_the_help_listing_of_lazy_commands_matches_the_commands() -> None:
    """--help lists lazy commands from a table; it must say what the commands' own help says."""
    for name, (target, first_paragraph) in LAZY_COMMANDS.items():
        command = load_lazy(target)
        assert command.name == name
        assert click.Command(name, help=first_paragraph).get_short_help_str(200) == command.get_short_help_str(200)


def test_every_lazy_command_runs(tmp_path: Path) -> None:
    from click.testing import CliRunner

    for name in LAZY_COMMANDS:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert f"Usage: main {name}" in result.output or f"Usage: preflight {name}" in result.output
