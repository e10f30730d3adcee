"""Which characters are hidden, broken or unusual, and which are good French typography.

One classification serves the ``hidden-characters`` check (text extracted from a PDF, where the font
that drew each character tells an icon from a Word bullet and a glyph without Unicode meaning from a
character the candidate typed) and the ``preflight text`` command (text pasted into a portal form,
with no fonts to ask). Never flagged: U+00A0 and U+202F (French no-break spaces), U+2009, ’ « » “ ” ‘,
– — …, œ Œ æ Æ, °, and every other ordinary letter, digit or punctuation mark.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from preflight.patterns import lazy_pattern


@dataclass(frozen=True)
class CharClass:
    """One kind of problem character, with what it is and what to do about it."""

    id: str
    title: str
    level: str
    """Default level in the ``hidden-characters`` check."""
    text_level: str
    """Level in ``preflight text``, for what is pasted into a form field (stricter)."""
    fix: str


MESSAGES: dict[str, dict[str, str]] = {
    # What each class is (``class.<id>``) and what to do about it (``class.<id>.fix``).
    "class.zero_width": {"en": "zero-width character", "fr": "caractère de largeur nulle"},
    "class.zero_width.fix": {
        "en": (
            "Delete it: put the cursor after the visible neighbour and press Backspace twice, then retype the letter "
            "(in Word, Home > Show/Hide ¶ does not show it; search for ^u8203)."
        ),
        "fr": (
            "Supprimez-le : placez le curseur après le caractère visible voisin, appuyez deux fois sur Retour "
            "arrière, puis retapez la lettre (dans Word, Accueil > Afficher tout ¶ ne le montre pas ; cherchez "
            "^u8203)."
        ),
    },
    "class.bidi_control": {"en": "bidirectional control", "fr": "contrôle bidirectionnel"},
    "class.bidi_control.fix": {
        "en": "Delete it: it reorders the text invisibly; retype the passage or paste it as plain text.",
        "fr": (
            "Supprimez-le : il change l’ordre du texte sans que cela se voie ; retapez le passage ou collez-le "
            "sans mise en forme."
        ),
    },
    "class.control": {"en": "control character", "fr": "caractère de contrôle"},
    "class.control.fix": {
        "en": "Delete it; it usually comes from pasting out of another program. Paste as plain text and retype.",
        "fr": (
            "Supprimez-le ; il vient en général d’un copier-coller depuis un autre logiciel. Collez sans mise en "
            "forme, puis retapez."
        ),
    },
    "class.c1_control": {
        "en": "C1 control character, a Windows-1252 byte read as Latin-1",
        "fr": "caractère de contrôle C1, un octet Windows-1252 lu comme du Latin-1",
    },
    "class.c1_control.fix": {
        "en": "Replace it with the character it stands for (shown in the message) and fix the encoding of the source.",
        "fr": (
            "Remplacez-le par le caractère qu’il représente (indiqué dans le message) et corrigez l’encodage de la "
            "source."
        ),
    },
    "class.replacement": {
        "en": "replacement character, a character lost in a conversion",
        "fr": "caractère de remplacement, trace d’un caractère perdu lors d’une conversion",
    },
    "class.replacement.fix": {
        "en": "Retype the character that was lost; the original cannot be recovered from the text.",
        "fr": "Retapez le caractère perdu ; le texte ne permet pas de retrouver l’original.",
    },
    "class.mojibake": {
        "en": "mojibake, UTF-8 text decoded as Windows-1252",
        "fr": "mojibake, texte UTF-8 décodé comme du Windows-1252",
    },
    "class.mojibake.fix": {
        "en": (
            "Replace the garbled letters with the right ones (shown in the message), e.g. with "
            "'preflight text --fix', and re-export."
        ),
        "fr": (
            "Remplacez les lettres abîmées par les bonnes (indiquées dans le message), par exemple avec "
            "« preflight text --fix », puis exportez de nouveau."
        ),
    },
    "class.soft_hyphen": {"en": "soft hyphen inside a word", "fr": "trait d’union conditionnel au milieu d’un mot"},
    "class.soft_hyphen.fix": {
        "en": "Remove the optional hyphen (Word: Home > Show/Hide ¶ shows it as ¬; Find ^- and Replace with nothing).",
        "fr": (
            "Supprimez le trait d’union conditionnel (dans Word, Accueil > Afficher tout ¶ le montre sous la forme "
            "¬ ; remplacez ^- par rien avec Rechercher et remplacer)."
        ),
    },
    "class.private_use": {
        "en": "private-use character in running text",
        "fr": "caractère à usage privé dans le texte courant",
    },
    "class.private_use.fix": {
        "en": (
            "Use a real character instead of a Symbol/Wingdings glyph: '•', '–', '→', or Word's own list bullets "
            "(Home > Bullets) with an ordinary font."
        ),
        "fr": (
            "Employez un vrai caractère au lieu d’un glyphe Symbol ou Wingdings : « • », « – », « → », ou les "
            "puces de liste de Word (Accueil > Puces) dans une police ordinaire."
        ),
    },
    "class.line_separator": {"en": "line or paragraph separator", "fr": "séparateur de ligne ou de paragraphe"},
    "class.line_separator.fix": {
        "en": "Replace it with an ordinary line break (Enter).",
        "fr": "Remplacez-le par un saut de ligne ordinaire (Entrée).",
    },
    "class.vertical_tab": {
        "en": "vertical tab, a Word manual line break",
        "fr": "tabulation verticale, un saut de ligne manuel de Word",
    },
    "class.vertical_tab.fix": {
        "en": "Replace the manual line break (Shift+Enter) with an ordinary paragraph break (Enter).",
        "fr": "Remplacez le saut de ligne manuel (Maj+Entrée) par une marque de paragraphe ordinaire (Entrée).",
    },
    "class.soft_hyphen_dash": {
        "en": "soft hyphen drawn as a visible dash",
        "fr": "trait d’union conditionnel dessiné comme un tiret visible",
    },
    "class.soft_hyphen_dash.fix": {
        "en": (
            "Nothing to do in the PDF: the dash is visible (a line-end hyphen, or a font that maps its hyphen to "
            "U+00AD); copied text may lose it, so retype dashes when you paste into a form field."
        ),
        "fr": (
            "Rien à faire dans le PDF : le tiret se voit (coupure en fin de ligne, ou police qui associe son trait "
            "d’union à U+00AD). Le texte copié peut le perdre ; retapez donc les tirets quand vous collez le texte "
            "dans un champ de formulaire."
        ),
    },
    "class.private_use_bullet": {
        "en": "private-use list bullet, as Word's Symbol/Wingdings bullets",
        "fr": "puce à usage privé, comme les puces Symbol/Wingdings de Word",
    },
    "class.private_use_bullet.fix": {
        "en": "Nothing to do in the PDF; in a form field use '-' or '•' instead.",
        "fr": "Rien à faire dans le PDF ; dans un champ de formulaire, utilisez plutôt « - » ou « • ».",
    },
    "class.icon_glyph": {"en": "icon-font glyph", "fr": "glyphe de police d’icônes"},
    "class.icon_glyph.fix": {
        "en": "Nothing to do; icons copy as private-use characters, so do not paste them into form fields.",
        "fr": (
            "Rien à faire ; copiées, les icônes deviennent des caractères à usage privé : ne les collez pas dans "
            "les champs de formulaire."
        ),
    },
    "class.extraction_artifact": {"en": "extraction artifact", "fr": "artefact d’extraction"},
    "class.extraction_artifact.fix": {
        "en": (
            "Nothing you typed: the font gives this glyph no Unicode meaning, so copied or searched text is wrong "
            "there. Embedding fonts with a ToUnicode map (PDF/A export) fixes it."
        ),
        "fr": (
            "Vous n’avez rien tapé de tel : la police ne donne à ce glyphe aucun sens Unicode, si bien que le texte "
            "copié ou recherché y est faux. Incorporer les polices avec une table ToUnicode (export PDF/A) y remédie."
        ),
    },
    "class.nonbreaking_hyphen": {"en": "non-breaking hyphen", "fr": "trait d’union insécable"},
    "class.nonbreaking_hyphen.fix": {
        "en": "Fine in the PDF; in a form field use an ordinary hyphen '-'.",
        "fr": "Sans conséquence dans le PDF ; dans un champ de formulaire, utilisez un trait d’union ordinaire « - ».",
    },
    "class.ligature": {"en": "ligature character", "fr": "caractère ligaturé"},
    "class.ligature.fix": {
        "en": "Fine in the PDF if the source has ordinary letters; in a form field type the letters (fi, fl, ff).",
        "fr": (
            "Sans conséquence dans le PDF si la source contient des lettres ordinaires ; dans un champ de "
            "formulaire, tapez les lettres (fi, fl, ff)."
        ),
    },
    "class.decomposed": {
        "en": "decomposed accent, a letter followed by a combining mark",
        "fr": "accent décomposé, une lettre suivie d’un diacritique combinant",
    },
    "class.decomposed.fix": {
        "en": "Retype the accented letter, or run 'preflight text --fix', which composes it (NFC).",
        "fr": "Retapez la lettre accentuée, ou lancez « preflight text --fix », qui la compose (NFC).",
    },
    # What one character (or mojibake sequence) is: description() chooses the id and gives its arguments.
    "char.plain": {"en": "{char}: {title:msg}", "fr": "{char} : {title:msg}"},
    "char.c1": {"en": "{char}: {title:msg}{meaning:msg}", "fr": "{char} : {title:msg}{meaning:msg}"},
    "char.c1-meaning": {"en": "; in Windows-1252 it is {meant:quote}", "fr": " ; en Windows-1252, c’est {meant:quote}"},
    "char.mojibake": {
        "en": "mojibake {chars:text} (should read {replacement:text})",
        "fr": "mojibake {chars:text} (pour {replacement:text})",
    },
    "char.mojibake-lost": {
        "en": "mojibake {chars:text} (should not be there)",
        "fr": "mojibake {chars:text} (qui ne devrait pas être là)",
    },
    "char.private-inside": {
        "en": "{char}: {glyph:msg} inside running text{from_fonts:msg}",
        "fr": "{char} : {glyph:msg} dans le texte courant{from_fonts:msg}",
    },
    "char.private-bullet": {
        "en": "{char}: {glyph:msg} starting a list line{from_fonts:msg}",
        "fr": "{char} : {glyph:msg} en début de ligne de liste{from_fonts:msg}",
    },
    "glyph.word": {"en": "Word Symbol/Wingdings bullet", "fr": "puce Symbol/Wingdings de Word"},
    "glyph.private": {"en": "private-use character", "fr": "caractère à usage privé"},
    "char.icon": {"en": "{char}: {title:msg}{from_fonts:msg}", "fr": "{char} : {title:msg}{from_fonts:msg}"},
    "char.artifact": {
        "en": "{char}: {title:msg}{from_fonts:msg}, a glyph the PDF gives no Unicode meaning, not typed by you",
        "fr": (
            "{char} : {title:msg}{from_fonts:msg}, un glyphe auquel le PDF ne donne aucun sens Unicode, que vous "
            "n’avez pas tapé"
        ),
    },
    "from-fonts": {
        "en": " from {font_count:plural:font|fonts} {fonts:list}",
        "fr": " ({font_count:plural:police|polices} {fonts:list})",
    },
}
"""The classes' words in English and French, for the ``hidden-characters`` check and ``preflight text``.

