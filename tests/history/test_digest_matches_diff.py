"""Property: two versions of an agreement have the same consent digest exactly when ``agreed diff`` finds no material
change between them, and writing an agreement out in another YAML style keeps its digest.

The versions are the shipped agreements (contracts/*.yaml) edited the way people edit them: lists reordered, two
items swapped or given the same id, values changed (material or editorial places alike, as the schema's
``x-materiality`` decides), numbers rewritten by value (``30`` as ``30.0``), NaN and lists without ids inside ``x-``
keys, the file renamed. Each version is written out as YAML (block or flow, double or single quotes, with
comments) and read back through the same loader as every command. The budget is bounded so the test runs in seconds.
"""

from __future__ import annotations

import copy
import datetime
import json
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreed.consent.digest import DigestError, digest_document
from agreed.document import load_document
from agreed.history.diff import FileDiff, compare_files

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
SEEDS = tuple(sorted(path for path in CONTRACTS.glob("*.yaml") if not path.name.startswith("_")))
BUDGET = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Leaf = tuple[Any, str | int]  # a container and the key or index of a value in it


def _seed(rng: random.Random) -> dict[str, Any]:
    path = rng.choice(SEEDS)
    data = load_document(path.read_bytes(), path.name).data
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def _walk(value: Any) -> list[tuple[Any, str | int, Any]]:
    """Every (container, key or index, value) below ``value``, parents before children."""
    found: list[tuple[Any, str | int, Any]] = []
    pending = [value]
    while pending:
        node = pending.pop()
        pairs: list[tuple[Any, Any]] = []
        if isinstance(node, dict):
            pairs = list(node.items())
        elif isinstance(node, list):
            pairs = list(enumerate(node))
        for key, child in pairs:
            found.append((node, key, child))
            pending.append(child)
    return found


def _lists(data: dict[str, Any]) -> list[list[Any]]:
    return [child for _, _, child in _walk(data) if isinstance(child, list) and len(child) >= 2]


# -- edits -----------------------------------------------------------------------------------------------------------


def _reorder(rng: random.Random, data: dict[str, Any]) -> None:
    lists = _lists(data)
    if lists:
        rng.shuffle(rng.choice(lists))


def _swap(rng: random.Random, data: dict[str, Any]) -> None:
    lists = _lists(data)
    if lists:
        chosen = rng.choice(lists)
        first, second = rng.sample(range(len(chosen)), 2)
        chosen[first], chosen[second] = chosen[second], chosen[first]


def _same_id(rng: random.Random, data: dict[str, Any]) -> None:
    """Two items of a list given one id (the schema does not forbid it; the digest and the diff must agree)."""
    lists = [items for items in _lists(data) if all(isinstance(item, dict) and "id" in item for item in items)]
    if lists:
        chosen = rng.choice(lists)
        first, second = rng.sample(range(len(chosen)), 2)
        chosen[second]["id"] = chosen[first]["id"]


def _swap_twins(rng: random.Random, data: dict[str, Any]) -> None:
    """Swap two items that share an id (after :func:`_same_id`), else two items of any list."""
    for items in _lists(data):
        ids = [item.get("id") if isinstance(item, dict) else None for item in items]
        twins = [index for index, value in enumerate(ids) if value is not None and ids.count(value) > 1]
        if len(twins) >= 2:
            first, second = twins[0], next(index for index in twins[1:] if ids[index] == ids[twins[0]])
            items[first], items[second] = items[second], items[first]
            return
    _swap(rng, data)


def _change_leaf(rng: random.Random, data: dict[str, Any]) -> None:
    """Another value of the same kind at a random place: text, a date some days away, a number, a flag."""
    leaves = [(node, key, value) for node, key, value in _walk(data) if not isinstance(value, (dict, list))]
    node, key, value = rng.choice(leaves)
    if isinstance(value, bool):
        node[key] = not value
    elif isinstance(value, (int, float)):
        node[key] = rng.choice((value + 1, float(value), value * 2))
    elif isinstance(value, str) and _is_date(value):
        node[key] = (datetime.date.fromisoformat(value) + datetime.timedelta(days=rng.choice((1, 30)))).isoformat()
    elif isinstance(value, str) and value:
        node[key] = value + rng.choice((" Also reviewed.", "!"))


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _as_float(rng: random.Random, data: dict[str, Any]) -> None:
    """A whole number written as a float: the same value."""
    numbers = [(node, key, value) for node, key, value in _walk(data)
               if isinstance(value, int) and not isinstance(value, bool)]
    if numbers:
        node, key, value = rng.choice(numbers)
        node[key] = float(value)


def _extension(rng: random.Random, data: dict[str, Any]) -> None:
    """An ``x-`` key holding NaN, or a list without ids (sometimes with repeated items)."""
    items: list[Any] = [{"step": "a", "n": 1}, {"step": "b", "n": 2}, {"step": "a", "n": 1}, float("nan")]
    data["x-extra"] = rng.choice((float("nan"), items[: rng.randint(2, 4)]))


def _remove_item(rng: random.Random, data: dict[str, Any]) -> None:
    lists = _lists(data)
    if lists:
        chosen = rng.choice(lists)
        del chosen[rng.randrange(len(chosen))]


