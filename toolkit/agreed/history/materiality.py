"""What the schema says about a place in an agreement: is a change there material, and what identifies a list item.

A place is a sequence of steps from the top of the document: a key (``"results"``, ``"due"``) or :data:`ITEM` for
"an item of this list". The schema is walked along it through ``$ref``, ``properties``, ``items`` and ``allOf``
(the status conditionals inside ``allOf`` only tighten declared properties, so they are not followed).

- Materiality is the ``x-materiality`` of the deepest schema node on the way that carries one; a place the schema
  does not declare (an ``x-`` extension key, a key it does not know) is material: a change nobody classified may
  change what someone owes.
- A list of objects is keyed by ``id`` when its items declare one, else by the field its ``x-key`` names.
- Reordering a list is editorial unless the list's ``x-reorder`` says ``material``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from agreed.schema import load_schema

ITEM: Final = None  # the step "an item of this list"
Step = str | None
MATERIAL = "material"
ID_KEY = "id"

Schema = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Place:
    """What the schema declares at one place: None ``node`` when the place is not declared."""

    node: Schema | None
    materiality: str | None

    @property
    def material(self) -> bool:
        return self.node is None or self.materiality in (None, MATERIAL)


def is_material(steps: Sequence[Step]) -> bool:
    """Whether a change at ``steps`` is material."""
    return _place(tuple(steps)).material


def is_reorder_material(steps: Sequence[Step]) -> bool:
    """Whether reordering the list at ``steps`` is material (only when its schema says ``x-reorder: material``)."""
    node = _place(tuple(steps)).node
    return node is not None and any(part.get("x-reorder") == MATERIAL for part in _parts(node))


def item_key(steps: Sequence[Step]) -> str | None:
    """The field that identifies an item of the list at ``steps``: ``id`` when its items declare one, else the
    list's ``x-key``; None when the schema names neither (or does not know the list)."""
    node = _place(tuple(steps)).node
    if node is None:
        return None
    for part in _parts(node):
        if isinstance(part.get("x-key"), str):
            return str(part["x-key"])
    items = _child(node, ITEM)
    if items is not None and any(ID_KEY in part.get("properties", {}) for part in _parts(items)):
        return ID_KEY
    return None


@functools.lru_cache(maxsize=1024)
def _place(steps: tuple[Step, ...]) -> Place:
    node: Schema | None = load_schema()
    materiality = _materiality(node) if node is not None else None
    for step in steps:
        node = _child(node, step) if node is not None else None
        if node is None:
            return Place(None, None)
        materiality = _materiality(node) or materiality
    return Place(node, materiality)


def _child(node: Schema, step: Step) -> Schema | None:
    """The subschema for one step below ``node``: a declared property, or the items of a list."""
    for part in _parts(node):
        if step is ITEM:
            items = part.get("items")
            if isinstance(items, Mapping):
                return items
        else:
            declared = part.get("properties", {})
            if isinstance(declared, Mapping) and isinstance(declared.get(step), Mapping):
                child: Schema = declared[step]
                return child
    return None


def _materiality(node: Schema) -> str | None:
    """The first ``x-materiality`` found on the node itself, then through its ``$ref``/``allOf``."""
    for part in _parts(node):
        value = part.get("x-materiality")
        if isinstance(value, str):
            return value
    return None


def _parts(node: Schema) -> Iterator[Schema]:
    """The node, then what its ``$ref`` points to and its ``allOf`` members (recursively), each once."""
    pending = [node]
    seen: set[int] = set()
    while pending:
        part = pending.pop(0)
        if id(part) in seen:
            continue
        seen.add(id(part))
        yield part
        reference = part.get("$ref")
        if isinstance(reference, str):
            target = _resolve(reference)
            if target is not None:
                pending.append(target)
        pending.extend(member for member in part.get("allOf", ()) if isinstance(member, Mapping))


def _resolve(reference: str) -> Schema | None:
    """A local ``#/...`` JSON pointer into the agreement schema; None for anything else."""
    if not reference.startswith("#/"):
        return None
    node: Any = load_schema()
    for token in reference[2:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, Mapping) or token not in node:
            return None
        node = node[token]
    return node if isinstance(node, Mapping) else None
