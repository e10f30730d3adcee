"""The PDF holds no JavaScript, launch actions, attached files or live form fields.

What it checks
    Document, page and annotation actions that run JavaScript or launch a program, files attached to the
    PDF (in its attachment list or on a comment), interactive form fields that were not flattened, and
    XFA forms.

Why
    Portals strip or refuse active content; a form field may print empty or show a different value in
    the jury's viewer, and an attachment is not part of what the jury reads.

How to fix
    Print the dossier to a new PDF, which flattens forms and drops scripts and attachments, or run
    'preflight fix'. Put the content of any attachment into the dossier itself.

Options
    allow_attachments: accept attached files (default false).
    allow_form_fields: accept interactive form fields (default false).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from preflight.dossier import Dossier
from preflight.model import Finding

ID = "active-content"
SUMMARY = "No JavaScript, launch actions, attachments or unflattened form fields"
SUMMARY_FR = "Ni JavaScript, ni action de lancement, ni pièce jointe, ni champ de formulaire non aplati"
DOC_FR = """\
Le PDF ne contient ni JavaScript, ni action de lancement, ni fichier joint, ni champ de formulaire actif.

Ce qui est vérifié
    Les actions du document, des pages et des annotations qui exécutent du JavaScript ou lancent un
    programme, les fichiers joints au PDF (dans sa liste de pièces jointes ou sur un commentaire), les
    champs de formulaire interactifs non aplatis, et les formulaires XFA.

Pourquoi
    Les portails suppriment ou refusent le contenu actif ; un champ de formulaire peut s'imprimer vide ou
    afficher une autre valeur dans le lecteur du jury, et une pièce jointe ne fait pas partie de ce que le
    jury lit.

Comment corriger
    Imprimez le dossier dans un nouveau PDF, ce qui aplatit les formulaires et supprime scripts et pièces
    jointes, ou lancez 'preflight fix'. Intégrez au dossier lui-même le contenu de toute pièce jointe.

Options
    allow_attachments : accepter les fichiers joints (false par défaut).
    allow_form_fields : accepter les champs de formulaire interactifs (false par défaut).
"""

_FIXES = {
    "javascript": "Remove the script: print the dossier to a new PDF, or run 'preflight fix'.",
    "launch": "Remove the link that starts a program: print to a new PDF, or run 'preflight fix'.",
    "attachment": "Put the attached content into the dossier's pages, then remove the attachment "
    "('preflight fix --drop-attachments').",
    "form-field": "Flatten the form: print the dossier to a new PDF, or run 'preflight fix'.",
    "xfa": "Fill the form, then print it to a new PDF.",
}
_WHAT = {
    "javascript": "JavaScript",
    "launch": "an action that launches a program",
    "attachment": "an attached file",
    "form-field": "an unflattened form field",
    "xfa": "an XFA form",
}


@dataclass(frozen=True)
class Options:
    allow_attachments: bool = False
    allow_form_fields: bool = False


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    for item in dossier.active_content:
        if item.kind == "attachment" and options.allow_attachments:
            continue
        if item.kind == "form-field" and options.allow_form_fields:
            continue
        yield Finding(
            f"{_WHAT[item.kind]}: {item.description}",
            page=item.page,
            fix=_FIXES[item.kind],
            data={"kind": item.kind},
        )
