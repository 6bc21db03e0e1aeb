"""How ``agreed rules`` lists the rules: aligned text columns, or a JSON list with each rule's facts; and how
``agreed explain`` shows one rule (:func:`explanation`).

- text: ``CODE  name  category  severity  summary``, one rule per line.
- json: a list of ``{"code", "name", "category", "severity", "summary", "suppressible", "elements", "clock",
  "options"}`` (the options' JSON Schema properties), non-ASCII written as ``\\u`` escapes.
"""

from __future__ import annotations

import inspect
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


def explanation(rule: Rule) -> str:
    """One rule's documentation under a line of its code, name, category and default severity, then what the
    documentation does not say (:func:`_facts`)."""
    facts = _facts(rule)
    return (f"{rule.code} {rule.name} ({rule.category.value}, default {rule.severity.label})\n\n"
            f"{inspect.cleandoc(rule.doc)}\n" + ("\n" + "\n".join(facts) + "\n" if facts else ""))


def _facts(rule: Rule) -> list[str]:
    """What the docstring does not say: elements checked, clock dependence, options with defaults."""
    facts = [f"Elements checked: {', '.join(rule.elements)}"] if rule.elements else []
    if rule.clock:
        facts.append("Depends on today's date (set --today for reproducible runs).")
    for name, spec in dict(rule.options_schema or {}).get("properties", {}).items():
        facts.append(f"Option {name}: {spec.get('type', 'value')}, default {json.dumps(spec.get('default'))} "
                     f"(set under rules: {{{rule.code}: {{options: {{{name}: ...}}}}}})")
    if not rule.suppressible:
        facts.append("Cannot be suppressed or switched off.")
    return facts


RULES_FORMATS: Final[Registry[Sequence[Rule], str]] = Registry("the rules", {
    "text": render_text, "json": render_json})
