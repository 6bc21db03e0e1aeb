"""The versions of agreements that one consent check reads, each distinct content loaded and digested once.

A check reads every agreement in the work tree and at the base revision, and for a stale consent older versions
from history. Most of the time an agreement is the very same bytes in the work tree and at the base (the change
left it alone), so identical bytes, under any name, are loaded, digested and given their typed view once. Only
clean loads are shared: a version with a problem is loaded again each time it is asked for, so that its problems
name the path it was asked for under. The documents, digests and views are those of
:func:`agreed.document.load_document` (without positions), :func:`agreed.consent.digest.digest_document` and
:func:`agreed.agreement.read_agreement`.

Loading the versions of one file a top-level entry at a time (:mod:`agreed.history.piecewise`, as ``agreed
history`` does) was measured here and left out: composing the pieces of a file's first version costs about 1.5 times
composing it whole, which the second version repays only when the two differ (200 such pairs: 0.40 s against
0.50 s), not in the common case where they are the same bytes and one load serves both.
"""

from __future__ import annotations

import hashlib
import weakref
from dataclasses import dataclass
from typing import Any

from agreed.agreement import Agreement, read_agreement
from agreed.consent.digest import DigestError, digest_document
from agreed.document import Document, load_document


@dataclass(slots=True, weakref_slot=True)
class _Clean:
    """A content that loaded without a problem: its text and data, and its digest and typed view once worked out."""

    source: str
    data: dict[str, Any]
    digest: str | None = None
    agreement: Agreement | None = None


@dataclass(frozen=True, slots=True)
class Loaded:
    """One version as loaded (``document``, no positions), and its digest on demand."""

    document: Document
    _clean: _Clean | None = None

    def digest(self) -> str | DigestError:
        """:func:`agreed.consent.digest.digest_document` of the document, worked out once per distinct content."""
        if self._clean is not None and self._clean.digest is not None:
            return self._clean.digest
        found = digest_document(self.document)
        if self._clean is not None and isinstance(found, str):
            self._clean.digest = found
        return found

    def agreement(self) -> Agreement:
        """:func:`agreed.agreement.read_agreement` of the data, built once per distinct content."""
        if self._clean is None:
            return read_agreement(self.document.data)
        if self._clean.agreement is None:
            self._clean.agreement = read_agreement(self._clean.data)
        return self._clean.agreement


class AgreementVersions:
    """Loads the versions one check reads (see the module); one per check, as it remembers what it loaded."""

    def __init__(self) -> None:
        # By the SHA-256 of the bytes, for as long as a Loaded holds it: the base revision's agreements are held for
        # the whole check, a work tree file's only while it is decided (holding all of them would cost 60 KB each).
        self._clean: weakref.WeakValueDictionary[bytes, _Clean] = weakref.WeakValueDictionary()

    def load(self, raw: bytes, shown: str) -> Loaded:
        """The version in ``raw``, its problems (if any) naming ``shown``."""
        key = hashlib.sha256(raw).digest()
        clean = self._clean.get(key)
        if clean is None:
            document = load_document(raw, shown, positions=False)
            if not document.loaded:
                return Loaded(document)
            clean = _Clean(document.source, document.data)
            self._clean[key] = clean
        return Loaded(Document(shown, clean.source, clean.data), clean)
