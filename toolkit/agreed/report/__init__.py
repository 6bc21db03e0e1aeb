"""Renderers: every result agreed shows, in each of its output formats.

One :class:`~agreed.report.registry.Registry` per result type, named ``<RESULT>_FORMATS`` in the result's package
or module. A package holds one module per format and its registry in its ``__init__``: :mod:`agreed.report.lint`
(lint and validate reports), :mod:`agreed.report.changes` (diff), :mod:`agreed.report.timeline` (history),
:mod:`agreed.report.consent_status` (consent status and check). A result with small renderers keeps them in one
module: :mod:`agreed.report.digest`, :mod:`agreed.report.statements` (check-text) and :mod:`agreed.report.rules`
(the rule list). Every JSON document is written by :func:`agreed.report.envelope.json_document`.
"""
