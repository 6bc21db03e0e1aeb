"""Whether a celebration target was met: its ``measured`` value against its ``target``.

A target states the direction of the change it asks for: from its ``baseline`` to its ``target``. A target below its
baseline asks for a reduction (days to onboard, tickets open), so it is met when the measured value is at or below
the target; any other target is met when the measured value is at or above it. A target with no baseline is read
as an increase. A target with no measured value, or no target value to compare with, is not yet measured.
"""

from __future__ import annotations

import enum

from agreed.agreement import Number, Target


class Outcome(enum.StrEnum):
    """What the measurement of one target says, as a person reads it."""

    MET = "met"
    MISSED = "missed"
    NOT_MEASURED = "not yet measured"


def outcome_of(target: Target) -> Outcome:
    """Met, missed or not yet measured, for ``target``'s measured value."""
    value = measured_value(target)
    if value is None or target.target is None:
        return Outcome.NOT_MEASURED
    return Outcome.MET if reaches(value, target.target, target.baseline) else Outcome.MISSED


def measured_value(target: Target) -> Number | None:
    """The value recorded as measured for ``target``; None until one is (a ``measured`` entry without a ``value``
    records no measurement)."""
    return target.measured.value if target.measured is not None else None


def is_measured(target: Target) -> bool:
    """Whether a measured value is recorded for ``target``: the one test of "measured" for every reader of the
    targets (the outcome, the dated items, the site, ``agreed due``)."""
    return measured_value(target) is not None


def is_reduction(target: Number, baseline: Number | None) -> bool:
    """Whether a target asks for less than its baseline (a reduction); an increase when there is no baseline."""
    return baseline is not None and target < baseline


def reaches(value: Number, target: Number, baseline: Number | None) -> bool:
    """Whether ``value`` reaches ``target`` in the direction from ``baseline`` to it (a NaN reaches nothing)."""
    return value <= target if is_reduction(target, baseline) else value >= target
