"""The PDF is not encrypted, not even with permissions only.

What it checks
    Whether the file uses PDF encryption of any kind. A file with only an "owner" password opens without
    asking, but still carries restrictions (no printing, no copying, no changes).

Why
    Upload portals refuse or mishandle protected files: they cannot merge, stamp or index them, and the
    jury may not be able to print or annotate the dossier.

How to fix
    Print the file to a new PDF ("Microsoft Print to PDF", "Save as PDF"), or run
    'qpdf --decrypt dossier.pdf dossier-decrypted.pdf'. In Word, untick "Encrypt the document with a
    password" in the PDF export options.

Options
    None.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from preflight.dossier import Dossier
from preflight.model import Finding

ID = "encryption"
SUMMARY = "The PDF carries no encryption or permission restrictions"
SUMMARY_FR = "Le PDF ne porte ni chiffrement ni restriction de droits"
DOC_FR = """\
Le PDF n’est pas chiffré, pas même avec de seules restrictions de droits.

Ce qui est vérifié
    Si le fichier utilise un chiffrement PDF, quel qu’il soit. Un fichier protégé par un seul mot de passe
    « propriétaire » s’ouvre sans rien demander, mais porte des restrictions (pas d’impression, pas de
    copie, pas de modification).

Pourquoi
    Les portails de dépôt refusent ou traitent mal les fichiers protégés : ils ne peuvent ni les
    fusionner, ni les tamponner, ni les indexer, et le jury peut ne pas pouvoir imprimer ou annoter le
    dossier.

Comment corriger
    Imprimez le fichier dans un nouveau PDF (« Microsoft Print to PDF », « Enregistrer au format PDF »),
    ou lancez « qpdf --decrypt dossier.pdf dossier-dechiffre.pdf ». Dans Word, décochez « Chiffrer le
    document à l’aide d’un mot de passe » dans les options d’export PDF.

Options
    Aucune.
"""


PERMISSIONS = {
    "printing": "permission-printing",
    "copying text": "permission-copying",
    "changing the document": "permission-changing",
    "filling forms": "permission-forms",
    "comments": "permission-comments",
    "assembling pages": "permission-assembling",
}
"""The restrictions as ``dossier.encryption["restricted"]`` (and the JSON report) name them -> their message id."""

MESSAGES = {
    "encrypted-restricted": {
        "en": "the PDF is encrypted with an owner password (it restricts {restricted_ids:msg-list})",
        "fr": "le PDF est chiffré avec un mot de passe propriétaire (il interdit {restricted_ids:msg-list})",
    },
    "encrypted-unrestricted": {
        "en": (
            "the PDF is encrypted with an owner password (it grants every permission, but the portal still sees "
            "a protected file)"
        ),
        "fr": (
            "le PDF est chiffré avec un mot de passe propriétaire (il accorde tous les droits, mais le portail y "
            "voit tout de même un fichier protégé)"
        ),
    },
    "encrypted.fix": {
        "en": (
            "Remove the protection: print it to a new PDF, or run 'qpdf --decrypt dossier.pdf "
            "dossier-decrypted.pdf' (or 'preflight fix')."
        ),
        "fr": (
            "Retirez la protection : imprimez le fichier dans un nouveau PDF, ou lancez « qpdf --decrypt "
            "dossier.pdf dossier-dechiffre.pdf » (ou « preflight fix »)."
        ),
    },
    "permission-printing": {"en": "printing", "fr": "l’impression"},
    "permission-copying": {"en": "copying text", "fr": "la copie du texte"},
    "permission-changing": {"en": "changing the document", "fr": "la modification du document"},
    "permission-forms": {"en": "filling forms", "fr": "le remplissage des formulaires"},
    "permission-comments": {"en": "comments", "fr": "l’ajout de commentaires"},
    "permission-assembling": {"en": "assembling pages", "fr": "l’assemblage des pages"},
}


@dataclass(frozen=True)
class Options:
    pass


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    encryption = dossier.encryption
    if encryption is None:
        return
    restricted = [PERMISSIONS[label] for label in encryption["restricted"] if label in PERMISSIONS]
    yield Finding(
        "encrypted-restricted" if restricted else "encrypted-unrestricted",
        {"restricted_ids": restricted},
        fix_id="encrypted.fix",
        data=dict(encryption),
    )
