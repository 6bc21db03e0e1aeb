"""The grade without A+ collaboration is marked good enough.

An alliance between peers costs time, attention and some independence. If the result that business-as-usual
cooperation would reach is acceptable, the partners have just said they do not need the alliance, and the
commitments that follow will lose every contest for time against work that does matter. Either the grade is not
really good enough (set ``good_enough`` to false and say why in ``why``), or the partners should say plainly what
they still need each other for.

Fires on:
    framing: {grade_without: {grade: B, good_enough: true, why: Each side can fix its half alone.}}

Passes:
    framing: {grade_without: {grade: C, good_enough: false, why: The median would stay near 50 days.}}
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.problem import Severity

_GRADE_WITHOUT = ("framing", "grade_without")


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    if document.value_at((*_GRADE_WITHOUT, "good_enough")) is not True:
        return
    grade = document.value_at((*_GRADE_WITHOUT, "grade"))
    graded = f"grade {grade.strip()!r}" if isinstance(grade, str) and grade.strip() else "grade"
    yield AtPath((*_GRADE_WITHOUT, "good_enough"),
                 f"the {graded} without A+ collaboration is marked good enough, which leaves the alliance without "
                 "a reason: set good_enough to false, or say in why what the partners still need each other for")


RULE = DocumentRule(code="F801", name="grade-good-enough", category=Category.FRAMING, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("F-GRADE",))
