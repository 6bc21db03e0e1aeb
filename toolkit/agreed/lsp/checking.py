"""An unsaved buffer linted as ``agreed lint`` lints its file: the nearest configuration (``.agreed.yaml`` or
``pyproject.toml``, searched from the file's folder), its rules, severities and roster, then the cross-file rules
against the other agreements on disk.

The other agreements are those under ``contracts/`` at the repository root (what ``agreed lint`` reads without a
path) and those in the buffer's own folder, each as its open buffer last loaded when it has one; the buffer is
compared after them all, so an id it shares with one of them is reported in the buffer whichever file's path sorts
first. Each file is summarised once and read again only when its size or modification time changes, so a keystroke
re-reads nothing from disk. Configurations are cached the same way. What the text rules found in each value of a
buffer is kept for its next check (:class:`agreed.lint.memo.TextMemo`, one per file), so an edit has the rules read
only the values it changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from agreed.codes import CONFIG_ERROR
from agreed.document import Document, load_document, read_document
from agreed.lint import run as lint_run
from agreed.lint import suppressions
from agreed.lint.config import ConfigError, LintConfig, default_config, load_config
from agreed.lint.engine import Linter, directives
from agreed.lint.memo import TextMemo
from agreed.lint.repository import check_repository, summarise
from agreed.lint.rule import AgreementSummary
from agreed.people import RosterError
from agreed.problem import Problem, Severity
from agreed.record import Record
from agreed.settings import CONFIG_FILE, find_config
from agreed.sources import CHECKED, default_folder, display_path, kind_of, repository_root

Stamp = tuple[int, int]  # a file's modification time (ns) and size: when either changes, it is read again


class Checked(Record):
    """One check of a buffer: the document it loaded to (``data`` None when it did not parse) and its problems."""

    document: Document
    problems: tuple[Problem, ...]


@dataclass(slots=True)
class _Configured:
    """A configuration as read at ``stamp``, with the linter it builds (or the problems that make it unusable)."""

    stamp: Stamp | None
    config: LintConfig
    linter: Linter
    problems: tuple[Problem, ...] = ()


@dataclass(slots=True)
class BufferChecker:
    """Lints buffers by file path; ``today`` gives the date the clock rules compare with (read at each check).
    ``reuse`` keeps the text rules' findings in each value from one check of a file to the next (off, every check
    reads every value, as ``agreed lint`` does)."""

    today: Callable[[], datetime.date] = datetime.date.today
    reuse: bool = True
    _configs: dict[Path | None, _Configured] = field(default_factory=dict)
    _summaries: dict[Path, tuple[Stamp, AgreementSummary | None]] = field(default_factory=dict)
    _memos: dict[Path, TextMemo] = field(default_factory=dict)

    def check(self, file: Path, text: str, unsaved: Mapping[Path, Document] | None = None) -> Checked:
        """Schema, every configured rule and the cross-file rules for ``text``, the unsaved content of ``file``;
        the other agreements compared are read from disk, except those in ``unsaved`` (other open buffers, by
        absolute path), whose text there is compared instead. A configuration that cannot be used is reported at
        the top of the buffer and the defaults apply. A file ``agreed lint`` would not check as an agreement (a
        consent record, the configuration, a file the configuration excludes) is loaded and not checked."""
        file = file.absolute()
        configured = self._configured(file)
        document = load_document(text.encode("utf-8", "surrogatepass"), str(file))
        if not _checked_as_agreement(file, configured.config):
            return Checked(document, ())
        problems = configured.linter(document, self._memo(file))
        if document.data is not None:
            problems += self._cross_file(file, document, configured.config, unsaved or {})
        return Checked(document, tuple(sorted([*configured.problems, *problems])))

    def forget(self, file: Path) -> None:
        """The buffer of ``file`` is closed: what was kept of its values is dropped."""
        self._memos.pop(file.absolute(), None)

    def config_for(self, file: Path) -> LintConfig:
        return self._configured(file.absolute()).config

    def _memo(self, file: Path) -> TextMemo | None:
        return self._memos.setdefault(file, TextMemo()) if self.reuse else None

    def _configured(self, file: Path) -> _Configured:
        source = find_config(next(folder for folder in file.parents if folder.is_dir()))
        stamp = _stamp(source) if source is not None else None
        known = self._configs.get(source)
        if known is None or known.stamp != stamp or known.linter.context.today != self.today():
            known = self._read_config(source, stamp, file)
            self._configs[source] = known
        return known

    def _read_config(self, source: Path | None, stamp: Stamp | None, file: Path) -> _Configured:
        from agreed.lint.rules import ALL_RULES

        defaults = default_config(file.parent, ALL_RULES)
        problems: tuple[Problem, ...] = ()
        config = defaults
        if source is not None:
            try:
                config = load_config(source, ALL_RULES, shown=str(source))
            except ConfigError as error:
                problems = _at_top(file, error.problems, "the configuration is invalid; the defaults apply")
        try:
            context = lint_run.lint_context(config, self.today(), config.root)
        except (ConfigError, RosterError) as error:  # a roster that cannot be read or is invalid
            problems += _at_top(file, error.problems, "the people roster is unusable; checked without it")
            config = defaults
            context = lint_run.lint_context(config, self.today(), config.root)
        return _Configured(stamp, config, lint_run.linter(config, context), problems)

    def _cross_file(self, file: Path, document: Document, config: LintConfig,
                    unsaved: Mapping[Path, Document]) -> list[Problem]:
        buffer = summarise(document)
        if buffer is None:
            return []
        base = repository_root(file.parent) or file.parent
        summaries = [summary for peer in _peers(file, config)
                     if (summary := self._peer_summary(peer, display_path(peer, base), unsaved)) is not None]
        shown = display_path(file, base)
        buffer = buffer._replace(path=shown)

        def directives_of(path: str) -> suppressions.Parsed:
            return directives(document) if path == shown else suppressions.Parsed((), ())

        found = check_repository([*summaries, buffer], config.rules, config.ignored_codes, directives_of, shown)
        return [problem._replace(path=document.path) for problem in found if problem.path == shown]

    def _peer_summary(self, peer: Path, shown: str, unsaved: Mapping[Path, Document]) -> AgreementSummary | None:
        """What is compared of ``peer``: its open buffer's last text that loaded, else the file on disk."""
        opened = unsaved.get(peer)
        if opened is None:
            return self._summary(peer, shown)
        summary = summarise(opened)
        return summary._replace(path=shown) if summary is not None else None

    def _summary(self, peer: Path, shown: str) -> AgreementSummary | None:
        stamp = _stamp(peer)
        known = self._summaries.get(peer)
        if known is not None and known[0] == stamp and (known[1] is None or known[1].path == shown):
            return known[1]
        summary = summarise(read_document(peer, shown))
        self._summaries[peer] = (stamp, summary)
        return summary


