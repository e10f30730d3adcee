from __future__ import annotations

import pytest

from preflight.model import Status
from tests.helpers import run_check


def test_valid_dossier_has_no_active_content(fixture_pdf) -> None:
    assert run_check("active-content", fixture_pdf("valid-dossier.pdf")).status is Status.PASS


@pytest.mark.parametrize(
    ("name", "kind", "text", "page"),
    [
        ("javascript.pdf", "javascript", "JavaScript: ", None),
        ("launch-action.pdf", "launch", "an action that launches a program: Link annotation", 1),
        ("embedded-file.pdf", "attachment", "an attached file: attached file 'donnees.xlsx'", None),
        ("form-fields.pdf", "form-field", "an unflattened form field: form field 'Nom'", 1),
    ],
)
def test_active_content_fails_with_what_and_where(fixture_pdf, name: str, kind: str, text: str, page) -> None:
    outcome = run_check("active-content", fixture_pdf(name))
    assert outcome.status is Status.FAIL
    matching = [item.finding for item in outcome.findings if item.finding.data["kind"] == kind]
    assert matching, [item.finding.message for item in outcome.findings]
    assert any(f.message.startswith(text) and f.page == page for f in matching), [f.message for f in matching]
    assert all(f.fix for f in matching)


def test_javascript_names_document_script_and_open_action(fixture_pdf) -> None:
    outcome = run_check("active-content", fixture_pdf("javascript.pdf"))
    texts = [item.finding.message for item in outcome.findings]
    assert any("document-level script" in t for t in texts)
    assert any("runs when the file opens" in t for t in texts)


def test_second_form_field_is_on_page_2(fixture_pdf) -> None:
    outcome = run_check("active-content", fixture_pdf("form-fields.pdf"))
    fields = {item.finding.message: item.finding.page for item in outcome.findings}
    assert fields["an unflattened form field: form field 'Signature'"] == 2


def test_attachments_can_be_allowed(fixture_pdf) -> None:
    outcome = run_check("active-content", fixture_pdf("embedded-file.pdf"), allow_attachments=True)
    assert all(item.finding.data["kind"] != "attachment" for item in outcome.findings)
