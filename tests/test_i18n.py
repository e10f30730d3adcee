"""English and French: the catalogue is complete, the locale is honoured, rules explain themselves in French."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.checks import BUILTIN_MODULES, load_registry
from preflight.cli import main
from preflight.i18n import CATALOGUE, LANGUAGES, language_from_environment, resolve_language, set_language, t
from preflight.model import Finding, GradedFinding, Level


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_id_exists_in_every_language_with_the_same_placeholders() -> None:
    assert set(CATALOGUE) == set(LANGUAGES) == {"en", "fr"}
    english = CATALOGUE["en"]
    for language, table in CATALOGUE.items():
        assert set(table) == set(english), language
        for message_id, template in table.items():
            assert template.strip(), (language, message_id)
            assert placeholders(template) == placeholders(english[message_id]), (language, message_id)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_CA"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LANG": "C", "LC_MESSAGES": "fr_FR"}, "fr"),
        ({"LC_ALL": "", "LANG": "fr_BE"}, "fr"),
    ],
)
def test_language_from_the_locale(environ: dict[str, str], expected: str) -> None:
    assert language_from_environment(environ) == expected


def test_the_option_wins_over_the_locale() -> None:
    assert resolve_language("en", {"LANG": "fr_FR"}) == "en"
    assert resolve_language(None, {"LANG": "fr_FR"}) == "fr"


def test_t_fills_in_values_in_the_current_or_given_language() -> None:
    assert t("text.page", page=3) == "page 3"
    assert t("text.n-failed", language="fr", count=2) == "2 en échec"
    set_language("fr")
    assert t("text.megabytes", size=2.54) == "2.5 Mo"
    with pytest.raises(ValueError, match="unknown language"):
        set_language("de")


TRANSLATED = ("pdf_readable", "file_size", "fonts_embedded", "encryption", "active_content")
SELECTED = ("check", "-p", "portal", "--select", "fonts-embedded", "--select", "encryption")


def test_the_translated_checks_are_built_in() -> None:
    assert set(TRANSLATED) <= set(BUILTIN_MODULES)


@pytest.mark.parametrize("module", TRANSLATED)
def test_every_builtin_check_has_a_french_summary_and_explanation(module: str) -> None:
    registry = load_registry()
    spec = next(spec for spec in registry.checks.values() if spec.origin == f"preflight.checks.{module}")
    assert spec.summary_in("fr") != spec.summary
    doc = spec.doc_in("fr")
    for heading in ("Ce qui est vérifié", "Pourquoi", "Comment corriger", "Options"):
        assert f"\n{heading}\n" in doc, heading
    assert spec.doc_in("en") == spec.doc


def test_engine_headline_in_french() -> None:
    from preflight.engine import headline

    findings = tuple(GradedFinding(Finding(f"m{i}"), level) for i, level in enumerate([Level.ERROR] * 2 + [Level.INFO]))
    set_language("fr")
    assert headline(findings) == "3 problèmes (2 erreurs, 1 info)"
    set_language("en")
    assert headline(findings) == "3 findings (2 errors, 1 info)"


def test_the_text_report_in_french(tmp_path: Path, failing_pdf: Path) -> None:
    not_pdf = tmp_path / "lettre.pdf"
    not_pdf.write_text("Madame, Monsieur,")
    result = CliRunner().invoke(
        main,
        [
            "check",
            "-p",
            "portal",
            "--select",
            "fonts-embedded",
            "--select",
            "encryption",
            "--lang",
            "fr",
            str(failing_pdf),
            str(not_pdf),
        ],
    )
    assert result.exit_code == 1
    out = result.output
    assert "  PASS  encryption      Le PDF ne porte ni chiffrement ni restriction de droits" in out
    assert "  ÉCHEC: 2 règles : 1 en échec, 1 réussies" in out
    assert "non vérifiée : le fichier ne peut pas être lu comme un PDF (voir pdf-readable)" in out
    assert "2 fichiers vérifiés avec le jeu de règles 'portal' : 0 réussis, 2 en échec" in out
    assert "échecs par règle : fonts-embedded 1, pdf-readable 1" in out


def test_the_locale_picks_french_and_lc_all_can_override_it(failing_pdf: Path) -> None:
    french = CliRunner().invoke(main, [*SELECTED, str(failing_pdf)], env={"LANG": "fr_FR.UTF-8"})
    assert "ÉCHEC" in french.output
    english = CliRunner().invoke(main, [*SELECTED, str(failing_pdf)], env={"LANG": "fr_FR.UTF-8", "LC_ALL": "C"})
    assert "FAILED: 2 rules, 1 failed, 1 passed" in english.output


def test_explain_and_rules_in_french() -> None:
    explained = CliRunner().invoke(main, ["explain", "file-size", "--lang", "fr"])
    assert explained.exit_code == 0
    assert explained.output.startswith("file-size: Le fichier est sous la limite de taille du portail (10 Mo)\n")
    assert "Comment corriger" in explained.output
    assert "Valeurs par défaut :" in explained.output
    listed = CliRunner().invoke(main, ["rules", "--lang", "fr"])
    assert "Le PDF ne porte ni chiffrement ni restriction de droits" in listed.output


def test_sarif_rule_help_follows_the_language(passing_pdf: Path) -> None:
    import json

    result = CliRunner().invoke(main, ["check", "-p", "portal", "-f", "sarif", "--lang", "fr", str(passing_pdf)])
    rules = json.loads(result.output)["runs"][0]["tool"]["driver"]["rules"]
    encryption = next(rule for rule in rules if rule["id"] == "encryption")
    assert encryption["shortDescription"]["text"] == "Le PDF ne porte ni chiffrement ni restriction de droits"
    assert "Ce qui est vérifié" in encryption["help"]["text"]
