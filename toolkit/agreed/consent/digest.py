"""The digest of an agreement's terms: what a party's consent is bound to.

The digest is computed over agreed's own validated model of the agreement, never over the YAML text, so that
formatting, comments, quoting, key order, editorial edits and records of progress keep it and every material change
moves it:

1. The document must load and conform to the schema: terms that do not validate cannot be consented to
   (:func:`digest_document` returns a :class:`DigestError` instead of a digest).
2. :func:`terms` keeps only the material parts, as the schema's ``x-materiality`` says
   (:mod:`agreed.history.materiality`, the same classification ``agreed diff`` uses): an editorial property (it
   explains) or a record (it says what happened: the ``status``, a ``delivered_on``) is dropped with everything
   below it, so moving an agreement from ``proposed`` to ``active`` or recording a delivery keeps every consent;
   keys the schema does not declare (``x-`` extensions) are kept, since a change nobody classified may change what
   someone owes.
3. Lists whose order is editorial (every list, unless its schema says ``x-reorder: material``) are put in a
   canonical order: lists of objects by the field that identifies their items (``id``, else the list's ``x-key``),
   then by the item's canonical JSON; other lists by the canonical JSON of their values. Duplicates are kept.
4. Numbers are compared by value, as ``agreed diff`` compares them: a float with an integral value becomes that
   integer, so ``50`` and ``50.0`` digest alike. Booleans stay booleans (``true`` is never ``1``). Dates are already
   ISO 8601 strings in a loaded document.
5. Strings are taken exactly as loaded (YAML's own escapes and line folding resolved), with no Unicode
   normalisation: ``agreed diff`` compares strings exactly too, so a digest never changes without a change that
   diff can show, and the digest does not depend on the Unicode tables of the Python that computes it.

The digest is ``sha256:`` followed by the hex SHA-256 of the canonical JSON of the terms: UTF-8, keys sorted by
code point, no whitespace (``separators=(",", ":")``), non-ASCII characters written as themselves, floats in
Python's shortest round-trip form. Changing any of these rules changes every digest and so voids every recorded
consent: they may only change deliberately.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from agreed.document import Document
from agreed.history.materiality import ITEM, Step, is_material, is_reorder_material, item_key
from agreed.problem import Problem
from agreed.schema import validate_document

ALGORITHM: Final = "sha256"
PREFIX: Final = f"{ALGORITHM}:"


@dataclass(frozen=True, slots=True)
class DigestError:
    """Why a document has no digest: the load and schema problems that stand in the way."""

    path: str
    problems: tuple[Problem, ...]

    @property
    def message(self) -> str:
        count = len(self.problems)
        return (f"{self.path}: no digest: {count} load or schema problem{'s' if count != 1 else ''} "
                "(terms that do not validate cannot be consented to)")


def digest(data: Mapping[str, Any]) -> str:
    """``sha256:<hex>`` of the canonical JSON of the material terms of ``data`` (loaded, schema-valid data)."""
    return PREFIX + hashlib.sha256(canonical_json(terms(data))).hexdigest()


def digest_document(document: Document) -> str | DigestError:
    """The digest of a loaded, schema-valid document; a :class:`DigestError` with its problems otherwise."""
    problems = (*document.problems, *validate_document(document))
    if problems or not isinstance(document.data, Mapping):
        return DigestError(document.path, tuple(sorted(problems)))
    return digest(document.data)


def canonical_json(value: Any) -> bytes:
    """The bytes that are hashed: JSON with sorted keys, no whitespace, UTF-8."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def terms(data: Mapping[str, Any]) -> Any:
    """The material-only (no records, nothing editorial), canonically ordered model of an agreement's data (see the
    module documentation)."""
    return _normalise(data, ())


def _normalise(value: Any, steps: tuple[Step, ...]) -> Any:
    if isinstance(value, Mapping):
        return _normalise_mapping(value, steps)
    if isinstance(value, list):
        return _normalise_list(value, steps)
    return _normalise_scalar(value)


def _normalise_mapping(mapping: Mapping[str, Any], steps: tuple[Step, ...]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key, value in mapping.items():
        child = (*steps, key)
        if is_material(child):
            kept[key] = _normalise(value, child)
    return kept


def _normalise_list(values: Sequence[Any], steps: tuple[Step, ...]) -> list[Any]:
    items = [_normalise(value, (*steps, ITEM)) for value in values]
    if is_reorder_material(steps):
        return items
    key = item_key(steps)
    return sorted(items, key=lambda item: _sort_key(item, key))


def _sort_key(item: Any, key: str | None) -> tuple[str, str]:
    """Items by their identifying field (when the list has one), then by their whole canonical JSON."""
    identity = item.get(key) if key is not None and isinstance(item, Mapping) else None
    return (_text(identity), _text(item))


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _normalise_scalar(value: Any) -> Any:
    """Numbers by value: an integral float is that integer (``50.0`` is ``50``, as ``agreed diff`` sees it)."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value
