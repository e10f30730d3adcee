"""The publication-list reader on real French academic files (../shared/corpus-fr), against hand counts.

The files hold personal data: only entry counts and finding ids are asserted here, never their text. The
counts are what a careful reader sees in pdftotext's output of each list (bench/publications_corpus.py prints
the tool's for every file of the corpora).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from preflight.checks import load_registry, publication_list
from preflight.config import UserConfig, resolve_rule_set
from preflight.dossier import Dossier

CORPUS_FR = Path(__file__).resolve().parents[2] / "shared" / "corpus-fr" / "pdfs"
needs_corpus_fr = pytest.mark.skipif(not CORPUS_FR.is_dir(), reason="../shared/corpus-fr is not present")

ENTRIES = {
    # file prefix: (entries the tool reads, entries a reader counts), with why they differ
    "LDelalandre": (5, 5),
    "games-automata-play__games-automata-play.github.io__docs_projet": (7, 7),
    "games-automata-play__games-automata-play.github.io__docs_travaux": (16, 18),  # two more under a second
    # "(non citées)" heading, after which the outline closes the section
    "merwaaan": (5, 5),
    "CleopheeR": (2, 4),  # the outline closes the list at page 1: its "Soumission" and arXiv entries are on page 2
    "thalitadru": (7, 5),  # date line, then title line: two titles after a venue line ending in "." start entries
}


def read(path: Path, sections: dict | None = None) -> tuple[int, list[str]]:
    rule_set = resolve_rule_set(load_registry(), UserConfig(), "inserm-cr")
    with Dossier(path) as dossier:
        dossier.section_config = {**rule_set.sections, **(sections or {})}
        listing = dossier.publications()
        ids = [f.message_id for f in publication_list.check(dossier, publication_list.Options())]
    return len(listing.entries), ids


def file_named(prefix: str) -> Path:
    [path] = [path for path in CORPUS_FR.glob("*.pdf") if path.name.startswith(prefix)]
    return path


@needs_corpus_fr
@pytest.mark.parametrize("prefix", list(ENTRIES))
def test_entries_counted_against_a_reader(prefix: str) -> None:
    entries, ids = read(file_named(prefix))
    assert entries == ENTRIES[prefix][0]
    assert not any(message_id.startswith("submitted-entry") for message_id in ids)


@needs_corpus_fr
def test_a_submitted_entry_under_a_submission_heading_is_no_error() -> None:
    # With the CV's publication pages given, the list reaches its "Soumission" group and its "Soumis à" entry.
    path = file_named("CleopheeR")
    rule_set = resolve_rule_set(load_registry(), UserConfig(), "inserm-cr")
    with Dossier(path) as dossier:
        dossier.section_config = {**rule_set.sections, "publications": "1-2"}
        listing = dossier.publications()
        marked = [entry for entry in listing.entries if entry.status]
        ids = [f.message_id for f in publication_list.check(dossier, publication_list.Options())]
    assert [entry.group for entry in marked] == ["preprints"]
    assert not any(message_id.startswith("submitted-entry") for message_id in ids)
