"""Agreements for the render tests: the shipped example as data, with chosen changes."""

from __future__ import annotations

import copy
from typing import Any

from agreed.agreement import Agreement, read_agreement
from agreed.document import read_document
from gitrepo import EXAMPLE


def example_data() -> dict[str, Any]:
    """The shipped example (sales-onboarding) as loaded data, a fresh copy for each call."""
    data = read_document(EXAMPLE).data
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def example(**changes: Any) -> Agreement:
    """The example's typed view with top-level keys replaced."""
    return read_agreement({**example_data(), **changes})
