"""The file is under the portal's size limit, and if it is close, what takes the space.

What it checks
    The file's size in bytes against ``max_bytes`` (10,000,000 bytes, i.e. 10 MB, by default). Above
    ``notice_ratio`` of the limit (80 %) it gives an info finding, so there is time to act.
    When over or near the limit it lists what takes the space: the largest images (page, pixel size,
    effective resolution, bytes), the embedded fonts, and attached files.

Why
    The portal refuses files over its limit, usually at the last minute of the upload.

How to fix
    Reduce the images that take the most space: export figures at 300 dpi (more is invisible on paper),
    save photos as JPEG, remove attachments. In Word: File > Compress Pictures (220 ppi); in LaTeX,
    resize images before including them. 'preflight fix' can recompress and downsample for you.

Options
    max_bytes: the limit in bytes (default 10000000).
    notice_ratio: share of the limit above which an info finding is given (default 0.8).
    largest_images: how many images to list (default 5).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from preflight.checks.active_content import ITEM_MESSAGES, item_args
from preflight.dossier import Dossier
from preflight.model import Finding, Level, OptionError

ID = "file-size"
SUMMARY = "The file is under the portal's size limit (10 MB)"
SUMMARY_FR = "Le fichier est sous la limite de taille du portail (10 Mo)"
DOC_FR = """\
Le fichier est sous la limite de taille du portail et, s’il en est proche, ce qui prend la place.

Ce qui est vérifié
    La taille du fichier en octets, comparée à ``max_bytes`` (10 000 000 octets, soit 10 Mo, par défaut).
    Au-delà de ``notice_ratio`` de la limite (80 %), un constat de niveau info est donné, pour laisser le
    temps d’agir. Au-dessus de la limite ou près d’elle, la liste de ce qui prend la place : les plus
    grandes images (page, taille en pixels, résolution effective, octets), les polices incorporées et les
    fichiers joints.

Pourquoi
    Le portail refuse les fichiers au-dessus de sa limite, en général à la dernière minute du dépôt.

Comment corriger
    Réduisez les images qui prennent le plus de place : exportez les figures à 300 dpi (au-delà, rien ne se
    voit sur papier), enregistrez les photos en JPEG, retirez les pièces jointes. Dans Word : Fichier >
    Compresser les images (220 ppp) ; en LaTeX, redimensionnez les images avant de les inclure.
    « preflight fix » peut recompresser et sous-échantillonner pour vous.

Options
    max_bytes : la limite en octets (10000000 par défaut).
    notice_ratio : part de la limite au-delà de laquelle un constat info est donné (0.8 par défaut).
    largest_images : nombre d’images à lister (5 par défaut).
