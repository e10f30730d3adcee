"""preflight fix, size step: a 10.5 MB dossier of lossless scans comes out under the 'near the limit' point.

The scanned-letters dossier is built by fixtures/make_size_fixtures.py into a temporary folder (10 MB of
noise is not committed); the generator is seeded, so the file is the same on every run.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import sys
from pathlib import Path
from types import ModuleType

import pikepdf
import pytest
from click.testing import CliRunner

from preflight.checks import load_registry
from preflight.cli import main
from preflight.config import UserConfig, resolve_rule_set
from preflight.dossier import Dossier
from preflight.fix import FixOptions, FixResult, SizeTarget, fix_file, size_target_of, validate_output
from preflight.messages import NNBSP
from preflight.model import Status
from preflight.pdf import images

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_size_fixtures", FIXTURES / "make_size_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


GENERATOR = load_generator()


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return GENERATOR.build(tmp_path_factory.mktemp("letters"))  # type: ignore[no-any-return]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fix(source: Path, output: Path, config: str = "", **options: object) -> FixResult:
    registry = load_registry()
    user = UserConfig()
    if config:
        from preflight.config import load_config

        path = output.with_suffix(".toml")
        path.write_text(config)
        user = load_config(path)
    rule_set = resolve_rule_set(registry, user, "portal")
    return fix_file(source, output, rule_set, registry, FixOptions(**options))  # type: ignore[arg-type]


def status(report: object, rule: str) -> Status:
    return {outcome.rule: outcome.status for outcome in report.outcomes}[rule]  # type: ignore[attr-defined]


def streams_by_kind(path: Path) -> dict[str, list[tuple[str, bytes]]]:
    """For each kind in the generator's IMAGES: (filter, raw bytes) of the matching images, by page order."""
    found: dict[str, list[tuple[str, bytes]]] = {}
    with pikepdf.open(path) as pdf:
        for spec in GENERATOR.IMAGES:
            resources = pdf.pages[spec.page - 1].obj.Resources.XObject
            for name in sorted(resources.keys()):
                image = resources[name]
                if str(image.get("/Subtype")) != "/Image":
                    continue
                original = (spec.width, spec.height)
                # a re-encoded image keeps its size here (the fixture's images are all drawn under 300 dpi)
                if (int(image.Width), int(image.Height)) == original:
                    found.setdefault(spec.kind, []).append((str(image.get("/Filter")), bytes(image.read_raw_bytes())))
    return found


# ------------------------------------------------------------------------------------------- the fixture
def test_the_fixture_is_over_the_limit_because_of_flate_scans_and_reproducible(letters: Path, tmp_path: Path) -> None:
    assert GENERATOR.verify(letters) == []
    assert 10_000_000 < letters.stat().st_size < 11_000_000
    kinds = streams_by_kind(letters)
    assert [flate for flate, _ in kinds["letter"]] == ["/FlateDecode"] * 4
    assert all(len(data) > 1_500_000 for _, data in kinds["letter"])
    assert digest(GENERATOR.build(tmp_path)) == digest(letters)


