"""Numbers, dates, measures, baselines and artefacts in a statement."""

from __future__ import annotations

import pytest

from agreed.text.measures import has_artefact, has_baseline, has_date, has_measure, has_number


@pytest.mark.parametrize(("text", "expected"), [
    ("Hire 3 engineers", True), ("Hire three engineers", True), ("EUR 1,200.50", True), ("by 2027-03-01", True),
    ("in Q3", False), ("in FY27", False), ("in H2", False), ("hire someone", False), ("no one", False),
])
def test_has_number(text: str, expected: bool) -> None:
    assert has_number(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("by 2027-03-31", True), ("on 31 March 2027", True), ("by 31 March", True), ("by March 31, 2027", True),
    ("by 31/03/2027", True), ("in March 2027", False), ("by Q3", False), ("in May we ship", False), ("by 2027", False),
])
def test_has_date(text: str, expected: bool) -> None:
    assert has_date(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Investigate 3 failed runs", True), ("reduce to 5%", True),
    ("by 2027-03-31 in Q3 of FY27 at 09:00", False), ("in March 2027", False), ("by 2027", False),
])
def test_has_measure(text: str, expected: bool) -> None:
    assert has_measure(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Reduce churn from 8% to 5%", True),
    ("Reduce churn by 3 points", True),
    ("Cut latency to under 300 ms", True),
    ("Make it 20% faster", True),
    ("Keep spend below the FY2026 audited total", True),
    ("more than 40 accounts", True),
    ("Halve the backlog", True),
    ("Reduce churn", False),
    ("Reduce churn by 2027", False),
    ("Reduce churn by 2027-12-31", False),
    ("faster than before", False),
    ("cheaper than competitors", False),
])
def test_has_baseline(text: str, expected: bool) -> None:
    assert has_baseline(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("and send a root-cause report to Ana", True), ("present a written plan", True),
    ("contribute to the roadmap", False), ("look into the report", False),
])
def test_has_artefact(text: str, expected: bool) -> None:
    assert has_artefact(text) is expected