A problem of one class is said with the message id of its class (``CLASS_MESSAGE[kind]``, e.g. ``zero-width``):
"U+200B ZERO WIDTH SPACE: zero-width character, 3 times on page 2". Its arguments are those of
``description(hit, fonts)`` (the id as ``what``, and the description's own), ``count``, and ``where``: a message
id of the caller's catalogue, with its arguments ("on page 2" for the check, "(line 3)" for ``preflight text``).
The fix line is ``class.<kind>.fix``. A caller merges this catalogue into its own.
"""

_KINDS = (
    # id, level in hidden-characters, level in preflight text
    ("zero_width", "error", "error"),
    ("bidi_control", "error", "error"),
    ("control", "error", "error"),
    ("c1_control", "error", "error"),
    ("replacement", "error", "error"),
    ("mojibake", "error", "error"),
    ("soft_hyphen", "error", "error"),
    ("private_use", "warning", "error"),
    ("line_separator", "warning", "error"),
    ("vertical_tab", "warning", "error"),
    ("soft_hyphen_dash", "info", "error"),
    ("private_use_bullet", "info", "error"),
    ("icon_glyph", "info", "error"),
    ("extraction_artifact", "info", "error"),
    ("nonbreaking_hyphen", "info", "warning"),
    ("ligature", "info", "warning"),
    ("decomposed", "info", "warning"),
)

CLASSES: dict[str, CharClass] = {
    kind: CharClass(kind, MESSAGES[f"class.{kind}"]["en"], level, text_level, MESSAGES[f"class.{kind}.fix"]["en"])
    for kind, level, text_level in _KINDS
}

CLASS_MESSAGE = {kind: kind.replace("_", "-") for kind in CLASSES}
"""The message id a problem of each class is said with: one id per class, so a report can group them."""

MESSAGES.update(
    {
        CLASS_MESSAGE[kind]: {
            "en": "{what:msg}, {count:plural:once|# times} {where:msg}",
            "fr": "{what:msg}, {count:plural:une fois|# fois} {where:msg}",
        }
        for kind in CLASSES
    }
)
# Mojibake quotes the dossier's own letters: at the top level of its message, so that --no-snippets hides them.
MESSAGES["mojibake"] = {
    "en": "mojibake {chars:text} (should read {replacement:text}), {count:plural:once|# times} {where:msg}",
    "fr": "mojibake {chars:text} (pour {replacement:text}), {count:plural:une fois|# fois} {where:msg}",
}


_C0_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x1A: "SUBSTITUTE",
    0x1E: "RECORD SEPARATOR",
    0x1F: "UNIT SEPARATOR",
    0x7F: "DELETE",
}
_ZERO_WIDTH = {0x200B, 0x2060, 0x180E, 0x2061, 0x2062, 0x2063, 0x2064}
_JOINERS = {0x200C, 0x200D}
_BIDI_MARKS = {0x200E, 0x200F, 0x061C}
_BIDI_CONTROLS = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
_WORD_SYMBOL_FONT = lazy_pattern(r"symbol|wingdings|webdings", re.IGNORECASE)
_ICON_FONT = lazy_pattern(
    r"awesome|materialicons|material.?symbols|icons?\b|icomoon|fontello|glyphicons|ionicons|octicons|"
    r"academicons|marvosym|typicons|entypo|devicons|nerd.?font|simple.?icons|bootstrap.?icons|"
    r"dingbat|\bifsym|fontawesome|emoji",
    re.IGNORECASE,
)


_SUSPECT = lazy_pattern(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0300-\u036f\u061c\u180e\u1ab0-\u1aff\u1dc0-\u1dff"
    "\u200b-\u200f\u2011\u2028-\u202e\u2060-\u2064\u2066-\u2069\u20d0-\u20ff\ue000-\uf8ff"
    "\ufb00-\ufb06\ufe20-\ufe2f\ufeff\ufffd\U000f0000-\U0010ffff]"
)
"""Every character some class may flag; the classification decides on each one found."""


def is_private_use(char: str) -> bool:
    code = ord(char)
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000


def char_name(char: str) -> str:
    """'U+00AD SOFT HYPHEN'; control characters, which Python leaves unnamed, get their usual name."""
    code = ord(char)
    name = unicodedata.name(char, "") or _C0_NAMES.get(code, "")
    if not name and 0x80 <= code <= 0x9F:
        name = "C1 CONTROL"
    if not name and is_private_use(char):
        name = "PRIVATE USE"
    return f"U+{code:04X}{' ' + name if name else ''}"


def cp1252_meaning(char: str) -> str | None:
    """What a C1 control stood for before a Windows-1252 text was read as Latin-1 (U+0092 -> ’)."""
    try:
        return bytes([ord(char)]).decode("cp1252")
    except (UnicodeDecodeError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a problem character (or a mojibake sequence) in a text."""

    start: int
    end: int
    chars: str
    kind: str
    replacement: str | None = None
    """For mojibake: the text ftfy restores."""


@dataclass(frozen=True)
class FontFacts:
    """What the document says about the fonts that drew a line, to tell artifacts and icons apart."""

    font_at: Callable[[int], str]
    unmapped: Collection[int] = frozenset()
    fonts_without_unicode: Collection[str] = frozenset()
    """Fonts with no ToUnicode map: their private-use and control characters are extraction artifacts."""
    hyphen_as_soft_hyphen: Collection[str] = frozenset()
    """Fonts that draw their hyphen as U+00AD (some TeX fonts): never an ordinary '-'."""
    icon_fonts: Collection[str] = frozenset()


def is_word_symbol_font(font: str) -> bool:
    return bool(_WORD_SYMBOL_FONT.search(font))


def looks_like_icon_font(font: str) -> bool:
    return bool(_ICON_FONT.search(font)) and not is_word_symbol_font(font)


def _latin_side(char: str) -> bool:
    """A neighbour that makes a joiner 'in Latin text' (not emoji, Indic or Arabic shaping)."""
    if not char or char.isspace() or ord(char) < 0x250:
        return True  # ASCII, Latin-1 (° « »), Latin Extended
    category = unicodedata.category(char)
    if category[0] in "PZNC" or category in ("Sc", "Sm", "Sk"):
        return True  # not "So": ZWJ joins emoji
    return unicodedata.name(char, "").startswith("LATIN")


def _rtl(char: str) -> bool:
    return bool(char) and unicodedata.bidirectional(char) in ("R", "AL", "AN")


def _is_latin_letter(char: str) -> bool:
    return bool(char) and char.isalpha() and unicodedata.name(char, "").startswith("LATIN")


def _classify_char(text: str, index: int, facts: FontFacts | None, bom_start_ok: bool) -> str | None:
    char = text[index]
    code = ord(char)
    if code < 0x80 and code >= 0x20 and code != 0x7F:
        return None
    if char in "\t\n\r":
        return None
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""

    def artifact() -> bool:
        if facts is None:
            return False
        return index in facts.unmapped or facts.font_at(index) in facts.fonts_without_unicode

    if code == 0x0B:
        return "vertical_tab"
    if code < 0x20 or code == 0x7F:
        return "extraction_artifact" if artifact() else "control"
    if 0x80 <= code <= 0x9F:
        return "extraction_artifact" if artifact() else "c1_control"
    if code < 0xA0:
        return None
    if code == 0xAD:
        if facts is None:
            return "soft_hyphen"
        at_line_end = not text[index + 1 :].strip()
        inside_word = before.isalpha() and after.isalpha()
        if at_line_end or not inside_word or facts.font_at(index) in facts.hyphen_as_soft_hyphen:
            return "soft_hyphen_dash"
        return "soft_hyphen"
    if code in _ZERO_WIDTH:
        return "zero_width"
    if code in _JOINERS:
        return "zero_width" if _latin_side(before) and _latin_side(after) else None
    if code == 0xFEFF:
        return None if index == 0 and bom_start_ok else "zero_width"
    if code in _BIDI_CONTROLS:
        return "bidi_control"
    if code in _BIDI_MARKS:
        return None if _rtl(before) or _rtl(after) else "bidi_control"
    if code == 0xFFFD:
        icon = facts is not None and facts.font_at(index) in facts.icon_fonts
        return "extraction_artifact" if artifact() or icon else "replacement"
    if code in (0x2028, 0x2029):
        return "line_separator"
    if is_private_use(char):
        if artifact():
            return "extraction_artifact"
        font = facts.font_at(index) if facts is not None else ""
        if facts is not None and font in facts.icon_fonts:
            return "icon_glyph"
        if not text[:index].strip():
            return "private_use_bullet"
        return "private_use"
    if code == 0x2011:
        return "nonbreaking_hyphen"
    if 0xFB00 <= code <= 0xFB06:
        return "ligature"
    if unicodedata.category(char) == "Mn" and _is_latin_letter(before):
        composed = unicodedata.normalize("NFC", before + char)
        return "decomposed" if len(composed) == 1 else None
    return None


def may_have_hits(text: str) -> bool:
    """False when :func:`classify` certainly finds nothing in ``text``: no character any class may flag, and
    no start of mojibake. Both tests look at one or two adjacent non-ASCII characters, so one search of a page's
    lines joined by newlines answers for every line of the page at once."""
    return _SUSPECT.search(text) is not None or _MOJIBAKE_START.search(text) is not None


def classify(text: str, facts: FontFacts | None = None, *, bom_start_ok: bool = True) -> list[Hit]:
    """Every problem character in ``text``, in order; mojibake sequences found with ftfy's heuristics.

    ``facts`` describes the fonts of a line extracted from a PDF; without it (pasted text, metadata)
    every character is taken as typed.
    """
    hits: list[Hit] = []
    for match in _SUSPECT.finditer(text):
        index = match.start()
        kind = _classify_char(text, index, facts, bom_start_ok)
        if kind is not None:
            hits.append(Hit(index, index + 1, match.group(), kind))
    if hits:
        # Other hidden characters must not make ftfy read good text as mojibake; C1 controls stay, since
        # they are part of mojibake ('Ã\x89' is 'É' read as Latin-1).
        blanked = list(text)
        for hit in hits:
            if hit.kind != "c1_control":
                blanked[hit.start] = " "
        probe = "".join(blanked)
    else:
        probe = text
    for hit in _mojibake(probe, {hit.start for hit in hits}):
        if facts is not None and all(
            index in facts.unmapped or facts.font_at(index) in facts.fonts_without_unicode
            for index in range(hit.start, hit.end)
        ):
            # Garbled by a font without a Unicode map (CJK text in a legacy encoding), not by the author.
            hit = Hit(hit.start, hit.end, hit.chars, "extraction_artifact")
        hits.append(hit)
    hits.sort(key=lambda hit: hit.start)
    return hits


_MOJIBAKE_START = lazy_pattern("[\u00c2-\u00f4\u221a\u2500-\u257f][^\x00-\x7f]")
"""A UTF-8 lead byte read as Windows-1252, Latin-1, MacRoman or CP437, then another non-ASCII
character: no mojibake without it, and ftfy's own test is slower than this one."""
_NON_ASCII_RUN = lazy_pattern(r"[^\x00-\x7f]+")
_TOKEN = lazy_pattern(r"[^ \t\n\r]+")


def _mojibake(text: str, already: set[int]) -> Iterable[Hit]:
    """UTF-8 sequences read as Windows-1252 ('Ã©' for 'é'), in the words ftfy's badness heuristic finds bad.

    Each sequence is decoded back on its own (2 to 4 characters giving one plausible character), so
    one '«' that cannot be re-encoded does not hide the 'Ã©' next to it, as it does for ftfy's repair
    of a whole string.
    """
    if text.isascii() or not _MOJIBAKE_START.search(text):
        return
    from ftfy.badness import is_bad

    if not is_bad(text):
        return
    for token in _TOKEN.finditer(text):
        word = token.group()
        if word.isascii() or not is_bad(word):
            continue
        for run in _NON_ASCII_RUN.finditer(word):  # mojibake holds no ASCII: UTF-8 bytes above 0x7F
            original = run.group()
            offset = token.start() + run.start()
            index = 0
            while index < len(original) - 1:
                for length in (2, 3, 4):
                    sequence = original[index : index + length]
                    meant = _utf8_read_as_cp1252(sequence) if len(sequence) == length else None
                    if meant is not None:
                        if not all(offset + i in already for i in range(index, index + length)):
                            yield Hit(offset + index, offset + index + length, sequence, "mojibake", meant)
                        index += length
                        break
                else:
                    index += 1


def _utf8_read_as_cp1252(sequence: str) -> str | None:
    """The one character a UTF-8 sequence stood for before it was read as Windows-1252 (or Latin-1)."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252, which maps 0x81, 0x8D... too)

    for codec in ("sloppy-windows-1252", "latin-1"):
        try:
            meant = sequence.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        return meant if len(meant) == 1 and not meant.isascii() and _plausible(meant) else None
    return None


def _plausible(char: str) -> bool:
    """A character that repaired mojibake in a European text can produce."""
    if char.isascii() or char in "€™•…–—‘’“”«»":
        return True
    return 0xA0 <= ord(char) <= 0x17F


# --------------------------------------------------------------------------------------- display
def marker(hit: Hit) -> str:
    """The problem characters, made visible: ⟦U+00AD SOFT HYPHEN⟧, or ⟦Ã© → é⟧ for mojibake."""
    if hit.kind == "mojibake":
        return f"⟦{_plain(hit.chars)} → {hit.replacement}⟧"
    return "".join(f"⟦{char_name(char)}⟧" for char in hit.chars)


def _plain(text: str) -> str:
    from preflight.model import make_visible

    return make_visible(text)


def snippet(text: str, hit: Hit, width: int = 18) -> str:
    """A few words either side of the hit, with the hit and any other invisible character made visible."""
    start = max(0, hit.start - width)
    if start > 0:
        space = text.find(" ", start, hit.start)
        start = space + 1 if 0 <= space < hit.start - 3 else start
    end = min(len(text), hit.end + width)
    if end < len(text):
        space = text.rfind(" ", hit.end, end)
        end = space if space > hit.end + 3 else end
    left = ("…" if start > 0 else "") + _plain(text[start : hit.start]).lstrip()
    right = _plain(text[hit.end : end]).rstrip() + ("…" if end < len(text) else "")
    return f"{left}{marker(hit)}{right}"


def description(hit: Hit, fonts: list[str] | None = None) -> tuple[str, dict[str, object]]:
    """What the character is, as a message id of ``MESSAGES`` (``char.*``) and its arguments, for a finding's
    ``{what:msg}``, rendered in the run's language by the check and by ``preflight text``."""
    char = hit.chars[0]
    if hit.kind == "mojibake":  # its class's message names these itself (``what`` is for other messages)
        if hit.replacement:
            return "char.mojibake", {"chars": hit.chars, "replacement": hit.replacement}
        return "char.mojibake-lost", {"chars": hit.chars, "replacement": ""}
    name = char_name(char)
    title = f"class.{hit.kind}"
    from_fonts: dict[str, object] = {
        "from_fonts": "from-fonts" if fonts else "",
        "fonts": list(fonts or []),
        "font_count": len(fonts or []),
    }
    if hit.kind == "c1_control":
        meant = cp1252_meaning(char)
        return "char.c1", {"char": name, "title": title, "meaning": "char.c1-meaning" if meant else "", "meant": meant}
    if hit.kind in ("private_use", "private_use_bullet"):
        word_glyph = 0xF000 <= ord(char) <= 0xF0FF or any(is_word_symbol_font(font) for font in fonts or ())
        where = "char.private-bullet" if hit.kind == "private_use_bullet" else "char.private-inside"
        return where, {"char": name, "glyph": "glyph.word" if word_glyph else "glyph.private", **from_fonts}
    if hit.kind == "icon_glyph":
        return "char.icon", {"char": name, "title": title, **from_fonts}
    if hit.kind == "extraction_artifact":
        return "char.artifact", {"char": name, "title": title, **from_fonts}
    return "char.plain", {"char": name, "title": title}


# ------------------------------------------------------------------------------------------- fix
_REMOVE_KINDS = {"zero_width", "bidi_control", "control", "soft_hyphen", "soft_hyphen_dash", "replacement"}


def clean(text: str) -> str:
    """The text as a portal form field should receive it.

    Mojibake and C1 controls repaired with ftfy, invisible characters removed, private-use bullets
    turned into '-', Word line breaks into newlines, ligatures spelled out, NFC. French typography
    (no-break spaces, apostrophes, guillemets, dashes, œ, æ) is kept as it is.
    """
    from ftfy import TextFixerConfig, fix_text

    config = TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    if not text.isascii():
        text = "".join(_repair_mojibake(line) for line in text.splitlines(keepends=True))
        repaired = fix_text(text, config)
        if all(_plausible(char) for char in set(repaired) - set(text)):
            text = repaired  # ftfy's other repairs, unless it guessed letters no European text has
    for _ in range(3):  # removing one character can expose another (a joiner next to a soft hyphen)
        cleaned = unicodedata.normalize("NFC", "".join(_clean_line(line) for line in text.splitlines(keepends=True)))
        if cleaned == text:
            break
        text = cleaned
    return text


def _repair_mojibake(text: str) -> str:
    for hit in sorted(_mojibake(text, set()), key=lambda hit: -hit.start):
        text = text[: hit.start] + (hit.replacement or "") + text[hit.end :]
    return text


def _clean_line(text: str) -> str:
    text = _repair_mojibake(text)
    out: list[str] = []
    for index, char in enumerate(text):
        code = ord(char)
        if 0x20 <= code < 0x7F or char in "\t\n\r":
            out.append(char)
            continue
        kind = _classify_char(text, index, None, bom_start_ok=False)
        if kind is None:
            out.append(char)
        elif kind in _REMOVE_KINDS:
            continue
        elif kind in ("vertical_tab", "line_separator"):
            out.append("\n")
        elif kind == "private_use_bullet":
            out.append("-")
        elif kind == "private_use":
            continue
        elif kind == "c1_control":
            out.append(cp1252_meaning(char) or "")
        elif kind == "nonbreaking_hyphen":
            out.append("-")
        elif kind == "ligature":
            out.append(unicodedata.normalize("NFKC", char))
        else:
            out.append(char)
    return "".join(out)


@dataclass
class Group:
    """Every hit of one character (and class) in one place, for one finding."""

    kind: str
    chars: str
    count: int = 0
    snippets: list[str] = field(default_factory=list)
    replacement: str | None = None
    fonts: list[str] = field(default_factory=list)
    first_position: tuple[int, int] = (0, 0)


def group_hits(located: Iterable[tuple[tuple[int, int], str, Hit, str | None]], max_snippets: int = 3) -> list[Group]:
    """Group (position, text, hit, font) by character and class, keeping the first snippets."""
    groups: dict[tuple[str, str], Group] = {}
    for position, text, hit, font in located:
        key = (hit.kind, hit.chars)
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(hit.kind, hit.chars, replacement=hit.replacement, first_position=position)
        group.count += 1
        if font is not None and font not in group.fonts:
            group.fonts.append(font)
        if len(group.snippets) < max_snippets:
            text_snippet = snippet(text, hit)
            if text_snippet not in group.snippets:
                group.snippets.append(text_snippet)
    return sorted(groups.values(), key=lambda g: g.first_position)
