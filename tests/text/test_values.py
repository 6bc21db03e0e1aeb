"""Classifiers of whole values: owner kinds, non-answers and "there is none"."""

from __future__ import annotations

import pytest

from agreed.text.values import OwnerKind, classify_owner, is_non_answer, says_there_is_none


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("Maria Chen", OwnerKind.SINGLE),
        ("maria", OwnerKind.SINGLE),
        ("the CFO", OwnerKind.SINGLE),
        ("Platform team", OwnerKind.SINGLE),
        ("R&D lead", OwnerKind.SINGLE),
        ("Maria Chen <maria+work@example.com>", OwnerKind.SINGLE),
        ("Maria Chen, VP Sales", OwnerKind.SINGLE),
        ("@mchen", OwnerKind.SINGLE),
        ("we", OwnerKind.COLLECTIVE),
        ("us", OwnerKind.COLLECTIVE),
        ("the team", OwnerKind.COLLECTIVE),
        ("Team", OwnerKind.COLLECTIVE),
        ("everyone", OwnerKind.COLLECTIVE),
        ("all", OwnerKind.COLLECTIVE),
        ("both", OwnerKind.COLLECTIVE),
        ("all parties", OwnerKind.COLLECTIVE),
        ("the sales teams", OwnerKind.COLLECTIVE),
        ("a member of Finance", OwnerKind.COLLECTIVE),
        ("TBD", OwnerKind.PLACEHOLDER),
        ("?", OwnerKind.PLACEHOLDER),
        ("", OwnerKind.PLACEHOLDER),
        ("   ", OwnerKind.PLACEHOLDER),
        ("n/a", OwnerKind.PLACEHOLDER),
        ("someone", OwnerKind.PLACEHOLDER),
        ("someone from Sales", OwnerKind.PLACEHOLDER),
        ("owner", OwnerKind.PLACEHOLDER),
        ("[owner]", OwnerKind.PLACEHOLDER),
        ("<name>", OwnerKind.PLACEHOLDER),
        ("maria and li", OwnerKind.MULTIPLE),
        ("maria, li", OwnerKind.MULTIPLE),
        ("maria/li", OwnerKind.MULTIPLE),
        ("maria & li", OwnerKind.MULTIPLE),
        ("maria + li", OwnerKind.MULTIPLE),
        ("maria or li", OwnerKind.MULTIPLE),
        ("Sales and Marketing", OwnerKind.MULTIPLE),
    ],
)
def test_classify_owner(value: str, kind: OwnerKind) -> None:
    assert classify_owner(value) is kind


@pytest.mark.parametrize(
    "value", ["none", " N/A ", "n/a.", "Nothing else.", "not  applicable", "NIL", "nothing to add"]
)
def test_says_there_is_none(value: str) -> None:
    assert says_there_is_none(value)
    assert is_non_answer(value)  # where "none" cannot be the answer, it dodges the question


@pytest.mark.parametrize("value", ["TBD", "see above", "none yet", "Nothing is shared before both have read it", ""])
def test_other_answers_do_not_say_there_is_none(value: str) -> None:
    assert not says_there_is_none(value)


@pytest.mark.parametrize(
    "value",
    [
        "Same as usual.",
        "same as always",
        "as we do now",
        "We will figure it out.",
        "We'll sort it out as we go",
        "we will decide later",
        "We will see then.",
    ],
)
def test_a_habit_not_described_or_an_answer_put_off_says_nothing(value: str) -> None:
    assert is_non_answer(value)


@pytest.mark.parametrize(
    "value",
    ["As we do now: a call every Monday", "We will decide by 2027-03-01", "We figure it out in the Friday call"],
)
def test_an_answer_with_content_says_something(value: str) -> None:
    assert not is_non_answer(value)
