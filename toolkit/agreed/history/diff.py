"""Compare two versions of an agreement by meaning, not by lines.

- Mappings are compared key by key; key order, formatting and comments never make a change.
- Lists of objects are matched by their ``id`` (or by the field the schema's ``x-key`` names): a reordered list is
  one editorial ``MOVED`` change at the list, and a removed item and a new one are never merged into an edit; a new
  item whose text resembles a removed one only carries the note "may replace ...".
- Lists of plain values are compared as values: additions and removals, plus one ``MOVED`` when the order of the
  values kept changed. Any other list is compared position by position.
- A whole item or key that appears or disappears is one change at that item, not one per field.
- Changed dates carry the shift in days, changed numbers the relative change: ``+45 days``, ``-20 %``.
- Each change has a class from the schema (:mod:`agreed.history.materiality`): material (needs fresh consent),
  record (progress recorded, such as the status or a ``delivered_on``) or editorial. Creating or deleting the
  agreement is material; a rename and a reordered list (unless its schema says ``x-reorder: material``) are
  editorial.

:func:`compare_files` does the same for the raw bytes of two versions of a file, with load errors reported rather
than raised.
"""

from __future__ import annotations

import datetime
import difflib
import enum
import re
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from agreed.document import load_document
from agreed.history.materiality import ID_KEY, ITEM, Materiality, Step, item_key, materiality_of, reorder_materiality
from agreed.schema import VERSION_KEY

AGREEMENT: Final = "(agreement)"  # the path of a change to the agreement as a whole
SIMILAR: Final = 0.6  # difflib ratio from which a new item "may replace" a removed one
TEXT_FIELDS: Final = ("what", "metric", "measure", "concern", "fact", "area", "imbalance", "name", "how")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_START: Final = object()  # anchor of removed items that came before every kept one


