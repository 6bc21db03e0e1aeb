"""Equality of loaded data that also compares types and key order: what two ways of loading the same text must give."""

from __future__ import annotations

import math
from typing import Any


def identical(one: Any, other: Any) -> bool:
    """Equal values of the same types, mapping keys in the same order (NaN equal to NaN)."""
    if type(one) is not type(other):
        return False
    if isinstance(one, dict):
        return list(one) == list(other) and all(identical(one[key], other[key]) for key in one)
    if isinstance(one, list):
        return len(one) == len(other) and all(identical(a, b) for a, b in zip(one, other, strict=True))
    if isinstance(one, float) and math.isnan(one):
        return math.isnan(other)
    return bool(one == other)
