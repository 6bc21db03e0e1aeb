"""Which kinds of evidence an agreement accepts (agreed.consent.evidence.policy_of), read through the typed view: an
unset or empty ``consent.evidence`` takes the default, a list that names no known kind accepts none."""

from __future__ import annotations

from typing import Any

import pytest

from agreed.agreement import read_agreement
from agreed.consent.evidence import AUTHOR_EMAIL, DEFAULT_POLICY, REVIEW, SIGNED_COMMIT, SSH_SIGNATURE, policy_of


@pytest.mark.parametrize(("consent", "expected"), [
    (None, DEFAULT_POLICY),
    ({}, DEFAULT_POLICY),
    ({"evidence": None}, DEFAULT_POLICY),
    ({"evidence": []}, DEFAULT_POLICY),
    ({"evidence": "ssh-signature"}, DEFAULT_POLICY),  # not a list
    ({"evidence": ["review", "ssh-signature"]}, (SSH_SIGNATURE, REVIEW)),  # strictest first
    ({"evidence": ["author-email", 7, "signed-commit"]}, (SIGNED_COMMIT, AUTHOR_EMAIL)),
    ({"evidence": ["bogus"]}, ()),  # listed, but no kind agreed knows: nothing counts
    ({"evidence": [7]}, ()),  # a list with no text entry is not an unset one
], ids=repr)
def test_the_policy_tells_unset_from_listed(consent: Any, expected: tuple[str, ...]) -> None:
    agreement = read_agreement({"id": "a"} if consent is None else {"id": "a", "consent": consent})
    assert policy_of(agreement) == expected


def test_the_view_says_whether_evidence_is_a_list_with_entries() -> None:
    listed = read_agreement({"consent": {"evidence": [7]}}).consent
    assert listed is not None
    assert (listed.evidence, listed.listed) == ((), True)
    empty = read_agreement({"consent": {"evidence": []}}).consent
    assert empty is not None
    assert (empty.evidence, empty.listed) == ((), False)
