"""Messages as data: a finding names its message and its arguments; the text is made here, in one language.

A check declares ``MESSAGES = {"missing-director": {"en": "...", "fr": "..."}}`` beside its code (the
project's choice over gettext catalogues: the words a check says sit with the logic that decides to say
them, a test proves every id has both languages, and nothing has to be compiled before the tool runs).
A finding carries ``message_id`` and ``args``; the engine renders it in the run's language, and an id
``"<id>.fix"``, when the check declares one, is the finding's fix line (``fix_id`` chooses another).

Templates use ``str.format`` fields with a few kinds of their own, so that numbers, sizes, pages,
plurals and quotation marks are written as each language expects and never by string concatenation:

``{count}``                   a number: 12,193,213 / 12 193 213; floats get the decimal comma in French
``{count:plural:# page|# pages}``  the form for the count (French: 0 and 1 are singular); ``#`` is the number
``{size:size}``               bytes as 8.4 MB / 8,4 Mo
``{size:bytes}``              bytes in full: 12,193,213 bytes / 12 193 213 octets
``{pages:pages}``             an int or a list: page 3 / pages 1-3, 7
``{text:text}``               the dossier's own words, quoted: “...” / « ... »; hidden with --no-snippets
``{names:text-list}``         a list of the dossier's own words, each quoted and joined as a list; hidden the same way
``{word:quote}``              our own words, quoted the same way (never hidden)
``{items:list}``              a, b and c / a, b et c; ``{items:quoted-list}`` quotes each item
``{items:quoted-or-list}``    “a”, “b” or “c” / « a », « b » ou « c »: after a negation (no title reads ...)
``{names:section-list}``      sections by their names, as a list: research project and CV / projet de recherche et CV
``{kind:msg}``                the argument is another message id of the same catalogue, rendered here
``{kinds:msg-list}``          a list of such ids, each rendered, joined as a list: a, b and c / a, b et c
``{month:month}``             "2018-01" as Jan 2018 / janv. 2018
``{name:section}``            a section by its name: research project / projet de recherche (a configured one: its id)

French templates are typeset on the way out: a space before ; : ! ? and inside « » becomes the narrow
no-break space (U+202F), as French typography and the hidden-characters check both expect. Arguments are
never typeset: they may be the dossier's own text.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from preflight.i18n import DEFAULT_LANGUAGE, LANGUAGES, get_language

Catalogue = Mapping[str, Mapping[str, str]]
"""Message id -> language -> template."""

NNBSP = "\u202f"
NBSP = "\u00a0"

SHARED: dict[str, dict[str, str]] = {
    # Section finder helpers used by several checks (preflight.sections).
    "no-cover": {
        "en": (
            "no cover sheet: page 1 starts the {section:section} ({title:text}), so {what:msg} cannot be read "
            "from a cover"
        ),
        "fr": (
            "pas de page de garde : la page 1 commence la partie {section:section} ({title:text}), on ne peut donc "
            "pas y lire {what:msg}"
        ),
    },
    "no-cover.fix": {
        "en": (
            "Put the cover sheet first in the combined PDF, with the host unit and its code, the team leader, the "
            "unit director and the commission (CSS); or check this file alone with --profile portal."
        ),
        "fr": (
            "Placez la page de garde en tête du PDF combiné, avec l’unité d’accueil et son code, le chef ou la cheffe "
            "d’équipe, le directeur ou la directrice d’unité et la commission (CSS) ; ou vérifiez ce fichier seul "
            "avec --profile portal."
        ),
    },
    "unreadable-cover": {
        "en": (
            "the cover ({page:pages}) has no text the tool can read (a scanned image, or the text could not be "
            "extracted), so it cannot be checked"
        ),
        "fr": (
            "la page de garde ({page:pages}) n’a aucun texte lisible par l’outil (une image numérisée, ou un texte "
            "impossible à extraire) : elle ne peut pas être vérifiée"
        ),
    },
    "unreadable-cover.fix": {
        "en": "Export the cover from its source document so that its text is real text, not an image.",
        "fr": (
            "Exportez la page de garde depuis son document source pour que son texte soit du vrai texte, pas une image."
        ),
    },
    # A configured section range that the document cannot hold (preflight.sections.range_problem).
    "section-range-after-end": {
        "en": '[sections] {section} = "{first}-{last}" starts after the last page ({page_count}), so {what:msg} '
        "cannot be checked",
        "fr": '[sections] {section} = "{first}-{last}" commence après la dernière page ({page_count}) : on ne peut '
        "donc pas vérifier {what:msg}",
    },
    "section-range-after-end.fix": {
        "en": (
            "Give the section's real pages in [sections] of your preflight.toml ('preflight sections FILE' shows "
            "the pages), or remove the line to let the tool find the section."
        ),
        "fr": (
            "Indiquez les vraies pages de la partie dans [sections] de votre preflight.toml (« preflight sections "
            "FICHIER » montre les pages), ou supprimez la ligne pour laisser l’outil trouver la partie."
        ),
    },
    # project-page-count / sections: how a section was found (preflight.sections.found_by_message), said of
    # "la partie" in French (feminine), and what the section finder notes.
    "found-by.outline": {"en": "found by outline", "fr": "repérée par les signets"},
    "found-by.config": {"en": "found by config", "fr": "fixée par la configuration"},
    "found-by.first-page": {"en": "found by first page", "fr": "prise comme première page"},
    "found-by.heading": {
        "en": "found by heading on page {found_page}",
        "fr": "repérée par son titre à la page {found_page}",
    },
    "found-by.contents": {
        "en": "found by contents on page {found_page}",
        "fr": "repérée comme sommaire à la page {found_page}",
    },
    "found-by.page-title": {
        "en": "found by title of page 1 ({found_title:text} is a title of '{found_name}')",
        "fr": (
            "repérée par le titre de la page 1 ({found_title:text} est un intitulé de la partie {found_name:section})"
        ),
    },
    "found-by.fallback-bookmark": {
        "en": (
            "found by bookmark {found_title:text}, a fallback title of '{found_name}' (none of its own titles, "
            "such as {own_title:quote}, was found)"
        ),
        "fr": (
            "repérée par le signet {found_title:text}, un intitulé de repli de la partie {found_name:section} "
            "(aucun de ses propres intitulés, comme {own_title:quote}, n’a été trouvé)"
        ),
    },
    "found-by.fallback-heading": {
        "en": (
            "found by heading on page {found_page} {found_title:text}, a fallback title of '{found_name}' (none of "
            "its own titles, such as {own_title:quote}, was found)"
        ),
        "fr": (
            "repérée par le titre {found_title:text} de la page {found_page}, un intitulé de repli de la partie "
            "{found_name:section} (aucun de ses propres intitulés, comme {own_title:quote}, n’a été trouvé)"
        ),
    },
    "found-by.bookmark": {
        "en": "found by bookmark {found_title:text}",
        "fr": "repérée par le signet {found_title:text}",
    },
    "found-by.heading-titled": {
        "en": "found by heading on page {found_page} {found_title:text}",
        "fr": "repérée par le titre {found_title:text} de la page {found_page}",
    },
    "found-by.cv-headings": {
        "en": "found by CV headings on page {found_page} ({headings:quoted-list}) and dates",
        "fr": "repérée par les rubriques de CV de la page {found_page} ({headings:quoted-list}) et par des dates",
    },
    "found-by.other": {"en": "found by {found_by}", "fr": "repérée ainsi : {found_by}"},
    "sections.note-text-unreadable": {
        "en": " (the text of the PDF could not be read ({error}), only its outline)",
        "fr": " (le texte du PDF n’a pas pu être lu ({error}), seulement ses signets)",
    },
}
"""Messages that helpers shared by several checks produce (looked up after the check's own)."""

SECTION_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "cover": "cover sheet",
        "toc": "table of contents",
        "cv": "CV",
        "activity-report": "summary of past work",
        "project": "research project",
        "publications": "publication list",
        "letters": "letters",
        "annexes": "annexes",
    },
    "fr": {
        "cover": "page de garde",
        "toc": "sommaire",
        "cv": "CV",
        "activity-report": "résumé des travaux",
        "project": "projet de recherche",
        "publications": "liste des publications",
        "letters": "lettres",
        "annexes": "annexes",
    },
}
"""How a section is named in a sentence (``{name:section}``); a section the user configured keeps its id."""

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "page": "page",
        "pages": "pages",
        "and": "and",
        "or": "or",
        "bytes-one": "byte",
        "bytes": "bytes",
        "hidden": "[text hidden]",
        "open": "“",
        "close": "”",
    },
    "fr": {
        "page": "page",
        "pages": "pages",
        "and": "et",
        "or": "ou",
        "bytes-one": "octet",
        "bytes": "octets",
        "hidden": "[texte masqué]",
        "open": "«" + NNBSP,
        "close": NNBSP + "»",
    },
}
SIZE_UNITS = {"en": ("bytes", "kB", "MB", "GB"), "fr": ("octets", "ko", "Mo", "Go")}
MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
}
PRIVATE_KIND = "text"
PRIVATE_LIST_KIND = "text-list"


