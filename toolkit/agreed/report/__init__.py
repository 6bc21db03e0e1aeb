"""Reporters: one module per output format, chosen by name from an explicit registry."""

from __future__ import annotations

from collections.abc import Callable

from agreed.report import full_report, github_report, gitlab_report, json_report, sarif_report, text_report
from agreed.report.base import Report

Reporter = Callable[[Report], str]

REPORTERS: dict[str, Reporter] = {
    "text": text_report.render,
    "json": json_report.render,
    "full": full_report.render,
    "sarif": sarif_report.render,
    "github": github_report.render,
    "gitlab": gitlab_report.render,
}

__all__ = ["REPORTERS", "Report", "Reporter"]
