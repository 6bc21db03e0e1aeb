"""One agreement as a page of Markdown that a partner reads, in the order of the method.

1. the title, its status and term; 2. the parties: who each is, their role, what each hopes for, gives and receives;
3. the result: what the partners achieve together, the A+ result, the grade without A+ collaboration, who is
accountable for what; 4. who owes what to whom by when: the deliverables and milestones in one table (owner, for
whom, due, delivered) and the check-ins; 5. the celebration: each target as baseline -> target -> measured with its
outcome (met, missed, not yet measured), when results are measured and announced, who announces, the credit, what
counts as failure and the hand-offs; 6. how the partners work together, as plain prose; 7. reservations and what
triggers a renegotiation; 8. the consent panel (:mod:`agreed.render.consent_panel`), when one is given.

The page reads the typed view of the agreement (:mod:`agreed.agreement`); a part that is missing is left out. Party
ids are shown as the party's name. Every text from the agreement is escaped (:mod:`agreed.render.markdown`), so the
Markdown means what the page shows, whatever the agreement holds. The same agreement gives the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from agreed.agreement import (
    Agreement,
    Celebration,
    Framing,
    Measured,
    Number,
    Party,
    Relationship,
    Results,
    Target,
    Text,
)
from agreed.measured import Outcome, measured_value, outcome_of
from agreed.render.consent_panel import ConsentPanel, ConsentRow
from agreed.render.markdown import email_link, inline, prose, short_digests
from agreed.schedule import day_of
from agreed.visible import visible

PartyHref = Callable[[str], str | None]
"""A party id to the address of its page (relative), or None: names become links to it."""

# words, not symbols: a page must read the same without an emoji font, printed in black and white, or read aloud
OUTCOME_MARKS = {Outcome.MET: "**met**", Outcome.MISSED: "**missed**", Outcome.NOT_MEASURED: "not yet measured"}
STATE_MARKS = {"valid": "valid", "stale": "**stale**", "missing": "**missing**"}
EMPTY_CELL = "—"


def agreement_markdown(agreement: Agreement, *, consent: ConsentPanel | None = None, source: str | None = None,
                       party_href: PartyHref | None = None) -> str:
    """The page of ``agreement`` in Markdown. ``consent``: the consent panel to show (none: no consent section);
    ``source``: the file's path, named under the title; ``party_href``: where a party's name links to."""
    names = _Names(agreement, party_href)
    sections = [
        _heading(agreement, source),
        _parties(agreement.parties, names),
        _result(agreement.framing, agreement.results, names),
        _obligations(agreement, names),
        _celebration(agreement.celebration, names, agreement.results.deadline if agreement.results else None),
        _relationship(agreement.relationship),
        _reservations(agreement.relationship),
        _consent(consent, names) if consent is not None else [],
    ]
    return "\n".join(line for section in sections for line in _blocks(section)).rstrip("\n") + "\n"


class _Names:
    """Party ids shown as names (escaped), linked to the party's page when ``href`` gives one."""

    def __init__(self, agreement: Agreement, href: PartyHref | None) -> None:
        self._parties = {party.id: party for party in agreement.parties if party.id is not None}
        self._href = href

    def of(self, written: str | None) -> str:
        """The name of the party ``written`` names, else the text as written; a dash for nothing."""
        if written is None or not written.strip():
            return EMPTY_CELL
        party = self._parties.get(written.strip())
        if party is None:
            return inline(written)
        shown = inline(party.shown_name or written)
        target = self._href(written.strip()) if self._href is not None else None
        return f"[{shown}](<{target}>)" if target and "<" not in target and ">" not in target else shown

    def all_of(self, entries: Iterable[Text]) -> str:
        shown = [self.of(entry.text) for entry in entries]
        return ", ".join(shown) if shown else EMPTY_CELL


def _blocks(lines: Sequence[str]) -> Iterator[str]:
    """The lines of one section followed by a blank line, nothing for an empty section."""
    while lines and not lines[-1]:
        lines = lines[:-1]
    if lines:
        yield from lines
        yield ""


