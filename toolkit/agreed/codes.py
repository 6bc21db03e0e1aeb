"""The built-in codes: what reading a file, the schema, the configuration and the lint engine report, and what
kind of check each code is.

A leaf: every module that reports a built-in finding takes its code from here, and the engine asks a code's
fields (:func:`builtin`), never its spelling. Lint rules declare their own codes in their modules; a code that is
not listed here is a rule's. ``agreed explain`` takes each built-in's documentation from ``agreed.lint.builtin``.
"""

from __future__ import annotations

import enum
import re

from agreed.problem import Severity
from agreed.record import Record


def code_order(code: str) -> tuple[str, int]:
    """The key that puts codes in their natural order, by letter then number (``S014`` before ``S100``), as every
    list of rules shows them; a code of another shape sorts by its text."""
    parts = re.fullmatch(r"([A-Za-z]+)(\d+)", code)
    return (parts.group(1), int(parts.group(2))) if parts else (code, -1)


class Stage(enum.Enum):
    """Which part of agreed reports a built-in code."""

    LOAD = "load"
    """Reading the bytes as one YAML mapping."""
    SCHEMA = "schema"
    """The format version and the agreement schema."""
    CONFIG = "config"
    """The configuration and the people roster it names (a roster is part of the configuration)."""
    ENGINE = "engine"
    """The lint engine and inline suppressions."""


class BuiltinCode(Record):
    """One built-in check: its code, its name, where it is reported from and how seriously.

    Built-in findings are never suppressed: a suppression could otherwise hide that the file was not checked.
    """

    code: str
    name: str
    stage: Stage
    severity: Severity = Severity.ERROR
    stops_rules: bool = False
    """No rule runs on a document with this finding: its data is not what the rules were written for."""


SYNTAX = "S001"
DUPLICATE_KEY = "S002"
DISALLOWED_TAG = "S003"
MULTIPLE_DOCUMENTS = "S004"
TOO_LARGE = "S005"
TOO_DEEP = "S006"
TOO_MANY_NODES = "S007"
NOT_UTF8 = "S008"
EMPTY = "S009"
UNREADABLE = "S010"
FORMAT_VERSION = "S011"
NOT_A_MAPPING = "S012"
CONSENT_RECORD = "S014"  # a consent ledger file that is not a well-formed record in its place
CONFIG_ERROR = "S013"  # also every error of the people roster: the roster is named by, and part of, the configuration
SCHEMA_VIOLATION = "S100"
INTERNAL_ERROR = "X001"
INVALID_SUPPRESSION = "X002"
UNUSED_SUPPRESSION = "X003"
TEXT_NOT_READ = "X004"

BUILTIN_CODES: tuple[BuiltinCode, ...] = (
    BuiltinCode(SYNTAX, "yaml-syntax", Stage.LOAD),
    BuiltinCode(DUPLICATE_KEY, "duplicate-key", Stage.LOAD),
    BuiltinCode(DISALLOWED_TAG, "disallowed-tag", Stage.LOAD),
    BuiltinCode(MULTIPLE_DOCUMENTS, "multiple-documents", Stage.LOAD),
    BuiltinCode(TOO_LARGE, "file-too-large", Stage.LOAD),
    BuiltinCode(TOO_DEEP, "too-deeply-nested", Stage.LOAD),
    BuiltinCode(TOO_MANY_NODES, "too-many-values", Stage.LOAD),
    BuiltinCode(NOT_UTF8, "not-utf8", Stage.LOAD),
    BuiltinCode(EMPTY, "empty-file", Stage.LOAD),
    BuiltinCode(UNREADABLE, "unreadable-path", Stage.LOAD),
    BuiltinCode(FORMAT_VERSION, "format-version", Stage.SCHEMA, stops_rules=True),
    BuiltinCode(NOT_A_MAPPING, "not-a-mapping", Stage.LOAD),
    BuiltinCode(SCHEMA_VIOLATION, "schema", Stage.SCHEMA),
    BuiltinCode(CONSENT_RECORD, "consent-record", Stage.SCHEMA),
    BuiltinCode(CONFIG_ERROR, "config-error", Stage.CONFIG),
    BuiltinCode(INVALID_SUPPRESSION, "invalid-suppression", Stage.ENGINE),
    BuiltinCode(UNUSED_SUPPRESSION, "unused-suppression", Stage.ENGINE, Severity.WARNING),
    BuiltinCode(INTERNAL_ERROR, "internal-error", Stage.ENGINE),
    BuiltinCode(TEXT_NOT_READ, "text-not-read", Stage.ENGINE, Severity.WARNING),
)

_BY_CODE = {builtin.code: builtin for builtin in BUILTIN_CODES}


def builtin(code: str) -> BuiltinCode | None:
    """The built-in check of ``code``; None when ``code`` is a lint rule's."""
    return _BY_CODE.get(code)
