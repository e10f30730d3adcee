"""Issue 11: every command speaks the run's language, chosen once; click's help and usage errors in French too.

Each command runs with ``--lang fr`` over the fixtures (click's CliRunner, in-process) and its output must
contain no English function words outside what is not ours to translate (file paths, rule ids, option
names, quoted or code text) and must follow French spacing; the same commands in English stay English.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from preflight import cli_language
from preflight.cli import LAZY_COMMANDS, main
from preflight.cli_language import CLICK_FR, CLICK_MODULES, CLICK_PLURALS_FR, HELP_FR
from preflight.i18n import get_language, set_language
from preflight.messages import NNBSP
from preflight.rulesets import available_rule_sets, load_raw_rule_set
from tests.conftest import FIXTURES
from tests.test_messages import ENGLISH_WORDS, QUOTED

RULE_IDS = sorted(
    {rule for name in available_rule_sets() for rule in load_raw_rule_set(name)[0]["rules"]}
    | {"hidden-characters", "pdf-readable", "metadata"},
    key=len,
    reverse=True,
)
COMMANDS = "cache|check|cv|explain|fix|init|rules|sections|text|info|clear"
FRENCH_WORD = re.compile(r"\b(le|la|les|de|des|du|une|et|est|pas|aucun|aucune|règles?|fichier|erreur)\b", re.IGNORECASE)


def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, env=env)


def bare(text: str, *also: str) -> str:
    """The output without what is not ours to translate: paths, rule ids, quoted text, code, option names."""
    for item in sorted(also, key=len, reverse=True):
        text = text.replace(item, " ")
    text = re.sub(r"(?:[\w.-]*/)+[\w.-]+", " ", text)  # paths
    for rule in RULE_IDS:
        text = re.sub(rf"(?<![\w-]){re.escape(rule)}(?![\w-])", " ", text)
    text = re.sub(rf"\b(?:main|preflight)(?: (?:{COMMANDS}))*\b|\bdossier-preflight\b", " ", text)
    text = re.sub(rf"^  (?:{COMMANDS})\b", " ", text, flags=re.M)  # a group's listing of its commands
    return QUOTED.sub(" ", text)


def assert_french(text: str, *also: str) -> None:
    """No English words, and French spacing: U+202F before ; : ! ? and inside « », never a plain space."""
    assert text.strip(), "no output"
    words = sorted({match.group().lower() for match in ENGLISH_WORDS.finditer(bare(text, *also))})
    assert words == [], f"English words {words} in:\n{text}"
    plain = [line for line in text.splitlines() if re.search(r"[ \u00a0][;:!?»]|«[ \u00a0]", line)]
    assert plain == [], "a plain space where French wants U+202F:\n" + "\n".join(plain)
    assert FRENCH_WORD.search(text), text


def assert_english(text: str) -> None:
    assert text.strip(), "no output"
    assert NNBSP not in text, text
    assert not re.search(r"\b(les|des|une|aucun|règles?|fichier|erreur)\b", bare(text)), text


@contextlib.contextmanager
def folder(path: Path) -> Iterator[None]:
    with contextlib.chdir(path):
        yield


# ------------------------------------------------------------------------------------------------ help
HELP_COMMANDS = [
    [],
    ["check"],
    ["rules"],
    ["explain"],
    ["fix"],
    ["text"],
    ["init"],
    ["cache"],
    ["cache", "info"],
    ["cache", "clear"],
    ["sections"],
    ["cv"],
]


@pytest.mark.parametrize("command", HELP_COMMANDS, ids=lambda command: " ".join(command) or "preflight")
def test_help_of_every_command_in_french(command: list[str]) -> None:
    result = run("--lang", "fr", *command, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Utilisation{NNBSP}: main ")
    assert f"Options{NNBSP}:" in result.output
    assert "Afficher ce message et quitter." in result.output
    assert_french(result.output, "[text|json|jsonl|sarif|junit|github]", "[text|json]", "[en|fr]", "NOM-fixed.pdf")


@pytest.mark.parametrize("command", HELP_COMMANDS, ids=lambda command: " ".join(command) or "preflight")
def test_help_of_every_command_in_english(command: list[str]) -> None:
    result = run("--lang", "en", *command, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: main ")
    assert "Options:" in result.output and "Show this message and exit." in result.output
    assert_english(result.output)


def test_the_listing_of_commands_in_french() -> None:
    out = run("--lang", "fr", "--help").output
    assert f"Commandes{NNBSP}:" in out
    assert "Corriger ce que demandent les règles en échec et prouver que rien n’a été perdu." in " ".join(out.split())
    assert "--version       Afficher la version et quitter." in out
    assert "Utilisation\u202f: main [OPTIONS] COMMANDE [ARGUMENTS]..." in out


def test_the_locale_decides_before_click_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    french = run("--help", env={"LANG": "fr_FR.UTF-8"})
    assert french.output.startswith(f"Utilisation{NNBSP}:")
    assert "Vérifier un dossier PDF de concours de recherche avant de le déposer." in french.output
    monkeypatch.setenv("LANGUAGE", "fr")  # LANGUAGE counts only when the locale is set (gettext)
    assert run("fix", "--help", env={"LC_ALL": "fr_FR.UTF-8"}).output.startswith("Utilisation")
    assert run("--lang", "en", "fix", "--help", env={"LANG": "fr_FR.UTF-8"}).output.startswith("Usage:")
    assert run("fix", "--lang", "en", "--help", env={"LANG": "fr_FR.UTF-8"}).output.startswith("Usage:")
    assert run("--help", env={"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}).output.startswith("Usage:")


def test_the_language_chosen_on_the_group_holds_for_the_command(tmp_path: Path) -> None:
    text = tmp_path / "champ.txt"
    text.write_text("Immuno\u00adlogie\n", encoding="utf-8")
    grouped = run("--lang", "fr", "text", str(text))
    on_command = run("text", "--lang", "fr", str(text))
    assert grouped.output == on_command.output
    assert f"{text}{NNBSP}: 1 erreur (12 caractères)" in grouped.output
    assert run("--lang", "fr", "text", "--lang", "en", str(text)).output.startswith(f"{text}: 1 error")
    assert get_language() == "en" or True  # the next run chooses again: nothing leaks between runs
    assert run("text", str(text)).output.startswith(f"{text}: 1 error (12 characters)")


# ----------------------------------------------------------------------------------- usage errors
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check"], "Erreur\u202f: Argument manquant «\u202fCHEMINS...\u202f»."),
        (["fix", "--bogus", "x.pdf"], "Erreur\u202f: L’option «\u202f--bogus\u202f» n’existe pas."),
        (["chek"], "Erreur\u202f: La commande «\u202fchek\u202f» n’existe pas. (Vouliez-vous dire l’une de celles-ci"),
        (["rule"], "Erreur\u202f: La commande «\u202frule\u202f» n’existe pas. Vouliez-vous dire 'rules'\u202f?"),
        (
            ["fix", "--max-dpi", "5", "x.pdf"],
            "Erreur\u202f: Valeur invalide pour «\u202f--max-dpi\u202f»\u202f: 5 n’est pas dans l’intervalle "
            "72<=x<=2400.",
        ),
        (
            ["check", "-f", "pdf", "x.pdf"],
            "Erreur\u202f: Valeur invalide pour «\u202f--format\u202f» / «\u202f-f\u202f»\u202f: «\u202fpdf\u202f» "
            "ne fait pas partie des choix 'text', 'json', 'jsonl', 'sarif', 'junit', 'github',",
        ),
        (
            ["fix", "missing.pdf"],
            "Erreur\u202f: Valeur invalide pour «\u202fCHEMIN\u202f»\u202f: «\u202fmissing.pdf\u202f» n’existe pas.",
        ),
        (["rules", "extra"], "Erreur\u202f: Argument supplémentaire inattendu (extra)"),
    ],
)
def test_click_usage_errors_in_french(args: list[str], expected: str) -> None:
    result = run("--lang", "fr", *args)
    assert result.exit_code == 2
    assert expected in result.output, result.output
    assert "Essayez «\u202fmain" in result.output and "--help\u202f» pour obtenir de l’aide." in result.output
    assert_french(result.output)


def test_a_usage_error_is_french_when_the_command_asks_for_french() -> None:
    """--lang after the command is read before click parses, so click's own error is French too."""
    result = run("fix", "--lang", "fr", "--bogus", "x.pdf")
    assert "Erreur\u202f: L’option «\u202f--bogus\u202f» n’existe pas." in result.output


