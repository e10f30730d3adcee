from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture
def fixture_pdf():
    def get(name: str) -> Path:
        path = FIXTURES / name
        assert path.is_file(), f"missing fixture {path}: run python fixtures/make_fixtures.py"
        return path

    return get


@pytest.fixture
def registry():
    from preflight.checks import load_registry

    return load_registry()


def needs_corpus() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not (CORPUS / "pdfs").is_dir(), reason="../shared/corpus is not present")
