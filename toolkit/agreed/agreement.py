"""A typed view of one agreement: its parties, results, celebration, relationship and consent policy.

Rules, consent and renderers read an agreement through these immutable records (named tuples, which are cheap to
define and to build: the view is built for every document a lint run reads) instead of looking values up by string
keys. The view is built from loaded data of any quality, since rules run on drafts and on invalid files: a
missing part is None or empty, a value of the wrong type is left out (the schema reports it), and nothing raises.
Each list item also keeps the keys it holds whatever their values (``present``, null included), so a rule can still
tell a key that was never written from one whose value is of the wrong type.
Every part keeps the JSON path it came from, so a finding about it is positioned with ``Document.position(path)``.

Build the view of a loaded document with :func:`agreement_of` (built once per document and reused by every rule),
or of plain agreement data with :func:`read_agreement`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar

from agreed.record import Record

if TYPE_CHECKING:
    from agreed.document import Document

JsonPath = tuple[str | int, ...]
Number = int | float
_T = TypeVar("_T")

IN_FORCE: frozenset[str] = frozenset({"active", "renegotiating"})
"""The statuses under which an agreement binds its parties: its dates can fall due and be late, and consent given to
it is history. The one definition for lint's date rules, consent, ``agreed due`` and the site."""


FINAL_STATUSES: frozenset[str] = frozenset({"fulfilled", "ended"})
"""The statuses of an agreement that is over: it binds nobody any more, and what was consented to stays as it was."""


def in_force(status: str | None) -> bool:
    """Whether an agreement of ``status`` is in force (:data:`IN_FORCE`)."""
    return status in IN_FORCE


class Identity(Record):
    """Who a party is, as a version of the agreement (or the people roster) says: what consent is checked against."""

    party: str
    email: str | None = None
    handle: str | None = None
    keys: tuple[str, ...] = ()


class Text(Record):
    """One text entry of a list (``for_whom``, ``check_ins.dates``, ``triggers`` ...) at ``path``."""

    path: JsonPath
    text: str


class Owner(Record):
    """An item's ``owner`` as written (absent or null reads as no Owner at all): ``text`` when it is text; when it
    is a list, ``length`` its count of entries of any type and ``listed`` its text entries with their positions."""

    path: JsonPath
    text: str | None = None
    listed: tuple[Text, ...] = ()
    length: int | None = None


class Term(Record):
    path: JsonPath
    start: str | None = None
    end: str | None = None


class Party(Record):
    """One ``parties[]`` entry. Flags are None unless written as true or false."""

    path: JsonPath
    id: str | None = None
    name: str | None = None
    email: str | None = None
    handle: str | None = None
    role: str | None = None
    keys: tuple[str, ...] = ()
    hopes: str | None = None
    gives: str | None = None
    receives: str | None = None
    needs_partner: str | None = None
    could_decline: bool | None = None
    in_room: bool | None = None
    commits: str | None = None
    beyond: str | None = None
    present: frozenset[str] = frozenset()
    identifiers: tuple[Text, ...] = ()
    """Every non-blank text under ``email``, ``handle`` and ``keys`` (written alone or as a list), in that order,
    each at its own path."""

    @property
    def shown_name(self) -> str | None:
        """The name stripped, or the id when the party has no usable name."""
        return self.name.strip() if self.name is not None and self.name.strip() else self.id

    @property
    def identity(self) -> Identity | None:
        """The identity this entry gives (email, handle, keys); None when it has no id."""
        return None if self.id is None else Identity(self.id, self.email, self.handle, self.keys)


class Responsibility(Record):
    """An area of accountability under ``framing.accountability``, with its one owner."""

    path: JsonPath
    area: str | None = None
    owner: str | None = None
    owner_written: Owner | None = None


class Framing(Record):
    path: JsonPath
    together: str | None = None
    alliance_kind: str | None = None
    alliance_why: str | None = None
    a_plus: str | None = None
    grade_without: str | None = None
    good_enough: bool | None = None
    grade_why: str | None = None
    accountability: tuple[Responsibility, ...] = ()


class Evidence(Record):
    path: JsonPath
    fact: str | None = None
    source: str | None = None
    present: frozenset[str] = frozenset()


