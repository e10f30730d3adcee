from __future__ import annotations

import pytest

from preflight.i18n import set_language
from preflight.model import Level, Status
from tests.helpers import messages, run_check

NNBSP = "\u202f"


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


@pytest.mark.parametrize(
    ("name", "text", "fix"),
    [
        ("empty.pdf", "le fichier est vide (0 octet)", "Exportez ou enregistrez le dossier en PDF"),
        (
            "word-renamed.pdf",
            f"ce n’est pas un PDF{NNBSP}: c’est un document Word (.docx) renommé en .pdf",
            "Exportez ou enregistrez le dossier en PDF depuis votre logiciel (Fichier > Exporter > PDF), puis "
            "vérifiez ce nouveau fichier.",
        ),
        (
            "html-renamed.pdf",
            f"ce n’est pas un PDF{NNBSP}: c’est une page web (HTML) enregistrée en .pdf",
            "Exportez ou enregistrez",
        ),
        (
            "encrypted-user.pdf",
            "le fichier est protégé par un mot de passe, sans lequel il ne s’ouvre pas",
            "Ouvrez-le avec son mot de passe et imprimez-le dans un nouveau PDF, ou lancez «\u202fqpdf --decrypt "
            f"--password=VOTRE_MOT_DE_PASSE entree.pdf sortie.pdf\u202f»{NNBSP}; le portail ne peut pas ouvrir les "
            "fichiers protégés.",
        ),
        (
            "corrupt.pdf",
            f"le PDF est endommagé et ne peut pas être ouvert (erreur de qpdf{NNBSP}: «{NNBSP}unable to find "
            f"trailer dictionary while recovering damaged file{NNBSP}»)",
            f"Exportez de nouveau le PDF depuis son document source{NNBSP}; si vous n’avez que ce fichier",
        ),
    ],
)
def test_unreadable_files_in_french(fixture_pdf, name: str, text: str, fix: str) -> None:
    set_language("fr")  # the conftest sets English back after each test
    (item,) = run_check("pdf-readable", fixture_pdf(name)).findings
    assert item.finding.message == text
    assert (item.finding.fix or "").startswith(fix)


def test_the_problem_says_in_english_what_its_message_says(fixture_pdf, tmp_path) -> None:
    """The dossier's English problem text (what `sections`, `cv` and `fix` show) and pdf-readable's message agree."""
    from preflight.dossier import Dossier

    names = ["empty.pdf", "word-renamed.pdf", "png-renamed.pdf", "html-renamed.pdf", "encrypted-user.pdf"]
    paths = [fixture_pdf(name) for name in [*names, "corrupt.pdf", "truncated.pdf"]]
    headless = tmp_path / "headless.pdf"
    headless.write_bytes(b"1 0 obj << /Type /Catalog >> endobj\n")
    for path in [*paths, tmp_path, tmp_path / "missing.pdf", headless]:
        with Dossier(path) as dossier:
            assert dossier.problem is not None
            (finding,) = run_check("pdf-readable", path).findings
            assert finding.finding.message == dossier.problem.message, path
            assert finding.finding.fix == dossier.problem.fix, path


def test_a_damaged_file_in_french_says_what_qpdf_repaired(fixture_pdf) -> None:
    set_language("fr")
    repaired, strict = run_check("pdf-readable", fixture_pdf("repairable.pdf")).findings
    assert repaired.finding.message == (
        f"le PDF est endommagé et ne s’ouvre qu’après réparation (qpdf signale «{NNBSP}file is damaged{NNBSP}», "
        f"«{NNBSP}(offset 97471): xref not found{NNBSP}» et «{NNBSP}Attempting to reconstruct cross-reference "
        f"table{NNBSP}»)"
    )
    assert strict.finding.message == (
        f"un analyseur PDF strict (pypdf) refuse le fichier (motif{NNBSP}: «{NNBSP}Broken xref "
        f"table{NNBSP}»){NNBSP}: un portail de dépôt qui lit les PDF de façon stricte pourrait le rejeter"
    )
    assert strict.finding.fix == (
        "Exportez de nouveau le PDF depuis son document source (ou imprimez-le dans un nouveau PDF)"
        f"{NNBSP}: un fichier écrit à neuf n’a besoin d’aucune réparation."
    )


def test_more_than_three_repairs_are_counted(fixture_pdf, monkeypatch: pytest.MonkeyPatch) -> None:
    from preflight.checks import pdf_readable
    from preflight.dossier import Dossier
    from tests.helpers import render_findings

    with Dossier(fixture_pdf("valid-dossier.pdf")) as dossier:
        dossier.repair_warnings = [f"problem {n}" for n in range(1, 6)]
        monkeypatch.setattr(type(dossier), "strict_parse", None)
        findings = list(pdf_readable.check(dossier, pdf_readable.Options()))
    [english] = render_findings(pdf_readable, findings, "en")
    [french] = render_findings(pdf_readable, findings, "fr")
    assert english.message == (
        "the PDF is damaged and opens only after repair (5 problems reported by qpdf, the first ones: “problem 1”, "
        "“problem 2” and “problem 3”)"
    )
    assert french.message == (
        f"le PDF est endommagé et ne s’ouvre qu’après réparation (5 problèmes signalés par qpdf, dont les "
        f"premiers{NNBSP}: «{NNBSP}problem 1{NNBSP}», «{NNBSP}problem 2{NNBSP}» et «{NNBSP}problem 3{NNBSP}»)"
    )
    assert english.data == {"repairs": ["problem 1", "problem 2", "problem 3", "problem 4", "problem 5"]}


def test_a_header_after_the_first_byte_is_a_warning(tmp_path, fixture_pdf) -> None:
    shifted = tmp_path / "shifted.pdf"
    shifted.write_bytes(b"garbage!" + fixture_pdf("valid-dossier.pdf").read_bytes())
    (item,) = run_check("pdf-readable", shifted).findings
    assert item.finding.message == "the PDF header starts at byte 8, not at the start of the file"
    set_language("fr")
    (item,) = run_check("pdf-readable", shifted).findings
    assert item.finding.message == "l’en-tête du PDF commence à l’octet 8, et non au début du fichier"
    assert item.finding.fix == (
        f"Exportez de nouveau le PDF{NNBSP}: certains portails vérifient les premiers octets et refusent de tels "
        "fichiers."
    )


def test_repaired_file_passes_with_a_warning(fixture_pdf) -> None:
    outcome = run_check("pdf-readable", fixture_pdf("repairable.pdf"))
    assert outcome.status is Status.WARN
    repaired, strict = outcome.findings
    assert repaired.level is Level.WARNING and strict.level is Level.WARNING
    assert messages(outcome)[0] == (
        "the PDF is damaged and opens only after repair (qpdf reports “file is damaged”, “(offset 97471): xref not "
        "found” and “Attempting to reconstruct cross-reference table”)"
    )
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
