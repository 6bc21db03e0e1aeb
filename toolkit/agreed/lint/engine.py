"""Run rules over documents and statements; the one place that turns rule findings into Problems."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from agreed import codes
from agreed.codes import INTERNAL_ERROR, SCHEMA_VIOLATION, TEXT_NOT_READ
from agreed.document import Document, JsonPath
from agreed.lines import LINE_BREAK, line_starts
from agreed.lint import suppressions
from agreed.lint.budget import DEFAULT_BUDGET, Cut, TextBudget, break_before, read_length, readings
from agreed.lint.builtin import BUILTIN_RULES
from agreed.lint.config import CUSTOM_TERMS_OPTION
from agreed.lint.rule import Category, DocumentRule, LintContext, RepositoryRule, Rule, TextContext, TextRule, TextSpan
from agreed.problem import Problem, Severity
from agreed.record import Record
from agreed.schema import validate_document

if TYPE_CHECKING:
    from agreed.lint.memo import TextMemo  # only the language server keeps one
    from agreed.lint.rules.scope import Statement


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class StatementFinding:
    """A text rule's finding in a free-standing statement: the finding itself, as every text rule gives it
    (:class:`TextSpan`: ``text[start:end]`` and the message), and the rule that found it, as configured.

    Not a :class:`Problem`: a statement given on its own (:func:`agreed.check_statement`) has no file or line but a
    span with an end, and callers get the rule's name and category with each finding, also for rules outside the
    registry. So the two parts are held, not copied: ``rule`` (the code), ``name``, ``category`` and ``severity``
    read the rule, ``start``, ``end`` and ``message`` the span. ``agreed check-text`` positions these as Problems
    for its text report. Two findings are equal when they say the same (rule, severity, span)."""

    found_by: Rule
    span: TextSpan

    @property
    def rule(self) -> str:
        return self.found_by.code

    @property
    def name(self) -> str:
        return self.found_by.name

    @property
    def category(self) -> Category:
        return self.found_by.category

    @property
    def severity(self) -> Severity:
        return self.found_by.severity

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def message(self) -> str:
        return self.span.message

    def _said(self) -> tuple[str, str, Category, Severity, TextSpan]:
        return self.rule, self.name, self.category, self.severity, self.span

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StatementFinding) and self._said() == other._said()

    def __hash__(self) -> int:  # a rule holding options (a mapping) cannot be hashed itself
        return hash(self._said())

    def __repr__(self) -> str:
        return (f"StatementFinding(rule={self.rule!r}, severity={self.severity.label!r}, start={self.start}, "
                f"end={self.end}, message={self.message!r})")


def default_rules() -> tuple[Rule, ...]:
    from agreed.lint.rules import ALL_RULES

    return ALL_RULES


def check_statement(text: str, rules: Sequence[Rule] | None = None, context: TextContext = TextContext(),
                    allowed_terms: tuple[str, ...] = (), budget: TextBudget = DEFAULT_BUDGET) -> list[StatementFinding]:
    """Findings of the text rules among ``rules`` in one statement, ordered by position; none inside an allowed term,
    and each span of words said once (:func:`one_finding_per_span`, ranked in the order of ``rules``).

    Only the first ``budget.value_chars`` characters are read (a finding says so when there are more), and each
    rule reports at most ``budget.findings_per_value`` findings, then one that counts the rest.
    """
    read = read_length(text, budget.value_chars)
    allowed = _allowed_pattern(allowed_terms)
    text_rules = [rule for rule in (rules if rules is not None else default_rules()) if isinstance(rule, TextRule)]
    found = one_finding_per_span([(rule, allowed_spans(rule, text[:read], context, allowed)) for rule in text_rules])
    findings = [StatementFinding(rule, span) for rule, spans in found
                for span in capped(rule, spans, budget.findings_per_value)]
    if read < len(text):
        findings.append(_not_read_finding(read, len(text), budget))
    return sorted(findings, key=lambda finding: (finding.start, finding.end, finding.rule))


_TEXT_NOT_READ_RULE: Final = next(rule for rule in BUILTIN_RULES if rule.code == TEXT_NOT_READ)


def _not_read_finding(read: int, total: int, budget: TextBudget) -> StatementFinding:
    return text_not_read(read, total, not_read_message(read, total, budget))


def text_not_read(start: int, end: int, message: str) -> StatementFinding:
    """The built-in finding that the text rules did not read ``start`` to ``end`` of a statement, and why."""
    return StatementFinding(_TEXT_NOT_READ_RULE, TextSpan(start, end, message))


def _builtin(code: str) -> codes.BuiltinCode:
    builtin = codes.builtin(code)
    assert builtin is not None, f"{code} is not a built-in code"
    return builtin


def not_read_message(read: int, total: int, budget: TextBudget) -> str:
    return (f"the text rules read only the first {read:,} of this value's {total:,} characters (at most "
            f"{budget.value_chars:,} per value and {budget.document_chars:,} per agreement): the rest was not "
            "checked; shorten the value or split it into several items")


def allowed_spans(rule: TextRule, text: str, context: TextContext, allowed: re.Pattern[str] | None) -> list[TextSpan]:
    """A text rule's spans in ``text`` outside the allowed terms."""
    spans = list(text_spans(rule, text, context))
    if spans and allowed is not None:  # most texts give a rule nothing to report: no allowed terms to look for
        inside_allowed = _allowed_ranges(text, allowed)
        spans = [span for span in spans if not _within(span, inside_allowed)]
    return spans


