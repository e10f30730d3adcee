from __future__ import annotations

import pytest

from preflight.model import Level, Status
from tests.helpers import messages, run_check


def test_valid_dossier_is_readable(fixture_pdf) -> None:
    outcome = run_check("pdf-readable", fixture_pdf("valid-dossier.pdf"))
    assert outcome.status is Status.PASS and outcome.findings == ()


@pytest.mark.parametrize(
    ("name", "kind", "text"),
    [
        ("empty.pdf", "empty", "the file is an empty file (0 bytes)"),
        ("word-renamed.pdf", "not-pdf", "this is not a PDF: it is a Word document (.docx) renamed .pdf"),
        ("png-renamed.pdf", "not-pdf", "this is not a PDF: it is a PNG image renamed .pdf"),
        ("html-renamed.pdf", "not-pdf", "this is not a PDF: it is a web page (HTML) saved as .pdf"),
        ("encrypted-user.pdf", "password", "the file is protected by a password that is needed to open it"),
        ("corrupt.pdf", "damaged", "the PDF is damaged and cannot be opened"),
        ("truncated.pdf", "damaged", "the PDF is damaged"),
    ],
)
def test_unreadable_files_fail_with_a_plain_message_and_a_fix(fixture_pdf, name: str, kind: str, text: str) -> None:
    outcome = run_check("pdf-readable", fixture_pdf(name))
    assert outcome.status is Status.FAIL
    (item,) = outcome.findings
    assert item.finding.data["kind"] == kind
    assert item.finding.message.startswith(text)
    assert item.finding.fix


def test_repaired_file_passes_with_a_warning(fixture_pdf) -> None:
    outcome = run_check("pdf-readable", fixture_pdf("repairable.pdf"))
    assert outcome.status is Status.WARN
    (item,) = outcome.findings
    assert item.level is Level.WARNING
    assert "opens only after repair" in messages(outcome)[0]


def test_other_rules_are_skipped_with_the_reason_when_unreadable(fixture_pdf, registry) -> None:
    from preflight.config import UserConfig, resolve_rule_set
    from preflight.engine import check_file

    rule_set = resolve_rule_set(registry, UserConfig(), profile="portal")
    report = check_file(fixture_pdf("corrupt.pdf"), rule_set, registry)
    statuses = {outcome.rule: outcome.status for outcome in report.outcomes}
    assert statuses["pdf-readable"] is Status.FAIL
    # filename reads only the file's name, so it still runs
    assert {statuses[rule] for rule in statuses if rule not in ("pdf-readable", "filename")} == {Status.SKIP}
    assert all("cannot be read as a PDF" in o.message for o in report.outcomes if o.status is Status.SKIP)
    assert report.passed is False


def test_unreadable_file_fails_even_when_the_rule_is_ignored(fixture_pdf, registry) -> None:
    from preflight.config import UserConfig, resolve_rule_set
    from preflight.engine import check_file

    rule_set = resolve_rule_set(registry, UserConfig(), profile="portal", ignore=["pdf-readable"])
    report = check_file(fixture_pdf("png-renamed.pdf"), rule_set, registry)
    assert report.outcomes[0].rule == "pdf-readable" and report.outcomes[0].status is Status.FAIL
    assert report.passed is False