"""


OPTION_MESSAGES = {  # what is wrong with an option's value (preflight.model.OptionError)
    "max-bytes": {"en": "max_bytes must be positive", "fr": "max_bytes doit être positif"},
    "notice-ratio": {"en": "notice_ratio must be between 0 and 1", "fr": "notice_ratio doit être compris entre 0 et 1"},
    "largest-images": {
        "en": "largest_images must be between 0 and 100, not {value}",
        "fr": "largest_images doit être compris entre 0 et 100, pas {value}",
    },
}


@dataclass(frozen=True)
class Options:
    max_bytes: int = 10_000_000
    notice_ratio: float = 0.8
    largest_images: int = 5

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise OptionError(OPTION_MESSAGES, "max-bytes")
        if not 0 < self.notice_ratio <= 1:
            raise OptionError(OPTION_MESSAGES, "notice-ratio")
        if not 0 <= self.largest_images <= 100:
            raise OptionError(OPTION_MESSAGES, "largest-images", value=self.largest_images)


MESSAGES = {
    **ITEM_MESSAGES,  # what an attached file is (active-content's words)
    "over-limit": {
        "en": "the file is {size:size} ({size:bytes}), over the limit of {limit:size} ({limit:bytes}) by {excess:size}",
        "fr": (
            "le fichier fait {size:size} ({size:bytes}) et dépasse de {excess:size} la limite de {limit:size} "
            "({limit:bytes})"
        ),
    },
    "over-limit.fix": {
        "en": "Compress the largest images listed below (300 dpi is plenty; photos as JPEG), or run 'preflight fix'.",
        "fr": (
            "Compressez les plus grandes images listées ci-dessous (300 dpi suffisent ; les photos en JPEG), ou "
            "lancez « preflight fix »."
        ),
    },
    "near-limit": {
        "en": "the file is {size:size}, {percent}% of the {limit:size} limit: a few more figures would put it over",
        "fr": (
            "le fichier fait {size:size}, soit {percent}\u202f% de la limite de {limit:size} : quelques figures "
            "de plus la dépasseraient"
        ),
    },
    "near-limit.fix": {
        "en": "Nothing is required; if you add material, compress the images listed here.",
        "fr": "Rien n’est exigé ; si vous ajoutez du contenu, compressez les images listées ici.",
    },
    # What takes the space (info).
    "image": {
        "en": "image {width:d}×{height:d} px takes {bytes:size} ({percent}% of the file, {stored_id:msg})",
        "fr": "l’image de {width:d}×{height:d} px occupe {bytes:size} ({percent}\u202f% du fichier, {stored_id:msg})",
    },
    "image-dpi": {
        "en": (
            "image {width:d}×{height:d} px (drawn at {dpi:.0f} dpi) takes {bytes:size} ({percent}% of the file, "
            "{stored_id:msg})"
        ),
        "fr": (
            "l’image de {width:d}×{height:d} px (affichée à {dpi:.0f} dpi) occupe {bytes:size} ({percent}\u202f% "
            "du fichier, {stored_id:msg})"
        ),
    },
    "image-dpi-downsample": {
        "en": (
            "image {width:d}×{height:d} px (drawn at {dpi:.0f} dpi) takes {bytes:size} ({percent}% of the file, "
            "{stored_id:msg}); downsampling to 300 dpi would divide its pixels by {factor:.1f}"
        ),
        "fr": (
            "l’image de {width:d}×{height:d} px (affichée à {dpi:.0f} dpi) occupe {bytes:size} ({percent}\u202f% "
            "du fichier, {stored_id:msg}) ; la sous-échantillonner à 300 dpi diviserait son nombre de pixels par "
            "{factor:.1f}"
        ),
    },
    "stored-as": {"en": "stored as {filters}", "fr": "enregistrée en {filters}"},
    "stored-raw": {"en": "stored uncompressed", "fr": "enregistrée sans compression"},
    "fonts": {
        "en": "embedded fonts take {bytes:size} in all; the largest is {font} ({font_bytes:size})",
        "fr": "les polices incorporées occupent {bytes:size} en tout ; la plus lourde est {font} ({font_bytes:size})",
    },
    "attachment": {
        "en": "{item_id:msg} adds to the size",
        "fr": "{item_id:msg}, qui alourdit le fichier",
    },
}


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    size = dossier.size
    limit = options.max_bytes
    if size > limit:
        yield Finding(
            "over-limit",
            {"size": size, "limit": limit, "excess": size - limit},
            data={"bytes": size, "limit": limit},
        )
    elif size > limit * options.notice_ratio:
        yield Finding(
            "near-limit",
            {"size": size, "limit": limit, "percent": round(100 * size / limit)},
            level=Level.INFO,
            data={"bytes": size, "limit": limit},
        )
    else:
        return
    yield from _space_breakdown(dossier, options)


def _space_breakdown(dossier: Dossier, options: Options) -> Iterator[Finding]:
    for image in dossier.images[: options.largest_images]:
        pages = sorted(image.pages)
        args: dict[str, object] = {
            "width": image.width,
            "height": image.height,
            "bytes": image.stored_bytes,
            "percent": round(100 * image.stored_bytes / max(dossier.size, 1)),
            "filters": image.filters,
            "stored_id": "stored-raw" if image.filters == "none" else "stored-as",
        }
        message_id = "image"
        if image.dpi:
            args["dpi"] = image.dpi
            message_id = "image-dpi"
            if image.dpi > 300:
                args["factor"] = (image.dpi / 300) ** 2
                message_id = "image-dpi-downsample"
        yield Finding(
            message_id,
            args,
            page=pages[0] if pages else None,
            level=Level.INFO,
            data={
                "kind": "image",
                "width": image.width,
                "height": image.height,
                "dpi": round(image.dpi, 1) if image.dpi else None,
                "bytes": image.stored_bytes,
                "pages": pages,
            },
        )
    font_bytes = sum(font.program_bytes for font in dossier.fonts)
    if font_bytes:
        biggest = max(dossier.fonts, key=lambda font: font.program_bytes)
        yield Finding(
            "fonts",
            {"bytes": font_bytes, "font": biggest.display_name, "font_bytes": biggest.program_bytes},
            level=Level.INFO,
            data={"kind": "fonts", "bytes": font_bytes},
        )
    for item in dossier.active_content:
        if item.kind == "attachment":
            yield Finding("attachment", item_args(item), page=item.page, level=Level.INFO, data={"kind": "attachment"})