def capped(rule: TextRule, spans: list[TextSpan], cap: int) -> list[TextSpan]:
    """The first ``cap`` of a rule's spans in one value, then one that counts the rest (at the first not listed)."""
    if len(spans) <= cap:
        return spans
    rest, first_unlisted = len(spans) - cap, spans[cap]
    return [*spans[:cap], TextSpan(first_unlisted.start, first_unlisted.end,
                                   f"and {rest:,} more {rule.code} finding{'s' if rest > 1 else ''} in this value, "
                                   f"not listed one by one (each rule lists at most {cap} per value)")]


ABOUT_THE_WORDS: Final = frozenset({Category.VAGUENESS, Category.TIME})
"""Categories whose findings say that words leave a meaning open (an amount, a quality, a time). Only these take part
in :func:`one_finding_per_span`: a finding about who acts or about how firmly something is promised is another
problem, even in the same words ("should be conducted" hedges and names no actor)."""


def one_finding_per_span(found: Sequence[tuple[TextRule, list[TextSpan]]]) -> list[tuple[TextRule, list[TextSpan]]]:
    """The text findings of one value, each span of words said once: a finding is dropped when another at least as
    severe covers its words, that is lies around them ("some" inside "at some point") or, on the same words, is more
    severe or comes first in the order of the rules (the registry's: the team's declared terms first). So nothing
    gets milder. Only findings about the words' meaning (:data:`ABOUT_THE_WORDS`) take part: the others are all
    kept. A term the team declared vague wins over a built-in finding on words it shares, at most as severe ("Find
    synergies" is the team's "synergy", said once). Rules keep their order, and each its spans' order."""
    found = _declared_terms_first(found)
    ranked = sorted((span.start, -span.end, -rule.severity, rank, index) for rank, (rule, spans) in enumerate(found)
                    if spans and rule.category in ABOUT_THE_WORDS for index, span in enumerate(spans))
    if len(ranked) < 2:  # most values: nothing to compare
        return list(found)
    dropped: set[tuple[int, int]] = set()
    # Every finding that can cover a span sorts before it; per severity, the furthest end of those seen so far.
    reach: dict[Severity, int] = {}
    for _, negative_end, _, rank, index in ranked:
        severity = found[rank][0].severity
        if any(reach.get(level, -1) >= -negative_end for level in _AT_LEAST[severity]):
            dropped.add((rank, index))
        reach[severity] = max(reach.get(severity, -1), -negative_end)
    if not dropped:
        return list(found)
    return [(rule, [span for index, span in enumerate(spans) if (rank, index) not in dropped])
            for rank, (rule, spans) in enumerate(found)]


def _declared_terms_first(
        found: Sequence[tuple[TextRule, list[TextSpan]]]) -> Sequence[tuple[TextRule, list[TextSpan]]]:
    """``found`` less the built-in findings about words that a rule of the team's declared terms also reports."""
    declared = [(rule.severity, span) for rule, spans in found if _declares_terms(rule) for span in spans]
    if not declared:
        return found

    def yields(rule: TextRule, span: TextSpan) -> bool:
        return any(severity >= rule.severity and span.start < term.end and term.start < span.end
                   for severity, term in declared)

    return [(rule, spans) if _declares_terms(rule) or rule.category not in ABOUT_THE_WORDS
            else (rule, [span for span in spans if not yields(rule, span)]) for rule, spans in found]


def _declares_terms(rule: TextRule) -> bool:
    return CUSTOM_TERMS_OPTION in (rule.options_schema or {}).get("properties", {})


