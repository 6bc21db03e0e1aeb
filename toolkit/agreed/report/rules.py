"""How ``agreed rules`` lists the rules: aligned text columns, or a JSON list with each rule's facts; and how
``agreed explain`` shows one rule (:func:`explanation`).

- text: ``CODE  name  category  severity  summary``, one rule per line.
- json: a list of ``{"code", "name", "category", "severity", "summary", "suppressible", "elements", "paths",
  "clock", "options"}`` (``paths``: the schema paths a text rule reads; the options' JSON Schema properties),
  non-ASCII written as ``\\u`` escapes.
- markdown: every rule's documentation as ``agreed explain`` prints it, one section per rule headed by its code
  alone, so that its anchor is the code (``docs/rules.md``, which SARIF's ``helpUri`` links to).

``agreed explain`` also takes an element id (``R-ALERTS``): :func:`element_explanation` says which text rules read
it and where, or why none does, and which document rules check it. :func:`scope_table` is the README's table of the
same.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Sequence
from typing import Any, Final

from agreed.codes import code_order
from agreed.lint.rule import Category, Rule, TextRule
from agreed.lint.rules import scope
from agreed.report.registry import Registry
from agreed.report.rule_docs import anchor, rule_markdown


def render_text(rules: Sequence[Rule]) -> str:
    return "".join(f"{rule.code:<5} {rule.name:<30} {rule.category.value:<15} {rule.severity.label:<8} "
                   f"{rule.summary}\n" for rule in rules)


def render_json(rules: Sequence[Rule]) -> str:
    return json.dumps([_record(rule) for rule in rules], indent=2) + "\n"


def _record(rule: Rule) -> dict[str, Any]:
    return {"code": rule.code, "name": rule.name, "category": rule.category.value, "severity": rule.severity.label,
            "summary": rule.summary, "suppressible": rule.suppressible, "elements": list(rule.elements),
            "paths": _paths_read_by(rule), "clock": rule.clock,
            "options": dict(rule.options_schema or {}).get("properties", {})}


def explanation(rule: Rule) -> str:
    """One rule's documentation under a line of its code, name, category and default severity, then what the
    documentation does not say (:func:`_facts`)."""
    facts = _facts(rule)
    return (f"{rule.code} {rule.name} ({rule.category.value}, default {rule.severity.label})\n\n"
            f"{inspect.cleandoc(rule.doc)}\n" + ("\n" + "\n".join(facts) + "\n" if facts else ""))


def render_markdown(rules: Sequence[Rule]) -> str:
    """The page of every rule's documentation: an index of the codes, then each rule's section
    (:func:`_markdown_section`)."""
    index = " ".join(f"[{rule.code}](#{anchor(rule.code)})" for rule in rules)
    head = ("# The rules, one by one\n\n"
            "Each rule's documentation as `agreed explain CODE` prints it, written from the rules themselves by "
            "`agreed rules --format markdown` (a test keeps this page equal to what the command writes). How the "
            "rules are chosen, configured and suppressed: the README's [Rules](../README.md#rules) section.\n\n"
            f"{index}\n")
    return head + "".join(_markdown_section(rule) for rule in rules)


def _markdown_section(rule: Rule) -> str:
    """One rule: its code as the heading, then its name, category and default severity, its documentation with the
    examples as code blocks, and what the documentation does not say (:func:`_facts`) as a list."""
    facts = "".join(f"- {fact}\n" for fact in _facts(rule))
    return (f"\n## {rule.code}\n\n`{rule.name}`: {rule.category.value}, default {rule.severity.label}\n\n"
            f"{rule_markdown(rule)}\n" + (f"\n{facts}" if facts else ""))


def _paths_read_by(rule: Rule) -> list[str]:
    return [place.path for place in scope.places_read_by(rule)] if isinstance(rule, TextRule) else []


def _facts(rule: Rule) -> list[str]:
    """What the docstring does not say: elements checked (for a text rule, also where), clock dependence, options
    with defaults."""
    facts = [f"Elements checked: {', '.join(rule.elements)}"] if rule.elements else []
    if paths := _paths_read_by(rule):
        facts.append(f"Reads: {', '.join(paths)} (agreed explain ELEMENT-ID shows an element's rules)")
    if rule.clock:
        facts.append("Depends on today's date (set --today for reproducible runs).")
    for name, spec in dict(rule.options_schema or {}).get("properties", {}).items():
        facts.append(f"Option {name}: {spec.get('type', 'value')}, default {json.dumps(spec.get('default'))} "
                     f"(set under rules: {{{rule.code}: {{options: {{{name}: ...}}}}}})")
    if not rule.suppressible:
        facts.append("Cannot be suppressed or switched off.")
    return facts


def element_explanation(key: str, rules: Sequence[Rule]) -> str | None:
    """Which text rules read element ``key`` (``R-ALERTS``, in any case) and where, or why none does, and which of
    ``rules`` check it as a whole; None when ``key`` is no element id."""
    element = key.strip().upper()
    places = scope.places_of(element)
    if not places and element not in scope.NO_PROSE:
        return None
    lines = [f"{element} holds no prose ({scope.NO_PROSE[element]}): no text rule reads it"] if not places else [
        f"{element}, its prose and the text rules that read it:"]
    lines.extend(f"  {place.path}: {_readers(place)}" for place in places)
    checking = [rule for rule in rules if element in rule.elements and not isinstance(rule, TextRule)]
    if checking:
        lines.append("Checked as a whole by: " + ", ".join(f"{rule.code} {rule.name}" for rule in checking))
    return "\n".join(lines) + "\n"


def category_explanation(key: str, rules: Sequence[Rule]) -> str | None:
    """The rules of category ``key`` (``weak-verb``, in any case), one a line with its summary; None when ``key`` is
    no category."""
    name = key.strip().lower()
    if name not in {category.value for category in Category}:
        return None
    members = [rule for rule in rules if rule.category.value == name]
    lines = [f"{name}, a category; its rules (agreed explain RULE shows one):"]
    lines.extend(f"  {rule.code} {rule.name}: {rule.summary}" for rule in members)
    return "\n".join(lines) + "\n"


def _readers(place: scope.Prose) -> str:
    if not place.rules:
        return f"none: {place.unread}"
    return ", ".join(f"{rule.code} {rule.name}" for rule in sorted(place.rules, key=lambda rule: code_order(rule.code)))


def scope_table() -> str:
    """The scope table as Markdown: the text rules reading each place, then the places left out and why."""
    read = [place for place in scope.SCOPE if place.rules]
    unread = [place for place in scope.SCOPE if not place.rules]
    lines = ["| element | schema path | text rules |", "|---|---|---|"]
    lines.extend(f"| {place.element} | `{place.path}` | "
                 f"{' '.join(rule.code for rule in sorted(place.rules, key=lambda rule: code_order(rule.code)))} |"
                 for place in read)
    lines.append("")
    lines.extend(f"- {place.element} `{place.path}` is not read: {place.unread}." for place in unread)
    lines.extend(f"- {element} holds no prose: {holds}." for element, holds in scope.NO_PROSE.items())
    return "\n".join(lines) + "\n"


RULES_FORMATS: Final[Registry[Sequence[Rule], str]] = Registry("the rules", {
    "text": render_text, "json": render_json, "markdown": render_markdown})
