"""The typed contract every lint rule follows.

A rule is a plain module that builds one :class:`Rule` value named ``RULE``; its module docstring is the user
documentation that ``agreed explain`` prints. A rule checks either free-standing prose (``check_text``: a statement
in, character spans out) or a whole document (``check_document``: a Document in, findings at JSON paths out). The
engine, not the rule, turns findings into positioned Problems and applies severities and suppressions.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agreed.problem import Severity

if TYPE_CHECKING:
    from agreed.document import Document, JsonPath


class Category(enum.Enum):
    VAGUENESS = "vagueness"
    ACCOUNTABILITY = "accountability"
    TIME = "time"
    STRUCTURE = "structure"
    FRAMING = "framing"
    RESULTS = "results"
    CELEBRATION = "celebration"
    RELATIONSHIP = "relationship"
    PRECONDITIONS = "preconditions"
    CROSS_FILE = "cross-file"


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A finding inside one piece of prose: ``text[start:end]`` is what the message is about."""

    start: int
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class TextContext:
    """What the surroundings of a statement tell a text rule.

    ``measured``: the statement's item carries numbers or an acceptance criterion in its own fields.
    ``owned``: the statement's item names exactly one accountable owner.
    Free-standing statements (``agreed check-text``) have neither.
    """

    measured: bool = False
    owned: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """A document rule's finding at a JSON path; ``at_key`` points at the key rather than its value."""

    path: JsonPath
    message: str
    at_key: bool = False


@dataclass(frozen=True, slots=True)
class LintContext:
    """Facts from outside the document that document rules may use."""

    today: datetime.date | None = None


TextCheck = Callable[[str, TextContext], Iterable[TextSpan]]
DocumentCheck = Callable[["Document", LintContext], Iterable[Finding]]
OptionValues = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: identity, default severity, documentation and exactly one kind of check (none for built-ins)."""

    code: str
    name: str
    category: Category
    severity: Severity
    summary: str
    doc: str
    check_text: TextCheck | None = None
    check_document: DocumentCheck | None = None
    suppressible: bool = True
    elements: tuple[str, ...] = ()
    """The ELEMENTS.md ids (``W-WHAT``, ``R-HOPES``...) whose content this rule checks."""
    clock: bool = False
    """Whether findings depend on today's date (they are then warnings by default and keyed by the date in caches)."""
    options_schema: Mapping[str, Any] | None = None
    """JSON Schema of the rule's options (an object whose properties carry their defaults), if it has any."""
    configure: Callable[[OptionValues], Rule] | None = None
    """Given validated options (defaults filled in), the rule with those options bound into its check."""
