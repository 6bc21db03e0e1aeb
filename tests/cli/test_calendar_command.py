"""``agreed calendar`` driven through click: events, series, attendees, links, escaping, filtering, bad input. Every
calendar is read back by two independent parsers, the icalendar library and vobject."""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main
from calendar_samples import ASA, BEN, agreement, events_by_uid, vobject_events, write

EXAMPLES = Path(__file__).resolve().parents[2] / "contracts"


def _run(*arguments: str) -> Result:
    return CliRunner().invoke(main, ["calendar", *arguments])


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder outside any git repository, made the current folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _calendar(*arguments: str) -> str:
    result = _run(*arguments)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")  # as written: ``output`` turns CRLF into LF


def test_every_dated_item_is_an_event_and_check_ins_on_the_rhythm_are_one_series(here: Path) -> None:
    write(here / "contracts" / "pilot.yaml", agreement())
    events = events_by_uid(_calendar())
    assert sorted(events) == sorted(f"supply-pilot/{key}@agreed" for key in (
        "term:start", "term:end", "deliverable:route-plan", "milestone:kickoff", "check-in:2031-02-05",
        "measurement:results", "announcement", "check-ins"))
    series = events["supply-pilot/check-ins@agreed"]
    assert series["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20310328T235959;BYDAY=TU"
    assert series.decoded("DTSTART") == datetime.datetime(2031, 1, 7, 10, 0)  # the first Tuesday of the term
    assert series.decoded("DTEND") == datetime.datetime(2031, 1, 7, 10, 30)
    assert series.decoded("DTSTART").tzinfo is None  # floating: the agreement names no time zone
    # 2031-01-14 is a Tuesday, so the series holds it; 2031-02-05 is a Wednesday, an event of its own
    assert "supply-pilot/check-in:2031-01-14@agreed" not in events
    assert events["supply-pilot/check-in:2031-02-05@agreed"].decoded("DTSTART") == datetime.datetime(2031, 2, 5, 10)


def test_dated_items_are_all_day_events_that_end_the_next_day_and_do_not_block_time(here: Path) -> None:
    write(here / "contracts" / "pilot.yaml", agreement())
    events = events_by_uid(_calendar())
    due = events["supply-pilot/deliverable:route-plan@agreed"]
    assert due.decoded("DTSTART") == datetime.date(2031, 2, 14)
    assert due.decoded("DTEND") == datetime.date(2031, 2, 15)
    assert str(due["TRANSP"]) == "TRANSPARENT"
    assert str(events["supply-pilot/check-ins@agreed"]["TRANSP"]) == "OPAQUE"
    assert events["supply-pilot/measurement:results@agreed"].decoded("DTSTART") == datetime.date(2031, 3, 23)
    assert str(events["supply-pilot/milestone:kickoff@agreed"]["SUMMARY"]).endswith("(delivered)")


def test_attendees_are_the_parties_the_item_concerns_with_their_emails_and_there_is_no_organizer(here: Path) -> None:
    write(here / "contracts" / "pilot.yaml", agreement())
    text = _calendar()
    for events in (events_by_uid(text), vobject_events(text)):
        for uid, event in events.items():
            assert "ORGANIZER" not in (event if isinstance(event, dict) else event.contents), uid
    icalendar_events = events_by_uid(text)

    def attendees(uid: str) -> list[tuple[str, str]]:
        listed = icalendar_events[f"supply-pilot/{uid}@agreed"].get("ATTENDEE", [])
        listed = listed if isinstance(listed, list) else [listed]
        return sorted((str(attendee), str(attendee.params["CN"])) for attendee in listed)

    assert attendees("deliverable:route-plan") == [(f"mailto:{ASA}", "Åsa Lind"), (f"mailto:{BEN}", "Ben Okoro")]
    assert attendees("milestone:kickoff") == [(f"mailto:{ASA}", "Åsa Lind")]  # for the Warehouse team: no email
    assert attendees("check-ins") == [(f"mailto:{ASA}", "Åsa Lind"), (f"mailto:{BEN}", "Ben Okoro")]
    second = vobject_events(text)["supply-pilot/deliverable:route-plan@agreed"]
    assert sorted(attendee.value for attendee in second.attendee_list) == [f"mailto:{ASA}", f"mailto:{BEN}"]


def test_the_description_names_the_agreement_the_item_its_owner_and_for_whom(here: Path) -> None:
    write(here / "contracts" / "pilot.yaml", agreement())
    description = str(events_by_uid(_calendar())["supply-pilot/deliverable:route-plan@agreed"]["DESCRIPTION"])
    assert description.splitlines() == [
        "Deliverable: Route plan for 3 depots",
        "Agreement: Pilot the new supply route (supply-pilot)",
        "File: contracts/pilot.yaml",
        "Status of the agreement: active",
        "Owner: Ben Okoro (ben)",
        "For: Åsa Lind (asa)",
        "Done: not yet",
    ]


def test_text_with_commas_semicolons_line_breaks_quotes_and_accents_reads_back_unchanged(here: Path) -> None:
    title = 'Café; "Nord", Süd\\Ost: 北'
    name = 'Lind, Åsa; "Chef"'
    data = agreement(title=title)
    data["parties"][0]["name"] = name
    data["results"]["deliverables"][0]["what"] = "Plan A, B; and C\\D — für 3 Depots " + "ü" * 80
    write(here / "contracts" / "pilot.yaml", data)
    text = _calendar()
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))  # folded by octets (RFC 5545 3.1)
    summary = "[supply-pilot] Due: Plan A, B; and C\\D — für 3 Depots " + "ü" * 80
    first, second = events_by_uid(text), vobject_events(text)
    uid = "supply-pilot/deliverable:route-plan@agreed"
    assert str(first[uid]["SUMMARY"]) == second[uid].summary.value == summary
    assert str(first[uid]["DESCRIPTION"]) == second[uid].description.value
    assert f"Agreement: {title} (supply-pilot)" in second[uid].description.value.split("\n")
    attendee = next(a for a in first[uid]["ATTENDEE"] if str(a) == f"mailto:{ASA}")
    assert str(attendee.params["CN"]) == name


