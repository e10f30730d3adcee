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
