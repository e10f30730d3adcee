"""No invisible, garbled or private-use characters in the text, while good French typography passes.

What it checks
    Every character of each page's extracted text, of the document metadata (Info and XMP title,
    author, subject, keywords), of the bookmark (outline) titles and of form field values. Classes,
    each with its own level:
      error: zero-width characters (U+200B, U+2060, U+200C/U+200D in Latin text, a U+FEFF inside the
      text), bidirectional controls (U+202A-U+202E, U+2066-U+2069, stray U+200E/U+200F), C0 controls
      other than tab and line breaks, C1 controls U+0080-U+009F, U+FFFD, mojibake ("Ã©" for "é",
      "â€™" for "’", found with ftfy's heuristics), and soft hyphens U+00AD inside a word.
      warning: private-use characters (U+E000-U+F8FF) inside running text (Word's Symbol and
      Wingdings bullets such as U+F0B7), U+2028/U+2029, vertical tab (Word's manual line break).
      info: a private-use bullet starting a list line (Word's list bullets), icon-font glyphs
      (FontAwesome, Material Icons...), glyphs the PDF gives no Unicode meaning (extraction
      artifacts: not something you typed), a soft hyphen drawn as a visible dash (fonts that map
      their hyphen to U+00AD, a soft hyphen ending a line or between digits), U+2011, ligature
      characters (U+FB00-U+FB06) and decomposed accents.
    Never flagged: no-break spaces U+00A0 and U+202F (before ; : ! ? », after «, in 12 500),
    ’ « » “ ” ‘, – — …, œ æ, °, and every ordinary letter, digit or punctuation mark.
    One finding per character and class per page, with the count and up to three snippets.

Why
    Text pasted from Word carries characters that do not show but are there: the portal's form
    validation refuses them, search and copy-paste break on them, and a reviewer who copies a
    sentence gets garbage. Mojibake shows that the text went through a wrong encoding.

How to fix
    In Word, Home > Show/Hide ¶ shows optional hyphens (¬) and manual line breaks; Find and
    Replace ^- (optional hyphen) and ^u8203 (zero-width space) with nothing. Replace Symbol or
    Wingdings bullets with Word's list bullets in an ordinary font. Retype garbled accents, or clean
    pasted text with 'preflight text --fix FILE'. Then export the PDF again.

Options
    One level per class ("error", "warning", "info" or "off"): zero_width, bidi_control, control,
    c1_control, replacement, mojibake, soft_hyphen, private_use, line_separator, vertical_tab,
    soft_hyphen_dash, private_use_bullet, icon_glyph, extraction_artifact, nonbreaking_hyphen,
    ligature, decomposed; unreadable_text for pages whose text cannot be extracted (default "warning").
    max_snippets: snippets per finding (1-3, default 3).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from preflight.characters import (
    CLASS_MESSAGE,
    CLASSES,
    FontFacts,
    Group,
    Hit,
    classify,
    description,
    group_hits,
    is_private_use,
    is_word_symbol_font,
    looks_like_icon_font,
    may_have_hits,
)
from preflight.characters import MESSAGES as CHARACTER_MESSAGES
from preflight.dossier import Dossier
from preflight.model import Finding, Level, OptionError
from preflight.patterns import lazy_pattern
from preflight.rects import line_rect

ID = "hidden-characters"
SUMMARY = "No invisible, garbled or private-use characters in the text; French typography is fine"
SUMMARY_FR = "Aucun caractère invisible, mal décodé ou à usage privé dans le texte ; la typographie française passe"
DOC_FR = """\
Aucun caractère invisible, mal décodé ou à usage privé dans le texte, et la bonne typographie française passe.

