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
    repaired, strict = outcome.findings
    assert repaired.level is Level.WARNING and strict.level is Level.WARNING
    assert "opens only after repair" in messages(outcome)[0]
    # its cross-reference table is broken: qpdf rebuilds it, a strict parser gives up
    assert messages(outcome)[1] == (
        "a strict PDF parser (pypdf) refuses the file (Broken xref table): an upload portal that reads PDFs "
        "strictly could reject it"
    )
    assert strict.finding.data == {"strict_parser": "pypdf", "reason": "Broken xref table"}
    assert strict.finding.fix is not None and strict.finding.fix.startswith("Export the PDF again")


@pytest.mark.parametrize("accepted", [True, None])
def test_a_repaired_file_a_strict_parser_reads_or_cannot_decide_gets_only_the_repair_warning(
    fixture_pdf, monkeypatch: pytest.MonkeyPatch, accepted: bool | None
) -> None:
    from preflight.pdf import strict

    monkeypatch.setattr(strict, "strict_parse", lambda path: strict.StrictParse(accepted, "timed out"))
    outcome = run_check("pdf-readable", fixture_pdf("repairable.pdf"))
    (item,) = outcome.findings
    assert "opens only after repair" in item.finding.message


def test_a_file_that_needs_no_repair_is_not_read_twice(fixture_pdf, monkeypatch: pytest.MonkeyPatch) -> None:
    from preflight.pdf import strict

    def never(path: object) -> object:
        raise AssertionError("pypdf read a file qpdf opened without repair")

    monkeypatch.setattr(strict, "strict_parse", never)
    assert run_check("pdf-readable", fixture_pdf("valid-dossier.pdf")).findings == ()


def test_the_strict_reading_is_bounded_in_time(fixture_pdf, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hostile file must not hang the run in pypdf (pure Python): the reading gives up, undecided."""
    import threading
    import time

    from preflight.pdf import strict

    def forever(path: object) -> strict.StrictParse:
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(strict, "_read", forever)
    for where in ("main thread", "other thread"):
        results: list[strict.StrictParse] = []
        start = time.monotonic()
        if where == "main thread":
            results.append(strict.strict_parse(fixture_pdf("repairable.pdf"), timeout=0.3))
        else:
            worker = threading.Thread(target=lambda found=results: found.append(strict.strict_parse("x", timeout=0.3)))
            worker.start()
            worker.join(5)
        assert time.monotonic() - start < 3, where
        assert results == [strict.StrictParse(None, "pypdf did not finish reading it within 0.3 s")], where


def test_a_strict_parser_error_of_any_kind_is_caught(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from preflight.pdf import strict

    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    result = strict.strict_parse(garbage)
    assert result.accepted is False and result.reason


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
