"""The file's name is one an upload portal accepts: ASCII letters, digits, '-', '_' and one '.pdf'.

What it checks
    The name of the file as given (not its folder): only ASCII letters, digits, '-' and '_', then
    a single '.pdf' ending in lower case; no spaces, accents, apostrophes or other punctuation, no
    second dot ('v1.3.pdf'), at most 64 characters in all. It suggests a safe name: accents
    transliterated (É -> E, œ -> oe), spaces and punctuation turned into '_'.

Why
    Upload forms on French public-sector portals refuse or mangle such names (Mon Master: "Latin
    characters only, no spaces, no accents"; other forms read 'v1.3.pdf' as a double extension),
    and a mangled name can lose the file's link to your application.

How to fix
    Rename the file before uploading, e.g. 'Dossier_Élodie Durand.pdf' -> 'Dossier_Elodie_Durand.pdf'.

Options
    max_length: the longest name accepted, '.pdf' included (default 64).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from preflight.dossier import Dossier
from preflight.model import Finding, OptionError
from preflight.patterns import lazy_pattern

ID = "filename"
SUMMARY = "The file name is safe for the portal: ASCII letters, digits, '-', '_' and one '.pdf'"
SUMMARY_FR = "Le nom du fichier convient au portail : lettres ASCII, chiffres, « - », « _ » et un seul « .pdf »"
DOC_FR = """\
Le nom du fichier est de ceux qu’accepte un portail de dépôt : lettres ASCII, chiffres, « - », « _ » et un seul
« .pdf ».

Ce qui est vérifié
    Le nom du fichier tel qu’il est donné (sans son chemin) : uniquement des lettres ASCII, des chiffres,
    « - » et « _ », puis une seule terminaison « .pdf » en minuscules ; ni espace, ni accent, ni apostrophe, ni
    autre signe de ponctuation, pas de second point (« v1.3.pdf »), 64 caractères au plus en tout. Un nom
    sûr est proposé : accents translittérés (É -> E, œ -> oe), espaces et ponctuation remplacés par « _ ».

Pourquoi
    Les formulaires de dépôt des portails du service public français refusent ou déforment de tels noms
    (Mon Master : « caractères latins uniquement, sans espace, sans accent » ; d’autres formulaires lisent
    « v1.3.pdf » comme une double extension), et un nom déformé peut rompre le lien entre le fichier et
    votre candidature.

Comment corriger
    Renommez le fichier avant de le déposer, par exemple « Dossier_Élodie Durand.pdf » ->
    « Dossier_Elodie_Durand.pdf ».

Options
    max_length : la longueur maximale du nom, « .pdf » compris (64 par défaut).
