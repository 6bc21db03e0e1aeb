"""A lint run's problems made ready for one output format: sorted, with paths from the repository root for the
code hosts' formats, and the text of the files the ``full`` format quotes."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from agreed.problem import Problem
from agreed.reading import Unreadable, read_file
from agreed.report.lint.base import Report
from agreed.sources import repository_root

if TYPE_CHECKING:
    from agreed.lint.rule import Rule

REPOSITORY_FORMATS = frozenset({"sarif", "github", "gitlab"})  # code hosts resolve paths from the repository root
QUOTING_FORMATS = frozenset({"full"})  # formats that show each problem's lines
COLOURED_FORMATS = frozenset({"text", "full"})


def lint_report(problems: Sequence[Problem], files: int, output_format: str, here: Path, color: bool,
                docs: str | None = None) -> Report:
    """The report of ``problems`` found in ``files`` files for ``output_format``: problems sorted by file, then
    position (the same order however the files were named); paths relative to the repository around ``here`` (the
    folder the paths are relative to) for the code hosts' formats; the files' text for the formats that quote it;
    colour only when wanted and the format has any; ``docs``, the base URL of the rules' documentation, if given."""
    ordered = sorted(problems)
    sources = sources_of(ordered, here) if output_format in QUOTING_FORMATS else {}
    shown = repository_relative(ordered, here) if output_format in REPOSITORY_FORMATS else ordered
    return Report(tuple(shown), files, _RuleDocumentation(), color=color and output_format in COLOURED_FORMATS,
                  sources=sources, docs=docs)


class _RuleDocumentation(Mapping[str, "Rule"]):
    """Every rule by code (:func:`agreed.lint.rules.all_rules`), loaded on first use: the formats that describe rules
    look them up, the plain ones never do, so a run whose results all come from the cache does not import the rules
    to print them."""

    __slots__ = ("_rules",)

    def __init__(self) -> None:
        self._rules: dict[str, Rule] | None = None

    def _loaded(self) -> dict[str, Rule]:
        if self._rules is None:
            from agreed.lint.rules import all_rules

            self._rules = all_rules()
        return self._rules

    def __getitem__(self, code: str) -> Rule:
        return self._loaded()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


def repository_relative(problems: Sequence[Problem], here: Path) -> list[Problem]:
    """Problems with paths (relative to ``here``) made relative to the repository around ``here`` (outside one:
    ``here``); files outside it by absolute path, ``<stdin>`` as it is."""
    root = repository_root(here) or here
    return [problem._replace(path=_from_root(problem.path, here, root)) for problem in problems]


@functools.cache
def _from_root(path: str, here: Path, root: Path) -> str:
    if path.startswith("<"):  # <stdin>
        return path
    try:
        absolute = (here / path).resolve()
    except (OSError, RuntimeError):
        return path
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def sources_of(problems: Sequence[Problem], here: Path) -> dict[str, str]:
    """The text of each file with problems (paths relative to ``here``), for snippets; files that cannot be read are
    left out."""
    sources: dict[str, str] = {}
    for path in dict.fromkeys(problem.path for problem in problems):
        raw = read_file(here / path)
        if not isinstance(raw, Unreadable):
            sources[path] = raw.decode("utf-8", errors="replace")
    return sources
