"""The lint run: one service behind ``agreed lint``, ``agreed validate``, ``agreed check-text`` and :mod:`agreed.api`.

From the files to check (and the document read from standard input), a configuration and a context, it wires the
whole run: the configured linter, the batch over many files (on workers, through the result cache when one is
given), the cross-file rules over the agreements' summaries, and the inline suppressions of the files they report
in. It returns a :class:`LintResult`; callers render it. Free-standing statements (one per line) go through the
configuration's text rules alone (:func:`check_statements`). Nothing here prints, exits or reads the environment: where
the cache lives and whether to use colour are the caller's to decide.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from agreed.codes import TOO_LARGE, UNREADABLE
from agreed.document import Document, decode_text
from agreed.lines import split_lines
from agreed.lint.batch import Check, Checked, Source, check_agreements
from agreed.lint.budget import DEFAULT_BUDGET, Cut, TextBudget, readings
from agreed.lint.context import AgreementSummary, LintContext
from agreed.lint.facts import ConfigFacts
from agreed.problem import Problem, Severity
from agreed.reading import Unreadable, Why, read_file
from agreed.record import Record
from agreed.sources import CHECKED, Kind, Selection, display_path, display_paths, repository_root, select

if TYPE_CHECKING:
    from agreed.cache import CacheFolder
    from agreed.lint import suppressions
    from agreed.lint.cache_codec import ResultCache
    from agreed.lint.config import LintConfig
    from agreed.lint.engine import Linter, StatementFinding

# The engine, the rules and the configuration's resolution are imported where a file or a statement is checked, not
# here: a run whose every file is in the result cache never loads them.


class Configuration:
    """A run's configuration: its facts at once, the whole of it (rules included) resolved on first use and kept."""

    __slots__ = ("_resolve", "_resolved", "facts")

    def __init__(self, facts: ConfigFacts, resolve: Callable[[], LintConfig]) -> None:
        self.facts = facts
        self._resolve = resolve
        self._resolved: LintConfig | None = None

    @classmethod
    def of(cls, config: LintConfig) -> Configuration:
        """A configuration already resolved."""
        made = cls(config.facts, lambda: config)
        made._resolved = config
        return made

    @property
    def resolved(self) -> LintConfig:
        if self._resolved is None:
            self._resolved = self._resolve()
        return self._resolved


@dataclass(frozen=True, slots=True)
class Inputs:
    """What one run checks: files (each with the name it is reported under) and, optionally, a document already
    read (standard input)."""

    sources: tuple[Source, ...]
    stdin: Document | None = None

    @property
    def count(self) -> int:
        return len(self.sources) + (self.stdin is not None)

    @classmethod
    def of(cls, files: Sequence[Path], base: Path, stdin: Document | None = None) -> Inputs:
        """The files, each reported under its path relative to ``base`` (:func:`agreed.sources.display_path`)."""
        return cls(tuple(zip(files, display_paths(files, base), strict=True)), stdin)


class LintResult(Record):
    """The problems of a run, sorted by file and position, and how many files were checked."""

    problems: tuple[Problem, ...]
    files: int

    def counts(self) -> Counter[Severity]:
        return Counter(problem.severity for problem in self.problems)


class CheckedLine(Record):
    """One statement: its line number (from 1), its text and what the text rules found in it."""

    number: int
    text: str
    findings: tuple[StatementFinding, ...]


def selection(paths: Sequence[str], config: ConfigFacts | LintConfig | None = None,
              kinds: Collection[Kind] = CHECKED) -> Selection:
    """The files of ``kinds`` the paths name (folders searched), filtered by the configuration's include and exclude
    patterns: a file found in a folder must be included, a file named is kept unless excluded."""
    if config is None:
        return select(paths, kinds=kinds)

    def wanted(path: Path, named: bool) -> bool:
        return not config.excluded(path) and (named or config.included(path))

    return select(paths, wanted, kinds)


def lint_context(config: ConfigFacts | LintConfig, today: datetime.date, base: Path) -> LintContext:
    """The facts rules may use: ``today`` and the people roster the configuration names (shown relative to
    ``base``). A roster named that cannot be read, or lies outside the repository, raises :class:`ConfigError` at the
    ``people:`` setting (:func:`agreed.people.load_named_roster`); one that is invalid,
    :class:`agreed.people.RosterError`."""
    if config.people is None:
        return LintContext(today=today)
    from agreed.lint.config import ConfigError
    from agreed.people import RosterSetting, RosterSettingError, load_named_roster

    shown = display_path(config.people, base)
    where, line, col = config.people_at or (shown, 1, 1)
    try:
        roster = load_named_roster(config.people, shown, RosterSetting(where, line, col), repository_root(config.root))
    except RosterSettingError as error:
        raise ConfigError(list(error.problems)) from error
    return LintContext(today=today, people=roster)