"""
NEEDS_READABLE_PDF = False
READS_PATH = True  # the cache keys this rule's outcome on the path, not only on the bytes

_SAFE_STEM = lazy_pattern(r"[A-Za-z0-9_-]+\Z")
_SPELLED_OUT = {
    "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "’": "", "'": "",
}  # fmt: skip
"""Letters NFKD does not decompose into ASCII, and apostrophes that vanish (l'équipe -> lequipe)."""


MESSAGES = {
    "unsafe-name": {
        "en": (
            "file name {name:text} is not safe for the portal: {problems:msg-list} "
            "(allowed: ASCII letters, digits, '-', '_' and one '.pdf', at most {max_length} characters)"
        ),
        "fr": (
            "le nom de fichier {name:text} ne convient pas au portail : {problems:msg-list} ; seuls sont admis les "
            "lettres ASCII, les chiffres, « - » et « _ », avec une seule terminaison « .pdf » et {max_length} "
            "caractères au plus"
        ),
    },
    "unsafe-name.fix": {
        "en": "Rename the file to {suggestion:quote} before you upload it.",
        "fr": "Renommez le fichier en {suggestion:quote} avant de le déposer.",
    },
    "name.wrong-ending": {
        "en": "it ends in '{ending}' instead of '.pdf'",
        "fr": "une terminaison « {ending} » au lieu de « .pdf »",
    },
    "name.no-ending": {
        "en": "it has no '.pdf' ending",
        "fr": "aucune terminaison « .pdf »",
    },
    "name.dots": {
        "en": "it has {dots} dots (portals read 'v1.3.pdf' as a double extension)",
        "fr": "{dots} points (les portails lisent « v1.3.pdf » comme une double extension)",
    },
    "name.spaces": {"en": "it has spaces", "fr": "des espaces"},
    "name.accents": {
        "en": "it has accented or non-ASCII letters ({letters})",
        "fr": "des lettres accentuées ou non ASCII ({letters})",
    },
    "name.punctuation": {
        "en": "it has other punctuation ({marks})",
        "fr": "d’autres signes de ponctuation ({marks})",
    },
    "name.too-long": {
        "en": "it is {length} characters long, over the limit of {max_length}",
        "fr": "{length} caractères, au-delà de la limite de {max_length}",
    },
    "name.no-stem": {
        "en": "it has no name before the extension",
        "fr": "aucun nom avant l’extension",
    },
}
"""``unsafe-name`` lists the ``name.*`` problems of the name (``problems``: their ids, each with its own arguments):
English says each as a clause ("it has spaces"), as the JSON report's ``problems`` do; French as a noun phrase."""


OPTION_MESSAGES = {  # what is wrong with an option's value (preflight.model.OptionError)
    "max-length": {
        "en": "max_length must be between 8 and 255, not {value}",
        "fr": "max_length doit être compris entre 8 et 255, pas {value}",
    },
}


@dataclass(frozen=True)
class Options:
    max_length: int = 64

    def __post_init__(self) -> None:
        if not 8 <= self.max_length <= 255:
            raise OptionError(OPTION_MESSAGES, "max-length", value=self.max_length)


def problems_of(name: str, max_length: int) -> list[str]:
    """What is wrong with a file name, in English words (the JSON report's ``problems``); empty when it is safe."""
    from preflight.messages import render_template

    return [render_template(MESSAGES, problem, args, "en") for problem, args in problem_ids(name, max_length)]


def problem_ids(name: str, max_length: int) -> list[tuple[str, dict[str, object]]]:
    """What is wrong with a file name: message ids (``name.*``) with their arguments; empty when it is safe."""
    found: list[tuple[str, dict[str, object]]] = []
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if extension != "pdf":
        found.append(("name.wrong-ending", {"ending": f".{extension}"}) if extension else ("name.no-ending", {}))
    if "." in stem:
        found.append(("name.dots", {"dots": name.count(".")}))
    if any(char.isspace() for char in name):
        found.append(("name.spaces", {}))
    accented = sorted({char for char in name if not char.isascii() and char.isalpha()})
    if accented:
        found.append(("name.accents", {"letters": "".join(accented)}))
    others = sorted(
        {
            char
            for char in stem
            if not char.isspace() and not char.isalpha() and not (char.isascii() and (char.isdigit() or char in "-_."))
        }
    )
    if others:
        found.append(("name.punctuation", {"marks": " ".join(others)}))
    if len(name) > max_length:
        found.append(("name.too-long", {"length": len(name), "max_length": max_length}))
    if not stem:
        found.append(("name.no-stem", {}))
    return found


def safe_name(name: str, max_length: int = 64) -> str:
    """A portal-safe version of a file name: 'Dossier_Élodie Durand.pdf' -> 'Dossier_Elodie_Durand.pdf'."""
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    if _SAFE_STEM.match(stem) and len(stem) <= max_length - 4:
        return f"{stem}.pdf"  # only the ending was wrong ('CV.PDF')
    spelled = "".join(_SPELLED_OUT.get(char, char) for char in stem)
    ascii_only = "".join(
        char for char in unicodedata.normalize("NFKD", spelled) if char.isascii() and not unicodedata.combining(char)
    )
    cleaned = re.sub(r"[^A-Za-z0-9-]+", "_", ascii_only)
    cleaned = re.sub(r"_+", "_", cleaned).strip("_-")
    cleaned = cleaned[: max_length - 4].rstrip("_-") or "dossier"
    return f"{cleaned}.pdf"


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    name = Path(dossier.name).name
    found = problem_ids(name, options.max_length)
    if not found:
        return
    suggestion = safe_name(name, options.max_length)
    args: dict[str, object] = {"name": name, "problems": [problem for problem, _ in found]}
    for _, problem_args in found:
        args.update(problem_args)
    args.update(suggestion=suggestion, max_length=options.max_length)
    yield Finding(
        "unsafe-name",
        args,
        data={
            "name": name,
            "suggestion": suggestion,
            "problems": problems_of(name, options.max_length),
            "max_length": options.max_length,
        },
    )
