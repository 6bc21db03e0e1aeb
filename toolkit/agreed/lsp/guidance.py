"""What the editor shows and offers at the cursor: hover text (a key's guidance from the schema, a finding's rule
documentation, who a party is) and completions (keys valid at the cursor, status values, party ids where a party is
named, dates where a date is written, rule codes in a suppression comment). Everything is read from the packaged
schema and the rule registry; nothing here knows the protocol.
"""

from __future__ import annotations

import datetime
import enum
import functools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

from agreed.agreement import Agreement, Party
from agreed.lsp.places import ITEM, Place, Step
from agreed.problem import Problem
from agreed.record import Record
from agreed.report.schema.reference import Entry, reference_of
from agreed.schema import load_schema

Schema = Mapping[str, Any]

PARTY_REFERENCES: Final = frozenset({"#/$defs/partyRef", "#/$defs/partyRefOrEmpty"})
"""The schema's definitions of a value that must be a party's id."""
PARTY_TEXTS: Final = frozenset({
    ("results", "for_whom", ITEM), ("results", "by_whom", ITEM), ("results", "deliverables", ITEM, "for", ITEM),
    ("results", "milestones", ITEM, "to"), ("results", "information", ITEM, "from"),
    ("results", "information", ITEM, "to", ITEM), ("celebration", "handoffs", ITEM, "from"),
    ("celebration", "handoffs", ITEM, "to"),
})
"""Text values that name who, often by a party's id: the schema lets them name people outside the agreement too."""
_SUPPRESSION: Final = re.compile(r"#[ \t]*agreed[ \t]*:[ \t]*disable(?:-file|-next-line)?[ \t]*=(?P<codes>[^#]*)$")


class Kind(enum.Enum):
    """What a suggestion completes."""

    KEY = "key"
    VALUE = "value"
    PARTY = "party"
    DATE = "date"
    RULE = "rule"


class Suggestion(Record):
    """One completion: what is shown (``label``) and inserted (``insert``), a one-line ``detail`` and its
    documentation (Markdown)."""

    label: str
    kind: Kind
    detail: str
    documentation: str
    insert: str


class Guide:
    """The schema read once for the editor: every key by its steps, the statuses, and which places hold a party's
    id or a date."""

    def __init__(self, schema: Schema) -> None:
        reference = reference_of(schema)
        self.statuses = reference.statuses
        self.entries: dict[tuple[Step, ...], Entry] = {entry.steps: entry for entry in reference.entries}
        self.children: dict[tuple[Step, ...], list[Entry]] = {}
        for entry in reference.entries:
            self.children.setdefault(entry.steps[:-1], []).append(entry)
        self.party_places = frozenset(steps for steps in self._places() if _names_party(schema, steps))
        self.date_places = frozenset(steps for steps in self._places() if _holds_date(schema, steps))

    def _places(self) -> Iterator[tuple[Step, ...]]:
        for steps in self.entries:
            yield steps
            yield (*steps, ITEM)

    def entry(self, steps: tuple[Step, ...]) -> Entry | None:
        return self.entries.get(steps)

    def names_party(self, steps: tuple[Step, ...]) -> bool:
        return steps in self.party_places or steps in PARTY_TEXTS


@functools.cache
def guide() -> Guide:
    return Guide(load_schema())


def key_hover(entry: Entry) -> str:
    """A key's guidance: its title and path, what it asks, what is written there, its element of the method and an
    example."""
    parts = [f"**{entry.title}** (`{entry.path}`)", entry.description, f"Written: {entry.kind}"]
    if entry.elements:
        parts.append("Element of the method (schema/ELEMENTS.md): " + ", ".join(entry.elements))
    if entry.materiality:
        parts.append(f"A change here is {entry.materiality}.")
    if entry.examples:
        parts.append("Example: `" + json.dumps(entry.examples[0], ensure_ascii=False) + "`")
    return "\n\n".join(part for part in parts if part)


def finding_hover(problem: Problem) -> str | None:
    """The documentation of the rule behind ``problem``, as ``agreed explain`` prints it."""
    from agreed.lint.rules import find_rule
    from agreed.report.rules import explanation

    rule = find_rule(problem.rule)
    return None if rule is None else f"{problem.message}\n\n```text\n{explanation(rule)}```"


