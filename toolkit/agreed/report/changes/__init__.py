"""The semantic changes of one or more files (``agreed diff``): one module per output format, chosen by name from
:data:`CHANGES_FORMATS`.

- text (:mod:`.text_report`): per file a header and one line per change, then a summary line;
- json (:mod:`.json_report`): a versioned document with every change as plain data and its class;
- markdown (:mod:`.markdown_report`): a pull-request comment, a summary table then each agreement's changes by class.

What the formats share (the summary, a value on one line) is in :mod:`.base`. The one-line change and the JSON
record of a change are also used by the timeline and the consent status.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from agreed.history.diff import FileDiff
from agreed.report.changes import json_report, markdown_report, text_report
from agreed.report.changes.base import Summary, has_material
from agreed.report.changes.json_report import change_record
from agreed.report.changes.text_report import change_line, render_file_text
from agreed.report.registry import Registry

CHANGES_FORMATS: Final[Registry[Sequence[FileDiff], str]] = Registry("changes", {
    "text": text_report.render, "json": json_report.render, "markdown": markdown_report.render,
})

__all__ = ["CHANGES_FORMATS", "Summary", "change_line", "change_record", "has_material", "render_file_text"]
