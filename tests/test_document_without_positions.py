"""Loading without positions (history, consent, digests) builds the very data and problems loading with them does:
on every shipped agreement, on generated and damaged agreements, and on texts that exercise each check of the
composer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from agreed.compose import Limits, compose
from agreed.document import Document, load_document
from agreed.history.piecewise import pieces_of
from same_data import identical
from strategies import Case, cases

CONTRACTS = Path(__file__).resolve().parents[1] / "contracts"
BUDGET = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Texts where the composer reports a problem (positioned by the event that raised it) or takes an unusual path.
TEXTS = {
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "duplicate key in a nested mapping": "a:\n  x: 1\n\n  x: 2\n",
    "merge key": "a: &x {k: 1}\nb:\n  <<: *x\n",
    "disallowed scalar tag": "a: !!binary aGk=\n",
    "disallowed collection tag": "a: !!set {x: 1}\n",
    "disallowed key tag": "!!python/name:os.system a: 1\n",
    "collection as a key": "? [a]\n: 1\n",
    "alias as a key": "a: &x k\n*x : 1\n",
    "unknown alias": "a: *nowhere\n",
    "alias inside its own anchor": "a: &x [1, *x]\n",
    "too deep": "a: " + "[" * 70 + "]" * 70 + "\n",
    "alias bomb": "a: &a [" + ", ".join(["x"] * 10) + "]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [" + ", ".join([f"*{chr(97 + n)}"] * 10) + "]\n" for n in range(5)),
    "huge integer": "a: " + "9" * 700 + "\n",
    "bad date": "a: 2031-02-30\nb: 2031-02-03\n",
    "time of day": "a: 12:30:00\nb: 2031-02-03 10:00:00\n",
    "numbers and booleans": "a: 0x1F\nb: .nan\nc: -.inf\nd: true\ne: ~\nf: 1_000\ng: 0o17\n",
    "explicit tags": "a: !!str 12\nb: !!int '7'\nc: !!float 1\nd: ! 12\ne: !!int x\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "syntax error": "a: [1, 2\nb: 3\n",
    "a plain scalar only the YAML 1.2 parser reads": "a: [07:00, 09:30]\nb: 1\n",
    "surrogate pair escape": 'a: "\\ud83d\\ude00"\nb: \\ud83d\\ude00\n',
    "lone surrogate escape": 'a: "\\ud83d x"\n',
    "tab indent": "a:\n\tb: 1\n",
    "no document": "# only a comment\n",
    "not a mapping": "- 1\n- 2\n",
    "anchors and aliases": "a: &x {k: [1, 2]}\nb: *x\nc: &y text\nd: *y\n",
    "no final line break": "a: 1\nb:",
}


def assert_same_without_positions(raw: bytes) -> Document:
    """Load ``raw`` both ways; the data and problems agree, and only the loader asked for positions has them."""
    with_positions = load_document(raw, "a.yaml")
    without = load_document(raw, "a.yaml", positions=False)
    assert without.problems == with_positions.problems
    assert identical(without.data, with_positions.data)
    assert without.source == with_positions.source
    assert (without.values, without.keys) == ({}, {})
    return with_positions


@pytest.mark.parametrize("path", sorted(CONTRACTS.glob("*.yaml")), ids=lambda path: path.name)
def test_every_shipped_agreement_loads_the_same_without_positions(path: Path) -> None:
    document = assert_same_without_positions(path.read_bytes())
    assert document.loaded
    assert document.values  # the reference did record positions


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_an_unusual_text_loads_the_same_without_positions(text: str) -> None:
    assert_same_without_positions(text.encode("utf-8"))


def test_the_problems_of_a_text_are_positioned_without_positions_too() -> None:
    document = load_document(TEXTS["duplicate key in a nested mapping"].encode(), "a.yaml", positions=False)
    [problem] = document.problems
    assert (problem.line, problem.col) == (4, 3)
    assert "first defined on line 2" in problem.message


@BUDGET
@given(cases())
def test_a_generated_or_damaged_agreement_loads_the_same_without_positions(case: Case) -> None:
    assert_same_without_positions(case.raw)


def test_a_number_remembered_under_one_limit_is_refused_under_a_smaller_one() -> None:
    text = "a: 123456\n"
    for limits in (Limits(), Limits(max_int_digits=3), Limits()):
        composed = compose("a.yaml", text, limits, positions=False)
        refused = limits.max_int_digits < 6
        assert bool(composed.problems) is refused
        assert composed.data == (None if refused else {"a": 123456})



def values_in(value: Any) -> int:
    """Every mapping, list and scalar in ``value``, itself included."""
    if isinstance(value, dict):
        return 1 + sum(values_in(child) for child in value.values())
    if isinstance(value, list):
        return 1 + sum(values_in(child) for child in value)
    return 1


SHIPPED_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(CONTRACTS.glob("*.yaml"))]


@pytest.mark.parametrize("text", [*SHIPPED_TEXTS, TEXTS["numbers and booleans"]])
def test_the_composer_counts_every_value_it_built(text: str) -> None:
    for positions in (True, False):
        composed = compose("a.yaml", text, Limits(), positions=positions)
        assert composed.nodes == values_in(composed.data)


@pytest.mark.parametrize("text", [*SHIPPED_TEXTS, "a:\n  x: &x {k: [1, 2]}\n  y: [*x, *x]\nd: 1\n"])
def test_pieces_count_the_values_the_whole_counts(text: str) -> None:
    whole = compose("a.yaml", text, Limits(), positions=False)
    pieces = [compose("a.yaml", piece, Limits(), positions=False) for piece in pieces_of(text)]
    assert len(pieces) > 1
    assert whole.nodes == 1 + sum(piece.nodes - 1 for piece in pieces)  # each piece counts its own root mapping