class Deliverable(Record):
    """One ``results.deliverables[]`` item; ``delivered`` says whether it records a delivery (any value counts)."""

    path: JsonPath
    id: str | None = None
    what: str | None = None
    quantity: Number | None = None
    unit: str | None = None
    baseline: Number | None = None
    target: Number | None = None
    acceptance: str | None = None
    owner: str | None = None
    recipients: tuple[Text, ...] = ()
    due: str | None = None
    delivered_on: str | None = None
    delivered: bool = False
    present: frozenset[str] = frozenset()
    owner_written: Owner | None = None


class Milestone(Record):
    """One ``results.milestones[]`` item; ``delivered`` as for :class:`Deliverable`."""

    path: JsonPath
    id: str | None = None
    what: str | None = None
    recipient: str | None = None
    owner: str | None = None
    due: str | None = None
    delivered_on: str | None = None
    delivered: bool = False
    present: frozenset[str] = frozenset()
    owner_written: Owner | None = None


class CheckIns(Record):
    path: JsonPath
    cadence: str | None = None
    dates: tuple[Text, ...] = ()
    how: str | None = None


class BuyIn(Record):
    path: JsonPath
    party: str | None = None
    how: str | None = None


class Information(Record):
    path: JsonPath
    what: str | None = None
    source: str | None = None
    about: str | None = None
    recipients: tuple[Text, ...] = ()


class Measure(Record):
    path: JsonPath
    id: str | None = None
    measure: str | None = None
    unit: str | None = None
    how: str | None = None
    present: frozenset[str] = frozenset()


