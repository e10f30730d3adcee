"""preflight fix: each defect fixture comes out passing, nothing is lost, the input is never touched."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from preflight import fix as fix_module
from preflight.checks import load_registry
from preflight.cli import main
from preflight.config import UserConfig, resolve_rule_set
from preflight.dossier import Dossier
from preflight.fix import FixOptions, FixResult, SamePathError, compare, fix_file
from preflight.model import Status
from preflight.pdf import ghostscript, rewrite

FIXTURES = Path(__file__).parents[1] / "fixtures"
HAS_GS = ghostscript.find_ghostscript() is not None
needs_gs = pytest.mark.skipif(not HAS_GS, reason="Ghostscript is not installed (Debian: apt install ghostscript)")


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"fixture {name} not generated yet (python fixtures/make_fixtures.py)")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_fix(source: Path, output: Path, **options: object) -> FixResult:
    """Fix with the portal rules: the defect fixtures are two-page files that competition rules
    (project length, sections) would fail anyway, and fix does not address those."""
    registry = load_registry()
    rule_set = resolve_rule_set(registry, UserConfig(), "portal")
    return fix_file(source, output, rule_set, registry, FixOptions(**options))  # type: ignore[arg-type]


def status(report: object, rule: str) -> Status:
    outcomes = {outcome.rule: outcome.status for outcome in report.outcomes}  # type: ignore[attr-defined]
    return outcomes[rule]


def variant(target: Path, *, empty_page: int | None = None, link: str | None = None, title: str | None = None) -> Path:
    """A copy of valid-dossier.pdf with one page's drawing removed, a web link on page 1, or a new title.

    Built with pikepdf, which the package needs anyway (CI installs no reportlab).
    """
    with pikepdf.open(fixture("valid-dossier.pdf")) as pdf:
        if empty_page is not None:
            pdf.pages[empty_page - 1].obj.Contents = pdf.make_stream(b"")
        if link is not None:
            annotation = pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[72, 700, 300, 720],
                    Border=[0, 0, 0],
                    A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(link)),
                )
            )
            pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([annotation]))
        if title is not None:
            pdf.docinfo["/Title"] = title
        pdf.save(target)
    return target


# ------------------------------------------------------------------------- each defect, fixed
DEFECTS = [
    pytest.param("not-embedded-fonts.pdf", "fonts-embedded", {}, marks=needs_gs),
    pytest.param("nonstandard-font-not-embedded.pdf", "fonts-embedded", {}, marks=needs_gs),
    pytest.param("form-xobject-font.pdf", "fonts-embedded", {}, marks=needs_gs),
    pytest.param("annotation-font.pdf", "fonts-embedded", {}, marks=needs_gs),
    pytest.param("encrypted-owner.pdf", "encryption", {}),
    pytest.param("javascript.pdf", "active-content", {}),
    pytest.param("launch-action.pdf", "active-content", {}),
    pytest.param("form-fields.pdf", "active-content", {}),
    pytest.param("embedded-file.pdf", "active-content", {"drop_attachments": True}),
    pytest.param("large-images.pdf", "file-size", {}),
]


@pytest.mark.parametrize(("name", "rule", "options"), DEFECTS)
def test_defect_fixture_comes_out_passing(tmp_path: Path, name: str, rule: str, options: dict[str, object]) -> None:
    source = fixture(name)
    before_hash = digest(source)
    output = tmp_path / "fixed.pdf"
    result = run_fix(source, output, **options)
    assert status(result.before, rule) is Status.FAIL
    assert rule in [step.rule for step in result.planned]
    assert result.after is not None
    assert status(result.after, rule) in (Status.PASS, Status.WARN), result.after
    assert result.after.passed
    assert not result.content_lost, result.differences
    assert result.written and output.is_file()
    assert digest(source) == before_hash
    with Dossier(output) as fixed:
        assert fixed.encryption is None


@needs_gs
@pytest.mark.skipif(not Path("/usr/share/fonts/truetype/liberation").is_dir(), reason="fonts-liberation missing")
def test_fonts_are_embedded_with_liberation_substitutes_and_text_is_kept(tmp_path: Path) -> None:
    source = fixture("not-embedded-fonts.pdf")
    output = tmp_path / "fixed.pdf"
    result = run_fix(source, output)
    step = next(step for step in result.steps if step.step == "fonts-embedded")
    assert "embedded 'Helvetica' as Liberation Sans (same widths, so lines do not move)" in step.actions
    assert "embedded 'Times-Roman' as Liberation Serif (same widths, so lines do not move)" in step.actions
    assert step.actions[0].startswith("took the font programs from a Ghostscript rewrite")
    assert result.fonts_before is not None and result.fonts_before.not_embedded == 2
    assert result.fonts_after is not None and result.fonts_after.not_embedded == 0
    with Dossier(source) as before, Dossier(output) as after:
        assert [font.embedded for font in after.fonts] == [True] * len(after.fonts)
        assert [page.text for page in before.pages] == [page.text for page in after.pages]
        assert [(e.title, e.page) for e in before.outline] == [(e.title, e.page) for e in after.outline]
    assert result.differences == []


def test_symbol_letters_read_as_greek_are_listed_not_fatal() -> None:
    # a non-embedded Symbol font reads 'b' where it draws β; once embedded it reads β
    (difference,) = fix_module._compare_text(1, "TGF-b et IFN-g", "TGF-β et IFN-γ")
    assert difference.message == "Symbol-font letters now read as Greek: 'b' → 'β', 'g' → 'γ' (text improved)"
    assert not difference.fatal
    (lost,) = fix_module._compare_text(1, "TGF-b", "TGF-x")
    assert lost.fatal and lost.message == "text lost or changed: 'b' became 'x'"


def test_large_image_dossier_ends_under_10_mb_with_text_intact(tmp_path: Path) -> None:
    source = fixture("large-images.pdf")
    assert source.stat().st_size > 10_000_000
    output = tmp_path / "fixed.pdf"
    result = run_fix(source, output)
    assert output.stat().st_size < 7_600_000  # 5 % under the 8 MB where file-size notes "near the limit"
    step = next(step for step in result.steps if step.step == "file-size")
    assert step.bytes_before == source.stat().st_size
    assert step.bytes_after == output.stat().st_size
    assert any("dpi" in action and "JPEG q85" in action for action in step.actions)
    with Dossier(source) as before, Dossier(output) as after:
        assert [page.text for page in before.pages] == [page.text for page in after.pages]
        assert before.page_sizes == after.page_sizes
        # the two largest images were enough: the third keeps its pixels and its Flate encoding
        by_page = {min(image.pages): image for image in after.images}
        assert [round(by_page[page].dpi or 0) for page in (1, 2, 3)] == [300, 300, 425]
        assert [by_page[page].filters for page in (1, 2, 3)] == ["DCTDecode", "DCTDecode", "FlateDecode"]


def test_size_that_cannot_be_reached_is_explained(tmp_path: Path) -> None:
    source = fixture("large-images.pdf")
    config = tmp_path / "preflight.toml"
    config.write_text("[rules.file-size]\nmax_bytes = 100000\n")
    output = tmp_path / "fixed.pdf"
    result = CliRunner().invoke(main, ["fix", "-p", "portal", str(source), "-o", str(output), "--config", str(config)])
    assert result.exit_code == 1
    assert "was not enough: images were brought down to 150 dpi" in result.output
    assert "over the 0.1 MB limit; what takes the space: images" in result.output
    assert output.is_file()  # smaller and nothing lost: kept, even though the rule still fails
    assert "still failing: file-size" in result.output


def test_attachments_are_listed_not_removed_without_the_option(tmp_path: Path) -> None:
    source = fixture("embedded-file.pdf")
    output = tmp_path / "fixed.pdf"
    result = run_fix(source, output)
    step = next(step for step in result.steps if step.step == "active-content")
    assert step.notes == [
        "kept 1 attached file (donnees.xlsx): put their content into the dossier's pages, then run again with "
        "--drop-attachments to remove them"
    ]
    assert result.after is not None and status(result.after, "active-content") is Status.FAIL
    with Dossier(output) as fixed:
        assert [item.kind for item in fixed.active_content].count("attachment") >= 1


def test_form_fields_are_flattened_and_their_values_stay_as_text(tmp_path: Path) -> None:
    output = tmp_path / "fixed.pdf"
    result = run_fix(fixture("form-fields.pdf"), output)
    added = [d for d in result.differences if d.message.startswith("text added")]
    assert added and not any(d.fatal for d in result.differences)
    with Dossier(output) as fixed:
        assert "Élodie Durand" in fixed.pages[0].text
        assert [item for item in fixed.active_content if item.kind == "form-field"] == []


def test_launch_link_is_removed_and_listed(tmp_path: Path) -> None:
    result = run_fix(fixture("launch-action.pdf"), tmp_path / "fixed.pdf")
    assert [d.message for d in result.differences] == ["link lost: file annexe-budget.xlsx"]
    assert not result.content_lost


# ------------------------------------------------------------------------------ refusals
def test_user_password_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "fixed.pdf"
    result = CliRunner().invoke(main, ["fix", "-p", "portal", str(fixture("encrypted-user.pdf")), "-o", str(output)])
    assert result.exit_code == 1
    assert "refused: the file needs a password to open" in result.output
    assert "qpdf --decrypt --password=YOURS" in result.output
    assert not output.exists()


def test_damaged_file_is_refused_without_traceback(tmp_path: Path) -> None:
    output = tmp_path / "fixed.pdf"
    result = CliRunner().invoke(main, ["fix", "-p", "portal", str(fixture("corrupt.pdf")), "-o", str(output)])
    assert result.exit_code == 1
    assert "refused: the PDF is damaged and cannot be opened" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not output.exists()


def test_output_over_the_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "dossier.pdf"
    shutil.copyfile(fixture("javascript.pdf"), source)
    before = digest(source)
    link = tmp_path / "link.pdf"
    link.symlink_to(source)
    for target in (source, link, tmp_path / "." / "dossier.pdf"):
        result = CliRunner().invoke(main, ["fix", "-p", "portal", str(source), "-o", str(target)])
        assert result.exit_code == 2, target
        assert "is the input file itself" in result.output
    with pytest.raises(SamePathError):
        run_fix(link, source)
    assert digest(source) == before


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "dossier.pdf"
    shutil.copyfile(fixture("encrypted-owner.pdf"), source)
    output = tmp_path / "fixed.pdf"
    result = CliRunner().invoke(main, ["fix", "-p", "portal", str(source), "-o", str(output), "--dry-run"])
    assert result.exit_code == 0
    assert "1. encryption: remove the password protection (rule encryption)" in result.output
    assert "dry run: nothing written" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier.pdf"]


# --------------------------------------------------------------------- the proof catches loss
def _drop_page_two_text(source: Path, target: Path, context: fix_module.StepContext) -> rewrite.Changes:
    with pikepdf.open(source) as pdf:
        pdf.pages[1].obj.Contents = pdf.make_stream(b"")
        pdf.save(target)
    return rewrite.Changes(actions=["a careless rewrite"])


def test_text_lost_by_a_step_fails_and_the_output_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(fix_module.STEPS, "encryption", _drop_page_two_text)
    source = fixture("encrypted-owner.pdf")
    before = digest(source)
    output = tmp_path / "fixed.pdf"
    result = CliRunner().invoke(main, ["fix", "-p", "portal", str(source), "-o", str(output)])
    assert result.exit_code == 1
    assert "✗ page 2: text lost or changed: '" in result.output
    assert "NOT written" in result.output
    assert not output.exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # no temporary file left behind either
    forced = CliRunner().invoke(main, ["fix", "-p", "portal", str(source), "-o", str(output), "--force"])
    assert forced.exit_code == 1
    assert output.is_file()
    assert "kept with --force although text was lost or changed" in forced.output
    assert digest(source) == before


def test_compare_lists_every_kind_of_difference(tmp_path: Path) -> None:
    first = variant(tmp_path / "a.pdf", empty_page=2, link="https://www.inserm.fr/a")
    second = variant(tmp_path / "b.pdf", link="https://www.inserm.fr/b")
    with Dossier(first) as before, Dossier(second) as after:
        differences = compare(before, after)
    assert [(d.what, d.page, d.fatal) for d in differences] == [
        ("text", 2, False),  # page 2 gained its text back: an addition, not a loss
        ("links", 1, False),
        ("links", 1, False),
    ]
    assert differences[0].message.startswith("text added: 'ÉlodieDurand–")  # what changed, not a guessed cause
    assert [d.message for d in differences[1:]] == [
        "link lost: uri https://www.inserm.fr/a",
        "new link: uri https://www.inserm.fr/b",
    ]
    with Dossier(second) as before, Dossier(first) as after:
        lost = compare(before, after)
    assert [(d.what, d.page, d.fatal) for d in lost if d.what == "text"] == [("text", 2, True)]
    assert lost[0].message.startswith("text lost or changed: 'ÉlodieDurand–ConcoursCRCN2027–CSS3Page2/16")
    with pikepdf.open(fixture("valid-dossier.pdf")) as pdf:
        del pdf.pages[15]
        pdf.save(tmp_path / "short.pdf")
    with Dossier(fixture("valid-dossier.pdf")) as before, Dossier(tmp_path / "short.pdf") as after:
        differences = compare(before, after)
    assert differences[0].message == "the page count changed: 16 → 15"
    assert differences[0].fatal
    assert any(d.what == "outline" for d in differences)


def test_links_property_reads_uri_targets(tmp_path: Path) -> None:
    path = variant(tmp_path / "a.pdf", link="https://www.inserm.fr/")
    with Dossier(path) as dossier:
        assert [(link.page, link.kind, link.target) for link in dossier.links] == [(1, "uri", "https://www.inserm.fr/")]


# -------------------------------------------------------------------------- without Ghostscript
def test_without_ghostscript_the_report_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ghostscript, "find_ghostscript", lambda: None)
    output = tmp_path / "fixed.pdf"
    result = CliRunner().invoke(
        main, ["fix", "-p", "portal", str(fixture("not-embedded-fonts.pdf")), "-o", str(output)]
    )
    assert result.exit_code == 1
    assert "Ghostscript is not installed" in result.output
    assert "sudo apt install ghostscript fonts-liberation" in result.output
    assert "'Embed fonts in the file'" in result.output
    assert re.search(r"fonts-embedded +fail → fail", result.output)


@pytest.mark.skipif(not Path("/usr/share/fonts/truetype/liberation").is_dir(), reason="fonts-liberation missing")
def test_font_plan_maps_arial_times_courier_to_liberation() -> None:
    plan = ghostscript.plan_fonts(["Arial,Bold", "TimesNewRomanPS-ItalicMT", "CourierNewPSMT", "Helvetica"])
    assert plan.mapped["Arial,Bold"][0] == "Liberation Sans"
    assert plan.mapped["Arial,Bold"][1].endswith("LiberationSans-Bold.ttf")
    assert plan.mapped["TimesNewRomanPS-ItalicMT"][1].endswith("LiberationSerif-Italic.ttf")
    assert plan.mapped["CourierNewPSMT"][1].endswith("LiberationMono-Regular.ttf")
    assert plan.mapped["Helvetica"][1].endswith("LiberationSans-Regular.ttf")


# ----------------------------------------------------------------------------------- metadata
def test_metadata_hidden_characters_are_cleaned_and_french_spaces_kept(tmp_path: Path) -> None:
    title = "Projet\u200b de\u00a0recherche\u202f: immuno\u00adlogie\x0b cafe\u0301"
    source = variant(tmp_path / "dossier.pdf", title=title)
    output = tmp_path / "fixed.pdf"
    result = CliRunner().invoke(main, ["fix", "-p", "portal", str(source), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "hidden-characters: clean hidden characters in the metadata" in result.output
    with pikepdf.open(output) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Projet de\u00a0recherche\u202f: immunologie café"


def test_clean_metadata_text() -> None:
    assert rewrite.clean_metadata_text("A\u200eB\u2028C\ufeffD\uf0b7") == "AB CD"
    assert rewrite.clean_metadata_text("« Mme\u00a0Roy »\u202f!") == "« Mme\u00a0Roy »\u202f!"


# ------------------------------------------------------------------------ lossless compression
def test_identical_images_are_stored_once(tmp_path: Path) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((300, 300), 60).convert("RGB").save(buffer, format="JPEG", quality=90)
    data = buffer.getvalue()
    pdf = pikepdf.new()
    for _ in range(2):
        pdf.add_blank_page(page_size=(595, 842))
    for page in pdf.pages:
        image = pdf.make_stream(
            data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=300, Height=300,
            ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8, Filter=pikepdf.Name.DCTDecode,
        )  # fmt: skip
        page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.obj.Contents = pdf.make_stream(b"q 200 0 0 200 50 500 cm /Im0 Do Q")
    source = tmp_path / "twice.pdf"
    pdf.save(source)
    target = tmp_path / "once.pdf"
    changes = rewrite.compress_lossless(source, target)
    assert changes.actions[0] == "merged duplicate copies (1 image, 0 font programs)"
    assert target.stat().st_size < source.stat().st_size - len(data) // 2
    with Dossier(target) as dossier:
        assert len(dossier.images) == 1 and dossier.images[0].pages == {1, 2}


@needs_gs
def test_renderings_are_compared_page_by_page(tmp_path: Path) -> None:
    gs = ghostscript.find_ghostscript()
    assert gs is not None
    first = fixture("valid-dossier.pdf")
    same = variant(tmp_path / "same.pdf")
    other = variant(tmp_path / "other.pdf", empty_page=3)
    assert ghostscript.pages_that_look_different(gs, first, same, tmp_path / "w1") == []
    assert ghostscript.pages_that_look_different(gs, first, other, tmp_path / "w2") == [3]


@needs_gs
def test_a_graft_that_changes_the_look_falls_back_to_a_full_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_graft = rewrite.graft_embedded_fonts

    def graft_with_wide_glyphs(
        source: Path, donor: Path, target: Path, required: set[str] | None = None
    ) -> tuple[list[str], list[str]]:
        names = real_graft(source, donor, target, required)
        with pikepdf.open(target, allow_overwriting_input=True) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and "Times" in str(obj.get("/BaseFont", "")):
                    # glyphs one em apart: every line of the body text is drawn elsewhere
                    obj.Widths = pikepdf.Array([1000] * len(obj.Widths))
            pdf.save(target)
        return names

    monkeypatch.setattr(rewrite, "graft_embedded_fonts", graft_with_wide_glyphs)
    result = run_fix(fixture("not-embedded-fonts.pdf"), tmp_path / "fixed.pdf")
    step = next(step for step in result.steps if step.step == "fonts-embedded")
    assert step.actions[0].startswith(
        "rewrote the whole file through Ghostscript (putting the fonts into the original changed how page 1 looks"
    )


def test_json_report_gives_steps_bytes_and_statuses(tmp_path: Path) -> None:
    import json

    output = tmp_path / "fixed.pdf"
    result = CliRunner().invoke(
        main, ["fix", "-p", "portal", str(fixture("javascript.pdf")), "-o", str(output), "-f", "json"]
    )
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["output"] == str(output)
    assert [step["step"] for step in data["steps"]] == ["active-content"]
    step = data["steps"][0]
    assert step["actions"] == ["removed 1 document-level script", "removed 1 JavaScript action"]
    assert step["bytes_before"] == fixture("javascript.pdf").stat().st_size
    assert step["bytes_after"] == output.stat().st_size
    assert data["before"]["rules"]["active-content"] == "fail"
    assert data["after"]["rules"]["active-content"] == "pass"
    assert data["differences"] == []


def test_with_a_competition_profile_no_other_rule_gets_worse(tmp_path: Path) -> None:
    registry = load_registry()
    rule_set = resolve_rule_set(registry, UserConfig(), "inserm-cr")
    result = fix_file(fixture("javascript.pdf"), tmp_path / "fixed.pdf", rule_set, registry, FixOptions())
    assert result.after is not None
    before = {outcome.rule: outcome.status for outcome in result.before.outcomes}
    after = {outcome.rule: outcome.status for outcome in result.after.outcomes}
    assert before["active-content"] is Status.FAIL and after["active-content"] is Status.PASS
    bad = (Status.FAIL, Status.ERROR)
    assert [rule for rule in after if after[rule] in bad and before[rule] not in bad] == []
    assert result.written  # the rules it cannot fix (project length, sections) do not stop the output
