"""The typed contract every lint rule follows.

A rule is a plain module that builds one :class:`Rule` value named ``RULE``; its module docstring is the user
documentation that ``agreed explain`` prints. A rule checks either free-standing prose (``check_text``: a statement
in, character spans out), a whole document (``check_document``: a Document in, findings at JSON paths out), or
every agreement of a run together (``check_repository``: one summary per agreement in, positioned findings out). The
engine, not the rule, turns findings into positioned Problems and applies severities and suppressions.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agreed.problem import Severity

if TYPE_CHECKING:
    from agreed.document import Document, JsonPath
    from agreed.people import Roster


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
    people: Roster | None = None


@dataclass(frozen=True, slots=True)
class PartyEntry:
    """One party as an agreement lists it, with the position of its id."""

    id: str
    name: str | None
    email: str | None
    handle: str | None
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class AgreementSummary:
    """What cross-file rules need to know of one agreement: its id and parties, with positions."""

    path: str
    id: str | None
    line: int
    col: int
    parties: tuple[PartyEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class FileFinding:
    """A cross-file rule's finding, at a position in one of the agreements."""

    path: str
    line: int
    col: int
    message: str


def closest_name(key: str, known: Iterable[str]) -> str | None:
    """The one of ``known`` (rule codes and names, categories) closest to a mistyped ``key``, compared without
    regard to case ("V1O5" finds "V105"); None when none is close enough to suggest."""
    import difflib  # only a mistake pays for it

    by_folded = {name.lower(): name for name in known}
    close = difflib.get_close_matches(key.strip().lower(), list(by_folded), n=1)
    return by_folded[close[0]] if close else None


def did_you_mean(key: str, known: Iterable[str]) -> str:
    """`` (did you mean 'V105'?)`` for a mistyped ``key``, or ``""`` when nothing known is close."""
    close = closest_name(key, known)
    return f" (did you mean '{close}'?)" if close else ""


TextCheck = Callable[[str, TextContext], Iterable[TextSpan]]
DocumentCheck = Callable[["Document", LintContext], Iterable[Finding]]
RepositoryCheck = Callable[[Sequence[AgreementSummary]], Iterable[FileFinding]]
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
    check_repository: RepositoryCheck | None = None
    suppressible: bool = True
    elements: tuple[str, ...] = ()
    """The ELEMENTS.md ids (``W-WHAT``, ``R-HOPES``...) whose content this rule checks."""
    clock: bool = False
    """Whether findings depend on today's date (they are then warnings by default and keyed by the date in caches)."""
    options_schema: Mapping[str, Any] | None = None
    """JSON Schema of the rule's options (an object whose properties carry their defaults), if it has any."""
    configure: Callable[[OptionValues], Rule] | None = None
    """Given validated options (defaults filled in), the rule with those options bound into its check."""
