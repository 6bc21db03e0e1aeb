from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from agreed import __version__
from agreed.lint.rule import Category
from agreed.problem import Problem, Severity
from agreed.report.lint.base import Report
from agreed.report.lint.sarif_report import render
from fake_rules import fake_text_rule

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
RULES = {
    "A101": fake_text_rule("A101", "vague-word", Category.VAGUENESS, Severity.WARNING, "Vague word.\n\nLong doc."),
    "A202": fake_text_rule("A202", "collective-owner", Category.ACCOUNTABILITY, Severity.ERROR, "One owner.\n\nDoc 2."),
    "A301": fake_text_rule("A301", "no-date", Category.TIME, Severity.INFO, "A date."),
}
PROBLEMS = (
    Problem("contracts/a b.yaml", 2, 5, "A202", Severity.ERROR, "owned by a team"),
    Problem("contracts\\c.yaml", 3, 1, "A101", Severity.WARNING, "vague word 'soon'"),
    Problem("contracts\\c.yaml", 7, 9, "A101", Severity.WARNING, "vague word 'soon'"),
    Problem("contracts/d.yaml", 1, 1, "A301", Severity.INFO, "no date"),
    Problem("contracts/d.yaml", 1, 1, "X999", Severity.ERROR, "unknown rule"),
)


def sarif(report: Report) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render(report))
    jsonschema.Draft4Validator(SCHEMA).validate(document)
    return document


def test_empty_report_is_valid() -> None:
    document = sarif(Report((), 0, RULES))
    assert document["version"] == "2.1.0"
    assert document["$schema"].endswith("sarif-schema-2.1.0.json")
    assert document["runs"] == [{
        "tool": {"driver": {"name": "agreed", "version": __version__, "rules": []}},
        "columnKind": "unicodeCodePoints",
        "results": [],
    }]


def test_rules_that_fired_are_described() -> None:
    rules = sarif(Report(PROBLEMS, 3, RULES))["runs"][0]["tool"]["driver"]["rules"]
    assert rules == [
        {"id": "A101", "name": "vague-word", "shortDescription": {"text": "Vague word."},
         "fullDescription": {"text": "Vague word.\n\nLong doc."}, "help": {"text": "Vague word.\n\nLong doc."},
         "defaultConfiguration": {"level": "warning"}, "properties": {"tags": ["vagueness"]}},
        {"id": "A202", "name": "collective-owner", "shortDescription": {"text": "One owner."},
         "fullDescription": {"text": "One owner.\n\nDoc 2."}, "help": {"text": "One owner.\n\nDoc 2."},
         "defaultConfiguration": {"level": "error"}, "properties": {"tags": ["accountability"]}},
        {"id": "A301", "name": "no-date", "shortDescription": {"text": "A date."},
         "fullDescription": {"text": "A date."}, "help": {"text": "A date."},
         "defaultConfiguration": {"level": "note"}, "properties": {"tags": ["time"]}},
        {"id": "X999"},
    ]


def test_results() -> None:
    results = sarif(Report(PROBLEMS, 3, RULES))["runs"][0]["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("A202", 1, "error"), ("A101", 0, "warning"), ("A101", 0, "warning"), ("A301", 2, "note"), ("X999", 3, "error")]
    assert results[1] == {
        "ruleId": "A101",
        "ruleIndex": 0,
        "level": "warning",
        "message": {"text": "vague word 'soon'"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "contracts/c.yaml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 3, "startColumn": 1},
        }}],
        "partialFingerprints": {"agreed/v1": "839e359c2b702e396b1a054fff5c3a0d10b3a99d4c0c31f8c94e9e123d8c7c0f"},
    }
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "contracts/a%20b.yaml"


def test_fingerprints_are_stable_and_tell_identical_findings_apart() -> None:
    first = [r["partialFingerprints"] for r in sarif(Report(PROBLEMS, 3, RULES))["runs"][0]["results"]]
    moved = tuple(Problem(p.path, p.line + 10, p.col, p.rule, p.severity, p.message) for p in PROBLEMS)
    assert [r["partialFingerprints"] for r in sarif(Report(moved, 3, RULES))["runs"][0]["results"]] == first
    assert len({fingerprint["agreed/v1"] for fingerprint in first}) == len(first)


def test_identical_findings_under_either_separator_get_distinct_fingerprints() -> None:
    problems = (Problem("c/a.yaml", 1, 1, "A101", Severity.WARNING, "m"),
                Problem("c\\a.yaml", 2, 1, "A101", Severity.WARNING, "m"))
    results = sarif(Report(problems, 1, RULES))["runs"][0]["results"]
    assert results[0]["partialFingerprints"] != results[1]["partialFingerprints"]
