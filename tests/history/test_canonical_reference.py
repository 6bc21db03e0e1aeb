"""The terms and digests of agreements are those of the first, plain implementation of the rule (kept here as the
reference): on the shipped agreements, and on 1,000 variants of them with the shapes the rule must order (lists
without an identifying field, tied and duplicated ids, numbers of several kinds, extension keys, nested lists).

The reference walks the schema again for every value and writes each list item out whole to sort it; the package
asks the schema once per place and writes an item out only when its identifying field ties with another's."""

from __future__ import annotations

import copy
import json
import math
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from agreed.consent.digest import PREFIX, digest
from agreed.document import load_document
from agreed.history.canonical import canonical_json, fingerprint, terms
from agreed.history.materiality import ITEM, Step, is_material, is_reorder_material, item_key

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
VARIANTS = 1000
SEED = 20261208


# ------------------------------------------------------------------ the reference (the rule as first written)


def reference_terms(value: Any, steps: tuple[Step, ...] = ()) -> Any:
    if isinstance(value, Mapping):
        return {key: reference_terms(child, (*steps, key)) for key, child in value.items()
                if is_material((*steps, key))}
    if isinstance(value, list):
        return _reference_list(value, steps)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _reference_list(values: Sequence[Any], steps: tuple[Step, ...]) -> list[Any]:
    item_steps = (*steps, ITEM)
    if not is_material(item_steps):
        return []
    items = [reference_terms(value, item_steps) for value in values]
    if is_reorder_material(steps):
        return items
    key = item_key(steps)
    return sorted(items, key=lambda item: (_reference_text(item.get(key)) if key is not None
                                           and isinstance(item, Mapping) else _reference_text(None),
                                           _reference_text(item)))


def _reference_text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def reference_digest(data: Mapping[str, Any]) -> str:
    import hashlib

    return PREFIX + hashlib.sha256(_reference_text(reference_terms(data)).encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ the variants


def _shipped() -> list[dict[str, Any]]:
    loaded = []
    for path in sorted(CONTRACTS.glob("*.yaml")):
        document = load_document(path.read_bytes(), str(path), positions=False)
        assert isinstance(document.data, dict), path
        loaded.append(document.data)
    return loaded


ODD_SCALARS: tuple[Any, ...] = (0, 0.0, -0.0, 1, 1.0, True, False, None, "", "1", "é", "a\u0000b", 2.5,
                                float("nan"), float("inf"), 10**30, 7, "7", "Zoë", "zoe")


def _odd_value(rng: random.Random, depth: int = 0) -> Any:
    """A value of any shape a document may hold under an extension key: scalars of every kind, mappings, lists of
    mappings without an id, with tied and missing ids."""
    roll = rng.random()
    if depth > 2 or roll < 0.5:
        return rng.choice(ODD_SCALARS)
    if roll < 0.75:
        return {rng.choice(("b", "a", "id", "x-c", "é")): _odd_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    return [_odd_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]


def _lists(value: Any) -> list[list[Any]]:
    found: list[list[Any]] = []
    if isinstance(value, Mapping):
        for child in value.values():
            found.extend(_lists(child))
    elif isinstance(value, list):
        found.append(value)
        for child in value:
            found.extend(_lists(child))
    return found


def _variant(base: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """``base`` with its lists shuffled, items duplicated or their ids tied, numbers respelled and extension keys
    of odd values added at any depth."""
    data = copy.deepcopy(base)
    for values in _lists(data):
        rng.shuffle(values)
        if values and rng.random() < 0.3:
            values.append(copy.deepcopy(rng.choice(values)))  # a duplicate item
        mappings = [item for item in values if isinstance(item, dict)]
        if len(mappings) > 1 and rng.random() < 0.3:
            first, second = rng.sample(mappings, 2)
            for field in ("id", "name"):
                if field in first:
                    second[field] = first[field]  # a tied identifying field
        for item in mappings:
            if rng.random() < 0.2:
                item[f"x-{rng.randint(0, 3)}"] = _odd_value(rng)
            if rng.random() < 0.1:
                item.pop("id", None)
    for _ in range(rng.randint(0, 3)):
        data[f"x-extra-{rng.randint(0, 5)}"] = _odd_value(rng)
    return data


@pytest.fixture(scope="module")
def variants() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    shipped = _shipped()
    return shipped + [_variant(shipped[index % len(shipped)], rng) for index in range(VARIANTS)]


# ------------------------------------------------------------------ the comparisons


def test_the_shipped_agreements_have_the_reference_digests() -> None:
    shipped = _shipped()
    assert len(shipped) >= 4
    for data in shipped:
        assert digest(data) == reference_digest(data)


def test_generated_agreements_have_the_reference_terms_and_digests(variants: list[dict[str, Any]]) -> None:
    differing = [index for index, data in enumerate(variants)
                 if canonical_json(terms(data)) != _reference_text(reference_terms(data)).encode("utf-8")]
    assert differing == []
    assert len({digest(data) for data in variants}) > VARIANTS // 2  # the variants do differ from each other


def test_fingerprints_of_lists_and_items_are_the_reference_ones(variants: list[dict[str, Any]]) -> None:
    for data in variants[:200]:
        for key in ("parties", "milestones", "results"):
            if key in data:
                assert fingerprint(data[key], (key,)) == _reference_text(reference_terms(data[key], (key,))).encode()
                for item in data[key]:
                    steps: tuple[Step, ...] = (key, ITEM)
                    assert fingerprint(item, steps) == _reference_text(reference_terms(item, steps)).encode()


def test_items_whose_ids_tie_are_ordered_by_their_whole_text() -> None:
    first = {"id": "p", "name": "Zed", "email": "z@example.com"}
    second = {"id": "p", "name": "Ann", "email": "a@example.com"}
    ordered = terms([first, second], ("parties",))
    assert [item["name"] for item in ordered] == ["Ann", "Zed"]
    assert terms([second, first], ("parties",)) == ordered


def test_a_changed_item_under_a_tied_id_changes_the_digest(variants: list[dict[str, Any]]) -> None:
    data = copy.deepcopy(variants[0])
    data["parties"].append(copy.deepcopy(data["parties"][0]))
    before = digest(data)
    data["parties"][-1]["name"] = "Someone Else"
    assert digest(data) != before
    assert digest(data) == reference_digest(data)
