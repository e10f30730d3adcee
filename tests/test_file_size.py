from __future__ import annotations

from preflight.model import Level, Status
from tests.helpers import messages, run_check


def test_small_dossier_passes(fixture_pdf) -> None:
    assert run_check("file-size", fixture_pdf("valid-dossier.pdf")).status is Status.PASS


def test_oversized_dossier_fails_and_lists_the_largest_images(fixture_pdf) -> None:
    path = fixture_pdf("large-images.pdf")
    outcome = run_check("file-size", path)
    assert outcome.status is Status.FAIL
    size = path.stat().st_size
    first = outcome.findings[0]
    assert first.level is Level.ERROR
    assert first.finding.message.startswith(
        f"the file is {size / 1e6:.1f} MB ({size:,} bytes), over the limit of 10.0 MB"
    )
    images = [item for item in outcome.findings if item.finding.data.get("kind") == "image"]
    assert len(images) >= 2
    for item in images:
        assert item.level is Level.INFO
        assert item.finding.page is not None
        data = item.finding.data
        assert data["width"] > 1000 and data["dpi"] > 300 and data["bytes"] > 1_000_000
        assert f"{data['width']}×{data['height']} px" in item.finding.message
    # largest first
    assert [item.finding.data["bytes"] for item in images] == sorted(
        (i.finding.data["bytes"] for i in images), reverse=True
    )


def test_near_the_limit_is_info_only(fixture_pdf) -> None:
    outcome = run_check("file-size", fixture_pdf("near-limit.pdf"))
    assert outcome.status is Status.WARN
    assert all(item.level is Level.INFO for item in outcome.findings)
    assert "of the 10.0 MB limit" in messages(outcome)[0]


def test_the_limit_is_an_option(fixture_pdf) -> None:
    outcome = run_check("file-size", fixture_pdf("valid-dossier.pdf"), max_bytes=10_000)
    assert outcome.status is Status.FAIL
    assert "over the limit of 10 kB (10,000 bytes)" in messages(outcome)[0]
