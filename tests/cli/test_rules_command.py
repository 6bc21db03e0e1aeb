from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from agreed.cli import main
from agreed.lint.builtin import BUILTIN_RULES
from agreed.lint.rules import ALL_RULES, all_rules


def test_rules_lists_every_rule_once() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(ALL_RULES) + len(BUILTIN_RULES)
    for rule in ALL_RULES:
        assert any(line.split()[:4] == [rule.code, rule.name, rule.category.value, rule.severity.label]
                   for line in lines), rule.code


def test_rules_json() -> None:
    records = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).output)
    codes = [record["code"] for record in records]
    assert len(codes) == len(set(codes))
    assert {"code", "name", "category", "severity", "summary", "suppressible"} <= set(records[0])


@pytest.mark.parametrize("key", ["V103", "escape-clause", "A201", "S002", "duplicate-key"])
def test_explain_by_code_or_name(key: str) -> None:
    result = CliRunner().invoke(main, ["explain", key])
    assert result.exit_code == 0
    header = result.output.splitlines()[0]
    assert key in header


def test_explain_shows_fires_and_passes_examples() -> None:
    output = CliRunner().invoke(main, ["explain", "owner-missing"]).output
    assert "Fires on:" in output
    assert "Passes:" in output


@pytest.mark.parametrize("category", ["weak-verb", "Time"])
def test_explain_a_category_lists_its_rules(category: str) -> None:
    result = CliRunner().invoke(main, ["explain", category])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{category.lower()}, a category")
    members = [rule for rule in all_rules().values() if rule.category.value == category.lower()]
    assert lines[1:] == [f"  {rule.code} {rule.name}: {rule.summary}" for rule in members]


def test_explain_unknown_rule_is_usage_error() -> None:
    result = CliRunner().invoke(main, ["explain", "Z999"])
    assert result.exit_code == 2
    assert result.stderr == ("agreed: error: 'Z999' is no rule, element or category: 'agreed rules' lists the rules "
                             "and their categories; an element is named by its id, such as R-ALERTS\n")


@pytest.mark.parametrize(("typed", "meant"), [("V1O5", "V105"), ("v1o5", "V105"), ("yaml-sintax", "yaml-syntax"),
                                              ("subjective-qualty", "subjective-quality")])
def test_explain_suggests_the_rule_meant(typed: str, meant: str) -> None:
    result = CliRunner().invoke(main, ["explain", typed])
    assert result.exit_code == 2
    assert f"{typed!r} is no rule, element or category (did you mean {meant!r}?)" in result.stderr


@pytest.mark.parametrize(("typed", "meant"), [("lnt", "lint"), ("hist", "history"), ("explian", "explain"),
                                              ("codeowner", "codeowners")])
def test_a_mistyped_command_gets_a_suggestion(typed: str, meant: str) -> None:
    result = CliRunner().invoke(main, [typed])
    assert result.exit_code == 2
    assert f"No such command {typed!r}. Did you mean {meant!r}?" in result.stderr


def test_a_command_nothing_like_any_other_gets_no_suggestion() -> None:
    result = CliRunner().invoke(main, ["xyzzy"])
    assert result.exit_code == 2
    assert "No such command 'xyzzy'." in result.stderr
    assert "Did you mean" not in result.stderr
