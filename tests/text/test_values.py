"""Classifiers of whole values: owner kinds, non-answers and "there is none"."""

from __future__ import annotations

import pytest

from agreed.text.values import OwnerKind, classify_owner, is_non_answer, says_there_is_none


@pytest.mark.parametrize(("value", "kind"), [
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
])
def test_classify_owner(value: str, kind: OwnerKind) -> None:
    assert classify_owner(value) is kind


@pytest.mark.parametrize("value", ["none", " N/A ", "n/a.", "Nothing else.", "not  applicable", "NIL",
                                   "nothing to add"])
def test_says_there_is_none(value: str) -> None:
    assert says_there_is_none(value)
    assert is_non_answer(value)  # where "none" cannot be the answer, it dodges the question


@pytest.mark.parametrize("value", ["TBD", "see above", "none yet", "Nothing is shared before both have read it", ""])
def test_other_answers_do_not_say_there_is_none(value: str) -> None:
    assert not says_there_is_none(value)