def _peers(file: Path, config: LintConfig) -> list[Path]:
    """The other agreements ``file`` is compared with: those ``agreed lint`` reads without a path (``contracts/`` at
    the repository root) and those of ``file``'s own folder, as ``agreed lint FOLDER contracts`` reads them."""
    folders = [folder for folder in dict.fromkeys((default_folder(file.parent), file.parent)) if folder.is_dir()]
    if not folders:
        return []
    files = lint_run.selection([str(folder) for folder in folders], config).files
    return [peer for peer in dict.fromkeys(found.absolute() for found in files) if peer != file]


def _checked_as_agreement(file: Path, config: LintConfig) -> bool:
    return kind_of(file) in CHECKED and file.name != CONFIG_FILE and not config.excluded(file)


def _stamp(path: Path) -> Stamp:
    try:
        status = path.stat()
    except OSError:
        return (-1, -1)
    return (status.st_mtime_ns, status.st_size)


def _at_top(file: Path, problems: tuple[Problem, ...] | list[Problem], what: str) -> tuple[Problem, ...]:
    """Problems of another file (the configuration, the roster) said at the top of the buffer, where they show."""
    said = [problem._replace(path=str(file), line=1, col=1, end_col=0,
                             message=f"{what}: {problem.path}:{problem.line}:{problem.col}: {problem.message}")
            for problem in problems]
    return tuple(said) or (Problem(str(file), 1, 1, CONFIG_ERROR, Severity.ERROR, what),)