def test_control_characters_and_bidirectional_overrides_are_shown_escaped_and_emails_are_uris(here: Path) -> None:
    data = agreement(title="Plan\u202e gnp.exe \x01\x1b end")
    data["parties"][1]["email"] = "ben okoro@example.org"
    write(here / "contracts" / "pilot.yaml", data)
    text = _calendar()
    assert "\u202e" not in text
    assert "\x01" not in text
    uid = "supply-pilot/deliverable:route-plan@agreed"
    for events in (events_by_uid(text), vobject_events(text)):
        description = events[uid]["DESCRIPTION"] if isinstance(events[uid], dict) else events[uid].description.value
        assert "Agreement: Plan\\u202e gnp.exe \\x01\\x1b end (supply-pilot)" in str(description).splitlines()
    assert "mailto:ben%20okoro@example.org" in {attendee.value for attendee in vobject_events(text)[uid].attendee_list}


def test_the_same_input_gives_the_same_bytes(here: Path) -> None:
    write(here / "contracts" / "pilot.yaml", agreement())
    write(here / "contracts" / "other.yaml", agreement("other-pilot"))
    assert _calendar() == _calendar()


def test_minus_o_writes_the_file_and_prints_a_summary_and_o_dash_prints_the_calendar(here: Path) -> None:
    write(here / "contracts" / "pilot.yaml", agreement())
    result = _run("-o", "pilot.ics")
    assert result.exit_code == 0, result.output
    assert result.output == "8 events from 1 agreement. Report (ics) written to pilot.ics.\n"
    written = (here / "pilot.ics").read_bytes()
    assert written.startswith(b"BEGIN:VCALENDAR\r\n")
    assert written.endswith(b"END:VCALENDAR\r\n")
    assert _calendar("-o", "-").encode("utf-8") == written


