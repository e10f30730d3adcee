"""preflight text: form-field text checked with the hidden-character classes, --fix, --max-chars, .docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from preflight.characters import classify, clean
from preflight.cli import main
from preflight.commands.text import analyse, docx_text, field_length
from tests.helpers import FLAGGED, french_text

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FRENCH = (
    "Projet\u00a0: «\u00a0Immunologie des muqueuses\u00a0» – l’équipe compte 12\u202f500\u00a0€\u202f; cœur, ex æquo…"
)


def invoke(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["text", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str, name: str = "field.txt") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def test_clean_french_text_passes(tmp_path: Path) -> None:
    code, out, _ = invoke(write(tmp_path, FRENCH + "\n"))
    assert code == 0
    assert out == f"{tmp_path / 'field.txt'}: no hidden characters (82 characters)\n"


def test_soft_hyphen_and_bullet_are_errors_in_a_form_field(tmp_path: Path) -> None:
    code, out, _ = invoke(write(tmp_path, "Immuno\u00adlogie\n\uf0b7\tpremier point\n"))
    assert code == 1
    assert "error   U+00AD SOFT HYPHEN: soft hyphen inside a word, once (line 1)" in out
    assert "error   U+F0B7 PRIVATE USE: Word Symbol/Wingdings bullet starting a list line, once (line 2)" in out
    assert "“Immuno⟦U+00AD SOFT HYPHEN⟧logie”" in out


def test_in_ci_the_text_around_a_character_is_hidden_unless_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "Immuno\u00adlogie des muqueuses\n")
    monkeypatch.setenv("CI", "true")
    code, out, _ = invoke(path)
    assert code == 1 and "U+00AD SOFT HYPHEN" in out
    assert "[text hidden]" in out and "Immuno" not in out and "muqueuses" not in out
    assert "“Immuno⟦U+00AD SOFT HYPHEN⟧logie des…”" in invoke("--snippets", path)[1]
    monkeypatch.delenv("CI")
    assert "Immuno" not in invoke("--no-snippets", path)[1]


def test_warnings_and_infos_do_not_fail(tmp_path: Path) -> None:
    code, out, _ = invoke(write(tmp_path, "ﬁnancement non\u2011sécable\n"))
    assert code == 0
    assert "warning U+FB01 LATIN SMALL LIGATURE FI: ligature character, once (line 1)" in out


def test_fix_prints_the_cleaned_text_and_reports_on_stderr(tmp_path: Path) -> None:
    dirty = (
        "Rapport d’activitÃ© de lâ€™Ã©quipe\u00a0: immuno\u00adlogie\u200b\n"
        "\uf0b7\tpoint\u2028suite ﬁn e\u0301te\u0092\n"
    )
    code, out, err = invoke("--fix", write(tmp_path, dirty))
    assert code == 0
    assert out == "Rapport d’activité de l’équipe\u00a0: immunologie\n-\tpoint\nsuite fin éte’\n"
    assert "before the fix" in err and "mojibake “Ã©”" in err


def test_fix_keeps_clean_text_byte_for_byte(tmp_path: Path) -> None:
    code, out, err = invoke("--fix", write(tmp_path, FRENCH + "\n"))
    assert (code, out, err) == (0, FRENCH + "\n", "")


def test_max_chars_counts_characters_not_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "é" * 10 + "\n")
    assert invoke("--max-chars", "10", path)[0] == 0
    code, out, _ = invoke("--max-chars", "9", path)
    assert code == 1
    assert "the text is 10 characters long, over the field's limit of 9 (1 too many;" in out
    assert field_length("a\r\nb\n") == 3


def test_max_chars_applies_to_the_cleaned_text_with_fix(tmp_path: Path) -> None:
    path = write(tmp_path, "abc\u200bdef")
    assert invoke("--fix", "--max-chars", "6", path)[:2] == (0, "abcdef")
    assert invoke("--fix", "--max-chars", "5", path)[0] == 1


def test_stdin_and_encodings() -> None:
    assert invoke("-", stdin=FRENCH.encode("utf-8"))[0] == 0
    code, out, err = invoke("-", stdin="Équipe".encode("cp1252"))
    assert code == 0 and "not UTF-8 (byte 0xC9 at offset 0)" in err
    assert out == "standard input: no hidden characters (6 characters)\n"
    assert invoke("-", stdin="\ufeffTitre".encode("utf-8"))[0] == 0  # a BOM at the very start is allowed
    assert invoke("-", stdin="Titre\ufeff".encode("utf-8"))[0] == 1


def test_unreadable_input_is_a_usage_error(tmp_path: Path) -> None:
    pdf = tmp_path / "dossier.pdf"
    pdf.write_bytes(b"%PDF-1.7\n...")
    code, _, err = invoke(str(pdf))
    assert code == 2 and "is a PDF: run 'preflight check" in err
    assert invoke(str(tmp_path / "missing.txt"))[0] == 2
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = invoke(str(broken))
    assert code == 2 and "damaged Word document" in err


def _docx(path: Path, body: str, numbering: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
        if numbering:
            archive.writestr("word/numbering.xml", f"<w:numbering {W}>{numbering}</w:numbering>")
    return path


def test_docx_reads_paragraphs_soft_hyphens_symbols_and_bullets(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t>Immuno</w:t></w:r><w:r><w:softHyphen/><w:t>logie</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>point</w:t><w:br/><w:t>suite</w:t></w:r></w:p>"
        '<w:p><w:r><w:sym w:font="Wingdings" w:char="F0E0"/><w:t xml:space="preserve"> flèche</w:t></w:r>'
        "<w:del><w:r><w:delText>effacé</w:delText></w:r></w:del><w:r><w:noBreakHyphen/></w:r></w:p>"
    )
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    path = _docx(tmp_path / "résumé.docx", body, numbering)
    assert docx_text(path.read_bytes(), str(path)) == "Immuno\u00adlogie\n\uf0b7\tpoint\nsuite\n\uf0e0 flèche\u2011"
    code, out, _ = invoke(str(path))
    assert code == 1
    assert "U+00AD SOFT HYPHEN: soft hyphen inside a word, once (line 1)" in out
    assert "U+F0B7 PRIVATE USE: Word Symbol/Wingdings bullet starting a list line, once (line 2)" in out


@settings(max_examples=300, deadline=None)
@given(french_text, st.lists(st.tuples(st.sampled_from(sorted(FLAGGED)), st.integers(0, 10**6)), max_size=4))
def test_fixed_text_passes_and_clean_text_is_unchanged(text: str, insertions: list[tuple[str, int]]) -> None:
    assert clean(text) == text
    dirty = text
    for char, where in insertions:
        position = where % (len(dirty) + 1)
        dirty = dirty[:position] + char + dirty[position:]
    fixed = clean(dirty)
    assert [hit for hit in classify(fixed)] == []
    assert analyse(fixed, None) == []
    assert clean(fixed) == fixed
