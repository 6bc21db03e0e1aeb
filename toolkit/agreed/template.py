"""A new agreement from the shipped template, with comments and layout kept (a YAML round-trip)."""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agreed.schema import is_valid_id, template_path
from agreed.yaml_io import round_trip_dump, round_trip_load


@dataclass(frozen=True, slots=True)
class NewParty:
    id: str
    name: str


def parse_party(text: str) -> NewParty:
    """``maria`` or ``maria=Maria Chen``; raises ValueError for an invalid id."""
    party_id, _, name = text.partition("=")
    party_id = party_id.strip()
    if not is_valid_id(party_id):
        raise ValueError(f"party id {party_id!r} is not valid: use lower-case letters, digits, '.', '_' or '-'")
    return NewParty(party_id, name.strip() or party_id)


FILE_SUFFIXES = (".yaml", ".yml")


def _check_agreement_id(agreement_id: str) -> None:
    """ValueError for an id that is not valid, or that looks like a file name (the file is named after the id)."""
    name = agreement_id.replace("\\", "/").rsplit("/", 1)[-1]
    stem, suffix = os.path.splitext(name)
    file_like = suffix.lower() in FILE_SUFFIXES
    if name != agreement_id or file_like:
        suggestion = stem if file_like else name
        raise ValueError(f"{agreement_id!r} is a file name, not an agreement id: the file is named after the id "
                         f"(try 'agreed new {suggestion}', which writes {suggestion}.yaml; --dir chooses the folder)")
    if not is_valid_id(agreement_id):
        raise ValueError(f"agreement id {agreement_id!r} is not valid: use lower-case letters, digits, '.', '_' "
                         "or '-' (at most 64 characters)")


SCHEMA_IN_REPOSITORY = "schema/agreement.schema.json"
"""Where ``agreed init`` puts the schema in a repository, which the editors' modeline points at."""
_MODELINE = re.compile(r"^(# yaml-language-server: \$schema=)\S*", re.MULTILINE)


def schema_link(folder: Path, root: Path) -> str:
    """The schema of the repository at ``root`` as a link from an agreement in ``folder``, for the modeline."""
    return Path(os.path.relpath(os.path.abspath(root / SCHEMA_IN_REPOSITORY), os.path.abspath(folder))).as_posix()


def new_agreement(agreement_id: str, title: str, parties: Sequence[NewParty],
                  schema: str = f"../{SCHEMA_IN_REPOSITORY}") -> str:
    """The template's text with id, title and parties filled in, and its modeline linking to ``schema`` (relative to
    the agreement's folder); everything else left for the partners."""
    party_ids = [party.id for party in parties]
    repeated = sorted({party_id for party_id in party_ids if party_ids.count(party_id) > 1})
    if repeated:
        raise ValueError(f"party id {', '.join(map(repr, repeated))} is given more than once")
    _check_agreement_id(agreement_id)
    with template_path().open(encoding="utf-8") as stream:
        data: Any = round_trip_load(stream)
    data["id"] = agreement_id
    data["title"] = title
    data["status"] = "draft"
    samples = list(data["parties"])
    data["parties"].clear()
    for index, party in enumerate(parties):
        entry = copy.deepcopy(samples[min(index, len(samples) - 1)])
        entry["id"] = party.id
        entry["name"] = party.name
        data["parties"].append(entry)
    return _MODELINE.sub(lambda found: found.group(1) + schema, round_trip_dump(data), count=1)
