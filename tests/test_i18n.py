"""English and French: the catalogue is complete, the locale is honoured, rules explain themselves in French."""

from __future__ import annotations

import dataclasses
import importlib
import json
import re
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.checks import BUILTIN_MODULES, CheckSpec, load_registry
from preflight.cli import main
from preflight.i18n import CATALOGUE, LANGUAGES, language_from_environment, resolve_language, set_language, t
from preflight.messages import typeset_french
from preflight.model import Finding, GradedFinding, Level
from tests.conftest import FIXTURES


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
    assert t("text.size", size=2_540_000) == "2,5\u00a0Mo"
    with pytest.raises(ValueError, match="unknown language"):
        set_language("de")


SELECTED = ("check", "-p", "portal", "--select", "fonts-embedded", "--select", "encryption")
HEADINGS = {
    "en": ["What it checks", "Why", "How to fix", "Options"],
    "fr": ["Ce qui est vérifié", "Pourquoi", "Comment corriger", "Options"],
}


def builtin_spec(module: str) -> CheckSpec:
    return next(spec for spec in load_registry().checks.values() if spec.origin == f"preflight.checks.{module}")


def sections(doc: str) -> dict[str, str]:
    """A check's documentation cut at its headings: unindented lines after the opening paragraph."""
    found: dict[str, str] = {}
    heading = None
    for line in doc.split("\n\n", 1)[1].splitlines():
        if line and not line[0].isspace():
            heading = line
            found[heading] = ""
        elif heading is not None:
            found[heading] += line + "\n"
    return found


@pytest.mark.parametrize("module", BUILTIN_MODULES)
def test_every_builtin_check_has_a_french_summary_and_explanation(module: str) -> None:
    checks_module = importlib.import_module(f"preflight.checks.{module}")
    assert isinstance(getattr(checks_module, "SUMMARY_FR", None), str), f"{module} has no SUMMARY_FR"
    assert isinstance(getattr(checks_module, "DOC_FR", None), str), f"{module} has no DOC_FR"
    spec = builtin_spec(module)
    assert spec.summary_in("fr") != spec.summary
    assert spec.doc_in("en") == spec.doc
    english, french = sections(spec.doc), sections(spec.doc_in("fr"))
    assert list(english) == HEADINGS["en"], module
    assert list(french) == HEADINGS["fr"], module
    # Option names are configuration keys: the French explanation names the same ones as the English.
    for option in dataclasses.fields(spec.options_type):
        if re.search(rf"\b{option.name}\b", english["Options"]):
            assert re.search(rf"\b{option.name}\b", french["Options"]), (module, option.name)


@pytest.mark.parametrize("module", BUILTIN_MODULES)
def test_explain_in_french_prints_the_french_explanation(module: str) -> None:
    spec = builtin_spec(module)
    result = CliRunner().invoke(main, ["explain", spec.id, "--lang", "fr"])
    assert result.exit_code == 0, result.output
    summary, doc = typeset_french(spec.summary_in("fr")), typeset_french(spec.doc_in("fr"))
    assert result.output.startswith(f"{spec.id}\u202f: {summary}\n\n{doc}\n")
    assert spec.summary not in result.output
    assert spec.doc.splitlines()[0] not in result.output


def test_the_report_in_french_shows_only_french_summaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no preflight.toml from the working directory
    result = CliRunner().invoke(main, ["check", "--lang", "fr", str(FIXTURES / "valid-dossier.pdf")])
    assert result.exit_code == 0, result.output
    rule_lines = [
        line
        for line in result.output.splitlines()
        if line.startswith("  RÉUSSI ") and not line.startswith("  RÉUSSI —")
    ]
    builtin = [builtin_spec(module) for module in BUILTIN_MODULES]
    # Every rule passes, each under its French summary.
    assert len(rule_lines) == len(builtin)
    for spec in builtin:
        assert any(line.split()[1] == spec.id for line in rule_lines), spec.id
        assert spec.summary not in result.output, spec.id


