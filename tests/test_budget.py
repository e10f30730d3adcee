"""Issue 16: every file's work is bounded (bytes, seconds, memory), interruptible, and never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from preflight import workers
from preflight.cli import main
from preflight.dossier import Dossier
from preflight.pdf import budget, ghostscript
from tests.conftest import FIXTURES

MB = 1024 * 1024
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def zeros_deflated(size: int) -> bytes:
    compressor = zlib.compressobj(1)
    chunk = b"\0" * MB
    return b"".join(compressor.compress(chunk) for _ in range(size // MB)) + compressor.flush()


def content_bomb(path: Path, size: int = 64 * MB, streams: int = 1) -> Path:
    """A valid PDF whose first page's content is ``streams`` streams of ``size`` zero bytes, Flate-encoded."""
    with pikepdf.open(FIXTURES / "valid-dossier.pdf") as pdf:
        data = zeros_deflated(size)
        parts = []
        for _ in range(streams):
            stream = pikepdf.Stream(pdf, data)
            stream.Filter = pikepdf.Name.FlateDecode
            parts.append(stream)
        pdf.pages[0].Contents = pikepdf.Array(parts) if streams > 1 else parts[0]
        pdf.save(path, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path


@pytest.fixture
def small_budget() -> object:
    """Caps small enough that a 64 MB bomb, built in a second, is past them."""
    before = budget.active()
    budget.set_active(budget.Budget(stream_bytes=16 * MB, file_bytes=48 * MB))
    yield budget.active()
    budget.set_active(before)


# ------------------------------------------------------------------------------------ bytes
def test_inflating_stops_at_the_cap_without_inflating_the_rest() -> None:
    data = zeros_deflated(64 * MB)
    started = time.monotonic()
    measured = budget.inflated_size(data, 4 * MB)
    assert 4 * MB < measured <= 4 * MB + budget.CHUNK
    assert time.monotonic() - started < 2
    assert budget.inflated_size(data, 128 * MB) == 64 * MB


def test_a_damaged_deflate_stream_counts_what_inflated_before_the_damage() -> None:
    data = bytearray(zeros_deflated(8 * MB))
    data[len(data) // 2 :] = b"\xff" * (len(data) - len(data) // 2)
    assert 0 < budget.inflated_size(bytes(data), 64 * MB) < 8 * MB


def test_a_stream_past_the_cap_is_a_failing_open_problem(tmp_path: Path, small_budget: object) -> None:
    with Dossier(content_bomb(tmp_path / "bomb.pdf")) as dossier:
        assert dossier.problem is not None
        assert dossier.problem.kind == "over-budget"
        assert "more than 16 MB, the limit per stream" in dossier.problem.message


def test_streams_under_the_stream_cap_but_past_the_file_cap_together(tmp_path: Path, small_budget: object) -> None:
    path = content_bomb(tmp_path / "many.pdf", size=12 * MB, streams=5)
    with Dossier(path) as dossier:
        assert dossier.problem is not None
        assert "more than 48 MB together, the limit per file" in dossier.problem.message


def test_streams_under_both_caps_are_read(tmp_path: Path, small_budget: object) -> None:
    path = content_bomb(tmp_path / "fine.pdf", size=8 * MB, streams=2)
    with Dossier(path) as dossier:
        assert dossier.problem is None


def test_a_bomb_behind_ascii85_is_measured_too(tmp_path: Path, small_budget: object) -> None:
    import base64

    path = tmp_path / "a85.pdf"
    with pikepdf.open(FIXTURES / "valid-dossier.pdf") as pdf:
        stream = pikepdf.Stream(pdf, base64.a85encode(zeros_deflated(32 * MB), adobe=True))
        stream.Filter = pikepdf.Array([pikepdf.Name.ASCII85Decode, pikepdf.Name.FlateDecode])
        pdf.pages[0].Contents = stream
        pdf.save(path, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    with Dossier(path) as dossier:
        assert dossier.problem is not None and dossier.problem.kind == "over-budget"


def test_every_fixture_is_under_the_default_budget() -> None:
    for path in sorted(FIXTURES.glob("*.pdf")):
        try:
            pdf = pikepdf.open(path)
        except (pikepdf.PdfError, pikepdf.PasswordError):
            continue
        with pdf:
            budget.measure(pdf)  # raises OverBudget if not


def test_check_fails_the_bomb_and_goes_on_with_the_next_file(tmp_path: Path) -> None:
    bomb = content_bomb(tmp_path / "bomb.pdf", size=300 * MB)
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "-p", "portal", "-f", "json", str(bomb), str(FIXTURES / "valid-dossier.pdf")]
    )
    import json

    report = json.loads(result.stdout)
    assert result.exit_code == 1
    first, second = report["files"]
    readable = next(outcome for outcome in first["results"] if outcome["rule"] == "pdf-readable")
    assert readable["status"] == "fail"
    assert "the limit per stream" in readable["message"]
    assert all(outcome["status"] != "fail" for outcome in second["results"] if outcome["rule"] == "pdf-readable")


# ------------------------------------------------------------------------------- time, memory
def test_a_file_past_the_deadline_fails_pdf_readable_and_the_others_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker reads the text itself (no read ahead) and has 10 ms: opening the file and reading its text take
    # longer. With 50 ms and the text read ahead, the portal rules on this small file now finish in time.
    monkeypatch.setenv("PREFLIGHT_TEXT_AHEAD", "0")
    result = CliRunner().invoke(
        main,
        ["check", "--no-cache", "-p", "portal", "--timeout", "0.01", str(FIXTURES / "valid-dossier.pdf")],
    )
    assert result.exit_code == 1
    assert "took longer than the limit of 0.01 s per file" in result.stdout


def _sleep_or_allocate(item: str) -> str:
    if item == "sleep":
        time.sleep(30)
    if item == "allocate":
        hog = bytearray(2048 * MB)
        return str(len(hog))
    return item.upper()


def test_workers_stop_at_the_deadline_and_at_the_memory_limit() -> None:
    started = time.monotonic()
    limits = budget.Budget(seconds=1.0, memory_bytes=256 * MB)
    results = dict(workers.run_each(["sleep", "allocate", "ok"], _sleep_or_allocate, limits, jobs=2))
    assert time.monotonic() - started < 5
    assert results[0] == workers.OverTime(1.0)
    assert isinstance(results[1], workers.OutOfMemory)
    assert results[2] == workers.Done("OK")


def _note_pid_and_sleep(item: str) -> str:
    if item == "ok":
        return item
    Path(item).write_text(str(os.getpid()))
    time.sleep(30)
    return item


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_closing_the_run_kills_the_workers_still_running(tmp_path: Path) -> None:
    notes = [str(tmp_path / "first"), str(tmp_path / "second")]
    results = workers.run_each([*notes, "ok"], _note_pid_and_sleep, budget.Budget(seconds=60), jobs=3)
    assert next(results) == (2, workers.Done("ok"))
    deadline = time.monotonic() + 10
    while not all(Path(note).exists() and Path(note).read_text() for note in notes) and time.monotonic() < deadline:
        time.sleep(0.05)
    pids = [int(Path(note).read_text()) for note in notes]
    assert not any(_gone(pid) for pid in pids)
    started = time.monotonic()
    results.close()  # what Ctrl-C does to the generator waiting in check_files
    assert time.monotonic() - started < 1
    assert all(_gone(pid) for pid in pids)


# ------------------------------------------------------------------------------- interruption
def _preflight(*args: str, cwd: Path | None = None, **kwargs: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PREFLIGHT_CACHE_DIR": str((cwd or Path.cwd()) / "cache")}
    return subprocess.Popen(
        [sys.executable, "-m", "preflight", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
        **kwargs,  # type: ignore[call-overload]
    )


def _alive_with(marker: str) -> list[int]:
    """Processes whose command line names marker (the batch's folder): workers left behind."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def _workers_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for number in range(12):
        (folder / f"dossier-{number:02}.pdf").write_bytes((FIXTURES / "valid-dossier.pdf").read_bytes())
    return folder


@pytest.mark.parametrize(("signals", "code"), [((signal.SIGINT, signal.SIGINT), 130), ((signal.SIGTERM,), 143)])
def test_an_interrupted_batch_stops_at_once_with_one_line(
    batch: Path, tmp_path: Path, signals: tuple[int, ...], code: int
) -> None:
    process = _preflight("check", "--no-cache", "--jobs", "2", str(batch), cwd=tmp_path)
    deadline = time.monotonic() + 30
    while not _workers_of(process.pid) and time.monotonic() < deadline:  # signal while files are being checked
        time.sleep(0.05)
    assert _workers_of(process.pid), "no worker started"
    for number in signals:
        process.send_signal(number)
        time.sleep(0.3)
    sent = time.monotonic()
    out, err = process.communicate(timeout=10)
    assert time.monotonic() - sent < 2
    assert process.returncode == code
    assert "Traceback" not in err
    assert err.strip().count("\n") == 0 and "interrupted" in err
    assert out == ""  # no half report
    time.sleep(0.2)
    assert _alive_with(str(batch)) == []
    assert [p for p in tmp_path.rglob("*") if p.parent != batch and p != batch] == []  # no temporary files
    assert len(list(batch.iterdir())) == 12


# ---------------------------------------------------------------------------------- output
def test_a_full_disk_is_exit_2_with_a_message(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "preflight", "check", "-f", "json", str(FIXTURES / "valid-dossier.pdf")],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PREFLIGHT_CACHE_DIR": str(tmp_path)},
        )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "preflight: cannot write the output: No space left on device"


def test_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    files = [str(FIXTURES / "valid-dossier.pdf")] * 3
    result = subprocess.run(
        f"{sys.executable} -m preflight check -v --no-cache {' '.join(files)} | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PREFLIGHT_CACHE_DIR": str(tmp_path)},
    )
    assert len(result.stdout) == 10
    assert result.stderr == ""


# ---------------------------------------------------------------------------------- config
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"select = " + b"[" * 1000 + b"]" * 1000 + b"\n", "nests tables or arrays too deeply"),
        (b"select = " + b"[" * 40 + b"]" * 40 + b"\n", "nests tables or arrays too deeply"),
        (b'profile = "inserm-cr"\n# caf\xe9\n', "is not UTF-8 text (byte 0xE9 at offset 27)"),
    ],
)
def test_a_hostile_configuration_is_exit_2_with_a_message(tmp_path: Path, content: bytes, expected: str) -> None:
    (tmp_path / "preflight.toml").write_bytes(content)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        result = CliRunner().invoke(main, ["check", str(FIXTURES / "valid-dossier.pdf")])
    assert result.exit_code == 2
    assert expected in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


# ------------------------------------------------------------------------------------ text
def docx(path: Path, document: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return path


def _patch_headers(data: bytes, offset_in_header: int, value: bytes) -> bytes:
    """Change a field in every local and central header (method at +8/+10, flags at +6/+8)."""
    out = bytearray(data)
    for signature, shift in ((b"PK\x03\x04", 0), (b"PK\x01\x02", 2)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            out[start + offset_in_header + shift : start + offset_in_header + shift + 2] = value
            start += 4
    return bytes(out)


def hostile_docx(tmp_path: Path, kind: str) -> Path:
    body = f"<w:document {W}><w:body><w:p><w:r><w:t>Bonjour</w:t></w:r></w:p></w:body></w:document>"
    path = docx(tmp_path / f"{kind}.docx", body)
    data = path.read_bytes()
    if kind == "corrupt-deflate":
        start = data.find(b"word/document.xml") + len("word/document.xml")
        data = data[:start] + bytes(byte ^ 0x5A for byte in data[start : start + 40]) + data[start + 40 :]
    elif kind == "method-99":
        data = _patch_headers(data, 8, (99).to_bytes(2, "little"))
    elif kind == "encrypted":
        data = _patch_headers(data, 6, (1).to_bytes(2, "little"))
    elif kind == "deep":
        deep = "<w:r>" * 100_000 + "</w:r>" * 100_000
        data = docx(path, f"<w:document {W}><w:body><w:p>{deep}</w:p></w:body></w:document>").read_bytes()
    elif kind == "char-110000":
        symbol = '<w:r><w:sym w:font="Symbol" w:char="110000"/></w:r>'
        data = docx(path, f"<w:document {W}><w:body><w:p>{symbol}</w:p></w:body></w:document>").read_bytes()
    elif kind == "bomb":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", b"<a>" + b" " * (80 * MB) + b"</a>")
        data = path.read_bytes()
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("corrupt-deflate", "damaged Word document"),
        ("method-99", "cannot be read"),
        ("encrypted", "is encrypted"),
        ("deep", "too deeply"),
        ("bomb", "would inflate to 80 MB, over the limit"),
    ],
)
def test_a_hostile_docx_is_exit_2_with_a_message(tmp_path: Path, kind: str, expected: str) -> None:
    result = CliRunner().invoke(main, ["text", str(hostile_docx(tmp_path, kind))])
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_symbol_past_unicode_is_a_flagged_character_not_a_crash(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["text", str(hostile_docx(tmp_path, "char-110000"))])
    assert result.exit_code == 1
    assert "U+FFFD" in result.stdout


def test_invalid_utf16_on_standard_input_is_exit_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "preflight", "text", "-"], input=b"\xff\xfeA\x00B", capture_output=True
    )
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert b"not valid UTF-16 (truncated data at byte 4)" in result.stderr


def test_five_megabytes_of_zero_width_spaces_in_seconds(tmp_path: Path) -> None:
    path = tmp_path / "zw.txt"
    count = 5 * MB // 3
    path.write_text("a" + "\u200b" * count, encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["text", str(path)])
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    assert f"zero-width character, {count:,} times (line 1)" in result.stdout


def test_runs_are_counted_whole_beside_other_characters() -> None:
    from preflight.commands.text import analyse

    problems = analyse("x" + "\u00ad" * 20 + "y\n\u00adz", None)
    soft = next(problem for problem in problems if "U+00AD" in problem.message)
    assert "21 times (lines 1, 2)" in soft.message


# ----------------------------------------------------------------------------- ghostscript
def test_a_ghostscript_run_past_its_time_is_killed_with_its_children(tmp_path: Path) -> None:
    marker = tmp_path / "child-marker"
    command = ["sh", "-c", f"sleep 30 & echo $! > {marker}; sleep 30"]
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        ghostscript.run_bounded(command, timeout=0.5)
    assert time.monotonic() - started < 4
    grandchild = int(marker.read_text())
    time.sleep(0.1)
    assert not Path(f"/proc/{grandchild}").exists() or "Z" in Path(f"/proc/{grandchild}/stat").read_text()


def test_ghostscript_runs_under_an_address_space_limit() -> None:
    script = "import resource; print(resource.getrlimit(resource.RLIMIT_AS)[0])"
    result = ghostscript.run_bounded([sys.executable, "-c", script], timeout=20)
    assert int(result.stdout) == ghostscript.MEMORY_BYTES


# ------------------------------------------------------------------------ metadata encoding
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xfe\xff\x00A\xd8\x00\x00B", "a lone UTF-16 surrogate (U+D800 at byte 4)"),
        (b"\xfe\xff\x00A\x00", "an odd number of bytes (3) after its UTF-16 mark"),
        (b"\xef\xbb\xbfcaf\xe9", "bytes that are not UTF-8 (0xE9 at byte 6)"),
    ],
)
def test_invalid_utf16_in_the_metadata_is_a_finding(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "meta.pdf"
    with pikepdf.open(FIXTURES / "valid-dossier.pdf") as pdf:
        pdf.docinfo["/Title"] = pikepdf.String(raw)
        pdf.save(path)
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "-p", "portal", "--select", "hidden-characters", str(path)]
    )
    assert result.exit_code == 1
    assert f"the document properties' Title is not valid text: {expected}" in result.stdout


def test_valid_utf16_in_the_metadata_is_no_finding(tmp_path: Path) -> None:
    path = tmp_path / "meta.pdf"
    with pikepdf.open(FIXTURES / "valid-dossier.pdf") as pdf:
        pdf.docinfo["/Title"] = pikepdf.String("Projet d’équipe 🧬".encode("utf-16-be").join([b"\xfe\xff", b""]))
        pdf.save(path)
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "-p", "portal", "--select", "hidden-characters", str(path)]
    )
    assert result.exit_code == 0, result.stdout


def test_ghostscript_reports_progress_while_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ghostscript, "PROGRESS_EVERY", 0.2)
    seen: list[float] = []
    ghostscript.run_bounded(["sleep", "1"], timeout=10, progress=seen.append)
    assert len(seen) >= 3
    assert seen == sorted(seen)


@pytest.fixture
def hanging_gs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `gs` on PATH that answers -h and otherwise hangs, with a child of its own, as a font cycle makes gs hang."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "gs"
    script.write_text('#!/bin/sh\ncase "$1" in -h) echo "Search path:"; exit 0;; esac\nsleep 300 &\nsleep 300\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


FIX = [sys.executable, "-m", "preflight", "fix", "-p", "portal"]


def _sleepers() -> list[int]:
    return _alive_with("sleep 300")


def test_fix_stops_a_hanging_ghostscript_at_its_budget(tmp_path: Path, hanging_gs: Path) -> None:
    output = tmp_path / "out.pdf"
    started = time.monotonic()
    result = subprocess.run(
        [*FIX, str(FIXTURES / "not-embedded-fonts.pdf"), "-o", str(output)],
        capture_output=True,
        text=True,
        env={**os.environ, "PREFLIGHT_GS_TIMEOUT": "2", "PREFLIGHT_CACHE_DIR": str(tmp_path / "cache")},
        timeout=60,
    )
    assert time.monotonic() - started < 30
    assert "Ghostscript took more than 2 s and was stopped" in result.stdout
    assert "NOT written: no step could change the file" in result.stdout
    assert not output.exists()
    assert _sleepers() == []


def test_ctrl_c_during_fix_kills_ghostscript_and_leaves_nothing(tmp_path: Path, hanging_gs: Path) -> None:
    output = tmp_path / "out.pdf"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process = subprocess.Popen(
        [*FIX, str(FIXTURES / "not-embedded-fonts.pdf"), "-o", str(output)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(scratch), "PREFLIGHT_CACHE_DIR": str(tmp_path / "cache")},
    )
    deadline = time.monotonic() + 40
    while not _sleepers() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _sleepers(), "Ghostscript never started"
    process.send_signal(signal.SIGINT)
    sent = time.monotonic()
    out, err = process.communicate(timeout=10)
    assert time.monotonic() - sent < 2
    assert process.returncode == 130
    assert err.strip() == "preflight: interrupted (SIGINT): stopped"
    assert out == ""
    time.sleep(0.2)
    assert _sleepers() == []
    assert not output.exists()
    assert list(scratch.iterdir()) == []  # the fix's scratch folder is gone
