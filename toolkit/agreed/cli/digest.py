"""``agreed digest``: the digest of each agreement's terms, the value a party's consent is bound to.

Text output is one line per file, ``sha256:<hex> FILE``, in the order the files were named (``-`` reads standard
input and is shown as ``-``; a byte of a name that is not UTF-8 as ``\\xNN``). A file that does not load or fails the
schema has no digest: its positioned problems go to standard error and the command exits 2 (the other files are
still digested).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from agreed import __version__
from agreed.cli.files import named_or_default
from agreed.cli.output import EXIT_CLEAN, EXIT_USAGE, all_rules, format_option, usage_error
from agreed.consent.digest import DigestError, digest_document
from agreed.document import Document, read_document, read_result_document
from agreed.printable import printable_data
from agreed.reading import read_stream
from agreed.report.base import Report
from agreed.report.json_report import problem_record
from agreed.report.text_report import problem_line
from agreed.sources import select
from agreed.visible import visible

STDIN = "-"
JSON_VERSION = 1
Outcome = tuple[str, str | DigestError]  # the file as named, and its digest or why it has none


@click.command("digest")
@click.argument("files", nargs=-1, metavar="[PATHS]...")
@format_option(["text", "json"])
def command(files: tuple[str, ...], output_format: str) -> None:
    """Print the digest of each agreement's terms (sha256 over the validated, material-only model).

    Formatting, comments, key order, the order of lists, editorial fields and records of progress (status,
    delivered_on) do not change the digest; every material change does. '-' reads standard input. Exit codes: 0
    every file digested, 2 a file that does not load or fails the schema (its problems go to standard error).
    PATHS are files or folders (searched for agreements); default: contracts/ at the repository root.
    """
    outcomes = [(name, digest_document(_read(name))) for name in _named(files)]
    if output_format == "json":
        click.echo(_json(outcomes))
    else:
        _text(outcomes)
    failed = any(isinstance(result, DigestError) for _, result in outcomes)
    raise SystemExit(EXIT_USAGE if failed else EXIT_CLEAN)


def _named(arguments: Sequence[str]) -> list[str]:
    """The files to digest, in the order named: each folder's agreements (:func:`agreed.sources.select`), files
    as given."""
    names: list[str] = []
    for argument in named_or_default(arguments):
        if argument != STDIN and Path(argument).is_dir():
            selection = select([argument])
            if selection.empty:
                usage_error(f"{argument}: holds no agreement files (*.yaml, *.yml)")
            names += [file.as_posix() for file in selection.files]
        else:
            names.append(argument)
    return names


def _read(name: str) -> Document:
    if name == STDIN:
        return read_result_document(read_stream(sys.stdin.buffer), STDIN)
    return read_document(Path(name), name)


def _text(outcomes: Sequence[Outcome]) -> None:
    for name, result in outcomes:
        if isinstance(result, DigestError):
            for problem in result.problems:
                click.echo(problem_line(problem, color=False), err=True)
            click.echo(f"agreed: error: {visible(result.message)}", err=True)
        else:
            click.echo(f"{result} {visible(name)}")


def _json(outcomes: Sequence[Outcome]) -> str:
    failures = tuple(problem for _, result in outcomes if isinstance(result, DigestError)
                     for problem in result.problems)
    report = Report(failures, len(outcomes), all_rules() if failures else {})
    records = [_record(name, result, report) for name, result in outcomes]
    document = {"version": JSON_VERSION, "tool": {"name": "agreed", "version": __version__}, "files": records}
    return json.dumps(printable_data(document), indent=2, ensure_ascii=False)


def _record(name: str, result: str | DigestError, report: Report) -> dict[str, Any]:
    if isinstance(result, DigestError):
        return {"path": name, "digest": None, "error": result.message,
                "problems": [problem_record(problem, report) for problem in result.problems]}
    return {"path": name, "digest": result}
