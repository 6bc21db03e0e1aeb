"""Lint reports: one module per output format, chosen by name from an explicit registry.

A format's module is imported when a report is written in it, not before: a run answered from the cache that
prints the text report loads none of the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Final

from agreed.report.lint.base import Report
from agreed.report.registry import Registry


def _renderer(module: str) -> Callable[[Report], str]:
    """``render`` of the format module ``agreed.report.lint.<module>``, imported on first use."""

    def render(report: Report) -> str:
        found: Callable[[Report], str] = importlib.import_module(f"agreed.report.lint.{module}").render
        return found(report)

    return render


LINT_FORMATS: Final[Registry[Report, str]] = Registry("lint report", {
    "text": _renderer("text_report"),
    "json": _renderer("json_report"),
    "full": _renderer("full_report"),
    "sarif": _renderer("sarif_report"),
    "github": _renderer("github_report"),
    "gitlab": _renderer("gitlab_report"),
    "junit": _renderer("junit_report"),
})

__all__ = ["LINT_FORMATS", "Report"]
