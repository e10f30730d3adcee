"""An ORCID iD is given, and it is well formed: its check digit is right and it is in an assigned range.

What it checks
    Looks for ORCID iDs in the whole dossier: "0000-0002-1825-0097", optionally after "https://orcid.org/",
    "orcid.org/" or an "ORCID (iD) :" label (16 digits without dashes count only after such a label or
    address). Each iD's last character is checked with ISO/IEC 7064 MOD 11-2 (an error when wrong:
    the iD is mistyped), and the iD must lie in a range ORCID assigns (0000-0001-5000-0007 to
    0000-0003-5000-0001, or 0009-0000-0000-0000 to 0009-0010-0000-0000; a warning otherwise). No iD at
    all is a warning.

Why
    Rapporteurs use the ORCID record to see the publication list; a mistyped iD points to someone else or
    to nothing.

How to fix
    Copy your iD from your ORCID record (orcid.org, top left) rather than typing it, and put it on the
    cover: "ORCID : 0000-0002-1825-0097".

Options
    required: give a warning when no ORCID iD is found (default true).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from preflight.dossier import Dossier
from preflight.model import Finding, Level, Skip, make_visible
from preflight.patterns import lazy_pattern
from preflight.rects import line_rect

ID = "orcid"
SUMMARY = "An ORCID iD is given and its check digit is valid"
SUMMARY_FR = "Un identifiant ORCID est donné et son caractère de contrôle est valide"
DOC_FR = """\
Un identifiant ORCID est donné, et il est bien formé : son caractère de contrôle est juste et il se trouve
dans une plage attribuée.

Ce qui est vérifié
    Cherche les identifiants ORCID dans tout le dossier : « 0000-0002-1825-0097 », éventuellement précédé
    de « https://orcid.org/ », de « orcid.org/ » ou d’une étiquette « ORCID (iD) : » (16 chiffres sans
    tirets ne comptent qu’après une telle étiquette ou adresse). Le dernier caractère de chaque
    identifiant est vérifié selon ISO/IEC 7064 MOD 11-2 (une erreur s’il est faux : l’identifiant a été
    mal recopié), et l’identifiant doit se trouver dans une plage qu’attribue ORCID (0000-0001-5000-0007
    à 0000-0003-5000-0001, ou 0009-0000-0000-0000 à 0009-0010-0000-0000 ; sinon, un avertissement).
    L’absence de tout identifiant donne un avertissement.

Pourquoi
    Les rapporteurs consultent la fiche ORCID pour voir la liste des publications ; un identifiant mal
    recopié renvoie vers quelqu’un d’autre, ou vers rien.

Comment corriger
    Copiez votre identifiant depuis votre fiche ORCID (orcid.org, en haut à gauche) plutôt que de le
    retaper, et mettez-le sur la page de garde : « ORCID : 0000-0002-1825-0097 ».

Options
    required : donner un avertissement quand aucun identifiant ORCID n’est trouvé (true par défaut).
"""

_DASHED = lazy_pattern(r"(?<![\d-])(\d{4})-(\d{4})-(\d{4})-(\d{3}[\dXx])(?![\d-])")
_LABELLED = lazy_pattern(
    r"(?i)(?:orcid(?:\s*\(?\s*id\s*\)?)?\s*:?\s*(?:https?://)?(?:www\.)?(?:orcid\.org/)?|orcid\.org/)"
    r"\s*(\d{4})[\s-]?(\d{4})[\s-]?(\d{4})[\s-]?(\d{3}[\dXx])(?![\d])"
)
_DASHED_TAIL = lazy_pattern(r"-\d{4}-\d{4}-\d{3}[\dXx]")
"""What every dashed iD holds after its first group: a regex starting with a literal is scanned for quickly,
while _DASHED's look-behind is tried at every character of the page."""
ASSIGNED_RANGES = (("0000-0001-5000-0007", "0000-0003-5000-0001"), ("0009-0000-0000-0000", "0009-0010-0000-0000"))
"""DOMAIN.md §3.3, from the ORCID FAQ; compared on the first 15 digits."""