def format_number(value: float | int, language: str | None = None, digits: int | None = None) -> str:
    """12193213 -> '12,193,213' (en) or '12 193 213' with narrow no-break spaces (fr); 8.4 -> '8,4' in French."""
    language = language or get_language()
    if isinstance(value, bool):
        return str(value)
    if digits is None:
        text = f"{value:,}" if isinstance(value, int) else f"{value:,.{_digits_for(value)}f}"
    else:
        text = f"{value:,.{digits}f}"
    if language == "fr":
        text = text.replace(",", NNBSP).replace(".", ",")
    return text


def _digits_for(value: float) -> int:
    return 0 if float(value).is_integer() else (1 if abs(value) >= 10 else 2)


def format_size(size: int, language: str | None = None) -> str:
    """Bytes for a person: '8.4 MB' / '8,4 Mo' (decimal units, as the portal's 10 MB limit is)."""
    language = language or get_language()
    units = SIZE_UNITS[language]
    space = NBSP if language == "fr" else " "
    if size < 1000:
        return f"{format_number(size, language)}{space}{units[0]}"
    for index, unit in enumerate(units[1:], start=1):
        value = size / 1000**index
        if value < 1000 or index == len(units) - 1:
            return f"{format_number(value, language, 1)}{space}{unit}"
    raise AssertionError("unreachable")


