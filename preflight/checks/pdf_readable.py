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

import errno
from collections.abc import Iterator
from dataclasses import dataclass

from preflight.dossier import Dossier
from preflight.model import Finding, Level

ID = "pdf-readable"
SUMMARY = "The file is a PDF that opens without a password or repair"
SUMMARY_FR = "Le fichier est un PDF qui s’ouvre sans mot de passe ni réparation"
DOC_FR = """\
Le fichier est un PDF qui s’ouvre.

Ce qui est vérifié
    Que le fichier est bien un PDF (et non un document Word ou une image renommés en .pdf), qu’il n’est
    ni vide, ni tronqué, ni endommagé au point d’être irréparable, et qu’il s’ouvre sans mot de passe.
    Un fichier qui ne s’ouvre qu’après réparation passe avec un avertissement : certains lecteurs
    l’affichent autrement. Un tel fichier est aussi lu par un analyseur strict (pypdf en mode strict,
    comme certains portails de dépôt lisent les fichiers) : un second avertissement dit s’il le refuse,
    et pourquoi.

Pourquoi
    Le portail refuse un fichier qu’il ne peut pas ouvrir, et un jury ne peut pas lire ce qu’un lecteur
    ne peut pas afficher. Quand cette règle échoue, toutes les autres sont sautées : elles n’ont rien à lire.

Comment corriger
    Exportez de nouveau le dossier en PDF depuis sa source (Word : Fichier > Exporter > PDF ; LaTeX :
    recompilez). Un fichier protégé par mot de passe doit être enregistré ou imprimé dans un nouveau PDF
    non protégé.

Options
    Aucune.
"""
NEEDS_READABLE_PDF = False

_NOT_PDF_FIX = {
    "en": "Export or save the dossier as PDF from your editor (File > Export > PDF) and check that file instead.",
    "fr": (
        "Exportez ou enregistrez le dossier en PDF depuis votre logiciel (Fichier > Exporter > PDF), puis "
        "vérifiez ce nouveau fichier."
    ),
}
_EXPORT_AGAIN_FIX = {
    "en": "Export the PDF again from its source document.",
    "fr": "Exportez de nouveau le PDF depuis son document source.",
}
_FILE_KINDS = {
    # preflight.pdf.sniff.KINDS, as the not-pdf message names them ({file_kind:msg}).
    "office-legacy": (
        "an old Microsoft Office file (.doc, .xls or .ppt) renamed .pdf",
        "un ancien fichier Microsoft Office (.doc, .xls ou .ppt) renommé en .pdf",
    ),
    "rtf": ("an RTF document renamed .pdf", "un document RTF renommé en .pdf"),
    "png": ("a PNG image renamed .pdf", "une image PNG renommée en .pdf"),
    "jpeg": ("a JPEG image renamed .pdf", "une image JPEG renommée en .pdf"),
    "gif": ("a GIF image renamed .pdf", "une image GIF renommée en .pdf"),
    "tiff": ("a TIFF image renamed .pdf", "une image TIFF renommée en .pdf"),
    "postscript": ("a PostScript file renamed .pdf", "un fichier PostScript renommé en .pdf"),
    "gzip": ("a gzip archive renamed .pdf", "une archive gzip renommée en .pdf"),
    "rar": ("a RAR archive renamed .pdf", "une archive RAR renommée en .pdf"),
    "7z": ("a 7-Zip archive renamed .pdf", "une archive 7-Zip renommée en .pdf"),
    "docx": ("a Word document (.docx) renamed .pdf", "un document Word (.docx) renommé en .pdf"),
    "xlsx": ("an Excel workbook (.xlsx) renamed .pdf", "un classeur Excel (.xlsx) renommé en .pdf"),
    "pptx": ("a PowerPoint file (.pptx) renamed .pdf", "un fichier PowerPoint (.pptx) renommé en .pdf"),
    "odf": (
        "an OpenDocument file (LibreOffice .odt/.ods) renamed .pdf",
        "un fichier OpenDocument (LibreOffice .odt/.ods) renommé en .pdf",
    ),
    "zip": ("a ZIP archive renamed .pdf", "une archive ZIP renommée en .pdf"),
    "empty": ("an empty file (0 bytes)", "un fichier vide (0 octet)"),
    "pdf-without-header": (
        "a PDF whose '%PDF-' header is missing (a damaged file that strict tools refuse)",
        "un PDF sans son en-tête '%PDF-' (un fichier endommagé que les outils stricts refusent)",
    ),
    "html": ("a web page (HTML) saved as .pdf", "une page web (HTML) enregistrée en .pdf"),
    "xml": ("an XML file renamed .pdf", "un fichier XML renommé en .pdf"),
    "unknown": ("a file of an unknown kind, not a PDF", "un fichier d’un type inconnu"),
    "text": ("a plain-text file renamed .pdf", "un fichier texte brut renommé en .pdf"),
}

