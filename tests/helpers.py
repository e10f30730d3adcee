"""Run one rule on one PDF, the way the engine does, for the per-check tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from preflight.checks import load_registry
from preflight.engine import run_rule
from preflight.model import Level, Outcome
from preflight.rulesets import Rule, build_options


def run_check(check_id: str, path: Path, level: str = "error", **options: Any) -> Outcome:
    from preflight.dossier import Dossier

    registry = load_registry()
    spec = registry.checks[check_id]
    rule = Rule(check_id, check_id, Level.parse(level), build_options(spec.options_type, options, check_id, "test"))
    with Dossier(path) as dossier:
        return run_rule(rule, registry, dossier, spec.summary)


def messages(outcome: Outcome) -> list[str]:
    return [item.finding.message for item in outcome.findings]


# One character per class, with the class the classifier must give it (tests of the check and of `preflight text`).
FLAGGED = {
    "\u200b": "zero_width",
    "\u2060": "zero_width",
    "\u200c": "zero_width",
    "\u200d": "zero_width",
    "\ufeff": "zero_width",
    "\u202a": "bidi_control",
    "\u202e": "bidi_control",
    "\u2066": "bidi_control",
    "\u2069": "bidi_control",
    "\u200e": "bidi_control",
    "\u0000": "control",
    "\u0008": "control",
    "\u001e": "control",
    "\u007f": "control",
    "\u0085": "c1_control",
    "\u0092": "c1_control",
    "\u0096": "c1_control",
    "\ufffd": "replacement",
    "\u00ad": "soft_hyphen",
    "\uf0b7": "private_use",
    "\ue000": "private_use",
    "\u2028": "line_separator",
    "\u2029": "line_separator",
    "\u000b": "vertical_tab",
    "\u2011": "nonbreaking_hyphen",
    "\ufb01": "ligature",
}


# Text in good French typography (no-break spaces where they belong), for the hypothesis tests of the
# character check and of `preflight text`: such text must never be flagged.
FRENCH_LETTERS = "abcdefghijklmnopqrstuvwxyzéèêëàâäîïôöùûüçœæABCDEFGHIJKLMNOPQRSTUVWXYZÉÈÊÀÇŒÆÔ"
word = st.text(FRENCH_LETTERS, min_size=1, max_size=10)
number = st.integers(0, 10**7).map(lambda n: f"{n:,}".replace(",", "\u202f"))
token = st.one_of(
    word,
    number,
    word.map(lambda w: f"{w}\u00a0:"),
    word.map(lambda w: f"{w}\u202f;"),
    word.map(lambda w: f"{w}\u202f!"),
    word.map(lambda w: f"{w}\u202f?"),
    word.map(lambda w: f"«\u00a0{w}\u00a0»"),
    word.map(lambda w: f"«\u202f{w}\u202f»"),
    st.tuples(word, word).map(lambda pair: f"{pair[0]}’{pair[1]}"),
    st.tuples(word, word).map(lambda pair: f"{pair[0]}-{pair[1]}"),
    st.sampled_from(["–", "—", "…", ",", ".", "(", ")", "“", "”", "‘", "’", "°", "n°\u00a012", "37\u00a0°C", "€", "%"]),
    number.map(lambda n: f"{n}\u00a0€"),
)
french_text = st.lists(token, min_size=1, max_size=30).map(" ".join)


def render_findings(module: Any, findings: Any, language: str = "en") -> list[Any]:
    """A check's findings with their message and fix written in ``language``, as the engine writes them."""
    from preflight.engine import render_finding

    catalogue = getattr(module, "MESSAGES", {})
    return [render_finding(finding, catalogue, language) for finding in findings]


# ---------------------------------------------------------------------------------------------- where things are
def poppler_words(path: Path, page: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The words of one page as poppler's ``pdftotext -bbox`` places them, each with its box in PDF points
    (origin bottom-left, as findings' rectangles are): a reading of the page independent of ours."""
    import html
    import re
    import subprocess

    output = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', output).group(1))  # type: ignore[union-attr]
    words = []
    for match in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', output
    ):
        x0, top, x1, bottom = (float(value) for value in match.groups()[:4])
        words.append((html.unescape(match.group(5)), (x0, height - bottom, x1, height - top)))
    return words


def poppler_box(path: Path, page: int, phrase: str) -> tuple[float, float, float, float]:
    """The box of the first run of words on ``page`` that reads ``phrase`` (words compared as printed)."""
    wanted = phrase.split()
    words = poppler_words(path, page)
    for start in range(len(words) - len(wanted) + 1):
        run = words[start : start + len(wanted)]
        if [text for text, _ in run] == wanted:
            boxes = [box for _, box in run]
            return (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            )
    raise AssertionError(f"{phrase!r} is not on page {page} of {path.name}: {[text for text, _ in words][:60]}")


def assert_rect_marks(rect: object, box: tuple[float, float, float, float], lines: float = 1.0) -> None:
    """``rect`` (a finding's) is where ``box`` (poppler's words) is: it holds the words across and their middle
    height, and is no taller than ``lines`` lines of them (a line's mark, not the page's).

    Across, a leeway of a sixth of the words' height: PDFium ends a line at its last glyph's ink, poppler at
    the glyph's advance, a side bearing further (1 pt after a '9' of 11 pt Helvetica)."""
    assert isinstance(rect, tuple) and len(rect) == 4, rect
    x0, y0, x1, y1 = rect
    leeway = 0.5 + (box[3] - box[1]) / 6
    assert x0 <= box[0] + leeway and x1 >= box[2] - leeway, (rect, box)
    middle = (box[1] + box[3]) / 2
    assert y0 <= middle <= y1, (rect, box)
    assert y1 - y0 <= 1.6 * lines * (box[3] - box[1]), (rect, box)
