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
from typing import TYPE_CHECKING

from preflight.dossier import Dossier
from preflight.model import Finding

if TYPE_CHECKING:
    from preflight.pdf.structure import ActiveItem

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
    Les portails suppriment ou refusent le contenu actif ; un champ de formulaire peut s’imprimer vide ou
    afficher une autre valeur dans le lecteur du jury, et une pièce jointe ne fait pas partie de ce que le
    jury lit.

Comment corriger
    Imprimez le dossier dans un nouveau PDF, ce qui aplatit les formulaires et supprime scripts et pièces
    jointes, ou lancez « preflight fix ». Intégrez au dossier lui-même le contenu de toute pièce jointe.

Options
    allow_attachments : accepter les fichiers joints (false par défaut).
    allow_form_fields : accepter les champs de formulaire interactifs (false par défaut).
"""

ITEM_MESSAGES = {
    # What an active item is and where (preflight.pdf.structure.ActiveItem.message_id); file-size uses them too.
    "document-script": {
        "en": "document-level script '{name}': {detail_id:msg}",
        "fr": "script du document « {name} » : {detail_id:msg}",
    },
    "document-script-tree": {
        "en": "document-level JavaScript name tree",
        "fr": "arbre des noms JavaScript du document",
    },
    "open-action": {
        "en": "runs when the file opens: {detail_id:msg}",
        "fr": "s’exécute à l’ouverture du fichier : {detail_id:msg}",
    },
    "document-action": {
        "en": "document action {trigger}: {detail_id:msg}",
        "fr": "action du document {trigger} : {detail_id:msg}",
    },
    "page-action": {
        "en": "page action {trigger}: {detail_id:msg}",
        "fr": "action de page {trigger} : {detail_id:msg}",
    },
    "annotation-action": {
        "en": "{subtype} annotation: {detail_id:msg}",
        "fr": "annotation {subtype} : {detail_id:msg}",
    },
    "annotation-trigger": {
        "en": "{subtype} annotation {trigger}: {detail_id:msg}",
        "fr": "annotation {subtype}, déclencheur {trigger} : {detail_id:msg}",
    },
    "detail": {"en": "{detail}", "fr": "{detail}"},
    "detail-external-program": {"en": "an external program", "fr": "un programme externe"},
    "attached-file": {"en": "attached file '{name}'", "fr": "fichier joint « {name} »"},
    "attached-file-size": {
        "en": "attached file '{name}', {size:bytes}",
        "fr": "fichier joint « {name} », {size:bytes}",
    },
    "comment-attachment": {
        "en": "file attached to a comment: '{name}'",
        "fr": "fichier joint à un commentaire : « {name} »",
    },
    "comment-attachment-unnamed": {
        "en": "file attached to a comment (unnamed)",
        "fr": "fichier sans nom joint à un commentaire",
    },
    "field-named": {"en": "form field '{name}'", "fr": "champ de formulaire « {name} »"},
    "field-unnamed": {"en": "form field (unnamed)", "fr": "champ de formulaire sans nom"},
    "xfa-form": {
        "en": "an XFA form (Adobe LiveCycle) that most viewers cannot show",
        "fr": "un formulaire XFA (Adobe LiveCycle) que la plupart des lecteurs ne savent pas afficher",
    },
}

MESSAGES = {
    # One message per kind of active content (the finding's data.kind), followed by what and where it is.
    "javascript": {"en": "JavaScript: {item_id:msg}", "fr": "JavaScript : {item_id:msg}"},
    "javascript.fix": {
        "en": "Remove the script: print the dossier to a new PDF, or run 'preflight fix'.",
        "fr": "Supprimez le script : imprimez le dossier dans un nouveau PDF, ou lancez « preflight fix ».",
    },
    "launch": {
        "en": "an action that launches a program: {item_id:msg}",
        "fr": "une action qui lance un programme : {item_id:msg}",
    },
    "launch.fix": {
        "en": "Remove the link that starts a program: print to a new PDF, or run 'preflight fix'.",
        "fr": (
            "Supprimez le lien qui lance un programme : imprimez le dossier dans un nouveau PDF, ou lancez "
            "« preflight fix »."
        ),
    },
    "attachment": {"en": "an attached file: {item_id:msg}", "fr": "un fichier joint : {item_id:msg}"},
    "attachment.fix": {
        "en": (
            "Put the attached content into the dossier's pages, then remove the attachment "
            "('preflight fix --drop-attachments')."
        ),
        "fr": (
            "Intégrez le contenu joint aux pages du dossier, puis retirez la pièce jointe "
            "(« preflight fix --drop-attachments »)."
        ),
    },
    "form-field": {
        "en": "an unflattened form field: {item_id:msg}",
        "fr": "un champ de formulaire non aplati : {item_id:msg}",
    },
    "form-field.fix": {
        "en": "Flatten the form: print the dossier to a new PDF, or run 'preflight fix'.",
        "fr": "Aplatissez le formulaire : imprimez le dossier dans un nouveau PDF, ou lancez « preflight fix ».",
    },
    "xfa": {"en": "an XFA form: {item_id:msg}", "fr": "un formulaire XFA : {item_id:msg}"},
    "xfa.fix": {
        "en": "Fill the form, then print it to a new PDF.",
        "fr": "Remplissez le formulaire, puis imprimez-le dans un nouveau PDF.",
    },
    **ITEM_MESSAGES,
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
        yield Finding(item.kind, item_args(item), page=item.page, data={"kind": item.kind})


def item_args(item: ActiveItem) -> dict[str, object]:
    """The arguments of an active item's message: its own, and its message id as ``item_id``."""
    return {**item.args, "item_id": item.message_id}
