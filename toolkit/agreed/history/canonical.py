"""The one rule for when two versions of an agreement say the same thing, shared by the consent digest and
``agreed diff`` so that a digest changes exactly when the diff shows a material change.

- **Which parts count** (:func:`terms`): only material places, as the schema's ``x-materiality`` says
  (:mod:`agreed.history.materiality`). A record or editorial place is dropped with everything below it, list items
  included; a place the schema does not declare (an ``x-`` key) counts.
- **Which values are equal** (:func:`scalar`): numbers by value (an integral float is that integer: ``50`` is
  ``50.0``, ``-0.0`` is ``0``), any NaN equals any NaN, a boolean only equals a boolean (``true`` is never ``1``),
  strings exactly as loaded, ``null`` only ``null``. Two values are equal when their canonical JSON is equal
  (:func:`same` for whole values, :func:`fingerprint` for their terms).
- **Order and identity of list items**: the order of a list is not a term unless its schema says
  ``x-reorder: material``; a list is a multiset of its items' terms, duplicates counted (two parties with the same
  id are two items, whichever order they come in). :func:`terms` puts such lists in a canonical order (items by the
  field that identifies them, ``id`` or the list's ``x-key``, then by their canonical JSON); the diff pairs old and
  new items by their fingerprints, so that equal multisets give no material change and unequal ones at least one.

The digest hashes :func:`canonical_json` of :func:`terms`; changing any rule here changes digests and so voids
recorded consent: only deliberately.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from json.encoder import encode_basestring
from typing import Any

from agreed.history.materiality import ITEM, Step, is_material, is_reorder_material, item_key

LONG_INTEGER_KEY = "\u0000int"  # canonical JSON of an integer too long to write in decimal: {"\u0000int": "0x.."}


def canonical_json(value: Any) -> bytes:
    """JSON with keys sorted by code point, no whitespace, non-ASCII written as itself, UTF-8."""
    return _text(value).encode("utf-8")


def terms(value: Any, steps: tuple[Step, ...] = ()) -> Any:
    """The material-only, canonically ordered model of ``value`` found at ``steps`` (the whole agreement when
    ``steps`` is empty): what the digest hashes."""
    return _terms(value, _place_at(steps))


def _terms(value: Any, place: _Place) -> Any:
    kind = type(value)
    if kind is str:  # most values: checked first, and without the slower checks of abstract kinds below
        return value
    if kind is dict or (kind is not list and isinstance(value, Mapping)):
        kept: dict[Any, Any] = {}
        for key, child in value.items():
            below = place.material_child(key)
            if below is not None:
                kept[key] = _terms(child, below)
        return kept
    if kind is list or isinstance(value, list):
        return _terms_of_list(value, place)
    return scalar(value)


_UNSEEN: Any = object()


class _Place:
    """A place of the schema walked by :func:`terms`, with the material places one step below it found once: what
    the schema says of a place does not depend on the document, so each is asked of
    :mod:`agreed.history.materiality` once per process, not once per value found there."""

    __slots__ = ("_below", "_order", "steps")

    def __init__(self, steps: tuple[Step, ...]) -> None:
        self.steps = steps
        self._below: dict[Step, _Place | None] = {}
        self._order: tuple[bool, str | None] | None = None

    def material_child(self, step: Step) -> _Place | None:
        """The place one ``step`` below, None when it is not material (a record or an editorial place)."""
        found: _Place | None = self._below.get(step, _UNSEEN)
        if found is _UNSEEN:
            child = (*self.steps, step)
            found = self._below[step] = _place_at(child) if is_material(child) else None
        return found

    def order(self) -> tuple[bool, str | None]:
        """For a list here: whether its order is material, and the field that identifies its items."""
        if self._order is None:
            self._order = (is_reorder_material(self.steps), item_key(self.steps))
        return self._order


@functools.lru_cache(maxsize=1024)
def _place_at(steps: tuple[Step, ...]) -> _Place:
    return _Place(steps)


def fingerprint(value: Any, steps: tuple[Step, ...]) -> bytes:
    """The canonical JSON of the terms of ``value`` at ``steps``: equal fingerprints, equal terms."""
    return canonical_json(terms(value, steps))


class Fingerprints:
    """:func:`fingerprint` of values that nobody changes while this lives (the loaded versions of one history): a
    value met again, as the new side of one comparison is the old side of the next, is not worked out again."""

    __slots__ = ("_known",)

    def __init__(self) -> None:
        self._known: dict[tuple[int, tuple[Step, ...]], tuple[Any, bytes]] = {}

    def of(self, value: Any, steps: tuple[Step, ...]) -> bytes:
        key = (id(value), steps)
        known = self._known.get(key)
        if known is not None and known[0] is value:  # the value itself is kept, so its id names no other value
            return known[1]
        found = fingerprint(value, steps)
        self._known[key] = (value, found)
        return found


def scalar(value: Any) -> Any:
    """A scalar as the terms hold it: an integral finite float becomes that integer; anything else is kept."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def same(old: Any, new: Any) -> bool:
    """Whether two values (every part, material or not, in their order) are equal by the rule for scalars."""
    if old is new:  # every value is the same as itself (NaN included); versions loaded piecewise share their parts
        return True
    kind = type(old)
    if kind is type(new) and kind in _PLAIN_KINDS:  # what loaded data is made of, without the slower checks below
        if kind is dict:
            return old.keys() == new.keys() and all(same(child, new[key]) for key, child in old.items())
        if kind is list:
            return len(old) == len(new) and all(same(child, other) for child, other in zip(old, new, strict=True))
        return bool(old == new)  # text, whole numbers (a boolean is of another kind), null
    if isinstance(old, Mapping) or isinstance(new, Mapping):
        return (isinstance(old, Mapping) and isinstance(new, Mapping) and old.keys() == new.keys()
                and all(same(child, new[key]) for key, child in old.items()))
    if isinstance(old, list) or isinstance(new, list):
        return (isinstance(old, list) and isinstance(new, list) and len(old) == len(new)
                and all(same(child, other) for child, other in zip(old, new, strict=True)))
    return _same_scalar(old, new)


