"""Lint reports: one module per output format, chosen by name from an explicit registry."""

from __future__ import annotations

from typing import Final

from agreed.report.lint import full_report, github_report, gitlab_report, json_report, sarif_report, text_report
from agreed.report.lint.base import Report
from agreed.report.registry import Registry

LINT_FORMATS: Final[Registry[Report, str]] = Registry("lint report", {
    "text": text_report.render,
    "json": json_report.render,
    "full": full_report.render,
    "sarif": sarif_report.render,
    "github": github_report.render,
    "gitlab": gitlab_report.render,
})

__all__ = ["LINT_FORMATS", "Report"]