Ce qui est vérifié
    Chaque caractère du texte extrait de chaque page, des métadonnées du document (titre, auteur, sujet et
    mots-clés, dans Info et XMP), des titres des signets (plan du document) et des valeurs des champs de
    formulaire. Les caractères sont rangés en classes, chacune avec son niveau :
      erreur : caractères de largeur nulle (U+200B, U+2060, U+200C/U+200D dans un texte latin, U+FEFF au
      milieu du texte), contrôles bidirectionnels (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F isolés),
      caractères de contrôle C0 autres que la tabulation et les sauts de ligne, contrôles C1
      U+0080-U+009F, U+FFFD, mojibake (« Ã© » pour « é », « â€™ » pour « ’ », repéré avec les
      heuristiques de ftfy) et traits d’union conditionnels U+00AD au milieu d’un mot.
      avertissement : caractères à usage privé (U+E000-U+F8FF) dans le texte courant (puces Symbol et
      Wingdings de Word, comme U+F0B7), U+2028/U+2029, tabulation verticale (saut de ligne manuel de Word).
      info : puce à usage privé en début de ligne de liste (puces de liste de Word), glyphes de polices
      d’icônes (FontAwesome, Material Icons…), glyphes auxquels le PDF ne donne aucun sens Unicode
      (artefacts d’extraction : rien que vous ayez tapé), trait d’union conditionnel dessiné comme un
      tiret visible (polices qui associent leur trait d’union à U+00AD, trait d’union conditionnel en fin
      de ligne ou entre deux chiffres), U+2011, caractères ligaturés (U+FB00-U+FB06) et accents décomposés.
    Jamais signalés : les espaces insécables U+00A0 et U+202F (devant ; : ! ? », après «, dans 12 500),
    ’ « » “ ” ‘, – — …, œ æ, °, ni aucune lettre, aucun chiffre ni aucun signe de ponctuation ordinaire.
    Un constat par caractère et par classe sur chaque page, avec le nombre d’occurrences et jusqu’à trois
    extraits.

Pourquoi
    Le texte collé depuis Word transporte des caractères qui ne se voient pas mais sont bien là : la
    validation des formulaires du portail les refuse, la recherche et le copier-coller butent dessus, et
    un rapporteur qui copie une phrase obtient du charabia. Le mojibake montre que le texte est passé par
    un mauvais encodage.

Comment corriger
    Dans Word, Accueil > Afficher tout (¶) montre les traits d’union conditionnels (¬) et les sauts de
    ligne manuels ; avec Rechercher et remplacer, remplacez ^- (trait d’union conditionnel) et ^u8203
    (espace de largeur nulle) par rien. Remplacez les puces Symbol ou Wingdings par les puces de liste de
    Word dans une police ordinaire. Retapez les accents abîmés, ou nettoyez le texte collé avec
    « preflight text --fix FICHIER ». Puis exportez de nouveau le PDF.

Options
    Un niveau par classe ("error", "warning", "info" ou "off") : zero_width, bidi_control, control,
    c1_control, replacement, mojibake, soft_hyphen, private_use, line_separator, vertical_tab,
    soft_hyphen_dash, private_use_bullet, icon_glyph, extraction_artifact, nonbreaking_hyphen,
    ligature, decomposed ; unreadable_text pour les pages dont le texte ne peut pas être extrait
    ("warning" par défaut).
    max_snippets : nombre d’extraits par constat (de 1 à 3, 3 par défaut).
"""

_CMAP_SUFFIX = lazy_pattern(r"-(Identity|UniGB-UCS2|UniJIS-UCS2|UniKS-UCS2|UniCNS-UCS2)(-[HV])?$")
_PRIVATE_USE = lazy_pattern("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
_METADATA_FIELDS = {
    "info:Title": "title (Info)",
    "info:Author": "author (Info)",
    "info:Subject": "subject (Info)",
    "info:Keywords": "keywords (Info)",
    "xmp:dc:title": "title (XMP)",
    "xmp:dc:creator": "author (XMP)",
    "xmp:dc:description": "subject (XMP)",
    "xmp:pdf:Keywords": "keywords (XMP)",
    "xmp:dc:subject": "keywords (XMP dc:subject)",
}
"""The metadata fields read, as the JSON report's ``data.fields`` names them (English; ``field.<key>`` in a message)."""
_FIELD_NAMES_FR = {
    "info:Title": "titre (Info)",
    "info:Author": "auteur (Info)",
    "info:Subject": "sujet (Info)",
    "info:Keywords": "mots-clés (Info)",
    "xmp:dc:title": "titre (XMP)",
    "xmp:dc:creator": "auteur (XMP)",
    "xmp:dc:description": "sujet (XMP)",
    "xmp:pdf:Keywords": "mots-clés (XMP)",
    "xmp:dc:subject": "mots-clés (XMP dc:subject)",
}

