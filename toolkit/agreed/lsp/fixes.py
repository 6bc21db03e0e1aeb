"""The mechanical fixes the editor offers: a suppression comment for a finding (with a reason to write), a date
written in words or digits turned into the ISO day it can only mean, and a party id renamed everywhere it is named.

Each is an edit of the text (:class:`Edit`); what is not mechanical (rewording a vague deliverable, choosing an owner)
is not offered.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

from agreed.document import Document
from agreed.lint.suppressions import REASON_PROMPT, Scope
from agreed.lsp.guidance import guide
from agreed.lsp.navigation import Range, party_mentions, problem_range, span_range
from agreed.lsp.places import ITEM, Step, tokens
from agreed.problem import Problem
from agreed.record import Record

_MONTHS: Final = {name: number for number, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")), start=1) for name in names}
_DAY_MONTH_YEAR = re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})")
_MONTH_DAY_YEAR = re.compile(r"(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})")
_NUMERIC = re.compile(r"(?P<first>\d{1,2})[/.](?P<second>\d{1,2})[/.](?P<year>\d{4})")
_YEAR_FIRST = re.compile(r"(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})")


class Edit(Record):
    """Replace the text in ``range`` with ``text`` (an empty range inserts)."""

    range: Range
    text: str


def suppression(lines: Sequence[str], problem: Problem) -> Edit:
    """A ``disable-next-line`` comment for ``problem``'s rule above the line whose key holds the finding (the key's
    line, so that a value written over several lines is covered whole), with :data:`REASON_PROMPT` as its reason."""
    line = _key_line(lines, problem.line - 1, problem.col - 1)
    text = lines[line] if line < len(lines) else ""
    indent = text[: len(text) - len(text.lstrip(" "))]
    comment = f"{indent}# agreed: {Scope.NEXT_LINE.value}={problem.rule} -- {REASON_PROMPT}\n"
    return Edit(Range(line, 0, line, 0), comment)


def _key_line(lines: Sequence[str], line: int, col: int) -> int:
    """The line of the key (or list item) whose value the position at ``line`` and ``col`` lies in."""
    for above in range(min(line, len(lines) - 1), -1, -1):
        found = tokens(lines[above])
        if found and found[0].col <= col:
            return above
    return line


def iso_day(text: str) -> str | None:
    """The ISO day that ``text`` can only mean ("31 March 2031", "March 31, 2031", "31/03/2031", "2031/3/31"), or
    None: not a day, or a numeric day that reads as two ("1/3/2031")."""
    written = " ".join(text.strip().lower().split())
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.fullmatch(written)
        if match is not None and match.group("month") in _MONTHS:
            return _day(int(match.group("year")), _MONTHS[match.group("month")], int(match.group("day")))
    match = _YEAR_FIRST.fullmatch(written)
    if match is not None:
        return _day(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    match = _NUMERIC.fullmatch(written)
    if match is None:
        return None
    first, second, year = int(match.group("first")), int(match.group("second")), int(match.group("year"))
    readings = {day for day in (_day(year, second, first), _day(year, first, second)) if day is not None}
    return readings.pop() if len(readings) == 1 else None


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_days(document: Document) -> Iterator[tuple[Edit, str]]:
    """For each date field written as a day in words or digits with one meaning: the edit to its ISO form, and the
    text it replaces."""
    places = guide().date_places
    for path, span in document.values.items():
        value = document.value_at(path)
        if not isinstance(value, str) or _steps(path) not in places:
            continue
        day = iso_day(value)
        if day is not None and day != value:
            yield Edit(span_range(document, span), day), value


def rename_party(document: Document, old: str, new: str) -> list[Edit]:
    """Every place ``old`` is written as a party's id (its definition and where it is named), written ``new``."""
    return [Edit(where, new) for where in party_mentions(document, old)]


def _steps(path: tuple[str | int, ...]) -> tuple[Step, ...]:
    return tuple(ITEM if isinstance(step, int) else step for step in path)


def consent_folder_of(file: Path, agreement_id: str | None, party_id: str) -> Path | None:
    """The folder of ``party_id``'s consent records beside the agreement ``file``, when there is one: a rename leaves
    it as it is (the records name the party that consented), so the editor warns of it."""
    from agreed.consent.ledger import ledger_folder
    from agreed.schema import is_valid_id

    if agreement_id is None or not is_valid_id(agreement_id):
        return None

    folder = ledger_folder(file, agreement_id) / party_id
    return folder if folder.is_dir() else None


