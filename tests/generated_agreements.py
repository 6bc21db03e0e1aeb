"""Generated agreements: N realistic variants of the shipped contracts, for benchmarks and for tests that compare
outputs at scale (deterministic for a seed).

Each copy of a shipped agreement (round-robin over ``contracts/``, not the template) gets a new ``id`` and title,
renamed parties (new ids, substituted everywhere they are referenced, new names, e-mail addresses and handles), every
date shifted by the same whole number of weeks (0 to 3 years, so the order of dates is kept), and 0 to 4 extra
deliverables copied from existing ones; it is written with ruamel.yaml in round-trip mode, so comments and layout stay
as in the originals.
"""

from __future__ import annotations

import copy
import datetime
import random
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

CONTRACTS = Path(__file__).resolve().parents[1] / "contracts"
SEED = 20310106

FIRST_NAMES = (
    "Amara",
    "Bjorn",
    "Chiara",
    "Dmitri",
    "Esi",
    "Farid",
    "Greta",
    "Hiroshi",
    "Ines",
    "Jonas",
    "Kavya",
    "Luca",
    "Mei",
    "Nadia",
    "Omar",
    "Paula",
    "Quentin",
    "Rosa",
    "Sven",
    "Tariq",
    "Ulla",
    "Vikram",
)
LAST_NAMES = (
    "Abebe",
    "Berg",
    "Costa",
    "Dubois",
    "Eze",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okonkwo",
    "Petrov",
    "Rossi",
    "Silva",
    "Tanaka",
    "Weber",
)


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: keeps comments, key order and block styles of the shipped files
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _shipped(contracts: Path = CONTRACTS) -> list[tuple[Path, str]]:
    sources = sorted(path for path in contracts.glob("*.yaml") if not path.name.startswith("_"))
    if not sources:
        raise SystemExit(f"bench_lint: no shipped contracts in {contracts}")
    return [(path, path.read_text(encoding="utf-8")) for path in sources]


def _rewrite(node: Any, renamed: dict[str, str], shift: datetime.timedelta) -> Any:
    """Party ids renamed wherever they are referenced; every date shifted by the same amount."""
    if isinstance(node, CommentedMap):
        for key in list(node):
            node[key] = _rewrite(node[key], renamed, shift)
        return node
    if isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            node[index] = _rewrite(item, renamed, shift)
        return node
    if isinstance(node, datetime.date) and not isinstance(node, datetime.datetime):
        return node + shift
    if isinstance(node, str) and node in renamed:
        return renamed[node]
    return node


def _mutate(data: CommentedMap, index: int, rng: random.Random) -> CommentedMap:
    data["id"] = f"{data['id']}-{index:04d}"
    data["title"] = f"{data['title']} ({rng.choice(('north', 'south', 'east', 'west', 'central'))} {index})"
    renamed: dict[str, str] = {}
    for party in data.get("parties") or []:
        old = party.get("id")
        if not isinstance(old, str):
            continue
        new = f"{old}-{index}"
        renamed[old] = new
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if "name" in party:
            party["name"] = f"{first} {last}"
        if "email" in party:
            party["email"] = f"{first}.{last}.{index}@example.com".lower()
        if "handle" in party:  # a new person gets a handle of their own (else K905 reports a shared identity)
            party["handle"] = f"{first[0]}{last}{index}".lower()
    # Shift every date by whole weeks (0 to 3 years later): the relations between dates are kept.
    _rewrite(data, renamed, datetime.timedelta(weeks=rng.randrange(0, 156)))
    results = data.get("results")
    deliverables = results.get("deliverables") if isinstance(results, CommentedMap) else None
    if isinstance(deliverables, CommentedSeq) and deliverables:
        originals = list(deliverables)
        for extra in range(rng.randrange(0, 5)):  # 0 to 4 extra deliverables, copies of existing ones
            clone = copy.deepcopy(rng.choice(originals))
            if isinstance(clone, CommentedMap) and "id" in clone:
                clone["id"] = f"{clone['id']}-extra-{extra + 1}"
            deliverables.append(clone)
    return data


def generate(count: int, folder: Path, seed: int = SEED, contracts: Path = CONTRACTS) -> list[Path]:
    """``count`` agreements in ``folder``, derived round-robin from the agreements in ``contracts`` (the shipped
    ones by default); deterministic."""
    rng = random.Random(seed)
    yaml = _yaml()
    shipped = _shipped(contracts)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for index in range(count):
        source, text = shipped[index % len(shipped)]
        data = _mutate(yaml.load(text), index, rng)
        target = folder / f"{source.stem}-{index:04d}.yaml"
        with target.open("w", encoding="utf-8") as stream:
            yaml.dump(data, stream)
        files.append(target)
    return files