def test_party_keeps_the_events_the_party_owes_is_owed_or_attends(here: Path) -> None:
    data = agreement()
    data["parties"].append({"id": "cleo", "name": "Cleo Park"})  # no email: owes, is owed, but is no attendee
    data["results"]["deliverables"].append({"id": "cost-sheet", "what": "Cost sheet", "owner": "cleo",
                                            "for": ["ben"], "due": "2031-02-20"})
    write(here / "contracts" / "pilot.yaml", data)
    text = _calendar("--party", "cleo")
    events = events_by_uid(text)
    assert sorted(events) == sorted(f"supply-pilot/{key}@agreed" for key in (
        "term:start", "term:end", "deliverable:cost-sheet", "check-in:2031-02-05", "measurement:results",
        "check-ins"))  # not asa's milestone, ben's route plan, or the announcement to asa and the team
    assert "NAME:Agreements of Cleo Park (cleo)" in text
    assert "supply-pilot/deliverable:cost-sheet@agreed" in events_by_uid(_calendar("--party", "ben"))
    assert "supply-pilot/announcement@agreed" in events_by_uid(_calendar("--party", "asa"))


def test_an_unknown_party_is_an_error_that_lists_the_parties(here: Path) -> None:
    write(here / "contracts" / "pilot.yaml", agreement())
    result = _run("--party", "zoe")
    assert result.exit_code == 2
    assert "--party 'zoe' is not a party of any agreement read (parties: asa, ben)" in result.output


def test_a_site_url_links_each_event_to_its_agreements_page_and_the_option_overrides_the_configuration(
        here: Path) -> None:
    write(here / "contracts" / "pilot.yaml", agreement())
    (here / ".agreed.yaml").write_text("site:\n  url: https://example.github.io/agreements/\n", encoding="utf-8")
    page = "https://example.github.io/agreements/agreements/supply-pilot.html"
    for event in events_by_uid(_calendar()).values():
        assert str(event["URL"]) == page
        assert str(event["DESCRIPTION"]).splitlines()[-1] == f"Page: {page}"
    overridden = events_by_uid(_calendar("--site-url", "https://pages.example.org/team"))
    assert {str(event["URL"]) for event in overridden.values()} == {
        "https://pages.example.org/team/agreements/supply-pilot.html"}
    assert all("URL" not in event for event in events_by_uid(_calendar("--isolated")).values())


def test_a_bad_site_url_is_an_error(here: Path) -> None:
    write(here / "contracts" / "pilot.yaml", agreement())
    result = _run("--site-url", "example.org/agreements")
    assert result.exit_code == 2
    assert "is not an absolute http or https URL" in result.output
    (here / ".agreed.yaml").write_text("site:\n  url: ftp://example.org/\n", encoding="utf-8")
    configured = _run()
    assert configured.exit_code == 2
    assert ".agreed.yaml:2:8: S013" in configured.output


@pytest.mark.parametrize("url", ["https://ex.org/<x>/", "https://ex.org/a b/", 'https://ex.org/"q"/',
                                 "https://exämple.org/", "https://ex.org/a|b/", "https://ex.org/{x}"])
def test_a_site_url_with_characters_a_url_may_not_hold_is_refused_by_option_and_configuration(here: Path,
                                                                                               url: str) -> None:
    write(here / "contracts" / "pilot.yaml", agreement())
    result = _run("--site-url", url)
    assert result.exit_code == 2
    assert "is not an absolute http or https URL" in result.output
    (here / ".agreed.yaml").write_text(f"site:\n  url: '{url}'\n", encoding="utf-8")
    configured = _run()
    assert configured.exit_code == 2
    assert ".agreed.yaml:2:8: S013" in configured.output


def test_a_percent_encoded_site_url_is_kept(here: Path) -> None:
    write(here / "contracts" / "pilot.yaml", agreement())
    assert _run("--site-url", "https://ex.org/a%20b/").exit_code == 0


