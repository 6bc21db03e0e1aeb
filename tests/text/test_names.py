"""Proper names, titles and technical terms: the stretches of a statement whose words are no smell."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreed.text.names import in_title_case, name_spans, within_name
from agreed.text.sentences import mask


def _names(text: str) -> list[str]:
    masked = mask(text)
    return [masked[start:end] for start, end in name_spans(masked)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Li will order 40 tablets from Best Buy by 2027-03-01.", ["Best Buy"]),
    ("Ana will publish the Good Friday holiday schedule.", ["Good Friday"]),
    ("The Bank of America account is closed.", ["Bank of America"]),
    ("Li will update the Best-Practice Guide by 2027-03-01.", ["Best-Practice Guide"]),
    ("The High Availability cluster fails over in 30 s.", ["High Availability"]),
    ("Ship it on Windows XP.", ["Windows XP"]),
])
def test_capitalised_words_in_a_row_are_a_name(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Harmony Care Ltd sends the rota.", ["Harmony Care Ltd"]),
    ("Robust Tools Inc. ships the parts.", ["Robust Tools Inc"]),
])
def test_a_company_name_that_opens_a_sentence_starts_at_its_first_word(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Improve Customer Onboarding for all 40 stores by 2027.", ["Customer Onboarding"]),
    ("KR1: Reduce Churn.", []),
    ("- Robust Monitoring for 3 services.", []),
    ("3.2 Faster Releases", []),
    ("Maria and Li send the plan.", []),
])
def test_a_word_capitalised_by_grammar_names_nothing(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize("text", [
    "Provide a User-Friendly Interface.",
    "Goal: Offer The Best Service.",
    "Improve Customer Onboarding by 2027.",
])
def test_a_sentence_in_title_case_names_nothing(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Ship to Best Buy.", ["Best Buy"]),
    ("Close On Good Friday.", ["Good Friday"]),
    ("Deliver The Most Reliable Platform For Best Buy.", ["Best Buy"]),
    ("Goal: Offer The Best Service In Town.", ["Town"]),
])
def test_in_title_case_the_object_of_a_preposition_without_an_article_is_a_name(text: str,
                                                                                 expected: list[str]) -> None:
    assert _names(text) == expected


def test_a_quoted_title_and_a_name_in_a_normally_cased_sentence_are_no_title_case() -> None:
    assert _names('Follow the "Best-Practice Guide" at every Best Buy store.') == ["Best Buy"]


def test_a_company_name_stays_a_name_in_a_title_case_sentence() -> None:
    masked = mask("Sign With Synergy Health Ltd.")
    start = masked.index("Synergy")
    assert within_name(masked, start, start + len("Synergy"))


def test_in_title_case_reads_the_sentence_after_a_label() -> None:
    masked = mask("Owner: Ana Ruiz. Goal: Provide a User-Friendly Interface. Ship 20 units to Best Buy.")
    assert in_title_case(masked, masked.index("User"))
    assert not in_title_case(masked, masked.index("Ruiz"))
    assert not in_title_case(masked, masked.index("Best"))


@pytest.mark.parametrize("text", [
    "KEEP THE ROBUST DESIGN.",
    "Meet WCAG 2.2 AA.",
    "Deliver X by Y.",
    "Li sends it. Ana checks it.",
])
def test_capitals_without_a_title_case_word_or_apart_are_no_name(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Run continuous integration on every merge.", ["continuous integration"]),
    ("Quality Assurance signs off each release.", ["Quality Assurance"]),
    ("Follow good manufacturing practice in plant 2.", ["good manufacturing practice"]),
    ("Li will publish the best-practice guide of 10 pages.", ["best-practice"]),
    ("Li files a document titled Best practice guide, then stops.", ["Best practice guide"]),
])
def test_glossary_terms_and_titles(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


def test_real_time_is_a_term_only_with_its_bound() -> None:
    assert _names("Show queue depth in real-time, under 200 ms.") == ["real-time"]
    assert _names("Show queue depth in real-time.") == []


def test_high_availability_is_a_term_with_its_bound_or_as_a_kind_of_component() -> None:
    assert _names("Keep the ledger at high availability, 99.95% a month.") == ["high availability"]
    assert _names("Add a high-availability pair for the ledger.") == ["high-availability"]
    assert _names("Keep the ledger at high availability.") == []


def test_a_word_that_opens_a_sentence_starts_a_name_only_as_a_modifier() -> None:
    masked = mask("KR: Good Friday rotas are published. Reduce AWS spend.")
    good, reduce = masked.index("Good"), masked.index("Reduce")
    assert within_name(masked, good, good + 4, modifier=True)
    assert not within_name(masked, good, good + 4)
    assert not within_name(masked, reduce, reduce + 6)  # "Reduce AWS spend": a verb asks without ``modifier``


def test_within_name_asks_whether_a_span_lies_inside_one() -> None:
    masked = mask("Order from Best Buy and keep the best price.")
    start = masked.index("Best")
    assert within_name(masked, start, start + 4)
    assert not within_name(masked, masked.index("best"), masked.index("best") + 4)
    assert not within_name(masked, start, len(masked))  # reaches past the name


@given(st.text(alphabet=st.sampled_from(list("Best Buy good Friday of-and .:,XY12\n")), max_size=80))
def test_name_spans_are_ordered_disjoint_and_inside_the_text(text: str) -> None:
    spans = name_spans(text)
    assert list(spans) == sorted(spans)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(end < next_start for (_, end), (next_start, _) in itertools.pairwise(spans))
    assert all(within_name(text, start, end) for start, end in spans)
