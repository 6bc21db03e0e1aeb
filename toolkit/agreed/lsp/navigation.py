"""Where things are in a loaded agreement, for navigation: each place a party's id is written (its definition in
``parties`` and every value that names it), each place a deliverable's or milestone's id is written (its ``id`` and
every mention of it as a whole word in the agreement's text), the id under the cursor, and the outline of parties,
deliverables, milestones and targets. Ranges are 0-based lines and character columns, as editors count them.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence

from agreed.agreement import Deliverable, Milestone, agreement_of
from agreed.compose import Span
from agreed.document import Document, JsonPath
from agreed.lines import line_col
from agreed.lsp.guidance import guide
from agreed.lsp.places import ITEM, Step
from agreed.problem import Problem
from agreed.record import Record


class Range(Record):
    """From (line, character) to (end_line, end_character), 0-based, the end exclusive."""

    line: int
    character: int
    end_line: int
    end_character: int

    def holds(self, line: int, character: int) -> bool:
        return (self.line, self.character) <= (line, character) <= (self.end_line, self.end_character)


class SymbolKind(enum.Enum):
    PARTY = "party"
    DELIVERABLE = "deliverable"
    MILESTONE = "milestone"
    TARGET = "target"


class Symbol(Record):
    """One entry of the outline: its id, what it says, its kind, the whole item and where its id is written."""

    name: str
    detail: str
    kind: SymbolKind
    whole: Range
    selection: Range


def span_range(document: Document, span: Span) -> Range:
    line, col = line_col(document.source, span.end)
    return Range(span.line, span.col, line - 1, col - 1)


def problem_range(lines: Sequence[str], problem: Problem) -> Range:
    """The words at fault when the finding knows where they end; else from its column to the end of what is written
    on its line (its comment left out)."""
    line = min(problem.line, len(lines)) - 1 if lines else 0
    start = problem.col - 1
    if problem.end_col > problem.col:
        return Range(line, start, line, problem.end_col - 1)
    text = lines[line] if lines else ""
    written = text.split(" #", 1)[0].rstrip()
    return Range(line, start, line, max(len(written), start + 1))


def party_definition(document: Document, party_id: str) -> Range | None:
    """Where ``party_id`` is given in ``parties``."""
    for party in agreement_of(document).parties:
        span = document.values.get((*party.path, "id"))
        if party.id == party_id and span is not None:
            return span_range(document, span)
    return None


def party_mentions(document: Document, party_id: str) -> list[Range]:
    """Every value that is ``party_id`` where a party is named (the definition included), in document order."""
    known = guide()
    found = [span_range(document, span) for path, span in document.values.items()
             if document.value_at(path) == party_id and (_is_party_definition(path) or known.names_party(_steps(path)))]
    return sorted(found)


def party_at(document: Document, line: int, character: int) -> str | None:
    """The party id under the cursor, where a party is named or defined."""
    ids = agreement_of(document).party_ids
    for path, span in document.values.items():
        value = document.value_at(path)
        if (isinstance(value, str) and value in ids and span_range(document, span).holds(line, character)
                and (_is_party_definition(path) or guide().names_party(_steps(path)))):
            return str(value)
    return None


def definition_at(document: Document, line: int, character: int) -> list[Range]:
    """Where the party, deliverable or milestone whose id is under the cursor is given its id (nothing elsewhere)."""
    party_id = party_at(document, line, character)
    if party_id is not None:
        where = party_definition(document, party_id)
    else:
        item_id = item_at(document, line, character)
        where = item_definition(document, item_id) if item_id is not None else None
    return [where] if where is not None else []


def references_at(document: Document, line: int, character: int) -> list[Range]:
    """Every place the id under the cursor is written, its definition included: a party's where a party is named, a
    deliverable's or milestone's wherever the agreement's text mentions it."""
    party_id = party_at(document, line, character)
    if party_id is not None:
        return party_mentions(document, party_id)
    item_id = item_at(document, line, character)
    return item_mentions(document, item_id) if item_id is not None else []