def format_bytes(size: int, language: str | None = None) -> str:
    language = language or get_language()
    word = _WORDS[language]["bytes-one" if plural_category(size, language) == "one" else "bytes"]
    return f"{format_number(size, language)}{NBSP if language == 'fr' else ' '}{word}"


def plural_category(count: float, language: str | None = None) -> str:
    """'one' or 'other' (CLDR): English singular for 1 only; French for 0 and 1 (and 1.5)."""
    language = language or get_language()
    if language == "fr":
        return "one" if 0 <= abs(count) < 2 else "other"
    return "one" if count == 1 else "other"


def plural(count: float, one: str, other: str, language: str | None = None) -> str:
    """The form for ``count``, with ``#`` replaced by the formatted number."""
    form = one if plural_category(count, language) == "one" else other
    return form.replace("#", format_number(count, language))


def format_pages(pages: int | Iterable[int], language: str | None = None) -> str:
    """'page 3', 'pages 1-3, 7'."""
    language = language or get_language()
    from preflight.model import format_pages as ranges

    numbers = [pages] if isinstance(pages, int) else sorted(set(pages))
    words = _WORDS[language]
    if not numbers:
        return words["pages"]
    label = words["page"] if len(numbers) == 1 else words["pages"]
    return f"{label} {ranges(numbers)}"


def hidden_text(language: str | None = None) -> str:
    """What stands for the dossier's text when it is not quoted: "[text hidden]" / "[texte masqué]"."""
    return _WORDS[language or get_language()]["hidden"]


def quote(text: str, language: str | None = None) -> str:
    words = _WORDS[language or get_language()]
    return f"{words['open']}{text}{words['close']}"


def format_list(items: Sequence[str], language: str | None = None, conjunction: str = "and") -> str:
    """'a, b and c' / 'a, b et c'; with ``conjunction="or"``, 'a, b or c' / 'a, b ou c' (after a negation)."""
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_WORDS[language or get_language()][conjunction]} {items[-1]}"


def format_month(value: object, language: str | None = None) -> str:
    """'2018-01' (or (2018, 1)) as 'Jan 2018' / 'janv. 2018'."""
    language = language or get_language()
    if isinstance(value, (tuple, list)) and len(value) == 2:
        year, month = int(value[0]), int(value[1])
    else:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", str(value))
        if not match:
            return str(value)
        year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return str(year)
    return f"{MONTHS[language][month - 1]} {year}"


_SPACE_BEFORE = re.compile(r"[ \u00a0]([;:!?»])")
_SPACE_AFTER = re.compile(r"(«)[ \u00a0]")


def typeset_french(template: str) -> str:
    """A space before ; : ! ? » and after « becomes the narrow no-break space. Applied to templates only."""
    return _SPACE_AFTER.sub("«" + NNBSP, _SPACE_BEFORE.sub(NNBSP + r"\1", template))