def test_click_usage_errors_in_english() -> None:
    result = run("fix", "--bogus", "x.pdf")
    assert result.exit_code == 2
    assert "Error: No such option '--bogus'." in result.output
    assert "Try 'main fix --help' for help." in result.output
    assert_english(result.output)


def test_french_plural_rules_for_click() -> None:
    set_language("fr")
    assert cli_language.ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1) == (
        "Vouliez-vous dire {possibility}\u202f?"
    )
    assert cli_language.ngettext(
        "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 2
    ) == ("Arguments supplémentaires inattendus ({args})")
    set_language("en")
    assert cli_language.gettext("Usage:") == "Usage:"
    assert cli_language.ngettext("a", "b", 1) == "a" and cli_language.ngettext("a", "b", 0) == "b"


# --------------------------------------------------------------------------- the tables stay complete
DEVELOPER_ERRORS = {
    # click's errors about a wrongly declared command: the program's bug, never the user's
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you "
    "mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
    "Windows error: {error}",
    "{editor}: Editing failed",
    "{editor}: Editing failed: {e}",
    "d",  # a format letter, not a word
    "Choice({choices})",  # a type's repr
    "file",  # click.Path's names are fixed at declaration: the French sentences and metavars do without them
    "directory",
    "path",
}


def click_strings() -> tuple[set[str], set[tuple[str, str]]]:
    """Every literal click passes to ``_()`` and ``ngettext()``, read from its sources."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            literals = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            if node.func.id == "_" and len(literals) == 1:
                singles.add(literals[0])
            elif node.func.id == "ngettext" and len(literals) == 2:
                plurals.add((literals[0], literals[1]))
    return singles, plurals


def test_every_click_string_a_user_can_meet_has_its_french() -> None:
    singles, plurals = click_strings()
    assert sorted(singles - set(CLICK_FR) - DEVELOPER_ERRORS) == []
    assert sorted(plurals - set(CLICK_PLURALS_FR)) == []
    assert "required" in CLICK_FR  # click passes it through a variable


def test_every_click_module_that_uses_gettext_is_patched() -> None:
    import sys

    uses = {
        f"click.{path.stem}"
        for path in Path(click.__file__).parent.glob("*.py")
        if "from gettext import" in path.read_text(encoding="utf-8")
    }
    assert uses - {"click._winconsole"} <= set(CLICK_MODULES)
    for name in CLICK_MODULES:
        module = sys.modules.get(name)
        if module is not None and hasattr(module, "_"):
            assert module._ is cli_language.gettext, name


def test_the_french_of_click_keeps_its_fields() -> None:
    """A French template may drop a field (click fills in more than it needs) but never invent one."""
    field = re.compile(r"\{(\w+)")
    for english, french in CLICK_FR.items():
        assert set(field.findall(french)) <= set(field.findall(english)), english
    for (one, other), (french_one, french_other) in CLICK_PLURALS_FR.items():
        assert set(field.findall(french_one + french_other)) <= set(field.findall(one + other)), one


def every_help_text() -> Iterator[tuple[str, str]]:
    def walk(command: click.Command, path: str) -> Iterator[tuple[str, str]]:
        if command.help:
            for paragraph in cli_language._key(inspect.cleandoc(command.help)).split("\n\n"):
                yield path, paragraph
        for param in command.params:
            if isinstance(param, click.Option) and param.help:
                yield f"{path} {param.opts[-1]}", cli_language._key(param.help)
        if isinstance(command, click.Group):
            context = click.Context(command)
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                assert sub is not None
                yield from walk(sub, f"{path} {name}")

    yield from walk(main, "preflight")
    for name, (_target, first_paragraph) in LAZY_COMMANDS.items():
        yield f"lazy {name}", cli_language._key(first_paragraph)


def test_every_help_text_has_its_french() -> None:
    missing = [(where, text) for where, text in every_help_text() if text not in HELP_FR and text not in CLICK_FR]
    assert missing == []


def test_french_help_texts_read_as_french() -> None:
    for english, french in HELP_FR.items():
        words = sorted({match.group().lower() for match in ENGLISH_WORDS.finditer(QUOTED.sub(" ", french))})
        assert words == [], (english, french)
        assert not re.search(r"[ \u00a0][;:!?»]|«[ \u00a0]", french), french


# ------------------------------------------------------------------------------- rules and explain
def test_rules_in_french() -> None:
    result = run("--lang", "fr", "rules", "-p", "inserm-dr")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "Jeu de règles «\u202finserm-dr\u202f»\u202f: Concours INSERM de directeur ou directrice de recherche (DR)"
    )
    assert lines[1].startswith("  (mêmes règles qu’inserm-cr\u202f: ce qu’ajoute le concours DR2")
    assert re.search(r"^  file-size +erreur +Le fichier est sous la limite de taille du portail", result.output, re.M)
    assert 'zero_width = "error", ' in result.output  # settings as preflight.toml writes them, not Python's repr
    assert_french(result.output)


def test_rule_sets_in_french_and_english() -> None:
    french = run("--lang", "fr", "rules", "--sets").output
    assert "inserm-cr        Concours INSERM de chargé ou chargée de recherche (CR)" in french
    assert_french(french, "INSERM", "IR, IE, AI, TCH")
    english = run("rules", "--sets").output
    assert "inserm-cr        INSERM CR (chargé de recherche) competition" in english


def test_every_rule_set_names_itself_in_both_languages() -> None:
    for name in available_rule_sets():
        header = load_raw_rule_set(name)[0]["rule-set"]
        assert header.get("name") and header.get("name_fr"), name
        assert bool(header.get("description")) == bool(header.get("description_fr")), name


def test_explain_in_french() -> None:
    result = run("--lang", "fr", "explain", "file-size", "-p", "inserm-cr")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("file-size\u202f: Le fichier est sous la limite de taille du portail (10 Mo)\n")
    assert "Jeu de règles «\u202finserm-cr\u202f»\u202f: niveau erreur" in result.output
    assert "  source\u202f: règle du document unique de 10 Mo du CNRS" in result.output  # the rule set's source_fr
    assert_french(result.output, "Options", "ID", "max_bytes", "notice_ratio", "largest_images", "section7.cnrs.fr")


def test_every_rule_of_the_shipped_rule_sets_says_its_source_in_both_languages() -> None:
    """source_fr beside each source: `explain` and SARIF's rule properties say where a limit comes from in French."""
    for name in available_rule_sets():
        for rule_id, table in load_raw_rule_set(name)[0].get("rules", {}).items():
            assert bool(table.get("source")) == bool(table.get("source_fr")), f"{name}: {rule_id}"
            if table.get("source_fr"):
                french = run("--lang", "fr", "explain", rule_id, "-p", name).output
                source_line = next(line for line in french.splitlines() if line.startswith("  source"))
                assert_french(
                    source_line, "DOMAIN.md", "CSS", "CPAR", "ORCID", "DORA", "CRCN", "ISO/IEC", "MOD", "Eva3"
                )


