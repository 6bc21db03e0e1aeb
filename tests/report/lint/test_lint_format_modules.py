"""The lint report's registry: each format name renders through its own module, imported on first use."""

from __future__ import annotations

import importlib

import pytest

from agreed.problem import Problem, Severity
from agreed.report.lint import LINT_FORMATS, Report


@pytest.mark.parametrize("name", LINT_FORMATS.names())
def test_each_format_renders_through_its_module(name: str) -> None:
    report = Report((Problem("a.yaml", 1, 1, "V101", Severity.WARNING, "vague"),), 1, {})
    module = importlib.import_module(f"agreed.report.lint.{name}_report")
    assert LINT_FORMATS.render(name, report) == module.render(report)
