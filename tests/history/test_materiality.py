from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from agreed.history.materiality import (
    ITEM,
    Materiality,
    Step,
    is_material,
    is_reorder_material,
    item_key,
    materiality_of,
    reorder_materiality,
)
from agreed.schema import load_schema

MATERIAL, RECORD, EDITORIAL = Materiality.MATERIAL, Materiality.RECORD, Materiality.EDITORIAL


@pytest.mark.parametrize(("steps", "materiality"), [
    (("title",), EDITORIAL),
    (("status",), RECORD),
    (("agreed",), MATERIAL),
    (("term", "end"), MATERIAL),
    (("parties",), MATERIAL),
    (("parties", ITEM), MATERIAL),
    (("parties", ITEM, "role"), EDITORIAL),
    (("parties", ITEM, "needs_partner"), EDITORIAL),
    (("parties", ITEM, "hopes"), MATERIAL),
    (("parties", ITEM, "gives"), MATERIAL),
    (("parties", ITEM, "keys"), MATERIAL),
    (("framing", "together"), MATERIAL),
    (("framing", "alliance", "why"), EDITORIAL),
    (("framing", "grade_without", "why"), EDITORIAL),
    (("framing", "accountability", ITEM, "owner"), MATERIAL),
    (("results", "deliverables", ITEM), MATERIAL),
    (("results", "deliverables", ITEM, "due"), MATERIAL),
    (("results", "deliverables", ITEM, "delivered_on"), RECORD),
    (("results", "milestones", ITEM), MATERIAL),
    (("results", "milestones", ITEM, "due"), MATERIAL),
    (("results", "milestones", ITEM, "delivered_on"), RECORD),
    (("results", "deadline"), MATERIAL),
    (("results", "purpose"), EDITORIAL),
    (("results", "evidence", ITEM, "source"), EDITORIAL),
    (("results", "measures", "quality", ITEM, "how"), MATERIAL),
    (("results", "measures", "resources", ITEM, "how"), MATERIAL),
    (("results", "check_ins", "how"), MATERIAL),
    (("results", "check_ins", "dates"), MATERIAL),
    (("celebration", "targets", ITEM, "target"), MATERIAL),
    (("celebration", "targets", ITEM, "measured_on"), MATERIAL),
    (("celebration", "measurement", "on"), MATERIAL),
    (("celebration", "measurement", "communicated_on"), MATERIAL),
    (("celebration", "handoffs", ITEM, "due"), MATERIAL),
    (("celebration", "credit", ITEM, "how"), MATERIAL),
    (("celebration", "measurement", "how"), MATERIAL),
    (("relationship", "talk"), MATERIAL),
    (("relationship", "talk", "good_days"), MATERIAL),
    (("relationship", "disagreement"), MATERIAL),
    (("relationship", "renegotiation", "how"), MATERIAL),
    (("relationship", "imbalances", ITEM, "response"), MATERIAL),
    (("relationship", "triggers"), MATERIAL),
    (("relationship", "other"), MATERIAL),
    (("consent", "evidence"), MATERIAL),
], ids=lambda value: ".".join("[]" if step is None else step for step in value) if isinstance(value, tuple)
    else str(value))
def test_materiality_comes_from_the_schema(steps: tuple[Step, ...], materiality: Materiality) -> None:
    assert materiality_of(steps) is materiality
    assert is_material(steps) is (materiality is MATERIAL)  # only material places need fresh consent


def test_the_strongest_class_wins() -> None:
    assert list(Materiality) == [MATERIAL, RECORD, EDITORIAL]
    assert Materiality.strongest([EDITORIAL, RECORD, EDITORIAL], MATERIAL) is RECORD
    assert Materiality.strongest([RECORD, MATERIAL], EDITORIAL) is MATERIAL
    assert Materiality.strongest([EDITORIAL], MATERIAL) is EDITORIAL
    assert Materiality.strongest([], EDITORIAL) is EDITORIAL
    assert Materiality.strongest([], MATERIAL) is MATERIAL


# Editorial means "explains without binding": a change anywhere else may change what someone owes, gets or may do, or
# how success, failure, consent or renegotiation is judged. Adding a place here needs that argument.
EDITORIAL_PLACES = {
    "title",
    "parties[].role",
    "parties[].needs_partner",
    "framing.alliance.why",
    "framing.grade_without.why",
    "results.purpose",
    "results.evidence[].source",
}

# A record says what happened, not what was agreed: consent is to the terms, so recording progress needs none. Planned
# dates (due, deadline, measured_on, measurement.on, communicated_on, check-in dates) are terms: they stay material.
# Adding a place here needs that argument. A target's measured result records what a measurement found, after the
# fact; the target it is judged against, and the day it is planned for, stay terms.
RECORD_PLACES = {
    "status",
    "results.deliverables[].delivered_on",
    "results.milestones[].delivered_on",
    "celebration.targets[].measured",
    *(f"celebration.targets[].measured.{name}" for name in ("value", "on", "by", "source", "note")),
}


def _declared(node: Any, steps: tuple[Step, ...] = ()) -> Iterator[tuple[Step, ...]]:
    """Every place the schema declares, through properties and list items."""
    for part in _parts_of(node):
        for name, child in part.get("properties", {}).items():
            yield (*steps, name)
            yield from _declared(child, (*steps, name))
        if isinstance(part.get("items"), dict):
            yield (*steps, ITEM)
            yield from _declared(part["items"], (*steps, ITEM))