_AT_LEAST: Final = {severity: tuple(level for level in Severity if level >= severity) for severity in Severity}


MAX_CHUNK = 2000  # characters a text rule reads at once; keeps the cost of pathological prose linear


def text_spans(rule: TextRule, text: str, context: TextContext) -> Iterator[TextSpan]:
    """A text rule's spans in ``text``, read in sentence-aligned chunks so a huge statement cannot stall a run."""
    if len(text) <= MAX_CHUNK:  # nearly every statement: one chunk at offset 0, the rule's own spans
        return iter(rule.check(text, context))
    return _chunked_spans(rule, text, context)


def _chunked_spans(rule: TextRule, text: str, context: TextContext) -> Iterator[TextSpan]:
    for offset, chunk in _chunks(text):
        for span in rule.check(chunk, context):
            yield TextSpan(span.start + offset, span.end + offset, span.message)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    while len(text) - start > MAX_CHUNK:
        cut = break_before(text, start, start + MAX_CHUNK)
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
    budget: TextBudget = DEFAULT_BUDGET

    def __call__(self, document: Document, memo: TextMemo | None = None) -> list[Problem]:
        """The problems of ``document``; with a ``memo`` (one per buffer, kept by the caller between checks), the
        text rules read again only the values that changed since the last check of the same buffer."""
        problems = validate(document)
        if document.data is None or any(_stops_rules(problem) for problem in problems):
            return problems
        ignored = self.ignored_for(document.path)
        rules = [rule for rule in self.rules if rule.code not in ignored]
        for rule in rules:
            if isinstance(rule, DocumentRule):
                problems.extend(_guarded(rule, document, self.context))
        text_rules = [rule for rule in rules if isinstance(rule, TextRule)]
        if text_rules:
            problems.extend(self._text_problems(document, text_rules, memo))
        registry = _registry()
        parsed = directives(document)
        ran = frozenset(rule.code for rule in rules if not isinstance(rule, RepositoryRule))  # they run later
        return sorted(_said_once(suppressions.apply(document.path, problems, parsed, ran, registry.unsuppressible)))

    def _text_problems(self, document: Document, rules: Sequence[TextRule],
                       memo: TextMemo | None) -> list[Problem]:
        """The text rules' findings in the prose of ``document`` the scope table has them read, within the budget,
        and what the budget left unread."""
        from agreed.lint.rules.scope import statements  # the scope table imports every text rule

        prose, unread = _within_budget(tuple(statements(document)), self.budget)
        if memo is not None:
            memo.begin(self, rules)
        problems = _read_prose(document, rules, prose, _allowed_pattern(self.allowed_terms),
                               self.budget.findings_per_value, memo)
        if memo is not None:
            memo.end()
        not_read = _builtin(TEXT_NOT_READ)
        problems.extend(Problem(document.path, *document.position(item.path), not_read.code, not_read.severity,
                                item.message) for item in unread)
        return problems


def _stops_rules(problem: Problem) -> bool:
    builtin = codes.builtin(problem.rule)
    return builtin is not None and builtin.stops_rules


def _said_once(problems: list[Problem]) -> list[Problem]:
    """A value that breaks the schema and a rule (owner "the team": not an id, and collective) is reported once, by
    the rule, whose message says more; only when the rule reports it as an error, so nothing gets milder."""
    ruled = {(problem.line, problem.col) for problem in problems
             if problem.severity is Severity.ERROR and codes.builtin(problem.rule) is None}
    return [problem for problem in problems
            if not (problem.rule == SCHEMA_VIOLATION and (problem.line, problem.col) in ruled)]


def directives(document: Document) -> suppressions.Parsed:
    """The inline suppressions of a document, resolved against every registered rule."""
    registry = _registry()
    return suppressions.parse(document, registry.names, registry.unsuppressible)


class _Registry(Record):
    names: Mapping[str, str]
    unsuppressible: frozenset[str]


@functools.cache
def _registry() -> _Registry:
    """Every code and name a suppression may refer to, and the codes no suppression may silence."""
    every = (*BUILTIN_RULES, *default_rules())
    names = {rule.code: rule.code for rule in every} | {rule.name: rule.code for rule in every}
    return _Registry(names, frozenset(rule.code for rule in every if not rule.suppressible))


@functools.cache
def _allowed_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(term.strip()).replace(r"\ ", r"\s+") for term in terms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


class _Unread(Record):
    """Prose the text rules did not read (all or part of the value at ``path``), and why."""

    path: JsonPath
    message: str


