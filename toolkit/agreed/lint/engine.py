"""Run rules over documents and statements; the one place that turns rule findings into Problems."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from agreed.document import Document
from agreed.lint import suppressions
from agreed.lint.commitments import Statement, statements
from agreed.lint.rule import Category, LintContext, Rule, TextContext, TextSpan
from agreed.problem import Problem, Severity
from agreed.schema import SCHEMA_VIOLATION, validate_document

INTERNAL_ERROR = "X001"


@dataclass(frozen=True, slots=True)
class StatementFinding:
    """A text rule's finding in a free-standing statement; ``start:end`` are character offsets."""

    rule: str
    name: str
    category: Category
    severity: Severity
    start: int
    end: int
    message: str


def default_rules() -> tuple[Rule, ...]:
    from agreed.lint.rules import ALL_RULES

    return ALL_RULES


def check_statement(text: str, rules: Sequence[Rule] | None = None, context: TextContext = TextContext(),
                    allowed_terms: tuple[str, ...] = ()) -> list[StatementFinding]:
    """Findings of the text rules in one statement, ordered by position; none inside an allowed term."""
    inside_allowed = _allowed_ranges(text, _allowed_pattern(allowed_terms))
    findings = [
        StatementFinding(rule.code, rule.name, rule.category, rule.severity, span.start, span.end, span.message)
        for rule in (rules if rules is not None else default_rules())
        for span in text_spans(rule, text, context)
        if not _within(span, inside_allowed)
    ]
    return sorted(findings, key=lambda finding: (finding.start, finding.end, finding.rule))


MAX_CHUNK = 2000  # characters a text rule reads at once; keeps the cost of pathological prose linear


def text_spans(rule: Rule, text: str, context: TextContext) -> Iterator[TextSpan]:
    """A text rule's spans in ``text``, read in sentence-aligned chunks so a huge statement cannot stall a run."""
    if rule.check_text is None:
        return
    for offset, chunk in _chunks(text):
        for span in rule.check_text(chunk, context):
            yield TextSpan(span.start + offset, span.end + offset, span.message)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    while len(text) - start > MAX_CHUNK:
        limit = start + MAX_CHUNK
        cut = max(text.rfind(". ", start, limit) + 2, text.rfind("\n", start, limit) + 1)
        if cut <= start + 1:
            cut = text.rfind(" ", start, limit) + 1
        if cut <= start + 1:
            cut = limit
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def validate(document: Document) -> list[Problem]:
    """Load and schema problems only."""
    return sorted([*document.problems, *validate_document(document)])


def lint_document(document: Document, rules: Sequence[Rule] | None = None,
                  context: LintContext = LintContext()) -> list[Problem]:
    """Load, schema and rule problems of one document, ordered by position, inline suppressions applied."""
    return Linter(tuple(rules if rules is not None else default_rules()), context)(document)


def _nothing_ignored(path: str) -> frozenset[str]:
    return frozenset()


@dataclass(frozen=True, slots=True)
class Linter:
    """One configured run: the rules to apply, the facts they may use, what is switched off for which file, and
    the words a team declares precise (``allowed_terms``: no text finding inside them)."""

    rules: tuple[Rule, ...]
    context: LintContext = LintContext()
    ignored_for: Callable[[str], frozenset[str]] = _nothing_ignored
    allowed_terms: tuple[str, ...] = ()

    def __call__(self, document: Document) -> list[Problem]:
        problems = validate(document)
        if document.data is None or any(problem.rule == "S011" for problem in problems):
            return problems
        ignored = self.ignored_for(document.path)
        rules = [rule for rule in self.rules if rule.code not in ignored]
        prose = tuple(statements(document))
        allowed = _allowed_pattern(self.allowed_terms)
        for rule in rules:
            problems.extend(_guarded(rule, document, self.context, prose, allowed))
        registry = _registry()
        parsed = directives(document)
        ran = frozenset(rule.code for rule in rules if rule.check_repository is None)  # cross-file rules run later
        return sorted(_said_once(suppressions.apply(document.path, problems, parsed, ran, registry.unsuppressible)))


def _said_once(problems: list[Problem]) -> list[Problem]:
    """A value that breaks the schema and a rule (owner "the team": not an id, and collective) is reported once, by
    the rule, whose message says more; only when the rule reports it as an error, so nothing gets milder."""
    ruled = {(problem.line, problem.col) for problem in problems
             if problem.severity is Severity.ERROR and problem.rule[0] not in "SX"}
    return [problem for problem in problems
            if not (problem.rule == SCHEMA_VIOLATION and (problem.line, problem.col) in ruled)]


def directives(document: Document) -> suppressions.Parsed:
    """The inline suppressions of a document, resolved against every registered rule."""
    registry = _registry()
    return suppressions.parse(document, registry.names, registry.unsuppressible)


@dataclass(frozen=True, slots=True)
class _Registry:
    names: Mapping[str, str]
    unsuppressible: frozenset[str]


@functools.cache
def _registry() -> _Registry:
    """Every code and name a suppression may refer to, and the codes no suppression may silence."""
    from agreed.lint.builtin import BUILTIN_RULES

    every = (*BUILTIN_RULES, *default_rules())
    names = {rule.code: rule.code for rule in every} | {rule.name: rule.code for rule in every}
    unsuppressible = frozenset(rule.code for rule in every if not rule.suppressible)
    return _Registry(names, unsuppressible | {suppressions.INVALID_SUPPRESSION, suppressions.UNUSED_SUPPRESSION})


@functools.cache
def _allowed_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(term.strip()).replace(r"\ ", r"\s+") for term in terms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _guarded(rule: Rule, document: Document, context: LintContext, prose: Sequence[Statement],
             allowed: re.Pattern[str] | None) -> list[Problem]:
    """A rule that crashes on odd input yields one internal-error Problem instead of stopping the run."""
    try:
        return list(_run_rule(rule, document, context, prose, allowed))
    except Exception as error:  # noqa: BLE001 - any defect in one rule must not hide the other findings
        return [Problem(document.path, 1, 1, INTERNAL_ERROR, Severity.ERROR,
                        f"internal error in rule {rule.code} ({rule.name}): {type(error).__name__}: {error}; "
                        "please report it")]


def _run_rule(rule: Rule, document: Document, context: LintContext, prose: Sequence[Statement],
              allowed: re.Pattern[str] | None) -> Iterator[Problem]:
    if rule.check_document is not None:
        for finding in rule.check_document(document, context):
            position = document.key_position if finding.at_key else document.position
            line, col = position(finding.path)
            yield Problem(document.path, line, col, rule.code, rule.severity,
                          f"{document.describe(finding.path)}: {finding.message}")
    if rule.check_text is not None:
        for statement in prose:
            inside_allowed = _allowed_ranges(statement.text, allowed)
            for span in text_spans(rule, statement.text, statement.context):
                if _within(span, inside_allowed):
                    continue
                line, col = document.text_position(statement.path, span.start, span.end)
                yield Problem(document.path, line, col, rule.code, rule.severity, span.message)


def _allowed_ranges(text: str, allowed: re.Pattern[str] | None) -> list[tuple[int, int]]:
    return [] if allowed is None else [match.span() for match in allowed.finditer(text)]


def _within(span: TextSpan, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(start <= span.start and span.end <= end for start, end in ranges)


def at_or_above(problems: Iterable[Problem], threshold: Severity | None) -> bool:
    """Whether any problem reaches ``threshold`` (None: never)."""
    return threshold is not None and any(problem.severity >= threshold for problem in problems)
