"""Prose analysis for the text rules, one module per job (this package defines and re-exports nothing).

- ``patterns``: the term-pattern engine (``Regex`` compiled on first use, the tokeniser, ``TermPattern``).
- ``sentences``: masking of URLs, e-mail addresses, code and quotes; sentences and clauses.
- ``hits``: ``scan`` of a statement and the context around each ``Hit``.
- ``vocabulary``: shared fragments and word lists (modals, numbers, dates, placeholders, roles, "by <agent>").
- ``measures``: numbers, dates, measures, baselines and artefacts in a statement.
- ``values``: classifiers of whole values (non-answers, "there is none", owner kinds).

Every module imports only light standard modules and its siblings, so that the rules load in a few milliseconds.
"""
