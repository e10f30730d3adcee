"""Every report format, parsed back: SARIF (schema-valid), JUnit XML, GitHub workflow commands, JSON Lines."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.cli import main
from preflight.model import FileReport, Finding, GradedFinding, Level, Outcome, RuleInfo, RunReport, Status
from preflight.reporters import FORMATS, RenderOptions, get_renderer

SCHEMA_PATH = Path(__file__).parent / "resources" / "sarif-schema-2.1.0.json"
SNIPPET = "immuno⟦U+00AD SOFT HYPHEN⟧logie"


def sample_report(strict: bool = False) -> RunReport:
    """Two files covering every status: fail with two findings, warn, skip, crash, pass."""
    text_finding = Finding(
        "soft hyphen inside a word, 3 times", page=4, snippet=SNIPPET, fix="Retype the word.", data={"count": 3}
    )
    font_finding = Finding(
        "font 'Helvetica' is not embedded; used on page 2", page=2, rect=(1.0, 2.0, 3.0, 4.0), fix="Embed it."
    )
    first = FileReport(
        path="dossiers/cand 1.pdf",
        pages=12,
        bytes=2_500_000,
        outcomes=(
            Outcome(
                "fonts-embedded",
                "Every font is embedded",
                Level.ERROR,
                Status.FAIL,
                "2 findings (2 errors)",
                (GradedFinding(font_finding, Level.ERROR), GradedFinding(text_finding, Level.ERROR)),
            ),
            Outcome(
                "file-size",
                "Under the size limit",
                Level.ERROR,
                Status.WARN,
                "9.1 MB, close to the 10 MB limit",
                (GradedFinding(Finding("9.1 MB, close to the 10 MB limit", level=Level.WARNING), Level.WARNING),),
            ),
            Outcome("encryption", "No encryption", Level.ERROR, Status.SKIP, "not checked: unreadable"),
        ),
    )
    second = FileReport(
        path="b.pdf",
        pages=1,
        bytes=700,
        outcomes=(
            Outcome("fonts-embedded", "Every font is embedded", Level.ERROR, Status.PASS, ""),
            Outcome("file-size", "Under the size limit", Level.ERROR, Status.ERROR, "the check crashed (boom)"),
            Outcome("encryption", "No encryption", Level.ERROR, Status.PASS, ""),
        ),
    )
    rules = (
        RuleInfo("fonts-embedded", "fonts-embedded", Level.ERROR, "Every font is embedded", "What it checks\n..."),
        RuleInfo("file-size", "file-size", Level.ERROR, "Under the size limit", "Size doc", source="CNRS"),
        RuleInfo("encryption", "encryption", Level.ERROR, "No encryption", "Encryption doc"),
    )
    return RunReport("inserm-cr", (first, second), "0.1.0", rules, strict)


@pytest.fixture(scope="module")
def sarif_validator() -> Iterator[object]:
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    yield jsonschema.Draft4Validator(schema)


# ---------------------------------------------------------------- SARIF


def test_sarif_is_valid_against_the_2_1_0_schema(sarif_validator: object) -> None:
    log = json.loads(get_renderer("sarif")(sample_report(), RenderOptions()))
    errors = list(sarif_validator.iter_errors(log))  # type: ignore[attr-defined]
    assert errors == []
    assert log["version"] == "2.1.0"


def test_the_schema_rejects_a_broken_log(sarif_validator: object) -> None:
    """The schema resource really constrains: a result whose level is unknown is refused."""
    log = json.loads(get_renderer("sarif")(sample_report(), RenderOptions()))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(sarif_validator.iter_errors(log))  # type: ignore[attr-defined]


def test_sarif_has_one_result_per_finding_with_rule_metadata_and_page() -> None:
    run = json.loads(get_renderer("sarif")(sample_report(), RenderOptions()))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["fonts-embedded", "file-size", "encryption"]
    assert rules[0]["shortDescription"] == {"text": "Every font is embedded"}
    assert rules[0]["help"] == {"text": "What it checks\n..."}
    assert rules[1]["properties"] == {"check": "file-size", "source": "CNRS"}
    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("fonts-embedded", 0, "error"),
        ("fonts-embedded", 0, "error"),
        ("file-size", 1, "warning"),
    ]
    first = results[0]
    assert first["message"]["text"] == "page 2: font 'Helvetica' is not embedded; used on page 2 Fix: Embed it."
    location = first["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "dossiers/cand%201.pdf", "index": 0}
    assert location["logicalLocations"] == [{"name": "page 2", "kind": "page"}]
    assert first["properties"]["page"] == 2
    assert first["properties"]["rect"] == [1.0, 2.0, 3.0, 4.0]
    assert results[1]["properties"]["snippet"] == SNIPPET
    assert "logicalLocations" not in results[2]["locations"][0]
    assert run["artifacts"][0] == {
        "location": {"uri": "dossiers/cand%201.pdf"},
        "mimeType": "application/pdf",
        "length": 2_500_000,
        "properties": {"pages": 12},
    }
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["associatedRule"] == {"id": "file-size", "index": 1}


def test_sarif_strict_makes_warnings_errors() -> None:
    results = json.loads(get_renderer("sarif")(sample_report(strict=True), RenderOptions()))["runs"][0]["results"]
    assert results[2]["level"] == "error"


def test_no_snippets_leaves_the_dossier_text_out_of_every_format() -> None:
    for name in FORMATS:
        with_snippets = get_renderer(name)(sample_report(), RenderOptions(snippets=True))
        without = get_renderer(name)(sample_report(), RenderOptions(snippets=False))
        assert "immuno" not in without, name
        if name != "github":
            assert "immuno" in with_snippets, name


# ---------------------------------------------------------------- JUnit


def test_junit_has_one_testcase_per_file_and_rule() -> None:
    root = ET.fromstring(get_renderer("junit")(sample_report(), RenderOptions()))
    assert root.tag == "testsuites"
    assert {key: root.get(key) for key in ("tests", "failures", "errors", "skipped")} == {
        "tests": "6",
        "failures": "1",
        "errors": "1",
        "skipped": "1",
    }
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == ["dossiers/cand 1.pdf", "b.pdf"]
    cases = [(case.get("classname"), case.get("name")) for case in root.iter("testcase")]
    assert cases == [
        ("dossiers/cand 1.pdf", "fonts-embedded"),
        ("dossiers/cand 1.pdf", "file-size"),
        ("dossiers/cand 1.pdf", "encryption"),
        ("b.pdf", "fonts-embedded"),
        ("b.pdf", "file-size"),
        ("b.pdf", "encryption"),
    ]
    failure = suites[0].find("testcase[@name='fonts-embedded']/failure")
    assert failure is not None
    assert failure.get("message") == "2 findings (2 errors)"
    assert failure.text is not None
    assert failure.text.splitlines() == [
        "page 2: error: font 'Helvetica' is not embedded; used on page 2",
        "    fix: Embed it.",
        "page 4: error: soft hyphen inside a word, 3 times",
        f"    “{SNIPPET}”",
        "    fix: Retype the word.",
    ]
    warned = suites[0].find("testcase[@name='file-size']/system-out")
    assert warned is not None and warned.text == "file: warning: 9.1 MB, close to the 10 MB limit"
    skipped = suites[0].find("testcase[@name='encryption']/skipped")
    assert skipped is not None and skipped.get("message") == "not checked: unreadable"
    error = suites[1].find("testcase[@name='file-size']/error")
    assert error is not None and error.get("message") == "the check crashed (boom)"
    assert suites[1].find("testcase[@name='fonts-embedded']/*") is None


def test_junit_shows_control_characters_instead_of_writing_invalid_xml() -> None:
    report = sample_report()
    finding = Finding("bad \x01 byte", page=1)
    outcome = Outcome("x", "x", Level.ERROR, Status.FAIL, "bad \x01 byte", (GradedFinding(finding, Level.ERROR),))
    broken = dataclasses.replace(report, files=(dataclasses.replace(report.files[0], outcomes=(outcome,)),))
    root = ET.fromstring(get_renderer("junit")(broken, RenderOptions()))
    assert root.find(".//failure").get("message") == "bad ⟦U+0001⟧ byte"  # type: ignore[union-attr]


# ---------------------------------------------------------------- GitHub


def test_github_workflow_commands() -> None:
    lines = get_renderer("github")(sample_report(), RenderOptions(snippets=False)).splitlines()
    assert lines == [
        "::error file=dossiers/cand 1.pdf,title=fonts-embedded (page 2)::"
        "font 'Helvetica' is not embedded; used on page 2%0AFix: Embed it.",
        "::error file=dossiers/cand 1.pdf,title=fonts-embedded (page 4)::"
        "soft hyphen inside a word, 3 times%0AFix: Retype the word.",
        "::warning file=dossiers/cand 1.pdf,title=file-size::9.1 MB, close to the 10 MB limit",
        "::error file=b.pdf,title=file-size (crashed)::the check crashed (boom)",
        "dossier-preflight 0.1.0, rule set “inserm-cr”: 2 files checked, 0 passed, 2 failed",
    ]


def test_github_escapes_properties_and_data() -> None:
    from preflight.reporters.github import command

    assert (
        command("notice", "a,b:c.pdf", "t", "50% done\nnext")
        == "::notice file=a%2Cb%3Ac.pdf,title=t::50%25 done%0Anext"
    )


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_is_one_object_per_file_in_order() -> None:
    lines = get_renderer("jsonl")(sample_report(), RenderOptions()).splitlines()
    records = [json.loads(line) for line in lines]
    assert [record["path"] for record in records] == ["dossiers/cand 1.pdf", "b.pdf"]
    assert [record["passed"] for record in records] == [False, False]
    assert records[0]["profile"] == "inserm-cr"
    assert records[0]["tool"] == "dossier-preflight"
    assert [result["status"] for result in records[0]["results"]] == ["fail", "warn", "skip"]


# ---------------------------------------------------------------- through the command line


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_exit_codes_per_format(name: str, passing_pdf: Path, failing_pdf: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["check", "-p", "portal", "-f", name, str(passing_pdf)]).exit_code == 0
    assert runner.invoke(main, ["check", "-p", "portal", "-f", name, str(failing_pdf)]).exit_code == 1
    assert (
        runner.invoke(
            main, ["check", "-p", "portal", "-f", name, "--profile", "no-such-set", str(passing_pdf)]
        ).exit_code
        == 2
    )


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_a_crashing_check_exits_3_in_every_format(
    name: str, passing_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from preflight.checks import load_registry

    def boom(dossier: object, options: object) -> Iterator[Finding]:
        raise RuntimeError("boom")
        yield  # pragma: no cover

    registry = load_registry()
    monkeypatch.setitem(registry.checks, "encryption", dataclasses.replace(registry.checks["encryption"], run=boom))
    result = CliRunner().invoke(main, ["check", "-p", "portal", "--no-cache", "-f", name, str(passing_pdf)])
    assert result.exit_code == 3
    assert "boom" in result.output


def test_sarif_from_the_command_line_is_valid(sarif_validator: object, passing_pdf: Path, failing_pdf: Path) -> None:
    result = CliRunner().invoke(main, ["check", "-p", "portal", "-f", "sarif", str(passing_pdf), str(failing_pdf)])
    log = json.loads(result.output)
    assert list(sarif_validator.iter_errors(log)) == []  # type: ignore[attr-defined]
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["properties"]["page"]) for r in results] == [("fonts-embedded", 1)]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 1
    from preflight.checks import load_registry
    from preflight.config import UserConfig, resolve_rule_set

    rules = log["runs"][0]["tool"]["driver"]["rules"]
    portal = resolve_rule_set(load_registry(), UserConfig(), "portal")
    assert [rule["id"] for rule in rules] == [rule.id for rule in portal.rules]
    fonts = next(rule for rule in rules if rule["id"] == "fonts-embedded")
    assert fonts["help"]["text"].startswith("Every font the pages use")
    assert results[0]["ruleIndex"] == rules.index(fonts)


def test_output_writes_the_report_and_prints_the_text_report(tmp_path: Path, failing_pdf: Path) -> None:
    target = tmp_path / "out" / "report.xml"
    target.parent.mkdir()
    result = CliRunner().invoke(main, ["check", "-p", "portal", "-f", "junit", "-o", str(target), str(failing_pdf)])
    assert result.exit_code == 1
    assert "FAIL  fonts-embedded" in result.output
    root = ET.parse(target).getroot()
    assert root.get("failures") == "1"


def test_output_to_an_unwritable_place_is_a_usage_error(tmp_path: Path, passing_pdf: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", "-p", "portal", "-f", "json", "-o", str(tmp_path / "no" / "r.json"), str(passing_pdf)]
    )
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_github_format_leaves_snippets_out_unless_asked(monkeypatch: pytest.MonkeyPatch, passing_pdf: Path) -> None:
    from preflight import engine

    real = engine.check_files

    def with_snippet(*args: object, **kwargs: object) -> RunReport:
        return dataclasses.replace(sample_report(), profile=real(*args, **kwargs).profile)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "check_files", with_snippet)  # --no-cache: a cache hit never calls it
    default = CliRunner().invoke(main, ["check", "-p", "portal", "--no-cache", "-f", "github", str(passing_pdf)])
    assert "::error" in default.output and "immuno" not in default.output
    asked = CliRunner().invoke(
        main, ["check", "-p", "portal", "--no-cache", "-f", "github", "--snippets", str(passing_pdf)]
    )
    assert SNIPPET.replace("%", "%25") in asked.output
    text = CliRunner().invoke(main, ["check", "-p", "portal", "--no-cache", "--no-snippets", str(passing_pdf)])
    assert "immuno" not in text.output and "soft hyphen inside a word" in text.output


def engine_report(language: str) -> RunReport:
    """host-unit through the engine on two covers: one finding without the dossier's text, one quoting it."""
    from preflight.checks import load_registry
    from preflight.config import UserConfig, resolve_rule_set
    from preflight.engine import check_files
    from preflight.i18n import set_language

    structure = Path(__file__).resolve().parents[1] / "fixtures" / "structure"
    registry = load_registry()
    rule_set = resolve_rule_set(registry, UserConfig(None, {}), "inserm-cr", select=("host-unit",))
    set_language(language)
    try:
        return check_files(
            [structure / "cover-no-unit.pdf", structure / "cover-director-without-name.pdf"], rule_set, registry
        )
    finally:
        set_language("en")


