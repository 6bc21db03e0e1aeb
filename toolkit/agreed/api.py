"""The library surface: load, validate and lint agreements as plain function calls that return values."""

from __future__ import annotations

import datetime
from pathlib import Path

from agreed.document import Document, load_document, read_document
from agreed.lint import engine
from agreed.lint.engine import StatementFinding
from agreed.lint.rule import LintContext
from agreed.problem import Problem


def load(source: str | Path | bytes, path: str = "<string>") -> Document:
    """A Document from a file path, or from YAML bytes (``path`` names it in findings)."""
    if isinstance(source, bytes):
        return load_document(source, path)
    return read_document(Path(source))


def loads(text: str, path: str = "<string>") -> Document:
    """A Document from YAML text."""
    return load_document(text.encode("utf-8"), path)


def validate(document: Document) -> list[Problem]:
    """Load and schema problems of ``document`` (empty when it conforms)."""
    return engine.validate(document)


def check(document: Document, today: datetime.date | None = None) -> list[Problem]:
    """Load, schema and rule problems of ``document``, as ``agreed lint`` reports them."""
    return engine.lint_document(document, context=LintContext(today=today or datetime.date.today()))


def check_statement(text: str) -> list[StatementFinding]:
    """Findings of the text rules in one free-standing statement."""
    return engine.check_statement(text)
