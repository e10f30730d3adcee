"""The file is a PDF that opens.

What it checks
    That the file is a PDF at all (not a Word document or an image renamed .pdf), that it is not empty,
    truncated or damaged beyond repair, and that it opens without a password. A file that opens only
    after repair passes with a warning: some viewers show it differently. Such a file is also read with a
    strict parser (pypdf in strict mode, as some upload portals read files): a second warning says when it
    refuses the file, and why.

Why
    The portal rejects a file it cannot open, and a jury cannot read what a viewer cannot show.
    When this rule fails, every other rule is skipped: they have nothing to read.

How to fix
    Export the dossier again as PDF from its source (Word: File > Export > PDF; LaTeX: rebuild).
    A password-protected file must be saved or printed to a new, unprotected PDF.

Options
    None.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from preflight.dossier import Dossier
from preflight.model import Finding, Level

ID = "pdf-readable"
SUMMARY = "The file is a PDF that opens without a password or repair"
SUMMARY_FR = "Le fichier est un PDF qui s'ouvre sans mot de passe ni réparation"
DOC_FR = """\
Le fichier est un PDF qui s'ouvre.

Ce qui est vérifié
    Que le fichier est bien un PDF (et non un document Word ou une image renommés en .pdf), qu'il n'est
    ni vide, ni tronqué, ni endommagé au point d'être irréparable, et qu'il s'ouvre sans mot de passe.
    Un fichier qui ne s'ouvre qu'après réparation passe avec un avertissement : certains lecteurs
    l'affichent autrement. Un tel fichier est aussi lu par un analyseur strict (pypdf en mode strict,
    comme certains portails de dépôt lisent les fichiers) : un second avertissement dit s'il le refuse,
    et pourquoi.

Pourquoi
    Le portail refuse un fichier qu'il ne peut pas ouvrir, et un jury ne peut pas lire ce qu'un lecteur
    ne peut pas afficher. Quand cette règle échoue, toutes les autres sont sautées : elles n'ont rien à lire.

Comment corriger
    Exportez de nouveau le dossier en PDF depuis sa source (Word : Fichier > Exporter > PDF ; LaTeX :
    recompilez). Un fichier protégé par mot de passe doit être enregistré ou imprimé dans un nouveau PDF
    non protégé.

Options
    Aucune.
"""
NEEDS_READABLE_PDF = False


@dataclass(frozen=True)
class Options:
    pass


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    if dossier.problem is not None:
        yield Finding(dossier.problem.message, fix=dossier.problem.fix, data={"kind": dossier.problem.kind})
        return
    if dossier.header_offset:
        yield Finding(
            f"the PDF header starts at byte {dossier.header_offset}, not at the start of the file",
            fix="Export the PDF again; some portals check the first bytes and refuse such files.",
            level=Level.WARNING,
        )
    if dossier.repair_warnings:
        shown = "; ".join(dossier.repair_warnings[:3])
        more = len(dossier.repair_warnings) - 3
        yield Finding(
            f"the PDF is damaged and opens only after repair ({shown}"
            + (f"; and {more} more" if more > 0 else "")
            + ")",
            fix="Export the PDF again from its source document, or print it to a new PDF, "
            "so that every viewer shows the same thing.",
            level=Level.WARNING,
            data={"repairs": dossier.repair_warnings[:20]},
        )
        # Only for repaired files: a clean file costs no second reading, and pypdf's refusals of files qpdf
        # reads without a word are more often pypdf's limits than the file's.
        strict = dossier.strict_parse
        if strict is not None and strict.accepted is False:
            yield Finding(
                f"a strict PDF parser (pypdf) refuses the file ({strict.reason}): an upload portal that reads "
                "PDFs strictly could reject it",
                fix="Export the PDF again from its source document (or print it to a new PDF): a file written "
                "afresh needs no repair.",
                level=Level.WARNING,
                data={"strict_parser": "pypdf", "reason": strict.reason},
            )