Edit = Callable[[random.Random, dict[str, Any]], None]
SETUPS: tuple[Edit, ...] = (_same_id, _extension, _as_float)  # what makes the old version tricky to compare
EDITS: tuple[Edit, ...] = (_reorder, _swap, _swap_twins, _swap_twins, _same_id, _change_leaf, _change_leaf, _as_float,
                          _extension, _remove_item)


def _edit(rng: random.Random, data: dict[str, Any], count: int, pool: tuple[Edit, ...] = EDITS) -> None:
    for _ in range(count):
        rng.choice(pool)(rng, data)


# -- writing YAML ----------------------------------------------------------------------------------------------------

_PLAIN_KEY = re.compile(r"[a-z_][a-z0-9_-]*")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf"})


@dataclass(frozen=True, slots=True)
class _Style:
    """One way of writing the same data: flow (JSON-like) or block collections, how strings are quoted, comments."""

    flow: bool
    quoting: str  # "double" (JSON escapes), "single" (when the text allows it) or "mixed"
    comments: bool
    indent: int


def _style(rng: random.Random) -> _Style:
    return _Style(rng.random() < 0.3, rng.choice(("double", "single", "mixed")), rng.random() < 0.5,
                  rng.choice((2, 4)))


def _scalar(value: Any, style: _Style, rng: random.Random) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    quoting = style.quoting if style.quoting != "mixed" else rng.choice(("double", "single"))
    if quoting == "single" and text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def _key(key: str) -> str:
    return key if _PLAIN_KEY.fullmatch(key) and key not in _RESERVED else json.dumps(key, ensure_ascii=False)


def _flow(value: Any, style: _Style, rng: random.Random) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(key)}: {_flow(child, style, rng)}" for key, child in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(child, style, rng) for child in value) + "]"
    return _scalar(value, style, rng)


def _block(value: Any, style: _Style, rng: random.Random, indent: int, lines: list[str]) -> None:
    """Append the lines of a non-empty collection ``value`` written in block style at ``indent``."""
    pad = " " * indent
    entries = list(value.items()) if isinstance(value, dict) else [("- ", child) for child in value]
    for key, child in entries:
        lead = f"{pad}{_key(key)}:" if isinstance(value, dict) else f"{pad}-"
        comment = "  # a comment: with # and 'quotes'" if style.comments and rng.random() < 0.2 else ""
        if isinstance(child, (dict, list)) and child:
            lines.append(lead + comment)
            _block(child, style, rng, indent + style.indent, lines)
        else:
            lines.append(f"{lead} {_flow(child, style, rng)}{comment}")


def _yaml(data: dict[str, Any], draw: random.Random) -> bytes:
    """``data`` written as YAML in a random style (the same data, however it is written); the many small choices
    come from a generator seeded by one draw, which keeps hypothesis fast."""
    rng = random.Random(draw.getrandbits(64))
    style = _style(rng)
    if style.flow:
        return (_flow(data, style, rng) + "\n").encode("utf-8")
    lines = ["# an agreement, rewritten"] if style.comments else []
    _block(data, style, rng, 0, lines)
    return ("\n".join(lines) + "\n").encode("utf-8")


def _digest(raw: bytes, name: str) -> str | None:
    found = digest_document(load_document(raw, name))
    return None if isinstance(found, DigestError) else found


def _material(changes: FileDiff) -> list[str]:
    return [f"{change.kind.value} {change.path}" for change in changes.changes if change.material]


# -- properties ------------------------------------------------------------------------------------------------------


@BUDGET
@given(rng=st.randoms(use_true_random=False), renamed=st.booleans())
def test_the_digest_is_the_same_exactly_when_the_diff_has_no_material_change(rng: random.Random,
                                                                               renamed: bool) -> None:
    old_data = _seed(rng)
    _edit(rng, old_data, rng.choice((0, 1, 1, 2)), SETUPS)
    new_data = copy.deepcopy(old_data)
    _edit(rng, new_data, rng.choice((0, 1, 1, 2, 3)))
    old, new = _yaml(old_data, rng), _yaml(new_data, rng)
    old_name, new_name = "contracts/a.yaml", "contracts/b.yaml" if renamed else "contracts/a.yaml"
    old_digest, new_digest = _digest(old, old_name), _digest(new, new_name)
    if old_digest is None or new_digest is None:
        return  # terms that do not validate have no digest: nothing to compare
    changes = compare_files(old_name, old, new_name, new, renamed=renamed)
    assert changes.error is None
    material = _material(changes)
    assert (old_digest == new_digest) == (not material), material or "the digest moved without a material change"


@BUDGET
@given(rng=st.randoms(use_true_random=False))
def test_writing_an_agreement_in_another_style_keeps_its_digest(rng: random.Random) -> None:
    data = _seed(rng)
    _edit(rng, data, rng.choice((0, 1, 2)))
    first, second = _yaml(data, rng), _yaml(data, rng)
    digest = _digest(first, "a.yaml")
    if digest is None:
        return
    assert _digest(second, "a.yaml") == digest
    assert _material(compare_files("a.yaml", first, "a.yaml", second)) == []


def test_the_examples_behind_the_properties_exist() -> None:
    assert len(SEEDS) >= 3
    rng = random.Random(1)
    for path in SEEDS:
        raw = _yaml(load_document(path.read_bytes(), path.name).data, rng)
        assert _digest(raw, path.name) == _digest(path.read_bytes(), path.name) is not None