class Results(Record):
    path: JsonPath
    purpose: str | None = None
    evidence: tuple[Evidence, ...] = ()
    for_whom: tuple[Text, ...] = ()
    by_whom: tuple[Text, ...] = ()
    serving_whom: tuple[Text, ...] = ()
    deadline: str | None = None
    deliverables: tuple[Deliverable, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    check_ins: CheckIns | None = None
    buy_in: tuple[BuyIn, ...] = ()
    information: tuple[Information, ...] = ()
    means: tuple[Text, ...] = ()
    quality_measures: tuple[Measure, ...] = ()
    resource_measures: tuple[Measure, ...] = ()


class Target(Record):
    path: JsonPath
    id: str | None = None
    metric: str | None = None
    unit: str | None = None
    baseline: Number | None = None
    target: Number | None = None
    measured_on: str | None = None
    present: frozenset[str] = frozenset()
    measured: Measured | None = None
    """The value recorded as measured for this target; None until ``measured`` is written as a mapping."""


class Measured(Record):
    """A target's ``measured``: the value found, when (``on``), by which party, from what source, and a note."""

    path: JsonPath
    value: Number | None = None
    on: str | None = None
    by: str | None = None
    source: str | None = None
    note: str | None = None


class Measurement(Record):
    path: JsonPath
    on: str | None = None
    communicated_on: str | None = None
    how: str | None = None


class Credit(Record):
    path: JsonPath
    party: str | None = None
    share: Number | None = None
    how: str | None = None
    present: frozenset[str] = frozenset()


class Handoff(Record):
    path: JsonPath
    id: str | None = None
    what: str | None = None
    giver: str | None = None
    receiver: str | None = None
    due: str | None = None
    present: frozenset[str] = frozenset()


class Celebration(Record):
    path: JsonPath
    targets: tuple[Target, ...] = ()
    measurement: Measurement | None = None
    announcer: str | None = None
    credit: tuple[Credit, ...] = ()
    failure_definition: str | None = None
    failure_accountability: str | None = None
    handoffs: tuple[Handoff, ...] = ()


class Reservation(Record):
    path: JsonPath
    id: str | None = None
    concern: str | None = None
    monitoring: str | None = None
    present: frozenset[str] = frozenset()


class Imbalance(Record):
    path: JsonPath
    imbalance: str | None = None
    response: str | None = None


class Relationship(Record):
    path: JsonPath
    routine: str | None = None
    alerts: str | None = None
    surprises: str | None = None
    disagreement: str | None = None
    talk_good_days: str | None = None
    talk_bad_days: str | None = None
    time_together: str | None = None
    personal: str | None = None
    triggers: tuple[Text, ...] = ()
    imbalances: tuple[Imbalance, ...] = ()
    setbacks: str | None = None
    may_share: tuple[Text, ...] = ()
    may_not_share: tuple[Text, ...] = ()
    reservations: tuple[Reservation, ...] = ()
    renegotiation_signals: tuple[Text, ...] = ()
    renegotiation_how: str | None = None
    other: tuple[Text, ...] = ()


class ConsentPolicy(Record):
    """``consent.evidence``: the text entries listed, in written order (empty when unset). ``listed``: whether
    ``evidence`` is a list with at least one entry of any type, which tells a policy that names no kind agreed knows
    (none is accepted) from an unset or empty one (the default applies)."""

    path: JsonPath
    evidence: tuple[str, ...] = ()
    listed: bool = False


class Agreement(Record):
    """One agreement as written; parts that are missing are None or empty."""

    format: int | None = None
    id: str | None = None
    title: str | None = None
    status: str | None = None
    term: Term | None = None
    parties: tuple[Party, ...] = ()
    framing: Framing | None = None
    results: Results | None = None
    celebration: Celebration | None = None
    relationship: Relationship | None = None
    consent: ConsentPolicy | None = None

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def party_ids(self) -> frozenset[str]:
        return frozenset(party.id for party in self.parties if party.id is not None)

    def party(self, party_id: str) -> Party | None:
        """The first party with id ``party_id``."""
        return next((party for party in self.parties if party.id == party_id), None)

    @property
    def deliverables(self) -> tuple[Deliverable, ...]:
        return self.results.deliverables if self.results is not None else ()

    @property
    def milestones(self) -> tuple[Milestone, ...]:
        return self.results.milestones if self.results is not None else ()

    @property
    def targets(self) -> tuple[Target, ...]:
        return self.celebration.targets if self.celebration is not None else ()

    @property
    def handoffs(self) -> tuple[Handoff, ...]:
        return self.celebration.handoffs if self.celebration is not None else ()

    @property
    def accountability(self) -> tuple[Responsibility, ...]:
        return self.framing.accountability if self.framing is not None else ()


# --- reading ---------------------------------------------------------------------------------------------------------


_NOTHING: Mapping[object, object] = {}


class _Node:
    """A value of the loaded data at ``path``, read tolerantly: a step into anything but a mapping finds nothing."""

    __slots__ = ("mapping", "path")

    def __init__(self, value: object, path: JsonPath) -> None:
        # a loaded mapping is a dict: its exact type test spares the abstract class's slower check
        self.mapping: Mapping[object, object] = value if type(value) is dict or isinstance(value, Mapping) else _NOTHING
        self.path = path

    def get(self, name: str) -> object:
        return self.mapping.get(name)

    def child(self, name: str) -> _Node | None:
        """The mapping at ``name``, or None when there is none."""
        value = self.get(name)
        return _Node(value, (*self.path, name)) if type(value) is dict or isinstance(value, Mapping) else None

    def text(self, name: str) -> str | None:
        value = self.get(name)
        return value if isinstance(value, str) else None

    def number(self, name: str) -> Number | None:
        value = self.get(name)
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    def flag(self, name: str) -> bool | None:
        value = self.get(name)
        return value if isinstance(value, bool) else None

    def present(self) -> frozenset[str]:
        """The keys of the mapping, whatever their values."""
        return frozenset(key for key in self.mapping if isinstance(key, str))

    def written(self, name: str) -> bool:
        """Whether ``name`` holds a value other than nothing or empty text, whatever its type."""
        return self.get(name) not in (None, "")

    def each(self, name: str) -> Iterator[_Node]:
        """The mapping items of the list at ``name``."""
        listed = self.get(name)
        if isinstance(listed, list):
            for index, item in enumerate(listed):
                if type(item) is dict or isinstance(item, Mapping):
                    yield _Node(item, (*self.path, name, index))

    def owner(self) -> Owner | None:
        """The ``owner`` value as written; None when it is absent or null."""
        value, path = self.get("owner"), (*self.path, "owner")
        if value is None:
            return None
        if isinstance(value, list):
            return Owner(path, None, self.texts("owner"), len(value))
        return Owner(path, value if isinstance(value, str) else None)

    def text_entries(self, name: str) -> tuple[Text, ...]:
        """The non-blank text at ``name``, or the non-blank text entries of the list there."""
        value = self.get(name)
        if isinstance(value, list):
            return tuple(entry for entry in self.texts(name) if entry.text.strip())
        return (Text((*self.path, name), value),) if isinstance(value, str) and value.strip() else ()

    def texts(self, name: str) -> tuple[Text, ...]:
        """The text entries of the list at ``name``."""
        listed = self.get(name)
        if not isinstance(listed, list):
            return ()
        return tuple(Text((*self.path, name, index), entry) for index, entry in enumerate(listed)
                     if isinstance(entry, str))

    def strings(self, name: str) -> tuple[str, ...]:
        listed = self.get(name)
        return tuple(entry for entry in listed if isinstance(entry, str)) if isinstance(listed, list) else ()


def read_agreement(data: object) -> Agreement:
    """The typed view of agreement ``data`` (loaded YAML of any shape; anything but a mapping is an empty view)."""
    root = _Node(data, ())
    format_version = root.get("agreed")
    return Agreement(
        format=format_version if isinstance(format_version, int) and not isinstance(format_version, bool) else None,
        id=root.text("id"), title=root.text("title"), status=root.text("status"),
        term=_maybe(root.child("term"), _term),
        parties=tuple(_party(node) for node in root.each("parties")),
        framing=_maybe(root.child("framing"), _framing),
        results=_maybe(root.child("results"), _results),
        celebration=_maybe(root.child("celebration"), _celebration),
        relationship=_maybe(root.child("relationship"), _relationship),
        consent=_maybe(root.child("consent"), _consent),
    )


_last_built: tuple[Document, Agreement] | None = None
_lock = threading.Lock()


def agreement_of(document: Document) -> Agreement:
    """The typed view of ``document``'s data. The rules of one lint run share one view: the last document's view
    is kept, so it is built once per document however many rules read it."""
    global _last_built
    with _lock:
        last = _last_built
        if last is not None and last[0] is document:
            return last[1]
        built = read_agreement(document.data)
        _last_built = (document, built)
        return built


def _maybe(node: _Node | None, build: Callable[[_Node], _T]) -> _T | None:
    return None if node is None else build(node)


def _term(node: _Node) -> Term:
    return Term(node.path, node.text("start"), node.text("end"))


def read_party(entry: object, path: JsonPath = ()) -> Party:
    """The typed view of one ``parties[]`` entry found at ``path`` (anything but a mapping reads as empty)."""
    return _party(_Node(entry, path))


def _party(node: _Node) -> Party:
    return Party(
        node.path, node.text("id"), node.text("name"), node.text("email"), node.text("handle"), node.text("role"),
        node.strings("keys"), node.text("hopes"), node.text("gives"), node.text("receives"),
        node.text("needs_partner"), node.flag("could_decline"), node.flag("in_room"), node.text("commits"),
        node.text("beyond"), node.present(),
        (*node.text_entries("email"), *node.text_entries("handle"), *node.text_entries("keys")),
    )


def _framing(node: _Node) -> Framing:
    alliance, grade = node.child("alliance"), node.child("grade_without")
    return Framing(
        node.path, node.text("together"),
        alliance.text("kind") if alliance else None, alliance.text("why") if alliance else None,
        node.text("a_plus"),
        grade.text("grade") if grade else None, grade.flag("good_enough") if grade else None,
        grade.text("why") if grade else None,
        tuple(Responsibility(item.path, item.text("area"), item.text("owner"), item.owner())
              for item in node.each("accountability")),
    )


def _results(node: _Node) -> Results:
    measures = node.child("measures")
    return Results(
        node.path, node.text("purpose"),
        tuple(Evidence(item.path, item.text("fact"), item.text("source"), item.present())
              for item in node.each("evidence")),
        node.texts("for_whom"), node.texts("by_whom"), node.texts("serving_whom"), node.text("deadline"),
        tuple(_deliverable(item) for item in node.each("deliverables")),
        tuple(_milestone(item) for item in node.each("milestones")),
        _maybe(node.child("check_ins"), _check_ins),
        tuple(BuyIn(item.path, item.text("party"), item.text("how")) for item in node.each("buy_in")),
        tuple(Information(item.path, item.text("what"), item.text("from"), item.text("about"), item.texts("to"))
              for item in node.each("information")),
        node.texts("means"),
        _measures(measures, "quality"), _measures(measures, "resources"),
    )


def _deliverable(node: _Node) -> Deliverable:
    return Deliverable(
        node.path, node.text("id"), node.text("what"), node.number("quantity"), node.text("unit"),
        node.number("baseline"), node.number("target"), node.text("acceptance"), node.text("owner"),
        node.texts("for"), node.text("due"), node.text("delivered_on"), node.written("delivered_on"),
        node.present(), node.owner(),
    )


def _milestone(node: _Node) -> Milestone:
    return Milestone(node.path, node.text("id"), node.text("what"), node.text("to"), node.text("owner"),
                     node.text("due"), node.text("delivered_on"), node.written("delivered_on"), node.present(),
                     node.owner())


def _check_ins(node: _Node) -> CheckIns:
    return CheckIns(node.path, node.text("cadence"), node.texts("dates"), node.text("how"))


def _measures(node: _Node | None, kind: str) -> tuple[Measure, ...]:
    if node is None:
        return ()
    return tuple(Measure(item.path, item.text("id"), item.text("measure"), item.text("unit"), item.text("how"),
                         item.present())
                 for item in node.each(kind))


def _celebration(node: _Node) -> Celebration:
    failure = node.child("failure")
    return Celebration(
        node.path,
        tuple(_target(item) for item in node.each("targets")),
        _maybe(node.child("measurement"), _measurement),
        node.text("announcer"),
        tuple(Credit(item.path, item.text("party"), item.number("share"), item.text("how"), item.present())
              for item in node.each("credit")),
        failure.text("definition") if failure else None, failure.text("accountability") if failure else None,
        tuple(Handoff(item.path, item.text("id"), item.text("what"), item.text("from"), item.text("to"),
                      item.text("due"), item.present()) for item in node.each("handoffs")),
    )


def _target(node: _Node) -> Target:
    return Target(node.path, node.text("id"), node.text("metric"), node.text("unit"), node.number("baseline"),
                  node.number("target"), node.text("measured_on"), node.present(),
                  _maybe(node.child("measured"), _measured))


def _measured(node: _Node) -> Measured:
    return Measured(node.path, node.number("value"), node.text("on"), node.text("by"), node.text("source"),
                    node.text("note"))


def _measurement(node: _Node) -> Measurement:
    return Measurement(node.path, node.text("on"), node.text("communicated_on"), node.text("how"))


def _relationship(node: _Node) -> Relationship:
    talk, confidentiality = node.child("talk"), node.child("confidentiality")
    renegotiation = node.child("renegotiation")
    return Relationship(
        node.path, node.text("routine"), node.text("alerts"), node.text("surprises"), node.text("disagreement"),
        talk.text("good_days") if talk else None, talk.text("bad_days") if talk else None,
        node.text("time_together"), node.text("personal"), node.texts("triggers"),
        tuple(Imbalance(item.path, item.text("imbalance"), item.text("response")) for item in node.each("imbalances")),
        node.text("setbacks"),
        confidentiality.texts("may_share") if confidentiality else (),
        confidentiality.texts("may_not_share") if confidentiality else (),
        tuple(Reservation(item.path, item.text("id"), item.text("concern"), item.text("monitoring"),
                          item.present())
              for item in node.each("reservations")),
        renegotiation.texts("signals") if renegotiation else (),
        renegotiation.text("how") if renegotiation else None,
        node.texts("other"),
    )


def _consent(node: _Node) -> ConsentPolicy:
    listed = node.get("evidence")
    return ConsentPolicy(node.path, node.strings("evidence"), isinstance(listed, list) and bool(listed))
