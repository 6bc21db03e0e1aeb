from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agreed.lines import line_col, line_count, line_starts, split_lines


@pytest.mark.parametrize(("text", "lines"), [
    ("", []),
    ("a", ["a"]),
    ("a\n", ["a"]),
    ("a\r\nb\rc\nd", ["a", "b", "c", "d"]),
    ("a\n\n", ["a", ""]),
    ("a\x0cb\x85c\u2028d\u2029e\x1cf", ["a\x0cb\x85c\u2028d\u2029e\x1cf"]),
])
def test_lines_end_at_crlf_cr_and_lf_only(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines


def test_a_position_between_cr_and_lf_is_the_end_of_its_line() -> None:
    assert line_col("ab\r\ncd", 3) == (1, 3)
    assert line_col("ab\r\ncd", 4) == (2, 1)


def test_an_offset_past_the_end_is_the_end_of_the_text() -> None:
    assert line_col("a: [1", 99) == (1, 6)
    assert line_col("a\n", 99) == (2, 1)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(["a", "é", "\r", "\n", "\x85", "\u2028", "\x0c"]), max_size=40),
       st.integers(min_value=-5, max_value=50))
def test_every_position_exists_and_splitting_agrees_with_counting(text: str, offset: int) -> None:
    lines = split_lines(text)
    line, col = line_col(text, offset)
    assert 1 <= line <= line_count(text)
    shown = lines[line - 1] if line <= len(lines) else ""
    assert 1 <= col <= len(shown) + 1
    assert len(line_starts(text)) in (len(lines), len(lines) + 1)
