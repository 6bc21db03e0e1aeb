"""Every rule by code (in their natural order, by letter then number) and the lookup by code or name that
``agreed explain`` uses."""

from __future__ import annotations

from agreed.codes import code_order
from agreed.lint.builtin import BUILTIN_RULES
from agreed.lint.rules import ALL_RULES, all_rules, find_rule


def test_every_rule_by_code_in_natural_order() -> None:
    codes = list(all_rules())
    assert sorted(codes) == sorted(rule.code for rule in (*BUILTIN_RULES, *ALL_RULES))
    assert codes == sorted(codes, key=code_order)
    assert all(code == rule.code for code, rule in all_rules().items())


def test_codes_go_by_letter_then_number() -> None:
    codes = ["X002", "S100", "A201", "S014", "X001", "S013", "S9", "S1000"]
    assert sorted(codes, key=code_order) == ["A201", "S9", "S013", "S014", "S100", "S1000", "X001", "X002"]


def test_a_rule_is_found_by_code_in_any_case_or_by_name() -> None:
    rule = ALL_RULES[0]
    assert find_rule(rule.code.lower()) is rule
    assert find_rule(f" {rule.code} ") is rule
    assert find_rule(rule.name) is rule
    assert find_rule("no-such-rule") is None