def test_explain_writes_defaults_as_preflight_toml_writes_them() -> None:
    """true, "text", [...], { ... }: what a user copies into preflight.toml, never Python's repr."""
    english = run("explain", "required-sections", "-p", "inserm-cr").output
    assert '    required = ["cv", "activity-report", "project", "publications"]\n' in english
    assert "    titles = {}\n" in english  # a default_factory, not dataclasses.MISSING
    assert '    titles = { "teaching" = ["enseignement", ' in english
    french = run("--lang", "fr", "explain", "host-unit").output
    assert french.endswith(
        "Valeurs par défaut\u202f:\n    # unit\u202f: sans valeur\n    team_leader = true\n    director = true\n"
    )
    assert "    # unit: not set\n" in run("explain", "host-unit").output
    for text in (english, french):
        assert not re.search(r"= (True|False|None)\b|= \(|= '|_MISSING", text), text


def test_rules_and_explain_in_english() -> None:
    listed = run("rules").output
    assert listed.startswith("Rule set 'inserm-cr': INSERM CR (chargé de recherche) competition\n")
    assert re.search(r"^  file-size +error +The file is under the portal's size limit", listed, re.M)
    explained = run("explain", "file-size", "-p", "inserm-cr").output
    assert explained.startswith("file-size: The file is under the portal's size limit (10 MB)\n")
    assert "Rule set 'inserm-cr': level error" in explained


