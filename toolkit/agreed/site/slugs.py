"""Safe, stable file names for the pages of agreements and people, whatever text their ids hold.

A name is the id folded to lower-case ASCII letters, digits and hyphens (accents dropped, every other run of
characters one hyphen, at most :data:`LONGEST` characters), so it is the same on every file system, case-insensitive
ones included, and needs no escaping in a link. An id with nothing left (``"???"``, a script of its own) is named
``item``. Names that would collide (two ids that fold alike, ``Q1 plan`` and ``q1-plan``), and names a file system
reserves (``con``, ``nul`` ...), each get a short hash of what they name appended, lengthened until every name is
unique: the result depends only on the set of keys, never on their order.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

LONGEST = 60  # characters of the folded id kept: file names stay well below every file system's limit
EMPTY = "item"
_NOT_ALLOWED = re.compile(r"[^a-z0-9]+")
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
_HASH_LENGTHS = (8, 12, 16, 24, 32, 64)


def fold(text: str) -> str:
    """``text`` as lower-case ASCII letters, digits and single hyphens, at most :data:`LONGEST` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = _NOT_ALLOWED.sub("-", ascii_text.lower()).strip("-")
    return folded[:LONGEST].rstrip("-") or EMPTY


def unique_names(keys: Mapping[str, str]) -> dict[str, str]:
    """A unique name for each key: ``keys`` maps a key (unique: a path, an id) to the text the name is made of (an
    agreement's id, a person's id). Keys whose folded text is shared or reserved get a hash of the key appended."""
    plain = {key: fold(text) for key, text in keys.items()}
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for key, name in plain.items():
        groups[name].append(key)
    hashed = sorted(key for name, members in groups.items() if len(members) > 1 or name in _RESERVED
                    for key in members)
    fixed = {key: name for key, name in plain.items() if key not in set(hashed)}
    for length in _HASH_LENGTHS:
        names = {key: f"{plain[key]}-{_hash(key)[:length]}" for key in hashed}
        if _all_distinct(list(fixed.values()) + list(names.values())):
            return {**fixed, **names}
    raise ValueError("cannot name the pages apart")  # two keys with the same sha-256: not expected in this world


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", errors="surrogatepass")).hexdigest()


def _all_distinct(names: Iterable[str]) -> bool:
    listed = list(names)
    return len(set(listed)) == len(listed)
