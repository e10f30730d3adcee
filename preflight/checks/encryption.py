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


@dataclass(frozen=True)
class Options:
    pass


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    encryption = dossier.encryption
    if encryption is None:
        return
    restricted = encryption["restricted"]
    what = (
        "it restricts " + ", ".join(restricted)
        if restricted
        else "it grants every permission, but the portal still sees a protected file"
    )
    yield Finding(
        f"the PDF is encrypted with an owner password ({what})",
        fix="Remove the protection: print it to a new PDF, or run "
        "'qpdf --decrypt dossier.pdf dossier-decrypted.pdf' (or 'preflight fix').",
        data=dict(encryption),
    )
