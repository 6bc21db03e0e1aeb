"""The part of an agreement's page that git tells: its renegotiation timeline (every version, what kind of change it
made and what changed) and the consent events (who consented to which version of the terms, when).

Which version a consent was given to is found by digest: the oldest committed version whose terms have the digest
the record names (:func:`agreed.consent.digest.digest` of its data), else the work tree's uncommitted terms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from agreed.consent.digest import digest
from agreed.consent.ledger import ConsentRecord
from agreed.history.timeline import Entry, Timeline
from agreed.history.versions import VersionLoader
from agreed.render.markdown import DIGEST_SHOWN, short_digests
from agreed.report.timeline.base import entry_kind, entry_lines
from agreed.site.markup import table, text

SHORT = 7
BRIEF = 4  # changes named per version in the timeline's table


@dataclass(frozen=True, slots=True)
class ConsentEvent:
    """One party's consent: to which digest, when, and the version that had those terms (a short commit and its
    day; ``"uncommitted"`` for the work tree's terms; empty when no version had them)."""

    party: str
    digest: str
    at: str
    version: str
    current: bool
    counts: str = ""  # for a record of the current terms: whether the consent status counts it, and if not why


def versions_by_digest(timeline: Timeline, loader: VersionLoader, wanted: set[str]) -> dict[str, Entry]:
    """The oldest version of ``timeline`` whose terms have each digest of ``wanted`` (those found)."""
    found: dict[str, Entry] = {}
    for entry in timeline.entries:
        if not wanted - found.keys():
            break
        parsed = loader.load(entry.version.blob, entry.version.path)
        if isinstance(parsed.data, Mapping):
            found.setdefault(digest(parsed.data), entry)
    return {key: entry for key, entry in found.items() if key in wanted}


def consent_events(records: Sequence[ConsentRecord], by_digest: Mapping[str, Entry], current: str | None,
                   names: Mapping[str, str],
                   standing: Mapping[str, tuple[str, str]] | None = None) -> list[ConsentEvent]:
    """The records as events, oldest first (then by party). ``standing``: each party's consent state and reason
    from the consent status (:mod:`agreed.consent.status`), so that a record of the current terms whose evidence
    does not count (committed by someone else, say) is not shown as consent given."""
    events = []
    for record in sorted(records, key=lambda record: (record.signed_at, record.party, record.digest)):
        entry = by_digest.get(record.digest)
        if entry is not None:
            version = f"{entry.version.commit[:SHORT]} ({entry.version.date.date().isoformat()})"
        else:
            version = "uncommitted" if record.digest == current else ""
        is_current = record.digest == current
        events.append(ConsentEvent(names.get(record.party, record.party), record.digest,
                                   record.signed_at.strftime("%Y-%m-%d %H:%M UTC"), version, is_current,
                                   _counts(record.party, standing) if is_current else ""))
    return events


def _counts(party: str, standing: Mapping[str, tuple[str, str]] | None) -> str:
    if standing is None or party not in standing:
        return "unknown (no consent status)"
    state, reason = standing[party]
    return "yes" if state == "valid" else f"no: {reason}"


def timeline_markdown(timeline: Timeline | None, note: str) -> list[str]:
    """The "Renegotiation timeline" section: ``note`` says why there is none, or what limits it."""
    out = ["## Renegotiation timeline", ""]
    if note:
        out += [f"*{text(note)}*", ""]
    if timeline is None:
        return out
    if not timeline.entries:
        return [*out, "No committed versions yet.", ""]
    material = sum(entry.material for entry in timeline.entries)
    count = len(timeline.entries)
    out += [f"{count} version{'s' * (count != 1)}, {material} with material changes (those need fresh consent), "
            "newest first.", ""]
    rows = [[entry.version.date.date().isoformat(), f"`{entry.version.commit[:SHORT]}`", text(entry.version.author),
             entry_kind(entry), text(_brief(entry)), text(entry.version.subject)]
            for entry in reversed(timeline.entries)]
    return [*out, *table(["Day", "Version", "Author", "Kind", "What changed", "Commit message"], rows), ""]


def _brief(entry: Entry) -> str:
    lines = [line for _, line in entry_lines(entry)]
    more = f"; and {len(lines) - BRIEF} more" if len(lines) > BRIEF else ""
    return "; ".join(lines[:BRIEF]) + more


def consent_markdown(events: Sequence[ConsentEvent], note: str) -> list[str]:
    """The "Consent given" section: every record of the ledger, oldest first."""
    out = ["## Consent given", ""]
    if note:
        return [*out, f"*{text(note)}*", ""]
    if not events:
        return [*out, "No party has recorded consent yet.", ""]
    rows = [[text(event.party), text(event.at), f"`{text(event.digest.removeprefix('sha256:')[:DIGEST_SHOWN])}`",
             text(event.version or "no committed version has these terms"),
             "yes" if event.current else "no (older terms)",
             text(short_digests(event.counts)) if event.current else "—"]
            for event in events]
    return [*out, *table(["Party", "When", "Terms (digest)", "Version", "For the current terms", "Counts now"], rows),
            ""]
