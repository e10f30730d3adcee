"""The outcome cache: hit, miss after the file or the configuration changes, corrupt entries never trusted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight import engine
from preflight.cli import main
from tests.pdfs import blank_pdf, helvetica_pdf


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PREFLIGHT_CACHE_DIR", str(folder))
    return folder


class Journal(list[str]):
    """A list that worker processes append to through a file: each file is checked in a forked worker."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def append(self, item: str) -> None:
        with self.path.open("a", encoding="utf-8") as journal:
            journal.write(item + "\n")

    def _items(self) -> list[str]:
        return self.path.read_text(encoding="utf-8").splitlines() if self.path.exists() else []

    def __eq__(self, other: object) -> bool:
        return self._items() == other

    def __len__(self) -> int:
        return len(self._items())

    def __bool__(self) -> bool:
        return bool(self._items())


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The files the engine really checked (a cache hit does not call check_file)."""
    seen = Journal(tmp_path / "calls.txt")
    real = engine.check_file

    def counting(path: str | Path, *args: object, **kwargs: object) -> object:
        seen.append(Path(path).name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "check_file", counting)
    return seen


def check(*args: str) -> tuple[int, str]:
    """`preflight check` with the portal rule set, whose rules a blank page passes (unlike a competition's)."""
    profile = [] if "--profile" in args else ["--profile", "portal"]
    result = CliRunner().invoke(main, ["check", *profile, *args])
    return result.exit_code, result.stdout


def entries(cache_dir: Path) -> list[Path]:
    """The file entries (not the run entries, one per configuration, under runs/)."""
    return sorted(path for path in cache_dir.rglob("*.json") if path.parent.name != "runs")


def test_a_repeat_check_is_served_from_the_cache(tmp_path: Path, cache_dir: Path, calls: list[str]) -> None:
    pdf = helvetica_pdf(tmp_path / "f.pdf")
    first = check("-f", "json", str(pdf))
    assert calls == ["f.pdf"]
    assert len(entries(cache_dir)) == 1
    second = check("-f", "json", str(pdf))
    assert calls == ["f.pdf"]
    assert second == first
    assert second[0] == 1


def test_a_cached_report_carries_the_current_name(tmp_path: Path, cache_dir: Path, calls: list[str]) -> None:
    """Without a rule that reads the name, a copy of the same bytes is a hit, reported under its own path."""
    pdf = helvetica_pdf(tmp_path / "f.pdf")
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(pdf.read_bytes())
    check("--ignore", "filename", str(pdf))
    _, out = check("--ignore", "filename", "-f", "json", str(copy))
    assert calls == ["f.pdf"]
    assert json.loads(out)["files"][0]["path"] == str(copy)


def outcome(out: str, rule: str) -> dict[str, object]:
    (found,) = [item for item in json.loads(out)["files"][0]["results"] if item["rule"] == rule]
    return found


def test_a_renamed_copy_gets_its_own_filename_verdict(tmp_path: Path, cache_dir: Path, calls: list[str]) -> None:
    """Issue 14: `cp ok.pdf "Mon dossier.pdf"` was a cache hit, so the copy passed the filename rule."""
    pdf = blank_pdf(tmp_path / "ok.pdf")
    copy = tmp_path / "Mon dossier.pdf"
    copy.write_bytes(pdf.read_bytes())
    assert check("--strict", str(pdf))[0] == 0
    code, out = check("--strict", "-f", "json", str(copy))
    assert outcome(out, "filename")["status"] == "fail"
    assert code == 1
    assert (code, out) == check("--strict", "--no-cache", "-f", "json", str(copy))
    assert calls == ["ok.pdf", "Mon dossier.pdf", "Mon dossier.pdf"]
    assert check("--strict", "-f", "json", str(copy)) == (code, out)  # and each name's entry is reused
    assert check("--strict", str(pdf))[0] == 0
    assert len(calls) == 3


@pytest.mark.parametrize("read_ahead", ["0", "1"])
def test_a_file_rewritten_during_the_check_is_not_cached(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, read_ahead: str
) -> None:
    """Issue 14: a file rewritten between its hash and its parse stored the new file's outcome under the old
    file's hash, and every later check of the old content was wrong. With the text and fonts read ahead, the
    worker must not take what the children read of the file before it was rewritten."""
    monkeypatch.setenv("PREFLIGHT_TEXT_AHEAD", read_ahead)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    pdf = blank_pdf(tmp_path / "p.pdf")
    passing = pdf.read_bytes()
    failing = helvetica_pdf(tmp_path / "other.pdf").read_bytes()  # a non-embedded font: fails
    real = engine.check_file
    rewrites = Journal(tmp_path / "rewrites.txt")

    def rewritten_first(path: str | Path, *args: object, **kwargs: object) -> object:
        if not rewrites:
            rewrites.append(str(path))
            Path(path).write_bytes(failing)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "check_file", rewritten_first)
    assert check(str(pdf))[0] == 1  # the outcome of what was parsed
    pdf.write_bytes(passing)
    assert check(str(pdf))[0] == 0
    assert check("--no-cache", str(pdf))[0] == 0


