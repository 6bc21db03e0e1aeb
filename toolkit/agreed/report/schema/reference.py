"""A reference of every key an agreement may hold, read from the agreement schema itself so that it cannot drift.

The schema is walked from the top through ``$ref``, ``allOf``, ``properties`` and ``items``. What each key is comes
from its own node and the definitions it refers to (title, description, examples, ``x-element``, ``x-materiality``,
what is written there). Whether a key must be written, and whether its value may be empty, can depend on the
agreement's status: the conditionals at the top of the schema are evaluated for each status the schema lists, and
what they require is collected along the same walk. A conditional below the top is about values the walk does not
know, so neither of its branches is counted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

Schema = Mapping[str, Any]
Step = str | None  # a key, or None for "an item of this list"
ITEM: Final = None
STATUS_KEY: Final = "status"

_ANY_STATUS: Final = None  # the view of the schema that holds whatever the status: no conditional followed
_EMPTINESS_BOUNDS: Final = ("minLength", "minItems", "minProperties")
_TYPE_NAMES: Final = {
    "string": "text",
    "number": "number",
    "integer": "whole number",
    "boolean": "true or false",
    "object": "mapping",
    "array": "list",
    "null": "empty value",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One key of the format: where it is (``steps`` from the top), what the schema says of it, and in which
    statuses it must be written (``required_in``) and must not be empty (``filled_in``)."""

    steps: tuple[Step, ...]
    title: str
    description: str
    kind: str
    examples: tuple[Any, ...]
    elements: tuple[str, ...]
    materiality: str | None
    required_in: tuple[str, ...]
    filled_in: tuple[str, ...]
    free_keys: tuple[str, ...]

    @property
    def path(self) -> str:
        """``results.deliverables[].owner``: the keys from the top, ``[]`` for an item of a list."""
        shown = ""
        for step in self.steps:
            shown += "[]" if step is ITEM else ("." if shown else "") + step
        return shown

    @property
    def key(self) -> str:
        return next(step for step in reversed(self.steps) if step is not ITEM)


@dataclass(frozen=True, slots=True)
class Reference:
    """The format as its schema describes it: its title and description, the statuses in their order, the keys
    free at the top (patterns), and every key in the order of the schema, each followed by the keys inside it."""

    title: str
    description: str
    statuses: tuple[str, ...]
    free_keys: tuple[str, ...]
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class _Place:
    """The schema nodes that apply at one place, for each status and for any status (:data:`_ANY_STATUS`)."""

    steps: tuple[Step, ...]
    views: Mapping[str | None, tuple[Schema, ...]]

    @property
    def declared(self) -> tuple[Schema, ...]:
        return self.views[_ANY_STATUS] or next((parts for parts in self.views.values() if parts), ())


def reference_of(schema: Schema) -> Reference:
    """Every key of the format that ``schema`` describes, with what it says of each."""
    statuses = _statuses(schema)
    top = _Place((), {status: _expand(schema, schema, _probe(status)) for status in (_ANY_STATUS, *statuses)})
    return Reference(
        str(schema.get("title", "")),
        str(schema.get("description", "")),
        statuses,
        _free_keys(top.declared),
        tuple(_entries(schema, top, statuses)),
    )


def _statuses(schema: Schema) -> tuple[str, ...]:
    """The statuses the schema lists for the status key, in its order."""
    status = _child_parts(schema, _expand(schema, schema, None), STATUS_KEY)
    return next((tuple(str(value) for value in part["enum"]) for part in status if "enum" in part), ())


def _probe(status: str | None) -> Schema | None:
    """What is known of an agreement at the top for a status: its status alone."""
    return None if status is _ANY_STATUS else {STATUS_KEY: status}


def _entries(schema: Schema, place: _Place, statuses: Sequence[str]) -> Iterator[Entry]:
    for step in _steps_below(place):
        child = _Place(
            (*place.steps, step), {status: _child_parts(schema, parts, step) for status, parts in place.views.items()}
        )
        if step is not ITEM:
            yield _entry(schema, place, child, statuses)
        yield from _entries(schema, child, statuses)


def _steps_below(place: _Place) -> list[Step]:
    """The keys declared at ``place`` (in the order first declared, whatever the status), then its items."""
    keys = dict.fromkeys(key for parts in place.views.values() for part in parts for key in part.get("properties", {}))
    has_items = any(isinstance(part.get("items"), Mapping) for part in place.declared)
    return [*keys, *([ITEM] if has_items else [])]


