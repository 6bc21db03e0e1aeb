"""``agreed digest``: the digest of each agreement's terms, the value a party's consent is bound to.

Text output is one line per file, ``sha256:<hex> FILE``, in the order the files were named (``-`` reads standard
input and is shown as ``-``). A file that does not load or fails the schema has no digest: its positioned problems
go to standard error and the command exits 2 (the other files are still digested).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from agreed import __version__
from agreed.cli.output import EXIT_CLEAN, EXIT_USAGE, all_rules, format_option
from agreed.consent.digest import DigestError, digest_document
from agreed.document import DEFAULT_LIMITS, Document, load_document, read_document
from agreed.report.base import Report
from agreed.report.json_report import problem_record
from agreed.report.text_report import problem_line

STDIN = "-"
JSON_VERSION = 1
Outcome = tuple[str, str | DigestError]  # the file as named, and its digest or why it has none


@click.command("digest")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@format_option(["text", "json"])
def command(files: tuple[str, ...], output_format: str) -> None:
    """Print the digest of each agreement's terms (sha256 over the validated, material-only model).

    Formatting, comments, key order, the order of lists, editorial fields and records of progress (status,
    delivered_on) do not change the digest; every material change does. '-' reads standard input. Exit codes: 0
    every file digested, 2 a file that does not load or fails the schema (its problems go to standard error).
    """
    outcomes = [(name, digest_document(_read(name))) for name in files]
    if output_format == "json":
        click.echo(_json(outcomes))
    else:
        _text(outcomes)
    failed = any(isinstance(result, DigestError) for _, result in outcomes)
    raise SystemExit(EXIT_USAGE if failed else EXIT_CLEAN)


def _read(name: str) -> Document:
    if name == STDIN:
        return load_document(sys.stdin.buffer.read(DEFAULT_LIMITS.max_bytes + 1), STDIN)
    return read_document(Path(name), name)


def _text(outcomes: Sequence[Outcome]) -> None:
    for name, result in outcomes:
        if isinstance(result, DigestError):
            for problem in result.problems:
                click.echo(problem_line(problem, color=False), err=True)
            click.echo(f"agreed: error: {result.message}", err=True)
        else:
            click.echo(f"{result} {name}")


def _json(outcomes: Sequence[Outcome]) -> str:
    failures = tuple(problem for _, result in outcomes if isinstance(result, DigestError)
                     for problem in result.problems)
    report = Report(failures, len(outcomes), all_rules() if failures else {})
    records = [_record(name, result, report) for name, result in outcomes]
    document = {"version": JSON_VERSION, "tool": {"name": "agreed", "version": __version__}, "files": records}
    return json.dumps(document, indent=2, ensure_ascii=False)


def _record(name: str, result: str | DigestError, report: Report) -> dict[str, Any]:
    if isinstance(result, DigestError):
        return {"path": name, "digest": None, "error": result.message,
                "problems": [problem_record(problem, report) for problem in result.problems]}
    return {"path": name, "digest": result}