def _heading(agreement: Agreement, source: str | None) -> list[str]:
    title = agreement.title or agreement.id or source or "Agreement"
    facts = [f"**Status:** {inline(agreement.status)}" if agreement.status else None,
             f"**Term:** {_term(agreement)}" if agreement.term is not None else None,
             f"**Id:** `{_code(agreement.id)}`" if agreement.id else None,
             f"**File:** `{_code(source)}`" if source else None]
    shown = [fact for fact in facts if fact is not None]
    return [f"# {inline(title)}", "", *(f"- {fact}" for fact in shown)]


def _term(agreement: Agreement) -> str:
    term = agreement.term
    start = inline(term.start) if term is not None and term.start else None
    end = inline(term.end) if term is not None and term.end else None
    if start is None and end is None:
        return "not set"
    return f"{start or 'not set'} to {end or 'not set'}"


def _code(text: str) -> str:
    """Text for a code span, as every output shows text (:func:`agreed.visible.visible`: a stray byte of a file name
    as ``\\xNN``, a control character escaped); a backtick or a line break makes it plain escaped text instead."""
    return visible(text).replace("|", "\\|") if "`" not in text and "\n" not in text else inline(text)


# -- parties -----------------------------------------------------------------------------------------------------


def _parties(parties: Sequence[Party], names: _Names) -> list[str]:
    if not parties:
        return []
    lines = ["## The parties"]
    for party in parties:
        lines += ["", f"### {names.of(party.id) if party.id else inline(party.shown_name or 'A party')}", ""]
        lines += _facts([("Role", party.role), ("Hopes for", party.hopes), ("Gives", party.gives),
                         ("Receives", party.receives), ("Needs the partner because", party.needs_partner),
                         ("Commits to", party.commits), ("Helps beyond the ask", party.beyond)])
        contact = [email_link(party.email) if party.email else None,
                   f"`{_code(party.handle)}`" if party.handle else None]
        if any(contact):
            lines.append(f"- **Contact:** {', '.join(item for item in contact if item)}")
    return lines


def _facts(pairs: Iterable[tuple[str, str | None]]) -> list[str]:
    return [f"- **{label}:** {inline(value)}" for label, value in pairs if value is not None and value.strip()]


# -- the result --------------------------------------------------------------------------------------------------


def _result(framing: Framing | None, results: Results | None, names: _Names) -> list[str]:
    facts: list[tuple[str, str | None]] = []
    if framing is not None:
        facts += [("Together", framing.together), ("The A+ result", framing.a_plus)]
    grade = _grade(framing)
    if results is not None:
        facts += [("Why", results.purpose), ("Outcome deadline", results.deadline)]
    graded = [f"- **Grade without A+ collaboration:** {grade}"] if grade else []
    lines = _facts(facts[:2]) + graded + _facts(facts[2:])
    if results is not None and results.serving_whom:
        lines.append(f"- **Serving:** {names.all_of(results.serving_whom)}")
    accountable = framing.accountability if framing is not None else ()
    if accountable:
        lines += ["", "### Who is accountable for what", "", "| Area | Accountable |", "| --- | --- |"]
        lines += [f"| {_cell(item.area)} | {names.of(item.owner)} |" for item in accountable]
    return ["## The result", "", *lines] if lines else []


def _grade(framing: Framing | None) -> str | None:
    """The grade, the verdict and why, as the partners would say it: "C — not good enough. Each side would ..."
    (each of them left out when it is not written)."""
    if framing is None:
        return None
    verdict = {True: "good enough", False: "not good enough", None: None}[framing.good_enough]
    grade = inline(framing.grade_without) if framing.grade_without and framing.grade_without.strip() else None
    head = " — ".join(part for part in (grade, verdict) if part)
    why = inline(framing.grade_why) if framing.grade_why and framing.grade_why.strip() else ""
    if head and why:
        return f"{head}{'' if head[-1] in _SENTENCE_ENDS else '.'} {why}"
    return head or why or None


_SENTENCE_ENDS = ".!?"


# -- who owes what to whom ---------------------------------------------------------------------------------------


