from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from agreed.cli import main
from agreed.lint.builtin import BUILTIN_RULES
from agreed.lint.rules import ALL_RULES


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


def test_explain_unknown_rule_is_usage_error() -> None:
    result = CliRunner().invoke(main, ["explain", "Z999"])
    assert result.exit_code == 2
    assert "unknown rule" in result.output


def test_schema_command_prints_the_packaged_schema() -> None:
    import json as json_module

    from agreed.schema import load_schema

    output = CliRunner().invoke(main, ["schema"]).output
    assert json_module.loads(output) == load_schema()
    assert CliRunner().invoke(main, ["schema", "--path"]).output.strip().endswith("agreement.schema.json")
