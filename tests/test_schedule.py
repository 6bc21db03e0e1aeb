"""The dated items of an agreement (agreed.schedule): what is dated, when, who owes it, whether it is done."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from agreed.agreement import agreement_of, read_agreement
from agreed.document import load_document, read_document
from agreed.measured import Outcome, outcome_of
from agreed.schedule import DatedItem, ItemKind, dated_items, day_of, days_in_text
from strategies import Case, cases

CONTRACTS = Path(__file__).resolve().parents[1] / "contracts"
DAY = datetime.date


def agreement(**parts: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": "a", "status": "active",
                            "parties": [{"id": "maria"}, {"id": "daniel"}]}
    data.update(parts)
    return data


def items(data: dict[str, Any]) -> dict[str, DatedItem]:
    return {item.key: item for item in dated_items(read_agreement(data))}


def test_deliverables_and_milestones_carry_owner_recipients_and_delivery() -> None:
    found = items(agreement(results={
        "deliverables": [{"id": "d1", "what": "The  playbook\nof 12 sections", "owner": "maria",
                          "for": ["daniel", "Onboarding managers"], "due": "2031-04-30",
                          "delivered_on": "2031-04-29"}],
        "milestones": [{"id": "m1", "what": "Draft", "owner": "daniel", "to": "maria", "due": "2031-02-27"}],
    }))
    deliverable, milestone = found["deliverable:d1"], found["milestone:m1"]
    assert deliverable == DatedItem(ItemKind.DELIVERABLE, "deliverable:d1", "The playbook of 12 sections",
                                    DAY(2031, 4, 30), "maria", ("daniel", "Onboarding managers"), True,
                                    ("results", "deliverables", 0, "due"))
    assert (milestone.owner, milestone.counterparts, milestone.done) == ("daniel", ("maria",), False)
    assert milestone.path == ("results", "milestones", 0, "due")


def test_items_are_sorted_by_day_then_key() -> None:
    found = dated_items(read_agreement(agreement(
        term={"start": "2031-01-06", "end": "2031-12-19"},
        results={"milestones": [{"id": "z", "due": "2031-03-01"}, {"id": "b", "due": "2031-03-01"}],
                 "check_ins": {"dates": ["2031-02-01", "2031-03-01"]}})))
    assert [item.key for item in found] == ["term:start", "check-in:2031-02-01", "check-in:2031-03-01",
                                            "milestone:b", "milestone:z", "term:end"]
    assert [item.on for item in found] == sorted(item.on for item in found)


def test_dates_that_do_not_parse_are_left_out() -> None:
    found = items(agreement(term={"start": "", "end": "Q3 2031"}, results={
        "milestones": [{"id": "m1", "due": "2031-02-30"}, {"id": "m2", "due": 20310301}, {"id": "m3"}],
        "check_ins": {"dates": ["soon", "2031-13-01", "2031-05-05"]}}))
    assert list(found) == ["check-in:2031-05-05"]


def test_items_without_ids_are_keyed_by_their_text_and_duplicate_keys_are_made_unique() -> None:
    found = dated_items(read_agreement(agreement(results={
        "deliverables": [{"what": "first", "due": "2031-01-01"}, {"id": "d", "due": "2031-01-02"},
                         {"id": "d", "due": "2031-01-03"}, {"what": "twin", "due": "2031-01-04"},
                         {"what": "twin", "due": "2031-01-05"}],
        "check_ins": {"dates": ["2031-05-05", "2031-05-05"]}})))
    keys = [item.key for item in found]
    first, twin = keys[0], keys[3]
    assert first.startswith("deliverable:#")
    assert twin.startswith("deliverable:#")
    assert first != twin
    assert keys == [first, "deliverable:d", "deliverable:d~2", twin, f"{twin}~2",
                    "check-in:2031-05-05", "check-in:2031-05-05~2"]
    assert found[0].what == "first"


def keys_by_what(data: dict[str, Any]) -> dict[str, str]:
    return {item.what: item.key for item in dated_items(read_agreement(data))}


def test_keys_of_entries_without_an_id_survive_an_entry_inserted_before_them() -> None:
    signals = ["The budget is not approved by 2031-09-01"]
    deliverables = [{"what": "Checklist", "due": "2031-02-28"}]
    handoffs = [{"what": "Rota", "from": "maria", "to": "Ops", "due": "2031-10-01"}]
    reservations = [{"concern": "Staff", "monitoring": "Review by 2031-03-01"}]
    before = keys_by_what(agreement(
        results={"deliverables": deliverables}, celebration={"handoffs": handoffs},
        relationship={"renegotiation": {"signals": signals}, "reservations": reservations}))
    after = keys_by_what(agreement(
        results={"deliverables": [{"what": "Menu", "due": "2031-02-01"}, *deliverables]},
        celebration={"handoffs": [{"what": "Keys", "from": "maria", "to": "Ops", "due": "2031-09-01"}, *handoffs]},
        relationship={"renegotiation": {"signals": ["The floor moves on 2031-08-15", *signals]},
                      "reservations": [{"concern": "Money", "monitoring": "By 2031-02-01"}, *reservations]}))
    assert len(before) == 4
    assert {what: after[what] for what in before} == before
    assert len(set(after.values())) == len(after) == 8


def test_check_ins_and_the_term_are_shared_by_every_party() -> None:
    found = items(agreement(term={"end": "2031-12-19"}, results={"check_ins": {"cadence": "weekly",
                                                                               "dates": ["2031-05-05"]}}))
    for key in ("check-in:2031-05-05", "term:end"):
        assert found[key].owner is None
        assert found[key].counterparts == ("daniel", "maria")
        assert found[key].concerns("maria")
    assert found["check-in:2031-05-05"].path == ("results", "check_ins", "dates", 0)
    assert found["term:end"].path == ("term", "end")


def test_measurement_days_may_be_relative_to_the_deadline() -> None:
    found = items(agreement(
        results={"deadline": "2031-06-30", "for_whom": ["CRO"], "serving_whom": ["Customers"]},
        celebration={"targets": [{"id": "ttv", "metric": "Median days", "measured_on": "deadline + 15 days"},
                                 {"id": "nps", "measured_on": "2031-07-01"}],
                     "measurement": {"on": "deadline", "communicated_on": "deadline + 1 day"},
                     "announcer": "maria"}))
    assert found["measurement:ttv"].on == DAY(2031, 7, 15)
    assert found["measurement:ttv"].what == "Measure: Median days"
    assert found["measurement:nps"].what == "Measure: nps"
    assert found["measurement:results"].on == DAY(2031, 6, 30)
    announcement = found["announcement"]
    assert (announcement.on, announcement.owner, announcement.counterparts) == (DAY(2031, 7, 1), "maria",
                                                                                ("CRO", "Customers"))


def test_the_announcer_is_not_one_of_those_the_announcement_is_for() -> None:
    found = items(agreement(
        results={"for_whom": ["maria", "daniel"], "serving_whom": ["Everyone on floor 3"]},
        celebration={"measurement": {"communicated_on": "2031-07-01"}, "announcer": "maria"}))
    announcement = found["announcement"]
    assert (announcement.owner, announcement.counterparts) == ("maria", ("daniel", "Everyone on floor 3"))
    assert announcement.concerns("maria")
    assert announcement.path == ("celebration", "measurement", "communicated_on")


def test_a_target_is_measured_once_a_value_is_recorded_as_its_outcome_says() -> None:
    targets = [{"id": "valued", "target": 10, "measured_on": "2031-07-01",
                "measured": {"value": 12, "on": "2031-07-01", "by": "maria", "source": "CRM"}},
               {"id": "unvalued", "target": 10, "measured_on": "2031-07-01",
                "measured": {"on": "2031-07-01", "by": "maria", "source": "CRM"}}]
    view = read_agreement(agreement(celebration={"targets": targets, "measurement": {"on": "2031-07-02"}}))
    found = {item.key: item for item in dated_items(view)}
    outcomes = {target.id: outcome_of(target) for target in view.celebration.targets} if view.celebration else {}
    assert outcomes == {"valued": Outcome.MET, "unvalued": Outcome.NOT_MEASURED}
    assert found["measurement:valued"].done
    assert not found["measurement:unvalued"].done
    assert not found["measurement:results"].done  # not every target has a measured value


def test_a_relative_day_without_a_calendar_deadline_is_left_out() -> None:
    found = items(agreement(results={"deadline": ""},
                            celebration={"measurement": {"on": "deadline + 15 days"}}))
    assert found == {}


def test_relative_days_are_only_read_where_the_schema_allows_them() -> None:
    found = items(agreement(results={"deadline": "2031-06-30", "milestones": [{"id": "m", "due": "deadline"}]},
                            term={"end": "deadline + 1 day"}))
    assert found == {}


def test_hand_offs_are_owed_by_the_giver_to_the_receiver() -> None:
    found = items(agreement(celebration={"handoffs": [{"id": "h", "what": "Dashboard", "from": "maria",
                                                        "to": "Ops", "due": "2032-09-01"}]}))
    handoff = found["hand-off:h"]
    assert (handoff.kind, handoff.what, handoff.owner, handoff.counterparts) == (
        ItemKind.HANDOFF, "Dashboard (to Ops)", "maria", ("Ops",))


def test_iso_days_in_reservations_and_renegotiation_signals_are_items() -> None:
    found = items(agreement(relationship={
        "reservations": [{"id": "staff", "concern": "Losing a manager",
                          "monitoring": "Maria names a backup by 2031-02-27 and again by 2031-08-27; "
                                        "2031-02-27 again, not 2031-02-30, not x2031-03-01"}],
        "renegotiation": {"signals": ["The budget is not approved by 2031-05-01", "Any month above 16%"]},
        "triggers": ["A surprise on 2031-04-01"]}))
    trigger_key = next(key for key in found if key.startswith("trigger:"))
    assert trigger_key.startswith("trigger:#")
    assert trigger_key.endswith(":2031-05-01")
    assert sorted(found) == ["reservation:staff:2031-02-27", "reservation:staff:2031-08-27",
                             trigger_key]
    review = found["reservation:staff:2031-02-27"]
    assert (review.kind, review.what) == (ItemKind.RESERVATION_REVIEW, "Review reservation staff: Losing a manager")
    assert review.path == ("relationship", "reservations", 0, "monitoring")
    trigger = found[trigger_key]
    assert trigger.what == "Renegotiate if: The budget is not approved by 2031-05-01"
    assert trigger.path == ("relationship", "renegotiation", "signals", 0)


@pytest.mark.parametrize(("kind", "can_be_late"), [
    (ItemKind.DELIVERABLE, True), (ItemKind.MILESTONE, True), (ItemKind.MEASUREMENT, True),
    (ItemKind.TERM_END, True), (ItemKind.CHECK_IN, False), (ItemKind.ANNOUNCEMENT, False),
    (ItemKind.HANDOFF, False), (ItemKind.RESERVATION_REVIEW, False), (ItemKind.TRIGGER, False),
    (ItemKind.TERM_START, False)])
def test_only_recorded_items_and_the_term_end_can_be_late(kind: ItemKind, can_be_late: bool) -> None:
    item = DatedItem(kind, "k", "w", DAY(2031, 1, 1), None, (), False, ())
    assert item.overdue(DAY(2031, 1, 2)) is can_be_late
    assert not item.overdue(DAY(2031, 1, 1))


def test_a_done_item_is_never_overdue() -> None:
    item = DatedItem(ItemKind.DELIVERABLE, "k", "w", DAY(2031, 1, 1), None, (), True, ())
    assert not item.overdue(DAY(2040, 1, 1))


def test_day_of_reads_iso_days_and_relative_days() -> None:
    assert day_of("2031-06-30") == DAY(2031, 6, 30)
    assert day_of("2031-6-30") is None
    assert day_of("deadline + 2 days", "2031-06-30") == DAY(2031, 7, 2)
    assert day_of("deadline + 2 days") is None
    assert day_of("deadline + 9999 days", "9999-12-01") is None


def test_days_in_text_are_distinct_and_in_order() -> None:
    assert days_in_text("by 2031-05-01, then 2031-04-01 and 2031-05-01") == (DAY(2031, 5, 1), DAY(2031, 4, 1))
    assert days_in_text(None) == ()


def test_the_shipped_examples_have_their_dates() -> None:
    view = agreement_of(read_document(CONTRACTS / "sales-onboarding.yaml"))
    found = {item.key: item for item in dated_items(view)}
    assert found["term:end"].on == DAY(2033, 3, 31)
    assert found["milestone:checklist-draft"].overdue(DAY(2031, 6, 1))
    assert "reservation:staff-loss:2031-02-27" in found


def test_a_measurement_is_done_when_measured_and_the_results_when_every_target_is() -> None:
    early = {"id": "a", "measured_on": "2031-06-15", "measured": {"value": 3, "on": "2031-06-15"}}
    celebration: dict[str, Any] = {"targets": [early, {"id": "b", "measured_on": "2031-07-01"}, {"id": "c"}],
                                   "measurement": {"on": "2031-07-01"}}
    found = items(agreement(celebration=celebration))
    assert found["measurement:a"].done
    assert not found["measurement:results"].done
    celebration["targets"][1]["measured"] = {"value": 5}
    assert not items(agreement(celebration=celebration))["measurement:results"].done  # c is measured that day too
    celebration["targets"][2]["measured"] = {"value": 1}
    assert items(agreement(celebration=celebration))["measurement:results"].done


def test_a_target_measured_on_the_measurement_day_is_part_of_the_results_not_an_item_of_its_own() -> None:
    celebration = {"targets": [{"id": "a", "measured_on": "2031-07-01"}, {"id": "b", "measured_on": "2031-07-01"},
                               {"id": "c", "measured_on": "2031-08-01"}],
                   "measurement": {"on": "2031-07-01"}}
    found = items(agreement(celebration=celebration))
    assert [key for key in found if key.startswith("measurement")] == ["measurement:results", "measurement:c"]


def test_the_results_with_no_targets_are_not_done() -> None:
    assert not items(agreement(celebration={"measurement": {"on": "2031-07-01"}}))["measurement:results"].done


@settings(max_examples=150, deadline=None)
@given(cases())
def test_any_agreement_gives_sorted_items_with_unique_keys_whose_dates_are_in_the_file(case: Case) -> None:
    document = load_document(case.raw, "case.yaml")
    if not document.loaded:
        return
    found = dated_items(agreement_of(document))
    assert [(item.on, item.key) for item in found] == sorted((item.on, item.key) for item in found)
    assert len({item.key for item in found}) == len(found)
    for item in found:
        written = document.value_at(item.path)
        assert isinstance(written, str)
        if item.kind in (ItemKind.RESERVATION_REVIEW, ItemKind.TRIGGER):
            assert item.on.isoformat() in written
