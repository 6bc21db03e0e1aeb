"""agreed: plain-text agreements between peers, checked like code.

>>> import agreed
>>> document = agreed.load("contracts/sales-onboarding.yaml")
>>> agreed.check(document)
[]
"""

from __future__ import annotations

__version__ = "0.1.0"

from agreed.api import check, check_statement, load, loads, validate
from agreed.document import Document
from agreed.problem import Problem, Severity

__all__ = ["Document", "Problem", "Severity", "__version__", "check", "check_statement", "load", "loads", "validate"]