def linter(config: LintConfig | None, context: LintContext) -> Linter:
    """The per-file check of a run: the configuration's rules, ignores and allowed terms; the defaults without one."""
    from agreed.lint.engine import Linter, default_rules

    if config is None:
        return Linter(default_rules(), context)
    return Linter(config.rules, context, config.ignored_codes, config.allowed_terms)


def lint_document(document: Document, context: LintContext, config: LintConfig | None = None) -> list[Problem]:
    """Load, schema and rule problems of one document, ordered by position, inline suppressions applied."""
    return linter(config, context)(document)


def validate_document(document: Document) -> list[Problem]:
    """Load and schema problems of one document (no rules)."""
    from agreed.lint.engine import validate

    return validate(document)


def lint(inputs: Inputs, config: LintConfig | Configuration, context: LintContext, *, jobs: int = 0,
         cache: ResultCache | None = None) -> LintResult:
    """Every input linted as the configuration says, then the cross-file rules over the agreements among them. The
    cache, when given, is saved. A :class:`Configuration` is resolved (its rules loaded) only when some file, or the
    cross-file rules, must be checked: not when the cache holds every result."""
    lazy = config if isinstance(config, Configuration) else Configuration.of(config)
    checked = _checked(inputs, lambda: linter(lazy.resolved, context), jobs, cache, with_summaries=True)
    cross_file = _cross_file(inputs, lazy, checked.summaries, cache)
    if cache is not None:
        cache.save()
    return LintResult(tuple(sorted([*checked.problems, *cross_file])), inputs.count)


def _cross_file(inputs: Inputs, lazy: Configuration, summaries: Sequence[AgreementSummary],
                cache: ResultCache | None) -> list[Problem]:
    """The findings of the cross-file rules; from the cache when these very files were checked together before
    (standard input is never cached)."""
    run_key = cache.run_key(len(inputs.sources)) if cache is not None and inputs.stdin is None else None
    if cache is not None and run_key is not None:
        found = cache.cross_file(run_key)
        if found is not None:
            return found
    from agreed.lint.repository import check_repository

    files = {shown: path for path, shown in inputs.sources}
    config = lazy.resolved
    problems = check_repository(summaries, config.rules, config.ignored_codes,
                                lambda shown: _directives_of(files.get(shown, Path(shown)), shown))
    if cache is not None and run_key is not None:
        cache.store_cross_file(run_key, problems)
    return problems


def validate_inputs(inputs: Inputs, *, jobs: int = 0) -> LintResult:
    """Load and schema problems of every input."""
    return LintResult(tuple(sorted(_checked(inputs, lambda: validate_document, jobs, None,
                                            with_summaries=False).problems)), inputs.count)


def check_statement(text: str, config: LintConfig | None = None) -> list[StatementFinding]:
    """Findings of the configuration's text rules (the defaults without one) in one free-standing statement, ordered
    by position; none inside the configuration's allowed terms."""
    return _statement_check(config)(text)


def check_statements(lines: Sequence[str], config: LintConfig | None = None,
                     budget: TextBudget = DEFAULT_BUDGET) -> tuple[CheckedLine, ...]:
    """Each line a statement, with what :func:`check_statement` finds in it; numbered from 1.

    The input as a whole is read within ``budget`` as lint reads one agreement's prose: each line up to
    ``budget.value_chars`` characters, all lines together up to ``budget.document_chars``. What the budget leaves
    unread is said by one X004 finding where reading stopped; the lines after it are listed, without findings."""
    check = _statement_check(config, budget)
    checked: list[CheckedLine] = []
    for reading in readings(lines, budget):
        number, line = reading.at + 1, lines[reading.at]
        if reading.cut in (Cut.NONE, Cut.VALUE):  # a line's own cap is the statement check's to apply and say
            checked.append(CheckedLine(number, line, tuple(check(line))))
            continue
        stopped = _input_not_read(reading.read, line, len(lines) - number, budget)
        checked.append(CheckedLine(number, line, (*(check(line[: reading.read]) if reading.read else ()), stopped)))
        checked.extend(CheckedLine(after, text, ()) for after, text in enumerate(lines[number:], start=number + 1))
        break
    return tuple(checked)


def _input_not_read(read: int, line: str, later: int, budget: TextBudget) -> StatementFinding:
    """The finding that the input's budget stopped the text rules ``read`` characters into ``line``, which has
    ``later`` lines after it."""
    after = "" if not later else " and the line after it" if later == 1 else f" and the {later:,} lines after it"
    if read:
        unread = (f"only the first {read:,} of this line's {len(line):,} characters were read; "
                  f"the rest{after} {'were' if later else 'was'} not checked")
    else:
        unread = f"this line{after} {'were' if later else 'was'} not checked"
    message = (f"the text rules read at most {budget.document_chars:,} characters of one input: {unread}; "
               "shorten the input or split it into several")
    from agreed.lint.engine import text_not_read

    return text_not_read(read, len(line), message)


