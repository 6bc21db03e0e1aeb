"""Hover, completion and navigation answer at every line and column of every shipped agreement, and of the same
agreements cut short mid-line (a buffer being typed), without raising."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from agreed.agreement import agreement_of
from agreed.document import load_document
from agreed.lines import split_lines
from agreed.lsp import guidance, navigation
from agreed.lsp.places import place_at

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
SHIPPED = sorted(CONTRACTS.glob("*.yaml"))


def _columns(line: str) -> list[int]:
    return sorted({0, len(line) // 3, len(line) // 2, len(line), len(line) + 5})


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_line_of_a_shipped_agreement_answers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    document = load_document(text.encode(), str(path))
    agreement = agreement_of(document)
    lines = split_lines(text)
    offered = 0
    for number, line in enumerate([*lines, ""]):
        for column in _columns(line):
            place = place_at(lines, number, column)
            offered += len(guidance.suggestions(place, line[:column], agreement, datetime.date(2031, 1, 6)))
            navigation.party_at(document, number, column)
    assert offered > len(lines)  # the walk is real: most places offer something


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_a_buffer_cut_anywhere_answers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for cut in range(0, len(text), max(1, len(text) // 60)):
        lines = split_lines(text[:cut])
        last = len(lines) - 1 if lines else 0
        place = place_at(lines, last, len(lines[last]) if lines else 0)
        guidance.suggestions(place, lines[last] if lines else "", None, datetime.date(2031, 1, 6))
