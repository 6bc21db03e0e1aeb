"""Compare two versions of an agreement by meaning, not by lines.

- Mappings are compared key by key; key order, formatting and comments never make a change.
- List items are paired by the one rule the consent digest uses (:mod:`agreed.history.canonical`): items whose
  terms are equal first, then items with the same ``id`` (or the field the schema's ``x-key`` names), then, in
  lists without ids, the remaining objects in order. A list whose items pair in another order is one ``MOVED``
  change at the list (editorial unless its schema says ``x-reorder: material``); duplicates count, so two items
  with the same id swapped are a reorder, not an edit. A removed item and a new one with another identity are
  never merged into an edit: a new item whose text resembles a removed one only carries the note "may replace
  ...". Plain values never pair with another value: they are added and removed.
- Values are equal by that rule too: numbers by value (``50`` is ``50.0``, NaN is NaN), a boolean only a boolean.
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
import math
import re
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from agreed.document import load_document
from agreed.history.canonical import Fingerprints, identity, same
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


def diff(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None,
         fingerprints: Fingerprints | None = None) -> list[Change]:
    """Every change from ``old`` to ``new`` (loaded data), in the document order of ``new`` with removals where
    they were. ``old`` None: the agreement was created; ``new`` None: it was deleted (one change either way).
    ``fingerprints`` may carry list items' fingerprints from one comparison to the next (of unchanging data)."""
    if old is None and new is None:
        return []
    if old is None:
        return [Change(AGREEMENT, ChangeKind.ADDED, None, new, Materiality.MATERIAL, "agreement added")]
    if new is None:
        return [Change(AGREEMENT, ChangeKind.REMOVED, old, None, Materiality.MATERIAL, "agreement removed")]
    return list(_compare(old, new, (), fingerprints if fingerprints is not None else Fingerprints()))


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


def _compare(old: Any, new: Any, path: _Path, fingerprints: Fingerprints) -> Iterator[Change]:
    if same(old, new):
        return
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        yield from _compare_mappings(old, new, path, fingerprints)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _compare_lists(old, new, path, fingerprints)
    else:
        yield _change(path, ChangeKind.CHANGED, old, new, note=_note(old, new))


def _change(path: _Path, kind: ChangeKind, old: Any, new: Any, steps: tuple[Step, ...] | None = None,
            note: str = "") -> Change:
    """A change at ``path``, of the class of the place ``steps`` (the place ``path`` names when None)."""
    return Change(readable(path), kind, old, new, materiality_of(_steps(path) if steps is None else steps), note)


def _compare_mappings(old: Mapping[str, Any], new: Mapping[str, Any], path: _Path,
                      fingerprints: Fingerprints) -> Iterator[Change]:
    for key in _merged_order(list(old), list(new)):
        child = (*path, key)
        if key not in new:
            yield _change(child, ChangeKind.REMOVED, old[key], None)
        elif key not in old:
            yield _change(child, ChangeKind.ADDED, None, new[key])
        else:
            yield from _compare(old[key], new[key], child, fingerprints)


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


def _compare_lists(old: list[Any], new: list[Any], path: _Path, fingerprints: Fingerprints) -> Iterator[Change]:
    steps = _steps(path)
    item_steps = (*steps, ITEM)
    key = item_key(steps) or ID_KEY
    old_ids = [identity(item, key) for item in old]
    new_ids = [identity(item, key) for item in new]
    paired = _pair(old, new, old_ids, new_ids, item_steps, fingerprints)
    if list(paired.values()) != sorted(paired.values()):
        yield _reordered(path, old, new, key if _all_unique(old_ids, new_ids) else None)
    plain = all(_is_plain(value) for value in (*old, *new))
    labels = _Labels(key, old_ids, new_ids)
    removed = {old_ids[index]: old[index] for index in range(len(old))
               if old_ids[index] is not None and index not in paired.values()}
    for side, index in _merged_order(*_tokens(paired, len(old), len(new))):
        if side == _OLD:
            where = path if plain else (*path, labels.old(old, index))
            yield _change(where, ChangeKind.REMOVED, old[index], None, item_steps)
        elif side == _NEW:
            where = path if plain else (*path, labels.new(new, index))
            note = _may_replace(new[index], removed, key) if new_ids[index] is not None else ""
            yield _change(where, ChangeKind.ADDED, None, new[index], item_steps, note)
        else:
            yield from _compare(old[paired[index]], new[index], (*path, labels.new(new, index)), fingerprints)


_OLD, _NEW, _BOTH = "old", "new", "both"


