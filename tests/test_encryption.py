from __future__ import annotations

from preflight.model import Status
from tests.helpers import messages, run_check


def test_unencrypted_dossier_passes(fixture_pdf) -> None:
    assert run_check("encryption", fixture_pdf("valid-dossier.pdf")).status is Status.PASS


def test_owner_password_only_still_fails_and_says_what_is_restricted(fixture_pdf) -> None:
    outcome = run_check("encryption", fixture_pdf("encrypted-owner.pdf"))
    assert outcome.status is Status.FAIL
    (message,) = messages(outcome)
    assert message.startswith("the PDF is encrypted with an owner password (it restricts ")
    assert "printing" in message and "changing the document" in message
    assert "qpdf --decrypt" in (outcome.findings[0].finding.fix or "")
