"""--no-snippets keeps the dossier's own words out of every report format and every field; in CI it is the default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.cli import main
from preflight.dossier import Dossier
from preflight.reporters import FORMATS, redact, snippets_by_default

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = [
    FIXTURES / "cv" / "gap.pdf",
    FIXTURES / "hidden" / "soft-hyphen.pdf",
    FIXTURES / "hidden" / "zero-width.pdf",
    FIXTURES / "structure" / "cover-director-without-name.pdf",
    FIXTURES / "valid-dossier.pdf",
]


def dossier_phrases(path: Path) -> set[str]:
    """Runs of three or more words from the file's text: what must not leave the machine."""
    with Dossier(path) as dossier:
        phrases = set()
        for page in dossier.pages:
            for line in page.lines:
                words = re.findall(r"[^\W\d_]{3,}", line.text)
                for start in range(len(words) - 2):
                    phrases.add(" ".join(words[start : start + 3]))
        return phrases


def visible_words(text: str) -> str:
    """The output's words in order, separators and invisible-character markers aside."""
    text = re.sub(r"⟦[^⟧]*⟧", "", text)
    return " ".join(re.findall(r"[^\W\d_]{3,}", text))


@pytest.mark.parametrize("output_format", sorted(FORMATS))
@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_snippets_leaves_none_of_the_dossiers_text_in_any_format(
    output_format: str, language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["check", "--no-cache", "--lang", language, "-f", output_format, "--no-snippets"]
    result = CliRunner().invoke(main, [*args, *map(str, FILES)])
    assert result.exit_code in (0, 1), result.output
    output = visible_words(result.output)
    # Our own words (rule summaries, section labels...) may meet a fixture's; only the dossier's count.
    from preflight.checks import load_registry

    docs = " | ".join(spec.doc_in(language) for spec in load_registry().checks.values())
    ours = visible_words(CliRunner().invoke(main, ["rules", "--lang", language]).output + " | " + docs)
    leaked = sorted(
        phrase for path in FILES for phrase in dossier_phrases(path) if phrase in output and phrase not in ours
    )
    assert leaked == []


def test_with_snippets_the_text_is_there() -> None:
    """The test above can fail: by default the same run quotes the dossier."""
    result = CliRunner().invoke(main, ["check", "--no-cache", "-f", "json", "--snippets", *map(str, FILES)])
    output = visible_words(result.output)
    assert any(phrase in output for path in FILES for phrase in dossier_phrases(path))


def test_snippets_are_off_by_default_in_ci_and_for_github() -> None:
    assert snippets_by_default("text", {}) is True
    assert snippets_by_default("github", {}) is False
    assert snippets_by_default("json", {"CI": "true"}) is False
    assert snippets_by_default("text", {"GITLAB_CI": "true"}) is False
    assert snippets_by_default("text", {"CI": "false"}) is True


def test_redact_keeps_numbers_and_structure() -> None:
    data = {"entries": [{"line": "Post-doctorat, Institut Pasteur", "start": "2015-09", "months": 12}], "count": 2}
    assert redact(data) == {"entries": [{"line": None, "start": "2015-09", "months": 12}], "count": 2}


COVER_FACTS = {
    # The host team the project-host-fit finding looks for, in its data (not in its message's arguments).
    FIXTURES / "latex" / "dossier.pdf": ("Immunologie des muqueuses", "Institut Cochin"),
    # A mistyped ORCID iD: its message hides it, its data held it.
    FIXTURES / "structure" / "cover-orcid-invalid.pdf": ("0000-0002-1825-0098",),
}


@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_no_snippets_leaves_names_and_identifiers_out_of_findings_data(
    output_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two- and four-word names and an iD, which the phrase test above cannot see, are hidden in every field."""
    import json

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI", "true")
    files = [str(path) for path in COVER_FACTS]
    with_text = CliRunner().invoke(main, ["check", "--no-cache", "-f", output_format, "--snippets", *files])
    without = CliRunner().invoke(main, ["check", "--no-cache", "-f", output_format, *files])
    assert without.exit_code == with_text.exit_code == 1, without.output
    outputs = []
    for result in (with_text, without):
        output = result.output
        if output_format == "sarif":  # the rules' help quotes examples of our own; the results are the dossier's
            output = json.dumps([run["results"] for run in json.loads(output)["runs"]], ensure_ascii=False)
        outputs.append(output)
    if output_format in ("json", "jsonl", "sarif"):
        assert all(fact in outputs[0] for facts in COVER_FACTS.values() for fact in facts)  # the test can fail
    assert [fact for facts in COVER_FACTS.values() for fact in facts if fact in outputs[1]] == []
