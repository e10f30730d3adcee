"""The text read ahead in a process of its own (preflight.workers.TextAhead) is the text the worker would read."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight import workers
from preflight.cli import main
from preflight.dossier import Dossier
from preflight.pdf.budget import Budget

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
pytestmark = pytest.mark.skipif(not workers.can_isolate(), reason="the text child is forked (Linux)")


@pytest.mark.parametrize("name", ["valid-dossier.pdf", "hidden/soft-hyphen.pdf", "cv-real/latex-moderncv-fr.pdf"])
def test_the_pages_read_ahead_are_the_pages_read_here(name: str) -> None:
    path = FIXTURES / name
    ahead = workers.TextAhead(str(path), Budget())
    try:
        pages = ahead.pages()
    finally:
        ahead.stop()
    with Dossier(path) as dossier:
        assert pages == dossier.pages
        assert pages and any(page.lines for page in pages)


def test_a_file_that_is_no_pdf_gives_no_pages_and_the_child_ends(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("not a PDF at all", encoding="utf-8")
    ahead = workers.TextAhead(str(path), Budget())
    assert ahead.pages() is None  # the child sent nothing and closed its end
    ahead.stop()


def test_stop_kills_a_child_that_still_runs_and_reaps_it() -> None:
    ahead = workers.TextAhead(str(FIXTURES / "valid-dossier.pdf"), Budget())
    ahead.stop()
    for child in ahead._children:
        assert child.reaped and child.exit_code is not None
        with pytest.raises(ProcessLookupError):
            os.kill(child.pid, 0)


def test_check_gives_the_same_report_with_and_without_the_text_read_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(FIXTURES / "valid-dossier.pdf")
    outputs = []
    for setting in ("1", "0"):
        monkeypatch.setenv("PREFLIGHT_TEXT_AHEAD", setting)
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
        result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", path])
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.output))
    assert outputs[0] == outputs[1]


def test_the_worker_uses_the_pages_read_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker takes the child's pages: with extraction made to fail here, the check still reads the text."""
    import preflight.pdf.pdfium_text as pdfium_text

    ahead = workers.TextAhead(str(FIXTURES / "valid-dossier.pdf"), Budget())
    try:

        def refuse(*_args: object) -> None:
            raise AssertionError("the text was read again")

        monkeypatch.setattr(pdfium_text, "extract_pages", refuse)
        with Dossier(FIXTURES / "valid-dossier.pdf") as dossier:
            dossier.text_ahead = ahead.pages
            assert dossier.pages and dossier.pages[0].lines
    finally:
        ahead.stop()


