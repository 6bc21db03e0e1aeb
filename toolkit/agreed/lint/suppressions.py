"""Inline suppressions: comments in an agreement that switch a rule off for a line, the next line, or the file.

    deadline: 2031-06-30  # agreed: disable=T308 -- renegotiation of the deadline is under way (PR #41)
    # agreed: disable-next-line=passive-commitment -- the regulator's wording, quoted on purpose
    what: The report will be filed with the authority.
    # agreed: disable-file=V105 -- a superlative is the product's registered name

Rules are named by code or name (not by category), several separated by commas; the reason after `` -- `` is
required. A directive on a line covers that line, and the whole of a text value that starts on it or whose key
does (a folded block scalar, a plain value wrapped onto the lines after its key). Parse and schema errors cannot be
suppressed. A directive without a reason, or naming an unknown rule, a category or a rule that cannot be suppressed
is reported (X002): one without a reason (the editor's placeholder, :data:`REASON_PROMPT`, left as it is counts as
none) suppresses nothing, while a bad name leaves the rules it names rightly in force. One that suppressed nothing
is reported too (X003), so stale suppressions do not pile up.
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Final

from agreed.codes import INVALID_SUPPRESSION, UNUSED_SUPPRESSION
from agreed.document import Document
from agreed.lines import line_col, line_count, split_lines
from agreed.lint.rule import Category, did_you_mean
from agreed.problem import Problem, Severity
from agreed.record import Record
from agreed.text.patterns import Regex

REASON_PROMPT: Final = "REASON: say why this finding does not apply"
"""The reason the editor writes into a new suppression for its author to replace: left as it is, it is no reason
(the directive is reported, X002, and suppresses nothing)."""

_DIRECTIVE = Regex(r"#[ \t]*agreed[ \t]*:[ \t]*(?P<body>.*)$", re.MULTILINE)
_BODY = Regex(r"(?P<kind>disable-file|disable-next-line|disable)\b[ \t]*(?:=[ \t]*(?P<rules>.*?))?"
           r"(?:[ \t]+--(?:[ \t]+(?P<reason>.*?))?)?[ \t]*$")


class Scope(enum.Enum):
    LINE = "disable"
    NEXT_LINE = "disable-next-line"
    FILE = "disable-file"


class Directive(Record):
    """One suppression comment: where it is, what it covers and which rules (by code) it names."""

    line: int
    col: int
    scope: Scope
    codes: tuple[str, ...]
    first_line: int
    last_line: int


class Parsed(Record):
    directives: tuple[Directive, ...]
    problems: tuple[Problem, ...]


_DIRECTIVE_BYTES = re.compile(rb"#[ \t]*agreed[ \t]*:")


def may_hold_directives(raw: bytes) -> bool:
    """A cheap test on a file's bytes: without this, the file holds no suppression comment."""
    return _DIRECTIVE_BYTES.search(raw) is not None


def parse(document: Document, names: Mapping[str, str], unsuppressible: Collection[str]) -> Parsed:
    """The suppression directives of a document; ``names`` maps rule codes and names to codes."""
    candidates = list(_DIRECTIVE.finditer(document.source))
    if not candidates:  # every agreement holds "agreed" (its format key): only a "# agreed:" needs the scalars
        return Parsed((), ())
    directives: list[Directive] = []
    problems: list[Problem] = []
    scalars = _scalar_ranges(document)
    for match in candidates:
        start = match.start()
        if not _is_comment(document.source, start, scalars):
            if _opens_a_line(document.source, start):  # "# agreed: ..." as a line of a block of prose: text
                line, col = line_col(document.source, start)
                problems.append(Problem(document.path, line, col, INVALID_SUPPRESSION, Severity.ERROR,
                                        "this '# agreed:' line is part of the text of a multi-line value, not a "
                                        "comment, so it suppresses nothing: put the directive on the line of the "
                                        "value's key, or above it with disable-next-line"))
            continue
        line, col = line_col(document.source, start)
        directive, issues = _directive(document, line, col, match.group("body"), names, unsuppressible)
        problems += [Problem(document.path, line, col, INVALID_SUPPRESSION, Severity.ERROR, issue) for issue in issues]
        if directive is not None:
            directives.append(directive)
    return Parsed(tuple(directives), tuple(problems))


