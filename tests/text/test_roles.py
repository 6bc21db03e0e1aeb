"""The role of a verb in its clause: commitment, capability, modifier or purpose; and a system as the subject."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreed.text.roles import VerbRole, may_be_infinitive, sends_to_someone, verb_role


def _role(text: str, verb: str) -> VerbRole:
    start = text.index(verb)
    return verb_role(text, start, start + len(verb))


@pytest.mark.parametrize(
    ("text", "verb", "role"),
    [
        ("Sales will support the launch.", "support", VerbRole.COMMITMENT),
        ("Support the EMEA launch.", "Support", VerbRole.COMMITMENT),
        ("Ops will continue to support the legacy system.", "support", VerbRole.COMMITMENT),
        ("Li agrees to help with the migration.", "help", VerbRole.COMMITMENT),
        ("Li is responsible for supporting the launch.", "supporting", VerbRole.COMMITMENT),
        ("We are actively supporting the launch.", "supporting", VerbRole.COMMITMENT),
        ("Stakeholders will be engaged throughout.", "engaged", VerbRole.COMMITMENT),
        ("Product will drive engagement.", "drive", VerbRole.COMMITMENT),
        ("The new module will help with reducing errors.", "help", VerbRole.COMMITMENT),
        ("The API team will support each integrator.", "support", VerbRole.COMMITMENT),
        ("Li helps with onboarding.", "helps", VerbRole.COMMITMENT),
        ("IT supports the migration.", "supports", VerbRole.COMMITMENT),
        ("The portal will support staff through the go-live.", "support", VerbRole.COMMITMENT),
        ("Ops monitors queue depth.", "monitors", VerbRole.CAPABILITY),
        ("Engineering and Product to explore a strategy.", "explore", VerbRole.COMMITMENT),
        ("Li to send the deck.", "send", VerbRole.COMMITMENT),
        ("The portal supports single sign-on.", "supports", VerbRole.CAPABILITY),
        ("Acme monitors the payment gateway.", "monitors", VerbRole.CAPABILITY),
        ("The app will monitor disk usage.", "monitor", VerbRole.CAPABILITY),
        ("The portal handles refund requests.", "handles", VerbRole.CAPABILITY),
        ("Handle customer concerns.", "Handle", VerbRole.COMMITMENT),
        ("The platform shall support single sign-on.", "support", VerbRole.CAPABILITY),
        ("The WMS should support cross-docking of inbound pallets.", "support", VerbRole.CAPABILITY),
        ("Teams supporting the rollout get licences.", "supporting", VerbRole.MODIFIER),
        ("The people involved in the pilot get a badge.", "involved", VerbRole.MODIFIER),
        ("To help agents find answers, the portal will index 3 knowledge bases.", "help", VerbRole.PURPOSE),
        ("Li assigns a mentor to help new hires.", "help", VerbRole.PURPOSE),
        ("Buy the licences needed to support billing.", "support", VerbRole.PURPOSE),
        ("In order to support the audit, Finance will export the ledger.", "support", VerbRole.PURPOSE),
    ],
)
def test_verb_role(text: str, verb: str, role: VerbRole) -> None:
    assert _role(text, verb) is role


@given(st.text(max_size=80), st.data())
def test_any_span_of_any_text_has_a_role(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert isinstance(verb_role(text, start, end), VerbRole)


@pytest.mark.parametrize(
    "word",
    [
        "deliver",
        "call",
        "bring",
        "string",
        "discuss",
        "focus",
        "access",
        "implement",
        "document",
        "comment",
        "worship",
        "witness",
        "harness",
        "support",
        "staff",
    ],
)
def test_a_verb_after_to_may_open_an_infinitive(word: str) -> None:
    assert may_be_infinitive(word)


@pytest.mark.parametrize(
    "word",
    [
        "management",
        "procurement",
        "leadership",
        "security",
        "engineering",
        "marketing",
        "partners",
        "mentors",
        "sales",
        "everyone",
        "us",
        "them",
        "awareness",
        "tourism",
    ],
)
def test_a_word_no_verb_takes_the_form_of_leads_to_a_noun(word: str) -> None:
    assert not may_be_infinitive(word)
    assert not may_be_infinitive(word.capitalize())


@pytest.mark.parametrize(
    ("participle", "sends"),
    [
        ("escalated", True),
        ("Sent", True),
        ("handed  over", True),
        ("forwarded", True),
        ("expected", False),
        ("directed", False),
        ("asked", False),
        ("required", False),
    ],
)
def test_a_verb_of_sending_reads_to_as_whom_it_goes_to(participle: str, sends: bool) -> None:
    assert sends_to_someone(participle) is sends
