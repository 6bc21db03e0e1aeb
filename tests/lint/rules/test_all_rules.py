"""Every rule by code (the built-in checks first) and the lookup by code or name that ``agreed explain`` uses."""

from __future__ import annotations

from agreed.lint.builtin import BUILTIN_RULES
from agreed.lint.rules import ALL_RULES, all_rules, find_rule


def test_every_rule_by_code_builtins_first_then_by_code() -> None:
    codes = list(all_rules())
    assert codes[:len(BUILTIN_RULES)] == [rule.code for rule in BUILTIN_RULES]
    assert codes[len(BUILTIN_RULES):] == sorted(rule.code for rule in ALL_RULES)
    assert all(code == rule.code for code, rule in all_rules().items())


def test_a_rule_is_found_by_code_in_any_case_or_by_name() -> None:
    rule = ALL_RULES[0]
    assert find_rule(rule.code.lower()) is rule
    assert find_rule(f" {rule.code} ") is rule
    assert find_rule(rule.name) is rule
    assert find_rule("no-such-rule") is None
