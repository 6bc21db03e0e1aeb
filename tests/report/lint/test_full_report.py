from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from agreed.cli import main
from agreed.lint.rule import Category
from agreed.problem import Problem, Severity
from agreed.report.lint.base import Report
from agreed.report.lint.full_report import ELLIPSIS, INDENT, WIDTH, render, snippet
from fake_rules import fake_text_rule

RULES = {"A101": fake_text_rule("A101", "vague-word", Category.VAGUENESS, Severity.WARNING, "Vague word.\n\nLong doc.")}
SOURCE = "title: x\n\tgoal: ship it soon\r\nlast: y"


def test_each_problem_is_followed_by_its_line_and_a_caret() -> None:
    problems = (Problem("a.yaml", 2, 16, "A101", Severity.WARNING, "vague word 'soon'"),
                Problem("a.yaml", 1, 1, "A101", Severity.ERROR, "first"),
                Problem("a.yaml", 3, 8, "A101", Severity.INFO, "after the end of the line"))
    report = Report(problems, 1, RULES, sources={"a.yaml": SOURCE})
    assert render(report) == (
        "a.yaml:2:16: A101 warning vague word 'soon'\n"
        "    \tgoal: ship it soon\n"
        "    \t              ^\n"
        "a.yaml:1:1: A101 error first\n"
        "    title: x\n"
        "    ^\n"
        "a.yaml:3:8: A101 info after the end of the line\n"
        "    last: y\n"
        "           ^\n"
        "Found 3 problems (1 error, 1 warning, 1 info) in 1 file.\n"
    )


def test_snippet_is_omitted_without_the_source_or_the_line() -> None:
    problems = (Problem("b.yaml", 1, 1, "A101", Severity.ERROR, "no source"),
                Problem("a.yaml", 9, 1, "A101", Severity.ERROR, "no such line"))
    report = Report(problems, 2, RULES, sources={"a.yaml": SOURCE})
    assert render(report) == (
        "b.yaml:1:1: A101 error no source\n"
        "a.yaml:9:1: A101 error no such line\n"
        "Found 2 problems (2 errors) in 2 files.\n"
    )


def test_colour_paints_location_severity_and_caret() -> None:
    report = Report((Problem("a.yaml", 1, 1, "A101", Severity.ERROR, "m"),), 1, RULES, color=True,
                    sources={"a.yaml": SOURCE})
    assert render(report).splitlines()[:3] == [
        "\x1b[1ma.yaml:1:1:\x1b[0m A101 \x1b[31merror\x1b[0m m", "    title: x", "    \x1b[31m^\x1b[0m"]


def test_empty_report() -> None:
    assert render(Report((), 3, RULES)) == "No problems in 3 files.\n"


# -- long lines: a window around the column ---------------------------------------------------------------------------

LONG = "x" * 300_000 + "HERE" + "y" * 300_000  # one 600 KB line


def _long_snippet(col: int, source: str = LONG) -> list[str]:
    return snippet(Problem("a.yaml", 1, col, "A101", Severity.WARNING, "m"), source)


def test_a_long_line_is_shown_as_a_window_around_the_column() -> None:
    shown, caret = _long_snippet(300_001)
    assert shown == f"{INDENT}{ELLIPSIS}{LONG[300_000 - WIDTH // 2 : 300_000 + WIDTH // 2]}{ELLIPSIS}"
    assert caret == f"{INDENT} {' ' * (WIDTH // 2)}^"  # one column for the ellipsis
    assert shown[len(caret) - 1 : len(caret) + 3] == "HERE"


def test_a_window_at_the_start_of_a_long_line_has_no_leading_ellipsis() -> None:
    shown, caret = _long_snippet(2)
    assert shown == f"{INDENT}{LONG[:WIDTH]}{ELLIPSIS}"
    assert caret == f"{INDENT} ^"


def test_a_window_at_the_end_of_a_long_line_keeps_the_caret_past_its_last_character() -> None:
    shown, caret = _long_snippet(len(LONG) + 1, LONG + "\nnext: 1\n")
    assert shown == f"{INDENT}{ELLIPSIS}{LONG[-WIDTH:]}"
    assert caret == f"{INDENT} {' ' * WIDTH}^"


def test_a_line_that_fits_is_shown_whole() -> None:
    line = "k: " + "z" * (WIDTH - 3)
    assert _long_snippet(WIDTH, f"{line}\n") == [f"{INDENT}{line}", f"{INDENT}{' ' * (WIDTH - 1)}^"]


def test_lines_are_counted_at_cr_lf_and_lone_cr_as_positions_count_them() -> None:
    source = "a: 1\rb: 2\r\nc: 3\nd: 4"
    shown = [snippet(Problem("a.yaml", line, 1, "A101", Severity.WARNING, "m"), source)[0] for line in (1, 2, 3, 4)]
    assert shown == [f"{INDENT}a: 1", f"{INDENT}b: 2", f"{INDENT}c: 3", f"{INDENT}d: 4"]


def test_many_findings_on_a_huge_line_give_a_report_of_bounded_size() -> None:
    problems = tuple(Problem("a.yaml", 1, col, "A101", Severity.WARNING, "m") for col in range(1, 600_000, 1_000))
    output = render(Report(problems, 1, RULES, sources={"a.yaml": LONG}))
    longest = max(len(line) for line in output.splitlines())
    assert longest <= len(INDENT) + WIDTH + 2 * len(ELLIPSIS)
    assert len(output) < len(problems) * 3 * (len(INDENT) + WIDTH + 2 * len(ELLIPSIS) + 1)


def test_lint_format_full_on_a_file_with_a_600_kb_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    statement = "Ship faster releases. " * 27_000  # about 600 KB on one line
    (tmp_path / "long.yaml").write_text(
        "agreed: 1\nid: demo\ntitle: Demo\nstatus: draft\nparties:\n  - id: maria\n    name: Maria Chen\n"
        f"results:\n  milestones:\n    - id: m1\n      owner: maria\n      due: 2031-05-01\n      what: {statement}\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--isolated", "--format", "full", "long.yaml"])
    findings = [line for line in result.stdout.splitlines() if line.startswith("long.yaml:13:")]
    assert findings  # the comparatives on the long line are reported, each with its excerpt
    assert max(len(line) for line in result.stdout.splitlines()) < len(INDENT) + WIDTH + 2 * len(ELLIPSIS) + 400
    assert len(result.stdout) < 3 * len(findings) * (len(INDENT) + WIDTH + 400)
