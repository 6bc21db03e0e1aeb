"""Re-importing an updated calendar updates its events: UIDs stay, SEQUENCE counts each event's changes over the file's
git history (and an uncommitted edit), CREATED and LAST-MODIFIED are the commits' times. Real repositories."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from agreed.cli import main
from calendar_samples import agreement, events_by_uid, vobject_events
from gitrepo import Repo

FILE = "contracts/pilot.yaml"
FIRST = "2031-01-02T09:00:00+00:00"
SECOND = "2031-01-20T15:30:00+01:00"
THIRD = "2031-02-03T08:00:00+00:00"
DELIVERABLE = "supply-pilot/deliverable:route-plan@agreed"
MILESTONE = "supply-pilot/milestone:kickoff@agreed"


def _utc(moment: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(moment).astimezone(datetime.UTC)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    monkeypatch.chdir(tmp_path)
    created = Repo(tmp_path)
    created.write(FILE, agreement())
    created.commit("first version", FIRST)
    return created


def _calendar(*arguments: str) -> str:
    result = CliRunner().invoke(main, ["calendar", *arguments])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")


def _sequences(text: str) -> dict[str, int]:
    return {uid: int(event["SEQUENCE"]) for uid, event in events_by_uid(text).items()}


def _edited(**changes: Any) -> dict[str, Any]:
    data = agreement()
    for key, value in changes.items():
        section, index, field = key.split("__")
        data["results"][section][int(index)][field] = value
    return data


def test_a_committed_file_has_sequence_0_and_its_commit_time(repo: Repo) -> None:
    text = _calendar()
    assert set(_sequences(text).values()) == {0}
    for event in events_by_uid(text).values():
        assert event.decoded("DTSTAMP") == event.decoded("CREATED") == event.decoded("LAST-MODIFIED") == _utc(FIRST)


def test_an_edit_raises_the_sequence_of_the_events_it_changes_only(repo: Repo) -> None:
    before = _calendar()
    repo.write(FILE, _edited(deliverables__0__due="2031-02-21"))
    repo.commit("move the route plan", SECOND)
    after = _calendar()
    assert sorted(events_by_uid(after)) == sorted(events_by_uid(before))  # the same UIDs: updated, not added
    assert _sequences(after) == {**_sequences(before), DELIVERABLE: 1}
    moved = events_by_uid(after)[DELIVERABLE]
    assert moved.decoded("DTSTART") == datetime.date(2031, 2, 21)
    assert (moved.decoded("CREATED"), moved.decoded("LAST-MODIFIED")) == (_utc(FIRST), _utc(SECOND))
    assert moved.decoded("DTSTAMP") == _utc(SECOND)
    assert events_by_uid(after)[MILESTONE].decoded("LAST-MODIFIED") == _utc(FIRST)
    assert int(vobject_events(after)[DELIVERABLE].sequence.value) == 1


def test_an_uncommitted_edit_raises_the_sequence_and_keeps_the_last_commit_time(repo: Repo) -> None:
    repo.write(FILE, _edited(milestones__0__what="Kick-off notes, with the depot list, sent"))
    events = events_by_uid(_calendar())
    assert int(events[MILESTONE]["SEQUENCE"]) == 1
    assert events[MILESTONE].decoded("LAST-MODIFIED") == _utc(FIRST)
    assert int(events[DELIVERABLE]["SEQUENCE"]) == 0


def test_every_change_counts_also_one_back_to_an_earlier_content(repo: Repo) -> None:
    repo.write(FILE, _edited(deliverables__0__due="2031-02-21"))
    repo.commit("move", SECOND)
    repo.write(FILE, agreement())
    repo.commit("move back", THIRD)
    assert _sequences(_calendar())[DELIVERABLE] == 2


def test_a_status_change_updates_every_event(repo: Repo) -> None:
    repo.write(FILE, agreement(status="fulfilled"))
    repo.commit("fulfilled", SECOND)
    assert set(_sequences(_calendar()).values()) == {1}


def test_an_event_added_later_is_created_by_the_commit_that_added_it(repo: Repo) -> None:
    data = agreement()
    data["results"]["deliverables"].append({"id": "cost-sheet", "what": "Cost sheet", "owner": "asa",
                                            "due": "2031-03-02"})
    repo.write(FILE, data)
    repo.commit("add the cost sheet", SECOND)
    added = events_by_uid(_calendar())["supply-pilot/deliverable:cost-sheet@agreed"]
    assert (int(added["SEQUENCE"]), added.decoded("CREATED")) == (0, _utc(SECOND))


def test_a_renamed_file_keeps_its_history_and_the_calendar_reads_alike_from_any_folder(
        repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.write(FILE, _edited(deliverables__0__due="2031-02-21"))
    repo.commit("move", SECOND)
    repo.git("mv", FILE, "contracts/supply-pilot.yaml")
    repo.commit("rename", THIRD)
    from_root = _calendar()
    assert _sequences(from_root)[DELIVERABLE] == 1
    assert "File: contracts/supply-pilot.yaml" in str(events_by_uid(from_root)[DELIVERABLE]["DESCRIPTION"])
    monkeypatch.chdir(repo.root / "contracts")
    assert _calendar("supply-pilot.yaml") == from_root


def test_a_file_named_from_outside_its_repository_is_read_with_its_history(
        repo: Repo, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.write(FILE, _edited(deliverables__0__due="2031-02-21"))
    repo.commit("move", SECOND)
    from_root = _calendar()
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    assert _calendar(str(repo.root / FILE)) == from_root
