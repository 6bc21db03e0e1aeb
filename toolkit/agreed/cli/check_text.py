"""``agreed check-text``: lint free-standing statements, one per line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from agreed.cli.output import emit_report, exit_code, fail_on_option, format_option, usage_error
from agreed.cli.settings import config_options, run_config
from agreed.lint.engine import StatementFinding, check_statement
from agreed.problem import Problem


@click.command("check-text")
@click.argument("source", default="-", metavar="[FILE|-]")
@format_option(["text", "json"])
@fail_on_option
@config_options
def command(source: str, output_format: str, fail_on: str | None, config_path: Path | None, isolated: bool) -> None:
    """Lint statements (one per line), e.g. a deliverable being drafted, with the text rules.

    The configuration's rule settings, vague and allowed terms and fail-on apply, as in lint.
    With --format json, prints one JSON object per input line (JSON Lines).
    """
    config = run_config(config_path, isolated)
    rules = [rule for rule in config.rules if rule.check_text is not None]
    fail_on = fail_on or config.fail_on
    lines = _read_lines(source)
    shown = "<stdin>" if source == "-" else source
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        findings = check_statement(line, rules, allowed_terms=config.allowed_terms)
        problems.extend(Problem(shown, number, f.start + 1, f.rule, f.severity, f.message) for f in findings)
        if output_format == "json":
            click.echo(json.dumps({"line": number, "text": line, "findings": [_record(f) for f in findings]},
                                  ensure_ascii=False))
    if output_format == "text":
        emit_report(problems, 1, output_format, fail_on)
    raise SystemExit(exit_code(problems, fail_on))


def _read_lines(source: str) -> list[str]:
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        usage_error(f"{source}: {error.strerror or error}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        usage_error(f"{source}: not valid UTF-8 (byte {error.start})")
    return text.splitlines()


def _record(finding: StatementFinding) -> dict[str, object]:
    return {"rule": finding.rule, "name": finding.name, "category": finding.category.value,
            "severity": finding.severity.label, "start": finding.start, "end": finding.end,
            "message": finding.message}
