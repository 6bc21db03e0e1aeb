"""V106 superlative-absolute: superlatives and unscoped absolutes."""

from __future__ import annotations

import pytest

from agreed.lint.rule import Category, TextContext
from agreed.lint.rules.superlative_absolute import RULE
from agreed.problem import Severity

FREE_STANDING = TextContext()


def flagged(text: str, context: TextContext = FREE_STANDING) -> list[str]:
    assert RULE.check_text is not None
    return [text[span.start : span.end] for span in RULE.check_text(text, context)]


def test_identity() -> None:
    assert (RULE.code, RULE.name, RULE.category, RULE.severity) == (
        "V106", "superlative-absolute", Category.VAGUENESS, Severity.WARNING)


@pytest.mark.parametrize(("text", "expected"), [
    ("Offer the best onboarding in the region.", ["best"]),
    ("Be the fastest responder.", ["fastest"]),
    ("Pick the most reliable vendor.", ["the most reliable"]),
    ("Always respond to partner questions.", ["Always"]),
    ("Never miss a deadline.", ["Never"]),
    ("Resolve all issues before launch.", ["all issues"]),
    ("Address every concern raised.", ["every concern"]),
    ("Report any problems.", ["any problems"]),
    ("Ship with zero defects and no errors.", ["zero defects", "no errors"]),
    ("Ship the release fully tested.", ["fully"]),
    ("Migrate the data completely and perfectly.", ["completely", "perfectly"]),
    ("Deliver 100% customer satisfaction.", ["100% customer satisfaction"]),
    ("Document everything.", ["everything"]),
    ("Share any and all findings.", ["any and all"]),
    ("Follow best practices and industry standards.", ["best practices", "industry standards"]),
])
def test_fires(text: str, expected: list[str]) -> None:
    assert flagged(text) == expected


@pytest.mark.parametrize("text", [
    "Migrate all 14 branches by 2027-06-30.",
    "Migrate all three regions by 2027-06-30.",
    "Approve every invoice above EUR 5,000 within 2 business days.",
    "Record zero Sev-1 incidents in March 2027.",
    "Close 100% of payroll runs on time.",
    "Hold the review every Monday.",
    "Never share customer names outside the steering group.",
    "Do our best work on the 3 pilots; use best efforts to reply.",
    "Ship the most recent version; the most likely date is 2027-03-01.",
    "Review at least 3 and at most 5 items weekly.",
    "Buy the licences from Best Buy by 2027-02-01.",
    "See https://example.com/always-the-best for the 2 templates.",
    "Run the `best_effort_all` job nightly.",
    'Replace the slogan "always the best" by 2027-03-01.',
])
def test_passes(text: str) -> None:
    assert flagged(text) == []
