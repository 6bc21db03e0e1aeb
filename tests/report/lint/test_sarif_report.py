from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from agreed import __version__
from agreed.cli import main
from agreed.lint.rule import Category, DocumentRule
from agreed.lint.rules import all_rules
from agreed.problem import Problem, Severity
from agreed.report import rule_docs
from agreed.report.lint.base import Report
from agreed.report.lint.sarif_report import full_description, render
from fake_rules import fake_text_rule
from report_samples import DRAFT_WITH_AN_OWNER

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


def test_empty_report_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rule_docs, "project_home", lambda: None)
    document = sarif(Report((), 0, RULES))
    assert document["version"] == "2.1.0"
    assert document["$schema"].endswith("sarif-schema-2.1.0.json")
    assert document["runs"] == [
        {
            "tool": {"driver": {"name": "agreed", "version": __version__, "rules": []}},
            "columnKind": "unicodeCodePoints",
            "results": [],
        }
    ]


def test_rules_that_fired_are_described() -> None:
    rules = sarif(Report(PROBLEMS, 3, RULES))["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0] == {
        "id": "A101",
        "name": "vague-word",
        "shortDescription": {"text": "Vague word."},
        "fullDescription": {"text": "Vague word. Long doc."},
        "help": {"text": "Vague word.\n\nLong doc.", "markdown": "Vague word.\n\nLong doc."},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["vagueness"], "precision": "high", "problem.severity": "warning"},
    }
    assert [(rule["id"], rule.get("properties", {}).get("problem.severity")) for rule in rules] == [
        ("A101", "warning"),
        ("A202", "error"),
        ("A301", "recommendation"),
        ("X999", None),
    ]
    assert rules[3] == {"id": "X999"}


def test_a_rule_that_checks_structure_is_very_precise() -> None:
    rule = DocumentRule(
        code="S999",
        name="exact",
        category=Category.STRUCTURE,
        severity=Severity.ERROR,
        doc="Exact.",
        check=lambda document, context: [],
    )
    problems = (Problem("a.yaml", 1, 1, "S999", Severity.ERROR, "exact"),)
    descriptor = sarif(Report(problems, 1, {"S999": rule}))["runs"][0]["tool"]["driver"]["rules"][0]
    assert descriptor["properties"]["precision"] == "very-high"


def test_a_documentation_base_links_the_tool_and_each_rule_to_its_section(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rule_docs, "project_home", lambda: None)
    driver = sarif(Report(PROBLEMS, 3, RULES, docs="https://example.org/agreed/tree/v1"))["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://example.org/agreed/tree/v1"
    assert [rule.get("helpUri") for rule in driver["rules"]] == [
        "https://example.org/agreed/tree/v1/docs/rules.md#a101", "https://example.org/agreed/tree/v1/docs/rules.md#a202",
        "https://example.org/agreed/tree/v1/docs/rules.md#a301", None]  # X999 is no rule: nothing to link


def test_the_declared_project_url_is_the_base_when_none_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rule_docs, "project_home", lambda: "https://example.org/home/")
    driver = sarif(Report(PROBLEMS, 3, RULES))["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://example.org/home"
    assert driver["rules"][0]["helpUri"] == "https://example.org/home/docs/rules.md#a101"
    given = sarif(Report(PROBLEMS, 3, RULES, docs="https://example.org/given"))["runs"][0]["tool"]["driver"]
    assert given["informationUri"] == "https://example.org/given"


def test_without_a_documentation_base_nothing_is_linked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rule_docs, "project_home", lambda: None)
    driver = sarif(Report(PROBLEMS, 3, RULES))["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    assert all("helpUri" not in rule for rule in driver["rules"])


def test_full_description_keeps_whole_sentences_within_the_limit() -> None:
    doc = "Short summary.\n\nFirst reason, wrapped\nover two lines. Second reason.\n\nFires on:\n    a: 1\n"
    assert full_description(doc) == "Short summary. First reason, wrapped over two lines. Second reason."
    assert full_description(doc, limit=50) == "Short summary."
    assert full_description("One long sentence without an end", limit=8) == "One long"


def test_every_rule_keeps_within_githubs_limits() -> None:
    """GitHub code scanning takes at most 1,024 characters of a rule's fullDescription; each rule also gets help in
    text and Markdown, a precision and a problem severity."""
    rules = all_rules()
    problems = tuple(Problem("a.yaml", 1, 1, code, rule.severity, "m") for code, rule in rules.items())
    base = "https://github.com/owner/agreed/tree/v1"
    descriptors = sarif(Report(problems, 1, rules, docs=base))["runs"][0]["tool"]["driver"]["rules"]
    assert len(descriptors) == len(rules)
    assert {descriptor["helpUri"] for descriptor in descriptors} == {
        f"{base}/docs/rules.md#{code.lower()}" for code in rules}
    for descriptor in descriptors:
        assert 0 < len(descriptor["fullDescription"]["text"]) <= 1024, descriptor["id"]
        assert descriptor["fullDescription"]["text"].startswith(descriptor["shortDescription"]["text"])
        assert descriptor["help"]["markdown"].count("```") % 2 == 0, descriptor["id"]
        assert descriptor["properties"]["precision"] in {"very-high", "high", "medium", "low"}
        assert descriptor["properties"]["problem.severity"] in {"error", "warning", "recommendation"}


def test_results() -> None:
    results = sarif(Report(PROBLEMS, 3, RULES))["runs"][0]["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("A202", 1, "error"),
        ("A101", 0, "warning"),
        ("A101", 0, "warning"),
        ("A301", 2, "note"),
        ("X999", 3, "error"),
    ]
    assert results[1] == {
        "ruleId": "A101",
        "ruleIndex": 0,
        "level": "warning",
        "message": {"text": "vague word 'soon'"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "contracts/c.yaml", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 3, "startColumn": 1, "endLine": 3},
                }
            }
        ],
        "partialFingerprints": {"agreed/v1": "839e359c2b702e396b1a054fff5c3a0d10b3a99d4c0c31f8c94e9e123d8c7c0f"},
    }
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "contracts/a%20b.yaml"