def _entry(schema: Schema, parent: _Place, place: _Place, statuses: Sequence[str]) -> Entry:
    key = place.steps[-1]
    parts = place.declared
    required = tuple(
        status for status in statuses if any(key in part.get("required", ()) for part in parent.views[status])
    )
    filled = tuple(status for status in statuses if any(_bars_emptiness(part) for part in place.views[status]))
    return Entry(
        place.steps,
        str(_first(parts, "title", "")),
        str(_first(parts, "description", "")),
        _kind(schema, parts),
        tuple(_first(parts, "examples", ())),
        _elements(parts),
        _first(parts, "x-materiality", None),
        required,
        filled,
        _free_keys(parts),
    )


def _first(parts: Sequence[Schema], keyword: str, default: Any) -> Any:
    """The value of ``keyword`` on the first node that has it: the key's own node before its definitions."""
    return next((part[keyword] for part in parts if keyword in part), default)


def _elements(parts: Sequence[Schema]) -> tuple[str, ...]:
    declared = _first(parts, "x-element", ())
    return (declared,) if isinstance(declared, str) else tuple(declared)


def _free_keys(parts: Sequence[Schema]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(pattern for part in parts for pattern in part.get("patternProperties", {})))


def _bars_emptiness(part: Schema) -> bool:
    return any(isinstance(part.get(bound), int) and part[bound] >= 1 for bound in _EMPTINESS_BOUNDS)


def _kind(schema: Schema, parts: Sequence[Schema]) -> str:
    """What is written at a place, in words: ``date (YYYY-MM-DD) or empty text``, ``list of: mapping``."""
    for part in parts:
        if "const" in part:
            return f"always {json.dumps(part['const'])}"
        if "enum" in part:
            return "one of " + ", ".join(json.dumps(value) for value in part["enum"])
        alternatives = part.get("anyOf") or part.get("oneOf")
        if alternatives:
            return " or ".join(_kind(schema, _expand(schema, alternative, None)) for alternative in alternatives)
    declared = _first(parts, "type", None)
    if declared == "array":
        items = [part["items"] for part in parts if isinstance(part.get("items"), Mapping)]
        return "list" + (f" of: {_kind(schema, _expand(schema, items[0], None))}" if items else "")
    if declared == "string":
        return _text_kind(parts)
    return _TYPE_NAMES.get(str(declared), "any value") if declared is not None else "any value"


def _text_kind(parts: Sequence[Schema]) -> str:
    """A text's form: a format it follows, a pattern it matches (named by the definition that gives it), or text."""
    if _first(parts, "maxLength", None) == 0:
        return "empty text"
    if _first(parts, "format", None) == "date":
        return "date (YYYY-MM-DD)"
    patterned = next((part for part in parts if "pattern" in part), None)
    if patterned is not None:
        named = f"{str(patterned['title']).lower()}: " if "title" in patterned and patterned is not parts[0] else ""
        return f"{named}text matching `{patterned['pattern']}`"
    form = _first(parts, "format", None)
    return f"text ({form})" if form else "text"


def _child_parts(schema: Schema, parts: Sequence[Schema], step: Step) -> tuple[Schema, ...]:
    """The nodes that apply one step below the place of ``parts``: a declared key's, or a list's items'."""
    children = [part.get("items") if step is ITEM else part.get("properties", {}).get(step) for part in parts]
    return tuple(found for child in children if isinstance(child, Mapping) for found in _expand(schema, child, None))


def _expand(schema: Schema, node: Schema, probe: Schema | None) -> tuple[Schema, ...]:
    """``node``, what its ``$ref`` points to and its ``allOf`` members, each once; with a ``probe`` (what is known
    of the value there), also the branch of each conditional that the probe takes."""
    pending, found = [node], list[Schema]()
    while pending:
        part = pending.pop(0)
        if any(part is seen for seen in found):
            continue
        found.append(part)
        if isinstance(part.get("$ref"), str):
            pending.append(_resolve(schema, part["$ref"]))
        pending.extend(member for member in part.get("allOf", ()) if isinstance(member, Mapping))
        if probe is not None and isinstance(part.get("if"), Mapping):
            branch = part.get("then" if _holds(schema, part["if"], probe) else "else")
            pending.extend([branch] if isinstance(branch, Mapping) else [])
    return tuple(found)


def _holds(schema: Schema, condition: Schema, probe: Schema) -> bool:
    from jsonschema import Draft202012Validator  # only the reference evaluates conditions

    return bool(Draft202012Validator(schema).evolve(schema=condition).is_valid(probe))


def _resolve(schema: Schema, reference: str) -> Schema:
    """A local ``#/...`` JSON pointer into ``schema``."""
    node: Any = schema
    for token in reference.removeprefix("#").split("/")[1:]:
        node = node[token.replace("~1", "/").replace("~0", "~")]
    if not isinstance(node, Mapping):
        raise ValueError(f"{reference} does not lead to a schema")
    return node