def test_engine_headline_in_french() -> None:
    from preflight.engine import headline

    findings = tuple(GradedFinding(Finding(f"m{i}"), level) for i, level in enumerate([Level.ERROR] * 2 + [Level.INFO]))
    set_language("fr")
    assert headline(findings) == "3 problèmes (2 erreurs, 1 note)"
    set_language("en")
    assert headline(findings) == "3 findings (2 errors, 1 note)"


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
    assert "  RÉUSSI encryption      Le PDF ne porte ni chiffrement ni restriction de droits" in out
    assert "  ÉCHEC — 2 règles\u202f: 1 en échec, 1 réussie" in out
    assert "non vérifiée\u202f: le fichier ne peut pas être lu comme un PDF (voir pdf-readable)" in out
    assert "2 fichiers vérifiés avec le jeu de règles «\u202fportal\u202f»\u202f: 0 réussi, 2 en échec" in out
    assert "échecs par règle\u202f: fonts-embedded 1, pdf-readable 1" in out


def test_the_locale_picks_french_and_lc_all_can_override_it(failing_pdf: Path) -> None:
    french = CliRunner().invoke(main, [*SELECTED, str(failing_pdf)], env={"LANG": "fr_FR.UTF-8"})
    assert "ÉCHEC" in french.output
    english = CliRunner().invoke(main, [*SELECTED, str(failing_pdf)], env={"LANG": "fr_FR.UTF-8", "LC_ALL": "C"})
    assert "FAILED: 2 rules: 1 failed, 1 passed" in english.output


def test_explain_and_rules_in_french() -> None:
    explained = CliRunner().invoke(main, ["explain", "file-size", "--lang", "fr"])
    assert explained.exit_code == 0
    assert explained.output.startswith("file-size\u202f: Le fichier est sous la limite de taille du portail (10 Mo)\n")
    assert "Comment corriger" in explained.output
    assert "Valeurs par défaut\u202f:" in explained.output
    listed = CliRunner().invoke(main, ["rules", "--lang", "fr"])
    assert "Le PDF ne porte ni chiffrement ni restriction de droits" in listed.output


def test_sarif_rule_help_follows_the_language(passing_pdf: Path) -> None:
    import json

    result = CliRunner().invoke(main, ["check", "-p", "portal", "-f", "sarif", "--lang", "fr", str(passing_pdf)])
    rules = json.loads(result.output)["runs"][0]["tool"]["driver"]["rules"]
    encryption = next(rule for rule in rules if rule["id"] == "encryption")
    assert encryption["shortDescription"]["text"] == "Le PDF ne porte ni chiffrement ni restriction de droits"
    assert "Ce qui est vérifié" in encryption["help"]["text"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_sarif_message_strings_with_their_arguments_give_the_message(language: str) -> None:
    """message.id + arguments, formatted with the rule's messageStrings, is the result's own text, in the
    run's language: a viewer can show the message from the id alone."""
    from tests.test_messages import ENGLISH_WORDS, QUOTED

    files = [str(FIXTURES / "word" / "hidden-characters.pdf"), str(FIXTURES / "word" / "cv-gap.pdf")]
    result = CliRunner().invoke(main, ["check", "--no-cache", "--lang", language, "-f", "sarif", *files])
    run = json.loads(result.stdout)["runs"][0]
    strings = {rule["id"]: rule["messageStrings"] for rule in run["tool"]["driver"]["rules"]}
    checked = 0
    for item in run["results"]:
        message = item["message"]
        if "id" not in message:
            continue
        template = strings[item["ruleId"]][message["id"]]["text"]
        assert template.format(*message["arguments"]) in message["text"], (template, message)
        if language == "fr":
            english = [w for a in message["arguments"] for w in ENGLISH_WORDS.findall(QUOTED.sub(" ", a))]
            assert english == [], message["arguments"]
        checked += 1
    assert checked >= 10