def _statement_check(config: LintConfig | None,
                     budget: TextBudget = DEFAULT_BUDGET) -> Callable[[str], list[StatementFinding]]:
    """The check of one statement: the text rules of ``config`` (the defaults without one) and its allowed terms,
    within the budget of one value."""
    from agreed.lint import engine
    from agreed.lint.rule import TextRule

    chosen = config.rules if config is not None else engine.default_rules()
    rules = [rule for rule in chosen if isinstance(rule, TextRule)]
    allowed_terms = config.allowed_terms if config is not None else ()
    return lambda text: engine.check_statement(text, rules, allowed_terms=allowed_terms, budget=budget)


def statement_lines(raw: bytes | Unreadable, shown: str) -> list[str] | Problem:
    """The statements (lines) of an input read through :mod:`agreed.reading` and decoded as agreements are, or the
    problem that stops it, as lint reports an agreement it cannot read (``shown`` names the input)."""
    if isinstance(raw, Unreadable):
        code = TOO_LARGE if raw.why is Why.TOO_LARGE else UNREADABLE
        return Problem(shown, 1, 1, code, Severity.ERROR, raw.reason)
    text, problem = decode_text(raw, shown)
    return problem if problem is not None else split_lines(text)


def _checked(inputs: Inputs, check: Callable[[], Check], jobs: int, cache: ResultCache | None, *,
             with_summaries: bool) -> Checked:
    """Problems of every input in input order and, ``with_summaries``, the summaries cross-file rules read; ``check``
    makes the check of one document, called only when a document must be checked."""
    summarise = _summarise if with_summaries else None
    found = check_agreements(inputs.sources, check, jobs, cache, summarise)
    if inputs.stdin is None:
        return found
    summary = summarise(inputs.stdin) if summarise is not None else None
    return Checked(found.problems + check()(inputs.stdin),
                   found.summaries + ([summary] if summary is not None else []))


def _summarise(document: Document) -> AgreementSummary | None:
    from agreed.lint.repository import summarise

    return summarise(document)


def _directives_of(path: Path, shown: str) -> suppressions.Parsed:
    """Inline suppressions of a file with cross-file findings: read again, and parsed only if it has any."""
    from agreed.document import load_document
    from agreed.lint import suppressions
    from agreed.lint.engine import directives

    none = suppressions.Parsed((), ())
    raw = read_file(path)
    if isinstance(raw, Unreadable) or not suppressions.may_hold_directives(raw):
        return none
    document = load_document(raw, shown)
    return directives(document) if document.data is not None else none


def result_cache(folder: CacheFolder, config: ConfigFacts | LintConfig, context: LintContext) -> ResultCache:
    """The result cache in ``folder`` for this configuration and context.

    The salt holds what changes every file's result (agreed's code, the configuration's settings and where it is, the
    roster, the date when a clock rule is on); the cache adds, per file, the codes per-file ignores switch off."""
    from agreed.cache import code_stamp
    from agreed.lint.cache_codec import ResultCache

    facts = config.facts if not isinstance(config, ConfigFacts) else config
    roster = context.people.fingerprint if context.people is not None else ""
    source = str(facts.source.resolve()) if facts.source is not None else ""
    salt = json.dumps([code_stamp(), facts.fingerprint, source, str(facts.root), roster,
                       context.today.isoformat() if facts.clock and context.today else ""])
    salt_digest = hashlib.sha256(salt.encode("utf-8", "surrogatepass")).hexdigest()
    if facts.per_file_ignores:
        return ResultCache(folder, salt_digest, facts.ignored_codes)
    return ResultCache(folder, salt_digest)


def remembered_configuration(source: Path | None, root: Path, base: Path, folder: CacheFolder | None,
                             resolve: Callable[[], LintConfig]) -> Configuration:
    """The run's configuration from the configuration file ``source`` (None: the defaults) that applies in ``root``,
    which ``resolve`` reads and resolves, showing paths relative to ``base`` (where a roster error points).

    With a cache ``folder``, the facts of a configuration resolved before (the same bytes, under the same code) are
    taken from it, and ``resolve`` runs only when a file must be checked; otherwise it runs now, and the facts are
    kept when the file did not change meanwhile."""
    from agreed.lint.cache_codec import FactsMemo

    raw = b"" if source is None else read_file(source)
    if folder is None or isinstance(raw, Unreadable):  # an unreadable file: resolving it says why
        return Configuration.of(resolve())
    memo = FactsMemo(folder, source, root, base, raw)
    facts = memo.recall()
    if facts is not None:
        return Configuration(facts, resolve)
    config = resolve()
    if source is None or read_file(source) == raw:
        memo.keep(config.facts)
    return Configuration.of(config)
