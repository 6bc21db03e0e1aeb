from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from agreed.history.materiality import ITEM, Step, is_material, is_reorder_material, item_key
from agreed.schema import load_schema


@pytest.mark.parametrize(("steps", "material"), [
    (("title",), False),
    (("status",), True),
    (("agreed",), True),
    (("term", "end"), True),
    (("parties",), True),
    (("parties", ITEM), True),
    (("parties", ITEM, "role"), False),
    (("parties", ITEM, "needs_partner"), False),
    (("parties", ITEM, "hopes"), True),
    (("parties", ITEM, "gives"), True),
    (("parties", ITEM, "keys"), True),
    (("framing", "together"), True),
    (("framing", "alliance", "why"), False),
    (("framing", "grade_without", "why"), False),
    (("framing", "accountability", ITEM, "owner"), True),
    (("results", "deliverables", ITEM), True),
    (("results", "deliverables", ITEM, "due"), True),
    (("results", "purpose"), False),
    (("results", "evidence", ITEM, "source"), False),
    (("results", "measures", "quality", ITEM, "how"), True),
    (("results", "measures", "resources", ITEM, "how"), True),
    (("results", "check_ins", "how"), True),
    (("celebration", "targets", ITEM, "target"), True),
    (("celebration", "credit", ITEM, "how"), True),
    (("celebration", "measurement", "how"), True),
    (("relationship", "talk"), True),
    (("relationship", "talk", "good_days"), True),
    (("relationship", "disagreement"), True),
    (("relationship", "renegotiation", "how"), True),
    (("relationship", "imbalances", ITEM, "response"), True),
    (("relationship", "triggers"), True),
    (("relationship", "other"), True),
    (("consent", "evidence"), True),
], ids=lambda value: ".".join("[]" if step is None else step for step in value) if isinstance(value, tuple)
    else str(value))
def test_materiality_comes_from_the_schema(steps: tuple[Step, ...], material: bool) -> None:
    assert is_material(steps) is material


# Editorial means "explains without binding": a change anywhere else may change what someone owes, gets or may do, or
# how success, failure, consent or renegotiation is judged. Adding a place here needs that argument.
EDITORIAL = {
    "title",
    "parties[].role",
    "parties[].needs_partner",
    "framing.alliance.why",
    "framing.grade_without.why",
    "results.purpose",
    "results.evidence[].source",
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


def test_only_explanations_are_editorial() -> None:
    places = set(_declared(dict(load_schema())))
    assert len(places) > 150, "the walk found suspiciously few places"
    editorial = {_readable(steps) for steps in places if not is_material(steps)}
    assert editorial == EDITORIAL


@pytest.mark.parametrize("steps", [
    ("x-notes",),
    ("relationship", "talk", "x-mood"),
    ("results", "deliverables", ITEM, "x-jira"),
    ("results", "deliverables", ITEM, "x-jira", "labels", ITEM),
    ("no-such-key",),
    ("title", "below-a-string"),
    ("parties", "not-an-item"),
])
def test_places_the_schema_does_not_declare_are_material(steps: tuple[Step, ...]) -> None:
    assert is_material(steps)


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


def _arrays(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("type") == "array":
            yield pointer, node
        for key, child in node.items():
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