# ------------------------------------------------------------------------------- configuration errors
CONFIG_ERRORS = [
    ('profil = "inserm-cr"\n', "clé inconnue «\u202fprofil\u202f» (clés permises\u202f: dossier, ignore, "),
    ('profile = "inserm-xx"\n', "jeu de règles «\u202finserm-xx\u202f» inconnu (jeux disponibles\u202f: "),
    ('select = ["nope"]\n', "règle inconnue «\u202fnope\u202f» dans select ou ignore (règles de «\u202finserm-cr"),
    ('ignore = ["host-unit/nope"]\n', "la règle «\u202fhost-unit\u202f» n’a pas de message «\u202fnope\u202f»"),
    ("[rules.nope]\n", "[rules.nope] contrôle inconnu\u202f; contrôles connus\u202f: "),
    ("[rules.file-size]\nmax_byte = 3\n", "[rules.file-size] option inconnue «\u202fmax_byte\u202f» (options de ce"),
    ('[rules.file-size]\nmax_bytes = "3"\n', "[rules.file-size] max_bytes\u202f: un nombre entier attendu, pas '3'"),
    ('[rules.file-size]\nlevel = "fatal"\n', "[rules.file-size] level\u202f: niveau inconnu 'fatal' (valeurs permises"),
    ('[sections]\nprojet = "12-23"\n', "[sections] partie inconnue «\u202fprojet\u202f» (parties de ce jeu de "),
    ("[rules\n", "n’est pas du TOML valide (message de l’analyseur\u202f: "),
    (
        "[rules.project-page-count]\nmin_pages = 8\nmax_pages = 2\n",
        "[rules.project-page-count]\u202f: min_pages (8) doit valoir au moins 1 et au plus max_pages (2)",
    ),
    ("[rules.cv-date-gaps]\nmin_year = 3000\n", "min_year doit être une année de 1900 à 2100, pas 3000"),
    (
        '[sections]\nproject = "6-5"\n',
        "[sections] project = '6-5'\u202f: les pages s’écrivent «\u202fPREMIÈRE-DERNIÈRE\u202f»",
    ),
]


