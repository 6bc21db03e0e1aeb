"""The service behind ``agreed render``: one agreement file read, checked to be an agreement, and its consent panel.

What cannot be rendered is raised as :class:`RenderError` with a one-line message (a file that cannot be read or
loaded, with the position of its first problem; a consent record; YAML that is no agreement). An agreement that does
not pass the schema is still rendered, as far as its typed view reads it: a draft deserves a readable page too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agreed.agreement import Agreement, read_agreement
from agreed.codes import TOO_LARGE, UNREADABLE
from agreed.consent.reviews import ReviewsError
from agreed.document import read_document
from agreed.errors import AgreedError
from agreed.render.consent_panel import DRAFT_NOTE, ConsentPanel, consent_panel
from agreed.schema import VERSION_KEY
from agreed.sources import STDIN, Kind, kind_of


class RenderError(AgreedError):
    """A file that cannot be rendered as an agreement; ``str(error)`` is the one-line reason."""


@dataclass(frozen=True, slots=True)
class AgreementPage:
    """What one page shows: the agreement, the file it came from (as named) and its consent panel (None: none)."""

    agreement: Agreement
    source: str
    consent: ConsentPanel | None = None

    @property
    def title(self) -> str:
        return self.agreement.title or self.agreement.id or self.source


def agreement_page(file: Path, shown: str | None = None, *, consent: bool = True,
                   reviews_file: Path | None = None) -> AgreementPage:
    """The page of the agreement ``file`` (named ``shown`` in messages and on the page), with its consent panel
    unless ``consent`` is false; ``reviews_file``: the code host's reviews, evidence for agreements that accept
    ``review``."""
    name = shown if shown is not None else file.as_posix()
    if name == STDIN:
        raise RenderError("agreed render reads one agreement file, not standard input ('-'): give its path")
    if file.is_dir():
        raise RenderError(f"{name}: is a folder; render takes one agreement file")
    if kind_of(file) is Kind.CONSENT_RECORD:
        raise RenderError(f"{name}: a consent record is not an agreement; name the agreement it is for")
    document = read_document(file, name)
    if document.problems:
        first = document.problems[0]
        where = "" if first.rule in (UNREADABLE, TOO_LARGE) else f":{first.line}:{first.col}"  # no line to point at
        raise RenderError(f"{name}{where}: {first.message}")
    if not isinstance(document.data, dict) or VERSION_KEY not in document.data:
        raise RenderError(f"{name}: not an agreement (it has no '{VERSION_KEY}:' key)")
    agreement = read_agreement(document.data)
    return AgreementPage(agreement, name, _panel(file, agreement, reviews_file) if consent else None)


def _panel(file: Path, agreement: Agreement, reviews_file: Path | None) -> ConsentPanel:
    if agreement.is_draft:  # the template among them: nothing to consent to yet, and no repository needed
        return ConsentPanel(note=DRAFT_NOTE)
    try:
        return consent_panel(file, reviews_file)
    except ReviewsError as error:
        raise RenderError(f"--reviews: {error}") from None
