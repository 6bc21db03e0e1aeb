"""agreed.history.versions: parsing versions and the cache of parsed versions by blob id."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from agreed.history.git import Repository
from agreed.history.versions import DELETED, LAYOUT, VersionLoader, blob_cache_directory, parse

ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
GOOD = b"agreed: 1\nid: demo\ntitle: Demo\nresults:\n  deadline: 2031-06-30\n"
BROKEN = b"agreed: 1\nid: [unclosed\n"


def _store_blob(root: Path, content: bytes) -> str:
    completed = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=root, env=ENV, input=content,
                               check=True, capture_output=True)
    return completed.stdout.decode().strip()


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=root, env=ENV, check=True)
    return Repository.open(root)


def test_parse_gives_plain_data_with_dates_as_strings() -> None:
    parsed = parse(GOOD, "a.yaml")
    assert parsed.loaded
    assert parsed.data["results"]["deadline"] == "2031-06-30"
    assert parsed.problems == ()


@pytest.mark.parametrize("raw", [BROKEN, b"\xff\xfe not utf-8", b"", b"- a list\n"])
def test_parse_keeps_what_is_wrong_as_problems(raw: bytes) -> None:
    parsed = parse(raw, "a.yaml")
    assert not parsed.loaded
    assert parsed.problems
    assert all("\n" not in problem for problem in parsed.problems)


def test_a_deleted_version_is_not_read(repository: Repository) -> None:
    loader = VersionLoader(repository, None)
    assert loader.load(None, "a.yaml") is DELETED
    assert loader.blobs_read == 0


def test_a_second_loader_reads_no_blob(repository: Repository, tmp_path: Path) -> None:
    good, broken = _store_blob(repository.root, GOOD), _store_blob(repository.root, BROKEN)
    directory = tmp_path / "cache" / "blobs"
    first = VersionLoader(repository, directory)
    cold = [first.load(good, "a.yaml"), first.load(broken, "a.yaml"), first.load(good, "a.yaml")]
    assert first.blobs_read == 2  # the repeated blob comes from memory
    assert (directory / LAYOUT / good[:2] / f"{good[2:]}.json").is_file()
    second = VersionLoader(repository, directory)
    warm = [second.load(good, "a.yaml"), second.load(broken, "a.yaml"), second.load(good, "a.yaml")]
    assert second.blobs_read == 0
    assert warm == cold
    assert warm[1].problems


def test_a_corrupt_or_foreign_entry_is_a_miss(repository: Repository, tmp_path: Path) -> None:
    good = _store_blob(repository.root, GOOD)
    directory = tmp_path / "blobs"
    VersionLoader(repository, directory).load(good, "a.yaml")
    entry = directory / LAYOUT / good[:2] / f"{good[2:]}.json"
    for damage in (b"{not json", b"[]", json.dumps({"agreed": "0.0.0-other", "data": {}, "problems": []}).encode(),
                   entry.read_bytes()[:10]):
        entry.write_bytes(damage)
        loader = VersionLoader(repository, directory)
        assert loader.load(good, "a.yaml").data["id"] == "demo"
        assert loader.blobs_read == 1
    assert json.loads(entry.read_bytes())["data"]["id"] == "demo"  # rewritten whole


def test_an_unwritable_cache_only_stops_storing(repository: Repository, tmp_path: Path) -> None:
    good = _store_blob(repository.root, GOOD)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    loader = VersionLoader(repository, blocker / "blobs")
    assert loader.load(good, "a.yaml").loaded
    assert VersionLoader(repository, blocker / "blobs").load(good, "a.yaml").loaded


def test_the_cache_lives_in_the_repository_cache_folder(repository: Repository) -> None:
    directory = blob_cache_directory(repository.root)
    assert directory == repository.root / ".agreed_cache" / "blobs"
    good = _store_blob(repository.root, GOOD)
    VersionLoader(repository, directory).load(good, "a.yaml")
    assert (repository.root / ".agreed_cache" / ".gitignore").is_file()
    assert (repository.root / ".agreed_cache" / "CACHEDIR.TAG").is_file()


def test_prefetch_parses_in_workers_and_agrees_with_one_by_one(repository: Repository, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from agreed.history import versions

    blobs = [_store_blob(repository.root, GOOD.replace(b"demo", f"demo-{index}".encode())) for index in range(6)]
    blobs.append(_store_blob(repository.root, BROKEN))
    monkeypatch.setattr(versions, "VERSIONS_PER_WORKER", 2)  # 7 versions: forked workers on 2 cores
    ahead = VersionLoader(repository, tmp_path / "ahead")
    ahead.prefetch([(blob, "a.yaml") for blob in blobs] + [(None, "a.yaml")])
    assert ahead.blobs_read == 7
    one_by_one = VersionLoader(repository, None)
    assert [ahead.load(blob, "a.yaml") for blob in blobs] == [one_by_one.load(blob, "a.yaml") for blob in blobs]
    assert ahead.blobs_read == 7  # loading after the prefetch reads nothing more
    warm = VersionLoader(repository, tmp_path / "ahead")
    warm.prefetch([(blob, "a.yaml") for blob in blobs])
    assert warm.blobs_read == 0  # what the cache holds is left for load() to read when needed
