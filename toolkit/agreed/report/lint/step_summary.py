"""A Markdown summary of one run: counts per rule, for a CI job's summary page (e.g. GitHub's step summary)."""

from __future__ import annotations

from collections import Counter

from agreed.report.lint.base import Report


def render(report: Report) -> str:
    lines = ["### agreed", "", report.summary(), ""]
    per_rule = Counter(problem.rule for problem in report.problems)
    if per_rule:
        lines += ["| rule | name | severity | findings |", "|---|---|---|---|"]
        for code, count in sorted(per_rule.items(), key=lambda item: (-item[1], item[0])):
            rule = report.rules.get(code)
            name = rule.name if rule else ""
            severity = rule.severity.label if rule else ""
            lines.append(f"| {code} | {name} | {severity} | {count} |")
        lines.append("")
    return "\n".join(lines) + "\n"
