"""hidden-characters: each class on its fixture, French typography never flagged, the CV corpus."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from preflight.characters import Hit, classify, snippet
from preflight.checks import hidden_characters
from preflight.dossier import Dossier
from preflight.messages import NNBSP
from preflight.model import Level
from tests.helpers import FLAGGED, french_text, render_findings, token, word

REPO = Path(__file__).resolve().parents[1]
HIDDEN = REPO / "fixtures" / "hidden"
# ../shared/corpus next to the repository (main), or two levels up from a worktree in /work/wt/.
CORPUS = next(
    (path for path in (REPO.parent / "shared" / "corpus", REPO.parents[1] / "shared" / "corpus") if path.is_dir()),
    REPO.parent / "shared" / "corpus",
)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def run(name: str, language: str = "en", **options: object) -> list[hidden_characters.Finding]:
    path = HIDDEN / f"{name}.pdf"
    assert path.is_file(), f"missing {path}: run python fixtures/make_hidden_fixtures.py"
    with Dossier(path) as dossier:
        findings = hidden_characters.check(dossier, hidden_characters.Options(**options))  # type: ignore[arg-type]
        return render_findings(hidden_characters, findings, language)


def summary(findings: list[hidden_characters.Finding]) -> list[tuple[int | None, str, Level | None, int]]:
    return [(f.page, str(f.data["class"]), f.level, int(f.data["count"])) for f in findings]  # type: ignore[call-overload]


# ------------------------------------------------------------------------------------ fixtures
def _generator() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_hidden_fixtures", REPO / "fixtures" / "make_hidden_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_fixture_holds_the_characters_it_claims() -> None:
    """Our extraction (and pdftotext, where it is a reference) finds each fixture's characters."""
    generator = _generator()
    fixtures = generator.fixtures()  # type: ignore[attr-defined]
    assert {f"{fixture.name}.pdf" for fixture in fixtures} == {path.name for path in HIDDEN.glob("*.pdf")}
    for fixture in fixtures:
        assert generator.verify(fixture, HIDDEN / f"{fixture.name}.pdf") == []  # type: ignore[attr-defined]


def test_french_typography_has_no_finding_at_all() -> None:
    with Dossier(HIDDEN / "french-typography.pdf") as dossier:
        text = "\n".join(page.text for page in dossier.pages)
        assert "\u00a0" in text and "\u202f" in text and "’" in text and "œ" in text  # the fixture holds them
        assert dossier.metadata["info:Title"] == "Projet\u00a0: «\u00a0Immunologie\u00a0» – 2026"
    assert run("french-typography") == []


def test_zero_width_space_is_an_error_with_page_and_snippet() -> None:
    (finding,) = run("zero-width")
    assert finding.page == 2
    assert finding.level is Level.ERROR
    assert finding.message == "U+200B ZERO WIDTH SPACE: zero-width character, once on page 2"
    assert finding.message_id == "zero-width"
    assert finding.snippet == "…d’immuno⟦U+200B ZERO WIDTH SPACE⟧logie"
    (french,) = run("zero-width", "fr")
    assert french.message == f"U+200B ZERO WIDTH SPACE{NNBSP}: caractère de largeur nulle, une fois à la page 2"
    assert french.fix == (
        f"Supprimez-le{NNBSP}: placez le curseur après le caractère visible voisin, appuyez deux fois sur Retour "
        f"arrière, puis retapez la lettre (dans Word, Accueil > Afficher tout ¶ ne le montre pas{NNBSP}; cherchez "
        "^u8203)."
    )
    assert finding.data["code_points"] == ["U+200B"]
    assert finding.rect is not None  # the line of the first occurrence, in PDF points
    x0, y0, x1, y1 = finding.rect
    assert x0 == 72 and x0 < x1 and y0 < 770 < y1  # first line of page 2, baseline 770


def test_soft_hyphen_inside_a_word_is_an_error() -> None:
    (finding,) = run("soft-hyphen")
    assert (finding.page, finding.level) == (2, Level.ERROR)
    assert finding.message == "U+00AD SOFT HYPHEN: soft hyphen inside a word, once on page 2"
    assert "immuno⟦U+00AD SOFT HYPHEN⟧logie" in (finding.snippet or "")


