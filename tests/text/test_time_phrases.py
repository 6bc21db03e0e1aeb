"""The time phrases the time rule judges: each shape is found with its label, and no shape is skipped by its test."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreed.text.patterns import TermPattern
from agreed.text.time_phrases import TIME_PHRASES


def _labels(text: str) -> list[tuple[str, str]]:
    found = [(start, end, pattern.label) for pattern in TIME_PHRASES for start, end in pattern.spans(text)]
    return [(text[start:end], label) for start, end, label in sorted(found)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ship by Q3.", ("by Q3", "period")),
    ("Ship in March 2027.", ("in March 2027", "period")),
    ("Ship going forward.", ("going forward", "relative")),
    ("Ship by the 15th.", ("by the 15th", "relative")),
    ("Ship within two weeks.", ("within two weeks", "duration")),
    ("Ship promptly.", ("promptly", "fuzzy")),
    ("Ship before launch.", ("before launch", "milestone")),
    ("Ship 30 days after go-live.", ("30 days after go-live", "milestone")),
    ("Ship post-launch.", ("post-launch", "milestone")),
    ("Ship on launch day.", ("on launch day", "milestone")),
    ("Ship after the pilot ends.", ("after the pilot ends", "milestone")),
    ("Ship during the rollout.", ("during the rollout", "milestone")),
    ("Ship once legal signs off.", ("once legal signs off", "condition")),
    ("Ship by <date>.", ("by <date>", "placeholder")),
    ("Ship by sprint 3.", ("by sprint 3", "milestone")),
    ("Deliver X by Y.", ("by Y", "placeholder")),
    ("Ship by 1/3/2027.", ("1/3/2027", "numeric")),
    ("Ship by 01.03.2027.", ("01.03.2027", "numeric")),
    ("Tidy the data once things settle down.", ("once things settle down", "unsettled")),
    ("Tidy the data when the dust settles.", ("when the dust settles", "unsettled")),
    ("Tidy the data after the launch stabilises.", ("after the launch stabilises", "unsettled")),
    ("Provide the data once available.", ("once available", "unsettled")),
    ("Send the figures when they become available.", ("when they become available", "unsettled")),
    ("Ship the fix after things calm down.", ("after things calm down", "unsettled")),
    ("Tidy the data over the Christmas holidays.", ("over the Christmas holidays", "period")),
    ("Tidy the data over the summer break.", ("over the summer break", "period")),
])
def test_each_shape_is_found_with_its_label(text: str, expected: tuple[str, str]) -> None:
    assert expected in _labels(text)


@pytest.mark.parametrize("phrase", [
    "soon", "starting shortly after the close", "sooner or later", "eventually", "someday", "some day", "tomorrow",
    "in due course", "in due time", "at some point", "one of these days", "down the road", "down the line",
    "before long", "any day now", "imminently", "over time", "in the near future", "in the near term",
    "in the future", "at a later stage", "later on", "later this year", "earlier in the project", "next quarter",
    "this term", "the coming sprint", "next FY", "this weekend", "next few weeks", "coming Wednesday", "this Thurday",
    "in the coming few weeks", "during the following months", "over the next 3 quarters", "in a couple of days",
    "within several weeks", "in the next years", "within days", "in weeks", "within the sprint", "within the year",
    "over the weekend", "this morning", "by lunchtime", "mid-next quarter", "late this year", "in the new year",
    "by the new financial year", "in the weeks ahead", "the month after next", "in the longer term", "in the long run",
    "in a later phase", "in a subsequent release", "by COB", "by close of play", "going forward", "from now on",
    "in the short term", "medium-term", "by Friday", "on Mon", "until Tues", "till Sunday",
])
def test_each_shape_of_a_relative_time_is_found(phrase: str) -> None:
    assert (phrase, "relative") in _labels(f"Ship the report {phrase}.")


@pytest.mark.parametrize("unit", [
    "days", "working days", "business days", "weeks", "fortnights", "months", "quarters", "years", "sprints", "hours",
])
@pytest.mark.parametrize("count", ["3", "three"])
def test_an_offset_in_any_unit_is_part_of_the_event(count: str, unit: str) -> None:
    offset = f"{count} {unit} after launch"
    assert (offset, "milestone") in _labels(f"Send the survey {offset}.")
    assert (f"within {offset}", "milestone") in _labels(f"Send the survey within {offset}.")


@pytest.mark.parametrize("offset", ["a fortnight before go-live", "one week after launch", "an hour before the AGM"])
def test_an_offset_of_one_unit_is_part_of_the_event(offset: str) -> None:
    assert (offset, "milestone") in _labels(f"Send it {offset}.")


@pytest.mark.parametrize("text", ["Upgrade to 4.2.10.", "Use v1.3.2027 of the spec.", "Read 1.3.27 of the manual."])
def test_a_version_number_is_no_day(text: str) -> None:
    assert not [label for _, label in _labels(text) if label == "numeric"]


_TIME_WORDS = st.sampled_from([
    "by", "in", "the", "end", "of", "Q3", "H2", "FY27", "EOY", "2027", "2027-11", "March", "may", "summer", "mid-year",
    "next", "week", "soon", "later", "going", "forward", "short-term", "early", "within", "two", "weeks", "30", "days",
    "after", "go-live", "launch", "post-launch", "on", "day", "once", "legal", "signs", "off", "data", "is",
    "available", "during", "rollout", "promptly", "timely", "manner", "<date>", "15th", "quarter", "half", "first",
    "before", "the", "pilot", "ends", "until", "we", "launch", "run-up", "to", "fortnight", "lunchtime", "agreed",
    "fortnights", "date", "ship", ",", ".", "a", "few", "years", "subsequent", "phase", "some", "point", "over",
    "time", "due", "course", "sprint", "3", "release", "X", "Y", "this", "afternoon", "the", "weekend", "months",
    "ahead", "things", "settle", "settles", "dust", "stabilises", "holidays", "Christmas", "break", "down", "line",
    "road", "these", "one", "new", "near", "future", "medium", "longer", "long", "term", "run", "coming", "following",
    "Monday", "Wednes", "Thurday", "morning", "stage", "now", "any", "from", "shortly", "tomorrow", "late", "mid",
    "year", "month", "couple", "several", "lunch", "COB", "play", "close", "moving", "eventually", "sooner", "or",
])


def _regex_alone(pattern: TermPattern) -> re.Pattern[str] | None:
    regex = getattr(pattern, "regex", None)
    return None if regex is None else regex.regex


@given(st.lists(_TIME_WORDS, min_size=1, max_size=12).map(" ".join))
def test_no_pattern_is_skipped_on_a_text_it_matches(text: str) -> None:
    for pattern in TIME_PHRASES:
        regex = _regex_alone(pattern)
        assert regex is not None
        if regex.search(text) is not None:
            assert list(pattern.spans(text)), (pattern.label, text)


@pytest.mark.parametrize("text", [
    "The queue settles within 10 minutes of each deploy.",
    "Provide the data once it is available in the 2027-03-01 export.",
    "Take the break room keys back by 2027-03-01.",
])
def test_a_settled_measure_or_a_named_break_room_is_no_undated_time(text: str) -> None:
    assert not [label for phrase, label in _labels(text) if "settle" in phrase or "break" in phrase
                or phrase == "once available"]
