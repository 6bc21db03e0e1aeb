"""Notes, rationales, examples and headings: the non-normative stretches of a statement."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from agreed.text.nonnormative import non_normative_spans
from agreed.text.sentences import mask


def test_a_remark_runs_to_the_end_of_its_paragraph() -> None:
    text = "Li ships the CRM. Note: it may slip\nif the vendor is late.\n\nOmar tests it."
    assert non_normative_spans(text) == [(18, text.index("\n\n"))]


def test_a_bullet_after_a_remark_is_not_part_of_it() -> None:
    text = "Note: see the guide.\n- Li should ship the CRM."
    assert non_normative_spans(text) == [(0, len("Note: see the guide."))]


def test_a_numbered_requirement_is_no_heading() -> None:
    assert non_normative_spans("3.2.1 The service must answer within 2 s") == []


@given(st.text(alphabet=st.sampled_from("Note:NB#3.2 Scope requirements\n-ab "), max_size=80))
def test_spans_lie_within_the_text_and_mask_keeps_length_and_lines(text: str) -> None:
    spans = non_normative_spans(text)
    assert all(0 <= start <= end <= len(text) for start, end in spans)
    masked = mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
