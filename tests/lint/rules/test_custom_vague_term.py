"""V110 custom-vague-term: the words a team has declared vague, reported like the built-in vagueness rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.custom_vague_term import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import FlaggedBy, RuleIdentity


def _configured(*terms: str) -> TextRule:
    assert RULE.configure is not None
    configured = RULE.configure({"terms": list(terms)})
    assert isinstance(configured, TextRule)
    return configured


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("V110", "custom-vague-term", Category.VAGUENESS, Severity.WARNING)


@pytest.mark.parametrize(("terms", "text", "expected"), [
    (("synergy",), "Realise synergy between the sales and support queues.", ["synergy"]),
    (("synergy",), "Synergy first, then SYNERGY again.", ["Synergy", "SYNERGY"]),
    (("best-in-class",), "Ship a best-in-class dashboard by 2031-03-01.", ["best-in-class"]),
    (("world class", "leverage"), "Leverage a world class process.", ["Leverage", "world class"]),
    (("synergy",), "Find synergies between the queues.", ["synergies"]),
    (("synergies",), "Find one synergy.", ["synergy"]),
    (("leverage",), "Leveraging the queue, we leveraged the pool.", ["Leveraging", "leveraged"]),
    (("leverage synergies",), "Leveraged synergies are no plan.", ["Leveraged synergies"]),
])
def test_a_configured_term_fires(flagged_by: FlaggedBy, terms: tuple[str, ...], text: str,
                                 expected: list[str]) -> None:
    assert flagged_by(_configured(*terms), text) == expected


@pytest.mark.parametrize(("terms", "text"), [
    (("synergy",), "Route 100% of renewal tickets to one shared queue by 2031-03-01."),
    (("synergy",), "Synergistic is another word, and is not on the list."),
    (("leverage",), "Cut the debt ratio of the unit to 2.0 by 2031-06-30."),
    (("synergy",), "Pay the invoice of Synergy Health Ltd by 2031-03-01."),
    (("synergy",), "Synergy Dental Ltd collects the monthly export."),
])
def test_text_without_a_configured_term_passes(flagged_by: FlaggedBy, terms: tuple[str, ...], text: str) -> None:
    assert flagged_by(_configured(*terms), text) == []


def test_with_no_terms_configured_nothing_fires(flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, "Realise synergy between the sales and support queues.") == []
    assert flagged_by(_configured(), "Realise synergy between the sales and support queues.") == []