def party_hover(party: Party) -> str:
    """Who a party is: name, id, role and contact as the agreement gives them."""
    details = [f"**{party.name or party.id}** (party `{party.id}`)"]
    details += [f"{label}: {value}" for label, value in (("Role", party.role), ("Email", party.email),
                                                          ("Handle", party.handle)) if value]
    return "\n\n".join(details)


def suggestions(place: Place, line_before: str, agreement: Agreement | None,
                today: datetime.date) -> list[Suggestion]:
    """What may be written at the cursor."""
    comment = _SUPPRESSION.search(line_before)
    if comment is not None:
        return list(_rule_codes())
    if "#" in line_before:
        return []
    known = guide()
    if place.in_value:
        steps = (*place.steps, place.key) if place.key is not None else place.steps
        values = _values(known, steps, agreement, today)
        if values or place.key is not None:
            return values
    return _keys(known.children.get(place.steps, ()), place.present)


def _keys(entries: Sequence[Entry], present: frozenset[str]) -> list[Suggestion]:
    return [Suggestion(entry.key, Kind.KEY, entry.title, key_hover(entry), f"{entry.key}: ")
            for entry in entries if isinstance(entry.key, str) and entry.key not in present]


def code_link(code: str, docs: str | None) -> str | None:
    """Where the rule ``code`` is documented, as SARIF's ``helpUri`` gives it: its section of ``docs/rules.md`` under
    ``docs`` (``agreed lsp --docs-url``), else under the project URL the installed package declares; None without
    either."""
    from agreed.report.rule_docs import documentation_base, rule_link

    base = documentation_base(docs)
    return rule_link(base, code) if base is not None else None


def _values(known: Guide, steps: tuple[Step, ...], agreement: Agreement | None,
            today: datetime.date) -> list[Suggestion]:
    if steps == ("status",):
        return [Suggestion(status, Kind.VALUE, "status", "Where the agreement stands.", status)
                for status in known.statuses]
    if known.names_party(steps) and agreement is not None:
        return [Suggestion(party.id, Kind.PARTY, party.name or "", party_hover(party), party.id)
                for party in agreement.parties if party.id]
    if steps in known.date_places:
        return [Suggestion(today.isoformat(), Kind.DATE, "today", "Today's date (YYYY-MM-DD).", today.isoformat())]
    return []


def _rule_codes() -> Iterator[Suggestion]:
    from agreed.lint.rules import all_rules
    from agreed.report.rules import explanation

    for rule in all_rules().values():
        if rule.suppressible:
            yield Suggestion(rule.code, Kind.RULE, f"{rule.name}: {rule.summary}", explanation(rule), rule.code)


def _nodes(schema: Schema, steps: tuple[Step, ...]) -> list[Schema]:
    """Every schema node that applies at ``steps``, through references, combinations and both branches of each
    conditional."""
    found = _expand(schema, [schema])
    for step in steps:
        below = [node.get("items") if step is ITEM else node.get("properties", {}).get(step) for node in found]
        found = _expand(schema, [node for node in below if isinstance(node, Mapping)])
    return found


def _expand(schema: Schema, nodes: list[Schema]) -> list[Schema]:
    pending, found = list(nodes), list[Schema]()
    while pending:
        node = pending.pop()
        if any(node is seen for seen in found):
            continue
        found.append(node)
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/"):
            target: Any = schema
            for token in reference[2:].split("/"):
                target = target.get(token, {}) if isinstance(target, Mapping) else {}
            pending.append(target)
        for keyword in ("allOf", "anyOf", "oneOf"):
            pending.extend(member for member in node.get(keyword, ()) if isinstance(member, Mapping))
        pending.extend(node[branch] for branch in ("then", "else") if isinstance(node.get(branch), Mapping))
    return found


def _names_party(schema: Schema, steps: tuple[Step, ...]) -> bool:
    return any(node.get("$ref") in PARTY_REFERENCES for node in _nodes(schema, steps))


def _holds_date(schema: Schema, steps: tuple[Step, ...]) -> bool:
    return any(node.get("format") == "date" for node in _nodes(schema, steps))