MESSAGES: dict[str, dict[str, str]] = {
    # Why the file cannot be opened (preflight.dossier.OpenProblem.message_id); data.kind says the kind.
    "folder": {"en": "this is a folder, not a file", "fr": "c’est un répertoire, pas un fichier"},
    "folder.fix": {"en": "Give the path of the PDF.", "fr": "Indiquez le chemin du PDF."},
    "cannot-read": {
        "en": "the file cannot be read: {reason_id:msg}",
        "fr": "le fichier ne peut pas être lu : {reason_id:msg}",
    },
    "cannot-read.fix": {
        "en": "Check the path and that you may read the file.",
        "fr": "Vérifiez le chemin, ainsi que votre droit de lire le fichier.",
    },
    "reason-missing": {"en": "No such file or directory", "fr": "fichier ou répertoire introuvable"},
    "reason-permission": {"en": "Permission denied", "fr": "accès refusé"},
    "reason-system": {"en": "{error}", "fr": "le système répond {error:quote}"},
    "empty-file": {"en": "the file is an empty file (0 bytes)", "fr": "le fichier est vide (0 octet)"},
    "empty-file.fix": _NOT_PDF_FIX,
    "no-pdf-header": {
        "en": "the file is a PDF whose '%PDF-' header is missing (a damaged file that strict tools refuse)",
        "fr": (
            "le fichier est un PDF sans son en-tête « %PDF- » (un fichier endommagé que les outils stricts refusent)"
        ),
    },
    "no-pdf-header.fix": _NOT_PDF_FIX,
    "not-pdf": {"en": "this is not a PDF: it is {file_kind:msg}", "fr": "ce n’est pas un PDF : c’est {file_kind:msg}"},
    "not-pdf.fix": _NOT_PDF_FIX,
    **{f"file-kind-{code}": {"en": en, "fr": fr} for code, (en, fr) in _FILE_KINDS.items()},
    "password": {
        "en": "the file is protected by a password that is needed to open it",
        "fr": "le fichier est protégé par un mot de passe, sans lequel il ne s’ouvre pas",
    },
    "password.fix": {
        "en": (
            "Open it with its password and print it to a new PDF, or run "
            "'qpdf --decrypt --password=YOURS in.pdf out.pdf'; the portal cannot open protected files."
        ),
        "fr": (
            "Ouvrez-le avec son mot de passe et imprimez-le dans un nouveau PDF, ou lancez "
            "« qpdf --decrypt --password=VOTRE_MOT_DE_PASSE entree.pdf sortie.pdf » ; le portail ne peut pas "
            "ouvrir les fichiers protégés."
        ),
    },
    "damaged": {
        "en": "the PDF is damaged and cannot be opened: {error}",
        "fr": "le PDF est endommagé et ne peut pas être ouvert (erreur de qpdf : {error:quote})",
    },
    "damaged.fix": {
        "en": (
            "Export the PDF again from its source document; if you only have this file, open it in a "
            "viewer and print it to a new PDF."
        ),
        "fr": (
            "Exportez de nouveau le PDF depuis son document source ; si vous n’avez que ce fichier, ouvrez-le "
            "dans un lecteur PDF et imprimez-le dans un nouveau PDF."
        ),
    },
    "damaged-page-tree": {
        "en": "the PDF's page tree is damaged: {error}",
        "fr": "l’arbre des pages du PDF est endommagé (erreur de qpdf : {error:quote})",
    },
    "damaged-page-tree.fix": _EXPORT_AGAIN_FIX,
    "no-pages": {"en": "the PDF has no pages", "fr": "le PDF ne contient aucune page"},
    "no-pages.fix": _EXPORT_AGAIN_FIX,
    # A file that opens, but not as it should.
    "header-offset": {
        "en": "the PDF header starts at byte {offset}, not at the start of the file",
        "fr": "l’en-tête du PDF commence à l’octet {offset}, et non au début du fichier",
    },
    "header-offset.fix": {
        "en": "Export the PDF again; some portals check the first bytes and refuse such files.",
        "fr": (
            "Exportez de nouveau le PDF : certains portails vérifient les premiers octets et refusent de tels fichiers."
        ),
    },
    "repaired": {
        "en": "the PDF is damaged and opens only after repair (qpdf reports {repairs:quoted-list})",
        "fr": "le PDF est endommagé et ne s’ouvre qu’après réparation (qpdf signale {repairs:quoted-list})",
    },
    "repaired-more": {
        "en": (
            "the PDF is damaged and opens only after repair ({count} problems reported by qpdf, the first "
            "ones: {repairs:quoted-list})"
        ),
        "fr": (
            "le PDF est endommagé et ne s’ouvre qu’après réparation ({count} problèmes signalés par qpdf, dont "
            "les premiers : {repairs:quoted-list})"
        ),
    },
    "repaired.fix": {
        "en": (
            "Export the PDF again from its source document, or print it to a new PDF, so that every viewer "
            "shows the same thing."
        ),
        "fr": (
            "Exportez de nouveau le PDF depuis son document source, ou imprimez-le dans un nouveau PDF, pour "
            "que tous les lecteurs affichent la même chose."
        ),
    },
    "strict-refuses": {
        "en": (
            "a strict PDF parser (pypdf) refuses the file ({reason_id:msg}): an upload portal that reads PDFs "
            "strictly could reject it"
        ),
        "fr": (
            "un analyseur PDF strict (pypdf) refuse le fichier ({reason_id:msg}) : un portail de dépôt qui lit "
            "les PDF de façon stricte pourrait le rejeter"
        ),
    },
    "strict-reason": {"en": "{reason}", "fr": "motif : {reason:quote}"},
    "strict-reason-nesting": {"en": "objects nested too deeply", "fr": "objets imbriqués trop profondément"},
    "strict-refuses.fix": {
        "en": (
            "Export the PDF again from its source document (or print it to a new PDF): a file written "
            "afresh needs no repair."
        ),
        "fr": (
            "Exportez de nouveau le PDF depuis son document source (ou imprimez-le dans un nouveau PDF) : un "
            "fichier écrit à neuf n’a besoin d’aucune réparation."
        ),
    },
    # issue 16
    "undecodable-content": {
        "en": (
            "the content of {pages:pages} cannot be decoded ({reason}): viewers draw {count:plural:it|them} blank "
            "or cut short, and no text can be read from the damaged part"
        ),
        "fr": (
            "le contenu ne peut pas être décodé ({pages:pages}, {reason}) : les lecteurs "
            "{count:plural:l’affichent|les affichent} vide ou tronqué, et aucun texte ne peut être lu dans la partie "
            "endommagée"
        ),
    },
    "undecodable-content.fix": {
        "en": "Export the PDF again from its source document; printing this file to a new PDF keeps the damage.",
        "fr": (
            "Exportez de nouveau le PDF depuis son document source ; l’imprimer dans un nouveau PDF garde les dégâts."
        ),
    },
    "over-budget-stream-bytes": {
        "en": (
            "a stream of the PDF (object {object}) decompresses to more than {megabytes} MB, the limit per stream: "
            "a decompression bomb, or data no portal's converter would unpack"
        ),
        "fr": (
            "un flux du PDF (objet {object}) se décompresse en plus de {megabytes} Mo, la limite par flux : une bombe "
            "de décompression, ou des données qu’aucun convertisseur de portail ne décompresserait"
        ),
    },
    "over-budget-file-bytes": {
        "en": (
            "the PDF's streams decompress to more than {megabytes} MB together, the limit per file: a decompression "
            "bomb, or data no portal's converter would unpack"
        ),
        "fr": (
            "les flux du PDF se décompressent en plus de {megabytes} Mo au total, la limite par fichier : une bombe "
            "de décompression, ou des données qu’aucun convertisseur de portail ne décompresserait"
        ),
    },
    "over-budget-time": {
        "en": (
            "checking the file took longer than the limit of {seconds} s per file and was stopped: a file that costs "
            "this much to read would likely time out on the portal's converter too"
        ),
        "fr": (
            "la vérification du fichier a dépassé la limite de {seconds} s par fichier et a été arrêtée : un fichier "
            "aussi coûteux à lire dépasserait sans doute aussi le temps accordé par le convertisseur du portail"
        ),
    },
    "over-budget-memory": {
        "en": (
            "checking the file needed more than the memory limit of {megabytes} MB per file ({cause}): a file that "
            "costs this much to read would likely be refused by the portal's converter too"
        ),
        "fr": (
            "la vérification du fichier a demandé plus que la limite de mémoire de {megabytes} Mo par fichier "
            "({cause}) : un fichier aussi coûteux à lire serait sans doute refusé aussi par le convertisseur du portail"
        ),
    },
    "over-budget.fix": {
        "en": (
            "Export the PDF again from its source document (or print it to a new PDF); a dossier needs neither "
            "gigabytes of decompressed data nor minutes to read. If the file is really this heavy, reduce its images."
        ),
        "fr": (
            "Exportez de nouveau le PDF depuis son document source (ou imprimez-le dans un nouveau PDF) : un dossier "
            "n’a besoin ni de gigaoctets de données décompressées ni de minutes de lecture. Si le fichier est "
            "vraiment aussi lourd, allégez ses images."
        ),
    },
}
SHOWN_REPAIRS = 3
NESTING = "objects nested too deeply"
"""preflight.pdf.strict's own reason when pypdf recurses without end (pypdf's reasons are its own English)."""