def _within_budget(prose: Sequence[Statement], budget: TextBudget) -> tuple[list[Statement], list[_Unread]]:
    """The statements cut to what the budget lets the text rules read, and what was left unread."""
    kept: list[Statement] = []
    unread: list[_Unread] = []
    for reading in readings([statement.text for statement in prose], budget):
        statement = prose[reading.at]
        if reading.cut is Cut.SPENT:
            later = len(prose) - reading.at - 1
            unread.append(_Unread(statement.path, _document_budget_message(later, budget)))
        elif reading.cut is Cut.NONE:
            kept.append(statement)
        else:
            unread.append(_Unread(statement.path, not_read_message(reading.read, len(statement.text), budget)))
            kept.append(statement._replace(text=statement.text[: reading.read]))
    return kept, unread


def _document_budget_message(later: int, budget: TextBudget) -> str:
    skipped = "this value was" if not later else f"this value and {later:,} later one{'s' if later > 1 else ''} were"
    return (f"the text rules read at most {budget.document_chars:,} characters of commitment prose per agreement: "
            f"{skipped} not checked; shorten the prose or split the agreement")


def _guarded(rule: DocumentRule, document: Document, context: LintContext) -> list[Problem]:
    """A document rule's problems; one that crashes on odd input yields one internal-error Problem instead of
    stopping the run."""
    try:
        return list(_document_problems(rule, document, context))
    except Exception as error:  # noqa: BLE001 - any defect in one rule must not hide the other findings
        return [_internal_error(document, rule, error)]


def _internal_error(document: Document, rule: Rule, error: Exception) -> Problem:
    return Problem(document.path, 1, 1, INTERNAL_ERROR, Severity.ERROR,
                   f"internal error in rule {rule.code} ({rule.name}): {type(error).__name__}: {error}; "
                   "please report it")


def _document_problems(rule: DocumentRule, document: Document, context: LintContext) -> Iterator[Problem]:
    for finding in rule.check(document, context):
        position = document.key_position if finding.at_key else document.position
        line, col = position(finding.path)
        yield Problem(document.path, line, col, rule.code, rule.severity,
                      f"{document.describe(finding.path)}: {finding.message}")


def _read_prose(document: Document, rules: Sequence[TextRule], prose: Sequence[Statement],
                allowed: re.Pattern[str] | None, cap: int, memo: TextMemo | None = None) -> list[Problem]:
    """The text rules' problems in ``prose``: each statement read by the rules its place in the scope table names,
    each span said once (:func:`one_finding_per_span`). A rule that crashes on odd input yields one internal-error
    Problem and reads no further, instead of stopping the run. What a rule found in a value the ``memo`` holds is
    taken from it, and what it finds anew is added (a crash is not kept: the rule reads that value again)."""
    problems: list[Problem] = []
    broken: dict[str, Problem] = {}
    for statement in prose:
        found: list[tuple[TextRule, list[TextSpan]]] = []
        known = memo.found(statement.text, statement.context) if memo is not None else {}
        for index, rule in enumerate(rules):
            if rule.code in broken or not statement.read_by(rule):
                continue
            try:
                spans = known.get(index)
                if spans is None:
                    spans = known[index] = allowed_spans(rule, statement.text, statement.context, allowed)
                found.append((rule, spans))
            except Exception as error:  # noqa: BLE001 - any defect in one rule must not hide the other findings
                broken[rule.code] = _internal_error(document, rule, error)
        for rule, spans in one_finding_per_span(found):
            for span in capped(rule, spans, cap):
                line, col = document.text_position(statement.path, span.start, span.end)
                end = _end_column(document.source, line, col, statement.text[span.start : span.end])
                problems.append(Problem(document.path, line, col, rule.code, rule.severity, span.message, end))
    return [*problems, *broken.values()]


def _end_column(source: str, line: int, col: int, words: str) -> int:
    """The column just after ``words`` when the source has them as written from ``line``:``col`` on that line, else
    0 (quoting, escapes or folding changed them, or the position fell back to the start of the value)."""
    starts = line_starts(source)
    if not words or not 0 < line <= len(starts):
        return 0
    at = starts[line - 1] + col - 1
    found = source.startswith(words, at) and not LINE_BREAK.search(words)
    return col + len(words) if found else 0


def _allowed_ranges(text: str, allowed: re.Pattern[str] | None) -> list[tuple[int, int]]:
    return [] if allowed is None else [match.span() for match in allowed.finditer(text)]


def _within(span: TextSpan, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(start <= span.start and span.end <= end for start, end in ranges)
