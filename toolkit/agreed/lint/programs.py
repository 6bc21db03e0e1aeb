"""Compiled regular expressions kept between runs: one authenticated entry in the user's cache folder.

The text rules compile a few hundred expressions on first use, most of a one-file lint's time. Their programs depend
on the interpreter build alone (:func:`agreed.text.patterns.program_format`), not on a repository or an agreement,
so they live in the user's cache folder itself, beside the key, and every repository's runs share them. The entry is
a :class:`~agreed.cache.JsonFiles` entry: a forged, damaged or foreign one is a miss, and the expressions are then
compiled as without it. It holds at most :data:`MAX_PROGRAMS` programs; past that it starts again with the new ones
(expressions of older versions of the rules are never used again).
"""

from __future__ import annotations

import base64
import binascii
import os
import zlib
from collections.abc import Callable, Mapping

from agreed.cache import CacheFolder, JsonFiles, content_entry
from agreed.text.patterns import Program, ProgramKey, keep_programs, new_programs, program_format

FOLDER = "programs"  # below the user's cache folder
MAX_PROGRAMS = 2000  # several versions of the rules' expressions (about 300 each)
# How a program's words are written: compressed to about a quarter, the entry (over 1 MB of words otherwise: case-blind
# letter trees make programs of thousands of words) is read, authenticated and parsed in less time than it saves.
_WORDS = "zlib"


def keep_programs_in(folder: CacheFolder) -> Callable[[], None]:
    """Rebuild the expressions compiled in earlier runs from the programs kept in ``folder``; the function returned
    stores the programs this run made (call it once the run is over; it does nothing when there are none)."""
    form = program_format()
    if form is None:
        return lambda: None
    files = JsonFiles(folder)
    entry = content_entry(os.path.join(folder.path, FOLDER), ["compiled expressions", _WORDS, form], b"")
    keep_programs(lambda: decode(files.read(entry), form))

    def store() -> None:
        made = new_programs()
        if made:  # two runs storing at once: the last one's programs win; the others are compiled again later
            files.write(entry, encode(_merged(decode(files.read(entry), form), made), form))

    return store


def _merged(stored: Mapping[ProgramKey, Program], made: Mapping[ProgramKey, Program]) -> dict[ProgramKey, Program]:
    return {**stored, **made} if len(stored) + len(made) <= MAX_PROGRAMS else dict(made)


def encode(programs: Mapping[ProgramKey, Program], form: str) -> dict[str, object]:
    """The JSON value of an entry: the format the programs belong to and one row per program."""
    rows = [
        [
            source,
            flags,
            program.flags,
            base64.b64encode(zlib.compress(program.code)).decode("ascii"),
            program.groups,
            program.groupindex,
            list(program.indexgroup),
        ]
        for (source, flags), program in programs.items()
    ]
    return {"format": form, "programs": rows}


def decode(value: object, form: str) -> dict[ProgramKey, Program]:
    """The programs of an entry's JSON value; none when it is not an entry of this format or a row is malformed."""
    if not isinstance(value, dict) or value.get("format") != form or not isinstance(value.get("programs"), list):
        return {}
    programs: dict[ProgramKey, Program] = {}
    for row in value["programs"]:
        decoded = _row(row)
        if decoded is None:
            return {}
        programs[decoded[0]] = decoded[1]
    return programs


def _row(row: object) -> tuple[ProgramKey, Program] | None:
    if not isinstance(row, list) or len(row) != 7:
        return None
    source, flags, program_flags, code, groups, groupindex, indexgroup = row
    if not (isinstance(source, str) and _ints(flags, program_flags, groups) and isinstance(code, str)):
        return None
    if not (isinstance(groupindex, dict) and isinstance(indexgroup, list)):
        return None
    if not all(isinstance(name, str) and _ints(index) for name, index in groupindex.items()):
        return None
    if not all(name is None or isinstance(name, str) for name in indexgroup):
        return None
    try:
        words = zlib.decompress(binascii.a2b_base64(code, strict_mode=True))
    except (binascii.Error, ValueError, zlib.error):
        return None
    return (source, flags), Program(program_flags, words, groups, groupindex, tuple(indexgroup))


def _ints(*values: object) -> bool:
    return all(isinstance(value, int) and not isinstance(value, bool) for value in values)
