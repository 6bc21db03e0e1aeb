"""GitLab Code Quality report: a JSON list of issues with a stable fingerprint each."""

from __future__ import annotations

import hashlib
from typing import Any

from agreed.printable import printable
from agreed.problem import Severity
from agreed.report.envelope import json_text
from agreed.report.lint.base import Report, fingerprint_keys, posix_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report) -> str:
    issues: list[dict[str, Any]] = [
        {
            "description": printable(problem.message),
            "check_name": problem.rule,
            "fingerprint": hashlib.md5(key.encode("utf-8"), usedforsecurity=False).hexdigest(),
            "severity": SEVERITIES[problem.severity],
            "location": {"path": printable(posix_path(problem.path)), "lines": {"begin": problem.line}},
        }
        for problem, key in zip(report.problems, fingerprint_keys(report.problems), strict=True)
    ]
    return json_text(issues)
