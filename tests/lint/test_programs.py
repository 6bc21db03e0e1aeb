"""Compiled expressions kept between runs (agreed.lint.programs, agreed.text.patterns.keep_programs): a pattern rebuilt
from a kept program is the pattern ``re.compile`` makes, for every expression of the rules; a damaged or forged entry
is compiled again; and lint finds the same on generated agreements with kept programs as without them."""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import agreed.lint.engine
import agreed.lint.rules
from agreed.cache import JsonFiles, open_cache
from agreed.lint.programs import FOLDER, MAX_PROGRAMS, decode, encode, keep_programs_in
from agreed.text import patterns
from agreed.text.patterns import Program, Regex, keep_programs, new_programs, program_format, program_of, rebuilt
from generated_agreements import generate

pytestmark = pytest.mark.skipif(program_format() is None, reason="this interpreter cannot rebuild programs")


@pytest.fixture(autouse=True)
def _no_programs_after() -> Iterator[None]:
    yield
    keep_programs(None)


def _every_expression() -> list[Regex]:
    """Every expression the engine, the rules and the text modules built at import."""
    assert agreed.lint.engine
    gc.unfreeze()  # a command run in this process before (CliRunner) froze its modules' objects out of gc's sight
    return list({(found.source, found.flags): found for found in gc.get_objects() if isinstance(found, Regex)}.values())


def test_every_expression_of_the_rules_rebuilds_the_pattern_re_compile_makes() -> None:
    expressions = _every_expression()
    assert len(expressions) > 200
    for expression in expressions:
        compiled = re.compile(expression.source, expression.flags)
        program = program_of(expression.source, expression.flags, compiled)
        assert program is not None, expression.source
        again = rebuilt(expression.source, program)
        assert again == compiled, expression.source  # same source, flags and matching program
        assert (again.groups, again.groupindex, again.flags) == (compiled.groups, compiled.groupindex, compiled.flags)


def test_a_kept_program_is_used_instead_of_compiling_and_a_new_one_is_reported(tmp_path: Path) -> None:
    first, second = Regex(r"(?P<term>kept-1)\s+\d+"), Regex(r"kept-2 (?:a|b)", re.IGNORECASE)
    keep_programs(dict)
    assert first.search("a kept-1 42") is not None
    made = new_programs()
    assert list(made) == [(first.source, first.flags)]
    # A process that loads it rebuilds the pattern (reports nothing new) and compiles what it lacks.
    loads: list[int] = []

    def load() -> dict[tuple[str, int], Program]:
        loads.append(1)
        return made

    keep_programs(load)
    patterns._compiled.cache_clear()  # a new process: nothing compiled yet
    assert first.search("a kept-1 42").group("term") == "kept-1"  # type: ignore[union-attr]
    assert second.fullmatch("KEPT-2 B") is not None
    assert list(new_programs()) == [(second.source, second.flags)]
    assert loads == [1]  # loaded once, on the first compile


def test_a_damaged_program_is_compiled_again() -> None:
    expression = Regex(r"damaged (\w+)")
    broken = Program(expression.flags | re.UNICODE, b"\x00\x00\x00\x00", 1, {}, (None, None))
    keep_programs(lambda: {(expression.source, expression.flags): broken})
    assert expression.search("a damaged program").group(1) == "program"  # type: ignore[union-attr]
    assert (expression.source, expression.flags) in new_programs()


def test_nothing_is_loaded_when_nothing_is_compiled() -> None:
    def load() -> dict[tuple[str, int], Program]:
        raise AssertionError("loaded")

    keep_programs(load)
    assert new_programs() == {}


def test_an_entry_round_trips_and_a_foreign_or_malformed_one_is_empty() -> None:
    form = program_format()
    assert form is not None
    source = r"round (trip)"
    program = program_of(source, 0, re.compile(source))
    assert program is not None
    value = json.loads(json.dumps(encode({(source, 0): program}, form)))
    assert decode(value, form) == {(source, 0): program}
    assert decode(value, form + " other") == {}
    assert decode({**value, "programs": [[source, 0]]}, form) == {}
    assert decode({**value, "programs": [[source, 0, 0, "not base64!", 1, {}, [None, None]]]}, form) == {}
    assert decode({**value, "programs": [[source, 0, 0, "AAAA", 1, {}, [None, None]]]}, form) == {}  # not compressed
    assert decode([1, 2], form) == {}


def test_programs_are_stored_in_the_users_cache_folder_and_a_forged_entry_is_a_miss(tmp_path: Path) -> None:
    folder = open_cache(tmp_path / "home", tmp_path / "home")
    expression = Regex(r"stored (?:in|at) (\d+)")
    store = keep_programs_in(folder)
    assert expression.search("stored at 4") is not None
    store()
    (entry,) = (tmp_path / "home" / FOLDER).glob("*/*.json")
    keep_programs_in(folder)
    patterns._compiled.cache_clear()
    assert expression.search("stored in 5") is not None
    assert new_programs() == {}  # rebuilt from the entry
    entry.write_bytes(entry.read_bytes().replace(b"stored", b"storeD"))  # no longer matches its HMAC
    keep_programs_in(folder)
    patterns._compiled.cache_clear()
    assert expression.search("stored in 6") is not None
    assert (expression.source, expression.flags) in new_programs()


def test_a_full_entry_starts_again_with_the_new_programs(tmp_path: Path) -> None:
    folder = open_cache(tmp_path / "home", tmp_path / "home")
    form, filler = program_format(), program_of("x", 0, re.compile("x"))
    assert form is not None
    assert filler is not None
    store = keep_programs_in(folder)
    Regex(r"first (\d+)").search("first 1")
    store()
    (entry,) = (tmp_path / "home" / FOLDER).glob("*/*.json")
    JsonFiles(folder).write(str(entry), encode({(f"x{index}", 0): filler for index in range(MAX_PROGRAMS)}, form))
    store = keep_programs_in(folder)
    Regex(r"full (\d+)").search("full 1")
    store()
    assert list(decode(JsonFiles(folder).read(str(entry)), form)) == [(r"full (\d+)", 0)]


def _lint(files: list[Path], cwd: Path, home: Path, *options: str) -> str:
    environment = {**os.environ, "AGREED_CACHE_DIR": str(home), "NO_COLOR": "1"}
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "agreed",
            "lint",
            "--isolated",
            "--format",
            "json",
            "--jobs",
            "1",
            *options,
            *(file.name for file in files),
        ],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr
    return completed.stdout


def test_lint_finds_the_same_with_kept_programs_as_without(tmp_path: Path) -> None:
    files = generate(8, tmp_path / "agreements")
    home = tmp_path / "home"
    reference = _lint(files, files[0].parent, home, "--no-cache")  # no programs kept, none read
    assert not home.exists()
    assert json.loads(reference)  # there are findings to compare
    storing = _lint(files, files[0].parent, home, "--cache-dir", str(tmp_path / "results-1"))
    assert list((home / FOLDER).glob("*/*.json")), "the run kept its programs"
    rebuilding = _lint(files, files[0].parent, home, "--cache-dir", str(tmp_path / "results-2"))
    assert storing == reference
    assert rebuilding == reference
