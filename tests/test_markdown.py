"""--format markdown (job summary, merge-request comment) and SARIF's region and partialFingerprints."""

from __future__ import annotations

import json
import re

from preflight.reporters import RenderOptions, get_renderer
from preflight.reporters.markdown import escape
from tests.test_reporters import SNIPPET, engine_report, sample_report
from tests.test_reporters import sarif_validator as sarif_validator


def test_markdown_checklist_failing_rules_findings_and_sizes() -> None:
    text = get_renderer("markdown")(sample_report(), RenderOptions())
    lines = text.splitlines()
    assert lines[0] == "## dossier-preflight 0.1.0: 2 files checked with rule set “inserm-cr”, 0 passed, 2 failed"
    assert "### ❌ `dossiers/cand 1.pdf`: failed" in lines
    assert "- [ ] ❌ `fonts-embedded`: 2 findings (2 errors)" in lines
    assert "- [x] ⚠️ `file-size`: 9.1 MB, close to the 10 MB limit" in lines
    assert "- [x] ➖ `encryption`: not checked: unreadable" in lines
    assert "- [ ] 💥 `file-size`: the check crashed (boom)" in lines
    assert "- [x] ✅ `encryption`: No encryption" in lines
    assert "- **`fonts-embedded`**: 2 findings (2 errors)" in lines
    assert "  - **error**, page 2: font 'Helvetica' is not embedded; used on page 2" in lines
    assert f"    > {escape('“' + SNIPPET + '”')}" in lines
    assert "    *Fix: Embed it.*" in lines
    assert "| `dossiers/cand 1.pdf` | 12 | 2.5 MB | – |" in lines
    assert "| `b.pdf` | 1 | 700 bytes | – |" in lines


def test_markdown_without_snippets_and_quiet() -> None:
    text = get_renderer("markdown")(sample_report(), RenderOptions(snippets=False, quiet=True))
    assert "immuno" not in text and "> " not in text
    assert "- [x] ✅" not in text  # --quiet: failing rules only


def test_markdown_in_french_through_the_engine() -> None:
    report = engine_report("fr")
    text = get_renderer("markdown")(report, RenderOptions(snippets=False))
    lines = text.splitlines()
    assert lines[0] == (
        "## dossier-preflight 0.1.0\u202f: 2 fichiers vérifiés avec le jeu de règles «\u202finserm-cr\u202f», "
        "0 réussi, 2 en échec"
    )
    assert "**Règles en échec**" in lines and "**Constats**" in lines and "### Tailles" in lines
    assert "| Fichier | Pages | Taille | Pages par section |" in lines
    assert any(line.startswith("  - **erreur**, page 1\u202f: ") for line in lines), text
    assert any(line.startswith("    *Correction\u202f: ") for line in lines), text
    checklist = [line for line in lines if line.startswith("- [")]
    assert checklist and all(re.match(r"- \[[ x]\] \S+ `[a-z-]+`\u202f: ", line) for line in checklist), checklist


def test_escape_keeps_markdown_from_reading_the_text() -> None:
    assert escape("a|b *c* <script> [x](y) `z`") == r"a\|b \*c\* \<script\> \[x\](y) \`z\`"


def results(report_options: RenderOptions, language: str = "en") -> list[dict[str, object]]:
    report = sample_report() if language == "en" else engine_report(language)
    loaded: list[dict[str, object]] = json.loads(get_renderer("sarif")(report, report_options))["runs"][0]["results"]
    return loaded


def test_sarif_results_meet_githubs_ingestion_constraints(sarif_validator: object) -> None:
    log = json.loads(get_renderer("sarif")(sample_report(), RenderOptions()))
    assert list(sarif_validator.iter_errors(log)) == []  # type: ignore[attr-defined]
    for result in log["runs"][0]["results"]:
        assert result["ruleId"] and result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert not physical["artifactLocation"]["uri"].startswith(("file:", "/"))
        assert physical["region"]["startLine"] >= 1
        assert set(result["partialFingerprints"]) == {"dossierPreflight/v1", "primaryLocationLineHash"}
    pages = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in log["runs"][0]["results"]]
    assert pages == [2, 4, 1]  # the page; 1 for a finding about the whole file


def test_sarif_fingerprints_are_stable_and_private() -> None:
    with_text = [r["partialFingerprints"] for r in results(RenderOptions())]
    without = [r["partialFingerprints"] for r in results(RenderOptions(snippets=False))]
    assert with_text == without
    assert len({json.dumps(f, sort_keys=True) for f in with_text}) == len(with_text)
    assert "immuno" not in json.dumps(with_text)
    english = [r["partialFingerprints"] for r in results(RenderOptions(), "en")]
    assert english == with_text
    from preflight.i18n import set_language

    french = [r["partialFingerprints"] for r in results(RenderOptions(), "fr")]
    set_language("en")
    assert [r["partialFingerprints"] for r in results(RenderOptions(), "en")] == english
    english_engine = json.loads(get_renderer("sarif")(engine_report("en"), RenderOptions()))["runs"][0]["results"]
    assert french == [r["partialFingerprints"] for r in english_engine]
