"""Embed missing fonts by rewriting the PDF through Ghostscript's pdfwrite device.

Ghostscript draws every page again and embeds (a subset of) each font it used. A font that the PDF
names but does not carry is taken from a Fontmap we write for the run, pointing to metric-compatible
substitutes: Liberation Sans for Arial and Helvetica, Liberation Serif for Times and Times New Roman,
Liberation Mono for Courier and Courier New, Carlito for Calibri and Caladea for Cambria when
installed. Same widths, so no line breaks move. Images are passed through losslessly (no automatic
JPEG, no downsampling): this step is about fonts only.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT_SECONDS = 300
INSTALL_HINT = (  # in English; preflight fix says it in the run's language (message id fix.install-ghostscript)
    "Ghostscript is not installed, so fonts cannot be embedded here. Install it (Debian/Ubuntu: "
    "'sudo apt install ghostscript fonts-liberation'; macOS: 'brew install ghostscript'; Windows: the "
    "installer from ghostscript.com) and run 'preflight fix' again. Or export the dossier again with the "
    "fonts embedded: Word: File > Options > Save > 'Embed fonts in the file' (or PDF/A in the export "
    "options); LibreOffice: export as PDF/A."
)

SUBSTITUTES = (
    # (name prefix, lowercase and without spaces) -> metric-compatible family and its file stem
    ("arialnarrow", "Liberation Sans Narrow", "LiberationSansNarrow"),
    ("arial", "Liberation Sans", "LiberationSans"),
    ("helvetica", "Liberation Sans", "LiberationSans"),
    ("timesnewroman", "Liberation Serif", "LiberationSerif"),
    ("times", "Liberation Serif", "LiberationSerif"),
    ("couriernew", "Liberation Mono", "LiberationMono"),
    ("courier", "Liberation Mono", "LiberationMono"),
    ("calibri", "Carlito", "Carlito"),
    ("cambria", "Caladea", "Caladea"),
)
STANDARD_NAMES = tuple(
    f"{family}{style}"
    for family, styles in (
        ("Helvetica", ("", "-Bold", "-Oblique", "-BoldOblique")),
        ("Times", ("-Roman", "-Bold", "-Italic", "-BoldItalic")),
        ("Courier", ("", "-Bold", "-Oblique", "-BoldOblique")),
    )
    for style in styles
)
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/liberation",
    "/usr/share/fonts/liberation-sans",
    "/usr/share/fonts/liberation-serif",
    "/usr/share/fonts/liberation-mono",
    "/usr/share/fonts/truetype/crosextra",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "C:/Windows/Fonts",
)
_FC_STYLES = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_PS_NAME = re.compile(r"^[^\s()<>\[\]{}/%]+$")
_LOADING = re.compile(r"Loading font (\S+) \(or substitute\) from (\S+)")
_SUBSTITUTING = re.compile(r"Substituting font (\S+) for (\S+)")


def find_ghostscript() -> str | None:
    for name in ("gs", "gswin64c", "gswin32c"):
        found = shutil.which(name)
        if found:
            return found
    return None


def style_of(font_name: str) -> str:
    lowered = font_name.lower()
    bold = any(word in lowered for word in ("bold", "black", "heavy", "semibold", "demi"))
    italic = "italic" in lowered or "oblique" in lowered
    return {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}[
        (bold, italic)
    ]


def substitute_family(font_name: str) -> tuple[str, str] | None:
    """(family, file stem) of the metric-compatible substitute for a font name, if we know one."""
    key = re.sub(r"[^a-z]", "", _SUBSET.sub("", font_name).lower())
    for prefix, family, stem in SUBSTITUTES:
        if key.startswith(prefix):
            return family, stem
    return None


def _fc_match(pattern: str) -> tuple[list[str], str] | None:
    """fontconfig's best match for a pattern: its family names and file, or None without fc-match."""
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    try:
        result = subprocess.run(
            [fc_match, "-f", "%{family}|%{file}", pattern], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    families, _, path = result.stdout.partition("|")
    return families.split(","), path


@functools.cache
def find_font_file(family: str, stem: str, style: str) -> str | None:
    """The file of a font family's style: fontconfig first, then the usual folders."""
    match = _fc_match(f"{family}:style={_FC_STYLES[style]}")
    if match is not None:
        families, path = match
        if family in families and path and Path(path).is_file():
            return path
    for folder in FONT_DIRS:
        candidate = Path(folder) / f"{stem}-{style}.ttf"
        if candidate.is_file():
            return str(candidate)
    return None


def find_installed(font_name: str) -> tuple[str, str] | None:
    """(family, file) when the very font the PDF names is installed here (DejaVuSans-Bold, say)."""
    base = re.split(r"[-,]", _SUBSET.sub("", font_name), maxsplit=1)[0]
    match = _fc_match(f"{base}:style={_FC_STYLES[style_of(font_name)]}") if base else None
    if match is None:
        return None
    families, path = match
    squeezed = base.lower().replace(" ", "")
    for family in families:
        if family.lower().replace(" ", "") == squeezed and path and Path(path).is_file():
            return family, path
    return None


@dataclass
class FontPlan:
    """Which file replaces each font the PDF names without carrying it."""

    mapped: dict[str, tuple[str, str]] = field(default_factory=dict)  # font name -> (family, file)
    unmapped: list[str] = field(default_factory=list)  # no metric-compatible substitute found


def plan_fonts(missing: list[str]) -> FontPlan:
    plan = FontPlan()
    for name in dict.fromkeys([*missing, *STANDARD_NAMES]):
        known = substitute_family(name)
        path = find_font_file(known[0], known[1], style_of(name)) if known else None
        installed = None if (known and path) or name in STANDARD_NAMES else find_installed(name)
        if known and path:
            plan.mapped[name] = (known[0], path)
        elif installed:
            plan.mapped[name] = (f"{installed[0]} (the font itself, installed here)", installed[1])
        elif name in missing and name not in ("Symbol", "ZapfDingbats"):
            plan.unmapped.append(name)
    return plan


@functools.cache
def _system_fontmap(gs: str) -> str:
    """Ghostscript's own Fontmap.GS, so our map replaces only the names we map and keeps the rest."""
    try:
        result = subprocess.run([gs, "-h"], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    text = result.stdout.split("Search path:", 1)[-1]
    for raw in re.split(r"\s:\s|\n", text):
        folder = raw.strip()
        candidate = Path(folder) / "Fontmap.GS" if folder else None
        if candidate is not None and candidate.is_file():
            return candidate.read_text(encoding="latin-1")
    return ""


def write_fontmap(plan: FontPlan, gs: str, target: Path) -> None:
    lines = [
        f"/{name} ({path}) ;"
        for name, (_family, path) in plan.mapped.items()
        if _PS_NAME.match(name) and "\\" not in path and ")" not in path
    ]
    ours = set(plan.mapped)
    for line in _system_fontmap(gs).splitlines():
        first = line.split(None, 1)[0] if line.strip() else ""
        if first.startswith("/") and first[1:] in ours:
            continue
        lines.append(line)
    target.write_text("\n".join(lines) + "\n", encoding="latin-1", errors="replace")


@dataclass
class RewriteResult:
    loaded: dict[str, str]  # font name -> the file Ghostscript took it from
    messages: list[str]


class GhostscriptError(Exception):
    pass


def rewrite(gs: str, source: Path, target: Path, plan: FontPlan, workdir: Path) -> RewriteResult:
    """Run pdfwrite on source with our Fontmap; raise GhostscriptError with its message when it fails."""
    fontmap = workdir / "Fontmap.preflight"
    write_fontmap(plan, gs, fontmap)
    command = [
        gs,
        "-dNOPAUSE",
        "-dBATCH",
        "-dSAFER",
        "-sDEVICE=pdfwrite",
        "-dCompatibilityLevel=1.7",
        "-dEmbedAllFonts=true",
        "-dSubsetFonts=true",
        "-dAutoRotatePages=/None",
        "-dAutoFilterColorImages=false",
        "-dAutoFilterGrayImages=false",
        "-dColorImageFilter=/FlateEncode",
        "-dGrayImageFilter=/FlateEncode",
        "-dDownsampleColorImages=false",
        "-dDownsampleGrayImages=false",
        "-dDownsampleMonoImages=false",
        *_font_arguments(plan, fontmap),
        f"-sOutputFile={target}",
        # pdfwrite never embeds Symbol and ZapfDingbats by default; the portal wants every font embedded
        "-c",
        "<< /NeverEmbed [ ] /AlwaysEmbed [ /Symbol /ZapfDingbats ] >> setdistillerparams",
        "-f",
        str(source),
    ]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, errors="replace", timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise GhostscriptError(f"Ghostscript took more than {TIMEOUT_SECONDS} s and was stopped") from None
    except OSError as exc:
        raise GhostscriptError(f"Ghostscript could not be started: {exc}") from None
    output = result.stdout + result.stderr
    if result.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        tail = " ".join(line.strip() for line in output.splitlines()[-4:] if line.strip())
        raise GhostscriptError(f"Ghostscript failed (exit {result.returncode}): {tail}")
    loaded = {match.group(1): match.group(2) for match in _LOADING.finditer(output)}
    for match in _SUBSTITUTING.finditer(output):
        loaded.setdefault(match.group(2), match.group(1))
    messages = [
        line.strip()
        for line in output.splitlines()
        if "error" in line.lower() or "warning" in line.lower() or line.strip().startswith("****")
    ]
    return RewriteResult(loaded, list(dict.fromkeys(messages))[:10])


def _font_arguments(plan: FontPlan, fontmap: Path) -> list[str]:
    folders = sorted({str(Path(path).parent) for _family, path in plan.mapped.values()})
    return [f"-sFONTMAP={fontmap}", *[f"--permit-file-read={folder}/" for folder in folders]]


def render_gray(gs: str, source: Path, folder: Path, font_arguments: list[str], dpi: int = 50) -> list[Path]:
    """Each page as a small greyscale PNG, to compare two files by eye, automatically."""
    folder.mkdir(parents=True, exist_ok=True)
    command = [
        gs,
        "-q",
        "-dNOPAUSE",
        "-dBATCH",
        "-dSAFER",
        *font_arguments,
        "-sDEVICE=pnggray",
        f"-r{dpi}",
        f"-sOutputFile={folder}/page-%04d.png",
        str(source),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(folder.glob("page-*.png"))


def pages_that_look_different(
    gs: str, first: Path, second: Path, workdir: Path, plan: FontPlan | None = None
) -> list[int] | None:
    """1-based pages whose renderings differ (in more than a tenth of their ink at 50 dpi); None if unknown.

    With a font plan, missing fonts are drawn with the same substitutes as in the rewrite, so the
    input as a viewer shows it can be compared with the output.
    """
    from PIL import Image, ImageChops

    arguments: list[str] = []
    if plan is not None:
        write_fontmap(plan, gs, workdir / "Fontmap.render")
        arguments = _font_arguments(plan, workdir / "Fontmap.render")
    renders_first = render_gray(gs, first, workdir / "render-a", arguments)
    renders_second = render_gray(gs, second, workdir / "render-b", arguments)
    if not renders_first or len(renders_first) != len(renders_second):
        return None
    different: list[int] = []
    for number, (path_a, path_b) in enumerate(zip(renders_first, renders_second, strict=True), 1):
        with Image.open(path_a) as image_a, Image.open(path_b) as image_b:
            if image_a.size != image_b.size:
                different.append(number)
                continue
            changed = ImageChops.difference(image_a.convert("L"), image_b.convert("L")).point(
                lambda value: 255 if value > 96 else 0
            )
            count = changed.histogram()[255]
            ink = sum(image_a.convert("L").point(lambda value: 255 if value < 128 else 0).histogram()[255:])
            # anti-aliasing moves a few pixels around glyph edges; a wrong glyph changes most of its ink
            if count > 20 and count > 0.1 * max(ink, 1):
                different.append(number)
    return different
