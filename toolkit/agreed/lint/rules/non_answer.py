"""An element is answered with words that say nothing.

"TBD", "n/a", "see above", "as usual" or "???" fill a field without answering it. The questions behind the framing,
the relationship and each party's posture are the ones partners are most tempted to skip, and a stock phrase hides
that they were skipped: each partner then reads their own answer into the blank. While the agreement is a draft,
leave an open question empty (""); once it is proposed, write down what the partners actually agreed.

"None", "nothing (else)", "n/a" or "not applicable" is a real answer to how much personal life the partners share,
to what may or may not be shared with others, and to whether anything else is worth raising, so it passes there.
Commitment statements (deliverables, milestones, targets, measures, hand-offs) are checked by the placeholder rule
V108 instead, and what each party gives, receives and needs from the others by the precondition rules.

Fires on:
    relationship: {routine: TBD, disagreement: see above}
    parties: [{id: maria, hopes: n/a, ...}]
    celebration: {failure: {definition: "???"}}

Passes:
    relationship: {routine: "A five-line written update every Friday", personal: None}
    relationship: {other: [n/a]}
    relationship: {disagreement: ""}   # a draft may leave it open
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._answers import EACH, is_draft, values_at
from agreed.problem import Severity
from agreed.text.values import is_non_answer, says_there_is_none

# Every free-text answer the rule reads: (path pattern, element id, whether "none"/"nothing" answers it).
ANSWERS: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (("parties", EACH, "hopes"), "R-HOPES", False),
    (("parties", EACH, "commits"), "G-COMMIT", False),
    (("parties", EACH, "beyond"), "G-BEYOND", False),
    (("framing", "together"), "F-RESULTS", False),
    (("framing", "alliance", "why"), "F-ALLIANCE", False),
    (("framing", "a_plus"), "F-APLUS", False),
    (("framing", "grade_without", "grade"), "F-GRADE", False),
    (("framing", "grade_without", "why"), "F-GRADE", False),
    (("framing", "accountability", EACH, "area"), "F-ACCOUNT", False),
    (("results", "purpose"), "W-PURPOSE", False),
    (("results", "check_ins", "how"), "W-PROGRESS", False),
    (("results", "buy_in", EACH, "how"), "W-BUYIN", False),
    (("results", "information", EACH, "what"), "W-INFO", False),
    (("results", "means", EACH), "W-MEANS", False),
    (("celebration", "measurement", "how"), "C-WHEN", False),
    (("celebration", "credit", EACH, "how"), "C-CREDIT", False),
    (("celebration", "failure", "definition"), "C-FAILURE", False),
    (("celebration", "failure", "accountability"), "C-FAILURE", False),
    (("relationship", "routine"), "R-ROUTINE", False),
    (("relationship", "alerts"), "R-ALERTS", False),
    (("relationship", "surprises"), "R-SURPRISES", False),
    (("relationship", "disagreement"), "R-DISAGREE", False),
    (("relationship", "talk", "good_days"), "R-TALK", False),
    (("relationship", "talk", "bad_days"), "R-TALK", False),
    (("relationship", "time_together"), "R-TIME", False),
    (("relationship", "personal"), "R-PERSONAL", True),
    (("relationship", "triggers", EACH), "R-TRIGGERS", False),
    (("relationship", "imbalances", EACH, "imbalance"), "R-IMBALANCES", False),
    (("relationship", "imbalances", EACH, "response"), "R-IMBALANCES", False),
    (("relationship", "setbacks"), "R-SETBACKS", False),
    (("relationship", "confidentiality", "may_share", EACH), "R-CONFIDENTIAL", True),
    (("relationship", "confidentiality", "may_not_share", EACH), "R-CONFIDENTIAL", True),
    (("relationship", "reservations", EACH, "concern"), "R-RESERVATIONS", False),
    (("relationship", "reservations", EACH, "monitoring"), "R-RESERVATIONS", False),
    (("relationship", "renegotiation", "signals", EACH), "R-RENEGOTIATE", False),
    (("relationship", "renegotiation", "how"), "R-RENEGOTIATE", False),
    (("relationship", "other", EACH), "R-OTHER", True),
)

def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    draft = is_draft(document)
    for pattern, _, none_answers in ANSWERS:
        for path, value in values_at(document, pattern):
            if isinstance(value, str) and _says_nothing(value, draft=draft, none_answers=none_answers):
                yield AtPath(path, _message(value, draft=draft))


def _says_nothing(value: str, *, draft: bool, none_answers: bool) -> bool:
    if not value.strip():
        # "" is the schema's business (and a draft's right); blanks pass the schema's minLength, so report them
        # once the agreement has left draft.
        return bool(value) and not draft
    if none_answers and says_there_is_none(value):  # "none", "n/a", "nothing else": an answer where none may be
        return False
    return is_non_answer(value)


def _message(value: str, *, draft: bool) -> str:
    said = "a blank" if not value.strip() else repr(value.strip())
    advice = ", or leave it empty while it is still open" if draft else ""
    return f"{said} is not an answer: write down what the partners actually agreed{advice}"


RULE = DocumentRule(code="S104", name="non-answer", category=Category.STRUCTURE, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=tuple(dict.fromkeys(element for _, element, _ in ANSWERS)))
