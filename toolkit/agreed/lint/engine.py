"""Run rules over documents and statements; the one place that turns rule findings into Problems."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from agreed.document import Document
from agreed.lint.commitments import Statement, statements
from agreed.lint.rule import Category, LintContext, Rule, TextContext, TextSpan
from agreed.problem import Problem, Severity
from agreed.schema import validate_document

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


def check_statement(text: str, rules: Sequence[Rule] | None = None,
                    context: TextContext = TextContext()) -> list[StatementFinding]:
    """Findings of the text rules in one statement, ordered by position."""
    findings = [
        StatementFinding(rule.code, rule.name, rule.category, rule.severity, span.start, span.end, span.message)
        for rule in (rules if rules is not None else default_rules())
        for span in text_spans(rule, text, context)
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
    """Load, schema and rule problems of one document, ordered by position."""
    problems = validate(document)
    if document.data is None or any(problem.rule == "S011" for problem in problems):
        return problems
    prose = tuple(statements(document))
    for rule in rules if rules is not None else default_rules():
        problems.extend(_guarded(rule, document, context, prose))
    return sorted(problems)


def _guarded(rule: Rule, document: Document, context: LintContext, prose: Sequence[Statement]) -> list[Problem]:
    """A rule that crashes on odd input yields one internal-error Problem instead of stopping the run."""
    try:
        return list(_run_rule(rule, document, context, prose))
    except Exception as error:  # noqa: BLE001 - any defect in one rule must not hide the other findings
        return [Problem(document.path, 1, 1, INTERNAL_ERROR, Severity.ERROR,
                        f"internal error in rule {rule.code} ({rule.name}): {type(error).__name__}: {error}; "
                        "please report it")]


def _run_rule(rule: Rule, document: Document, context: LintContext,
              prose: Sequence[Statement]) -> Iterator[Problem]:
    if rule.check_document is not None:
        for finding in rule.check_document(document, context):
            position = document.key_position if finding.at_key else document.position
            line, col = position(finding.path)
            yield Problem(document.path, line, col, rule.code, rule.severity,
                          f"{document.describe(finding.path)}: {finding.message}")
    if rule.check_text is not None:
        for statement in prose:
            for span in text_spans(rule, statement.text, statement.context):
                line, col = document.text_position(statement.path, span.start, span.end)
                yield Problem(document.path, line, col, rule.code, rule.severity, span.message)


def at_or_above(problems: Iterable[Problem], threshold: Severity | None) -> bool:
    """Whether any problem reaches ``threshold`` (None: never)."""
    return threshold is not None and any(problem.severity >= threshold for problem in problems)