# ------------------------------------------------------------------------------------- over the limit
@pytest.fixture(scope="module")
def fixed(letters: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[FixResult, Path, str]:
    before = digest(letters)
    output = tmp_path_factory.mktemp("fixed") / "fixed.pdf"
    return fix(letters, output), output, before


def test_scanned_letters_go_from_over_the_limit_to_under_the_target(
    letters: Path, fixed: tuple[FixResult, Path, str]
) -> None:
    result, output, before = fixed
    assert status(result.before, "file-size") is Status.FAIL
    assert result.size_target is not None
    assert (result.size_target.limit, result.size_target.near, result.size_target.goal) == (
        10_000_000,
        8_000_000,
        7_600_000,
    )
    assert result.written
    assert output.stat().st_size < 7_600_000
    assert result.after is not None and status(result.after, "file-size") is Status.PASS
    step = next(step for step in result.steps if step.step == "file-size")
    assert (step.bytes_before, step.bytes_after) == (letters.stat().st_size, output.stat().st_size)
    assert step.actions[-1].startswith("now 7.")
    assert step.actions[-1].endswith(
        "under the 7.6 MB aimed at (file-size notes “near the limit” above 8.0 MB; the limit is 10.0 MB)"
    )
    assert digest(letters) == before  # the input is never modified


def test_only_the_largest_scans_become_jpeg_and_only_as_many_as_needed(fixed: tuple[FixResult, Path, str]) -> None:
    result, output, _ = fixed
    step = next(step for step in result.steps if step.step == "file-size")
    reencoded = [action for action in step.actions if action.startswith("image on page")]
    # the two largest letters (pages 18 and 19) were enough to get under 7.6 MB
    assert [action.split(":")[0] for action in reencoded] == ["image on page 18", "image on page 19"]
    assert all("1654×2339 px, Flate → JPEG q85" in action for action in reencoded)
    filters = [flate for flate, _ in streams_by_kind(output)["letter"]]
    assert filters == ["/DCTDecode", "/DCTDecode", "/FlateDecode", "/FlateDecode"]


def test_the_proof_still_holds(letters: Path, fixed: tuple[FixResult, Path, str]) -> None:
    result, output, _ = fixed
    assert result.differences == []
    assert validate_output(output, 24) is None  # qpdf's check, and the same page count
    with Dossier(letters) as before, Dossier(output) as after:
        assert [page.text for page in before.pages] == [page.text for page in after.pages]
        assert before.page_sizes == after.page_sizes
        assert [font.program_bytes for font in before.fonts] == [font.program_bytes for font in after.fonts]


def test_preflight_check_on_the_output_passes_file_size(fixed: tuple[FixResult, Path, str]) -> None:
    _, output, _ = fixed
    result = CliRunner().invoke(main, ["check", "-p", "portal", "--no-cache", "-f", "json", str(output)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    (file_report,) = report["files"]
    outcome = next(outcome for outcome in file_report["results"] if outcome["rule"] == "file-size")
    assert outcome["status"] == "pass"
    assert outcome["findings"] == []  # not even the "near the limit" note


# ----------------------------------------------------------------------- every image looked at
def test_small_bilevel_masked_and_palette_images_are_left_byte_for_byte(letters: Path, tmp_path: Path) -> None:
    output = tmp_path / "fixed.pdf"
    result = fix(letters, output, "[rules.file-size]\nnotice_ratio = 0.1\n")  # aims at 950 kB: unreachable
    before, after = streams_by_kind(letters), streams_by_kind(output)
    for kind in ("photo", "letter"):
        assert [flate for flate, _ in after[kind]] == ["/DCTDecode"] * len(before[kind]), kind
    for kind in ("logo", "masked", "bilevel", "indexed"):
        assert after[kind] == before[kind], kind
    with pikepdf.open(letters) as source, pikepdf.open(output) as fixed_pdf:
        mask_in = source.pages[21].obj.Resources.XObject.Im0.SMask.read_raw_bytes()
        mask_out = fixed_pdf.pages[21].obj.Resources.XObject.Im0.SMask.read_raw_bytes()
        assert bytes(mask_in) == bytes(mask_out)
    step = next(step for step in result.steps if step.step == "file-size")
    (note,) = step.notes
    assert note.startswith("the file is 2.")
    assert "above the 950.0 kB aimed at (file-size notes “near the limit” above 1.0 MB)" in note
    assert "no image left can shrink at 300 dpi and JPEG quality 85" in note
    assert "the images 2.5 MB (5 re-encoded, 3 left as they are: 1-bit scans, masked and palette colours)" in note
    assert result.written and not result.content_lost


def test_a_target_fonts_keep_out_of_reach_is_explained_plainly(tmp_path: Path) -> None:
    source = FIXTURES / "valid-dossier.pdf"
    output = tmp_path / "fixed.pdf"
    result = fix(source, output, "[rules.file-size]\nmax_bytes = 100000\n")  # near 80 kB, aims at 76 kB
    step = next(step for step in result.steps if step.step == "file-size")
    (note,) = step.notes
    assert note.startswith("the file is 84.")
    assert "above the 76.0 kB aimed at" in note
    assert note.split("what takes the space: ")[1].startswith("the fonts take 58.4 kB, ")  # the largest part first
    assert result.written and result.after is not None and result.after.passed


def test_a_file_under_the_near_point_but_short_of_the_margin_says_so(tmp_path: Path) -> None:
    source = FIXTURES / "valid-dossier.pdf"
    result = fix(source, tmp_path / "fixed.pdf", "[rules.file-size]\nmax_bytes = 110000\n")  # near 88 kB, aims 83.6
    step = next(step for step in result.steps if step.step == "file-size")
    (note,) = step.notes
    assert note.startswith("the file is 84.5 kB (84,")
    assert "under the 88.0 kB where file-size notes “near the limit”, but short of the 83.6 kB aimed at" in note


def test_the_step_is_planned_near_the_limit_and_not_below(tmp_path: Path) -> None:
    registry = load_registry()
    rule_set = resolve_rule_set(registry, UserConfig(), "portal")
    near = fix_file(FIXTURES / "near-limit.pdf", tmp_path / "a.pdf", rule_set, registry, FixOptions(), dry_run=True)
    assert status(near.before, "file-size") is not Status.FAIL  # 8.6 MB: only noted
    assert [step.step for step in near.planned] == ["file-size"]
    assert near.planned[0].plan[0] == (
        "the file is 8.6 MB; file-size notes “near the limit” above 8.0 MB and fails above 10.0 MB: aim at 7.6 MB"
    )
    below = fix_file(FIXTURES / "valid-dossier.pdf", tmp_path / "b.pdf", rule_set, registry, FixOptions(), dry_run=True)
    assert below.planned == []


def test_the_target_follows_the_rule_set_options() -> None:
    registry = load_registry()
    config = UserConfig("test", {"rules": {"file-size": {"max_bytes": 5_000_000, "notice_ratio": 0.5}}})
    target = size_target_of(resolve_rule_set(registry, config, "portal"))
    assert target is not None
    assert (target.limit, target.near, target.goal, target.rule) == (5_000_000, 2_500_000, 2_375_000, "file-size")
    muted = UserConfig("test", {"ignore": ["file-size/near-limit"]})
    assert size_target_of(resolve_rule_set(registry, muted, "portal")) == SizeTarget(10_000_000, 10_000_000, 9_500_000)


def test_the_size_step_in_french(letters: Path, tmp_path: Path) -> None:
    output = tmp_path / "corrigé.pdf"
    result = CliRunner().invoke(main, ["--lang", "fr", "fix", "-p", "portal", str(letters), "-o", str(output)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"       - image de la page 18{NNBSP}: 1654 × 2339 px, Flate → JPEG q85, 2,1\u00a0Mo → 4" in out
    assert (
        f"sous les 7,6\u00a0Mo visés (file-size signale «{NNBSP}proche de la limite{NNBSP}» au-delà de "
        f"8,0\u00a0Mo{NNBSP}; la limite est de 10,0\u00a0Mo)\n"
    ) in out
    assert "       taille   10,53\u00a0Mo → 7," in out
    assert f"(visé{NNBSP}: 7,6\u00a0Mo{NNBSP}; limite{NNBSP}: 10,0\u00a0Mo)\n" in out


def test_json_gives_the_target(fixed: tuple[FixResult, Path, str]) -> None:
    from preflight.fix import as_dict

    result, _, _ = fixed
    assert as_dict(result)["size_target"] == {"limit": 10_000_000, "near": 8_000_000, "goal": 7_600_000}


# ------------------------------------------------------------------------------------ one image
def one_image_pdf(stream_data: bytes, size: tuple[int, int], **keys: object) -> tuple[pikepdf.Pdf, pikepdf.Stream]:
    pdf = pikepdf.new()
    image = pdf.make_stream(
        stream_data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=size[0], Height=size[1],
        BitsPerComponent=8, **keys,
    )  # fmt: skip
    return pdf, image


def noisy_photo(size: tuple[int, int]) -> object:
    return GENERATOR.photograph(5, size)


def test_a_jpeg_stored_well_above_the_chosen_quality_is_reencoded_and_one_at_it_is_not() -> None:
    from PIL import Image

    photo = noisy_photo((800, 600))
    for quality, expected in ((97, "done"), (85, "jpeg")):
        buffer = io.BytesIO()
        photo.save(buffer, format="JPEG", quality=quality)  # type: ignore[attr-defined]
        assert images.estimate_jpeg_quality(Image.open(io.BytesIO(buffer.getvalue()))) in range(
            quality - 2, quality + 3
        )
        pdf, stream = one_image_pdf(buffer.getvalue(), (800, 600), ColorSpace=pikepdf.Name.DeviceRGB,
                                    Filter=pikepdf.Name.DCTDecode)  # fmt: skip
        done = images.shrink_image(stream, 150.0, 1, images.ImagePolicy(300, 85), 2**30)
        assert (done if isinstance(done, str) else "done") == expected, quality
        pdf.close()


def test_an_image_over_the_decoding_budget_is_never_decoded() -> None:
    import zlib

    letter = GENERATOR.scanned_letter(3, (1654, 2339))
    pdf, stream = one_image_pdf(zlib.compress(letter.tobytes()), (1654, 2339), ColorSpace=pikepdf.Name.DeviceGray,
                                Filter=pikepdf.Name.FlateDecode)  # fmt: skip
    policy = images.ImagePolicy(300, 85)
    assert images.shrink_image(stream, 200.0, 1, policy, 1_000_000) == "budget"  # 3.9 MB of pixels
    assert isinstance(images.shrink_image(stream, 200.0, 1, policy, 2**30), images._Done)
    pdf.close()


def test_scans_and_photos_are_told_from_drawings() -> None:
    from PIL import Image, ImageDraw

    assert images.looks_captured(GENERATOR.scanned_letter(1, (1654, 2339)))
    assert images.looks_captured(noisy_photo((600, 400)))
    chart = Image.new("RGB", (1200, 800), "white")
    draw = ImageDraw.Draw(chart)
    for bar in range(10):
        draw.rectangle((60 + bar * 110, 700 - bar * 60, 140 + bar * 110, 760), fill=(30, 90 + bar * 15, 160))
    draw.text((60, 20), "Figure 3", fill="black")
    assert not images.looks_captured(chart)
    assert not images.looks_captured(chart.convert("L"))


def test_an_image_whose_data_could_decode_past_the_budget_is_never_decoded() -> None:
    from PIL import Image

    policy = images.ImagePolicy(300, 85)
    # run-length data: 128 times its bytes at worst, whatever its declared pixels
    pdf, stream = one_image_pdf(b"\x81\x00" * 50_000, (100, 100), ColorSpace=pikepdf.Name.DeviceGray,
                                Filter=pikepdf.Name.RunLengthDecode)  # fmt: skip
    assert images.shrink_image(stream, 200.0, 1, policy, 1_000_000) == "budget"
    pdf.close()
    # a JPEG whose own header says another size than the PDF's /Width and /Height
    buffer = io.BytesIO()
    Image.effect_noise((2000, 1500), 40).convert("RGB").save(buffer, format="JPEG", quality=97)
    pdf, stream = one_image_pdf(buffer.getvalue(), (200, 150), ColorSpace=pikepdf.Name.DeviceRGB,
                                Filter=pikepdf.Name.DCTDecode)  # fmt: skip
    assert images.shrink_image(stream, 150.0, 1, policy, 2**30) == "unreadable"
    pdf.close()