MESSAGES: dict[str, dict[str, str]] = {
    **CHARACTER_MESSAGES,  # one id per class (zero-width, ligature...), with ``what`` and the fix: preflight.characters
    "where.page": {"en": "on {page:pages}", "fr": "à la {page:pages}"},
    "where.metadata": {
        "en": "in the document properties: {fields:msg-list}",
        "fr": "dans les propriétés du document : {fields:msg-list}",
    },
    "where.outline": {"en": "in the bookmarks (outline)", "fr": "dans les signets"},
    "where.form-field": {"en": "in form field {field:quote}", "fr": "dans le champ de formulaire {field:quote}"},
    **{f"field.{key}": {"en": label, "fr": _FIELD_NAMES_FR[key]} for key, label in _METADATA_FIELDS.items()},
    "unreadable-text-page": {
        "en": "the text of {pages:pages} cannot be extracted ({error}); hidden characters there were not checked",
        "fr": (
            "le texte de la {pages:pages} ne peut pas être extrait ({error}) : les caractères cachés n’y ont pas "
            "été vérifiés"
        ),
    },
    "unreadable-text-pages": {
        "en": "the text of {pages:pages} cannot be extracted ({error}); hidden characters there were not checked",
        "fr": (
            "le texte des {pages:pages} ne peut pas être extrait ({error}) : les caractères cachés n’y ont pas "
            "été vérifiés"
        ),
    },
    "unreadable-text.fix": {
        "en": "Export the PDF again from its source document, then check it again.",
        "fr": "Exportez de nouveau le PDF depuis son document source, puis vérifiez-le à nouveau.",
    },
    # issue 16: metadata strings whose bytes are not the encoding they announce
    "metadata-odd-bytes": {
        "en": (
            "the document properties' {field} is not valid text: an odd number of bytes ({count}) after its UTF-16 "
            "mark, so its last byte is half a character; viewers and the portal show it garbled or cut short"
        ),
        "fr": (
            "le champ {field} des propriétés du document n’est pas un texte valide : un nombre impair d’octets "
            "({count}) après sa marque UTF-16, son dernier octet est donc la moitié d’un caractère ; les lecteurs "
            "et le portail l’affichent altéré ou tronqué"
        ),
    },
    "metadata-lone-surrogate": {
        "en": (
            "the document properties' {field} is not valid text: a lone UTF-16 surrogate (U+{code} at byte "
            "{offset}) that is half of no character; viewers and the portal show it garbled or cut short"
        ),
        "fr": (
            "le champ {field} des propriétés du document n’est pas un texte valide : un demi-caractère UTF-16 isolé "
            "(U+{code} à l’octet {offset}) ; les lecteurs et le portail l’affichent altéré ou tronqué"
        ),
    },
    "metadata-bad-utf8": {
        "en": (
            "the document properties' {field} is not valid text: bytes that are not UTF-8 (0x{byte} at byte "
            "{offset}) after its UTF-8 mark; viewers and the portal show it garbled or cut short"
        ),
        "fr": (
            "le champ {field} des propriétés du document n’est pas un texte valide : des octets qui ne sont pas de "
            "l’UTF-8 (0x{byte} à l’octet {offset}) après sa marque UTF-8 ; les lecteurs et le portail l’affichent "
            "altéré ou tronqué"
        ),
    },
    "metadata-encoding.fix": {
        "en": "Type the document properties again in the source document (File > Properties) and export again.",
        "fr": (
            "Saisissez de nouveau les propriétés du document dans le document source (Fichier > Propriétés) et "
            "exportez-le de nouveau."
        ),
    },
}


OPTION_MESSAGES = {  # what is wrong with an option's value (preflight.model.OptionError)
    "max-snippets": {
        "en": "max_snippets must be 1, 2 or 3, not {value}",
        "fr": "max_snippets doit valoir 1, 2 ou 3, pas {value}",
    },
}