def test_json_carries_message_ids_and_arguments_and_hides_text_without_snippets() -> None:
    report = engine_report("fr")
    data = json.loads(get_renderer("json")(report, RenderOptions()))
    assert data["language"] == "fr"
    first = data["files"][0]["results"][0]["findings"][0]
    assert first["message_id"] == "no-unit-code"
    assert first["args"] == {"pages": [1], "ignored": []}
    assert first["message"].startswith("aucun code d’unité de recherche sur la page de garde (page 1)\u202f:")
    [unnamed] = [f for f in data["files"][1]["results"][0]["findings"] if f["message_id"].startswith("director")]
    assert "label" in unnamed["args"] and unnamed["args"]["label"]
    hidden = json.loads(get_renderer("json")(report, RenderOptions(snippets=False)))
    [private] = [f for f in hidden["files"][1]["results"][0]["findings"] if f["message_id"].startswith("director")]
    assert private["args"]["label"] is None
    assert "[texte masqué]" in private["message"] and unnamed["args"]["label"] not in private["message"]


def test_sarif_gives_message_strings_ids_arguments_and_the_other_language(sarif_validator: object) -> None:
    report = engine_report("en")
    log = json.loads(get_renderer("sarif")(report, RenderOptions()))
    assert list(sarif_validator.iter_errors(log)) == []  # type: ignore[attr-defined]
    run = log["runs"][0]
    [rule] = run["tool"]["driver"]["rules"]
    result = run["results"][0]
    assert result["message"]["id"] == "no-unit-code"
    template = rule["messageStrings"]["no-unit-code"]["text"]
    # The positional template filled with the arguments gives the message's text (after its page prefix).
    assert result["message"]["text"].startswith("page 1: " + template.format(*result["message"]["arguments"]))
    [french] = run["translations"]
    assert french["language"] == "fr-FR"
    [french_rule] = french["rules"]
    assert french_rule["messageStrings"]["no-unit-code"]["text"].startswith("aucun code d’unité")


