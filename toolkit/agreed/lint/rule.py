"""The typed contract every lint rule follows.

A rule is a plain module that builds one rule value named ``RULE``; its module docstring is the user documentation
that ``agreed explain`` prints, and the docstring's first line is the rule's summary (``agreed rules``, SARIF). The
type of the value says which kind of check the rule is: a :class:`TextRule` checks free-standing prose (a statement
in, character spans out), a :class:`DocumentRule` a whole document (a Document in, findings at JSON paths out), a
:class:`RepositoryRule` every agreement of a run together (one summary per agreement in, positioned Problems out).
A :class:`BuiltinRule` documents a check built into loading, the schema or the engine: it has no check of its own and
cannot be suppressed. Each kind holds exactly one check, so a rule with none or with two cannot be built. The engine,
not the rule, turns text and document findings into positioned Problems, and applies the configured severities and
the suppressions to every kind.

The values rules take and give (spans, paths, contexts, summaries) are named tuples, which cost a fraction of a
dataclass to define. The context and the summaries are defined in :mod:`agreed.lint.context`, which a run whose every
result is cached imports without this module.
"""

from __future__ import annotations

import abc
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Self

from agreed.lint.context import AgreementSummary as AgreementSummary
from agreed.lint.context import LintContext as LintContext
from agreed.lint.context import PartyEntry as PartyEntry
from agreed.problem import Problem, Severity
from agreed.record import Record

if TYPE_CHECKING:
    from agreed.document import Document, JsonPath


class Category(enum.Enum):
    VAGUENESS = "vagueness"
    WEAK_VERB = "weak-verb"
    ACCOUNTABILITY = "accountability"
    TIME = "time"
    STRUCTURE = "structure"
    FRAMING = "framing"
    RESULTS = "results"
    CELEBRATION = "celebration"
    RELATIONSHIP = "relationship"
    PRECONDITIONS = "preconditions"
    CROSS_FILE = "cross-file"


class TextSpan(Record):
    """A finding inside one piece of prose: ``text[start:end]`` is what the message is about."""

    start: int
    end: int
    message: str


class TextContext(Record):
    """What the surroundings of a statement tell a text rule.

    ``measured``: the statement's item carries numbers or an acceptance criterion in its own fields.
    ``owned``: the statement's item names exactly one accountable owner in a field of its own (a deliverable's
    ``owner``).
    ``party``: the id of the party whose own entry holds the words (its ``commits``, ``gives``...): the party
    commits, so a bare imperative names its actor, while a group such as "we" or "the team" still names nobody.
    ``standing``: the words state a standing practice, how someone acts each time its occasion comes (a relationship
    answer, a party's commitments, how check-ins run), not something delivered once: a time there is placed by
    that occasion ("within 2 working days", "at the next check-in") and is no deadline to give a calendar day,
    while a time vague in itself ("promptly", "soon") is as vague as anywhere.
    ``dated``: the statement's item gives its own calendar day in a field (a milestone's ``due``, the day results are
    communicated): an event it happens at ("a slot at the all-hands") falls on that day.
    ``partners``: the words are an answer the partners give together (how they talk, disagree, warn each other, run
    check-ins): the names they go by (each party's id and name), or None for any other words. Their acting together
    ("we", "both of us", "Helen and Rafael") is the shared practice such an answer asks for, not a group that owes
    it; anyone else ("the team", "someone", "management") still names nobody.
    ``counted``: the words name what is counted (a target's ``metric``), whose time is in fields of its own: a
    period with its year there ("merchants signed in Q1 2032") is the window of the count, never a deadline.
    Free-standing statements (``agreed check-text``) have none of these.
    """

    measured: bool = False
    owned: bool = False
    party: str | None = None
    standing: bool = False
    dated: bool = False
    partners: tuple[str, ...] | None = None
    counted: bool = False


class AtPath(Record):
    """A document rule's finding at a JSON path, not yet positioned (the engine turns it into a Problem at that
    path's line and column); ``at_key`` points at the key rather than its value."""

    path: JsonPath
    message: str
    at_key: bool = False


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
DocumentCheck = Callable[["Document", LintContext], Iterable[AtPath]]
RepositoryCheck = Callable[[Sequence[AgreementSummary]], Iterable[Problem]]
OptionValues = Mapping[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule(abc.ABC):
    """What every kind of rule shares: identity, default severity and documentation (whose first line is the
    summary). Abstract: a rule is one of the kinds below."""

    suppressible: ClassVar[bool] = True
    """Whether an inline suppression may silence the rule's findings (never for built-in checks)."""

    code: str
    name: str
    category: Category
    severity: Severity
    doc: str
    """The rule's documentation, its module docstring: a one-line summary, then the explanation and examples."""
    elements: tuple[str, ...] = ()
    """The ELEMENTS.md ids (``W-WHAT``, ``R-HOPES``...) whose content this rule checks."""
    clock: bool = False
    """Whether findings depend on today's date (they are then warnings by default and keyed by the date in caches)."""
    options_schema: Mapping[str, Any] | None = None
    """JSON Schema of the rule's options (an object whose properties carry their defaults), if it has any."""
    configure: Callable[[OptionValues], Self] | None = None
    """Given validated options (defaults filled in), the rule with those options bound into its check."""

    def __post_init__(self) -> None:
        if not self.summary.strip():
            raise ValueError(f"rule {self.code} has no summary: its doc must start with a one-line summary")

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        return self.doc.partition("\n")[0]

    @property
    @abc.abstractmethod
    def kind(self) -> str:
        """What the rule checks: "text", "document", "repository" or "built-in"."""


def _require_check(rule: Rule, check: object) -> None:
    if not callable(check):
        raise TypeError(f"{type(rule).__name__} {rule.code} needs a check function, not {check!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class TextRule(Rule):
    """A rule over prose: each commitment statement of a document, or a free-standing one (``agreed check-text``)."""

    check: TextCheck

    def __post_init__(self) -> None:
        super(TextRule, self).__post_init__()
        _require_check(self, self.check)

    @property
    def kind(self) -> str:
        return "text"


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentRule(Rule):
    """A rule over one whole document, reporting at JSON paths."""

    check: DocumentCheck

    def __post_init__(self) -> None:
        super(DocumentRule, self).__post_init__()
        _require_check(self, self.check)

    @property
    def kind(self) -> str:
        return "document"


@dataclass(frozen=True, slots=True, kw_only=True)
class RepositoryRule(Rule):
    """A cross-file rule over the summaries of every agreement in a run; its check builds its findings with
    :meth:`problem`, as positioned Problems in one of the agreements."""

    check: RepositoryCheck

    def __post_init__(self) -> None:
        super(RepositoryRule, self).__post_init__()
        _require_check(self, self.check)

    def problem(self, path: str, line: int, col: int, message: str) -> Problem:
        """A finding of this rule at ``line`` and ``col`` of ``path``, with the rule's code and default severity (the
        engine applies the configured severity)."""
        return Problem(path, line, col, self.code, self.severity, message)

    @property
    def kind(self) -> str:
        return "repository"


@dataclass(frozen=True, slots=True, kw_only=True)
class BuiltinRule(Rule):
    """A check built into loading, schema validation, configuration or the engine: listed and explained like a rule,
    run by the engine itself, never suppressed."""

    suppressible: ClassVar[bool] = False

    @property
    def kind(self) -> str:
        return "built-in"