def _obligations(agreement: Agreement, names: _Names) -> list[str]:
    rows = [(item.due or "", 0, index, "deliverable", item.what, item.owner, names.all_of(item.recipients),
             item.due, item.delivered_on, item.delivered) for index, item in enumerate(agreement.deliverables)]
    rows += [(item.due or "", 1, index, "milestone", item.what, item.owner, names.of(item.recipient), item.due,
              item.delivered_on, item.delivered) for index, item in enumerate(agreement.milestones)]
    check_ins = agreement.results.check_ins if agreement.results is not None else None
    if not rows and check_ins is None:
        return []
    lines = ["## Who owes what to whom, by when"]
    if rows:
        lines += ["", "| What | Kind | Owner | For | Due | Delivered |", "| --- | --- | --- | --- | --- | --- |"]
        for _, _, _, kind, what, owner, recipients, due, delivered_on, delivered in sorted(rows):
            shown = _cell(delivered_on) if delivered_on else ("yes" if delivered else "not yet")
            lines.append(f"| {_cell(what)} | {kind} | {names.of(owner)} | {recipients} | {_cell(due)} | {shown} |")
    if check_ins is not None:
        lines += ["", "### Check-ins", ""]
        lines += _facts([("When", check_ins.cadence), ("How", check_ins.how)])
        if check_ins.dates:
            lines.append(f"- **Dates:** {', '.join(inline(entry.text) for entry in check_ins.dates)}")
    return lines


def _cell(value: str | None) -> str:
    return inline(value) if value is not None and value.strip() else EMPTY_CELL


# -- the celebration ---------------------------------------------------------------------------------------------


def _celebration(celebration: Celebration | None, names: _Names, deadline: str | None) -> list[str]:
    if celebration is None:
        return []
    lines = ["## The celebration"]
    if celebration.targets:
        lines += ["", "| Metric | Baseline | Target | To be measured on | Measured | Measured on | Outcome |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        lines += [_target_row(target, deadline) for target in celebration.targets]
        measured = [_measured_line(target, target.measured, names) for target in celebration.targets
                    if target.measured is not None]
        lines += ["", "How each result was measured:", "", *measured] if measured else []
    measurement = celebration.measurement
    facts: list[str] = []
    if measurement is not None:
        facts += _facts([("Results measured on", _resolved(measurement.on, deadline)),
                         ("Announced on", _resolved(measurement.communicated_on, deadline)), ("How", measurement.how)])
    if celebration.announcer:
        facts.append(f"- **Who announces:** {names.of(celebration.announcer)}")
    facts += _facts([("Failure means", celebration.failure_definition),
                     ("Accountability for a failure", celebration.failure_accountability)])
    lines += ["", *facts] if facts else []
    if celebration.credit:
        lines += ["", "### Credit", ""]
        lines += [f"- {names.of(credit.party)}{_share(credit.share)}{f': {inline(credit.how)}' if credit.how else ''}"
                  for credit in celebration.credit]
    if celebration.handoffs:
        lines += ["", "### Hand-offs", "", "| What | From | To | Due |", "| --- | --- | --- | --- |"]
        lines += [f"| {_cell(handoff.what)} | {names.of(handoff.giver)} | {names.of(handoff.receiver)} | "
                  f"{_cell(handoff.due)} |" for handoff in celebration.handoffs]
    return lines if len(lines) > 1 else []


def _resolved(day: str | None, deadline: str | None) -> str | None:
    """A day as written, or, where it is written relative to the outcome deadline (``deadline + 4 days``), the
    calendar day it resolves to, with the relative form in brackets; as written when it does not resolve."""
    resolved = day_of(day, deadline)
    if day is None or resolved is None or resolved.isoformat() == day.strip():
        return day
    return f"{resolved.isoformat()} ({day})"


def _target_row(target: Target, deadline: str | None) -> str:
    """One target: the planned day of its measurement and, once a value is recorded, the value and the day it was
    measured, in columns of their own, so a planned day never reads as a measurement."""
    unit = f" {inline(target.unit)}" if target.unit else ""
    value = measured_value(target)
    measured_on = target.measured.on if target.measured is not None and value is not None else None
    planned = _resolved(target.measured_on, deadline)
    return (f"| {_cell(target.metric or target.id)} | {_number(target.baseline, unit)} | "
            f"{_number(target.target, unit)} | {_cell(planned)} | {_number(value, unit)} | "
            f"{_cell(measured_on)} | {OUTCOME_MARKS[outcome_of(target)]} |")


def _measured_line(target: Target, measured: Measured, names: _Names) -> str:
    parts = [f"by {names.of(measured.by)}" if measured.by else None,
             f"on {inline(measured.on)}" if measured.on else None,
             f"from {inline(measured.source)}" if measured.source else None]
    said = " ".join(part for part in parts if part) or "recorded"
    note = f" Note: {inline(measured.note)}" if measured.note else ""
    return f"- **{inline(target.metric or target.id or 'A target')}:** {said}.{note}"


def _number(value: Number | None, unit: str) -> str:
    return EMPTY_CELL if value is None else f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}"


