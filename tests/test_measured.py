"""Measured results (agreed.measured): the typed view of a target's ``measured`` and whether the target was met."""

from __future__ import annotations

from typing import Any

import pytest

from agreed.agreement import Measured, Target, read_agreement
from agreed.measured import Outcome, outcome_of


def _targets(*targets: dict[str, Any]) -> tuple[Target, ...]:
    return read_agreement({"celebration": {"targets": list(targets)}}).targets


def test_the_view_reads_a_measured_value_with_its_path() -> None:
    measured = {"value": 28, "on": "2031-07-15", "by": "li", "source": "CRM report", "note": "final figure"}
    target = _targets({"id": "ttv", "target": 30, "baseline": 60, "measured": measured})[0]
    assert target.measured == Measured(("celebration", "targets", 0, "measured"), 28, "2031-07-15", "li",
                                       "CRM report", "final figure")
    assert "measured" in target.present


def test_a_target_without_a_mapping_under_measured_has_no_measured_value() -> None:
    unwritten, wrong_type = _targets({"id": "a", "target": 1}, {"id": "b", "target": 1, "measured": 3})
    assert unwritten.measured is None
    assert wrong_type.measured is None
    assert "measured" in wrong_type.present


def test_a_measured_value_of_the_wrong_type_is_left_out() -> None:
    target = _targets({"id": "a", "target": 1, "measured": {"value": "high", "on": 20310715, "by": ["li"]}})[0]
    assert target.measured is not None
    assert (target.measured.value, target.measured.on, target.measured.by) == (None, None, None)


@pytest.mark.parametrize(("baseline", "target", "value", "outcome"), [
    # a target above its baseline asks for more: met at or above it
    (40, 80, 80, Outcome.MET),
    (40, 80, 95.5, Outcome.MET),
    (40, 80, 79, Outcome.MISSED),
    # a target below its baseline is a reduction: met at or below it
    (60, 30, 30, Outcome.MET),
    (60, 30, 21, Outcome.MET),
    (60, 30, 31, Outcome.MISSED),
    (60, 30, 75, Outcome.MISSED),
    # no baseline: an increase
    (None, 30, 30, Outcome.MET),
    (None, 30, 29, Outcome.MISSED),
    # a target equal to its baseline asks to hold the value
    (50, 50, 50, Outcome.MET),
    (50, 50, 49, Outcome.MISSED),
    (60, 30, float("nan"), Outcome.MISSED),
])
def test_the_outcome_follows_the_direction_from_baseline_to_target(
        baseline: float | None, target: float, value: float, outcome: Outcome) -> None:
    written: dict[str, Any] = {"id": "t", "target": target, "measured": {"value": value, "on": "2031-07-15"}}
    if baseline is not None:
        written["baseline"] = baseline
    assert outcome_of(_targets(written)[0]) is outcome


@pytest.mark.parametrize("written", [
    {"id": "t", "target": 30},
    {"id": "t", "target": 30, "measured": {"on": "2031-07-15", "by": "li"}},
    {"id": "t", "target": 30, "measured": {"value": "thirty"}},
    {"id": "t", "measured": {"value": 30}},
    {"id": "t", "target": 30, "measured": 30},
])
def test_without_a_value_or_a_target_it_is_not_yet_measured(written: dict[str, Any]) -> None:
    assert outcome_of(_targets(written)[0]) is Outcome.NOT_MEASURED


def test_outcomes_read_as_words() -> None:
    assert [str(outcome) for outcome in Outcome] == ["met", "missed", "not yet measured"]