@dataclass(frozen=True)
class Options:
    zero_width: str = "error"
    bidi_control: str = "error"
    control: str = "error"
    c1_control: str = "error"
    replacement: str = "error"
    mojibake: str = "error"
    soft_hyphen: str = "error"
    private_use: str = "warning"
    line_separator: str = "warning"
    vertical_tab: str = "warning"
    soft_hyphen_dash: str = "info"
    private_use_bullet: str = "info"
    icon_glyph: str = "info"
    extraction_artifact: str = "info"
    nonbreaking_hyphen: str = "info"
    ligature: str = "info"
    decomposed: str = "info"
    unreadable_text: str = "warning"
    max_snippets: int = 3

    def __post_init__(self) -> None:
        for option in dataclasses.fields(self):
            if option.name in CLASSES or option.name == "unreadable_text":
                Level.parse(getattr(self, option.name))  # raises ValueError naming the bad level
        if not 1 <= self.max_snippets <= 3:
            raise OptionError(OPTION_MESSAGES, "max-snippets", value=self.max_snippets)

    def level(self, kind: str) -> Level:
        return Level.parse(getattr(self, kind))


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    facts = _document_facts(dossier)
    unread = [page for page in dossier.pages if page.error and not page.lines]
    if unread and Level.parse(options.unreadable_text) is not Level.OFF:
        pages = [page.number for page in unread]
        yield Finding(
            "unreadable-text-page" if len(pages) == 1 else "unreadable-text-pages",
            {"pages": pages, "error": unread[0].error},
            page=pages[0],
            fix_id="unreadable-text.fix",
            level=Level.parse(options.unreadable_text),
            data={"class": "unreadable_text", "pages": pages, "count": len(pages), "code_points": []},
        )
    for page in dossier.pages:
        if not may_have_hits(page.text):
            continue  # most pages: nothing any line could be flagged for
        located = []
        for line_number, line in enumerate(page.lines):
            if line.text.isascii() and line.text.isprintable():
                continue
            line_facts = FontFacts(line.font_at, line.unmapped, *facts)
            for hit in classify(line.text, line_facts, bom_start_ok=False):
                if options.level(hit.kind) is not Level.OFF:
                    located.append(((line_number, hit.start), line.text, hit, line.font_at(hit.start)))
        for group in group_hits(located, options.max_snippets):
            line = page.lines[group.first_position[0]]
            rect = line_rect(line)
            where: tuple[str, dict[str, object]] = ("where.page", {"page": page.number})
            yield _finding(group, options, where, page.number, {"page": page.number}, rect)

    yield from _strings(
        [(key, value) for key, value in dossier.metadata.items() if key in _METADATA_FIELDS],
        options,
        ("where.metadata", {}),
        "metadata",
    )
    for key, kind, details in dossier.metadata_encoding_problems:
        # Read from the raw bytes: what does not decode is dropped on reading, so no character class sees it.
        yield Finding(
            f"metadata-{kind}",
            {"field": key, **details},
            fix_id="metadata-encoding.fix",
            data={"source": "metadata", "fields": [key], "class": "invalid_encoding", "count": 1, "code_points": []},
        )
    yield from _strings(
        [("bookmarks", entry.title) for entry in dossier.outline],
        options,
        ("where.outline", {}),
        "outline",
    )
    for field_value in dossier.field_values:
        yield from _strings(
            [(field_value.name, field_value.value)],
            options,
            ("where.form-field", {"field": field_value.name}),
            "form-field",
            page=field_value.page,
        )


def _strings(
    items: list[tuple[str, str]],
    options: Options,
    where: tuple[str, dict[str, object]],
    source: str,
    page: int | None = None,
) -> Iterator[Finding]:
    """Typed strings (metadata by key, bookmark titles, field values): every character is the author's."""
    located = []
    places: dict[tuple[str, str], list[str]] = {}
    for order, (label, text) in enumerate(items):
        if text.isascii() and text.isprintable():
            continue
        for hit in classify(text):
            if options.level(hit.kind) is not Level.OFF:
                located.append(((order, hit.start), text, hit, None))
                labels = places.setdefault((hit.kind, hit.chars), [])
                if label not in labels:
                    labels.append(label)
    for group in group_hits(located, options.max_snippets):
        keys = places.get((group.kind, group.chars), [])
        place = where
        fields = keys
        if source == "metadata":
            place = ("where.metadata", {"fields": [f"field.{key}" for key in keys]})
            fields = [_METADATA_FIELDS[key] for key in keys]
        yield _finding(group, options, place, page, {"source": source, "fields": fields})


