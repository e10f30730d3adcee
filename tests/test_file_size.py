from __future__ import annotations

from preflight.i18n import set_language
from preflight.model import Level, Status
from tests.helpers import messages, run_check

NBSP = "\u00a0"
NNBSP = "\u202f"


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
    assert "over the limit of 10.0 kB (10,000 bytes)" in messages(outcome)[0]


def test_oversized_dossier_in_french(fixture_pdf) -> None:
    set_language("fr")  # the conftest sets English back after each test
    path = fixture_pdf("large-images.pdf")
    outcome = run_check("file-size", path)
    first = outcome.findings[0].finding
    size = f"{path.stat().st_size:,}".replace(",", NNBSP)
    assert first.message.startswith(f"le fichier fait {path.stat().st_size / 1e6:.1f}".replace(".", ",") + f"{NBSP}Mo")
    assert first.message.endswith(
        f"({size}{NBSP}octets) et dépasse de {(path.stat().st_size - 10**7) / 1e6:.1f}".replace(".", ",")
        + f"{NBSP}Mo la limite de 10,0{NBSP}Mo (10{NNBSP}000{NNBSP}000{NBSP}octets)"
    )
    assert first.fix == (
        f"Compressez les plus grandes images listées ci-dessous (300 dpi suffisent{NNBSP}; les photos en JPEG), ou "
        "lancez «\u202fpreflight fix\u202f»."
    )
    image = next(item.finding for item in outcome.findings if item.finding.data.get("kind") == "image")
    data = image.data
    assert image.message.startswith(f"l’image de {data['width']}×{data['height']} px (affichée à ")
    assert f"% du fichier, enregistrée en FlateDecode){NNBSP}; la sous-échantillonner à 300 dpi" in image.message


def test_near_the_limit_in_french(fixture_pdf) -> None:
    set_language("fr")
    outcome = run_check("file-size", fixture_pdf("near-limit.pdf"))
    assert messages(outcome)[0] == (
        f"le fichier fait 8,6{NBSP}Mo, soit 86{NNBSP}% de la limite de 10,0{NBSP}Mo{NNBSP}: quelques figures de plus "
        "la dépasseraient"
    )
    assert outcome.findings[0].finding.fix == (
        f"Rien n’est exigé{NNBSP}; si vous ajoutez du contenu, compressez les images listées ici."
    )


def test_attachments_and_fonts_take_space_too(fixture_pdf) -> None:
    outcome = run_check("file-size", fixture_pdf("embedded-file.pdf"), max_bytes=10_000)
    found = messages(outcome)
    assert "attached file 'donnees.xlsx', 436 bytes adds to the size" in found
    assert any(text.startswith("embedded fonts take ") and "; the largest is DejaVuSerif (" in text for text in found)
    set_language("fr")
    found = messages(run_check("file-size", fixture_pdf("embedded-file.pdf"), max_bytes=10_000))
    assert f"fichier joint «{NNBSP}donnees.xlsx{NNBSP}», 436{NBSP}octets, qui alourdit le fichier" in found
    assert any(
        text.startswith("les polices incorporées occupent ") and f"{NNBSP}; la plus lourde est DejaVuSerif (" in text
        for text in found
    )


def test_an_uncompressed_image_says_so() -> None:
    from preflight.checks import file_size
    from preflight.model import Finding
    from tests.helpers import render_findings

    args = {"width": 800, "height": 600, "bytes": 1_440_000, "percent": 52, "filters": "none"}
    finding = Finding("image", {**args, "stored_id": "stored-raw"})
    [english] = render_findings(file_size, [finding], "en")
    [french] = render_findings(file_size, [finding], "fr")
    assert english.message == "image 800×600 px takes 1.4 MB (52% of the file, stored uncompressed)"
    assert french.message == (
        f"l’image de 800×600 px occupe 1,4{NBSP}Mo (52{NNBSP}% du fichier, enregistrée sans compression)"
    )
