"""The same item is listed both as shareable and as confidential.

The confidentiality lists tell each partner what they may repeat to others and what stays between them. An item
that appears in both lists allows and forbids the same thing, so each partner can follow the list that suits them
on the day, and the one who kept quiet will feel betrayed by the one who did not. Decide which it is and keep it in
one list; if it depends on the audience, say so in the item ("with the leadership team", "outside the two teams").

Fires on:
    confidentiality:
      may_share: [Progress against the targets]
      may_not_share: [Progress against the targets]

Passes:
    confidentiality:
      may_share: [Progress against the targets, with anyone in the revenue organisation]
      may_not_share: [Progress against the targets, outside the revenue organisation]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._answers import EACH, answer, normalised, values_at
from agreed.problem import Severity

_CONFIDENTIALITY = ("relationship", "confidentiality")


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    shareable: dict[str, int] = {}
    for path, item in values_at(document, (*_CONFIDENTIALITY, "may_share", EACH)):
        text = answer(item)
        if text is not None and normalised(text):
            shareable.setdefault(normalised(text), int(path[-1]))
    for path, item in values_at(document, (*_CONFIDENTIALITY, "may_not_share", EACH)):
        text = answer(item)
        if text is not None and normalised(text) in shareable:
            yield AtPath(path, f"{text.strip()!r} is also listed under may_share (entry "
                         f"{shareable[normalised(text)]}): decide whether it may be shared and keep it in one list")


RULE = DocumentRule(code="R603", name="confidentiality-contradiction", category=Category.RELATIONSHIP,
                    severity=Severity.ERROR, doc=__doc__ or "",
                    check=check, elements=("R-CONFIDENTIAL",))