def test_fingerprints_are_stable_and_tell_identical_findings_apart() -> None:
    first = [r["partialFingerprints"] for r in sarif(Report(PROBLEMS, 3, RULES))["runs"][0]["results"]]
    moved = tuple(Problem(p.path, p.line + 10, p.col, p.rule, p.severity, p.message) for p in PROBLEMS)
    assert [r["partialFingerprints"] for r in sarif(Report(moved, 3, RULES))["runs"][0]["results"]] == first
    assert len({fingerprint["agreed/v1"] for fingerprint in first}) == len(first)


def test_identical_findings_under_either_separator_get_distinct_fingerprints() -> None:
    problems = (
        Problem("c/a.yaml", 1, 1, "A101", Severity.WARNING, "m"),
        Problem("c\\a.yaml", 2, 1, "A101", Severity.WARNING, "m"),
    )
    results = sarif(Report(problems, 1, RULES))["runs"][0]["results"]
    assert results[0]["partialFingerprints"] != results[1]["partialFingerprints"]


ENDS = DRAFT_WITH_AN_OWNER + '    - id: d2\n      what: "A \\x52obust thing"\n      owner: maria\n'
"""Two owned deliverables with the same quality word, the second written with an escape."""


def test_a_text_finding_spans_its_words_and_an_escaped_one_its_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.yaml").write_text(ENDS, encoding="utf-8")
    for cache in (["--cache-dir", str(tmp_path / "cache")], ["--cache-dir", str(tmp_path / "cache")], ["--no-cache"]):
        output = CliRunner().invoke(main, ["lint", "x.yaml", "--format", "sarif", *cache]).output
        regions = {
            (result["ruleId"], region["startLine"]): region
            for result in sarif_log(output)["runs"][0]["results"]
            for region in [result["locations"][0]["physicalLocation"]["region"]]
        }
        # 'Robust' at columns 13 to 18 and 'etc.' at 27 to 30: endColumn is the column after the last character
        assert regions[("V101", 11)] == {"startLine": 11, "startColumn": 13, "endLine": 11, "endColumn": 19}
        assert regions[("V104", 11)] == {"startLine": 11, "startColumn": 27, "endLine": 11, "endColumn": 31}
        # written with an escape, the words are not in the source as the rule read them: the start only
        assert "endColumn" not in regions[("V101", 14)]
        assert regions[("V101", 14)]["endLine"] == 14


def sarif_log(output: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(output)
    jsonschema.Draft4Validator(SCHEMA).validate(document)
    return document
