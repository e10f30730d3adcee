"""The README's rules table lists every built-in check with its summary, and its two commands stay true."""

from __future__ import annotations

import re

from tests.conftest import REPO


def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def test_rules_table_matches_the_registry(registry) -> None:
    table = readme().split("<!-- rules-table")[1].split("<!-- /rules-table -->")[0]
    rows = dict(re.findall(r"^\| `([a-z0-9-]+)` \| (.+?) \|$", table, flags=re.MULTILINE))
    builtin = {check_id: spec for check_id, spec in registry.checks.items() if spec.origin.startswith("preflight.")}
    assert set(rows) == set(builtin)
    for check_id, spec in builtin.items():
        assert rows[check_id] == spec.summary


def test_readme_starts_with_the_two_setup_commands() -> None:
    blocks = re.findall(r"```sh\n(.+?)\n```", readme(), flags=re.DOTALL)
    assert blocks[0].startswith("python3 -m venv .venv") and "preflight check fixtures/" in blocks[0]
    assert blocks[1].startswith("python3 -m venv .venv") and "pytest" in blocks[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci, "the CI must run the README's test command exactly"
    fixture = re.search(r"preflight check (fixtures/\S+)", blocks[0])
    assert fixture is not None and (REPO / fixture.group(1)).is_file()
