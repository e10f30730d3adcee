from __future__ import annotations

from preflight.checks import encryption
from preflight.i18n import set_language
from preflight.model import Finding, Status
from tests.helpers import messages, render_findings, run_check

NNBSP = "\u202f"


def test_unencrypted_dossier_passes(fixture_pdf) -> None:
    assert run_check("encryption", fixture_pdf("valid-dossier.pdf")).status is Status.PASS


def test_owner_password_only_still_fails_and_says_what_is_restricted(fixture_pdf) -> None:
    outcome = run_check("encryption", fixture_pdf("encrypted-owner.pdf"))
    assert outcome.status is Status.FAIL
    (message,) = messages(outcome)
    assert message == (
        "the PDF is encrypted with an owner password (it restricts printing, changing the document, filling forms, "
        "comments and assembling pages)"
    )
    assert "qpdf --decrypt" in (outcome.findings[0].finding.fix or "")
    assert outcome.findings[0].finding.data["restricted"] == [
        "printing",
        "changing the document",
        "filling forms",
        "comments",
        "assembling pages",
    ]


def test_owner_password_in_french(fixture_pdf) -> None:
    set_language("fr")  # the conftest sets English back after each test
    outcome = run_check("encryption", fixture_pdf("encrypted-owner.pdf"))
    (finding,) = (item.finding for item in outcome.findings)
    assert finding.message == (
        "le PDF est chiffré avec un mot de passe propriétaire (il interdit l’impression, la modification du "
        "document, le remplissage des formulaires, l’ajout de commentaires et l’assemblage des pages)"
    )
    assert finding.fix == (
        f"Retirez la protection{NNBSP}: imprimez le fichier dans un nouveau PDF, ou lancez «\u202fqpdf --decrypt "
        "dossier.pdf dossier-dechiffre.pdf\u202f» (ou «\u202fpreflight fix\u202f»)."
    )


def test_every_permission_granted_still_fails() -> None:
    finding = Finding("encrypted-unrestricted", {"restricted_ids": []}, fix_id="encrypted.fix")
    [english] = render_findings(encryption, [finding], "en")
    [french] = render_findings(encryption, [finding], "fr")
    assert english.message == (
        "the PDF is encrypted with an owner password (it grants every permission, but the portal still sees a "
        "protected file)"
    )
    assert french.message == (
        "le PDF est chiffré avec un mot de passe propriétaire (il accorde tous les droits, mais le portail y voit "
        "tout de même un fichier protégé)"
    )