def _pair(old: list[Any], new: list[Any], old_ids: list[str | None], new_ids: list[str | None],
          item_steps: tuple[Step, ...], fingerprints: Fingerprints) -> dict[int, int]:
    """Which old item each new item continues (new index -> old index), in new order.

    Items whose terms are equal pair first (an item with the same identity preferred), so that two lists holding the
    same terms in any order pair completely and show no material change; then the rest with the same identity
    (an edited item); then the rest without one that are collections of the same kind, in order (an edited item of
    a list without ids). Plain values and items with different identities never pair: they are added and removed.
    """
    paired: dict[int, int] = {}
    by_terms: dict[bytes, list[int]] = {}
    for index, item in enumerate(old):
        by_terms.setdefault(fingerprints.of(item, item_steps), []).append(index)
    for index, item in enumerate(new):
        candidates = by_terms.get(fingerprints.of(item, item_steps))
        if candidates:
            chosen = next((at for at in candidates if old_ids[at] == new_ids[index]), candidates[0])
            candidates.remove(chosen)
            paired[index] = chosen
    taken = set(paired.values())
    by_identity: dict[str | None, list[int]] = {}
    for index, item in enumerate(old):
        if index not in taken and (old_ids[index] is not None or not _is_plain(item)):
            by_identity.setdefault(old_ids[index] if old_ids[index] is not None else _kind(item), []).append(index)
    for index, item in enumerate(new):
        if index in paired or (new_ids[index] is None and _is_plain(item)):
            continue
        waiting = by_identity.get(new_ids[index] if new_ids[index] is not None else _kind(item))
        if waiting:
            paired[index] = waiting.pop(0)
    return dict(sorted(paired.items()))


def _kind(item: Any) -> str:
    """The pairing group of an item without identity (never the canonical JSON of an identity, which is JSON)."""
    return "\0mapping" if isinstance(item, Mapping) else "\0list"


def _tokens(paired: dict[int, int], old_count: int, new_count: int) -> tuple[list[tuple[str, int]],
                                                                              list[tuple[str, int]]]:
    """Each side's items as tokens for :func:`_merged_order`: a paired item is the same token on both sides."""
    continues = {old_index: new_index for new_index, old_index in paired.items()}
    old_tokens = [(_BOTH, continues[index]) if index in continues else (_OLD, index) for index in range(old_count)]
    new_tokens = [(_BOTH, index) if index in paired else (_NEW, index) for index in range(new_count)]
    return old_tokens, new_tokens


def _all_unique(old_ids: list[str | None], new_ids: list[str | None]) -> bool:
    return all(None not in ids and len(set(ids)) == len(ids) for ids in (old_ids, new_ids))


@dataclass(frozen=True, slots=True)
class _Labels:
    """How an item is named in a path: ``id=d2`` when its identity names one item on each side, else its position
    (in the new list; in the old one for a removed item)."""

    key: str
    old_ids: list[str | None]
    new_ids: list[str | None]

    def old(self, items: list[Any], index: int) -> _Item:
        return self._label(items, index, self.old_ids[index])

    def new(self, items: list[Any], index: int) -> _Item:
        return self._label(items, index, self.new_ids[index])

    def _label(self, items: list[Any], index: int, identity: str | None) -> _Item:
        if identity is not None and self.old_ids.count(identity) <= 1 and self.new_ids.count(identity) <= 1:
            return _Item(f"{self.key}={items[index][self.key]}")
        return _Item(str(index))


def _is_plain(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _reordered(path: _Path, old: list[Any], new: list[Any], key: str | None) -> Change:
    """One change for a reordered list: its items' identities when every item has its own, else the lists."""
    shown_old = [item[key] for item in old] if key is not None else old
    shown_new = [item[key] for item in new] if key is not None else new
    return Change(readable(path), ChangeKind.MOVED, shown_old, shown_new, reorder_materiality(_steps(path)),
                  "order changed")


def _may_replace(item: Mapping[str, Any], removed: Mapping[Any, Mapping[str, Any]], key: str) -> str:
    """A hint that a new item resembles a removed one (never more than a hint: they stay two changes)."""
    text = _item_text(item, key)
    best, best_ratio = None, SIMILAR
    for candidate in removed.values():
        ratio = difflib.SequenceMatcher(None, text, _item_text(candidate, key)).ratio()
        if ratio >= best_ratio:
            best, best_ratio = candidate[key], ratio
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
    try:
        percent = (new - old) / abs(old) * 100
    except OverflowError:  # integers too far apart for a float
        return ""
    if not math.isfinite(percent):  # NaN or infinity on a side
        return ""
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
    document = load_document(raw, path or "<file>", positions=False)  # its data, and where a problem is
    if document.loaded and isinstance(document.data, Mapping):
        return _Loaded(document.data)
    problem = document.problems[0] if document.problems else None
    reason = f"line {problem.line}, column {problem.col}: {problem.message}" if problem else "not a mapping"
    return _Loaded(None, f"{path} does not load ({reason})")
