"""Quantifiers over a bounded set: counted rankings, restricted sets and rules checked case by case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreed.text.bounded import checkable_rule, counts_ranking, listed_elsewhere, restricted_set


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Audit the 40 largest suppliers.", "largest", True),
    ("Publish the ten most common blockers.", "most", True),
    ("List the top 5 biggest risks.", "biggest", True),
    ("List the top risks.", "risks", True),
    ("Pick the largest supplier.", "largest", False),
    ("Pick the most reliable vendor.", "most", False),
])
def test_counts_ranking(text: str, word: str, expected: bool) -> None:
    assert counts_ranking(text, text.index(word)) is expected


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("Li will fix every defect that is reported in the pilot.", "every defect", True),
    ("Fix every defect reported in the pilot.", "every defect", True),
    ("Archive all requests older than 90 days.", "all requests", True),
    ("Answer all questions from the Board.", "all questions", True),
    ("Answer every question in #onboarding.", "every question", True),
    ("Keep zero critical vulnerabilities open longer than 30 days.", "zero critical vulnerabilities", True),
    ("Answer every sales question within 4 hours.", "every sales question", True),
    ("Resolve all issues before launch.", "all issues", False),
    ("Address every concern raised.", "every concern", False),
    ("Refund every duplicate charge.", "every duplicate charge", True),
    ("Fix all critical bugs.", "all critical bugs", True),
    ("Validate all input data.", "all input data", True),
    ("Escalate any longer delay than 10 days.", "any longer delay", True),
    ("Report any problems to the help desk.", "any problems", True),
    ("Fix all relevant issues.", "all relevant issues", False),
    ("Address all security concerns.", "all security concerns", False),
    ("Log every risk in the register.", "every risk", True),
    ("Escalate any longer delay.", "any longer delay", False),
    ("Report any problems.", "any problems", False),
])
def test_restricted_set(text: str, phrase: str, expected: bool) -> None:
    start = text.index(phrase)
    assert restricted_set(text, start, start + len(phrase)) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Never deploy on a Friday after 15:00.", True),
    ("Always attach the signed form to the ticket.", True),
    ("Always log each change in the CRM.", True),
    ("Always delight customers.", False),
    ("Never miss a deadline.", False),
    ("Always respond to partner questions.", False),
    ("The press shall never start while the guard is open.", True),
    ("Never paste a secret into Slack.", True),
])
def test_checkable_rule(text: str, expected: bool) -> None:
    word = "never" if "never" in text else text.split()[0]
    assert checkable_rule(text, text.index(word) + len(word)) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Support the browsers listed in the Browser Matrix, such as Chrome 120.", True),
    ("Cover the sales events in the Sales Calendar 2031, such as Black Friday.", True),
    ("Staff the desk 24x7, including public holidays such as Christmas Day and Good Friday.", True),
    ("Use the formats defined in Annex B (e.g. CSV and JSON).", True),
    ("Support browsers such as Chrome and Firefox.", False),
    ("Build dashboards for key metrics such as churn and NPS.", False),
    # a second set after the listed one is not listed
    ("Support the browsers listed in the matrix and devices such as iPads and Pixels.", False),
    ("Support the browsers listed in the matrix, and devices such as iPads.", False),
])
def test_listed_elsewhere(text: str, expected: bool) -> None:
    word = "such as" if "such as" in text else "e.g."
    assert listed_elsewhere(text, text.index(word)) is expected


@given(st.text(max_size=80), st.data())
def test_any_span_of_any_text_is_answered(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert isinstance(counts_ranking(text, start), bool)
    assert isinstance(restricted_set(text, start, end), bool)
    assert isinstance(checkable_rule(text, end), bool)
    assert isinstance(listed_elsewhere(text, start), bool)
