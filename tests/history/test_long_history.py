"""A 1,000-commit history gives the same output (text and JSON, whole timeline and one field's) however its versions
are loaded: whole with every position recorded (the reference), or piecewise without positions, with the cache of
parsed versions and comparisons empty (cold) or filled by the run before (warm)."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

import pytest

from agreed.cache import open_cache
from agreed.document import load_document
from agreed.git.repository import Repository
from agreed.history import versions
from agreed.history.piecewise import PiecewiseParser
from agreed.history.timeline import Options, Timeline, build_timeline
from agreed.history.versions import Parsed
from agreed.report.timeline import TIMELINE_FORMATS
from generated_history import NEW_PATH, build_history

VERSIONS = 1000
FIELD = "results.deadline"


def loaded_whole_with_positions(_pieces: PiecewiseParser, raw: bytes, path: str) -> Parsed:
    """How a version was loaded before history had a fast path: whole, every position recorded."""
    return _loaded_whole(raw, path)


@functools.cache
def _loaded_whole(raw: bytes, path: str) -> Parsed:  # once per version: the reference's two runs share it
    document = load_document(raw, path)
    problems = tuple(f"line {problem.line}, col {problem.col}: {problem.message} ({problem.rule})"
                     for problem in document.problems)
    return Parsed(document.data if not problems else None, problems)


def outputs(repository: Repository, options: Options) -> dict[str, str]:
    """Every format of the whole timeline and of one field's."""
    whole = build_timeline(repository, NEW_PATH, options)
    field = build_timeline(repository, NEW_PATH, replace(options, field=FIELD))
    return {f"{name} {kind}": TIMELINE_FORMATS.render(name, timeline) for name in ("text", "json")
            for kind, timeline in (("whole", whole), ("field", field))}


def blobs_read(repository: Repository, options: Options) -> int:
    timeline: Timeline = build_timeline(repository, NEW_PATH, options)
    return timeline.blobs_read


@pytest.fixture(scope="module")
def long_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("long") / "repo"
    build_history(root, VERSIONS, varied=True)
    return root


def test_a_long_history_reads_the_same_loaded_any_way(long_history: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cache = open_cache(tmp_path / "cache", tmp_path / "home")
    with Repository.open(long_history) as repository:
        cold = outputs(repository, Options(cache=cache))
        warm = outputs(repository, Options(cache=cache))
        assert blobs_read(repository, Options(cache=cache)) == 0  # the warm runs read no blob from git
        with monkeypatch.context() as patched:
            patched.setattr(versions, "parse_piecewise", loaded_whole_with_positions)
            reference = outputs(repository, Options())
    assert cold == reference
    assert warm == reference
    text = reference["text whole"]
    assert text.count("Renegotiate, round") >= VERSIONS - 1
    for shown in ("cannot be parsed", "deleted", "renamed", "extra-3", "status"):  # the varied history's events
        assert shown in text, shown