def test_soft_hyphen_as_visible_dash_is_info() -> None:
    (finding,) = run("soft-hyphen-dash")
    assert summary([finding]) == [(1, "soft_hyphen_dash", Level.INFO, 2)]
    assert (
        finding.snippet
        == "Thèse 2010⟦U+00AD SOFT HYPHEN⟧2014 : immuno⟦U+00AD SOFT HYPHEN⟧ | …: immuno⟦U+00AD SOFT HYPHEN⟧"
    )


def test_bidi_controls_are_errors() -> None:
    assert summary(run("bidi-control")) == [(2, "bidi_control", Level.ERROR, 1), (2, "bidi_control", Level.ERROR, 1)]


def test_c0_and_c1_controls_are_errors_and_c1_names_the_cp1252_character() -> None:
    (control,) = run("control")
    assert summary([control]) == [(1, "control", Level.ERROR, 1)]
    assert control.snippet == "Début⟦U+0001⟧fin du paragraphe"
    c1 = run("c1-control")
    assert summary(c1) == [(1, "c1_control", Level.ERROR, 1), (1, "c1_control", Level.ERROR, 1)]
    assert c1[0].message.startswith("U+0092 C1 CONTROL: C1 control character") and "it is “’”" in c1[0].message
    assert "it is “–”" in c1[1].message
    french = run("c1-control", "fr")
    assert french[0].message == (
        f"U+0092 C1 CONTROL{NNBSP}: caractère de contrôle C1, un octet Windows-1252 lu comme du Latin-1{NNBSP}; en "
        f"Windows-1252, c’est «{NNBSP}’{NNBSP}», une fois à la page 1"
    )


def test_replacement_character_typed_in_the_text_is_an_error() -> None:
    assert summary(run("replacement")) == [(2, "replacement", Level.ERROR, 1)]


def test_replacement_character_from_a_glyph_without_mapping_is_an_extraction_artifact() -> None:
    (finding,) = run("extraction-artifact")
    assert summary([finding]) == [(1, "extraction_artifact", Level.INFO, 1)]
    assert "not typed by you" in finding.message
    assert finding.snippet == "Téléphone ⟦U+FFFD REPLACEMENT CHARACTER⟧ 01 23 45 67 89"


def test_mojibake_is_an_error_per_garbled_sequence() -> None:
    findings = run("mojibake")
    assert [(f.data["class"], f.data["replacement"], f.data["count"]) for f in findings] == [
        ("mojibake", "é", 2),
        ("mojibake", "’", 1),
    ]
    assert findings[0].message == "mojibake “Ã©” (should read “é”), 2 times on page 1"
    assert findings[0].level is Level.ERROR
    assert findings[0].redacted == "mojibake [text hidden] (should read [text hidden]), 2 times on page 1"
    french = run("mojibake", "fr")
    assert french[0].message == f"mojibake «{NNBSP}Ã©{NNBSP}» (pour «{NNBSP}é{NNBSP}»), 2 fois à la page 1"
    assert french[0].fix == (
        "Remplacez les lettres abîmées par les bonnes (indiquées dans le message), par exemple avec "
        f"«{NNBSP}preflight text --fix{NNBSP}», puis exportez de nouveau."
    )


def test_word_bullet_starting_a_line_is_info_and_inside_text_is_a_named_warning() -> None:
    bullet, inside = run("private-use")
    assert summary([bullet, inside]) == [(1, "private_use_bullet", Level.INFO, 1), (1, "private_use", Level.WARNING, 1)]
    assert "Word Symbol/Wingdings bullet inside running text" in inside.message
    _, french = run("private-use", "fr")
    assert french.message.startswith(f"U+F0B7 PRIVATE USE{NNBSP}: puce Symbol/Wingdings de Word dans le texte courant")
    assert inside.snippet == "Deux points ⟦U+F0B7 PRIVATE USE⟧ au milieu du…"