def test_a_time_without_a_length_is_a_moment_without_an_end(here: Path) -> None:
    data = agreement()
    data["results"]["check_ins"]["cadence"] = "every Tuesday at 10:00"
    write(here / "contracts" / "pilot.yaml", data)
    series = events_by_uid(_calendar())["supply-pilot/check-ins@agreed"]
    assert series.decoded("DTSTART") == datetime.datetime(2031, 1, 7, 10, 0)
    assert "DTEND" not in series  # RFC 5545 wants an end later than the start, so none is written
    assert "DURATION" not in series


def test_without_a_term_the_check_ins_are_their_listed_dates(here: Path) -> None:
    data = agreement()
    del data["term"]
    write(here / "contracts" / "pilot.yaml", data)
    events = events_by_uid(_calendar())
    assert "supply-pilot/check-ins@agreed" not in events
    assert {uid for uid in events if "check-in" in uid} == {
        "supply-pilot/check-in:2031-01-14@agreed", "supply-pilot/check-in:2031-02-05@agreed"}
    assert events["supply-pilot/check-in:2031-01-14@agreed"].decoded("DTSTART") == datetime.datetime(2031, 1, 14, 10)


def test_the_status_of_the_agreement_is_the_status_of_its_events(here: Path) -> None:
    write(here / "contracts" / "a.yaml", agreement("a", status="proposed"))
    write(here / "contracts" / "b.yaml", agreement("b", status="ended"))
    write(here / "contracts" / "c.yaml", agreement("c", status="fulfilled"))
    events = events_by_uid(_calendar())
    assert {uid.split("/")[0]: str(event["STATUS"]) for uid, event in events.items()} == {
        "a": "TENTATIVE", "b": "CANCELLED", "c": "CONFIRMED"}


def test_a_cadence_with_two_readings_leaves_the_listed_dates_all_day(here: Path) -> None:
    data = agreement()
    data["results"]["check_ins"]["cadence"] = "every second Tuesday, 30 minutes"
    write(here / "contracts" / "pilot.yaml", data)
    events = events_by_uid(_calendar())
    assert "supply-pilot/check-ins@agreed" not in events
    assert all("RRULE" not in event for event in events.values())
    assert events["supply-pilot/check-in:2031-01-14@agreed"].decoded("DTSTART") == datetime.date(2031, 1, 14)
    assert "Cadence: every second Tuesday, 30 minutes" in str(
        events["supply-pilot/check-in:2031-01-14@agreed"]["DESCRIPTION"])
    assert str(events["supply-pilot/check-in:2031-01-14@agreed"]["TRANSP"]) == "TRANSPARENT"  # all day: not busy


@pytest.mark.parametrize("cadence", ["every Tuesday at 10:00; on Fridays a written update",
                                     "every Tuesday, 90 minutes, and every Friday a written note"])
def test_weekdays_of_two_rhythms_make_no_series(here: Path, cadence: str) -> None:
    data = agreement()
    data["results"]["check_ins"]["cadence"] = cadence
    write(here / "contracts" / "pilot.yaml", data)
    events = events_by_uid(_calendar())
    assert "supply-pilot/check-ins@agreed" not in events
    assert all("RRULE" not in event for event in events.values())


@pytest.mark.parametrize(("cadence", "why"), [
    ("every Tuesday at 9:00 CET, 30 minutes", "it names a time zone (CET)"),
    ("every Tuesday at 25:00", "25:00 is not a time of day"),
])
def test_a_time_the_calendar_cannot_use_leaves_check_ins_all_day_and_free_and_says_why(here: Path, cadence: str,
                                                                                      why: str) -> None:
    data = agreement()
    data["results"]["check_ins"]["cadence"] = cadence
    write(here / "contracts" / "pilot.yaml", data)
    events = events_by_uid(_calendar())
    for uid in ("supply-pilot/check-ins@agreed", "supply-pilot/check-in:2031-02-05@agreed"):
        event = events[uid]
        assert not isinstance(event.decoded("DTSTART"), datetime.datetime)
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert why in str(event["DESCRIPTION"])


