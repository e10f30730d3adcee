"""The outcome cache: hit, miss after the file or the configuration changes, corrupt entries never trusted."""

from __future__ import annotations

import json
import os
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


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the engine really checked (a cache hit does not call check_file)."""
    seen: list[str] = []
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
    return sorted(cache_dir.rglob("*.json"))


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
    pdf = helvetica_pdf(tmp_path / "f.pdf")
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(pdf.read_bytes())
    check(str(pdf))
    _, out = check("-f", "json", str(copy))
    assert calls == ["f.pdf"]
    assert json.loads(out)["files"][0]["path"] == str(copy)


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
