"""The publication-list reader on real French academic files (../shared/corpus-fr), against hand counts.

The files hold personal data: they are never named here (each is known by the first digits of its SHA-256, as
the corpus's MANIFEST.tsv gives it), and only pages, entry counts and finding ids are asserted, never their
text. The counts are what a careful reader sees in pdftotext's output of each list
(bench/publications_corpus.py prints the tool's for every file of the corpora).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import pytest

from preflight.checks import load_registry, publication_list
from preflight.config import UserConfig, resolve_rule_set
from preflight.dossier import Dossier

CORPUS_FR = Path(__file__).resolve().parents[2] / "shared" / "corpus-fr"
PDFS = CORPUS_FR / "pdfs"
TRUTH = (
    json.loads((CORPUS_FR / "truth.json").read_text(encoding="utf-8")) if (CORPUS_FR / "truth.json").is_file() else []
)
needs_corpus_fr = pytest.mark.skipif(not PDFS.is_dir(), reason="../shared/corpus-fr is not present")

ENTRIES = {
    # SHA-256 prefix: (entries the tool reads, entries a reader counts), with why they differ
    "5b1ed9f09577": (5, 5),  # a CV, numbered list
    "797d049c00dc": (7, 7),  # a project's own references, before the references it cites
    "b1cc02ab98b8": (18, 18),  # a past-work report: "(citées)", then "(non citées)" beside it in the outline
    "90d7dcec1d92": (5, 5),  # a CV, entries under year columns
    "31835bb18196": (3, 4),  # a CV: "Publications", "Soumission" (its "soumis" entry is no error); the arXiv
    # entry under "En outre" is left out, as the outline's next entry names no kind of publication
    "156e2ebf21f6": (7, 5),  # date line, then title line: two titles after a venue line ending in "." start entries
    "8bb4095928cb": (26, 25),  # an HDR: the CV's "Production scientifique" (not the closing bibliography); its
    # summary table of counts reads as one more entry
    "db94e0a04ba1": (0, 0),  # CVs without a publication list
    "2fa15c92e8d0": (0, 0),
}


@cache
def by_digest() -> dict[str, Path]:
    return {hashlib.sha256(path.read_bytes()).hexdigest()[:12]: path for path in sorted(PDFS.glob("*.pdf"))}


def read(path: Path, sections: dict | None = None) -> tuple[int, list[str], tuple[int, int] | None]:
    rule_set = resolve_rule_set(load_registry(), UserConfig(), "inserm-cr")
    with Dossier(path) as dossier:
        dossier.section_config = {**rule_set.sections, **(sections or {})}
        listing = dossier.publications()
        ids = (
            [f.message_id for f in publication_list.check(dossier, publication_list.Options())] if listing.found else []
        )
        found = dossier.sections.get("publications")
    return len(listing.entries), ids, (found.first_page, found.last_page) if found else None


@needs_corpus_fr
def test_every_corpus_file_has_a_hand_count() -> None:
    assert sorted(by_digest()) == sorted(ENTRIES)


@needs_corpus_fr
@pytest.mark.parametrize("digest", list(ENTRIES))
def test_entries_counted_against_a_reader(digest: str) -> None:
    entries, ids, _ = read(by_digest()[digest])
    assert entries == ENTRIES[digest][0]
    assert not any(message_id.startswith("submitted-entry") for message_id in ids)


@needs_corpus_fr
@pytest.mark.parametrize("item", TRUTH, ids=[f"file{index}" for index in range(len(TRUTH))])
def test_the_list_is_where_the_reader_found_it(item: dict) -> None:
    # truth.json's "publications" section: the same first page; a last page at most one further (the tool runs
    # to the next part's heading) or, where the reader counted the cited references in, before it.
    want = [s for s in item["truth"]["sections"] if s["name"] == "publications"]
    _, _, found = read(PDFS / item["file"])
    if not want:
        assert found is None
        return
    assert found is not None
    first, last = found
    assert first == want[0]["first_page"]
    assert last <= want[0]["last_page"] + 1


@needs_corpus_fr
def test_a_submitted_entry_under_a_submission_heading_is_no_error() -> None:
    # The list reaches its "Soumission" group (an outline entry beside "Publications") and its "Soumis à" entry.
    path = by_digest()["31835bb18196"]
    rule_set = resolve_rule_set(load_registry(), UserConfig(), "inserm-cr")
    with Dossier(path) as dossier:
        dossier.section_config = rule_set.sections
        listing = dossier.publications()
        marked = [entry for entry in listing.entries if entry.status]
        ids = [f.message_id for f in publication_list.check(dossier, publication_list.Options())]
    assert [entry.group for entry in marked] == ["preprints"]
    assert not any(message_id.startswith("submitted-entry") for message_id in ids)
