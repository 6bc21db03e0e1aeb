"""``agreed explain`` and ``agreed rules`` show the scope table from both sides: what a text rule reads, and what
reads an element (or why nothing does)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from agreed.cli import main
from agreed.lint.rules import escape_clause, non_answer, passive_commitment, scope


def explain(key: str) -> str:
    result = CliRunner().invoke(main, ["explain", key])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_text_rule_lists_the_elements_and_schema_paths_it_reads() -> None:
    output = explain(escape_clause.RULE.code)
    elements = next(line for line in output.splitlines() if line.startswith("Elements checked: "))
    assert {"W-WHAT", "G-COMMIT", "R-ALERTS", "R-ROUTINE"} <= set(elements.removeprefix("Elements checked: ")
                                                                  .split(", "))
    reads = next(line for line in output.splitlines() if line.startswith("Reads: "))
    assert "results.deliverables[].what" in reads
    assert "relationship.alerts" in reads
    assert "parties[].hopes" not in reads


def test_an_element_lists_the_text_rules_that_read_it() -> None:
    output = explain("R-ALERTS")
    line = next(line for line in output.splitlines() if "relationship.alerts" in line)
    assert f"{escape_clause.RULE.code} {escape_clause.RULE.name}" in line
    assert passive_commitment.RULE.code not in line
    assert f"{non_answer.RULE.code} {non_answer.RULE.name}" in output  # the document rule that checks it


def test_an_element_left_out_says_why() -> None:
    output = explain("r-hopes")
    (hopes,) = [place for place in scope.SCOPE if place.element == "R-HOPES"]
    assert "parties[].hopes" in output
    assert hopes.unread in output


def test_an_element_without_prose_says_what_it_holds() -> None:
    output = explain("K-STATUS")
    assert "holds no prose" in output
    assert scope.NO_PROSE["K-STATUS"] in output


def test_a_mistyped_element_gets_a_suggestion() -> None:
    result = CliRunner().invoke(main, ["explain", "R-ALERT"])
    assert result.exit_code == 2
    assert "(did you mean 'R-ALERTS'?)" in result.stderr


def test_the_json_list_carries_each_text_rules_elements_and_paths() -> None:
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    records = {record["code"]: record for record in json.loads(result.output)}
    escape = records[escape_clause.RULE.code]
    assert "R-ALERTS" in escape["elements"]
    assert "relationship.alerts" in escape["paths"]
    assert records[non_answer.RULE.code]["paths"] == []
    assert records[non_answer.RULE.code]["elements"]