_PLAIN_KINDS = frozenset({dict, list, str, int, type(None)})


def _same_scalar(old: Any, new: Any) -> bool:
    """Equal canonical JSON, decided without writing it out (so that integers of any size compare)."""
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool) and old is new
    if _is_number(old) and _is_number(new):
        old, new = scalar(old), scalar(new)
        if type(old) is not type(new):
            return False
        return bool(old == new) or (isinstance(old, float) and math.isnan(old) and math.isnan(new))
    return type(old) is type(new) and bool(old == new)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def identity(item: Any, key: str | None) -> str | None:
    """What identifies a list item: the canonical JSON of its ``key`` field when that is a non-empty string or an
    integer; None for an item without one."""
    if key is None or not isinstance(item, Mapping):
        return None
    value = item.get(key)
    if (isinstance(value, str) and value != "") or (isinstance(value, int) and not isinstance(value, bool)):
        return _text(value)
    return None


def _terms_of_list(values: Sequence[Any], place: _Place) -> list[Any]:
    below = place.material_child(ITEM)
    if below is None:
        return []
    items = [_terms(value, below) for value in values]
    reorder_material, key = place.order()
    return items if reorder_material else _in_canonical_order(items, key)


def _in_canonical_order(items: list[Any], key: str | None) -> list[Any]:
    """``items`` ordered by the canonical JSON of their ``key`` field, then by their own canonical JSON; the second
    is written out only for items whose first ties (the order and the result are those of sorting by both)."""
    def identified(item: Any) -> str:
        return _text(item.get(key)) if key is not None and isinstance(item, Mapping) else _NULL

    ordered = sorted(((identified(item), item) for item in items), key=lambda pair: pair[0])
    result: list[Any] = []
    start = 0
    while start < len(ordered):
        end = start + 1
        while end < len(ordered) and ordered[end][0] == ordered[start][0]:
            end += 1
        tied = [item for _, item in ordered[start:end]]
        result.extend(sorted(tied, key=_text) if len(tied) > 1 else tied)
        start = end
    return result


# One encoder for every value: json.dumps with these arguments would build a new one per call.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_NULL = "null"


def _text(value: Any) -> str:
    if type(value) is str:
        return encode_basestring(value)  # what the encoder writes for a string, without its other checks
    try:
        return _ENCODER.encode(value)
    except ValueError:  # an integer too long for Python's decimal conversion (over 4,300 digits)
        return _ENCODER.encode(_long_integers_tagged(value))


def _long_integers_tagged(value: Any) -> Any:
    """``value`` with each integer beyond the decimal conversion limit written as ``{"\\u0000int": "0x..."}``
    (hexadecimal conversion has no limit and takes linear time, decimal would take quadratic time)."""
    if isinstance(value, Mapping):
        return {key: _long_integers_tagged(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_long_integers_tagged(child) for child in value]
    if isinstance(value, int) and not isinstance(value, bool) and not _has_decimal_text(value):
        return {LONG_INTEGER_KEY: hex(value)}
    return value


def _has_decimal_text(number: int) -> bool:
    try:
        str(number)  # refused at once (before any conversion) beyond the limit
    except ValueError:
        return False
    return True