def _run_in_subprocess(tmp_path: Path, cache_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`preflight check` in its own process, bounded in time and memory, so a hang or a runaway read fails
    the test instead of the machine."""
    import resource

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    env = {**os.environ, "PREFLIGHT_CACHE_DIR": str(cache_dir)}
    return subprocess.run(
        [sys.executable, "-m", "preflight", "check", "--profile", "portal", "-f", "json", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        preexec_fn=limits,
        cwd=tmp_path,
    )


@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-zero", "link-to-an-entry", "too-large"])
def test_an_entry_that_is_not_a_small_regular_file_is_a_miss_then_rewritten(
    tmp_path: Path, cache_dir: Path, kind: str
) -> None:
    """Issue 14: a FIFO hung the run, a symlink to /dev/zero ate the memory."""
    pdf = helvetica_pdf(tmp_path / "f.pdf")
    first = _run_in_subprocess(tmp_path, cache_dir, str(pdf))
    (entry,) = entries(cache_dir)
    good = entry.read_bytes()
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "link-to-dev-zero":
        entry.symlink_to("/dev/zero")
    elif kind == "link-to-an-entry":
        elsewhere = tmp_path / "elsewhere.json"
        elsewhere.write_bytes(good)
        entry.symlink_to(elsewhere)
    else:
        entry.write_bytes(good[:-1] + b" " * (33 << 20) + good[-1:])  # still valid JSON, but 33 MB
    again = _run_in_subprocess(tmp_path, cache_dir, str(pdf))
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout), again.stderr
    assert "Traceback" not in again.stderr
    assert entry.is_file() and not entry.is_symlink()
    assert entry.read_bytes() == good


def test_a_deeply_nested_entry_is_a_miss_then_rewritten(tmp_path: Path, cache_dir: Path, calls: list[str]) -> None:
    """Issue 14: a deeply nested JSON entry raised RecursionError on every later run."""
    pdf = helvetica_pdf(tmp_path / "f.pdf")
    first = check("-f", "json", str(pdf))
    (entry,) = entries(cache_dir)
    entry.write_text("[" * 200_000 + "]" * 200_000)
    assert check("-f", "json", str(pdf)) == first
    assert calls == ["f.pdf", "f.pdf"]
    assert json.loads(entry.read_text())["content_sha256"]


def test_a_failed_write_leaves_no_temporary_file(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: a write that failed (a full disk) left a zero-byte tmp*.tmp file each time."""
    real_replace = os.replace

    def full_disk(source: str, target: str) -> None:
        if str(source).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", full_disk)
    for name in ("a.pdf", "b.pdf"):
        assert check(str(blank_pdf(tmp_path / name)))[0] == 0
    assert list(cache_dir.rglob("*.tmp")) == []
    assert entries(cache_dir) == []


def test_prune_removes_old_entries_then_the_oldest_beyond_the_size_cap(tmp_path: Path, cache_dir: Path) -> None:
    from preflight.cache import MAX_AGE_SECONDS, STALE_TMP_SECONDS, cache_info, prune

    for name in ("a.pdf", "b.pdf", "c.pdf"):
        check(str(helvetica_pdf(tmp_path / name, text=name)))
    first, second, third = entries(cache_dir)
    now = 2_000_000_000.0
    os.utime(first, (now - MAX_AGE_SECONDS - 10, now - MAX_AGE_SECONDS - 10))  # too old
    os.utime(second, (now - 200, now - 200))
    os.utime(third, (now - 100, now - 100))
    leftover = third.parent / "tmpdead.tmp"
    leftover.write_text("")
    os.utime(leftover, (now - STALE_TMP_SECONDS - 10, now - STALE_TMP_SECONDS - 10))
    fresh = third.parent / "tmplive.tmp"  # another process's write in progress: kept
    fresh.write_text("")
    os.utime(fresh, (now - 5, now - 5))
    unrelated = cache_dir / "notes.txt"
    unrelated.write_text("mine")
    (run,) = cache_dir.rglob("runs/*.json")
    os.utime(run, (now - 50, now - 50))
    max_bytes = third.stat().st_size + run.stat().st_size
    assert prune(cache_dir, now=now, max_bytes=max_bytes) == 3
    assert entries(cache_dir) == [third]
    assert not leftover.exists() and fresh.exists() and unrelated.exists() and run.exists()
    assert cache_info(cache_dir).entries == 1


def test_cache_info_and_clear(tmp_path: Path, cache_dir: Path, calls: list[str]) -> None:
    pdf = helvetica_pdf(tmp_path / "f.pdf")
    check(str(pdf))
    (cache_dir / "notes.txt").write_text("not ours: clear leaves it")
    result = CliRunner().invoke(main, ["cache", "info"])
    assert result.exit_code == 0
    assert f"Cache folder: {cache_dir}" in result.stdout
    assert "Entries: 1 (" in result.stdout
    french = CliRunner().invoke(main, ["cache", "info", "--lang", "fr"])
    assert "Entrées\u202f: 1 (" in french.stdout
    assert " :" not in french.stdout and " ;" not in french.stdout  # French typography: U+202F, not a space
    cleared = CliRunner().invoke(main, ["cache", "clear"])
    assert cleared.exit_code == 0
    assert cleared.stdout.startswith("Removed 1 entry (")
    assert entries(cache_dir) == [] and list(cache_dir.rglob("*.json")) == []
    assert (cache_dir / "notes.txt").exists()
    cleared = CliRunner().invoke(main, ["cache", "clear", "--lang", "fr"])
    assert cleared.stdout.startswith("0 entrée supprimée (")
    check(str(pdf))
    assert calls == ["f.pdf", "f.pdf"]


def test_an_invalid_configuration_is_never_served_from_the_cache(
    tmp_path: Path, cache_dir: Path, calls: list[str]
) -> None:
    pdf = blank_pdf(tmp_path / "p.pdf")
    config = tmp_path / "preflight.toml"
    config.write_text("[rules.file-size]\nmax_bytes = 5_000_000\n")
    assert check("--config", str(config), str(pdf))[0] == 0
    assert check("--config", str(config), str(pdf))[0] == 0
    assert calls == ["p.pdf"]
    config.write_text("[rules.file-size]\nmax_bytes = 5_000_000\nmax_byte = 1\n")
    result = CliRunner().invoke(main, ["check", "--profile", "portal", "--config", str(config), str(pdf)])
    assert result.exit_code == 2
    assert "unknown option 'max_byte'" in result.stderr
    assert CliRunner().invoke(main, ["check", "--profile", "portal", "--select", "nope", str(pdf)]).exit_code == 2
    assert calls == ["p.pdf"]


def test_a_changed_file_is_checked_again(tmp_path: Path, cache_dir: Path, calls: list[str]) -> None:
    pdf = helvetica_pdf(tmp_path / "f.pdf")
    assert check(str(pdf))[0] == 1
    blank_pdf(pdf)
    assert check(str(pdf))[0] == 0
    assert calls == ["f.pdf", "f.pdf"]
    assert len(entries(cache_dir)) == 2


def test_a_changed_configuration_is_checked_again(tmp_path: Path, cache_dir: Path, calls: list[str]) -> None:
    pdf = helvetica_pdf(tmp_path / "f.pdf")
    config = tmp_path / "preflight.toml"
    config.write_text("[rules.file-size]\nmax_bytes = 5_000_000\n")
    check("--config", str(config), str(pdf))
    check("--config", str(config), str(pdf))
    assert calls == ["f.pdf"]
    config.write_text("[rules.file-size]\nmax_bytes = 6_000_000\n")
    check("--config", str(config), str(pdf))
    assert calls == ["f.pdf", "f.pdf"]
    config.write_text('[rules.fonts-embedded]\nlevel = "warning"\n')
    assert check("--config", str(config), str(pdf))[0] == 0
    check("--config", str(config), "--strict", str(pdf))
    check("--config", str(config), "--lang", "fr", str(pdf))
    check("--config", str(config), "--profile", "inserm-cr", str(pdf))
    assert len(calls) == 6


@pytest.mark.parametrize(
    "damage",
    [
        "not json at all {",
        "",
        "[]",
        '{"format": 1}',
        "wrong shape",
    ],
)
def test_a_corrupt_entry_is_ignored_and_rewritten(
    tmp_path: Path, cache_dir: Path, calls: list[str], damage: str
) -> None:
    pdf = helvetica_pdf(tmp_path / "f.pdf")
    first = check("-f", "json", str(pdf))
    (entry,) = entries(cache_dir)
    good = json.loads(entry.read_text())
    if damage == "wrong shape":
        # valid JSON with the right keys, but a status we never write: must not be trusted
        good["report"]["outcomes"][2]["status"] = "pass-please"
        entry.write_text(json.dumps(good))
    else:
        entry.write_text(damage)
    again = check("-f", "json", str(pdf))
    assert again == first
    assert calls == ["f.pdf", "f.pdf"]
    assert json.loads(entry.read_text())["report"]["outcomes"][2]["status"] == "fail"


def test_an_entry_for_other_content_is_not_trusted(tmp_path: Path, cache_dir: Path, calls: list[str]) -> None:
    """An entry whose recorded hash differs (a copied or tampered file) is a miss."""
    pdf = helvetica_pdf(tmp_path / "f.pdf")
    check(str(pdf))
    (entry,) = entries(cache_dir)
    data = json.loads(entry.read_text())
    data["content_sha256"] = "0" * 64
    entry.write_text(json.dumps(data))
    check(str(pdf))
    assert calls == ["f.pdf", "f.pdf"]


def test_no_cache_neither_reads_nor_writes(tmp_path: Path, cache_dir: Path, calls: list[str]) -> None:
    pdf = blank_pdf(tmp_path / "p.pdf")
    check("--no-cache", str(pdf))
    assert entries(cache_dir) == []
    check(str(pdf))
    check("--no-cache", str(pdf))
    assert calls == ["p.pdf", "p.pdf", "p.pdf"]


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("PREFLIGHT_CACHE_DIR", str(blocker / "cache"))
    assert check(str(blank_pdf(tmp_path / "p.pdf")))[0] == 0


def test_the_default_cache_is_the_user_cache_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    from preflight.cache import default_cache_dir

    monkeypatch.delenv("PREFLIGHT_CACHE_DIR")
    assert default_cache_dir() == Path(platformdirs.user_cache_dir("dossier-preflight", appauthor=False))
    monkeypatch.setenv("XDG_CACHE_HOME", "/elsewhere/cache")
    assert default_cache_dir() == Path(platformdirs.user_cache_dir("dossier-preflight", appauthor=False))
    monkeypatch.setenv("XDG_CACHE_HOME", "  ")
    assert default_cache_dir() == Path(platformdirs.user_cache_dir("dossier-preflight", appauthor=False))
    monkeypatch.setenv("PREFLIGHT_CACHE_DIR", os.fspath("/somewhere"))
    assert default_cache_dir() == Path("/somewhere")


def test_a_crashed_check_is_not_cached(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from preflight.checks import load_registry

    def boom(dossier: object, options: object) -> object:
        raise RuntimeError("boom")

    registry = load_registry()
    monkeypatch.setitem(registry.checks, "encryption", dataclasses.replace(registry.checks["encryption"], run=boom))
    assert check(str(blank_pdf(tmp_path / "p.pdf")))[0] == 3
    assert entries(cache_dir) == []


def test_an_edited_source_file_changes_the_code_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tool's own files count by name, size and modification time: an edit of the same size still counts."""
    from preflight import cache

    package = tmp_path / "preflight"
    (package / "checks").mkdir(parents=True)
    source = package / "checks" / "some_check.py"
    source.write_text("LIMIT = 10\n", encoding="utf-8")
    (package / "cache.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(cache, "__file__", str(package / "cache.py"))

    def fingerprint() -> str:
        cache.code_fingerprint.cache_clear()
        return cache.code_fingerprint()

    try:
        before = fingerprint()
        assert fingerprint() == before  # nothing changed: the same key, the entries are reused
        stamp = source.stat().st_mtime_ns
        source.write_text("LIMIT = 99\n", encoding="utf-8")  # same size
        os.utime(source, ns=(stamp + 1_000_000_000, stamp + 1_000_000_000))
        edited = fingerprint()
        assert edited != before
        (package / "checks" / "new_check.py").write_text("", encoding="utf-8")  # a plugin-like addition
        assert fingerprint() not in (before, edited)
    finally:
        cache.code_fingerprint.cache_clear()