class ChangeKind(enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"


@dataclass(frozen=True, slots=True)
class Change:
    """One semantic change at a readable path such as ``results.deliverables[id=d2].due``."""

    path: str
    kind: ChangeKind
    old: Any  # plain data (None for ADDED)
    new: Any  # plain data (None for REMOVED)
    materiality: Materiality
    note: str = ""

    @property
    def material(self) -> bool:
        """Whether the change needs fresh consent (records and editorial changes do not)."""
        return self.materiality is Materiality.MATERIAL


@dataclass(frozen=True, slots=True)
class _Item:
    """A list item in a path: ``id=d2``, ``party=maria``, or its position ``0``."""

    label: str


_Segment = str | _Item
_Path = tuple[_Segment, ...]


def diff(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> list[Change]:
    """Every change from ``old`` to ``new`` (loaded data), in the document order of ``new`` with removals where
    they were. ``old`` None: the agreement was created; ``new`` None: it was deleted (one change either way)."""
    if old is None and new is None:
        return []
    if old is None:
        return [Change(AGREEMENT, ChangeKind.ADDED, None, new, Materiality.MATERIAL, "agreement added")]
    if new is None:
        return [Change(AGREEMENT, ChangeKind.REMOVED, old, None, Materiality.MATERIAL, "agreement removed")]
    return list(_compare(old, new, ()))


def readable(path: _Path) -> str:
    text = ""
    for segment in path:
        if isinstance(segment, _Item):
            text += f"[{segment.label}]"
        else:
            text += f".{segment}" if text else segment
    return text or AGREEMENT


def _steps(path: _Path) -> tuple[Step, ...]:
    return tuple(ITEM if isinstance(segment, _Item) else segment for segment in path)


def _compare(old: Any, new: Any, path: _Path) -> Iterator[Change]:
    if _same(old, new):
        return
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        yield from _compare_mappings(old, new, path)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _compare_lists(old, new, path)
    else:
        yield _change(path, ChangeKind.CHANGED, old, new, _note(old, new))


def _same(old: Any, new: Any) -> bool:
    """Equal data, where (unlike Python's ==) a boolean only equals a boolean."""
    if old != new:
        return False
    if isinstance(old, Mapping):
        return all(_same(value, new[key]) for key, value in old.items())
    if isinstance(old, list):
        return all(_same(value, other) for value, other in zip(old, new, strict=True))
    return isinstance(old, bool) is isinstance(new, bool)


def _change(path: _Path, kind: ChangeKind, old: Any, new: Any, note: str = "") -> Change:
    return Change(readable(path), kind, old, new, materiality_of(_steps(path)), note)


def _compare_mappings(old: Mapping[str, Any], new: Mapping[str, Any], path: _Path) -> Iterator[Change]:
    for key in _merged_order(list(old), list(new)):
        child = (*path, key)
        if key not in new:
            yield _change(child, ChangeKind.REMOVED, old[key], None)
        elif key not in old:
            yield _change(child, ChangeKind.ADDED, None, new[key])
        else:
            yield from _compare(old[key], new[key], child)


def _merged_order(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[Any]:
    """The keys of ``new`` in order, each removed key of ``old`` placed after the kept key it followed."""
    kept = set(new)
    removed_after: dict[object, list[Hashable]] = {}
    anchor: object = _START
    for key in old:
        if key in kept:
            anchor = key
        else:
            removed_after.setdefault(anchor, []).append(key)
    merged = list(removed_after.get(_START, ()))
    for key in new:
        merged.append(key)
        merged.extend(removed_after.get(key, ()))
    return merged


def _order_changed(old: Sequence[Hashable], new: Sequence[Hashable]) -> bool:
    """Whether the keys both sides share come in a different order."""
    shared_new = set(new)
    shared_old = set(old)
    return [key for key in old if key in shared_new] != [key for key in new if key in shared_old]


def _compare_lists(old: list[Any], new: list[Any], path: _Path) -> Iterator[Change]:
    key = _list_key(_steps(path), old, new)
    if key is not None:
        yield from _compare_keyed(old, new, path, key)
    elif all(_is_plain(value) for value in (*old, *new)):
        yield from _compare_values(old, new, path)
    else:
        yield from _compare_positions(old, new, path)


def _list_key(steps: tuple[Step, ...], old: list[Any], new: list[Any]) -> str | None:
    """The field that identifies items of this list, when every item on both sides has a distinct one."""
    key = item_key(steps) or ID_KEY
    for items in (old, new):
        values = [item.get(key) if isinstance(item, Mapping) else None for item in items]
        if not all(_is_identifier(value) for value in values) or len(set(values)) != len(values):
            return None
    return key


def _is_identifier(value: Any) -> bool:
    return (isinstance(value, str) and value != "") or (isinstance(value, int) and not isinstance(value, bool))


def _is_plain(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _reordered(path: _Path, old: list[Any], new: list[Any]) -> Change:
    return Change(readable(path), ChangeKind.MOVED, old, new, reorder_materiality(_steps(path)), "order changed")


def _compare_keyed(old: list[Any], new: list[Any], path: _Path, key: str) -> Iterator[Change]:
    old_items = {item[key]: item for item in old}
    new_items = {item[key]: item for item in new}
    if _order_changed(list(old_items), list(new_items)):
        yield _reordered(path, list(old_items), list(new_items))
    removed = {name: item for name, item in old_items.items() if name not in new_items}
    for name in _merged_order(list(old_items), list(new_items)):
        child = (*path, _Item(f"{key}={name}"))
        if name not in new_items:
            yield _change(child, ChangeKind.REMOVED, old_items[name], None)
        elif name not in old_items:
            yield _change(child, ChangeKind.ADDED, None, new_items[name], _may_replace(new_items[name], removed, key))
        else:
            yield from _compare(old_items[name], new_items[name], child)


def _may_replace(item: Mapping[str, Any], removed: Mapping[Any, Mapping[str, Any]], key: str) -> str:
    """A hint that a new item resembles a removed one (never more than a hint: they stay two changes)."""
    text = _item_text(item, key)
    best, best_ratio = None, SIMILAR
    for name, candidate in removed.items():
        ratio = difflib.SequenceMatcher(None, text, _item_text(candidate, key)).ratio()
        if ratio >= best_ratio:
            best, best_ratio = name, ratio
    if best is None:
        return ""
    label = str(best) if key == ID_KEY else f"{key}={_shorten(str(best), 60)}"
    return f"may replace {label}"


def _item_text(item: Mapping[str, Any], key: str) -> str:
    """What an item says in words: its first descriptive field, else all its text but its identifier."""
    for field in TEXT_FIELDS:
        value = item.get(field)
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return " ".join(str(value) for name, value in item.items() if name != key and isinstance(value, str)).lower()


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _compare_values(old: list[Any], new: list[Any], path: _Path) -> Iterator[Change]:
    old_keys, new_keys = _occurrences(old), _occurrences(new)
    if _order_changed(old_keys, new_keys):
        yield _reordered(path, old, new)
    old_values = dict(zip(old_keys, old, strict=True))
    new_values = dict(zip(new_keys, new, strict=True))
    for key in _merged_order(old_keys, new_keys):
        if key not in new_values:
            yield _change(path, ChangeKind.REMOVED, old_values[key], None)
        elif key not in old_values:
            yield _change(path, ChangeKind.ADDED, None, new_values[key])


def _occurrences(values: list[Any]) -> list[tuple[bool, Any, int]]:
    """A distinct key per value: (is it a boolean, the value, which occurrence of it this is)."""
    seen: dict[tuple[bool, Any], int] = {}
    keys = []
    for value in values:
        token = (isinstance(value, bool), value)
        seen[token] = seen.get(token, -1) + 1
        keys.append((*token, seen[token]))
    return keys


def _compare_positions(old: list[Any], new: list[Any], path: _Path) -> Iterator[Change]:
    for index in range(max(len(old), len(new))):
        child = (*path, _Item(str(index)))
        if index >= len(new):
            yield _change(child, ChangeKind.REMOVED, old[index], None)
        elif index >= len(old):
            yield _change(child, ChangeKind.ADDED, None, new[index])
        else:
            yield from _compare(old[index], new[index], child)


# -- notes -------------------------------------------------------------------------------------------------------


def _note(old: Any, new: Any) -> str:
    for note in _NOTES:
        text = note(old, new)
        if text:
            return text
    return ""


def _date_note(old: Any, new: Any) -> str:
    old_date, new_date = _date(old), _date(new)
    if old_date is None or new_date is None:
        return ""
    days = (new_date - old_date).days
    return f"{days:+d} day{'' if abs(days) == 1 else 's'}"


def _date(value: Any) -> datetime.date | None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _number_note(old: Any, new: Any) -> str:
    if not (_is_number(old) and _is_number(new)):
        return ""
    if old == 0:
        return "from 0"
    percent = (new - old) / abs(old) * 100
    rounded = round(percent, 1)
    if rounded == 0:
        return f"{percent:+.2g} %"
    text = f"{rounded:+.1f}".removesuffix(".0")
    return f"{text} %"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_NOTES: tuple[Callable[[Any, Any], str], ...] = (_date_note, _number_note)


# -- files -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileDiff:
    """The changes between two versions of one file; ``old_path``/``new_path`` name the versions (None: the file
    did not exist), ``error`` says why they could not be compared, ``agreement`` is False for YAML files that are
    no agreement on either side (no ``agreed:`` key)."""

    old_path: str | None
    new_path: str | None
    changes: tuple[Change, ...] = ()
    renamed: bool = False
    error: str | None = None
    agreement: bool = True
    strangers: tuple[str, ...] = ()  # the versions that loaded but are no agreement (no ``agreed:`` key)

    @property
    def path(self) -> str:
        return self.new_path or self.old_path or AGREEMENT

    @property
    def material(self) -> int:
        """How many changes need fresh consent."""
        return self.count(Materiality.MATERIAL)

    @property
    def record(self) -> int:
        """How many changes record progress (status, delivered_on) without changing the terms."""
        return self.count(Materiality.RECORD)

    @property
    def editorial(self) -> int:
        """How many changes only explain."""
        return self.count(Materiality.EDITORIAL)

    def count(self, materiality: Materiality) -> int:
        """How many changes are of the class ``materiality``."""
        return sum(change.materiality is materiality for change in self.changes)


@dataclass(frozen=True, slots=True)
class _Loaded:
    data: Mapping[str, Any] | None
    error: str | None = None

    @property
    def agreement(self) -> bool | None:
        """True or False when loaded (has the format-version key or not); None when it did not load."""
        return None if self.data is None else VERSION_KEY in self.data


def compare_files(old_path: str | None, old_raw: bytes | None, new_path: str | None, new_raw: bytes | None,
                  *, renamed: bool = False) -> FileDiff:
    """The changes between two versions of a file given as bytes (None: that version does not exist).

    A rename adds one editorial change "renamed from ..." at ``(agreement)``.
    """
    old, new = _load(old_raw, old_path), _load(new_raw, new_path)
    verdicts = [side.agreement for side in (old, new) if side.data is not None]
    agreement = any(verdicts) or not verdicts
    strangers = tuple(path for side, path in ((old, old_path), (new, new_path))
                      if side.agreement is False and path is not None)
    errors = [side.error for side in (old, new) if side.error]
    if errors:
        return FileDiff(old_path, new_path, (), renamed, "; ".join(errors), agreement, strangers)
    changes = diff(old.data, new.data)
    if renamed and old_path is not None:
        rename = Change(AGREEMENT, ChangeKind.MOVED, old_path, new_path, Materiality.EDITORIAL,
                        f"renamed from {old_path}")
        changes = [rename, *changes]
    return FileDiff(old_path, new_path, tuple(changes), renamed, None, agreement, strangers)


def _load(raw: bytes | None, path: str | None) -> _Loaded:
    if raw is None:
        return _Loaded(None)
    document = load_document(raw, path or "<file>")
    if document.loaded and isinstance(document.data, Mapping):
        return _Loaded(document.data)
    problem = document.problems[0] if document.problems else None
    reason = f"line {problem.line}, column {problem.col}: {problem.message}" if problem else "not a mapping"
    return _Loaded(None, f"{path} does not load ({reason})")