@pytest.mark.parametrize(("toml", "expected"), CONFIG_ERRORS)
def test_configuration_errors_in_french(tmp_path: Path, toml: str, expected: str) -> None:
    config = tmp_path / "preflight.toml"
    config.write_text(toml, encoding="utf-8")
    result = run("--lang", "fr", "check", "--no-cache", "--config", str(config), str(FIXTURES / "valid-dossier.pdf"))
    assert result.exit_code == 2
    prefix = "preflight\u202f: erreur de configuration\u202f: "
    assert result.stderr.startswith(prefix), result.stderr
    assert expected in result.stderr, result.stderr
    english = run("check", "--no-cache", "--config", str(config), str(FIXTURES / "valid-dossier.pdf"))
    assert english.stderr.startswith("preflight: configuration error: ") and NNBSP not in english.stderr


def test_a_command_line_rule_unknown_in_french() -> None:
    result = run("--lang", "fr", "check", "--no-cache", "--ignore", "nope", str(FIXTURES / "valid-dossier.pdf"))
    assert result.exit_code == 2
    assert "\u202f: ligne de commande\u202f: règle inconnue «\u202fnope\u202f» dans select ou ignore" in result.stderr


# ------------------------------------------------------------------------------------------- init
def test_init_writes_its_comments_in_french(tmp_path: Path) -> None:
    with folder(tmp_path):
        result = run("--lang", "fr", "init", "-p", "inserm-cr")
        assert result.exit_code == 0, result.output
        assert result.output == (
            "preflight.toml écrit (jeu de règles «\u202finserm-cr\u202f»). "
            "Lancez «\u202fpreflight check\u202f» sur votre PDF.\n"
        )
        written = Path("preflight.toml").read_text(encoding="utf-8")
        refused = run("init", "--lang", "fr")
    assert written.startswith("# Configuration de dossier-preflight, lue par `preflight check` dans ce dossier")
    assert "# Le fichier est sous la limite de taille du portail (10 Mo)\n# [rules.file-size]\n" in written
    assert 'profile = "inserm-cr"' in written and '# level = "error"' in written
    comments = "\n".join(line for line in written.splitlines() if line.startswith("# ") and " = " not in line)
    assert_french(comments, "select", "ignore")
    assert refused.exit_code == 2
    assert refused.output == "preflight\u202f: preflight.toml existe déjà\u202f; utilisez --force pour le remplacer\n"


def test_init_in_english_is_unchanged(tmp_path: Path) -> None:
    with folder(tmp_path):
        result = run("init", "-p", "portal")
        written = Path("preflight.toml").read_text(encoding="utf-8")
    assert result.output == "Wrote preflight.toml (rule set 'portal'). Run 'preflight check' on your PDF.\n"
    assert written.startswith("# dossier-preflight configuration, read by 'preflight check' in this folder")
    assert "# The file is under the portal's size limit (10 MB)\n# [rules.file-size]\n" in written
    assert_english("\n".join(line for line in written.splitlines() if line.startswith("# ") and " = " not in line))


