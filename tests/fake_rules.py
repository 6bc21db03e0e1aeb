"""A text rule that finds nothing, for tests of what is around rules (reports, configuration): only its code, name,
category, severity and doc matter there."""

from __future__ import annotations

from agreed.lint.rule import Category, TextContext, TextRule, TextSpan
from agreed.problem import Severity


def _no_spans(text: str, context: TextContext) -> list[TextSpan]:
    return []


def fake_text_rule(code: str, name: str, category: Category, severity: Severity, doc: str) -> TextRule:
    return TextRule(code=code, name=name, category=category, severity=severity, doc=doc, check=_no_spans)
