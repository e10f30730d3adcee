"""Issue 16: a seeded mutation-fuzzing round over the fixtures, and hypothesis tests for `text` and the config.

The bar for every input: no traceback, no hang past the budget, no rule `error`, no input changed.
A longer round: `python -m tests.fuzzing --count 2000` (README, "Fuzzing").
"""

from __future__ import annotations

import contextlib
import string
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from preflight.checks import load_registry
from preflight.cli import main
from preflight.commands.text import InputError, analyse, decode, docx_text, read_input
from preflight.config import load_config, resolve_rule_set
from preflight.rulesets import ConfigError
from tests import fuzzing


def test_a_seeded_round_of_mutants_meets_the_bar(tmp_path: Path) -> None:
    mutants = fuzzing.make_mutants(tmp_path / "mutants", seed=16, count=36)
    assert {path.name.split("-")[1] for path in mutants} >= {"flip", "truncate", "tokens", "structure", "bomb"}
    verdict = fuzzing.run(tmp_path / "mutants", mutants, jobs=2, timeout=20, budget_seconds=110)
    assert verdict.problems == []
    assert verdict.files == 36


def test_mutants_are_reproducible_from_their_seed(tmp_path: Path) -> None:
    first = fuzzing.make_mutants(tmp_path / "a", seed=3, count=6)
    second = fuzzing.make_mutants(tmp_path / "b", seed=3, count=6)
    assert list(first.values()) == list(second.values())


# ------------------------------------------------------------------------------------ text
@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_text_or_a_clear_input_error(data: bytes) -> None:
    try:
        text, _note = decode(data)
    except InputError as error:
        assert str(error).startswith("the text starts as UTF-16")
        return
    analyse(text, 80)


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=4, max_size=400))
def test_any_zip_like_bytes_are_a_docx_or_a_clear_input_error(data: bytes) -> None:
    with contextlib.suppress(InputError):
        docx_text(b"PK\x03\x04" + data, "field.docx")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "é", " ", "\n", "\u200b", "\u00ad", "\ue000", "\ufeff"]), max_size=60),
    st.integers(min_value=0, max_value=40),
)
def test_each_hidden_character_is_counted_once_however_it_repeats(pieces: list[str], repeat: int) -> None:
    text = "".join(pieces) + "x" + "\u200b" * repeat
    problems = analyse(text, None)
    expected = text.count("\u200b")
    reported = [p.message for p in problems if p.message.startswith("U+200B")]
    if expected:
        times = "once" if expected == 1 else f"{expected} times"
        assert len(reported) == 1 and f", {times} (" in reported[0]
    else:
        assert reported == []


def test_read_input_names_a_pdf_and_an_old_word_file(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="is a PDF"):
        read_input(str(pdf))


# ---------------------------------------------------------------------------------- config
TOML_VALUE = st.recursive(
    st.one_of(
        st.integers(-5, 5).map(str),
        st.sampled_from(['"fonts-embedded"', '"inserm-cr"', '"off"', '"error"', "true", '"x"', "1979-05-27"]),
    ),
    lambda inner: (
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
        | st.dictionaries(st.sampled_from(["level", "max_pages", "a"]), inner, max_size=2).map(
            lambda table: "{" + ", ".join(f"{k} = {v}" for k, v in table.items()) + "}"
        )
    ),
    max_leaves=8,
)
TOML_KEY = st.sampled_from(["profile", "select", "ignore", "rules", "sections", "unknown", "rules.file-size"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(TOML_KEY, TOML_VALUE), max_size=4), st.binary(max_size=20))
def test_any_configuration_loads_or_is_a_config_error(
    tmp_path: Path, lines: list[tuple[str, str]], noise: bytes
) -> None:
    path = tmp_path / "preflight.toml"
    path.write_bytes("\n".join(f"{key} = {value}" for key, value in lines).encode() + b"\n" + noise)
    registry = load_registry()
    with contextlib.suppress(ConfigError):  # NoRulesError is one too
        resolve_rule_set(registry, load_config(path))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(string.printable + "éà\u200b", max_size=80))
def test_any_configuration_text_through_the_command_line_is_exit_0_1_or_2(tmp_path: Path, text: str) -> None:
    config = tmp_path / "preflight.toml"
    config.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "--config", str(config)])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
