"""`preflight text --locations FILE...`: the dossier's sources (.tex, .md, .txt, .docx) checked for hidden
characters and mojibake before they reach the PDF, one ``FILE:LINE:COLUMN: level: what`` line per character.

The pre-commit hook ``dossier-sources`` runs it. Levels are the ``hidden-characters`` check's (what the
PDF built from the source would get), not the stricter form-field ones of ``preflight text FILE``. Lines and
columns count characters from 1; for a .docx, the line is the paragraph (line breaks inside one count too).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

EXIT_PASS = 0
EXIT_FAIL = 1
EXIT_USAGE = 2

KIND_TITLES: dict[str, dict[str, str]] = {
    "zero_width": {"fr": "caractère de largeur nulle"},
    "bidi_control": {"fr": "caractère de contrôle bidirectionnel"},
    "control": {"fr": "caractère de contrôle"},
    "c1_control": {"fr": "caractère de contrôle C1, un octet Windows-1252 lu comme du Latin-1"},
    "replacement": {"fr": "caractère de remplacement, un caractère perdu lors d’une conversion"},
    "mojibake": {"fr": "texte mal décodé, de l’UTF-8 lu comme du Windows-1252"},
    "soft_hyphen": {"fr": "trait d’union conditionnel dans un mot"},
    "private_use": {"fr": "caractère à usage privé dans le texte courant"},
    "line_separator": {"fr": "séparateur de ligne ou de paragraphe"},
    "vertical_tab": {"fr": "tabulation verticale, un saut de ligne manuel de Word"},
    "soft_hyphen_dash": {"fr": "trait d’union conditionnel affiché comme un tiret"},
    "private_use_bullet": {"fr": "puce à usage privé, comme les puces Symbol ou Wingdings de Word"},
    "icon_glyph": {"fr": "glyphe d’une police d’icônes"},
    "extraction_artifact": {"fr": "artefact d’extraction"},
    "nonbreaking_hyphen": {"fr": "trait d’union insécable"},
    "ligature": {"fr": "caractère de ligature"},
    "decomposed": {"fr": "accent décomposé, une lettre suivie d’un diacritique combinant"},
}

MESSAGES: dict[str, dict[str, str]] = {
    "source.char": {
        "en": "{place}: {level:msg}: {name}, {kind:msg}: {context:text}",
        "fr": "{place}: {level:msg} : {name}, {kind:msg} : {context:text}",
    },
    "source.mojibake": {
        "en": "{place}: {level:msg}: mojibake {chars:quote}, should read {fixed:quote}: {context:text}",
        "fr": "{place}: {level:msg} : texte mal décodé {chars:quote}, à lire {fixed:quote} : {context:text}",
    },
    "source.unreadable": {
        "en": "{place}: error: {problem}",
        "fr": "{place}: erreur : {problem}",
    },
    "source.fix": {
        "en": "{count:plural:# character|# characters} to fix; 'preflight text --fix FILE' prints a file cleaned",
        "fr": "{count:plural:# caractère|# caractères} à corriger ; « preflight text --fix FICHIER » affiche un "
        "fichier nettoyé",
    },
}


@dataclass(frozen=True)
class SourceHit:
    path: str
    line: int
    column: int
    level: str
    kind: str
    chars: str
    replacement: str | None
    context: str

    def render(self, language: str | None = None, snippets: bool = True) -> str:
        """The hit's line; without snippets (the default in CI), the source's text around it is left out."""
        from preflight.characters import char_name

        args: dict[str, object] = {
            "place": f"{self.path}:{self.line}:{self.column}",
            "level": f"level.{self.level}",
            "kind": f"kind.{self.kind}",
            "name": char_name(self.chars[0]),
            "chars": self.chars,
            "fixed": self.replacement or "",
            "context": self.context,
        }
        return _say("source.mojibake" if self.kind == "mojibake" else "source.char", args, language, not snippets)


def _catalogue() -> dict[str, dict[str, str]]:
    from preflight.characters import CLASSES
    from preflight.i18n import by_id

    kinds = {f"kind.{kind}": {"en": CLASSES[kind].title, **titles} for kind, titles in KIND_TITLES.items()}
    return {**by_id(), **kinds, **MESSAGES}


def _say(message_id: str, args: dict[str, object], language: str | None = None, hide_text: bool = False) -> str:
    from preflight.messages import render_template

    return render_template(_catalogue(), message_id, args, language, hide_text=hide_text)


def locate(path: str, text: str) -> list[SourceHit]:
    """Every hidden character and mojibake of ``text``, with its line and column (from 1)."""
    from preflight.characters import CLASSES, classify, snippet

    hits: list[SourceHit] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if line.isascii() and line.isprintable():
            continue
        for hit in classify(line, bom_start_ok=number == 1):
            level = CLASSES[hit.kind].level
            hits.append(
                SourceHit(path, number, hit.start + 1, level, hit.kind, hit.chars, hit.replacement, snippet(line, hit))
            )
    return hits


def check_sources(sources: Sequence[str], snippets: bool | None = None) -> int:
    """Print one line per character found in each source; the exit status (1 when an error-level one is).

    ``snippets``: quote the text around each character (default: yes, except in CI, whose logs can be public)."""
    import click

    from preflight.commands.text import InputError, read_input
    from preflight.reporters import snippets_by_default

    if snippets is None:
        snippets = snippets_by_default("text")

    # In the language the command chose (its --lang, preflight's, or the environment's).
    status = EXIT_PASS
    errors = 0
    for source in sources:
        try:
            text, _note = read_input(source)
        except InputError as error:
            click.echo(_say("source.unreadable", {"place": source, "problem": str(error)}), err=True)
            status = EXIT_USAGE
            continue
        for hit in locate(source, text):
            click.echo(hit.render(snippets=snippets))
            if hit.level == "error":
                errors += 1
    if errors:
        click.echo(_say("source.fix", {"count": errors}))
        status = status or EXIT_FAIL
    return status
