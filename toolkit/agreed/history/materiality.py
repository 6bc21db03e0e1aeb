"""What the schema says about a place in an agreement: what class of change happens there, and what identifies a
list item.

A place is a sequence of steps from the top of the document: a key (``"results"``, ``"due"``) or :data:`ITEM` for
"an item of this list". The schema is walked along it through ``$ref``, ``properties``, ``items`` and ``allOf``
(the status conditionals inside ``allOf`` only tighten declared properties, so they are not followed).

- A change is of one of three classes (:class:`Materiality`): ``material`` (it changes the terms: it needs fresh
  consent), ``record`` (it records what happened, such as the status, a ``delivered_on`` date or a target's
  ``measured`` result: consent is to the terms, so it needs none) or ``editorial`` (it explains without binding).
- The class of a place is the ``x-materiality`` of the deepest schema node on the way that carries one; a place the
  schema does not declare (an ``x-`` extension key, a key it does not know), and a value the schema spells in no
  known way, is material: a change nobody classified may change what someone owes. Below a record or an editorial
  place everything is of that class, declared or not (the digest drops such a place with everything below it).
- A list of objects is keyed by ``id`` when its items declare one, else by the field its ``x-key`` names.
- Reordering a list is editorial unless the list's ``x-reorder`` says ``material`` (and the list is at a material
  place).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from agreed.schema import load_schema

ITEM: Final = None  # the step "an item of this list"
Step = str | None
ID_KEY = "id"

Schema = Mapping[str, Any]


class Materiality(enum.StrEnum):
    """The class of a change, strongest first: what it means for the parties' consent."""

    MATERIAL = "material"  # the terms change: every party's consent is stale until they agree again
    RECORD = "record"  # what happened is recorded (status, delivered_on, measured): the terms stand, consent stands
    EDITORIAL = "editorial"  # the text explains without binding: the terms stand, consent stands

    @classmethod
    def strongest(cls, classes: Iterable[Materiality], default: Materiality) -> Materiality:
        """The strongest of ``classes`` (material before record before editorial); ``default`` when there are
        none."""
        present = set(classes)
        return next((member for member in cls if member in present), default)


@dataclass(frozen=True, slots=True)
class Place:
    """What the schema declares at one place: None ``node`` when the place is not declared."""

    node: Schema | None
    materiality: Materiality


def materiality_of(steps: Sequence[Step]) -> Materiality:
    """The class of a change at ``steps``: material, record or editorial, as the schema declares (material when it
    declares nothing)."""
    return _place(tuple(steps)).materiality


def is_material(steps: Sequence[Step]) -> bool:
    """Whether a change at ``steps`` needs fresh consent: only a material place (or one the schema does not
    classify) does; records and editorial places do not."""
    return materiality_of(steps) is Materiality.MATERIAL


def reorder_materiality(steps: Sequence[Step]) -> Materiality:
    """The class of reordering the list at ``steps``: material only when its schema says ``x-reorder: material``,
    else editorial."""
    return _reorder_materiality(tuple(steps))


@functools.lru_cache(maxsize=1024)
def _reorder_materiality(steps: tuple[Step, ...]) -> Materiality:
    place = _place(steps)
    if place.materiality is not Materiality.MATERIAL:
        return place.materiality  # nothing below a record or an editorial place is material
    node = place.node
    declared = node is not None and any(part.get("x-reorder") == Materiality.MATERIAL.value for part in _parts(node))
    return Materiality.MATERIAL if declared else Materiality.EDITORIAL


def is_reorder_material(steps: Sequence[Step]) -> bool:
    """Whether reordering the list at ``steps`` is material (only when its schema says ``x-reorder: material``)."""
    return reorder_materiality(steps) is Materiality.MATERIAL


def item_key(steps: Sequence[Step]) -> str | None:
    """The field that identifies an item of the list at ``steps``: ``id`` when its items declare one, else the
    list's ``x-key``; None when the schema names neither (or does not know the list)."""
    return _item_key(tuple(steps))


@functools.lru_cache(maxsize=1024)
def _item_key(steps: tuple[Step, ...]) -> str | None:
    node = _place(steps).node
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
    declared = _class(_materiality(node)) if node is not None else Materiality.MATERIAL
    for step in steps:
        node = _child(node, step) if node is not None else None
        if declared is not Materiality.MATERIAL:
            return Place(node, declared)  # a record or an editorial place is that, with everything below it
        if node is None:
            return Place(None, Materiality.MATERIAL)
        own = _materiality(node)
        declared = _class(own) if own is not None else declared
    return Place(node, declared)


def _class(declared: str | None) -> Materiality:
    """The class an ``x-materiality`` value names; material for none or for a value no class has."""
    try:
        return Materiality(declared) if declared is not None else Materiality.MATERIAL
    except ValueError:
        return Materiality.MATERIAL


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
