from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from agreed.cli import main
from agreed.lint import run as lint_run

STATEMENTS = "Improve onboarding ASAP, etc.\nPublish 12 onboarding checklists by 2031-03-31.\n"


def test_json_lines_one_object_per_input_line() -> None:
    result = CliRunner().invoke(main, ["check-text", "--format", "json", "--fail-on", "warning"], input=STATEMENTS)
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [record["line"] for record in records] == [1, 2]
    assert records[1]["findings"] == []
    first = records[0]
    assert first["text"] == "Improve onboarding ASAP, etc."
    spans = {(f["rule"], first["text"][f["start"]:f["end"]]) for f in first["findings"]}
    assert ("V103", "ASAP") in spans
    assert ("V104", "etc.") in spans
    finding = first["findings"][0]
    assert set(finding) == {"rule", "name", "category", "severity", "start", "end", "message"}


def test_text_output_and_file_argument(tmp_path: Path) -> None:
    path = tmp_path / "drafts.txt"
    path.write_text(STATEMENTS)
    result = CliRunner().invoke(main, ["check-text", str(path), "--fail-on", "never"])
    assert result.exit_code == 0
    assert f"{path}:1:20: V103 warning" in result.output


def test_precise_statement_exits_zero() -> None:
    result = CliRunner().invoke(main, ["check-text", "--fail-on", "info"],
                                input="Maria Chen publishes 12 onboarding checklists by 2031-03-31.\n")
    assert result.exit_code == 0, result.output


def test_missing_file_is_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check-text", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2


def test_non_utf8_input_is_usage_error() -> None:
    result = CliRunner().invoke(main, ["check-text"], input=b"caf\xe9\n")
    assert result.exit_code == 2
    assert "UTF-8" in result.output


def test_warnings_alone_exit_zero_by_default() -> None:
    assert CliRunner().invoke(main, ["check-text"], input=STATEMENTS).exit_code == 0


def test_very_long_statement_is_read_in_chunks_with_true_offsets() -> None:
    sentence = "Maria Chen publishes 12 onboarding checklists by 2031-03-31. "
    text = sentence * 100 + "Improve onboarding ASAP."  # several chunks, within the text rules' budget per value
    result = CliRunner().invoke(main, ["check-text", "--format", "json"], input=text + "\n")
    findings = json.loads(result.output)["findings"]
    assert {(f["rule"], text[f["start"]:f["end"]]) for f in findings} >= {("V103", "ASAP")}
    assert all(f["start"] >= len(sentence) * 100 for f in findings)


def test_the_configuration_applies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".agreed.yaml").write_text(
        "vague-terms: [synergy]\nallowed-terms: [great synergy team]\nfail-on: warning\nrules: {V101: off}\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check-text", "-"],
                                input="Deliver great synergy.\nThe great synergy team delivers 3 plans.\n")
    assert result.exit_code == 1  # fail-on: warning
    assert [line.split()[:2] for line in result.output.splitlines()[:-1]] == [["<stdin>:1:15:", "V110"]]
    isolated = CliRunner().invoke(main, ["check-text", "--isolated", "-"], input="Deliver great synergy.\n")
    # without the configuration: no team term, V101 on again ("great", and "synergy" as a buzzword), no fail-on
    assert (isolated.exit_code, {line.split()[1] for line in isolated.output.splitlines()[:-1]}) == (0, {"V101"})


@pytest.mark.parametrize("separator", ["\x0c", "\x1c", "\x85", "\u2028", "\u2029"])
def test_only_crlf_cr_and_lf_end_a_statement(separator: str) -> None:
    """Form feeds and Unicode separators are characters of a statement, as they are of a YAML line; each JSON record
    stays on one output line, so a line reader gets one record per input line."""
    text = f"Improve onboarding ASAP{separator}etc.\r\nPublish 3 playbooks\rShip 2 pilots\n"
    result = CliRunner().invoke(main, ["check-text", "--format", "json", "-"], input=text.encode())
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [record["line"] for record in records] == [1, 2, 3]
    assert records[0]["text"] == f"Improve onboarding ASAP{separator}etc."


# ------------------------------------------------------------------------------------------ budget of one input

VAGUE = "Improve onboarding ASAP, etc. We will try to deliver several reports soon. "


def _records(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


def test_a_large_input_is_read_within_the_budget_and_says_where_reading_stopped(tmp_path: Path) -> None:
    """Twenty lines of 9,000 vague characters: lint's budget of one agreement (100,000 characters) holds the whole
    input, so reading stops in the twelfth line, and one X004 finding there says what was not read."""
    line = (VAGUE * 120)[:9_000]
    path = tmp_path / "pasted.txt"
    path.write_text(f"{line}\n" * 20, encoding="utf-8")
    result = CliRunner().invoke(main, ["check-text", "--format", "json", str(path)])
    records = _records(result.output)
    assert [record["line"] for record in records] == list(range(1, 21))  # still one record per input line
    stops = [(record["line"], finding) for record in records for finding in record["findings"]
             if finding["rule"] == "X004"]
    assert len(stops) == 1
    stopped_at, stop = stops[0]
    assert stopped_at == 12
    assert (len(line) * (stopped_at - 1) + stop["start"]) <= 100_000 < len(line) * stopped_at
    assert "100,000 characters of one input" in stop["message"]
    assert "the 8 lines after it were not checked" in stop["message"]
    assert all(record["findings"] == [] for record in records[stopped_at:])
    assert all(finding["start"] < stop["start"] for finding in records[stopped_at - 1]["findings"]
               if finding is not stop)
    text = CliRunner().invoke(main, ["check-text", str(path)]).output
    assert f"{path}:12:{stop['start'] + 1}: X004 warning the text rules read at most 100,000" in text


def test_an_input_within_the_budget_is_checked_line_by_line_as_before() -> None:
    lines = [(VAGUE * 120)[:9_000], *STATEMENTS.splitlines(), "", "Maria Chen ships 3 pilots by 2031-05-01."]
    result = CliRunner().invoke(main, ["check-text", "--format", "json"], input="\n".join(lines) + "\n")
    records = _records(result.output)
    assert [record["text"] for record in records] == lines
    for record in records:
        assert [(f["rule"], f["start"], f["end"], f["message"]) for f in record["findings"]] == [
            (f.rule, f.start, f.end, f.message) for f in lint_run.check_statement(record["text"])]
    assert not any(finding["rule"] == "X004" for record in records for finding in record["findings"])