class _Formatter(string.Formatter):
    def __init__(self, language: str, catalogue: Catalogue, args: Mapping[str, Any], hide_text: bool) -> None:
        self.language = language
        self.catalogue = catalogue
        self.args = args
        self.hide_text = hide_text

    def format_field(self, value: Any, format_spec: str) -> str:
        language = self.language
        kind, _, rest = format_spec.partition(":")
        if kind == "plural":
            one, _, other = rest.partition("|")
            return plural(float(value), one, other or one, language)
        if kind == "size":
            return format_size(int(value), language)
        if kind == "bytes":
            return format_bytes(int(value), language)
        if kind == "pages":
            return format_pages(value, language)
        if kind == PRIVATE_KIND:
            if self.hide_text:
                return _WORDS[language]["hidden"]
            from preflight.model import make_visible

            return quote(make_visible(str(value)), language)
        if kind == PRIVATE_LIST_KIND:
            if self.hide_text:
                return _WORDS[language]["hidden"]
            from preflight.model import make_visible

            return format_list([quote(make_visible(str(item)), language) for item in value], language)
        if kind == "quote":
            return quote(str(value), language)
        if kind == "list":
            return format_list([self._plain(item) for item in value], language)
        if kind == "quoted-list":
            return format_list([quote(str(item), language) for item in value], language)
        if kind == "quoted-or-list":
            return format_list([quote(str(item), language) for item in value], language, "or")
        if kind == "section-list":
            return format_list([SECTION_LABELS[language].get(str(item), str(item)) for item in value], language)
        if kind == "msg":
            return render_template(self.catalogue, str(value), self.args, language, self.hide_text)
        if kind == "msg-list":
            ids = [value] if isinstance(value, str) else list(value)
            return format_list(
                [render_template(self.catalogue, str(item), self.args, language, self.hide_text) for item in ids],
                language,
            )
        if kind == "section":
            name = str(value)
            return SECTION_LABELS[language].get(name, name)
        if kind == "month":
            return format_month(value, language)
        if kind == "number":
            return format_number(value, language)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if format_spec:
                text = format(value, format_spec)
                return text.replace(",", NNBSP).replace(".", ",") if language == "fr" else text
            return format_number(value, language)
        return format(value, format_spec)

    def _plain(self, item: Any) -> str:
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            return format_number(item, self.language)
        return str(item)


def template_for(catalogue: Catalogue, message_id: str, language: str) -> str | None:
    entry = catalogue.get(message_id) or SHARED.get(message_id)
    if entry is None:
        return None
    return entry.get(language) or entry.get(DEFAULT_LANGUAGE)


def render_template(
    catalogue: Catalogue,
    message_id: str,
    args: Mapping[str, Any],
    language: str | None = None,
    hide_text: bool = False,
) -> str:
    """The message in ``language``; an id no catalogue knows is itself the text (a plugin's plain message)."""
    language = language or get_language()
    template = template_for(catalogue, message_id, language)
    if template is None:
        return message_id
    if language == "fr":
        template = typeset_french(template)
    return _Formatter(language, catalogue, args, hide_text).vformat(template, (), dict(args))


def fields_of(template: str) -> list[tuple[str, str]]:
    """(argument name, format spec) for every field of a template, nested ones included."""
    found: list[tuple[str, str]] = []
    for _, name, spec, _ in string.Formatter().parse(template):
        if name is None:
            continue
        found.append((name, spec or ""))
        if spec and "{" in spec:
            found.extend(fields_of(spec))
    return found


def private_args(
    catalogue: Catalogue, message_id: str, args: Mapping[str, Any] | None = None, _seen: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """The arguments that quote the dossier's own text (``{x:text}``), in any language's template.

    With ``args``, the messages nested with ``{k:msg}`` and ``{ks:msg-list}`` are followed too: their
    quoted arguments are as private as the outer message's.
    """
    entry = catalogue.get(message_id) or SHARED.get(message_id) or {}
    names: list[str] = []
    for template in entry.values():
        for name, spec in fields_of(template):
            kind = spec.partition(":")[0]
            if kind in (PRIVATE_KIND, PRIVATE_LIST_KIND) and name not in names:
                names.append(name)
            elif kind in ("msg", "msg-list") and args is not None and name in args:
                value = args[name]
                nested = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
                for inner in nested:
                    if isinstance(inner, str) and inner not in _seen:
                        for found in private_args(catalogue, inner, args, _seen | {message_id}):
                            if found not in names:
                                names.append(found)
    return tuple(names)


def missing_translations(catalogue: Catalogue) -> list[str]:
    """Problems that make a catalogue unusable: an id without every language, or languages naming other fields."""
    problems = []
    for message_id, entry in catalogue.items():
        for language in LANGUAGES:
            if not entry.get(language):
                problems.append(f"{message_id}: no {language} template")
        names = {language: {name for name, _ in fields_of(text)} for language, text in entry.items()}
        if len({frozenset(value) for value in names.values()}) > 1:
            problems.append(f"{message_id}: the languages name different arguments {names}")
    return problems
