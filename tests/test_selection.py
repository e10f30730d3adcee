"""Which PDFs are the dossier (`dossier = [...]` in preflight.toml), and the sources' hidden characters."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.cli import main
from preflight.commands.sources import locate
from preflight.config import UserConfig
from preflight.rulesets import ConfigError
from preflight.selection import Selection, selection
from tests.conftest import REPO
from tests.pdfs import helvetica_pdf


def test_patterns_are_relative_to_the_configuration(tmp_path: Path) -> None:
    chosen = Selection(("build/*.pdf", "final/**/dossier-?.pdf"), tmp_path)
    assert chosen.matches(str(tmp_path / "build" / "dossier.pdf"))
    assert not chosen.matches(str(tmp_path / "build" / "figures" / "plot.pdf"))
    assert chosen.matches(str(tmp_path / "final" / "dossier-2.pdf"))
    assert chosen.matches(str(tmp_path / "final" / "a" / "b" / "dossier-2.pdf"))
    assert not chosen.matches(str(tmp_path / "figures" / "plot.pdf"))
    assert not chosen.matches("/elsewhere/build/dossier.pdf")


def test_the_setting_is_validated(tmp_path: Path) -> None:
    config = str(tmp_path / "preflight.toml")
    assert selection(UserConfig(config, {})) is None
    found = selection(UserConfig(config, {"dossier": "build/dossier.pdf", "other-pdfs": "portal"}))
    assert found == Selection(("build/dossier.pdf",), tmp_path, "portal")
    for values, words in [
        ({"dossier": []}, "must be a list of paths or globs"),
        ({"dossier": [3]}, "must be a list of paths or globs"),
        ({"dossier": ["a.pdf"], "other-pdfs": "all"}, "other-pdfs must be one of 'skip', 'portal'"),
        ({"other-pdfs": "portal"}, "other-pdfs needs a dossier setting"),
    ]:
        with pytest.raises(ConfigError, match=words):
            selection(UserConfig(config, values))


def layout(tmp_path: Path, config: str) -> None:
    (tmp_path / "build").mkdir()
    (tmp_path / "figures").mkdir()
    shutil.copy(REPO / "fixtures" / "valid-dossier.pdf", tmp_path / "build" / "dossier.pdf")
    helvetica_pdf(tmp_path / "figures" / "plot.pdf")
    (tmp_path / "preflight.toml").write_text(config, encoding="utf-8")


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_other_pdfs_are_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    layout(tmp_path, 'dossier = ["build/*.pdf"]\n')
    code, out, err = run(tmp_path, monkeypatch, "check", "--no-cache", "build/dossier.pdf", "figures/plot.pdf")
    assert code == 0, out + err
    assert "build/dossier.pdf" in out and "figures/plot.pdf" not in out
    config = tmp_path / "preflight.toml"
    assert err == f"preflight: figures/plot.pdf is not the dossier (dossier = “build/*.pdf” in {config}): not checked\n"
    code, out, err = run(tmp_path, monkeypatch, "check", "--no-cache", "--lang", "fr", "figures")
    assert code == 0 and out == ""
    assert err.endswith(
        "preflight\u202f: aucun des PDF donnés n’est le dossier (dossier = «\u202fbuild/*.pdf\u202f» dans "
        f"{config})\u202f: rien à vérifier\n"
    )


def test_the_other_pdfs_can_be_checked_against_the_portal_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout(tmp_path, 'dossier = ["build/dossier.pdf"]\nother-pdfs = "portal"\n')
    code, out, err = run(tmp_path, monkeypatch, "check", "--no-cache", "--format", "json", ".")
    assert code == 1, out + err
    import json

    files = {entry["path"]: entry for entry in json.loads(out)["files"]}
    assert set(files) == {"build/dossier.pdf", "figures/plot.pdf"}
    assert files["build/dossier.pdf"]["passed"]
    plot_rules = [result["rule"] for result in files["figures/plot.pdf"]["results"]]
    assert "project-page-count" not in plot_rules and "fonts-embedded" in plot_rules
    assert "checked against the “portal” rule set only" in err


def test_a_source_hit_has_its_line_and_column() -> None:
    text = "\\section{Projet}\n\nLe te\u200bxte et Ã© ici.\n"
    hits = locate("main.tex", text)
    assert [hit.render("en") for hit in hits] == [
        "main.tex:3:6: error: U+200B ZERO WIDTH SPACE, zero-width character: "
        "“Le te⟦U+200B ZERO WIDTH SPACE⟧xte et Ã© ici.”",
        "main.tex:3:14: error: mojibake “Ã©”, should read “é”: “Le te⟦U+200B ZERO WIDTH SPACE⟧xte et ⟦Ã© → é⟧ ici.”",
    ]
    assert hits[0].render("fr") == (
        "main.tex:3:6: erreur\u202f: U+200B ZERO WIDTH SPACE, caractère de largeur nulle\u202f: "
        "«\u202fLe te⟦U+200B ZERO WIDTH SPACE⟧xte et Ã© ici.\u202f»"
    )


def test_preflight_text_locations_on_several_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text("propre\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("ok\nmot\u00adcoupé\n", encoding="utf-8")
    code, out, _ = run(tmp_path, monkeypatch, "text", "a.md", "b.txt")
    assert code == 1
    assert out.splitlines()[0].startswith("b.txt:2:4: error: U+00AD SOFT HYPHEN, soft hyphen inside a word: ")
    assert out.splitlines()[-1] == "1 character to fix; 'preflight text --fix FILE' prints a file cleaned"
    code, out, _ = run(tmp_path, monkeypatch, "text", "--locations", "a.md")
    assert (code, out) == (0, "")


def test_source_locations_in_french_and_without_the_text_in_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dossier-sources hook speaks the language asked for, and in CI leaves the source's words out."""
    (tmp_path / "main.tex").write_text("Le te\u200bxte confidentiel et la mol\u00c3\u00a9cule.\n", encoding="utf-8")
    for args in (["--lang", "fr", "text"], ["text", "--lang", "fr"]):
        code, out, _ = run(tmp_path, monkeypatch, *args, "--locations", "main.tex")
        assert code == 1
        assert out.splitlines()[0].startswith("main.tex:1:6: erreur\u202f: U+200B ZERO WIDTH SPACE, caractère de ")
        assert out.splitlines()[-1].startswith("2 caractères à corriger\u202f; ")
    monkeypatch.setenv("CI", "true")
    code, out, _ = run(tmp_path, monkeypatch, "text", "--locations", "main.tex")
    assert code == 1
    assert out.splitlines()[:2] == [
        "main.tex:1:6: error: U+200B ZERO WIDTH SPACE, zero-width character: [text hidden]",
        "main.tex:1:33: error: mojibake “Ã©”, should read “é”: [text hidden]",
    ]
    assert "confidentiel" not in out
    code, out, _ = run(tmp_path, monkeypatch, "text", "--snippets", "--locations", "main.tex")
    assert "confidentiel" in out


def test_the_dossier_settings_do_not_break_the_portal_check_of_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout(
        tmp_path,
        'dossier = ["build/dossier.pdf"]\nother-pdfs = "portal"\nignore = ["cv-date-gaps", "file-size"]\n'
        "[rules.project-page-count]\nmax_pages = 20\n",
    )
    import json

    code, out, err = run(tmp_path, monkeypatch, "check", "--no-cache", "--format", "json", ".")
    assert code == 1, err
    files = {entry["path"]: entry for entry in json.loads(out)["files"]}
    plot_rules = {result["rule"] for result in files["figures/plot.pdf"]["results"]}
    assert "file-size" not in plot_rules and "fonts-embedded" in plot_rules  # the user's portal-rule ignore holds
    dossier_rules = {result["rule"] for result in files["build/dossier.pdf"]["results"]}
    assert "cv-date-gaps" not in dossier_rules and "orcid" in dossier_rules
    code, out, err = run(tmp_path, monkeypatch, "check", "--no-cache", "--select", "orcid", ".")
    assert code == 0, out + err
    assert "figures/plot.pdf  (" not in out
