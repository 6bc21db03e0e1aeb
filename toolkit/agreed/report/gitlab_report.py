"""GitLab Code Quality report: a JSON list of issues with a stable fingerprint each."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from agreed.problem import Problem, Severity
from agreed.report.base import Report

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprint(problem: Problem, occurrence: int) -> str:
    """md5 of rule, path, message and which identical finding in the file this is: stable when lines move."""
    key = "\0".join((problem.rule, problem.path.replace("\\", "/"), problem.message, str(occurrence)))
    return hashlib.md5(key.encode("utf-8"), usedforsecurity=False).hexdigest()


def render(report: Report) -> str:
    seen: Counter[tuple[str, str, str]] = Counter()
    issues: list[dict[str, Any]] = []
    for problem in report.problems:
        identity = (problem.rule, problem.path.replace("\\", "/"), problem.message)
        issues.append({
            "description": problem.message,
            "check_name": problem.rule,
            "fingerprint": fingerprint(problem, seen[identity]),
            "severity": SEVERITIES[problem.severity],
            "location": {"path": problem.path.replace("\\", "/"), "lines": {"begin": problem.line}},
        })
        seen[identity] += 1
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
