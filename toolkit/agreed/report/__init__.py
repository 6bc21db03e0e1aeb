"""Renderers: every result agreed shows, in each of its output formats.

One :class:`~agreed.report.registry.Registry` per result type, named ``<RESULT>_FORMATS`` in the result's module:
:mod:`agreed.report.lint` (lint and validate reports), :mod:`agreed.report.changes` (diff),
:mod:`agreed.report.timeline` (history), :mod:`agreed.report.consent_status` (consent status and check),
:mod:`agreed.report.digest`, :mod:`agreed.report.statements` (check-text) and :mod:`agreed.report.rules` (the rule
list). Every JSON document is written by :func:`agreed.report.envelope.json_document`.
"""