def item_definition(document: Document, item_id: str) -> Range | None:
    """Where the deliverable or milestone ``item_id`` is given its id."""
    for path in _item_id_paths(document, item_id):
        return next(iter(_mentions_in(document, path, item_id)), None)
    return None


def item_mentions(document: Document, item_id: str) -> list[Range]:
    """Every whole-word mention of the deliverable or milestone ``item_id`` in a text value (its ``id`` included),
    in document order; none when no deliverable or milestone has that id."""
    if item_definition(document, item_id) is None:
        return []
    return sorted(where for path in _text_paths(document) for where in _mentions_in(document, path, item_id))


def item_at(document: Document, line: int, character: int) -> str | None:
    """The deliverable or milestone id under the cursor: on its ``id`` or on a mention of it in a text value."""
    ids = {item_id for item_id, _ in _items(document)}
    for path in _text_paths(document):
        if not span_range(document, document.values[path]).holds(line, character):
            continue
        value = document.value_at(path)
        for item_id in (item_id for item_id in ids if item_id in value):
            if any(where.holds(line, character) for where in _mentions_in(document, path, item_id)):
                return item_id
    return None


def symbols(document: Document) -> list[Symbol]:
    """The outline: parties, deliverables, milestones and targets, each with its id, in document order."""
    agreement = agreement_of(document)
    items: tuple[tuple[SymbolKind, JsonPath, str | None, str | None], ...] = (
        *((SymbolKind.PARTY, party.path, party.id, party.name) for party in agreement.parties),
        *((SymbolKind.DELIVERABLE, item.path, item.id, item.what) for item in agreement.deliverables),
        *((SymbolKind.MILESTONE, item.path, item.id, item.what) for item in agreement.milestones),
        *((SymbolKind.TARGET, item.path, item.id, item.metric) for item in agreement.targets),
    )
    found: list[Symbol] = []
    for kind, path, item_id, what in items:
        whole = document.values.get(path)
        if whole is None:
            continue
        named = document.values.get((*path, "id"), whole)
        found.append(Symbol(item_id or f"({kind.value})", " ".join((what or "").split())[:80], kind,
                            span_range(document, whole), span_range(document, named)))
    return sorted(found, key=lambda symbol: symbol.whole)


def _items(document: Document) -> Iterator[tuple[str, JsonPath]]:
    """The id and the path of each deliverable and milestone that has one."""
    agreement = agreement_of(document)
    items: tuple[Deliverable | Milestone, ...] = (*agreement.deliverables, *agreement.milestones)
    for item in items:
        if item.id:
            yield item.id, item.path


def _item_id_paths(document: Document, item_id: str) -> Iterator[JsonPath]:
    for found, path in _items(document):
        if found == item_id and (*path, "id") in document.values:
            yield (*path, "id")


def _text_paths(document: Document) -> Iterator[JsonPath]:
    return (path for path in document.values if isinstance(document.value_at(path), str))


def _mentions_in(document: Document, path: JsonPath, item_id: str) -> list[Range]:
    """Where the string value at ``path`` mentions ``item_id`` as a whole word, placed in the source as the text
    rules' findings are (so in quoted and block values too)."""
    value = document.value_at(path)
    found: list[Range] = []
    for match in _whole_word(item_id).finditer(value):
        line, col = document.text_position(path, match.start(), match.end())
        found.append(Range(line - 1, col - 1, line - 1, col - 1 + len(item_id)))
    return found


def _whole_word(item_id: str) -> re.Pattern[str]:
    """``item_id`` where no character an id may hold goes on before or after it; a full stop after it ends a
    sentence unless an id's character follows."""
    return re.compile(rf"(?<![a-z0-9._\-]){re.escape(item_id)}(?![a-z0-9_\-]|\.[a-z0-9._\-])")


def _is_party_definition(path: JsonPath) -> bool:
    return len(path) == 3 and path[0] == "parties" and path[2] == "id"


def _steps(path: JsonPath) -> tuple[Step, ...]:
    return tuple(ITEM if isinstance(step, int) else step for step in path)