def _parts_of(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    reference = node.get("$ref", "")
    if reference.startswith("#/$defs/"):
        yield from _parts_of(load_schema()["$defs"][reference.removeprefix("#/$defs/")])
    for member in node.get("allOf", ()):
        if "properties" in member or "$ref" in member:
            yield from _parts_of(member)


def _readable(steps: tuple[Step, ...]) -> str:
    return ".".join("[]" if step is None else step for step in steps).replace(".[]", "[]")


def _places_of(materiality: Materiality) -> set[str]:
    places = set(_declared(dict(load_schema())))
    assert len(places) > 150, "the walk found suspiciously few places"
    return {_readable(steps) for steps in places if materiality_of(steps) is materiality}


def test_only_explanations_are_editorial() -> None:
    assert _places_of(EDITORIAL) == EDITORIAL_PLACES


def test_only_what_happened_is_a_record() -> None:
    assert _places_of(RECORD) == RECORD_PLACES


def test_everything_else_needs_fresh_consent() -> None:
    places = {_readable(steps) for steps in _declared(dict(load_schema()))}
    needing_consent = {place for place in places if place not in EDITORIAL_PLACES | RECORD_PLACES}
    assert needing_consent == _places_of(MATERIAL)
    assert "results.deliverables[].due" in needing_consent


@pytest.mark.parametrize("steps", [
    ("x-notes",),
    ("relationship", "talk", "x-mood"),
    ("results", "deliverables", ITEM, "x-jira"),
    ("results", "deliverables", ITEM, "x-jira", "labels", ITEM),
    ("no-such-key",),
    ("parties", "not-an-item"),
])
def test_places_the_schema_does_not_declare_are_material(steps: tuple[Step, ...]) -> None:
    assert materiality_of(steps) is MATERIAL
    assert is_material(steps)


@pytest.mark.parametrize(("steps", "expected"), [
    (("title", "below-a-string"), EDITORIAL),
    (("framing", "alliance", "why", "x-note"), EDITORIAL),
    (("results", "purpose", "x-list", ITEM), EDITORIAL),
    (("status", "x-when"), RECORD),
    (("results", "deliverables", ITEM, "delivered_on", "x-by"), RECORD),
    (("celebration", "targets", ITEM, "measured", "x-checked-by"), RECORD),
])
def test_below_a_record_or_an_editorial_place_everything_is_of_its_class(steps: tuple[Step, ...],
                                                                         expected: Materiality) -> None:
    # The digest drops such a place with everything below it, so a change there can never need fresh consent.
    assert materiality_of(steps) is expected
    assert not is_material(steps)
    assert reorder_materiality(steps) is expected


@pytest.mark.parametrize(("steps", "key"), [
    (("parties",), "id"),
    (("results", "deliverables"), "id"),
    (("results", "milestones"), "id"),
    (("results", "measures", "quality"), "id"),
    (("celebration", "targets"), "id"),
    (("celebration", "handoffs"), "id"),
    (("relationship", "reservations"), "id"),
    (("results", "buy_in"), "party"),
    (("celebration", "credit"), "party"),
    (("framing", "accountability"), "area"),
    (("results", "evidence"), "fact"),
    (("results", "information"), "what"),
    (("relationship", "imbalances"), "imbalance"),
    (("results", "for_whom"), None),
    (("x-list",), None),
    (("title",), None),
])
def test_item_keys(steps: tuple[Step, ...], key: str | None) -> None:
    assert item_key(steps) == key


def test_reordering_is_editorial_by_default() -> None:
    assert not is_reorder_material(("results", "deliverables"))
    assert not is_reorder_material(("x-unknown",))
    assert reorder_materiality(("results", "deliverables")) is EDITORIAL


def _arrays(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every list the schema declares; the status conditionals only tighten lists declared elsewhere."""
    if isinstance(node, dict):
        if node.get("type") == "array":
            yield pointer, node
        for key, child in node.items():
            if key not in ("if", "then", "else"):
                yield from _arrays(child, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _arrays(child, f"{pointer}/{index}")


def _item_schema(array: dict[str, Any]) -> dict[str, Any]:
    items: dict[str, Any] = array.get("items", {})
    reference = items.get("$ref", "")
    if reference.startswith("#/$defs/"):
        resolved: dict[str, Any] = load_schema()["$defs"][reference.removeprefix("#/$defs/")]
        return resolved
    return items


def test_every_list_of_objects_says_what_identifies_its_items() -> None:
    """A later diff can only follow items it can tell apart: an id, or an x-key naming a declared field."""
    problems = []
    for pointer, array in _arrays(load_schema()):
        items = _item_schema(array)
        if items.get("type") != "object":
            continue
        declared = items.get("properties", {})
        key = array.get("x-key")
        if "id" in declared:
            if key is not None:
                problems.append(f"{pointer}: has ids and an x-key")
        elif key not in declared:
            problems.append(f"{pointer}: items have no id and x-key {key!r} is not one of their fields")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("declared", "materiality"), [
    ("material", MATERIAL), ("record", RECORD), ("editorial", EDITORIAL), (None, MATERIAL), ("Record", MATERIAL),
    ("recorded", MATERIAL),
])
def test_a_class_the_schema_spells_in_no_known_way_is_material(declared: str | None,
                                                                materiality: Materiality) -> None:
    from agreed.history.materiality import _class

    assert _class(declared) is materiality