def test_line_separator_and_vertical_tab_are_warnings() -> None:
    assert summary(run("line-separator")) == [(1, "line_separator", Level.WARNING, 1)]
    assert summary(run("vertical-tab")) == [(1, "vertical_tab", Level.WARNING, 1)]


def test_nonbreaking_hyphen_ligature_and_decomposed_accent_are_info() -> None:
    assert summary(run("info-characters")) == [
        (1, "nonbreaking_hyphen", Level.INFO, 1),
        (1, "ligature", Level.INFO, 1),
        (1, "decomposed", Level.INFO, 1),
    ]
    _, ligature, _ = run("info-characters", "fr")
    assert ligature.message == f"U+FB01 LATIN SMALL LIGATURE FI{NNBSP}: caractère ligaturé, une fois à la page 1"
    assert ligature.fix == (
        f"Sans conséquence dans le PDF si la source contient des lettres ordinaires{NNBSP}; dans un champ de "
        "formulaire, tapez les lettres (fi, fl, ff)."
    )


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed")
def test_an_info_note_on_several_pages_has_one_message_id_and_is_one_line_of_the_text_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    from click.testing import CliRunner

    from preflight.cli import main

    path = tmp_path / "ligatures.pdf"
    _fpdf_pages(path, [f"page {number} : une e\ufb01cace équipe" for number in range(1, 4)])
    with Dossier(path) as dossier:
        findings = list(hidden_characters.check(dossier, hidden_characters.Options()))
    assert [(f.message_id, f.page) for f in findings] == [("ligature", 1), ("ligature", 2), ("ligature", 3)]
    (tmp_path / "preflight.toml").write_text("")
    result = CliRunner().invoke(
        main, ["check", "--lang", "fr", "--no-cache", "--select", "hidden-characters", str(path)]
    )
    assert result.output.count("caractère ligaturé") == 1, result.output


def test_metadata_and_bookmarks_are_scanned() -> None:
    title, bookmark = run("metadata-outline")
    assert title.page is None and title.data["source"] == "metadata"
    assert (
        title.message == "U+200B ZERO WIDTH SPACE: zero-width character, once in the document properties: title (Info)"
    )
    assert title.data["fields"] == ["title (Info)"]
    assert bookmark.message == "U+00AD SOFT HYPHEN: soft hyphen inside a word, once in the bookmarks (outline)"
    title, bookmark = run("metadata-outline", "fr")
    assert title.message == (
        f"U+200B ZERO WIDTH SPACE{NNBSP}: caractère de largeur nulle, une fois dans les propriétés du "
        f"document{NNBSP}: titre (Info)"
    )
    assert bookmark.message == (
        f"U+00AD SOFT HYPHEN{NNBSP}: trait d’union conditionnel au milieu d’un mot, une fois dans les signets"
    )
    assert bookmark.snippet == "Immuno⟦U+00AD SOFT HYPHEN⟧logie"


