"""A hand-off names no receiver or no due date.

Hand-offs keep the result alive once the partners move on, and they fail quietly: nobody notices that the dashboard
stopped being reviewed until the numbers slide back. A hand-off needs someone who takes the result over, named
closely enough that they can be asked ("Sales Operations", not "someone", "the team" or the giver), and a date by
which it happens. A draft may leave both open; from "proposed" on, both must be there.

Fires on:
    handoffs: [{id: h1, what: Dashboard and its monthly review, from: maria, to: someone, due: 2032-09-01}]
    handoffs: [{id: h1, what: Dashboard and its monthly review, from: maria, to: maria, due: 2032-09-01}]
    handoffs: [{id: h1, what: Dashboard and its monthly review, from: maria, to: Sales Operations}]

Passes:
    handoffs: [{id: h1, what: Dashboard and its monthly review, from: maria, to: Sales Operations, due: 2032-09-01}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import Handoff, agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._answers import is_draft
from agreed.problem import Severity
from agreed.text.values import OwnerKind, classify_owner, is_non_answer

# Receivers that point at nobody in particular: the partners themselves, or everybody.
_NOBODY_IN_PARTICULAR = frozenset({
    "we", "us", "our", "ours", "all", "both", "everyone", "everybody", "all of us", "both of us", "all parties",
    "both parties", "the parties", "parties", "partners", "the partners", "both partners", "all partners",
    "both sides", "they", "them", "people", "joint", "jointly", "shared", "together", "collective", "the team",
    "team", "our team", "the teams", "teams", "relevant teams", "the business", "business", "the organisation",
    "the organization", "the company", "stakeholders", "the stakeholders", "all stakeholders",
})  # fmt: skip


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    draft = is_draft(document)
    for handoff in agreement_of(document).handoffs:
        yield from _receiver_problems(handoff, draft=draft)
        if "due" not in handoff.present and not draft:
            yield AtPath(handoff.path, "has no due date: add `due` (YYYY-MM-DD), the day by which the receiver has "
                         "taken it over")


def _receiver_problems(handoff: Handoff, *, draft: bool) -> Iterator[AtPath]:
    path, written = handoff.path, "to" in handoff.present
    receiver = handoff.receiver if written else ""
    if receiver is None:
        return  # a value of the wrong type, which the schema reports
    if not receiver.strip():
        if not draft:
            at = (*path, "to") if written else path
            yield AtPath(at, "names no receiver: say in `to` who takes the result over (a person, team or role)")
    else:
        problem = _receiver_problem(receiver, handoff.giver)
        if problem:
            yield AtPath((*path, "to"), f"{receiver!r} {problem}")


def _receiver_problem(receiver: str, giver: str | None) -> str:
    normal = " ".join(receiver.lower().split())
    if is_non_answer(receiver) or classify_owner(receiver) is OwnerKind.PLACEHOLDER:
        return "names no receiver: say who takes the result over (a person, team or role)"
    if normal in _NOBODY_IN_PARTICULAR:
        return "is nobody in particular: name the one team, role or person who takes the result over"
    if giver is not None and normal == " ".join(giver.lower().split()):
        return "is also the giver, so nothing is handed off: name who takes the result over"
    return ""


RULE = DocumentRule(code="C504", name="handoff-incomplete", category=Category.CELEBRATION, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("C-HANDOFFS",))
