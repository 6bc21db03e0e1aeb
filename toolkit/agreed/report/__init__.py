"""Reporters: one module per output format, chosen by name from an explicit registry."""

from __future__ import annotations

from collections.abc import Callable

from agreed.report import json_report, text_report
from agreed.report.base import Report

Reporter = Callable[[Report], str]

REPORTERS: dict[str, Reporter] = {
    "text": text_report.render,
    "json": json_report.render,
}

__all__ = ["REPORTERS", "Report", "Reporter"]