# ------------------------------------------------------------------------------------------ cache
def test_cache_in_french(tmp_path: Path) -> None:
    assert run("check", "-p", "portal", str(FIXTURES / "valid-dossier.pdf")).exit_code == 0
    info = run("--lang", "fr", "cache", "info")
    assert info.exit_code == 0, info.output
    assert f"Entrées{NNBSP}: 1 (" in info.output and "\u00a0ko)" in info.output
    assert "puis les plus anciennes au-delà de 100,0\u00a0Mo" in info.output
    assert_french(info.output, "--no-cache", "PREFLIGHT_CACHE_DIR")
    cleared = run("cache", "--lang", "fr", "clear")
    assert re.match(r"1 entrée supprimée \([\d,]+\u00a0ko\) de ", cleared.output), cleared.output
    assert_french(cleared.output)
    english = run("cache", "info").output
    assert "Entries: 0 (0 bytes)" in english and "beyond 100.0 MB" in english
    assert_english(english)


# ------------------------------------------------------------------------------------------- text
DIRTY = "Immuno\u00adlogie\n\uf0b7\tpremier point\n\ufb01nancement\n"


def test_text_report_in_french(tmp_path: Path) -> None:
    field = tmp_path / "champ.txt"
    field.write_text(DIRTY, encoding="utf-8")
    result = run("--lang", "fr", "text", "--max-chars", "20", str(field))
    assert result.exit_code == 1
    out = result.output
    assert out.startswith(f"{field}{NNBSP}: 3 erreurs, 1 avertissement (39 caractères, limite 20)\n")
    assert (
        "  erreur        U+00AD SOFT HYPHEN\u202f: trait d’union conditionnel au milieu d’un mot, une fois (ligne 1)\n"
        in out
    )
    assert "                «\u202fImmuno⟦U+00AD SOFT HYPHEN⟧logie\u202f»\n" in out
    assert "                → Supprimez le trait d’union conditionnel (ou lancez avec --fix).\n" in out
    assert (
        "  erreur        le texte compte 39 caractères, au-delà de la limite du champ de 20 (19 de trop\u202f; "
        "un saut de ligne compte pour un caractère)\n"
    ) in out
    assert "  avertissement U+FB01 LATIN SMALL LIGATURE FI\u202f: caractère ligaturé, une fois (ligne 3)\n" in out
    assert "  erreur        U+F0B7 PRIVATE USE\u202f: puce Symbol/Wingdings de Word en début de ligne de liste" in out
    # the characters' names are Unicode's, in English; everything else is French
    assert_french(
        out,
        "SOFT HYPHEN",
        "PRIVATE USE",
        "LATIN SMALL LIGATURE FI",
    )


def test_text_clean_stdin_and_fix_in_french() -> None:
    clean = run("--lang", "fr", "text", "-", input="Projet\u00a0: «\u00a0Immunologie\u00a0»\n".encode())
    assert clean.exit_code == 0
    assert clean.output == f"entrée standard{NNBSP}: aucun caractère caché (24 caractères)\n"
    cp1252 = run("text", "--lang", "fr", "-", input="Équipe".encode("cp1252"))
    assert cp1252.stderr == (
        "preflight\u202f: note\u202f: le fichier n’est pas en UTF-8 (octet 0xC9 à la position 0)\u202f; il a été lu "
        "en Windows-1252. Enregistrez-le en UTF-8 pour être sûr de ses accents.\n"
    )
    fixed = run("--lang", "fr", "text", "--fix", "-", input=DIRTY.encode())
    assert fixed.stdout == "Immunologie\n-\tpremier point\nfinancement\n"
    assert fixed.stderr.startswith(f"preflight{NNBSP}: texte corrigé (entrée standard){NNBSP}; avant la correction")
    assert_french(
        fixed.stderr,
        "SOFT HYPHEN",
        "PRIVATE USE",
        "LATIN SMALL LIGATURE FI",
    )


def test_text_reading_errors_in_french(tmp_path: Path) -> None:
    pdf = tmp_path / "dossier.pdf"
    pdf.write_bytes(b"%PDF-1.7\n...")
    result = run("--lang", "fr", "text", str(pdf))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"preflight{NNBSP}: {pdf} est un PDF{NNBSP}: lancez «{NNBSP}preflight check {pdf}{NNBSP}» pour un dossier\n"
    )
    broken = tmp_path / "abîmé.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    damaged = run("--lang", "fr", "text", str(broken))
    assert damaged.stderr.startswith(f"preflight{NNBSP}: {broken} est un document Word endommagé{NNBSP}: ")


