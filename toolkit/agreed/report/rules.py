"""How ``agreed rules`` lists the rules: aligned text columns, or a JSON list with each rule's facts.

- text: ``CODE  name  category  severity  summary``, one rule per line.
- json: a list of ``{"code", "name", "category", "severity", "summary", "suppressible", "elements", "clock",
  "options"}`` (the options' JSON Schema properties), non-ASCII written as ``\\u`` escapes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

from agreed.lint.rule import Rule
from agreed.report.registry import Registry


def render_text(rules: Sequence[Rule]) -> str:
    return "".join(f"{rule.code:<5} {rule.name:<30} {rule.category.value:<15} {rule.severity.label:<8} "
                   f"{rule.summary}\n" for rule in rules)


def render_json(rules: Sequence[Rule]) -> str:
    return json.dumps([_record(rule) for rule in rules], indent=2) + "\n"


def _record(rule: Rule) -> dict[str, Any]:
    return {"code": rule.code, "name": rule.name, "category": rule.category.value, "severity": rule.severity.label,
            "summary": rule.summary, "suppressible": rule.suppressible, "elements": list(rule.elements),
            "clock": rule.clock, "options": dict(rule.options_schema or {}).get("properties", {})}


RULES_FORMATS: Final[Registry[Sequence[Rule], str]] = Registry("the rules", {
    "text": render_text, "json": render_json})
