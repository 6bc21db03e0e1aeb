"""SARIF 2.1.0, as GitHub code scanning accepts it: one run, the rules that fired, one result per problem."""

from __future__ import annotations

import hashlib
import os
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from agreed.printable import printable
from agreed.problem import Severity
from agreed.report.envelope import json_text, tool
from agreed.report.lint.base import Report, fingerprint_keys, posix_path

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "agreed/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """The problem's path as a relative URI reference: forward slashes, unsafe characters percent-encoded (the
    bytes of the name as the file system holds them, UTF-8 or not)."""
    return quote(os.fsencode(posix_path(path)), safe="/")


def _artifact_location(path: str) -> dict[str, str]:
    """Relative to the repository root (%SRCROOT%); a file outside the repository by its absolute file: URI."""
    if PurePosixPath(path).is_absolute():
        return {"uri": PurePosixPath(path).as_uri()}
    return {"uri": artifact_uri(path), "uriBaseId": "%SRCROOT%"}


def _descriptor(code: str, report: Report) -> dict[str, Any]:
    rule = report.rules.get(code)
    if rule is None:
        return {"id": code}
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": rule.doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category.value]},
    }


def render(report: Report) -> str:
    codes = sorted({problem.rule for problem in report.problems})
    index = {code: position for position, code in enumerate(codes)}
    results = []
    for problem, key in zip(report.problems, fingerprint_keys(report.problems), strict=True):
        results.append({
            "ruleId": problem.rule,
            "ruleIndex": index[problem.rule],
            "level": LEVELS[problem.severity],
            "message": {"text": printable(problem.message)},
            "locations": [{"physicalLocation": {
                "artifactLocation": _artifact_location(problem.path),
                "region": {"startLine": max(problem.line, 1), "startColumn": max(problem.col, 1)},
            }}],
            "partialFingerprints": {FINGERPRINT_KEY: hashlib.sha256(key.encode("utf-8")).hexdigest()},
        })
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {**tool(), "rules": [_descriptor(code, report) for code in codes]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json_text(document)