def test_text_report_collapses_repeated_notes_and_wraps_with_a_hanging_indent() -> None:
    notes = tuple(
        GradedFinding(Finding("ligature", {"page": page}, page=page, message=f"ligature fi on page {page}"), Level.INFO)
        for page in range(1, 18)
    )
    warning = GradedFinding(
        Finding("long", message="a warning whose message is long enough to need two lines " * 3), Level.WARNING
    )
    outcome = Outcome(
        "hidden-characters", "No hidden characters", Level.ERROR, Status.WARN, "18 findings", (*notes, warning)
    )
    report = RunReport("inserm-cr", (FileReport("a.pdf", 17, 1000, (outcome,)),), "0.1.0")
    text = get_renderer("text")(report, RenderOptions(width=80))
    lines = text.splitlines()
    collapsed = [line for line in lines if "ligature fi" in line]
    assert len(collapsed) == 1
    assert collapsed[0].strip().startswith("pp.1-17  info: ligature fi on page 1 (and 16 more pages like it")
    assert all(len(line) <= 80 for line in lines)
    long_lines = [line for line in lines if "warning whose" in line or "long enough" in line]
    assert len(long_lines) >= 2
    indent = len(long_lines[1]) - len(long_lines[1].lstrip())
    assert indent == lines[lines.index(long_lines[0])].index("a warning")  # hanging under the message
    verbose = get_renderer("text")(report, RenderOptions(width=80, verbose=True))
    assert len([line for line in verbose.splitlines() if "ligature fi" in line]) == 17
