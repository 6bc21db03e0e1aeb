"""What ``agreed lint``, ``validate`` and ``digest`` say about how a file is written: dates, tabs, escapes, line
breaks; positions inside the file; the same finding from validate as from lint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main

SALES = Path(__file__).resolve().parents[2] / "contracts" / "sales-onboarding.yaml"
DEADLINE = "  deadline: 2032-06-30"


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def write(folder: Path, text: str, name: str = "a.yaml") -> Path:
    target = folder / name
    target.write_bytes(text.encode("utf-8"))
    return target


def deadline_line() -> int:
    return SALES.read_text(encoding="utf-8").splitlines().index(DEADLINE) + 1


def findings(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if re.match(r".+:\d+:\d+: ", line)]


@pytest.mark.parametrize("written", ["2032-02-30", "'2032-02-30'"])
def test_an_impossible_date_is_one_finding_and_every_other_check_still_runs(tmp_path: Path, written: str) -> None:
    text = SALES.read_text(encoding="utf-8").replace(DEADLINE, f"  deadline: {written}")
    text = re.sub(r"owner: \S+", "owner: the team", text, count=1)  # a group as owner, which rule A202 reports
    result = run("lint", str(write(tmp_path, text)))
    assert result.exit_code == 1
    shown = findings(result)
    assert (f"{tmp_path / 'a.yaml'}:{deadline_line()}:13: S100 error results.deadline: '2032-02-30' is not a date: "
            "February 2032 has 29 days, not 30") in shown
    assert any(" A202 error " in line for line in shown), shown  # the rules still ran


def test_quoted_and_unquoted_impossible_dates_get_the_same_report(tmp_path: Path) -> None:
    text = SALES.read_text(encoding="utf-8")
    plain = run("lint", str(write(tmp_path, text.replace(DEADLINE, "  deadline: 2032-02-30"), "plain.yaml")))
    quoted = run("lint", str(write(tmp_path, text.replace(DEADLINE, "  deadline: '2032-02-30'"), "quoted.yaml")))
    assert [line.split(":", 1)[1] for line in findings(plain)] == [line.split(":", 1)[1] for line in findings(quoted)]


@pytest.mark.parametrize(("written", "message"), [
    pytest.param("20321031", "results.deadline: expected a date written as YYYY-MM-DD (such as 2027-03-31), found the "
                 "number 20321031", id="digits-only"),
    pytest.param("2032-10-31T17:00:00Z", "results.deadline: '2032-10-31T17:00:00Z' is not a date: a date has no time "
                 "of day; write 2032-10-31", id="date-and-time-as-written"),
])
def test_a_date_written_another_way_is_explained(tmp_path: Path, written: str, message: str) -> None:
    path = write(tmp_path, SALES.read_text(encoding="utf-8").replace(DEADLINE, f"  deadline: {written}"))
    for command in ("lint", "validate"):
        result = run(command, str(path))
        assert f"{path}:{deadline_line()}:13: S100 error {message}" in findings(result), result.output


def test_tab_indentation_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "agreed: 1\nterm:\n\tstart: 2031-01-06\n")
    result = run("lint", str(path))
    assert result.exit_code == 1
    assert findings(result) == [f"{path}:3:1: S001 error YAML syntax error: a tab indents this line; YAML indents "
                                "with spaces only (replace the tab with spaces)"]


@pytest.mark.parametrize(("text", "position"), [
    pytest.param("agreed: 1\ntitle: [open", "2:13", id="end-of-file-without-a-final-line-break"),
    pytest.param('agreed: 1\ntitle: "ééééé"\nid: \x01\n', "3:5", id="control-character-after-non-ascii"),
    pytest.param("agreed: 1\rtitle: x\rid: [\r", "4:1", id="cr-line-breaks"),
])
def test_positions_are_inside_the_file(tmp_path: Path, text: str, position: str) -> None:
    path = write(tmp_path, text)
    result = run("lint", str(path))
    assert [line.split(" ")[0] for line in findings(result)] == [f"{path}:{position}:"]


def test_validate_reports_a_schema_violation_as_lint_does(tmp_path: Path) -> None:
    text = SALES.read_text(encoding="utf-8").replace("id: sales-onboarding", "id: Sales Onboarding", 1)
    path = write(tmp_path, text)
    validated = [line for line in findings(run("validate", str(path))) if " S100 " in line]
    linted = [line for line in findings(run("lint", str(path))) if " S100 " in line]
    assert validated == linted
    assert validated
    assert "is not a valid identifier: use lower-case letters, digits" in validated[0]
    assert "Lower-case identifier:" not in validated[0]  # the schema's description is not pasted in


def test_a_json_surrogate_pair_has_the_digest_of_the_character_it_stands_for(tmp_path: Path) -> None:
    text = SALES.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    escaped = write(tmp_path, text.replace(title, 'title: "Launch \\ud83d\\ude80"', 1), "escaped.yaml")
    literal = write(tmp_path, text.replace(title, 'title: "Launch \U0001f680"', 1), "literal.yaml")
    result = run("digest", str(escaped), str(literal))
    assert result.exit_code == 0, result.output
    first, second = (line.split(" ")[0] for line in result.stdout.splitlines())
    assert first == second


@pytest.mark.parametrize("character", ["\x85", "\u2028", "\u2029"])
def test_a_line_break_that_only_some_readers_know_has_no_digest(tmp_path: Path, character: str) -> None:
    text = SALES.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    path = write(tmp_path, text.replace(title, f'title: "Launch{character}now"', 1))
    result = run("digest", str(path))
    assert result.exit_code == 2
    assert f"U+{ord(character):04X}" in result.output
    assert "is a line break to some YAML readers and text to others" in result.output
