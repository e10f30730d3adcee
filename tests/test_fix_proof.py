"""Issue 16: `preflight fix` proves what it writes, and writes it only where and as the user asked."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from preflight.cli import main
from preflight.fix import Difference, _added_text_is_a_change, validate_output
from tests.conftest import FIXTURES


def damaged_content(path: Path) -> Path:
    """The valid dossier with page 1's content stream garbled past its first half: inflate fails."""
    with pikepdf.open(FIXTURES / "valid-dossier.pdf") as pdf:
        raw = pdf.pages[0].Contents.read_bytes()
        import zlib

        data = zlib.compress(raw)
        broken = data[:8] + bytes(byte ^ 0x55 for byte in data[8:])
        stream = pikepdf.Stream(pdf, broken)
        stream.Filter = pikepdf.Name.FlateDecode
        pdf.pages[0].Contents = stream
        pdf.save(path, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path


def fix(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["fix", "-p", "portal", *args])
    return result.exit_code, result.stdout, result.stderr


def test_an_undecodable_content_stream_fails_pdf_readable(tmp_path: Path) -> None:
    path = damaged_content(tmp_path / "damaged.pdf")
    result = CliRunner().invoke(main, ["check", "--no-cache", "-p", "portal", str(path)])
    assert result.exit_code == 1
    assert "FAIL  pdf-readable" in result.stdout
    assert "the content of page 1 cannot be decoded" in result.stdout


def test_fix_refuses_to_bless_an_undecodable_content_stream(tmp_path: Path) -> None:
    path = damaged_content(tmp_path / "damaged.pdf")
    output = tmp_path / "out.pdf"
    code, out, _ = fix(str(path), "-o", str(output))
    assert code == 1
    assert "cannot be decoded" in out
    assert not output.exists()


def test_validate_output_runs_qpdfs_check_and_counts_pages(tmp_path: Path) -> None:
    assert validate_output(FIXTURES / "valid-dossier.pdf", 16) is None
    assert validate_output(FIXTURES / "valid-dossier.pdf", 15) == (
        "the fixed file reopens with 16 pages instead of 15; it was not written"
    )
    message = validate_output(damaged_content(tmp_path / "damaged.pdf"), 16)
    assert message is not None and message.startswith("the fixed file fails qpdf's check (ERROR: page 1")
    truncated = tmp_path / "cut.pdf"
    truncated.write_bytes(b"%PDF-1.4\n")
    assert (validate_output(truncated, 1) or "").startswith("the fixed file does not reopen")


def test_text_added_without_a_flattening_step_is_a_change_that_needs_force() -> None:
    added = Difference("text", "text added: 'Durand'", 2, added_text="'Durand'")
    assert _added_text_is_a_change(added, flattened=False) == Difference(
        "text", "text added: 'Durand'", 2, fatal=True, added_text="'Durand'"
    )
    assert _added_text_is_a_change(added, flattened=True) == Difference(
        "text", "text added where form fields or comments were flattened: 'Durand'", 2, added_text="'Durand'"
    )
    lost = Difference("text", "text lost or changed: 'x' missing", 1, fatal=True)
    assert _added_text_is_a_change(lost, flattened=False) is lost


def test_the_output_gets_the_users_umask(tmp_path: Path) -> None:
    output = tmp_path / "fixed.pdf"
    previous = os.umask(0o022)
    try:
        _, _, err = fix(str(FIXTURES / "javascript.pdf"), "-o", str(output))
    finally:
        os.umask(previous)
    assert output.is_file(), err
    assert stat.S_IMODE(output.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["fixed.pdf"]  # no temporary file left


def test_a_missing_output_folder_is_exit_2_and_not_created(tmp_path: Path) -> None:
    output = tmp_path / "nonexistent" / "x.pdf"
    code, _, err = fix(str(FIXTURES / "javascript.pdf"), "-o", str(output))
    assert code == 2
    assert f"the output folder {output.parent} does not exist" in err
    assert not output.parent.exists()


def test_an_unwritable_output_folder_is_exit_2() -> None:
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc, a folder nobody can create files in")
    code, _, err = fix(str(FIXTURES / "javascript.pdf"), "-o", "/proc/fixed.pdf")
    assert code == 2
    assert err.startswith("preflight fix: ")
    assert "Traceback" not in err