def test_an_xmp_title_is_scanned_and_a_file_without_xmp_never_parses_one(tmp_path: Path) -> None:
    """The XMP packet is read where the file has one; without one, nothing is parsed (nor lxml imported)."""
    import pikepdf

    path = tmp_path / "xmp.pdf"
    with pikepdf.open(HIDDEN / "french-typography.pdf") as pdf:
        assert "/Metadata" not in pdf.Root
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["dc:title"] = "Projet\u200bImmunologie"
        pdf.save(path)
    with Dossier(path) as dossier:
        assert dossier.metadata["xmp:dc:title"] == "Projet\u200bImmunologie"
        findings = hidden_characters.check(dossier, hidden_characters.Options())
        (title,) = [f for f in findings if f.data.get("source") == "metadata"]
    assert title.data["fields"] == ["title (XMP)"]
    probe = (
        "import sys; from preflight.dossier import Dossier\n"
        f"with Dossier({str(HIDDEN / 'french-typography.pdf')!r}) as dossier:\n"
        "    assert not any(key.startswith('xmp:') for key in dossier.metadata)\n"
        "print('lxml' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout == "False\n"


def test_form_field_values_are_scanned_and_the_no_break_space_is_not_flagged() -> None:
    (finding,) = run("form-field")
    assert finding.page == 1
    assert finding.message == "U+200B ZERO WIDTH SPACE: zero-width character, once in form field “keywords”"


def test_levels_are_options_and_off_drops_the_class() -> None:
    assert run("zero-width", zero_width="off") == []
    (finding,) = run("private-use", private_use="error", private_use_bullet="off")
    assert (finding.data["class"], finding.level) == ("private_use", Level.ERROR)


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown level 'loud'"):
        hidden_characters.Options(soft_hyphen="loud")
    with pytest.raises(ValueError, match="max_snippets"):
        hidden_characters.Options(max_snippets=5)


def test_snippets_are_capped_and_counted() -> None:
    text = " ".join(f"mot{i}\u200bsuite" for i in range(6))
    hits = classify(text)
    assert len(hits) == 6
    from preflight.characters import group_hits

    (group,) = group_hits((((0, hit.start), text, hit, None) for hit in hits), max_snippets=2)
    assert group.count == 6 and len(group.snippets) == 2


# ------------------------------------------------------------------------- classification level


@settings(max_examples=400, deadline=None)
@given(french_text)
@example(
    "Projet\u00a0: «\u00a0Immunologie\u00a0» – l’équipe compte 12\u202f500\u00a0€\u202f; cœur, ex æquo, 37\u00a0°C…"
)
def test_french_typography_passes(text: str) -> None:
    assert classify(text) == []


@settings(max_examples=400, deadline=None)
@given(french_text, st.sampled_from(sorted(FLAGGED)), st.data())
def test_any_flagged_character_inserted_anywhere_is_found_there(text: str, char: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(text)))
    changed = text[:position] + char + text[position:]
    hits = classify(changed, bom_start_ok=False)
    (hit,) = [hit for hit in hits if hit.start == position]
    expected = FLAGGED[char]
    if expected == "private_use" and not changed[:position].strip():
        expected = "private_use_bullet"
    assert (hit.chars, hit.kind) == (char, expected)
    assert [h for h in hits if h.start != position] == []
    shown = snippet(changed, hit)
    assert f"⟦U+{ord(char):04X}" in shown


@settings(max_examples=200, deadline=None)
@given(french_text, st.data())
def test_decomposed_accent_after_a_latin_letter_is_found(text: str, data: st.DataObject) -> None:
    positions = [i + 1 for i, c in enumerate(text) if c in "aeiouAEIOU"]
    if not positions:
        return
    position = data.draw(st.sampled_from(positions))
    changed = text[:position] + "\u0301" + text[position:]
    assert Hit(position, position + 1, "\u0301", "decomposed") in classify(changed)


@pytest.mark.parametrize(
    ("garbled", "meant"),
    [("Ã©", "é"), ("Ã¨", "è"), ("Ã§", "ç"), ("Ã´", "ô"), ("â€™", "’"), ("â€“", "–"), ("Å“", "œ")],
)
def test_mojibake_sequences_inside_french_text(garbled: str, meant: str) -> None:
    text = f"Le rapport d{garbled}activit et la suite\u00a0: «\u00a0oui\u00a0»"
    hits = classify(text)
    assert [(h.start, h.chars, h.kind, h.replacement) for h in hits] == [(12, garbled, "mojibake", meant)]


def test_joiners_next_to_non_latin_letters_are_not_flagged() -> None:
    assert classify("क्\u200dष") == []  # Devanagari conjunct control
    assert classify("\u05d0\u200f\u05d1") == []  # right-to-left mark in Hebrew
    assert [h.kind for h in classify("a\u200db")] == ["zero_width"]


def test_bom_at_the_very_start_is_allowed_only_there() -> None:
    assert classify("\ufeffTexte") == []
    assert [h.kind for h in classify("\ufeffTexte", bom_start_ok=False)] == ["zero_width"]
    assert [h.start for h in classify("Te\ufeffxte")] == [2]


