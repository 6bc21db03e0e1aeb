"""The due service (agreed.due): which items are due or overdue, for whom, from which agreements; the window parser."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreed.due import SHARED_GROUP, DueError, DueReport, due_report, window_days, window_end
from due_agreements import milestones, write_agreement

DAY = datetime.date
TODAY = DAY(2031, 6, 1)


def keys(report: DueReport) -> list[str]:
    return [entry.item.key for entry in report.entries]


def test_overdue_and_upcoming_items_of_an_agreement_in_force(tmp_path: Path) -> None:
    write_agreement(tmp_path, "a", results=milestones(("late", "maria", "2031-05-01"), ("soon", "daniel", "2031-06-10"),
                                                      ("later", "maria", "2031-07-01")))
    report = due_report([str(tmp_path)], TODAY, 14)
    assert sorted(keys(report)) == ["milestone:late", "milestone:soon"]
    late = next(entry for entry in report.entries if entry.item.key == "milestone:late")
    soon = next(entry for entry in report.entries if entry.item.key == "milestone:soon")
    assert (late.overdue, late.days, soon.overdue, soon.days) == (True, -31, False, 9)
    assert (report.overdue, report.upcoming, report.agreements, report.in_force) == (1, 1, 1, 1)


def test_the_window_includes_its_last_day_and_zero_days_is_today_only(tmp_path: Path) -> None:
    write_agreement(tmp_path, "a", results=milestones(("today", "maria", "2031-06-01"),
                                                      ("last", "maria", "2031-06-15"),
                                                      ("after", "maria", "2031-06-16")))
    assert sorted(keys(due_report([str(tmp_path)], TODAY, 14))) == ["milestone:last", "milestone:today"]
    assert keys(due_report([str(tmp_path)], TODAY, 0)) == ["milestone:today"]


def test_done_items_are_not_shown(tmp_path: Path) -> None:
    results = milestones(("m", "maria", "2031-05-01"))
    results["milestones"][0]["delivered_on"] = "2031-04-30"
    write_agreement(tmp_path, "a", results=results, celebration={
        "targets": [{"id": "t", "measured_on": "2031-05-20", "measured": {"value": 1, "on": "2031-05-20"}},
                    {"id": "u", "measured_on": "2031-05-20"}]})
    report = due_report([str(tmp_path)], TODAY, 14)
    assert keys(report) == ["measurement:u"]


@pytest.mark.parametrize(("status", "read"), [
    ("active", True), ("renegotiating", True), ("draft", False), ("proposed", False), ("fulfilled", False),
    ("ended", False)])
def test_only_agreements_in_force_are_read_for_dates(tmp_path: Path, status: str, read: bool) -> None:
    write_agreement(tmp_path, "a", status=status, results=milestones(("m", "maria", "2031-05-01")))
    report = due_report([str(tmp_path)], TODAY, 14)
    assert bool(report.entries) is read
    assert [ref.status for ref in report.left_out] == ([] if read else [status])
    assert report.left_out_by_status() == (() if read else ((status, 1),))
    assert report.problems == ()


def test_a_misspelt_status_is_a_problem_not_an_agreement_quietly_left_out(tmp_path: Path) -> None:
    write_agreement(tmp_path, "a", status="Active", results=milestones(("m", "maria", "2031-05-01")))
    report = due_report([str(tmp_path)], TODAY, 14)
    assert (report.entries, report.left_out, report.failed) == ((), (), True)
    (problem,) = report.problems
    lines = (tmp_path / "a.yaml").read_text(encoding="utf-8").splitlines()
    assert (problem.rule, lines[problem.line - 1][problem.col - 1:]) == ("S100", '"Active",')
    assert "status" in problem.message


@pytest.mark.parametrize("written", ["2031-02-30", "2031-13-01", "30.02.2031", "soon"])
def test_a_day_that_cannot_be_read_is_a_positioned_problem_not_an_item_quietly_left_out(tmp_path: Path,
                                                                                       written: str) -> None:
    write_agreement(tmp_path, "a", results=milestones(("bad", "maria", written), ("good", "daniel", "2031-05-01")))
    report = due_report([str(tmp_path)], TODAY, 14)
    assert report.failed
    (problem,) = report.problems
    lines = (tmp_path / "a.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1][problem.col - 1:].startswith(f'"{written}"')  # the position of the day written
    assert report.entries == ()  # the file's dates are not trusted: its problem says why, and the run exits 2


def test_items_are_grouped_by_owner_with_the_shared_items_last(tmp_path: Path) -> None:
    write_agreement(tmp_path, "a", term={"start": "2031-01-01", "end": "2031-06-05"},
                    results={**milestones(("m1", "maria", "2031-06-02"), ("m2", "daniel", "2031-05-01"),
                                          ("m3", "maria", "2031-04-01")),
                             "check_ins": {"dates": ["2031-06-03"]}},
                    celebration={"handoffs": [{"id": "h", "what": "Dashboard", "from": "Ops team", "to": "maria",
                                               "due": "2031-06-04"}]})
    report = due_report([str(tmp_path)], TODAY, 14)
    assert [(group.person, group.shown) for group in report.groups] == [
        ("Ops team", "Ops team"), ("daniel", "Daniel O (daniel)"), ("maria", "Maria Chen (maria)"),
        (None, SHARED_GROUP)]
    maria = report.groups[2]
    assert [entry.item.key for entry in maria.entries] == ["milestone:m3", "milestone:m1"]  # overdue first
    assert [entry.item.key for entry in report.groups[3].entries] == ["check-in:2031-06-03", "term:end"]


def test_party_keeps_what_they_owe_what_is_for_them_and_the_shared_items(tmp_path: Path) -> None:
    write_agreement(tmp_path, "a", results={**milestones(("mine", "maria", "2031-06-02"),
                                                         ("for-me", "daniel", "2031-06-03")),
                                            "check_ins": {"dates": ["2031-06-04"]}})
    write_agreement(tmp_path, "b", parties=[{"id": "daniel"}, {"id": "omar"}],
                    results={"milestones": [{"id": "theirs", "owner": "daniel", "to": "omar", "due": "2031-06-02"}]})
    report = due_report([str(tmp_path)], TODAY, 14, party="maria")
    assert sorted(keys(report)) == ["check-in:2031-06-04", "milestone:for-me", "milestone:mine"]
    assert report.party == "maria"


def test_an_unknown_party_is_refused_with_the_parties_there_are(tmp_path: Path) -> None:
    write_agreement(tmp_path, "a")
    with pytest.raises(DueError, match=r"--party 'mario' is not a party of any agreement read \(parties: daniel, "
                                       r"maria\)"):
        due_report([str(tmp_path)], TODAY, 14, party="mario")


def test_a_file_that_does_not_load_is_reported_positioned_and_the_others_are_read(tmp_path: Path) -> None:
    write_agreement(tmp_path, "a", results=milestones(("m", "maria", "2031-05-01")))
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nstatus: [active\n", encoding="utf-8")
    report = due_report([str(tmp_path)], TODAY, 14)
    assert report.failed
    assert keys(report) == ["milestone:m"]
    assert {problem.path for problem in report.problems} == {broken.as_posix()}
    problem = report.problems[0]
    lines = broken.read_text(encoding="utf-8").splitlines()
    assert 1 <= problem.line <= len(lines) + 1


def test_the_template_and_consent_records_are_not_agreements(tmp_path: Path) -> None:
    write_agreement(tmp_path, "a", results=milestones(("m", "maria", "2031-05-01")))
    (tmp_path / "_template.yaml").write_text("status: active\nresults: {milestones: [{id: t, due: 2031-05-01}]}\n")
    (tmp_path / ".consent").mkdir()
    (tmp_path / ".consent" / "a.yaml").write_text("status: active\n")
    report = due_report([str(tmp_path)], TODAY, 14)
    assert report.agreements == 1
    assert keys(report) == ["milestone:m"]


@pytest.mark.parametrize("arguments", [["-"], []])
def test_standard_input_and_no_agreement_are_refused(tmp_path: Path, arguments: list[str]) -> None:
    (tmp_path / "_template.yaml").write_text("status: draft\n")
    with pytest.raises(DueError):
        due_report(arguments or [str(tmp_path / "_template.yaml")], TODAY, 14)


def test_a_folder_without_agreements_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing")
    with pytest.raises(DueError, match="holds no agreement files"):
        due_report([str(tmp_path)], TODAY, 14)


def test_the_entry_points_at_the_line_and_column_of_its_date(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("id: a\nstatus: active\nparties: [{id: maria}]\nresults:\n  milestones:\n"
                    "    - id: m\n      owner: maria\n      due: 2031-05-01\n", encoding="utf-8")
    entry = due_report([str(path)], TODAY, 14).entries[0]
    assert (entry.line, entry.col) == (8, 12)
    assert path.read_text().splitlines()[entry.line - 1][entry.col - 1:] == "2031-05-01"


# --- the window ------------------------------------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=999_999), st.sampled_from([("d", 1), ("w", 7)]))
def test_a_window_is_a_count_of_days_or_weeks(count: int, unit: tuple[str, int]) -> None:
    assert window_days(f"{count}{unit[0]}") == count * unit[1]
    assert window_days(f" {count}{unit[0].upper()} ") == count * unit[1]


_WINDOW = re.compile(r"[0-9]{1,6}[dwDW]", re.ASCII)


@given(st.text(max_size=12))
def test_anything_else_is_refused_with_a_message_that_shows_it(text: str) -> None:
    if _WINDOW.fullmatch(text.strip()):  # surrounding white space of any kind is forgiven
        return
    with pytest.raises(DueError, match="is not a window"):
        window_days(text)


@pytest.mark.parametrize("text", ["14", "d", "-1d", "1.5w", "14 d", "1y", "1234567d", "14days", "٣d", ""])
def test_common_mistakes_are_refused(text: str) -> None:
    with pytest.raises(DueError):
        window_days(text)


def test_two_weeks_is_fourteen_days() -> None:
    assert window_days("2w") == window_days("14d") == 14


@given(st.dates(), st.integers(min_value=0, max_value=999_999 * 7))
def test_the_window_end_never_passes_the_last_calendar_day(today: datetime.date, days: int) -> None:
    end = window_end(today, days)
    assert today <= end <= DAY.max
    assert end == DAY.max or (end - today).days == days
