"""How consent statuses are shown: one module per output format, chosen by name from a registry.

:data:`CONSENT_STATUS_FORMATS` (``agreed consent status``): text (:mod:`.text_report`) for a terminal, versioned
JSON (:mod:`.json_report`) for tools, Markdown (:mod:`.markdown_report`) for a pull request.
:data:`CONSENT_GATE_FORMATS` (``agreed consent check``): the gate's text (:mod:`.gate_text_report`) and the same
JSON document, and JUnit XML (:mod:`.junit_report`) for CI test reports.

Every format names a file whose name is not UTF-8 with :func:`agreed.printable.printable` (``\\xNN`` per byte).
Text and Markdown also show every control character and bidirectional override from a file escaped
(:mod:`agreed.visible`), so it cannot rewrite a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from agreed.consent.status import AgreementStatus
from agreed.report.consent_status import gate_text_report, json_report, junit_report, markdown_report, text_report
from agreed.report.registry import Registry

CONSENT_STATUS_FORMATS: Final[Registry[Sequence[AgreementStatus], str]] = Registry("consent status", {
    "text": text_report.render, "json": json_report.render, "markdown": markdown_report.render})
CONSENT_GATE_FORMATS: Final[Registry[Sequence[AgreementStatus], str]] = Registry("the consent gate", {
    "text": gate_text_report.render, "json": json_report.render, "junit": junit_report.render})

__all__ = ["CONSENT_GATE_FORMATS", "CONSENT_STATUS_FORMATS"]
