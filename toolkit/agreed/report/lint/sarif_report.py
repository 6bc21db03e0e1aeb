"""SARIF 2.1.0, as GitHub code scanning accepts it: one run, the rules that fired, one result per problem.

Within GitHub's documented limits and advice for a rule (a ``reportingDescriptor``): a ``fullDescription`` of at most
1,024 characters (the documentation's opening paragraphs, cut after a whole sentence), ``help`` as text and as
Markdown (the whole documentation, its examples as code blocks), ``properties.precision`` and
``properties.problem.severity``; with a documentation base (given, or the project URL the installed package
declares: :mod:`agreed.report.rule_docs`), ``tool.driver.informationUri`` (the base) and each rule's ``helpUri`` (its
section of ``docs/rules.md``), and neither without one. Each result's region lies on one line (``endLine``), from its
start column to the end of the words at fault where they are known (``endColumn``, a text rule's finding).
"""

from __future__ import annotations

import hashlib
import inspect
import os
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any, Final
from urllib.parse import quote

from agreed.lint.rule import Rule, TextRule
from agreed.printable import printable
from agreed.problem import Problem, Severity
from agreed.report.envelope import json_text, tool
from agreed.report.lint.base import Report, fingerprint_keys, posix_path
from agreed.report.rule_docs import documentation_base, rule_link, rule_markdown

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "agreed/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub's own scale of how serious a problem is, beside the SARIF level
PROBLEM_SEVERITIES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}
FULL_DESCRIPTION_LIMIT: Final = 1024  # characters GitHub code scanning accepts in a rule's fullDescription
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(A-Z0-9])")


def artifact_uri(path: str) -> str:
    """The problem's path as a relative URI reference: forward slashes, unsafe characters percent-encoded (the
    bytes of the name as the file system holds them, UTF-8 or not)."""
    return quote(os.fsencode(posix_path(path)), safe="/")


def _artifact_location(path: str) -> dict[str, str]:
    """Relative to the repository root (%SRCROOT%); a file outside the repository by its absolute file: URI."""
    if PurePosixPath(path).is_absolute():
        return {"uri": PurePosixPath(path).as_uri()}
    return {"uri": artifact_uri(path), "uriBaseId": "%SRCROOT%"}


def full_description(doc: str, limit: int = FULL_DESCRIPTION_LIMIT) -> str:
    """The opening prose of a rule's documentation, its lines joined, cut after the last whole sentence that keeps
    it within ``limit`` characters; the examples and anything after them are left to ``help``. The first sentence
    is always kept (cut at ``limit`` if it alone is longer)."""
    kept: list[str] = []
    for sentence in _opening_sentences(doc):
        joined = " ".join([*kept, sentence])
        if len(joined) > limit:
            break
        kept.append(sentence)
    return " ".join(kept) if kept else next(_opening_sentences(doc), "")[:limit]


def _opening_sentences(doc: str) -> Iterator[str]:
    for paragraph in inspect.cleandoc(doc).split("\n\n"):
        if _is_example(paragraph):
            return
        yield from _SENTENCE_END.split(" ".join(line.strip() for line in paragraph.splitlines()))


def _is_example(paragraph: str) -> bool:
    """An example block: indented lines, with any label such as ``Fires on:`` above them."""
    return any(line.startswith("    ") for line in paragraph.splitlines())


def _precision(rule: Rule) -> str:
    """How often a finding is right, on GitHub's scale: the text rules read prose by heuristics whose precision the
    README measures (0.74 to 0.99 by category); every other kind checks structure exactly."""
    return "high" if isinstance(rule, TextRule) else "very-high"


def _descriptor(code: str, report: Report, base: str | None) -> dict[str, Any]:
    rule = report.rules.get(code)
    if rule is None:
        return {"id": code}
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full_description(rule.doc)},
        "help": {"text": inspect.cleandoc(rule.doc), "markdown": rule_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": [rule.category.value],
            "precision": _precision(rule),
            "problem.severity": PROBLEM_SEVERITIES[rule.severity],
        },
    }
    if base is not None:
        descriptor["helpUri"] = rule_link(base, rule.code)
    return descriptor


def _region(problem: Problem) -> dict[str, int]:
    """Where the finding is: its line and start column, and the column after the words at fault when known."""
    line, col = max(problem.line, 1), max(problem.col, 1)
    end = {"endColumn": problem.end_col} if problem.end_col > col else {}
    return {"startLine": line, "startColumn": col, "endLine": line, **end}


def _result(problem: Problem, rule_index: int, key: str) -> dict[str, Any]:
    return {
        "ruleId": problem.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[problem.severity],
        "message": {"text": printable(problem.message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact_location(problem.path),
                    "region": _region(problem),
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: hashlib.sha256(key.encode("utf-8")).hexdigest()},
    }


def render(report: Report) -> str:
    codes = sorted({problem.rule for problem in report.problems})
    index = {code: position for position, code in enumerate(codes)}
    results = [
        _result(problem, index[problem.rule], key)
        for problem, key in zip(report.problems, fingerprint_keys(report.problems), strict=True)
    ]
    base = documentation_base(report.docs)
    driver: dict[str, Any] = {
        **tool(),
        **({"informationUri": base} if base is not None else {}),
        "rules": [_descriptor(code, report, base) for code in codes],
    }
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}],
    }
    return json_text(document)
