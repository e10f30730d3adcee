from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from preflight.i18n import set_language
from preflight.reporters import CI_VARIABLES


@pytest.fixture(autouse=True)
def _private_cache_and_language(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Never write to the user's cache, run in English whatever the machine's locale, and show the dossier's
    text as on a desk: CI services set CI (snippets off by default), and the tests that need it set it."""
    monkeypatch.setenv("PREFLIGHT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", *CI_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def passing_pdf(tmp_path: Path) -> Path:
    from tests.pdfs import blank_pdf

    return blank_pdf(tmp_path / "passing.pdf")


@pytest.fixture
def failing_pdf(tmp_path: Path) -> Path:
    from tests.pdfs import helvetica_pdf

    return helvetica_pdf(tmp_path / "failing.pdf")


@pytest.fixture(scope="session")
def sarif_schema() -> dict[str, object]:
    """The OASIS SARIF 2.1.0 JSON schema (errata01), kept in tests/resources/."""
    import json

    loaded: dict[str, object] = json.loads(
        (Path(__file__).parent / "resources" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    return loaded


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
