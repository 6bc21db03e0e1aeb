"""``agreed lsp``: the agreement's language server.

The services here know nothing of the protocol: :mod:`agreed.lsp.checking` lints an unsaved buffer as ``agreed lint``
would lint the file (the team's configuration, cross-file rules against the other agreements on disk),
:mod:`agreed.lsp.places` reads where the cursor is in a buffer that may not parse, :mod:`agreed.lsp.guidance` says
what to show on hover and what to offer for completion, :mod:`agreed.lsp.navigation` finds party ids and the outline,
:mod:`agreed.lsp.fixes` makes the quick fixes' edits, :mod:`agreed.lsp.lens` says what the renegotiation view's code
lenses show (from git and the consent records).
:mod:`agreed.lsp.server` is the protocol adapter (pygls), the only module that imports it.
"""
