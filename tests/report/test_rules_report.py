"""How ``agreed explain`` shows one rule: a heading line, the documentation, then what it does not say."""

from __future__ import annotations

import dataclasses
import inspect

from agreed.lint.builtin import BUILTIN_RULES
from agreed.lint.rules import ALL_RULES, DOCUMENT_RULES
from agreed.report.rules import explanation


def test_the_heading_then_the_documentation() -> None:
    rule = dataclasses.replace(DOCUMENT_RULES[0], elements=(), clock=False, options_schema=None)
    assert explanation(rule) == (f"{rule.code} {rule.name} ({rule.category.value}, default {rule.severity.label})"
                                 f"\n\n{inspect.cleandoc(rule.doc)}\n")


def test_facts_the_documentation_does_not_say_follow_it() -> None:
    clock = next(rule for rule in ALL_RULES if rule.clock)
    assert "\nDepends on today's date (set --today for reproducible runs).\n" in explanation(clock)
    configurable = next(rule for rule in ALL_RULES if rule.options_schema is not None)
    assert f"(set under rules: {{{configurable.code}: {{options: " in explanation(configurable)
    assert explanation(BUILTIN_RULES[0]).endswith("\n\nCannot be suppressed or switched off.\n")
