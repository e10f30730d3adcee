"""Messages as data: every check's messages exist in English and French, name the same arguments, and the
French reads as French (no English words, French spacing); the formatting helpers write numbers, sizes,
pages and plurals as each language expects."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest

from preflight import i18n
from preflight.checks import BUILTIN_MODULES
from preflight.messages import (
    NBSP,
    NNBSP,
    SHARED,
    fields_of,
    format_bytes,
    format_list,
    format_month,
    format_number,
    format_pages,
    format_size,
    missing_translations,
    plural,
    render_template,
    typeset_french,
)

CHECK_MODULES = [importlib.import_module(f"preflight.checks.{name}") for name in BUILTIN_MODULES]

# Words that betray an untranslated sentence. Quoted text (titles a user may print in English, option names,
# code) is removed first.
ENGLISH_WORDS = re.compile(
    r"\b(the|is|are|not|found|no|with|of|and|or|cannot|can|should|must|this|these|which|from|page of|pages of"
    r"|looked|missing|file|fix|run|check|add|remove|does|has|have|its|it"
    r"|once|times|for|to|at|in|by|more|other|than|between|without|only|any|none|each|every|was|were|be|been)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|'[^']*'|\"[^\"]*\"|`[^`]*`|--[a-z-]+|\[[a-z.-]+\]|\{[^}]*\}|\b[a-z_]+ = \S+")


def sample_args(catalogue: dict[str, dict[str, str]], message_id: str) -> dict[str, Any]:
    """A value of the right kind for every field a template names."""
    args: dict[str, Any] = {}
    # A nested message is rendered with the same arguments: sample it with one that needs none.
    simple = [key for key, entry in catalogue.items() if not fields_of(entry["en"])]
    for template in catalogue[message_id].values():
        for name, spec in fields_of(template):
            kind = spec.partition(":")[0]
            args[name] = {
                "plural": 3,
                "pages": [2, 3, 5],
                "size": 8_400_000,
                "bytes": 12_193_213,
                "text": "exemple",
                "quote": "exemple",
                "list": ["U937", "US 2019"],
                "quoted-list": ["a", "b"],
                "quoted-or-list": ["a", "b"],
                "section-list": ["project", "activity-report", "cv"],
                "msg": simple[0] if simple else "",
                "msg-list": simple[:2],
                "month": "2018-01",
                "section": "project",
            }.get(kind, 7 if kind in ("number", "d") or spec.endswith(("f", "d")) else "x")
    return args


def catalogues() -> list[tuple[str, dict[str, dict[str, str]]]]:
    found = [(module.__name__, getattr(module, "MESSAGES", {})) for module in CHECK_MODULES]
    found += [
        (f"{module.__name__}.OPTION_MESSAGES", module.OPTION_MESSAGES)
        for module in CHECK_MODULES
        if hasattr(module, "OPTION_MESSAGES")
    ]
    from preflight.sections import CONFIG_MESSAGES as SECTION_CONFIG_MESSAGES

    found.append(("preflight.sections.CONFIG_MESSAGES", SECTION_CONFIG_MESSAGES))
    # the words of the commands and reporters, not only the checks'
    for name in (
        "preflight.characters",
        "preflight.diff",
        "preflight.selection",
        "preflight.source_map",
        "preflight.commands.publications",
        "preflight.commands.sources",
        "preflight.reporters.markdown",
    ):
        found.append((f"{name}.MESSAGES", importlib.import_module(name).MESSAGES))
    from preflight.reporters.html_words import WORDS

    html_words: dict[str, dict[str, str]] = {}
    for language, table in WORDS.items():
        for key, template in table.items():
            html_words.setdefault(key, {})[language] = template.replace("{n}", "\u202f")  # its U+202F
    found.append(("preflight.reporters.html_words.WORDS", html_words))
    return [*found, ("preflight.messages.SHARED", SHARED), ("preflight.i18n", i18n.by_id())]


@pytest.mark.parametrize("name", [module.__name__ for module in CHECK_MODULES])
def test_every_check_declares_its_messages(name: str) -> None:
    module = importlib.import_module(name)
    assert getattr(module, "MESSAGES", None), f"{name} has no MESSAGES"


@pytest.mark.parametrize(("name", "catalogue"), catalogues(), ids=[name for name, _ in catalogues()])
def test_every_message_has_both_languages_with_the_same_arguments(name: str, catalogue: dict) -> None:
    assert missing_translations(catalogue) == []


@pytest.mark.parametrize(("name", "catalogue"), catalogues(), ids=[name for name, _ in catalogues()])
def test_french_messages_read_as_french(name: str, catalogue: dict) -> None:
    problems = []
    for message_id in catalogue:
        args = sample_args(catalogue, message_id)
        french = render_template(catalogue, message_id, args, "fr")
        english = render_template(catalogue, message_id, args, "en")
        bare = QUOTED.sub(" ", typeset_french(catalogue[message_id]["fr"]))
        words = sorted({match.group().lower() for match in ENGLISH_WORDS.finditer(bare)} - {"page"})
        if words:
            problems.append(f"{message_id}: English words {words} in {french!r}")
        if re.search(r"[ \u00a0][;:!?»]|«[ \u00a0]", french):
            problems.append(f"{message_id}: a plain space where French wants U+202F: {french!r}")
        if re.search(r"[A-Za-zÀ-ÿ)][;!?](?:\s|$)", QUOTED.sub(" ", catalogue[message_id]["fr"])):
            problems.append(f"{message_id}: no space before ; ! or ?: {french!r}")
        if NNBSP in english:
            problems.append(f"{message_id}: a French space in English: {english!r}")
    assert problems == []


def test_numbers_sizes_and_pages_in_each_language() -> None:
    assert format_number(12_193_213, "en") == "12,193,213"
    assert format_number(12_193_213, "fr") == f"12{NNBSP}193{NNBSP}213"
    assert format_number(8.4, "fr", 1) == "8,4"
    assert format_size(8_400_000, "fr") == f"8,4{NBSP}Mo"
    assert format_size(8_400_000, "en") == "8.4 MB"
    assert format_size(512, "fr") == f"512{NBSP}octets"
    assert format_bytes(12_193_213, "fr") == f"12{NNBSP}193{NNBSP}213{NBSP}octets"
    assert format_bytes(1, "en") == "1 byte"
    assert format_pages([1, 2, 3, 7], "en") == "pages 1-3, 7"
    assert format_pages(4, "fr") == "page 4"
    assert format_month("2018-01", "fr") == "janv. 2018"
    assert format_month("2018-09", "en") == "Sep 2018"
    assert format_list(["a", "b", "c"], "fr") == "a, b et c"


def test_a_list_after_a_negation_says_or_and_sections_are_named_in_words() -> None:
    catalogue = {
        "m": {"en": "no title reads {titles:quoted-or-list}", "fr": "aucun titre ne porte {titles:quoted-or-list}"},
        "s": {"en": "none of the sections {names:section-list} found", "fr": "aucune des parties {names:section-list}"},
    }
    titles = {"titles": ["cv", "parcours", "biosketch"]}
    assert render_template(catalogue, "m", titles, "en") == "no title reads “cv”, “parcours” or “biosketch”"
    assert render_template(catalogue, "m", titles, "fr") == (
        f"aucun titre ne porte «{NNBSP}cv{NNBSP}», «{NNBSP}parcours{NNBSP}» ou «{NNBSP}biosketch{NNBSP}»"
    )
    names = {"names": ["project", "activity-report", "cv"]}
    assert (
        render_template(catalogue, "s", names, "fr")
        == "aucune des parties projet de recherche, résumé des travaux et CV"
    )
    assert render_template(catalogue, "s", names, "en").startswith("none of the sections research project, ")


def test_plurals_follow_each_language() -> None:
    assert plural(1, "# règle réussie", "# règles réussies", "fr") == "1 règle réussie"
    assert plural(2, "# règle réussie", "# règles réussies", "fr") == "2 règles réussies"
    assert plural(0, "# page", "# pages", "fr") == "0 page"
    assert plural(0, "# page", "# pages", "en") == "0 pages"
    assert plural(1, "# page", "# pages", "en") == "1 page"


def test_french_templates_are_typeset_but_arguments_are_not() -> None:
    catalogue = {"m": {"en": "found {what:text}: fix it", "fr": "trouvé {what:text} : corrigez"}}
    french = render_template(catalogue, "m", {"what": "a : b"}, "fr")
    assert french == f"trouvé «{NNBSP}a : b{NNBSP}»{NNBSP}: corrigez"
    assert render_template(catalogue, "m", {"what": "x"}, "en") == "found “x”: fix it"
    assert render_template(catalogue, "m", {"what": "secret"}, "fr", hide_text=True) == (
        f"trouvé [texte masqué]{NNBSP}: corrigez"
    )


def test_an_unknown_id_is_its_own_text_for_plugins() -> None:
    assert render_template({}, "a plugin's plain message", {}, "fr") == "a plugin's plain message"


def test_language_from_the_environment_follows_gettext() -> None:
    assert i18n.language_from_environment({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert i18n.language_from_environment({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}) == "fr"
    assert i18n.language_from_environment({"LANGUAGE": "fr", "LANG": "C"}) == "en"
    assert i18n.language_from_environment({"LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}) == "en"
    assert i18n.language_from_environment({"LC_MESSAGES": "fr_CA.UTF-8"}) == "fr"
    assert i18n.language_from_environment({}) == "en"
