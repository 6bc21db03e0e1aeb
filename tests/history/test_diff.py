from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import pytest

from agreed.history.diff import AGREEMENT, Change, ChangeKind, compare_files, diff
from agreed.history.materiality import Materiality

if TYPE_CHECKING:
    from conftest import LoadText

CHANGED, ADDED, REMOVED, MOVED = ChangeKind.CHANGED, ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.MOVED
MATERIAL, RECORD, EDITORIAL = Materiality.MATERIAL, Materiality.RECORD, Materiality.EDITORIAL


def lines(changes: list[Change]) -> list[tuple[str, ChangeKind, Any, Any, Materiality, str]]:
    return [(change.path, change.kind, change.old, change.new, change.materiality, change.note) for change in changes]


def edited(data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(data)


# -- equal versions ----------------------------------------------------------------------------------------------


def test_equal_data_has_no_changes(complete_data: dict[str, Any]) -> None:
    assert diff(complete_data, edited(complete_data)) == []


def test_formatting_comments_and_key_order_make_no_change(load_text: LoadText) -> None:
    block = "agreed: 1\nid: demo\ntitle: Demo\nstatus: draft\nparties:\n  - id: maria\n    name: Maria Chen\n"
    flow = ("# a comment\nagreed: 1\nstatus: draft   # still a draft\ntitle: 'Demo'\nid: demo\n"
            "parties: [{name: \"Maria Chen\", id: maria}]\n")
    assert diff(load_text(block).data, load_text(flow).data) == []


def test_none_and_none_is_no_change() -> None:
    assert diff(None, None) == []


# -- scalars and notes -------------------------------------------------------------------------------------------


def test_a_title_change_is_editorial_and_a_status_change_a_record(minimal_agreement: dict[str, Any]) -> None:
    new = edited(minimal_agreement)
    new["title"] = "Another title"
    new["status"] = "proposed"
    changes = diff(minimal_agreement, new)
    assert lines(changes) == [
        ("title", CHANGED, "Demo agreement", "Another title", EDITORIAL, ""),
        ("status", CHANGED, "draft", "proposed", RECORD, ""),
    ]
    assert [change.material for change in changes] == [False, False]  # neither needs fresh consent


def test_recording_a_delivery_is_a_record_and_moving_a_due_date_material(minimal_agreement: dict[str, Any]) -> None:
    new = edited(minimal_agreement)
    new["results"]["deliverables"][0]["delivered_on"] = "2031-02-27"
    new["results"]["milestones"][0]["delivered_on"] = "2031-01-30"
    new["results"]["milestones"][0]["due"] = "2031-01-25"
    changes = diff(minimal_agreement, new)
    assert lines(changes) == [
        ("results.deliverables[id=d1].delivered_on", ADDED, None, "2031-02-27", RECORD, ""),
        ("results.milestones[id=m1].due", CHANGED, "2031-02-01", "2031-01-25", MATERIAL, "-7 days"),
        ("results.milestones[id=m1].delivered_on", ADDED, None, "2031-01-30", RECORD, ""),
    ]
    assert [change.material for change in changes] == [False, True, False]
    corrected = edited(new)
    corrected["results"]["deliverables"][0]["delivered_on"] = "2031-02-28"
    assert lines(diff(new, corrected)) == [
        ("results.deliverables[id=d1].delivered_on", CHANGED, "2031-02-27", "2031-02-28", RECORD, "+1 day")]


def test_a_new_deliverable_is_material_even_when_already_delivered(minimal_agreement: dict[str, Any]) -> None:
    new = edited(minimal_agreement)
    added = {"id": "d2", "what": "Train the sales team", "owner": "li", "due": "2031-04-01",
             "delivered_on": "2031-03-30"}
    new["results"]["deliverables"].append(added)
    assert lines(diff(minimal_agreement, new)) == [("results.deliverables[id=d2]", ADDED, None, added, MATERIAL, "")]


@pytest.mark.parametrize(("old", "new", "note"), [
    ("2026-05-01", "2026-06-15", "+45 days"),
    ("2026-05-01", "2026-04-28", "-3 days"),
    ("2026-05-01", "2026-05-02", "+1 day"),
    ("2026-12-31", "2027-01-01", "+1 day"),
    ("2026-05-01", "soon", ""),
    ("2026-02-30", "2026-03-01", ""),
])
def test_a_moved_date_says_how_many_days(minimal_agreement: dict[str, Any], old: str, new: str, note: str) -> None:
    minimal_agreement["results"]["deliverables"][0]["due"] = old
    changed = edited(minimal_agreement)
    changed["results"]["deliverables"][0]["due"] = new
    assert lines(diff(minimal_agreement, changed)) == [
        ("results.deliverables[id=d1].due", CHANGED, old, new, MATERIAL, note)]


@pytest.mark.parametrize(("old", "new", "note"), [
    (40, 32, "-20 %"),
    (40, 45, "+12.5 %"),
    (3, 4, "+33.3 %"),
    (-10, -5, "+50 %"),
    (-10, -20, "-100 %"),
    (0, 5, "from 0"),
    (0.5, 0, "-100 %"),
    (1000, 1000.1, "+0.01 %"),
    (40, "forty", ""),
    (True, 1, ""),
])
def test_a_changed_number_says_by_how_much(complete_data: dict[str, Any], old: Any, new: Any, note: str) -> None:
    complete_data["celebration"]["targets"][0]["target"] = old
    changed = edited(complete_data)
    changed["celebration"]["targets"][0]["target"] = new
    target_id = complete_data["celebration"]["targets"][0]["id"]
    assert lines(diff(complete_data, changed)) == [
        (f"celebration.targets[id={target_id}].target", CHANGED, old, new, MATERIAL, note)]


def test_a_value_that_changes_type_is_one_change(minimal_agreement: dict[str, Any]) -> None:
    new = edited(minimal_agreement)
    new["results"]["deadline"] = ["2031-06-30"]
    assert lines(diff(minimal_agreement, new)) == [
        ("results.deadline", CHANGED, "2031-06-30", ["2031-06-30"], MATERIAL, "")]


# -- lists of objects with ids -----------------------------------------------------------------------------------


def three_deliverables(minimal_agreement: dict[str, Any]) -> dict[str, Any]:
    minimal_agreement["results"]["deliverables"] = [
        {"id": "d1", "what": "Publish the onboarding checklist", "owner": "maria", "due": "2031-03-01"},
        {"id": "d2", "what": "Train ten account managers", "owner": "li", "due": "2031-04-01"},
        {"id": "d3", "what": "Run the pilot with three customers", "owner": "maria", "due": "2031-05-01"},
    ]
    return minimal_agreement


def test_a_reorder_is_one_editorial_change_not_a_rewrite(minimal_agreement: dict[str, Any]) -> None:
    old = three_deliverables(minimal_agreement)
    new = edited(old)
    new["results"]["deliverables"].reverse()
    assert lines(diff(old, new)) == [
        ("results.deliverables", MOVED, ["d1", "d2", "d3"], ["d3", "d2", "d1"], EDITORIAL, "order changed")]


def test_items_are_matched_by_id_after_a_reorder(minimal_agreement: dict[str, Any]) -> None:
    old = three_deliverables(minimal_agreement)
    new = edited(old)
    new["results"]["deliverables"].reverse()
    new["results"]["deliverables"][0]["due"] = "2031-05-15"  # d3
    assert lines(diff(old, new)) == [
        ("results.deliverables", MOVED, ["d1", "d2", "d3"], ["d3", "d2", "d1"], EDITORIAL, "order changed"),
        ("results.deliverables[id=d3].due", CHANGED, "2031-05-01", "2031-05-15", MATERIAL, "+14 days"),
    ]


def test_a_new_item_is_one_change_at_the_item(minimal_agreement: dict[str, Any]) -> None:
    old = three_deliverables(minimal_agreement)
    new = edited(old)
    added = {"id": "d4", "what": "Measure onboarding time", "owner": "li", "due": "2031-06-01"}
    new["results"]["deliverables"].insert(1, added)
    assert lines(diff(old, new)) == [("results.deliverables[id=d4]", ADDED, None, added, MATERIAL, "")]


def test_a_removed_item_and_a_new_one_are_never_merged(minimal_agreement: dict[str, Any]) -> None:
    old = three_deliverables(minimal_agreement)
    new = edited(old)
    replacement = {"id": "d9", "what": "Publish the onboarding checklists", "owner": "maria", "due": "2031-03-15"}
    unrelated = {"id": "d8", "what": "Hire a coordinator", "owner": "li", "due": "2031-03-15"}
    new["results"]["deliverables"][0] = replacement
    new["results"]["deliverables"].append(unrelated)
    assert lines(diff(old, new)) == [
        ("results.deliverables[id=d1]", REMOVED, old["results"]["deliverables"][0], None, MATERIAL, ""),
        ("results.deliverables[id=d9]", ADDED, None, replacement, MATERIAL, "may replace d1"),
        ("results.deliverables[id=d8]", ADDED, None, unrelated, MATERIAL, ""),
    ]


def test_removals_are_reported_where_they_were(minimal_agreement: dict[str, Any]) -> None:
    old = three_deliverables(minimal_agreement)
    new = edited(old)
    del new["results"]["deliverables"][1]
    new["results"]["deliverables"][1]["owner"] = "li"
    new["title"] = "Renamed"
    assert [(change.path, change.kind) for change in diff(old, new)] == [
        ("title", CHANGED),
        ("results.deliverables[id=d2]", REMOVED),
        ("results.deliverables[id=d3].owner", CHANGED),
    ]


def test_a_new_party_is_material(minimal_agreement: dict[str, Any]) -> None:
    new = edited(minimal_agreement)
    new["parties"].append({"id": "lena", "name": "Lena Park"})
    assert lines(diff(minimal_agreement, new)) == [
        ("parties[id=lena]", ADDED, None, {"id": "lena", "name": "Lena Park"}, MATERIAL, "")]


def test_a_party_change_is_classified_field_by_field(complete_data: dict[str, Any]) -> None:
    new = edited(complete_data)
    party = new["parties"][0]
    party["role"] += " (interim)"
    party["hopes"] += " Also: fewer escalations."
    party["gives"] += " Plus one more day a month."
    changes = {change.path: change.material for change in diff(complete_data, new)}
    assert changes == {f"parties[id={party['id']}].role": False, f"parties[id={party['id']}].hopes": True,
                       f"parties[id={party['id']}].gives": True}


def test_items_without_ids_are_compared_by_position(minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["results"]["deliverables"] = [{"what": "a"}, {"what": "b"}]
    new = edited(minimal_agreement)
    new["results"]["deliverables"] = [{"what": "a"}, {"what": "c"}, {"what": "d"}]
    assert lines(diff(minimal_agreement, new)) == [
        ("results.deliverables[1].what", CHANGED, "b", "c", MATERIAL, ""),
        ("results.deliverables[2]", ADDED, None, {"what": "d"}, MATERIAL, ""),
    ]


def test_items_with_the_same_id_swapped_are_a_reorder_not_two_edits(minimal_agreement: dict[str, Any]) -> None:
    # Reproducer: the digest saw the same terms, the diff saw two material edits.
    first, second = {"id": "d1", "what": "a"}, {"id": "d1", "what": "b"}
    minimal_agreement["results"]["deliverables"] = [first, second]
    new = edited(minimal_agreement)
    new["results"]["deliverables"].reverse()
    assert lines(diff(minimal_agreement, new)) == [
        ("results.deliverables", MOVED, [first, second], [second, first], EDITORIAL, "order changed")]


def test_an_edit_to_one_of_two_items_with_the_same_id_is_named_by_position(minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["results"]["deliverables"] = [{"id": "d1", "what": "a"}, {"id": "d1", "what": "b"}]
    new = edited(minimal_agreement)
    new["results"]["deliverables"][1]["what"] = "c"
    assert lines(diff(minimal_agreement, new)) == [("results.deliverables[1].what", CHANGED, "b", "c", MATERIAL, "")]


def test_a_reordered_list_without_ids_in_an_extension_is_a_reorder(minimal_agreement: dict[str, Any]) -> None:
    # Reproducer: an id-less list inside an x- key was compared by position (two material changes).
    minimal_agreement["x-steps"] = [{"a": 1}, {"a": 2}]
    new = edited(minimal_agreement)
    new["x-steps"] = [{"a": 2}, {"a": 1}]
    assert lines(diff(minimal_agreement, new)) == [
        ("x-steps", MOVED, [{"a": 1}, {"a": 2}], [{"a": 2}, {"a": 1}], EDITORIAL, "order changed")]


def test_items_that_differ_only_editorially_pair_by_their_terms(complete_data: dict[str, Any]) -> None:
    # Two parties with one id whose roles (editorial) are swapped: no material change, as the digest says.
    complete_data["parties"][1]["id"] = complete_data["parties"][0]["id"]
    new = edited(complete_data)
    new["parties"][0]["role"], new["parties"][1]["role"] = new["parties"][1]["role"], new["parties"][0]["role"]
    changes = diff(complete_data, new)
    assert changes
    assert not [change for change in changes if change.material]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 10**5000, -0.0], ids=["nan", "inf", "long", "-0"])
def test_a_value_is_no_change_against_itself(minimal_agreement: dict[str, Any], value: Any) -> None:
    # Reproducer: x-n: .nan diffed as changed against itself.
    minimal_agreement["x-n"] = value
    new = edited(minimal_agreement)
    new["x-n"] = copy.copy(value) if not isinstance(value, float) else float(str(value))
    assert diff(minimal_agreement, new) == []


def test_numbers_that_cannot_be_compared_as_floats_still_diff(minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["x-n"] = 1
    new = edited(minimal_agreement)
    new["x-n"] = 10**5000  # the relative change does not fit a float: no percentage, and no error
    [change] = diff(minimal_agreement, new)
    assert (change.path, change.kind, change.old, change.new == 10**5000, change.material, change.note) == (
        "x-n", CHANGED, 1, True, True, "")


def test_lists_outside_the_schema_are_matched_by_id(minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["x-tickets"] = [{"id": "t1", "state": "open"}, {"id": "t2", "state": "open"}]
    new = edited(minimal_agreement)
    new["x-tickets"] = [{"id": "t2", "state": "done"}, {"id": "t1", "state": "open"}]
    assert lines(diff(minimal_agreement, new)) == [
        ("x-tickets", MOVED, ["t1", "t2"], ["t2", "t1"], EDITORIAL, "order changed"),
        ("x-tickets[id=t2].state", CHANGED, "open", "done", MATERIAL, ""),
    ]


# -- lists keyed by x-key ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("section", "field", "key"), [
    ("results", "buy_in", "party"),
    ("celebration", "credit", "party"),
    ("framing", "accountability", "area"),
    ("results", "evidence", "fact"),
    ("results", "information", "what"),
])
def test_lists_without_ids_are_matched_by_their_x_key(complete_data: dict[str, Any], section: str, field: str,
                                                       key: str) -> None:
    items = complete_data[section][field]
    assert len(items) >= 2
    new = edited(complete_data)
    new[section][field].reverse()
    changed_field = next(name for name in new[section][field][0] if name != key)
    new[section][field][0][changed_field] = "something else"
    changes = diff(complete_data, new)
    first = new[section][field][0]
    assert [(change.path, change.kind) for change in changes] == [
        (f"{section}.{field}", MOVED), (f"{section}.{field}[{key}={first[key]}].{changed_field}", CHANGED)]
    assert changes[0].old == [item[key] for item in items]
    assert not changes[0].material


def test_a_reworded_x_key_is_a_removal_and_an_addition_with_a_hint(complete_data: dict[str, Any]) -> None:
    new = edited(complete_data)
    evidence = new["results"]["evidence"][0]
    old_fact = evidence["fact"]
    evidence["fact"] = old_fact + " (checked again)"
    changes = diff(complete_data, new)
    assert [(change.kind, change.note) for change in changes] == [
        (REMOVED, ""), (ADDED, f"may replace fact={old_fact[:59] + '…' if len(old_fact) > 60 else old_fact}")]


def test_imbalances_are_material_and_keyed_by_imbalance(complete_data: dict[str, Any]) -> None:
    new = edited(complete_data)
    imbalance = new["relationship"]["imbalances"][0]
    imbalance["response"] = "We talk it through on Friday."
    assert lines(diff(complete_data, new)) == [
        (f"relationship.imbalances[imbalance={imbalance['imbalance']}].response", CHANGED,
         complete_data["relationship"]["imbalances"][0]["response"], "We talk it through on Friday.", MATERIAL, "")]


@pytest.mark.parametrize(("path", "text"), [
    (("framing", "together"), "New enterprise customers reach first production use in 55 days instead of 60."),
    (("relationship", "renegotiation", "how"), "Either party may ask; we meet within 10 working days."),
    (("relationship", "disagreement"), "Deadlocks go to the CRO."),
    (("celebration", "measurement", "how"), "A slide in the quarterly all-hands."),
    (("results", "check_ins", "how"), "A dashboard only, no meeting."),
])
def test_prose_that_binds_is_material(complete_data: dict[str, Any], path: tuple[str, ...], text: str) -> None:
    new = edited(complete_data)
    *parents, key = path
    target = new
    for name in parents:
        target = target[name]
    target[key] = text
    assert [(change.path, change.kind, change.material) for change in diff(complete_data, new)] == [
        (".".join(path), CHANGED, True)]


# -- lists of values ---------------------------------------------------------------------------------------------


def test_values_are_added_and_removed_by_value(complete_data: dict[str, Any]) -> None:
    complete_data["results"]["for_whom"] = ["new customers", "account managers", "support"]
    new = edited(complete_data)
    new["results"]["for_whom"] = ["new customers", "support", "finance"]
    assert lines(diff(complete_data, new)) == [
        ("results.for_whom", REMOVED, "account managers", None, MATERIAL, ""),
        ("results.for_whom", ADDED, None, "finance", MATERIAL, ""),
    ]


def test_a_reorder_of_values_is_one_editorial_change(complete_data: dict[str, Any]) -> None:
    complete_data["results"]["for_whom"] = ["a", "b", "c"]
    new = edited(complete_data)
    new["results"]["for_whom"] = ["c", "a", "b"]
    assert lines(diff(complete_data, new)) == [
        ("results.for_whom", MOVED, ["a", "b", "c"], ["c", "a", "b"], EDITORIAL, "order changed")]


def test_repeated_values_are_counted(complete_data: dict[str, Any]) -> None:
    complete_data["results"]["means"] = ["a", "b", "a"]
    new = edited(complete_data)
    new["results"]["means"] = ["a", "b"]
    assert lines(diff(complete_data, new)) == [("results.means", REMOVED, "a", None, MATERIAL, "")]


def test_a_boolean_is_not_a_number(complete_data: dict[str, Any]) -> None:
    complete_data["x-flags"] = [True, 1]
    new = edited(complete_data)
    new["x-flags"] = [1, 1]
    assert [(change.kind, change.old, change.new) for change in diff(complete_data, new)] == [
        (REMOVED, True, None), (ADDED, None, 1)]


# -- materiality -------------------------------------------------------------------------------------------------


def test_unknown_keys_are_material_even_next_to_editorial_ones(complete_data: dict[str, Any]) -> None:
    new = edited(complete_data)
    new["framing"]["alliance"]["x-mood"] = "calm"
    new["framing"]["alliance"]["why"] = "Both teams must see us together."
    assert lines(diff(complete_data, new)) == [
        ("framing.alliance.why", CHANGED, complete_data["framing"]["alliance"]["why"],
         "Both teams must see us together.", EDITORIAL, ""),
        ("framing.alliance.x-mood", ADDED, None, "calm", MATERIAL, ""),
    ]


def test_a_key_the_schema_does_not_know_is_material(minimal_agreement: dict[str, Any]) -> None:
    new = edited(minimal_agreement)
    new["results"]["deliverables"][0]["colour"] = "blue"
    assert lines(diff(minimal_agreement, new)) == [
        ("results.deliverables[id=d1].colour", ADDED, None, "blue", MATERIAL, "")]


def test_a_whole_section_added_or_removed_is_one_change(complete_data: dict[str, Any]) -> None:
    new = edited(complete_data)
    purpose = new["results"].pop("purpose")
    del new["relationship"]
    assert lines(diff(complete_data, new)) == [
        ("results.purpose", REMOVED, purpose, None, EDITORIAL, ""),
        ("relationship", REMOVED, complete_data["relationship"], None, MATERIAL, ""),
    ]


# -- creation and deletion ---------------------------------------------------------------------------------------


def test_a_created_agreement_is_one_material_change(minimal_agreement: dict[str, Any]) -> None:
    assert lines(diff(None, minimal_agreement)) == [
        (AGREEMENT, ADDED, None, minimal_agreement, MATERIAL, "agreement added")]


def test_a_deleted_agreement_is_one_material_change(minimal_agreement: dict[str, Any]) -> None:
    assert lines(diff(minimal_agreement, None)) == [
        (AGREEMENT, REMOVED, minimal_agreement, None, MATERIAL, "agreement removed")]


# -- files -------------------------------------------------------------------------------------------------------


def test_compare_files_reads_bytes_and_reports_load_errors(complete_agreement_text: str) -> None:
    raw = complete_agreement_text.encode()
    changed = compare_files("a.yaml", raw, "a.yaml", raw.replace(b"status: active", b"status: ended")
                            .replace(b"title: ", b"title: Now ", 1))
    assert [(change.path, change.new) for change in changed.changes][1] == ("status", "ended")
    assert (changed.material, changed.record, changed.editorial, changed.error) == (0, 1, 1, None)
    moved = compare_files("a.yaml", raw, "a.yaml", raw.replace(b"deadline: 20", b"deadline: 19", 1))
    assert (moved.material, moved.record, moved.editorial) == (1, 0, 0)
    broken = compare_files("a.yaml", raw, "a.yaml", b"title: [unclosed\n")
    assert broken.changes == ()
    assert broken.error is not None
    assert broken.error.startswith("a.yaml does not load (line 2, column 1: ")


def test_a_rename_without_content_change_is_one_editorial_change(complete_agreement_text: str) -> None:
    raw = complete_agreement_text.encode()
    renamed = compare_files("old.yaml", raw, "new.yaml", raw, renamed=True)
    assert lines(list(renamed.changes)) == [
        (AGREEMENT, MOVED, "old.yaml", "new.yaml", EDITORIAL, "renamed from old.yaml")]


def test_yaml_that_is_no_agreement_is_flagged() -> None:
    assert not compare_files("ci.yaml", b"jobs: {}\n", "ci.yaml", b"jobs: {a: 1}\n").agreement
    assert compare_files(None, None, "a.yaml", b"agreed: 1\nid: a\n").agreement
    assert compare_files("a.yaml", b"[unclosed\n", "a.yaml", b"also [\n").agreement  # unknown: treated as one
