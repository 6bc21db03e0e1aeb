"""The people roster: who may be a party, under which id, with which identities, and who has left.

A repository may keep one YAML file listing its people (named by ``people:`` in the configuration):

    people:
      - id: maria
        name: Maria Chen
        email: maria.chen@example.com
        handle: mchen
        keys: ["ssh-ed25519 AAAA... maria"]   # optional: SSH keys for consent signatures
      - id: sam
        name: Sam Okafor
        status: gone          # left the organisation: cannot keep new promises

Rules then check every agreement's parties against it. Consent uses it too: with ``agreed consent check --base REV``
the roster as it was at REV is what vouches for a party that the base version of an agreement does not know (a
party added in the change, or every party of an agreement the change creates): its email, handle and keys.

A roster the configuration names is read as every input is (:mod:`agreed.reading`): one that cannot be used is an
error at the ``people:`` setting with the reader's reason (no such file, is a directory, is a named pipe...), for lint
and consent alike. It must lie inside the repository that holds the configuration (symbolic links followed): a roster
elsewhere is not versioned with the agreements, so the consent gate could not read it as it was at the base revision.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agreed.codes import CONFIG_ERROR
from agreed.document import load_document
from agreed.errors import AgreedError
from agreed.problem import Problem, Severity
from agreed.reading import Unreadable, read_file

ACTIVE = "active"
GONE = "gone"

_ID = {"type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$"}
ROSTER_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "required": ["people"],
    "additionalProperties": False,
    "properties": {
        "people": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name"],
                "additionalProperties": False,
                "patternProperties": {"^x-": {}},
                "properties": {
                    "id": _ID,
                    "name": {"type": "string", "minLength": 1},
                    "email": {"type": "string", "minLength": 3},
                    "handle": {"type": "string", "pattern": "^@?[A-Za-z0-9][A-Za-z0-9-]*$"},
                    "status": {"enum": [ACTIVE, GONE]},
                    "keys": {"type": "array", "items": {"type": "string", "pattern": "^(ssh|ecdsa|sk)-"}},
                    "note": {"type": "string"},
                },
            },
        },
    },
}


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    email: str | None = None
    handle: str | None = None
    gone: bool = False
    note: str | None = None
    keys: tuple[str, ...] = ()  # SSH public keys: with `agreed consent --base`, trusted for this person


@dataclass(frozen=True, slots=True)
class Roster:
    """The people of a repository by id, and the file they came from."""

    path: str
    people: Mapping[str, Person]
    fingerprint: str = ""  # sha256 of the roster file's bytes: caches of results that used it are keyed by it


class RosterError(AgreedError):
    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("; ".join(f"{p.path}:{p.line}:{p.col}: {p.message}" for p in problems))
        self.problems = problems


class RosterSettingError(RosterError):
    """The roster the configuration names cannot be used at all (outside the repository, or not readable): the
    problem stands at the ``people:`` setting, not in the roster."""


OUTSIDE_REPOSITORY = ("is outside the repository: keep the roster in the repository with the agreements (the consent "
                      "gate reads it as it was at the base revision)")


@dataclass(frozen=True, slots=True)
class RosterSetting:
    """Where a configuration names the roster (``people:``): the configuration as shown, line and column."""

    path: str
    line: int
    col: int

    def refusal(self, roster: str, reason: str) -> RosterSettingError:
        """The error for the roster shown as ``roster``, which cannot be used for ``reason``."""
        return RosterSettingError((Problem(self.path, self.line, self.col, CONFIG_ERROR, Severity.ERROR,
                                           f"people: the roster {roster}: {reason}"),))


def load_named_roster(path: Path, shown: str, setting: RosterSetting, root: Path | None) -> Roster:
    """The roster the configuration names at ``setting``, read from ``path`` (shown as ``shown``). Raises
    :class:`RosterSettingError` when it lies outside the repository ``root`` (None: not in a repository) or cannot be
    read (with the reader's reason), :class:`RosterError` with its own problems when it does not validate.

    The reader comes first, so a folder, a pipe or a device is named as such wherever it is (it refuses them without
    reading); a file it could read is then refused when it lies outside the repository."""
    raw = read_file(path)
    if isinstance(raw, Unreadable):
        raise setting.refusal(shown, raw.reason)
    if root is not None and not _below(path, root):
        raise setting.refusal(shown, OUTSIDE_REPOSITORY)
    return parse_roster(raw, shown)


def _below(path: Path, root: Path) -> bool:
    """Whether ``path``, links followed (a loop or a missing file is left to the reader to explain), is ``root`` or
    below it."""
    real = os.path.realpath(path)
    top = os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def load_roster(path: Path, shown: str) -> Roster:
    """Read and validate a roster; raises RosterError with positioned problems."""
    raw = read_file(path)
    if isinstance(raw, Unreadable):
        raise RosterError((Problem(shown, 1, 1, CONFIG_ERROR, Severity.ERROR,
                                   f"cannot read the people roster: {raw.detail}"),))
    return parse_roster(raw, shown)


def parse_roster(raw: bytes, shown: str) -> Roster:
    """Validate the roster in ``raw`` (named ``shown`` in problems); raises RosterError with positioned problems."""
    document = load_document(raw, shown)
    problems = list(document.problems)
    if document.data is not None:
        from agreed.schema import explain_violations

        problems += explain_violations(document, ROSTER_SCHEMA, CONFIG_ERROR)
    if problems:
        raise RosterError(tuple(problems))
    people: dict[str, Person] = {}
    for index, entry in enumerate(document.data["people"]):
        if entry["id"] in people:
            line, col = document.position(("people", index, "id"))
            problems.append(Problem(shown, line, col, CONFIG_ERROR, Severity.ERROR,
                                    f"people[{index}].id: {entry['id']!r} is listed twice"))
        people[entry["id"]] = Person(entry["id"], entry["name"], entry.get("email"), entry.get("handle"),
                                     entry.get("status") == GONE, entry.get("note"), tuple(entry.get("keys", ())))
    if problems:
        raise RosterError(tuple(problems))
    return Roster(shown, people, hashlib.sha256(raw).hexdigest())