MESSAGES = {
    "placeholder": {
        "en": "ORCID iD 0000-0000-0000-0000 is a template's placeholder, not an iD",
        "fr": "l’identifiant ORCID 0000-0000-0000-0000 est celui d’un modèle à remplir, pas un vrai identifiant",
    },
    "placeholder.fix": {
        "en": "Replace it with your own iD from your ORCID record (orcid.org), or remove it.",
        "fr": "Remplacez-le par votre propre identifiant, repris de votre fiche ORCID (orcid.org), ou supprimez-le.",
    },
    "wrong-check-digit": {
        "en": (
            "ORCID iD {orcid:text} has a wrong check digit: '{given}' where the digits before it give "
            "'{expected}' (ISO 7064 MOD 11-2), so it is mistyped"
        ),
        "fr": (
            "l’identifiant ORCID {orcid:text} a un caractère de contrôle faux (« {given} » là où les chiffres qui "
            "le précèdent donnent « {expected} », selon ISO 7064 MOD 11-2) : il a été mal recopié"
        ),
    },
    "wrong-check-digit.fix": {
        "en": "Copy the iD from your ORCID record (orcid.org) instead of typing it.",
        "fr": "Copiez l’identifiant depuis votre fiche ORCID (orcid.org) au lieu de le taper.",
    },
    "outside-ranges": {
        "en": (
            "ORCID iD {orcid:text} has a valid check digit but lies outside the ranges ORCID assigns "
            "(0000-0001-5000-0007 to 0000-0003-5000-0001, 0009-0000-0000-0000 to 0009-0010-0000-0000): "
            "probably mistyped"
        ),
        "fr": (
            "l’identifiant ORCID {orcid:text} a un caractère de contrôle valide mais se trouve hors des plages "
            "qu’attribue ORCID (de 0000-0001-5000-0007 à 0000-0003-5000-0001, de 0009-0000-0000-0000 à "
            "0009-0010-0000-0000) : il a sans doute été mal recopié"
        ),
    },
    "outside-ranges.fix": {
        "en": "Compare it with your ORCID record (orcid.org).",
        "fr": "Comparez-le avec votre fiche ORCID (orcid.org).",
    },
    "no-orcid": {
        "en": "no ORCID iD found in the dossier ({pages:plural:# page|# pages} searched)",
        "fr": "aucun identifiant ORCID dans le dossier ({pages:plural:# page parcourue|# pages parcourues})",
    },
    "no-orcid.fix": {
        "en": "Add your ORCID iD to the cover, e.g. 'ORCID : 0000-0002-1825-0097' (from orcid.org).",
        "fr": (
            "Ajoutez votre identifiant ORCID sur la page de garde, par exemple « ORCID : 0000-0002-1825-0097 » "
            "(à copier depuis orcid.org)."
        ),
    },
    "text-unreadable": {
        "en": "the PDF's text cannot be extracted ({error}), so no iD can be looked for",
        "fr": "le texte du PDF ne peut pas être extrait ({error}) : impossible d’y chercher un identifiant",
    },
}


def check_digit(base: str) -> str:
    """ISO/IEC 7064 MOD 11-2 check character of the first 15 digits."""
    total = 0
    for digit in base:
        total = (total + int(digit)) * 2
    remainder = (12 - total % 11) % 11
    return "X" if remainder == 10 else str(remainder)


def in_assigned_range(base: str) -> bool:
    value = int(base)
    return any(
        int(low.replace("-", "")[:15]) <= value <= int(high.replace("-", "")[:15]) for low, high in ASSIGNED_RANGES
    )


@dataclass(frozen=True)
class Options:
    required: bool = True


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    seen: set[str] = set()
    try:
        pages = dossier.pages
    except Exception as exc:  # a file pikepdf repairs but the text extractor cannot parse
        raise Skip("text-unreadable", error=type(exc).__name__) from None
    for page in pages:
        # One search of the whole page first: most pages hold no ORCID, and no match spans a line break.
        page_text = page.text
        dashed = _DASHED_TAIL.search(page_text) is not None and _DASHED.search(page_text) is not None
        if not (dashed or _LABELLED.search(page_text)):
            continue
        for line in page.lines:
            matches = [*_LABELLED.finditer(line.text), *_DASHED.finditer(line.text)]
            for match in sorted(matches, key=lambda m: m.start()):
                digits = "".join(match.groups()).upper()
                orcid = "-".join(digits[i : i + 4] for i in range(0, 16, 4))
                if orcid in seen:
                    continue
                seen.add(orcid)
                base, given = digits[:15], digits[15]
                expected = check_digit(base)
                if digits == "0" * 16:
                    yield Finding(
                        "placeholder",
                        page=page.number,
                        rect=line_rect(line),
                        snippet=make_visible(line.text.strip()[:120]),
                        data={"orcid": orcid},
                    )
                elif given != expected:
                    yield Finding(
                        "wrong-check-digit",
                        {"orcid": orcid, "given": given, "expected": expected},
                        page=page.number,
                        rect=line_rect(line),
                        snippet=make_visible(line.text.strip()[:120]),
                        data={"orcid": orcid, "check_digit": given, "expected": expected},
                    )
                elif not in_assigned_range(base):
                    yield Finding(
                        "outside-ranges",
                        {"orcid": orcid},
                        page=page.number,
                        rect=line_rect(line),
                        snippet=make_visible(line.text.strip()[:120]),
                        level=Level.WARNING,
                        data={"orcid": orcid},
                    )
    if not seen and options.required:
        yield Finding("no-orcid", {"pages": dossier.page_count}, page=1, level=Level.WARNING)
