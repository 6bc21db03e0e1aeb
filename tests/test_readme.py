"""The README's rule table and configuration example say what the code does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agreed.lint.config import load_config
from agreed.lint.rules import ALL_RULES

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_rule_is_in_the_readme_table_with_its_name_category_and_severity() -> None:
    text = README.read_text(encoding="utf-8")
    for rule in ALL_RULES:
        row = f"| {rule.code} | {rule.name} | {rule.category.value} | {rule.severity.label}"
        assert row in text, row


def test_the_configuration_example_is_valid(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"```yaml\n# \.agreed\.yaml\n(.*?)```", text, re.DOTALL)
    if found is None:
        pytest.fail("the README has no .agreed.yaml example")
    config_file = tmp_path / ".agreed.yaml"
    config_file.write_text(found.group(1), encoding="utf-8")
    config = load_config(config_file, ALL_RULES)
    assert config.fail_on == "warning"
    assert "V109" not in {rule.code for rule in config.rules}