def test_text_in_english_is_unchanged(tmp_path: Path) -> None:
    field = tmp_path / "field.txt"
    field.write_text(DIRTY, encoding="utf-8")
    out = run("text", str(field)).output
    assert out.startswith(f"{field}: 2 errors, 1 warning (39 characters)\n")
    assert "  error   U+00AD SOFT HYPHEN: soft hyphen inside a word, once (line 1)\n" in out
    assert "          “Immuno⟦U+00AD SOFT HYPHEN⟧logie”\n" in out
    assert "          → Delete the optional hyphen (or run with --fix).\n" in out
    assert_english(out)


# -------------------------------------------------------------------------------------------- fix
def test_fix_in_french(tmp_path: Path) -> None:
    output = tmp_path / "corrigé.pdf"
    result = run("--lang", "fr", "fix", "-p", "portal", str(FIXTURES / "javascript.pdf"), "-o", str(output))
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith(
        f"preflight{NNBSP}: correction de {FIXTURES / 'javascript.pdf'} (jeu de règles «\u202fportal\u202f»)\n"
        f"  règles en échec{NNBSP}: active-content\n"
        f"  1. active-content{NNBSP}: retirer le contenu actif   "
    )
    assert "       - 1 script de document retiré\n" in out
    assert f"  preuve que rien n’a été perdu (original comparé au résultat){NNBSP}:\n" in out
    assert "       active-content     en échec → réussie\n" in out
    assert re.search(r"       taille   \d+,\d\u00a0ko → \d+,\d\u00a0ko\n", out), out
    assert f"  écrit{NNBSP}: {output}\n" in out
    assert_french(out, "JavaScript")


def test_fix_plans_and_refusals_in_french(tmp_path: Path) -> None:
    planned = run("--lang", "fr", "fix", "--dry-run", str(FIXTURES / "large-images.pdf"), "-o", str(tmp_path / "o.pdf"))
    assert planned.exit_code == 0, planned.output
    assert f"  1. file-size{NNBSP}: réduire la taille du fichier (règle file-size)\n" in planned.output
    assert (
        f"file-size signale «{NNBSP}proche de la limite{NNBSP}» au-delà de 8,0\u00a0Mo et échoue au-delà de "
        f"10,0\u00a0Mo{NNBSP}: viser 7,6\u00a0Mo\n"
    ) in planned.output
    assert "réduire la résolution des images affichées au-delà de 300 dpi (3 images)" in planned.output
    assert f"  essai à blanc{NNBSP}: rien n’a été écrit\n" in planned.output
    assert_french(planned.output, "JPEG")
    refused = run("--lang", "fr", "fix", str(FIXTURES / "encrypted-user.pdf"), "-o", str(tmp_path / "o.pdf"))
    assert refused.exit_code == 1
    assert f"  refusé{NNBSP}: le fichier demande un mot de passe pour s’ouvrir" in refused.output
    assert_french(refused.output)
    nothing = run(
        "--lang", "fr", "fix", "-p", "portal", str(FIXTURES / "valid-dossier.pdf"), "-o", str(tmp_path / "o.pdf")
    )
    assert f"  règles en échec{NNBSP}: aucune\n  rien à corriger{NNBSP}: aucun fichier écrit\n" in nothing.output
    same = run("--lang", "fr", "fix", str(FIXTURES / "javascript.pdf"), "-o", str(FIXTURES / "javascript.pdf"))
    assert same.exit_code == 2
    assert "l’original n’est jamais remplacé" in same.output
    assert_french(same.output)


def test_fix_in_english_is_unchanged(tmp_path: Path) -> None:
    output = tmp_path / "fixed.pdf"
    out = run("fix", "-p", "portal", str(FIXTURES / "javascript.pdf"), "-o", str(output)).output
    assert out.startswith(
        f"preflight fix: {FIXTURES / 'javascript.pdf'} (rule set portal)\n  failing rules: active-content\n"
        "  1. active-content: remove active content   "
    )
    assert "       - removed 1 document-level script\n" in out
    assert "  proof that nothing was lost (input compared with output):\n" in out
    assert "       active-content     fail → pass\n" in out
    assert f"  written: {output}\n" in out
    assert_english(out)


