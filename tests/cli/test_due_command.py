"""``agreed due``: the real command on the shipped examples and on temporary agreements; exit codes and errors."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main
from agreed.report.due import DUE_FORMATS
from due_agreements import CONTRACTS, milestones, write_agreement

REPO = Path(__file__).resolve().parents[2]


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, ["due", *arguments])


def run_json(*arguments: str) -> tuple[int, dict[str, Any]]:
    result = run(*arguments, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def items(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for person in document["people"] for item in person["items"]]


def test_the_shipped_examples_on_2031_06_01() -> None:
    code, document = run_json(str(CONTRACTS), "--today", "2031-06-01")
    assert code == 1
    assert {item["agreement"]["id"] for item in items(document)} == {"sales-onboarding"}
    overdue = {item["key"]: item["days"] for item in items(document) if item["overdue"]}
    assert overdue == {"milestone:checklist-draft": -94, "deliverable:checklist": -62,
                       "milestone:playbook-draft": -62, "deliverable:playbook": -32}
    upcoming = [(item["key"], item["days"]) for item in items(document) if not item["overdue"]]
    assert upcoming == [("check-in:2031-06-02", 1)]
    assert sorted((ref["id"], ref["status"]) for ref in document["left_out"]) == [
        ("clinic-scheduling", "fulfilled"), ("data-platform-migration", "proposed"),
        ("field-service-returns", "draft")]
    assert (document["agreements"], document["in_force"]) == (4, 1)


def test_the_shipped_examples_as_text_name_person_item_agreement_and_days() -> None:
    result = run(str(CONTRACTS), "--today", "2031-06-01")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "What is due on 2031-06-01, by 2031-06-15 (within 14 days)"
    assert "Daniel Okafor (daniel)" in lines
    at = next(index for index, line in enumerate(lines) if "Draft scoping checklist" in line)
    late, agreement = lines[at], lines[at + 1]
    assert late.split() == ["OVERDUE", "94", "days", "late", "2031-02-27", "milestone:", "Draft", "scoping",
                            "checklist", "with", "15", "questions", "sent", "to", "Maria", "for", "review", "(for",
                            "maria)"]
    assert agreement.strip() == ("sales-onboarding: Halve enterprise onboarding time "
                                 f"({CONTRACTS / 'sales-onboarding.yaml'}:158:12)")
    assert lines[-1].startswith("4 overdue and 1 due by 2031-06-15 (within 14 days), in 1 agreement in force")
    assert result.stderr == ""


def test_nothing_overdue_exits_0(tmp_path: Path) -> None:
    write_agreement(tmp_path, "a", results=milestones(("m", "maria", "2031-06-10")))
    result = run(str(tmp_path), "--today", "2031-06-01")
    assert result.exit_code == 0, result.output
    assert "m" in result.stdout
    assert "in 9 days" in result.stdout


def test_something_overdue_exits_1_and_a_later_today_changes_the_days(tmp_path: Path) -> None:
    write_agreement(tmp_path, "a", results=milestones(("m", "maria", "2031-06-10")))
    code, document = run_json(str(tmp_path), "--today", "2031-06-13")
    assert code == 1
    assert [(item["key"], item["days"], item["overdue"]) for item in items(document)] == [("milestone:m", -3, True)]


def test_agreements_not_in_force_are_left_out(tmp_path: Path) -> None:
    for status in ("draft", "proposed", "fulfilled", "ended"):
        write_agreement(tmp_path, status, status=status, results=milestones(("m", "maria", "2031-05-01")))
    result = run(str(tmp_path), "--today", "2031-06-01")
    assert result.exit_code == 0, result.output
    assert "Nothing is overdue or due." in result.stdout
    assert "not in force, so not read for dates: 1 draft, 1 ended, 1 fulfilled, 1 proposed" in result.stdout


@pytest.mark.parametrize(("window", "keys"), [
    ("0d", ["milestone:today"]), ("1w", ["milestone:today", "milestone:week"]),
    ("14D", ["milestone:today", "milestone:week", "milestone:fortnight"])])
def test_within_accepts_days_and_weeks(tmp_path: Path, window: str, keys: list[str]) -> None:
    write_agreement(tmp_path, "a", results=milestones(("today", "maria", "2031-06-01"), ("week", "maria", "2031-06-08"),
                                                      ("fortnight", "maria", "2031-06-15")))
    code, document = run_json(str(tmp_path), "--today", "2031-06-01", "--within", window)
    assert code == 0
    assert [item["key"] for item in items(document)] == keys


@pytest.mark.parametrize("window", ["14", "two weeks", "-1d", "1m", ""])
def test_a_bad_window_is_a_usage_error(tmp_path: Path, window: str) -> None:
    write_agreement(tmp_path, "a")
    result = run(str(tmp_path), "--today", "2031-06-01", "--within", window)
    assert result.exit_code == 2
    assert result.stderr.startswith("agreed: error: --within: ")
    assert "is not a window" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""


@pytest.mark.parametrize("today", ["2031-02-30", "June 1", "31-06-01"])
def test_a_bad_today_is_a_usage_error(tmp_path: Path, today: str) -> None:
    write_agreement(tmp_path, "a")
    result = run(str(tmp_path), "--today", today)
    assert result.exit_code == 2
    assert "--today" in result.stderr
    assert "Traceback" not in result.output


def test_party_filters_and_an_unknown_party_is_a_usage_error(tmp_path: Path) -> None:
    write_agreement(tmp_path, "a", results=milestones(("mine", "maria", "2031-06-02"),
                                                      ("for-me", "daniel", "2031-06-03")))
    write_agreement(tmp_path, "b", parties=[{"id": "daniel"}, {"id": "omar"}],
                    results={"milestones": [{"id": "theirs", "owner": "daniel", "to": "omar", "due": "2031-06-02"}]})
    code, document = run_json(str(tmp_path), "--today", "2031-06-01", "--party", "maria")
    assert code == 0
    assert sorted(item["key"] for item in items(document)) == ["milestone:for-me", "milestone:mine"]
    result = run(str(tmp_path), "--today", "2031-06-01", "--party", "nobody")
    assert result.exit_code == 2
    assert result.stderr == ("agreed: error: --party 'nobody' is not a party of any agreement read (parties: daniel, "
                             "maria, omar)\n")


@pytest.mark.parametrize(("content", "expected"), [
    (b"id: a\nstatus: [active\n", "broken.yaml:"),
    (b"id: a\xff\n", "not valid UTF-8"),
    (b"- a list\n", "must hold a YAML mapping"),
])
def test_a_file_that_does_not_load_is_reported_positioned_and_exits_2(tmp_path: Path, content: bytes,
                                                                      expected: str) -> None:
    write_agreement(tmp_path, "a", results=milestones(("m", "maria", "2031-05-01")))
    (tmp_path / "broken.yaml").write_bytes(content)
    result = run(str(tmp_path), "--today", "2031-06-01")
    assert result.exit_code == 2
    assert expected in result.stderr
    problem = next(line for line in result.stderr.splitlines() if "broken.yaml:" in line)
    line, col = (int(part) for part in problem.split(":")[1:3])
    assert 1 <= line <= content.count(b"\n") + 1
    assert col >= 1
    assert "milestone: Milestone m" in result.stdout  # the other agreement is still reported
    assert "1 file could not be read" in result.stdout


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_a_day_that_does_not_exist_is_reported_positioned_and_exits_2(tmp_path: Path, output_format: str) -> None:
    example = (CONTRACTS / "sales-onboarding.yaml").read_text(encoding="utf-8")
    assert example.count("due: 2031-02-27\n") == 1
    (tmp_path / "sales.yaml").write_text(example.replace("due: 2031-02-27\n", "due: 2031-02-30\n"), encoding="utf-8")
    write_agreement(tmp_path, "other", results=milestones(("m", "maria", "2031-05-01")))
    result = run(str(tmp_path), "--today", "2031-06-01", "--format", output_format)
    assert result.exit_code == 2  # never 0 or 1: the scheduled reminder fails instead of going quiet about the item
    line = example[:example.index("due: 2031-02-27\n")].count("\n") + 1
    assert f"sales.yaml:{line}:12: S100 error " in result.stderr
    assert "'2031-02-30' is not a date" in result.stderr
    if output_format == "json":
        document = json.loads(result.stdout)
        assert [(problem["line"], problem["col"]) for problem in document["problems"]] == [(line, 12)]
        assert [item["key"] for item in items(document)] == ["milestone:m"]  # the other agreement is still read
    else:
        assert "1 file could not be read for dates" in result.stdout
        assert "Milestone m" in result.stdout


def test_a_missing_file_a_fifo_and_a_folder_without_agreements_exit_2(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "missing.yaml"), "--today", "2031-06-01")
    assert missing.exit_code == 2
    assert "missing.yaml:1:1: S010 error no such file" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = run(str(tmp_path / "empty"), "--today", "2031-06-01")
    assert empty.exit_code == 2
    assert empty.stderr.endswith("holds no agreement files (*.yaml, *.yml)\n")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.yaml"
        os.mkfifo(fifo)
        piped = run(str(fifo), "--today", "2031-06-01")
        assert piped.exit_code == 2
        assert "named pipe" in piped.stderr


def test_standard_input_and_the_template_alone_are_refused(tmp_path: Path) -> None:
    stdin = run("-", "--today", "2031-06-01")
    assert stdin.exit_code == 2
    assert "not standard input" in stdin.stderr
    template = run(str(CONTRACTS / "_template.yaml"), "--today", "2031-06-01")
    assert template.exit_code == 2
    assert template.stderr == (f"agreed: error: no agreement to read: {CONTRACTS / '_template.yaml'} is a template "
                               "(the template and consent records are not agreements)\n")


def test_output_writes_the_report_and_prints_the_summary(tmp_path: Path) -> None:
    target = tmp_path / "due.md"
    result = run(str(CONTRACTS), "--today", "2031-06-01", "--format", "markdown", "-o", str(target))
    assert result.exit_code == 1
    assert result.stdout.startswith("4 overdue and 1 due by 2031-06-15")
    assert result.stdout.rstrip().endswith(f"Report (markdown) written to {target}.")
    assert target.read_text(encoding="utf-8") == run(str(CONTRACTS), "--today", "2031-06-01", "--format",
                                                     "markdown").stdout


def test_output_into_a_git_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    result = run(str(CONTRACTS), "--today", "2031-06-01", "-o", str(tmp_path / ".git" / "due.txt"))
    assert result.exit_code == 2
    assert result.stderr.startswith("agreed: error: --output")


def test_format_offers_the_registry(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["due", "--help"])
    assert result.exit_code == 0
    assert "[text|markdown|json]" in result.stdout
    assert DUE_FORMATS.names() == ("text", "markdown", "json")


def test_same_input_same_output() -> None:
    first = run(str(CONTRACTS), "--today", "2031-06-01", "--format", "markdown").stdout
    assert first == run(str(CONTRACTS), "--today", "2031-06-01", "--format", "markdown").stdout


def test_without_paths_it_reads_contracts_at_the_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO / "tests")
    code, document = run_json("--today", "2031-06-01")
    assert code == 1
    assert document["agreements"] == 4


@pytest.mark.parametrize("command", ["agreed due --today 2031-06-01",
                                     "agreed due --today 2031-06-01 --party maria --within 1d --format markdown"])
def test_the_readme_shows_the_real_output(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"$ {command}\n") + len(command) + 3
    shown = readme[start:readme.index("```", start)]
    monkeypatch.chdir(REPO)
    result = run(*command.split()[2:])
    assert shown.removesuffix("$ echo $?\n1\n") == result.stdout
