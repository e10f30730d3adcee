"""`preflight publications dossier.pdf`: the publication list as the tool read it.

Each group the list names (articles, reviews, chapters, proceedings, preprints) with its entries, each entry's
page, whether it is marked submitted or in preparation, whether the candidate's name is in it and marked, and
any impact factor; so that a user sees why publication-list decided as it did.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from preflight.cli import LANG_OPTION, TEXT_OR_JSON_OPTION

EXIT_OK = 0
EXIT_UNREADABLE = 1
EXIT_USAGE = 2

MESSAGES = {
    "header": {
        "en": "{path}: publication list {pages:pages} ({title:quote}), {count:plural:# entry|# entries}",
        "fr": (
            "{path} : liste des publications, {pages:pages} ({title:quote}), {count:plural:# référence|# références}"
        ),
    },
    "none": {
        "en": (
            "{path}: no publication list found. 'preflight sections {path}' shows the sections; name it in "
            'preflight.toml: [sections] publications = "Your title" or publications = "12-14".'
        ),
        "fr": (
            "{path} : aucune liste des publications trouvée. « preflight sections {path} » montre les sections ; "
            'nommez-la dans preflight.toml : [sections] publications = "Votre titre" ou publications = "12-14".'
        ),
    },
    "unreadable": {"en": "{path}: cannot be read: {problem}", "fr": "{path} : illisible : {problem}"},
    "group": {
        "en": "  {kind:msg}: {heading}, {count:plural:# entry|# entries} (from {page:pages})",
        "fr": "  {kind:msg} : {heading}, {count:plural:# référence|# références} (dès la {page:pages})",
    },
    "group-untitled": {
        "en": "  before any group heading: {count:plural:# entry|# entries} (from {page:pages})",
        "fr": "  avant tout titre de groupe : {count:plural:# référence|# références} (dès la {page:pages})",
    },
    "kind.articles": {"en": "articles", "fr": "articles"},
    "kind.reviews": {"en": "reviews", "fr": "revues"},
    "kind.chapters": {"en": "chapters", "fr": "chapitres"},
    "kind.proceedings": {"en": "proceedings and talks", "fr": "communications"},
    "kind.preprints": {"en": "preprints and work in progress", "fr": "preprints et travaux en cours"},
    "kind.other": {"en": "other works", "fr": "autres travaux"},
    "kind.unlabelled": {"en": "untitled", "fr": "sans titre"},
    "candidate": {
        "en": (
            "  candidate {name:quote} (from the {source:msg}): named in {with_name} of the "
            "{count:plural:# entry|# entries}, marked in {marked}"
        ),
        "fr": (
            "  nom cherché {name:quote} ({source:msg}) : présent dans {with_name} des "
            "{count:plural:# référence|# références}, distingué dans {marked}"
        ),
    },
    "source.config": {"en": "configuration", "fr": "lu dans la configuration"},
    "source.cover": {"en": "cover", "fr": "lu sur la page de garde"},
    "source.first page": {"en": "first page", "fr": "lu en première page"},
    "no-candidate": {
        "en": '  candidate: unknown (give --candidate "First Last", or candidate = "..." in [rules.publication-list])',
        "fr": (
            '  nom cherché : inconnu (donnez --candidate "Prénom Nom", ou candidate = "..." dans '
            "[rules.publication-list])"
        ),
    },
    "legend": {"en": "  legend: {text}", "fr": "  légende : {text}"},
    "mark.bold": {"en": "bold", "fr": "gras"},
    "mark.sign": {"en": "sign", "fr": "signe"},
}


def describe_file(path: str, section_config: Any, candidate: str | None) -> dict[str, Any]:
    """The publication list of one file as a JSON-ready dict (also used by the text output)."""
    from preflight.dossier import Dossier

    with Dossier(path, path) as dossier:
        if not dossier.readable:
            from preflight.checks.pdf_readable import describe_problem

            problem, fix = describe_problem(dossier)
            return {"path": path, "readable": False, "problem": problem, "fix": fix}
        dossier.section_config = section_config
        return {"path": path, "readable": True, **dossier.publications(candidate).to_dict()}


def render_text(described: dict[str, Any], language: str) -> str:
    from preflight.messages import render_template

    def say(message_id: str, **args: Any) -> str:
        return render_template(MESSAGES, message_id, args, language)

    path = described["path"]
    if not described["readable"]:
        fix = f"\n  {described['fix']}" if described.get("fix") else ""
        return say("unreadable", path=path, problem=described["problem"]) + fix + "\n"
    if not described["found"]:
        return say("none", path=path) + "\n"
    pages = list(range(described["first_page"], described["last_page"] + 1))
    out = [say("header", path=path, pages=pages, title=described["title"] or "", count=described["entries"])]
    for group in described["groups"]:
        if group["heading"] is None:
            out.append(say("group-untitled", count=group["entries"], page=group["page"]))
        else:
            out.append(
                say(
                    "group",
                    kind=f"kind.{group['kind']}",
                    heading=group["heading"],
                    count=group["entries"],
                    page=group["page"],
                )
            )
        for item in described["items"]:
            if item["group"] != group["kind"] or item["heading"] != group["heading"]:
                continue
            flags = []
            if item["status"]:
                flags.append(f"[{item['status']}]")
            if item["marked"]:
                flags.append(f"[{say('mark.' + item['marked'])}]")
            flags.extend(f"[{metric}]" for metric in item["metrics"])
            words = item["text"] if len(item["text"]) <= 90 else item["text"][:89] + "…"
            out.append(f"    p.{item['page']:<3} {words}{' ' + ' '.join(flags) if flags else ''}")
    if described["candidate"]:
        out.append(
            say(
                "candidate",
                name=described["candidate"],
                source=f"source.{described['candidate_from']}",
                with_name=described["candidate_entries"],
                count=described["entries"],
                marked=described["candidate_marked"],
            )
        )
    else:
        out.append(say("no-candidate"))
    if described["legend"]:
        out.append(say("legend", text=described["legend"]))
    return "\n".join(out) + "\n"


@click.command("publications")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))
@click.option("--profile", "-p", help="Rule set whose section titles and options to use (default: the configured one).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--candidate", metavar="NAME", help='Your name as the author lists write it, e.g. "Claire Dubois".')
@TEXT_OR_JSON_OPTION
@LANG_OPTION
def publications_command(
    paths: tuple[str, ...],
    profile: str | None,
    config_path: str | None,
    candidate: str | None,
    output_format: str,
    lang: str | None,
) -> None:
    """Show the publication list: its groups, each entry's page and marks (submitted, bold name, metrics).

    Exit status: 0 every file was read, 1 a file could not be read, 2 usage or configuration error.
    """
    from preflight.checks import load_registry
    from preflight.cli import _apply_language, expand_paths
    from preflight.config import find_config, load_config, resolve_rule_set
    from preflight.i18n import get_language, t
    from preflight.rulesets import ConfigError

    _apply_language(lang)
    try:
        user = load_config(Path(config_path)) if config_path else find_config(Path.cwd())
        rule_set = resolve_rule_set(load_registry(), user, profile)
    except ConfigError as error:
        click.echo(t("cli.config-error", error=error), err=True)
        sys.exit(EXIT_USAGE)
    if candidate is None:
        rule = next((rule for rule in rule_set.rules if rule.check == "publication-list"), None)
        candidate = getattr(rule.options, "candidate", None) if rule is not None else None
    files = list(expand_paths(paths))
    if not files:
        click.echo("preflight: no PDF files found in " + ", ".join(paths), err=True)
        sys.exit(EXIT_USAGE)
    described = [describe_file(path, rule_set.sections, candidate) for path in files]
    if output_format == "json":
        payload = {"version": 1, "tool": "dossier-preflight", "profile": rule_set.name, "files": described}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        language = get_language()
        click.echo("\n".join(render_text(item, language) for item in described), nl=False)
    sys.exit(EXIT_OK if all(item["readable"] for item in described) else EXIT_UNREADABLE)
