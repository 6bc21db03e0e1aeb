"""The subject of a clause before a modal, and its kind (actor, system, recipient, thing or none)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreed.text.sentences import mask
from agreed.text.subjects import Subject, SubjectKind, classify_subject, passive_agent, subject_before

ACTOR, SYSTEM, RECIPIENT, THING, NONE = (SubjectKind.ACTOR, SubjectKind.SYSTEM, SubjectKind.RECIPIENT,
                                         SubjectKind.THING, SubjectKind.NONE)


def _subject_of(text: str, word: str) -> tuple[str, SubjectKind, bool]:
    subject = subject_before(mask(text), text.index(word))
    return subject.words, subject.kind, subject.subordinate


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Ops should publish a summary.", "should", ("Ops", ACTOR, False)),
    ("We will try to share it.", "try", ("We", ACTOR, False)),
    ("Ideally, Li may send a draft.", "may", ("Li", ACTOR, False)),
    ("The owner of the service should approve.", "should", ("The owner of the service", ACTOR, False)),
    ("Each of the vendors should report.", "should", ("Each of the vendors", ACTOR, False)),
    ("IT should patch the laptops.", "should", ("IT", ACTOR, False)),
    ("Emily should call the bank.", "should", ("Emily", ACTOR, False)),
    ("Li drafts the plan and may share it.", "may", ("Li", ACTOR, False)),
    ("We agree that Li may send the draft.", "may", ("Li", ACTOR, False)),
    ("The service should retry failed webhooks.", "should", ("The service", SYSTEM, False)),
    ("The mobile app may cache the token.", "may", ("The mobile app", SYSTEM, False)),
    ("Customers may export their data.", "may", ("Customers", RECIPIENT, False)),
    ("Delays may occur.", "may", ("Delays", THING, False)),
    ("It should take 2 days.", "should", ("It", THING, False)),
    ("If the launch should slip, tell Maria.", "should", ("the launch", THING, True)),
    ("Li fixes every defect that may appear.", "may", ("every defect", THING, True)),
    ("Should the link fail, the router switches.", "Should", ("", NONE, False)),
    ("In case the pump should fail, call Li.", "should", ("the pump", THING, True)),
    ("As a user, I should be able to log in.", "should", ("I", RECIPIENT, False)),
    ("As the lead, I should send it.", "should", ("I", ACTOR, False)),
])
def test_subject_before(text: str, word: str, expected: tuple[str, SubjectKind, bool]) -> None:
    assert _subject_of(text, word) == expected


@pytest.mark.parametrize(("words", "kind"), [
    ("we", ACTOR), ("the vendor", ACTOR), ("Finance", ACTOR), ("Northwind Traders", ACTOR), ("the planners", ACTOR),
    ("the payment gateway", SYSTEM), ("the API", SYSTEM), ("Product", ACTOR), ("the product", SYSTEM),
    ("users", RECIPIENT), ("you", RECIPIENT), ("the Client", RECIPIENT),
    ("the results", THING), ("there", THING), ("the order", THING), ("", NONE), ("Drivers", ACTOR),
    ("Delays", THING), ("Others", THING),
])
def test_classify_subject(words: str, kind: SubjectKind) -> None:
    assert classify_subject(words) is kind


@pytest.mark.parametrize(("text", "expected"), [
    ("The database should be backed up nightly by Ops.", Subject("Ops", ACTOR)),
    ("The pack should be signed off by the on-call engineer.", Subject("the on-call engineer", ACTOR)),
    ("Errors should be logged by the service every hour.", Subject("the service", SYSTEM)),
    ("The data should be checked by 2 nurses every night.", Subject("2 nurses", ACTOR)),
    ("Contracts should be reviewed by Legal where necessary.", Subject("Legal", ACTOR)),
    ("The database should be backed up nightly.", None),
    ("The report should be sent by Friday.", None),
    ("The report should be sent by email.", None),
    ("Ops should publish it by the end of May.", None),
    ("Li should be told, and Ops will be asked by Omar.", None),
])
def test_the_agent_of_a_passive(text: str, expected: Subject | None) -> None:
    assert passive_agent(mask(text), text.index("should") + len("should")) == expected


@given(st.text(alphabet=st.sampled_from("abc ABC,.;:()-'\u2019\n&"), max_size=60), st.data())
def test_the_subject_is_words_of_the_clause_before(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    subject = subject_before(text, start)
    assert all(word in text[:start] for word in subject.words.split())
    assert (subject.kind is NONE) == (not subject.words)
