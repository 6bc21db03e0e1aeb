"""How ``agreed due`` shows what is due: one module per format, chosen by name from :data:`DUE_FORMATS`."""

from __future__ import annotations

from typing import Final

from agreed.due import DueReport
from agreed.report.due import json_report, markdown_report, text_report
from agreed.report.registry import Registry

DUE_FORMATS: Final[Registry[DueReport, str]] = Registry("due items", {
    "text": text_report.render,
    "markdown": markdown_report.render,
    "json": json_report.render,
})

__all__ = ["DUE_FORMATS"]
