"""The base of every exception agreed raises: ``except AgreedError`` catches what agreed refuses or cannot do, and
nothing else. A leaf, so every module may derive from it.

Each error keeps its place and its other bases (a ``ValueError`` or ``OSError`` stays one), so what is caught where
does not change; ``str(error)`` is the one-line message for users unless the class says otherwise.
"""

from __future__ import annotations


class AgreedError(Exception):
    """Something agreed refuses or cannot do; the subclass says what."""