def test_ctrl_c_while_the_text_is_read_ahead_leaves_no_process(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    import pikepdf

    from tests.test_budget import _alive_with, _workers_of

    folder = tmp_path / "ahead"
    folder.mkdir()
    path = folder / "long-dossier.pdf"
    with pikepdf.open(FIXTURES / "valid-dossier.pdf") as source, pikepdf.new() as long:
        for _ in range(60):  # a few hundred pages: still being read when the signal comes
            long.pages.extend(source.pages)
        long.save(path)
    env = {**os.environ, "PREFLIGHT_CACHE_DIR": str(tmp_path / "cache"), "PREFLIGHT_TEXT_AHEAD": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "preflight", "check", "--no-cache", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    deadline = time.monotonic() + 30
    while not _workers_of(process.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _workers_of(process.pid), "no text child started"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert process.returncode == 130, err
    assert "Traceback" not in err and out == ""
    time.sleep(0.2)
    assert _alive_with(str(folder)) == []


def test_the_text_is_read_ahead_only_where_a_processor_is_free(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFLIGHT_TEXT_AHEAD", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    assert workers.text_ahead_pays()
    monkeypatch.setattr(os, "getloadavg", lambda: (1.9, 1.0, 1.0))  # both processors busy
    assert not workers.text_ahead_pays()
    monkeypatch.setenv("PREFLIGHT_TEXT_AHEAD", "1")
    assert workers.text_ahead_pays()
    monkeypatch.setenv("PREFLIGHT_TEXT_AHEAD", "0")
    assert not workers.text_ahead_pays()
    monkeypatch.delenv("PREFLIGHT_TEXT_AHEAD")
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert not workers.text_ahead_pays()


def long_dossier(tmp_path: Path) -> Path:
    """Fixtures' pages repeated past SPLIT_PAGES: soft hyphens, line-end hyphens and a CV on both halves."""
    import pikepdf

    sources = [
        FIXTURES / "valid-dossier.pdf",
        FIXTURES / "hidden/soft-hyphen.pdf",
        FIXTURES / "cv-real/latex-moderncv-fr.pdf",
    ]
    path = tmp_path / "long.pdf"
    with pikepdf.new() as joined:
        opened = [pikepdf.open(source) for source in sources]
        try:
            while len(joined.pages) < workers.SPLIT_PAGES + 11:
                for pdf in opened:
                    joined.pages.extend(pdf.pages)
            joined.save(path)
        finally:
            for pdf in opened:
                pdf.close()
    return path


def test_a_long_file_read_in_two_halves_gives_the_pages_read_here(tmp_path: Path) -> None:
    from preflight.pdf import pdfium_text

    path = long_dossier(tmp_path)
    with Dossier(path) as dossier:
        expected = dossier.pages
        count = dossier.page_count
        halves = [
            pdfium_text.read_part(str(path), count, dossier.pdf, 0, count // 2),
            pdfium_text.read_part(str(path), count, dossier.pdf, count // 2, count),
        ]
    assert count >= workers.SPLIT_PAGES
    assert any("\u00ad" in line.text for page in expected for line in page.lines)  # hyphens resolved over both
    second = [page for part in halves for page in pdfium_text.second_reading(str(path), part)]
    assert pdfium_text.join_parts(halves, second) == expected
    for children in (2, 1):
        ahead = workers.TextAhead(str(path), Budget(), children=children)
        try:
            assert ahead.pages() == expected, children
        finally:
            ahead.stop()
    assert all(child.reaped and child.exit_code is not None for child in ahead._children)


@pytest.mark.parametrize("name", ["valid-dossier.pdf", "hidden/soft-hyphen.pdf", "cv-real/latex-moderncv-fr.pdf"])
def test_the_fonts_collected_ahead_are_the_fonts_collected_here(name: str) -> None:
    path = FIXTURES / name
    ahead = workers.TextAhead(str(path), Budget())
    try:
        fonts = ahead.fonts()
        pages = ahead.pages()  # the first child's message, read after the second's
    finally:
        ahead.stop()
    with Dossier(path) as dossier:
        assert fonts == dossier.fonts and fonts
        assert pages == dossier.pages


def test_the_worker_uses_the_fonts_collected_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    from preflight.pdf import structure

    ahead = workers.TextAhead(str(FIXTURES / "valid-dossier.pdf"), Budget())
    try:

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise AssertionError("the fonts were collected again")

        monkeypatch.setattr(structure, "collect_fonts", refuse)
        with Dossier(FIXTURES / "valid-dossier.pdf") as dossier:
            dossier.fonts_ahead = ahead.fonts
            assert dossier.fonts
    finally:
        ahead.stop()


def test_a_long_file_has_no_fonts_ahead(tmp_path: Path) -> None:
    """Both children read text then: the worker walks the fonts itself."""
    ahead = workers.TextAhead(str(long_dossier(tmp_path)), Budget())
    try:
        assert ahead.fonts() is None
        assert (1, "payload") not in ahead._received  # said by the child's role, without waiting for its text
        assert ahead.pages()
    finally:
        ahead.stop()


def test_what_was_read_ahead_of_a_file_rewritten_since_is_not_used(tmp_path: Path) -> None:
    """The worker opens the file after the children read it: when it changed in between, they read another file."""
    path = tmp_path / "dossier.pdf"
    path.write_bytes((FIXTURES / "valid-dossier.pdf").read_bytes())
    ahead = workers.TextAhead(str(path), Budget())
    try:
        with Dossier(path) as unchanged:
            assert ahead.fonts(unchanged.stamp) and ahead.pages(unchanged.stamp)
        path.write_bytes((FIXTURES / "hidden" / "soft-hyphen.pdf").read_bytes())
        with Dossier(path) as rewritten:
            assert rewritten.stamp != unchanged.stamp
            assert ahead.fonts(rewritten.stamp) is None and ahead.pages(rewritten.stamp) is None
            rewritten.text_ahead, rewritten.fonts_ahead = ahead.pages, ahead.fonts
            with Dossier(FIXTURES / "hidden" / "soft-hyphen.pdf") as original:
                assert rewritten.pages == original.pages and rewritten.fonts == original.fonts
    finally:
        ahead.stop()