def _share(share: Number | None) -> str:
    return "" if share is None else f" ({_number(share, '%')})"


# -- the relationship --------------------------------------------------------------------------------------------


def _relationship(relationship: Relationship | None) -> list[str]:
    if relationship is None:
        return []
    paragraphs = [(label, value) for label, value in [
        ("Routine information", relationship.routine),
        ("Early warnings", relationship.alerts),
        ("Surprises", relationship.surprises),
        ("Disagreeing", relationship.disagreement),
        ("How we speak of each other on good days", relationship.talk_good_days),
        ("How we speak of each other on bad days", relationship.talk_bad_days),
        ("Time together", relationship.time_together),
        ("What we share of our lives", relationship.personal),
        ("Setbacks", relationship.setbacks),
    ] if value is not None and value.strip()]
    lines: list[str] = []
    for label, value in paragraphs:
        lines += [f"**{label}.** {prose(value)}", ""]
    lines += _listed("What could hurt the partnership", relationship.triggers)
    for imbalance in relationship.imbalances:
        if imbalance.imbalance:
            response = f" What we do: {inline(imbalance.response)}" if imbalance.response else ""
            lines += [f"**An imbalance to expect.** {inline(imbalance.imbalance)}{response}", ""]
    lines += _listed("What we may share, and with whom", relationship.may_share)
    lines += _listed("What we do not share", relationship.may_not_share)
    lines += _listed("Also", relationship.other)
    return ["## How we work together", "", *lines] if lines else []


def _listed(label: str, entries: Sequence[Text]) -> list[str]:
    if not entries:
        return []
    return [f"**{label}:**", "", *(f"- {inline(entry.text)}" for entry in entries), ""]


# -- reservations and renegotiation ------------------------------------------------------------------------------


def _reservations(relationship: Relationship | None) -> list[str]:
    if relationship is None:
        return []
    lines: list[str] = []
    if relationship.reservations:
        lines += ["", "### Reservations", ""]
        for reservation in relationship.reservations:
            watch = f" How it is watched: {inline(reservation.monitoring)}" if reservation.monitoring else ""
            lines.append(f"- {_cell(reservation.concern)}{watch}")
    if relationship.renegotiation_signals or relationship.renegotiation_how:
        lines += ["", "### When we renegotiate", ""]
        lines += [f"- {inline(signal.text)}" for signal in relationship.renegotiation_signals]
        if relationship.renegotiation_how:
            lines += ["", f"**How it starts.** {prose(relationship.renegotiation_how)}"]
    return ["## Reservations and renegotiation", *lines] if lines else []


# -- consent -----------------------------------------------------------------------------------------------------


def _consent(panel: ConsentPanel, names: _Names) -> list[str]:
    lines = ["## Consent", ""]
    if panel.note is not None:
        return [*lines, inline(short_digests(panel.note[:1].upper() + panel.note[1:])) + "."]
    if panel.digest:
        lines += [f"The current terms have the digest `{_code(panel.digest)}`.", ""]
    if not panel.rows:
        return [*lines, "No party is listed."]
    lines += ["| Party | Consent | Since | Why |", "| --- | --- | --- | --- |"]
    lines += [_consent_row(row, names) for row in panel.rows]
    for row in (row for row in panel.rows if row.changes):
        lines += ["", f"**Changed since {names.of(row.party)} consented:**", ""]
        lines += [f"- {inline(change)}" for change in row.changes]
    return lines


def _consent_row(row: ConsentRow, names: _Names) -> str:
    state = STATE_MARKS.get(row.state, inline(row.state)) + (" (removed)" if row.removed else "")
    since = row.since.isoformat() if row.since is not None else EMPTY_CELL
    return f"| {names.of(row.party)} | {state} | {since} | {inline(short_digests(row.reason))} |"
