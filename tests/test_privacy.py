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


def test_redact_hides_the_words_our_sentences_quote() -> None:
    """How a CV was found names its section by the title printed, which may be the candidate's name; why a year
    was read so quotes the CV's line; a CV entry's part is its heading as printed. Apostrophes inside the quoted
    words do not end the quote."""
    timeline = {
        "source": "section 'Odile Verbrugghe' (pages 1-2, found by CV headings on page 1 ('Parcours d'Odile') "
        "and dates)",
        "entries": [
            {
                "part": "Parcours d'Odile",
                "note": "doctoral years from 01/2018 (shown by 'Secrétaire de l'amicale des thésards (2018–2019)')",
                "from": "2018-01",
            }
        ],
    }
    assert redact(timeline) == {
        "source": "section '…' (pages 1-2, found by CV headings on page 1 ('…') and dates)",
        "entries": [{"part": None, "note": "doctoral years from 01/2018 (shown by '…')", "from": "2018-01"}],
    }
    # A lower-case one-word title is hidden too (it may be a name); our ids stay.
    assert redact({"source": "section 'overbrugghe' (page 1, found by outline)"})["source"] == (
        "section '…' (page 1, found by outline)"
    )
    assert redact({"found_by": "title of page 1 ('Résumé d'activité' is a title of 'activity-report')"}) == {
        "found_by": "title of page 1 ('…' is a title of 'activity-report')"
    }
    assert redact({"part": "funding", "source": "metadata"}) == {"part": "funding", "source": "metadata"}


CORPUS_FR = Path(__file__).resolve().parents[2] / "shared" / "corpus-fr" / "pdfs"


@pytest.mark.skipif(not CORPUS_FR.is_dir(), reason="../shared/corpus-fr is not present")
@pytest.mark.parametrize("output_format", ["json", "html"])
def test_no_real_cv_text_in_ci_reports(output_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Real French CVs and a CR application, checked in CI: no run of three of their words is in the report
    (the words our messages and rule sets use aside)."""
    files = sorted(CORPUS_FR.glob("*.pdf"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("PREFLIGHT_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(main, ["check", "-f", output_format, *map(str, files)])
    assert result.exit_code in (0, 1), result.output
    output = visible_words(re.sub(r'data:image/[^"]+', "", result.output))
    from preflight.checks import load_registry

    rule_sets = " | ".join(path.read_text(encoding="utf-8") for path in (FIXTURES.parent / "rules").glob("*.toml"))
    docs = " | ".join(spec.doc_in(language) for spec in load_registry().checks.values() for language in ("en", "fr"))
    ours = visible_words(rule_sets + " | " + docs)
    leaked = [phrase for path in files for phrase in dossier_phrases(path) if phrase in output and phrase not in ours]
    assert len(leaked) == 0, f"{len(leaked)} runs of the files' words are in the report"