def _finding(
    group: Group,
    options: Options,
    where: tuple[str, dict[str, object]],
    page: int | None,
    data: dict[str, object],
    rect: tuple[float, float, float, float] | None = None,
) -> Finding:
    """One class's characters in one place, said with the class's message id (one per class: a report groups them)."""
    what, what_args = description(Hit(0, len(group.chars), group.chars, group.kind, group.replacement), group.fonts)
    where_id, where_args = where
    return Finding(
        CLASS_MESSAGE[group.kind],
        {**what_args, **where_args, "what": what, "count": group.count, "where": where_id},
        page=page,
        rect=rect,
        snippet=" | ".join(group.snippets),
        fix_id=f"class.{group.kind}.fix",
        level=options.level(group.kind),
        data={
            **data,
            "class": group.kind,
            "code_points": [f"U+{ord(char):04X}" for char in group.chars],
            "count": group.count,
            "snippets": group.snippets,
            **({"fonts": group.fonts} if group.fonts else {}),
            **({"replacement": group.replacement} if group.replacement is not None else {}),
        },
    )


def _document_facts(dossier: Dossier) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Fonts without ToUnicode, fonts that draw their hyphen as U+00AD, and icon fonts.

    A font draws its hyphen as U+00AD (some TeX fonts) when the document never shows an ordinary
    hyphen in that font, and shows at least one U+00AD used as a dash ('2010\u00ad2014'); then its
    U+00AD between letters ('Back\u00adend') is that visible hyphen too, not Word's optional hyphen.
    """
    mapped: dict[str, bool] = {}
    for info in dossier.fonts:
        for name in {info.display_name, _CMAP_SUFFIX.sub("", info.display_name)}:
            mapped[name] = mapped.get(name, False) or info.has_to_unicode
    without_unicode = frozenset(name for name, has_map in mapped.items() if not has_map)

    drawn: Counter[str] = Counter()
    private: Counter[str] = Counter()
    soft: Counter[str] = Counter()
    hyphens: Counter[str] = Counter()
    any_soft_hyphen = any("\u00ad" in line.text for page in dossier.pages for line in page.lines)
    for page in dossier.pages:
        if not any_soft_hyphen and _PRIVATE_USE.search(page.text) is None:
            continue  # one search per page: no line of it counts below
        for line in page.lines:
            text = line.text
            has_private = _PRIVATE_USE.search(text) is not None
            if not has_private and not (any_soft_hyphen and ("\u00ad" in text or "-" in text or "\u2010" in text)):
                continue
            if has_private:
                runs = line.font_runs or ((0, line.font),)
                for position, (start, font) in enumerate(runs):
                    end = runs[position + 1][0] if position + 1 < len(runs) else len(text)
                    drawn[font] += end - start
            for index, char in enumerate(text):
                if char == "\u00ad":
                    before = text[index - 1] if index else " "
                    after = text[index + 1] if index + 1 < len(text) else ""
                    if after and not (before.isalpha() and after.isalpha()):
                        soft[line.font_at(index)] += 1  # used as a dash: between digits, spaces, punctuation
                elif char in "-\u2010":
                    hyphens[line.font_at(index)] += 1
                elif has_private and is_private_use(char):
                    private[line.font_at(index)] += 1
    # Judged per family: LaTeX sets dates in the regular weight and body text in the light one.
    dash_families = {_family(font) for font in soft}
    hyphen_families = {_family(font) for font in hyphens}
    hyphen_as_soft = frozenset(
        font
        for page in dossier.pages
        for line in page.lines
        if "\u00ad" in line.text
        for _start, font in (line.font_runs or ((0, line.font),))
        if _family(font) in dash_families and _family(font) not in hyphen_families
    )
    icons = frozenset(
        font
        for font, count in private.items()
        if looks_like_icon_font(font) or (not is_word_symbol_font(font) and count * 2 >= drawn[font])
    )
    return without_unicode, hyphen_as_soft, icons


def _family(font: str) -> str:
    """'SourceSans3-LightItalic' -> 'SourceSans3'; 'Calibri,Bold' -> 'Calibri'."""
    return re.split(r"[-,]", font, maxsplit=1)[0]
