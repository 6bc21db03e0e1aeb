"""docs/rules.md: every rule's documentation, as ``agreed rules --format markdown`` writes it today, one section per
rule at the anchor of its code, which SARIF and the language server link to."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from agreed.cli import main
from agreed.lint.rules import all_rules
from agreed.report.rule_docs import RULES_PAGE, anchor
from agreed.report.rules import explanation

REPOSITORY = Path(__file__).resolve().parents[2]
PAGE = REPOSITORY / RULES_PAGE


def rules_page() -> str:
    result = CliRunner().invoke(main, ["rules", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_committed_page_is_what_the_command_writes_today() -> None:
    assert PAGE.read_text(encoding="utf-8") == rules_page(), (
        "docs/rules.md is out of date: agreed rules --format markdown > docs/rules.md")


def test_each_rule_has_one_section_headed_by_its_code_alone_in_the_order_rules_lists_them() -> None:
    headings = re.findall(r"^## (.*)$", rules_page(), flags=re.MULTILINE)
    assert headings == list(all_rules())
    assert all(anchor(code) == code.lower() for code in headings)  # what a renderer makes of such a heading


def test_the_index_lists_the_codes_in_the_order_rules_lists_them() -> None:
    listed = CliRunner().invoke(main, ["rules"]).output
    codes = [line.split()[0] for line in listed.splitlines()]
    index = rules_page().split("\n## ", 1)[0]
    assert re.findall(r"\[([A-Z]\d+)\]\(#[a-z]\d+\)", index) == codes
    assert codes.index("S013") < codes.index("S014") < codes.index("S100") < codes.index("S101")
    assert codes[-4:] == ["X001", "X002", "X003", "X004"]


def test_a_section_says_what_agreed_explain_says() -> None:
    page = rules_page()
    for rule in all_rules().values():
        section = page.split(f"\n## {rule.code}\n", 1)[1].split("\n## ", 1)[0]
        assert f"`{rule.name}`: {rule.category.value}, default {rule.severity.label}" in section
        said = explanation(rule).splitlines()[2:]  # after the heading line and the blank line
        words = {word for line in said for word in re.findall(r"[A-Za-z]{4,}", line)}
        assert words <= set(re.findall(r"[A-Za-z]{4,}", section)), rule.code


def test_the_readme_links_the_page() -> None:
    assert f"({RULES_PAGE})" in (REPOSITORY / "README.md").read_text(encoding="utf-8")