def missing_sections(document: Document, lines: Sequence[str]) -> list[tuple[str, Edit]]:
    """For each top-level section the agreement's status requires and the agreement lacks: its name and the edit that
    adds the template's section (with its guiding comments) at the end of the agreement."""
    status = document.value_at(("status",))
    data = document.data if isinstance(document.data, dict) else {}
    required = [entry.key for steps, entry in guide().entries.items()
                if len(steps) == 1 and status in entry.required_in and entry.key not in data]
    if not required:
        return []
    blocks = _template_sections()
    last = len(lines) - 1 if lines else 0
    end = Range(last, len(lines[last]) if lines else 0, last, len(lines[last]) if lines else 0)
    return [(key, Edit(end, "\n\n" + blocks[key].rstrip("\n"))) for key in required if key in blocks]


def _template_sections() -> dict[str, str]:
    """The template's top-level sections by key, each with the comment lines above it."""
    from agreed.schema import template_path

    lines = template_path().read_text(encoding="utf-8").splitlines()
    starts = [(number, token.key) for number, line in enumerate(lines)
              for token in tokens(line)[:1] if token.col == 0 and token.key is not ITEM]
    firsts = [_with_comments_above(lines, number) for number, _ in starts]
    return {str(key): "\n".join(lines[first:end]).rstrip("\n") + "\n"
            for (_, key), first, end in zip(starts, firsts, [*firsts[1:], len(lines)], strict=True)}


def _with_comments_above(lines: Sequence[str], number: int) -> int:
    while number > 0 and lines[number - 1].startswith("#"):
        number -= 1
    return number


def missing_party_ids(document: Document) -> list[tuple[str, Edit]]:
    """For each party written as a block mapping with a name and no id: the id its name gives (lower case, words
    joined by ``-``, made unique) and the edit that writes it as the party's first key."""
    from agreed.agreement import agreement_of
    from agreed.schema import is_valid_id

    agreement = agreement_of(document)
    taken = set(agreement.party_ids)
    found: list[tuple[str, Edit]] = []
    for party in agreement.parties:
        span = document.values.get(party.path)
        if party.id is not None or not party.name or span is None or document.source[span.start:span.start + 1] == "{":
            continue
        base = re.sub(r"[^a-z0-9]+", "-", party.name.lower()).strip("-")[:60] or "party"
        new = next(f"{base}{suffix}" for suffix in ("", *(f"-{n}" for n in range(2, 1000)))
                   if f"{base}{suffix}" not in taken)
        if not is_valid_id(new):
            continue
        taken.add(new)
        found.append((new, Edit(Range(span.line, span.col, span.line, span.col), f"id: {new}\n{' ' * span.col}")))
    return found


class Fix(Record):
    """One quick fix: what the editor shows, its edit, and the finding it answers (None for one it offers itself)."""

    title: str
    edit: Edit
    problem: Problem | None = None


def fixes_in(document: Document, lines: Sequence[str], problems: Sequence[Problem], wanted: Range) -> list[Fix]:
    """The fixes for what lies in ``wanted``: a suppression for each suppressible finding there, the sections the
    status requires (where their absence is reported, the start of the top-level mapping, or on ``status``), an id
    for a party that has none, an ISO day for a date written otherwise."""
    found = [Fix(f"Suppress {problem.rule} here (write the reason)", suppression(lines, problem), problem)
             for problem in problems
             if _overlaps(problem_range(lines, problem), wanted) and _suppressible(problem.rule)]
    top = document.position(())[0] - 1  # where a key missing from the top-level mapping is reported
    if wanted.line <= top <= wanted.end_line or any(
            lines[number].startswith("status:") for number in range(wanted.line, min(wanted.end_line + 1, len(lines)))):
        found += [Fix(f"Add the template's {key} section", edit) for key, edit in missing_sections(document, lines)]
    found += [Fix(f"Give this party the id {party_id}", edit) for party_id, edit in missing_party_ids(document)
              if wanted.line <= edit.range.line <= wanted.end_line + 1]
    found += [Fix(f"Write {written!r} as {edit.text}", edit) for edit, written in iso_days(document)
              if _overlaps(edit.range, wanted)]
    return found


def _overlaps(one: Range, other: Range) -> bool:
    return (one.end_line, one.end_character) >= (other.line, other.character) and (
        (one.line, one.character) <= (other.end_line, other.end_character))


def _suppressible(code: str) -> bool:
    from agreed.lint.rules import find_rule

    rule = find_rule(code)
    return rule is not None and rule.suppressible
