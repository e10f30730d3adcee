from __future__ import annotations

import pytest

from preflight.i18n import set_language
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


def test_every_item_says_in_english_what_its_description_says(fixture_pdf) -> None:
    """The message of each item (id and arguments) and the English description that fix.py shows agree."""
    from preflight.checks import active_content
    from preflight.dossier import Dossier
    from preflight.messages import render_template

    for name in ("javascript.pdf", "launch-action.pdf", "embedded-file.pdf", "form-fields.pdf"):
        with Dossier(fixture_pdf(name)) as dossier:
            for item in dossier.active_content:
                args = active_content.item_args(item)
                assert render_template(active_content.MESSAGES, item.message_id, args, "en") == item.description


def test_active_content_in_french(fixture_pdf) -> None:
    set_language("fr")  # the conftest sets English back after each test
    outcome = run_check("active-content", fixture_pdf("form-fields.pdf"))
    fields = {item.finding.message: item.finding for item in outcome.findings}
    finding = fields["un champ de formulaire non aplati\u202f: champ de formulaire «\u202fSignature\u202f»"]
    assert finding.page == 2
    assert finding.fix == (
        "Aplatissez le formulaire\u202f: imprimez le dossier dans un nouveau PDF, "
        "ou lancez «\u202fpreflight fix\u202f»."
    )
    outcome = run_check("active-content", fixture_pdf("embedded-file.pdf"))
    assert any(
        item.finding.message.startswith("un fichier joint\u202f: fichier joint «\u202fdonnees.xlsx\u202f»")
        for item in outcome.findings
    )
