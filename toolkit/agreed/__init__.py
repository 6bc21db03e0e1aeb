"""agreed: plain-text agreements between peers, checked like code.

>>> import agreed
>>> document = agreed.load("contracts/sales-onboarding.yaml")
>>> agreed.check(document)
[]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from agreed.version import __version__

if TYPE_CHECKING:
    from agreed.api import check, check_statement, load, loads, validate
    from agreed.document import Document
    from agreed.errors import AgreedError
    from agreed.problem import Problem, Severity

# The library surface, imported on first use: the command line imports this package for every command, and only
# some commands need the lint engine behind agreed.check.
_EXPORTS = {"check": "agreed.api", "check_statement": "agreed.api", "load": "agreed.api", "loads": "agreed.api",
            "validate": "agreed.api", "Document": "agreed.document", "Problem": "agreed.problem",
            "Severity": "agreed.problem", "AgreedError": "agreed.errors"}

__all__ = ["AgreedError", "Document", "Problem", "Severity", "__version__", "check", "check_statement", "load", "loads",
           "validate"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'agreed' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