@dataclass(frozen=True)
class Options:
    pass


def describe_problem(dossier: Dossier) -> tuple[str, str | None]:
    """Why an unreadable dossier cannot be read, and what to do, in the run's language (as this rule says them:
    for the commands that show a file's sections, CV or publications)."""
    from preflight.engine import render_finding
    from preflight.i18n import get_language

    finding = next(check(dossier, Options()), None)
    if finding is None:
        return "", None
    rendered = render_finding(finding, MESSAGES, get_language())
    return rendered.message, rendered.fix


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    problem = dossier.problem
    if problem is not None:
        args = dict(problem.args)
        if problem.message_id == "cannot-read":
            reasons = {errno.ENOENT: "reason-missing", errno.EACCES: "reason-permission"}
            code = args.get("errno")
            args["reason_id"] = reasons.get(code, "reason-system") if isinstance(code, int) else "reason-system"
        if problem.kind == "over-budget":
            limit = problem.message_id.removeprefix("over-budget-")
            yield Finding(
                problem.message_id, args, fix_id="over-budget.fix", data={"kind": problem.kind, "limit": limit}
            )
            return
        yield Finding(problem.message_id or problem.message, args, fix=problem.fix, data={"kind": problem.kind})
        return
    damaged = dossier.undecodable_contents
    if damaged:
        yield Finding(
            "undecodable-content",
            {"pages": [page for page, _ in damaged], "reason": damaged[0][1], "count": len(damaged)},
            page=damaged[0][0],
            data={"kind": "undecodable-content", "pages": [page for page, _ in damaged]},
        )
    if dossier.header_offset:
        yield Finding("header-offset", {"offset": dossier.header_offset}, level=Level.WARNING)
    if dossier.repair_warnings:
        count = len(dossier.repair_warnings)
        yield Finding(
            "repaired" if count <= SHOWN_REPAIRS else "repaired-more",
            {"repairs": dossier.repair_warnings[:SHOWN_REPAIRS], "count": count},
            fix_id="repaired.fix",
            level=Level.WARNING,
            data={"repairs": dossier.repair_warnings[:20]},
        )
        # Only for repaired files: a clean file costs no second reading, and pypdf's refusals of files qpdf
        # reads without a word are more often pypdf's limits than the file's.
        strict = dossier.strict_parse
        if strict is not None and strict.accepted is False:
            yield Finding(
                "strict-refuses",
                {
                    "reason": strict.reason,
                    "reason_id": "strict-reason-nesting" if strict.reason == NESTING else "strict-reason",
                },
                level=Level.WARNING,
                data={"strict_parser": "pypdf", "reason": strict.reason},
            )
