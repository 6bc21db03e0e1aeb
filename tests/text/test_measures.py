"""Numbers, dates, measures, baselines and artefacts in a statement."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreed.text.measures import (
    has_artefact,
    has_baseline,
    has_bounded_purpose,
    has_date,
    has_fit_criterion,
    has_measure,
    has_number,
    has_purpose,
    has_reference,
    has_service_hours,
    names_statistic,
    numeric_day_readings,
    opens_statistic,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hire 3 engineers", True),
        ("Hire three engineers", True),
        ("EUR 1,200.50", True),
        ("by 2027-03-01", True),
        ("in Q3", False),
        ("in FY27", False),
        ("in H2", False),
        ("hire someone", False),
        ("no one", False),
    ],
)
def test_has_number(text: str, expected: bool) -> None:
    assert has_number(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by 2027-03-31", True),
        ("on 31 March 2027", True),
        ("by 31 March", True),
        ("by March 31, 2027", True),
        ("by 31/03/2027", True),
        ("in March 2027", False),
        ("by Q3", False),
        ("in May we ship", False),
        ("by 2027", False),
    ],
)
def test_has_date(text: str, expected: bool) -> None:
    assert has_date(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/3/2027", ("2027-03-01", "2027-01-03")),  # day first, then month first
        ("01.03.2027", ("2027-03-01", "2027-01-03")),
        ("31/03/2027", ("2027-03-31",)),  # no month 31: one day
        ("03/31/2027", ("2027-03-31",)),
        ("3/3/27", ("2027-03-03",)),  # both readings are the same day; a two-digit year is 20YY
        ("29/02/2027", ()),  # 2027 has no 29 February
        ("29/02/2028", ("2028-02-29",)),
        ("29/02/2100", ()),  # nor has 2100
        ("45/60/2027", ()),
        ("2027-03-01", ()),  # not a day in numbers with slashes or dots
    ],
)
def test_numeric_day_readings(text: str, expected: tuple[str, ...]) -> None:
    assert numeric_day_readings(text) == expected


@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_a_day_in_numbers_reads_as_itself_day_first(day: datetime.date) -> None:
    readings = numeric_day_readings(f"{day.day}/{day.month}/{day.year}")
    assert readings[0] == day.isoformat()
    assert len(readings) == (2 if day.day <= 12 and day.day != day.month else 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Investigate 3 failed runs", True),
        ("reduce to 5%", True),
        ("by 2027-03-31 in Q3 of FY27 at 09:00", False),
        ("in March 2027", False),
        ("by 2027", False),
    ],
)
def test_has_measure(text: str, expected: bool) -> None:
    assert has_measure(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
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
        ("more than one approver", True),
        ("no more than a single retry", True),
        ("a higher severity on the P1-P4 scale", True),
        ("a higher priority than P3", True),
        ("reduce churn by 20 % by 2027-12-31", True),
        ("raise NPS from 32 to 45", True),
        ("more than before", False),
        ("higher than usual", False),
        ("more people in Q3", False),
        ("cap rework at 10 hours per sprint", True),  # a cap is an upper bound
        ("limit the backlog to about 40 tickets", True),
        ("reduce rework at 3 sites", False),
        ("cap the review at the Q3 offsite", False),
    ],
)
def test_has_baseline(text: str, expected: bool) -> None:
    assert has_baseline(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("and send a root-cause report to Ana", True),
        ("present a written plan", True),
        ("contribute to the roadmap", False),
        ("look into the report", False),
    ],
)
def test_has_artefact(text: str, expected: bool) -> None:
    assert has_artefact(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("accessible to WCAG 2.2 AA", True),
        ("secure as defined in section 4.3", True),
        ("the format in Table 2", True),
        ("certified to ISO/IEC 27001", True),
        ("compliant with PCI DSS", True),
        ("laid out per Annex B", True),
        ("in Annex B", True),
        ("see \u00a7 12", True),
        ("in accordance with the retention policy", True),
        ("a good standard", False),
        ("in line with best practice", False),
        ("for key customers", False),
        ("section heads agree", False),
        ("in line with ISO 9001", True),
        ("meets the deadline", False),
        ("meets AA contrast", True),
    ],
)
def test_has_reference(text: str, expected: bool) -> None:
    assert has_reference(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (": every page under 1 s on a 4G profile", True),
        (" (p95 under 300 ms)", True),
        (", i.e. 3 clicks at most", True),
        (" service with 99.9 % availability", True),
        (" with p95 latency under 300 ms", True),
        (" retry (5 attempts, exponential backoff from 1 s)", True),  # after the noun the word qualifies
        (" upload client: 3 retries at most", True),
        (" upload client (by 2027-03-31)", False),
        (" retry for the 3 clients (5 attempts)", False),
        (" reporting layer within 3 weeks", False),
        (" layer with 3 engineers", False),
        (", with 3 engineers", False),
        (" layer by 2027-03-31", False),
        (" onboarding for 40 customers", False),
        ("", False),
    ],
)
def test_has_fit_criterion(text: str, expected: bool) -> None:
    assert has_fit_criterion(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("support 08:00 to 18:00 CET", True),
        ("help from 9am-5pm", True),
        ("on call Monday to Friday", True),
        ("a 24/7 rota", True),
        ("support during the rollout", False),
        ("the 10:00 stand-up on Monday", False),
        ("ratio 24/70", False),
    ],
)
def test_has_service_hours(text: str, expected: bool) -> None:
    assert has_service_hours(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" licences for all 40 agents", True),
        (" staff to cover every shift", True),
        (" rooms for both teams", True),
        (" budget for the project", False),
        (" time", False),
        (" staff in the new office", False),
    ],
)
def test_has_bounded_purpose(text: str, expected: bool) -> None:
    assert has_bounded_purpose(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" to cover 3 shifts", True),
        (" people to run both clinics", True),
        (" time to stay aligned", True),
        (" people to the migration", False),
        (" people", False),
        (" budget for the project", False),
        (" staff to them", False),
    ],
)
def test_has_purpose(text: str, expected: bool) -> None:
    assert has_purpose(text) is expected


@given(
    st.text(
        alphabet=st.sampled_from(list("ISOWCAG Table section: ( ) with under p95 ms % for all 40 every 2.2 ,.")),
        max_size=60,
    )
)
def test_an_anchor_is_found_only_where_its_words_are(text: str) -> None:
    if has_fit_criterion(text):
        assert has_number(text) or "p95" in text  # a fit criterion is a measure
    if has_bounded_purpose(text):
        assert {"for", "to", "across", "in"} & set(text.lower().split())
    if has_reference(text):
        assert any(character.isdigit() or character.isupper() for character in text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Lowest monthly availability of the Payments API", True),
    ("the highest p99 latency of checkout", True),
    ("the longest weekly queue at the front desk", True),
    ("the average handling time of a P2 ticket", True),
    ("the median time to first reply", True),
    ("Offer the lowest prices in the region", False),  # a field nobody measured: a claim
    ("the highest availability", False),  # no series: one figure claimed to beat others
    ("Publish the monthly report", False),
])
def test_names_statistic(text: str, expected: bool) -> None:
    assert names_statistic(text) is expected


def test_opens_statistic_reads_at_the_word() -> None:
    text = "Keep the lowest monthly availability above 99.9 %."
    assert opens_statistic(text, text.index("lowest"))
    assert not opens_statistic(text, text.index("availability"))
    assert not opens_statistic("Offer the lowest prices.", len("Offer the "))
