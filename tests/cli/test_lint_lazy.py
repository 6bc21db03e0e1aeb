"""A run whose every result is in the cache resolves no rule: it takes the configuration's facts from the cache
(:class:`agreed.lint.cache_codec.FactsMemo`) and never imports the rules, the engine, the YAML parser or the schema
validator; it prints what a run without the cache prints. A changed file, a changed configuration or a damaged entry
brings the rules back, with the same output as a run without the cache.

The runs are real processes (the test process has imported everything already)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from agreed.cache import open_cache
from agreed.lint.cache_codec import FACTS_LAYOUT, FactsMemo
from agreed.lint.facts import ConfigFacts
from generated_agreements import generate

HEAVY = ("agreed.lint.rules", "agreed.lint.engine", "agreed.lint.config", "ruamel", "jsonschema_rs", "jsonschema")

# Runs the command line as `python -m agreed` would, then prints which of the heavy modules it imported (stderr).
RUN = f"""
import json, sys
from agreed.cli import main
try:
    main(sys.argv[1:], prog_name="agreed")
finally:
    heavy = sorted({{name for name in sys.modules for top in {HEAVY!r} if name == top or name.startswith(top + ".")}})
    print("HEAVY " + json.dumps(heavy), file=sys.stderr)
"""


def _lint(folder: Path, *arguments: str) -> tuple[int, str, list[str]]:
    """Exit code, standard output and the heavy modules imported by ``agreed lint`` in ``folder``."""
    done = subprocess.run([sys.executable, "-c", RUN, "lint", "--today", "2031-01-06", *arguments, "agreements"],
                          cwd=folder, capture_output=True, text=True, check=False)
    line = next(line for line in done.stderr.splitlines() if line.startswith("HEAVY "))
    return done.returncode, done.stdout, json.loads(line.removeprefix("HEAVY "))


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    vague = generate(6, tmp_path / "agreements")[0]  # one with findings of the text rules
    vague.write_text(vague.read_text(encoding="utf-8").replace("what: ", "what: We will try to deliver it soon. ", 1),
                     encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the repository root: the configuration search stops here
    (tmp_path / ".agreed.yaml").write_text("fail-on: error\n", encoding="utf-8")
    return tmp_path


def test_a_fully_cached_run_imports_no_rule_and_prints_what_an_uncached_run_prints(repository: Path) -> None:
    uncached = _lint(repository, "--no-cache")
    assert uncached[2]  # without the cache everything is loaded
    cold = _lint(repository)
    warm = _lint(repository)
    assert cold[:2] == warm[:2] == uncached[:2]
    assert warm[2] == []


def test_a_changed_file_is_checked_again_with_the_rules(repository: Path) -> None:
    _lint(repository)
    changed = sorted((repository / "agreements").glob("*.yaml"))[2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("\ntitle:", "\ntitle: Renamed\nx-old-title:", 1),
                       encoding="utf-8")
    uncached, warm = _lint(repository, "--no-cache"), _lint(repository)
    assert warm[:2] == uncached[:2]
    assert "agreed.lint.rules" in warm[2]
    assert _lint(repository)[2] == []  # and cached again


def test_a_changed_configuration_resolves_the_rules_again(repository: Path) -> None:
    before = _lint(repository)
    assert "V109" in before[1]  # the text rules find something to switch off
    (repository / ".agreed.yaml").write_text("fail-on: error\nrules:\n  text: off\n", encoding="utf-8")
    uncached, warm = _lint(repository, "--no-cache"), _lint(repository)
    assert warm[:2] == uncached[:2] != before[:2]
    assert "agreed.lint.rules" in warm[2]


def test_a_damaged_memo_is_a_miss(repository: Path, user_cache_home: Path) -> None:
    first = _lint(repository)
    memos = list((user_cache_home / "repos").rglob(f"{FACTS_LAYOUT}/*.json"))
    assert len(memos) == 1
    memos[0].write_text(memos[0].read_text(encoding="utf-8").replace("error", "never"), encoding="utf-8")
    again = _lint(repository)
    assert again[:2] == first[:2]
    assert "agreed.lint.config" in again[2]  # the configuration was read and resolved again


def test_the_facts_kept_are_the_facts_read_back(tmp_path: Path, user_cache_home: Path) -> None:
    facts = ConfigFacts(source=tmp_path / ".agreed.yaml", root=tmp_path, include=("contracts/**",),
                        exclude=("old/",), per_file_ignores=(("legacy/*.yaml", frozenset({"V101", "T301"})),),
                        people=tmp_path / "people.yaml", people_at=(".agreed.yaml", 2, 9), fail_on="warning",
                        fingerprint="0123abcd", clock=True)
    folder = open_cache(tmp_path / "cache", user_cache_home)
    memo = FactsMemo(folder, facts.source, tmp_path, tmp_path, b"people: people.yaml\n")
    assert memo.recall() is None
    memo.keep(facts)
    assert FactsMemo(folder, facts.source, tmp_path, tmp_path, b"people: people.yaml\n").recall() == facts
    assert FactsMemo(folder, facts.source, tmp_path, tmp_path, b"people: other.yaml\n").recall() is None  # bytes
    assert FactsMemo(folder, None, tmp_path, tmp_path, b"people: people.yaml\n").recall() is None  # another file
    elsewhere = tmp_path / "team"  # paths shown from another folder: where a roster error points differs
    assert FactsMemo(folder, facts.source, tmp_path, elsewhere, b"people: people.yaml\n").recall() is None


@pytest.mark.parametrize("data", [None, [], ["x"] * 10, [*ConfigFacts(None, Path("/")).encode()[:-1], "yes"]])
def test_facts_of_another_shape_are_refused(data: object) -> None:
    with pytest.raises(TypeError):
        ConfigFacts.decode(data)