def test_renegotiation_triggers_keep_their_uid_when_another_is_inserted_before_them(here: Path) -> None:
    data = agreement(relationship={"renegotiation": {"signals": ["Any delay", "The budget is cut on 2031-09-01"]}})
    write(here / "contracts" / "pilot.yaml", data)
    before = {uid for uid in events_by_uid(_calendar()) if "trigger" in uid}
    data["relationship"]["renegotiation"]["signals"].insert(0, "The floor moves on 2031-08-15")
    write(here / "contracts" / "pilot.yaml", data)
    after = {uid for uid in events_by_uid(_calendar()) if "trigger" in uid}
    assert len(before) == 1
    assert len(after) == 2
    assert before < after


def test_a_day_that_does_not_exist_is_reported_positioned_and_nothing_is_written(here: Path) -> None:
    data = agreement()
    data["results"]["deliverables"][0]["due"] = "2031-02-30"
    written = write(here / "contracts" / "pilot.yaml", data).read_text(encoding="utf-8")
    write(here / "contracts" / "other.yaml", agreement("other-pilot"))
    target = here / "agreements.ics"
    result = _run("-o", str(target))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert not target.exists()
    problem = next(line for line in result.stderr.splitlines() if "pilot.yaml:" in line)
    line, col = (int(part) for part in problem.split(":")[1:3])
    assert written.splitlines()[line - 1][col - 1:].startswith('"2031-02-30"')  # written as JSON, which is YAML
    assert "'2031-02-30' is not a date" in problem


def test_the_shipped_examples_make_a_calendar_both_parsers_read(here: Path) -> None:
    shutil.copytree(EXAMPLES, here / "contracts")
    text = _calendar()
    first, second = events_by_uid(text), vobject_events(text)
    assert sorted(first) == sorted(second)
    assert len(first) == text.count("BEGIN:VEVENT") > 40  # every UID once
    assert {uid.split("/")[0] for uid in first} == {
        "clinic-scheduling", "data-platform-migration", "field-service-returns", "sales-onboarding"}
    clinic = first["clinic-scheduling/check-ins@agreed"]
    assert clinic["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20251219T235959;BYDAY=MO"
    assert second["clinic-scheduling/check-ins@agreed"].rruleset is not None
    # the other examples' cadences ("every fourth Tuesday", "every second Monday") have two readings
    assert [uid for uid, event in first.items() if "RRULE" in event] == ["clinic-scheduling/check-ins@agreed"]
    for uid, event in second.items():
        assert event.dtstamp.value.tzinfo is not None, uid
        assert int(event.sequence.value) == 0  # outside git: no history


@pytest.mark.parametrize(("setup", "message"), [
    (lambda here: None, "missing.yaml:1:1: S010 error no such file"),
    (lambda here: (here / "missing.yaml").write_text("title: notes\n"), "not an agreement with an id"),
    (lambda here: (here / "missing.yaml").write_bytes(b"id: x\ntitle: \xff\n"), "not valid UTF-8"),
    (lambda here: os.mkfifo(here / "missing.yaml"), "missing.yaml:1:1: S010"),
])
def test_a_file_that_cannot_be_read_is_an_error_and_nothing_is_written(here: Path, setup: object,
                                                                       message: str) -> None:
    assert callable(setup)
    setup(here)
    result = _run("missing.yaml", "-o", "out.ics")
    assert result.exit_code == 2
    assert message in result.output
    assert "nothing was written" in result.output
    assert not (here / "out.ics").exists()


def test_a_folder_without_agreements_standard_input_and_shared_ids_are_errors(here: Path) -> None:
    (here / "empty").mkdir()
    assert "empty: holds no agreement files" in _run("empty").output
    assert "not standard input" in _run("-").output
    write(here / "contracts" / "a.yaml", agreement("same"))
    write(here / "contracts" / "b.yaml", agreement("same"))
    result = _run()
    assert result.exit_code == 2
    assert "contracts/b.yaml:3:9: S100 error id 'same' is also the id of contracts/a.yaml" in result.output