# ---------------------------------------------------------------------------- real PDFs
def _fpdf_pages(path: Path, pages: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVuSans", "", str(DEJAVU))
    for text in pages:
        pdf.add_page()
        pdf.set_font("DejaVuSans", size=11)
        pdf.text(25, 40, text)
    pdf.output(str(path))


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed")
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.lists(token, min_size=2, max_size=8).map(" ".join), min_size=1, max_size=3),
    st.sampled_from(["\u200b", "\u00ad", "\u202e", "\ufffd", "\u2060"]),
    st.data(),
)
def test_character_in_a_real_pdf_is_reported_on_its_page(
    tmp_path: Path, pages: list[str], char: str, data: st.DataObject
) -> None:
    page_index = data.draw(st.integers(0, len(pages) - 1))
    words = pages[page_index].split(" ")
    at = data.draw(st.integers(1, len(words) - 1))
    left, right = " ".join(words[:at]), " ".join(words[at:])
    pages = list(pages)
    pages[page_index] = f"{left} immuno{char}logie {right}"
    path = tmp_path / "dossier.pdf"
    _fpdf_pages(path, pages)
    with Dossier(path) as dossier:
        findings = list(hidden_characters.check(dossier, hidden_characters.Options()))
    (finding,) = findings
    assert finding.page == page_index + 1
    assert finding.level is Level.ERROR
    assert f"immuno⟦U+{ord(char):04X} {unicodedata.name(char)}⟧logie" in (finding.snippet or "")


# ------------------------------------------------------------------------------- the CV corpus
def _cv_files() -> list[str]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    rows = [line.split("\t") for line in manifest.read_text(encoding="utf-8").splitlines()[1:]]
    return sorted(row[0] for row in rows if len(row) > 7 and row[7] == "cv")


SOFT_HYPHEN_DASH_CVS = {
    # Every dash of these CVs is U+00AD in the text (TeX fonts mapping the hyphen glyph to it).
    "posquit0__Awesome-CV__examples_cv.pdf",
    "posquit0__Awesome-CV__examples_resume.pdf",
}


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "pdfs").is_dir(), reason="../shared/corpus is not present")
def test_cv_corpus_has_no_false_positive() -> None:
    files = _cv_files()
    assert len(files) == 87
    result = subprocess.run(
        [sys.executable, "-m", "preflight", "check", "--select", "hidden-characters", "-f", "json"]
        + [str(CORPUS / "pdfs" / name) for name in files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert len(report["files"]) == 87
    for file in report["files"]:
        (outcome,) = file["results"]
        name = Path(file["path"]).name
        assert outcome["status"] in ("pass", "warn", "fail"), (name, outcome["message"])
        for finding in outcome["findings"]:
            data = finding["data"]
            icon = any("awesome" in font.lower() or "icons" in font.lower() for font in data.get("fonts", []))
            if "U+00AD" in data["code_points"] or icon:
                assert finding["severity"] == "info", (name, finding["message"])
        if name in SOFT_HYPHEN_DASH_CVS:
            classes = {f["data"]["class"] for f in outcome["findings"]}
            assert "soft_hyphen_dash" in classes and "soft_hyphen" not in classes


@settings(max_examples=300, deadline=None)
@given(st.text("éèêëàâîïôùûüçœæÉÈÀÇŒ’–€", min_size=1, max_size=3), word, word)
def test_any_french_word_read_as_windows_1252_is_found(accents: str, head: str, tail: str) -> None:
    from hypothesis import assume

    meant = head + accents + tail
    try:
        garbled = meant.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        assume(False)  # bytes Windows-1252 leaves undefined (0x81, 0x8D, ...): Latin-1 readers give C1 controls
        return
    from ftfy.badness import is_bad

    assume(is_bad(garbled))  # we rely on ftfy's heuristic: 'Å’' (Œ) can be Swedish followed by an apostrophe
    hits = classify(f"Le mot\u00a0: {garbled}, puis la suite.")
    assert hits and all(hit.kind in ("mojibake", "c1_control") for hit in hits)
    mojibake = [hit for hit in hits if hit.kind == "mojibake"]
    assert all(hit.replacement and hit.replacement in meant for hit in mojibake)
