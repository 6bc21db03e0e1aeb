"""check-text's renderers: lint's text report, or one JSON object per input line."""

from __future__ import annotations

import json

from tests.fake_rules import fake_text_rule

from agreed.lint.engine import StatementFinding
from agreed.lint.rule import Category, TextSpan
from agreed.lint.run import CheckedLine
from agreed.problem import Severity
from agreed.report.statements import STATEMENT_FORMATS, CheckedStatements

VAGUE = StatementFinding(fake_text_rule("T101", "vague-term", Category.VAGUENESS, Severity.WARNING, "Vague."),
                         TextSpan(8, 12, "vague: 'ASAP'"))


def _checked() -> CheckedStatements:
    return CheckedStatements("notes.txt", (CheckedLine(1, "Deliver ASAP.", (VAGUE,)),
                                           CheckedLine(2, "Zoë\u2028signs.", ())))


def test_text_is_lint_text_report_with_columns_from_one() -> None:
    assert STATEMENT_FORMATS.render("text", _checked()) == (
        "notes.txt:1:9: T101 warning vague: 'ASAP'\nFound 1 problem (1 warning) in 1 file.\n")


def test_json_lines_one_record_per_line_with_line_separators_escaped() -> None:
    text = STATEMENT_FORMATS.render("json", _checked())
    records = text.split("\n")
    assert records[-1] == ""
    assert [json.loads(record)["line"] for record in records[:-1]] == [1, 2]
    assert "Zoë\\u2028signs." in records[1]
    assert json.loads(records[0])["findings"][0]["start"] == 8