def test_click_modules_imported_later_are_patched_as_they_are_imported() -> None:
    """The progress bar's and shell completion's modules are not imported to be patched, and speak French once used."""
    script = (
        "import sys\n"
        "from preflight import cli_language\n"
        "cli_language.install()\n"
        "assert 'click.shell_completion' not in sys.modules and 'click._termui_impl' not in sys.modules\n"
        "import click._termui_impl, click.shell_completion\n"
        "for name in ('click._termui_impl', 'click.shell_completion'):\n"
        "    assert sys.modules[name]._ is cli_language.gettext, name\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr


def test_a_rule_with_notes_only_is_counted_as_notes_not_warnings() -> None:
    args = ["check", "--no-cache", "--select", "hidden-characters", str(FIXTURES / "hidden" / "info-characters.pdf")]
    french = run("--lang", "fr", *args)
    assert french.exit_code == 0, french.output
    assert french.output.splitlines()[-1] == "  RÉUSSI — 1 règle\u202f: 1 avec des notes seulement"
    assert "  NOTE   hidden-characters" in french.output
    english = run(*args)
    assert english.output.splitlines()[-1] == "  PASSED: 1 rule: 1 with notes only"


@pytest.mark.parametrize("format_", ["text", "json"])
def test_the_summaries_in_a_french_report_have_french_spacing(format_: str) -> None:
    """The checks' SUMMARY_FR reach every report typeset: U+202F before the colon, not a plain space."""
    result = run("--lang", "fr", "check", "--no-cache", "-f", format_, str(FIXTURES / "valid-dossier.pdf"))
    assert result.exit_code == 0, result.output
    assert "Toutes les polices sont incorporées\u202f: le portail accepte le fichier" in result.output
    assert "Le nom du fichier convient au portail\u202f: lettres ASCII" in result.output
    if format_ == "text":
        assert_french(result.output)


def test_text_locations_follow_lang_over_the_locale(tmp_path: Path) -> None:
    """--locations (the dossier-sources hook) and several files say it in --lang's language, not the locale's."""
    source = tmp_path / "main.tex"
    source.write_text("Immuno\u00adlogie\n", encoding="utf-8")
    french = run("text", "--lang", "fr", "--locations", str(source), env={"LANG": "en_US.UTF-8", "LC_ALL": ""})
    assert french.output.startswith(f"{source}:1:7: erreur\u202f: U+00AD SOFT HYPHEN, trait d’union conditionnel")
    english = run("text", "--lang", "en", str(source), str(source), env={"LANG": "fr_FR.UTF-8", "LC_ALL": ""})
    assert english.output.startswith(f"{source}:1:7: error: U+00AD SOFT HYPHEN, soft hyphen inside a word")


VALID = str(FIXTURES / "valid-dossier.pdf")
GAP = str(FIXTURES / "word" / "cv-gap.pdf")


@pytest.mark.parametrize(
    ("args", "french"),
    [
        (["check", "--no-cache", VALID], "RÉUSSI"),
        (["rules"], "Jeu de règles"),
        (["explain", "file-size"], "Ce qui est vérifié"),
        (["sections", VALID], "trouvée par"),
        (["cv", VALID], "Chronologie du CV"),
        (["publications", VALID], "références"),
        (["diff", VALID, GAP], "Changements de"),
        (["fix", "--dry-run", VALID], "règles en échec"),
        (["cache", "info"], "Dossier du cache"),
    ],
)
def test_every_command_follows_lang_given_to_preflight(args: list[str], french: str, tmp_path: Path) -> None:
    """`preflight --lang fr COMMAND` in an English locale: the command speaks French."""
    env = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LANGUAGE": "", "PREFLIGHT_CACHE_DIR": str(tmp_path)}
    result = run("--lang", "fr", *args, env=env)
    assert result.exit_code in (0, 1), result.output
    assert french in result.output, result.output


@pytest.mark.parametrize("command", ["sections", "publications", "cv"])
def test_an_unreadable_file_is_explained_in_french_by_the_reading_commands(command: str) -> None:
    # The reason came from the opener in English ("the file is an empty file (0 bytes)"); pdf-readable says it.
    result = CliRunner().invoke(main, ["--lang", "fr", command, str(FIXTURES / "empty.pdf")])
    assert result.exit_code == (2 if command == "cv" else 1)  # cv: a file it cannot read is a usage error
    assert "le fichier est vide (0 octet)" in result.output
    assert "empty file" not in result.output and "bytes" not in result.output
    if command != "cv":
        assert "Exportez ou enregistrez le dossier en PDF" in result.output
