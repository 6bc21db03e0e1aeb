"""``agreed history`` output: one module per output format, chosen by name from :data:`TIMELINE_FORMATS`.

- text (:mod:`.text_report`) for terminals, json (:mod:`.json_report`) a versioned document, markdown
  (:mod:`.markdown_report`) for pull requests.

Every change, version and field movement is labelled with its class: ``material`` (needs fresh consent),
``record`` (progress recorded, such as the status or a ``delivered_on``: no fresh consent needed) or ``editorial``.
JSON gives the class as ``"materiality"`` beside the ``"material"`` boolean. A file whose name is not UTF-8 is named
with :func:`agreed.printable.printable` (``\\xNN`` per byte) in every format. What the formats share is in
:mod:`.base`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from agreed.report.registry import Registry
from agreed.report.timeline import json_report, markdown_report, text_report

if TYPE_CHECKING:
    from agreed.history.timeline import Timeline

TIMELINE_FORMATS: Final[Registry[Timeline, str]] = Registry("timeline", {
    "text": text_report.render, "json": json_report.render, "markdown": markdown_report.render,
})

__all__ = ["TIMELINE_FORMATS"]
