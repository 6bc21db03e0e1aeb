"""The digest of an agreement's terms: what a party's consent is bound to.

The digest is computed over agreed's own validated model of the agreement, never over the YAML text, so that
formatting, comments, quoting, key order, editorial edits and records of progress keep it and every material change
moves it:

1. The document must load and conform to the schema: terms that do not validate cannot be consented to
   (:func:`digest_document` returns a :class:`DigestError` instead of a digest).
2. The terms are taken by :func:`agreed.history.canonical.terms`, the one rule ``agreed diff`` uses too: only the
   material parts, as the schema's ``x-materiality`` says (an editorial property or a record such as the ``status``
   or a ``delivered_on`` is dropped with everything below it; ``x-`` extensions are kept); lists in a canonical
   order unless their schema says ``x-reorder: material`` (by the field that identifies their items, ``id`` or the
   list's ``x-key``, then by the item's canonical JSON), duplicates kept; numbers by value (``50`` and ``50.0``
   alike, every NaN alike), booleans never numbers; strings exactly as loaded, with no Unicode normalisation, so the
   digest never changes without a change the diff can show and never depends on the Unicode tables of the Python
   that computes it. Dates are ISO 8601 strings in a loaded document.

The digest is ``sha256:`` followed by the hex SHA-256 of the canonical JSON of the terms: UTF-8, keys sorted by
code point, no whitespace (``separators=(",", ":")``), non-ASCII characters written as themselves, floats in
Python's shortest round-trip form. Changing any of these rules changes every digest and so voids every recorded
consent: they may only change deliberately.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from agreed.document import Document
from agreed.history.canonical import canonical_json, terms
from agreed.problem import Problem
from agreed.schema import validate_document

__all__ = ["ALGORITHM", "PREFIX", "DigestError", "canonical_json", "digest", "digest_document", "terms"]

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