def _directive(document: Document, line: int, col: int, body: str, names: Mapping[str, str],
               unsuppressible: Collection[str]) -> tuple[Directive | None, list[str]]:
    parsed = _BODY.match(body.strip())
    if parsed is None:
        return None, [f"unreadable suppression '# agreed: {body.strip()}': write "
                      "'# agreed: disable=RULE -- reason' (or disable-next-line, disable-file)"]
    scope = Scope(parsed.group("kind"))
    references = [name.strip() for name in (parsed.group("rules") or "").split(",") if name.strip()]
    issues: list[str] = []
    if any(len(reference.split()) > 1 for reference in references):
        issues.append("rules and reason run together: separate the reason with ' -- ' "
                      f"('# agreed: {scope.value}=RULE -- reason')")
        references = [reference.split()[0] for reference in references]
    if not references:
        issues.append(f"'{scope.value}' names no rule: write '{scope.value}=RULE -- reason'")
    reason = (parsed.group("reason") or "").strip()
    if not reason:
        issues.append(f"suppression of {', '.join(references) or 'nothing'} gives no reason: add ' -- why' "
                      "(the reason is what a reviewer reads)")
    elif reason == REASON_PROMPT:
        issues.append(f"suppression of {', '.join(references) or 'nothing'} still reads '{REASON_PROMPT}': "
                      "replace it with why (the reason is what a reviewer reads)")
    if issues:  # a directive that is not well formed suppresses nothing
        return None, issues
    codes: list[str] = []
    for reference in references:
        code = names.get(reference) or names.get(reference.upper()) or names.get(reference.lower())
        if code is None and reference.lower() in _CATEGORIES:
            issues.append(_category_named(reference.lower()))
        elif code is None:
            hint = did_you_mean(reference, names) or "; see 'agreed rules'"
            issues.append(f"suppression names unknown rule '{reference}'{hint}")
        elif code in unsuppressible:
            issues.append(f"{code} cannot be suppressed: fix the file instead (load and schema errors always count)")
        else:
            codes.append(code)
    if not codes:
        return None, issues
    first, last = _covered_lines(document, scope, line)  # the rules it names rightly still apply
    return Directive(line, col, scope, tuple(codes), first, last), issues


_CATEGORIES: Final = frozenset(category.value for category in Category)


def _category_named(category: str) -> str:
    from agreed.lint.rules import all_rules  # only a directive that names a category needs the rule list

    members = [f"{rule.code} {rule.name}" for rule in all_rules().values() if rule.category.value == category]
    return (f"suppression names the category '{category}': a directive takes rules, not categories; name the rule "
            f"that reports here ({', '.join(members)})")


def _covered_lines(document: Document, scope: Scope, line: int) -> tuple[int, int]:
    if scope is Scope.FILE:
        return 1, line_count(document.source)
    target = line if scope is Scope.LINE else _next_content_line(document.source, line)
    return target, _value_end_line(document, target)


def _next_content_line(source: str, line: int) -> int:
    lines = split_lines(source)
    for number in range(line + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return line + 1


def _value_end_line(document: Document, line: int) -> int:
    """The last line of any text value that starts on ``line``, or whose key does (multi-line prose is covered as a
    whole, also when a plain value starts on the line after its key)."""
    last = line
    starting = [path for path, span in document.values.items() if span.line + 1 == line]
    starting += [path for path, span in document.keys.items() if span.line + 1 == line]
    for path in starting:
        span = document.values.get(path)
        if span is not None and isinstance(document.value_at(path), str):
            last = max(last, line_col(document.source, max(span.start, span.end - 1))[0])
    return last


def _scalar_ranges(document: Document) -> list[tuple[int, int]]:
    """Where scalar content lies; a block scalar's content starts after its header line, which may hold a comment."""
    source = document.source
    ranges = []
    for path, span in document.values.items():
        if isinstance(document.value_at(path), (dict, list)):
            continue
        start = span.start
        if source[start : start + 1] in ("|", ">"):
            start = source.find("\n", start) + 1 or span.end
        ranges.append((start, span.end))
    return sorted(ranges)


def _opens_a_line(source: str, offset: int) -> bool:
    """Whether only blanks stand between the start of the line and ``offset``."""
    line_start = source.rfind("\n", 0, offset) + 1
    return not source[line_start:offset].strip(" \t")


def _is_comment(source: str, offset: int, scalars: Sequence[tuple[int, int]]) -> bool:
    """A ``#`` starts a comment at the start of a line or after white space, outside every scalar."""
    if offset > 0 and source[offset - 1] not in " \t\r\n\ufeff":
        return False
    index = bisect.bisect_right(scalars, (offset, len(source) + 1)) - 1
    return not (index >= 0 and scalars[index][0] <= offset < scalars[index][1])


def apply(path: str, problems: Sequence[Problem], parsed: Parsed, ran: Collection[str],
          unsuppressible: Collection[str]) -> list[Problem]:
    """The problems that no directive covers, the directives' own problems, and unused directives (X003).

    A directive naming a rule that did not run (switched off by configuration) is not reported as unused.
    """
    used: set[tuple[Directive, str]] = set()
    kept: list[Problem] = []
    for problem in problems:
        covering = None if problem.rule in unsuppressible else _covering(parsed.directives, problem)
        if covering is None:
            kept.append(problem)
        else:
            used.add((covering, problem.rule))
    return [*kept, *parsed.problems, *_unused(path, parsed.directives, used, ran)]


def _covering(directives: Sequence[Directive], problem: Problem) -> Directive | None:
    for directive in directives:
        if problem.rule in directive.codes and directive.first_line <= problem.line <= directive.last_line:
            return directive
    return None


def _unused(path: str, directives: Sequence[Directive], used: Collection[tuple[Directive, str]],
            ran: Collection[str]) -> Iterator[Problem]:
    for directive in directives:
        for code in directive.codes:
            if (directive, code) in used or code not in ran:
                continue
            where = {Scope.LINE: "on this line", Scope.NEXT_LINE: f"on line {directive.first_line}",
                     Scope.FILE: "in this file"}[directive.scope]
            yield Problem(path, directive.line, directive.col, UNUSED_SUPPRESSION, Severity.WARNING,
                          f"unused suppression: {code} reports nothing {where}; remove the directive")
