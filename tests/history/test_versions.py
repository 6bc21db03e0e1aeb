"""agreed.history.versions: parsing versions and the cache of parsed versions by blob id."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from agreed.cache import CacheFolder, JsonFiles, open_cache
from agreed.git.repository import Repository
from agreed.history import pack
from agreed.history.versions import DELETED, LAYOUT, VersionLoader, blob_directory, parse

ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
GOOD = b"agreed: 1\nid: demo\ntitle: Demo\nresults:\n  deadline: 2031-06-30\n"
BROKEN = b"agreed: 1\nid: [unclosed\n"


def _store_blob(root: Path, content: bytes) -> str:
    completed = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=root, env=ENV, input=content,
                               check=True, capture_output=True)
    return completed.stdout.decode().strip()


def _folder(path: Path) -> CacheFolder:
    """A cache folder at ``path``, with a user key kept beside it."""
    return open_cache(path, path.parent / "home")


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
    folder = _folder(tmp_path / "cache")
    directory = blob_directory(folder)
    first = VersionLoader(repository, folder)
    cold = [first.load(good, "a.yaml"), first.load(broken, "a.yaml"), first.load(good, "a.yaml")]
    assert first.blobs_read == 2  # the repeated blob comes from memory
    assert (directory / LAYOUT / good[:2] / f"{good[2:]}.json").is_file()
    second = VersionLoader(repository, folder)
    warm = [second.load(good, "a.yaml"), second.load(broken, "a.yaml"), second.load(good, "a.yaml")]
    assert second.blobs_read == 0
    assert warm == cold
    assert warm[1].problems


def test_a_corrupt_or_foreign_entry_is_a_miss(repository: Repository, tmp_path: Path) -> None:
    good = _store_blob(repository.root, GOOD)
    folder = _folder(tmp_path / "cache")
    VersionLoader(repository, folder).load(good, "a.yaml")
    entry = blob_directory(folder) / LAYOUT / good[:2] / f"{good[2:]}.json"
    payload = entry.read_bytes().split(b"\n", 1)[1]
    for damage in (b"{not json", b"[]", json.dumps({"agreed": "0.0.0-other", "data": {}, "problems": []}).encode(),
                   payload[:10]):
        entry.write_bytes(JsonFiles(folder).sealed(str(entry), damage))  # authentic: only the content is wrong
        loader = VersionLoader(repository, folder)
        assert loader.load(good, "a.yaml").data["id"] == "demo"
        assert loader.blobs_read == 1
    assert json.loads(entry.read_bytes().split(b"\n", 1)[1])["data"]["id"] == "demo"  # rewritten whole


def test_a_hand_made_entry_is_a_miss(repository: Repository, tmp_path: Path) -> None:
    good = _store_blob(repository.root, GOOD)
    folder = _folder(tmp_path / "cache")
    VersionLoader(repository, folder).load(good, "a.yaml")
    entry = blob_directory(folder) / LAYOUT / good[:2] / f"{good[2:]}.json"
    mac, payload = entry.read_bytes().split(b"\n", 1)
    forged = payload.replace(b"demo", b"forged")
    for content in (forged, mac + b"\n" + forged):
        entry.write_bytes(content)
        assert VersionLoader(repository, folder).load(good, "a.yaml").data["id"] == "demo"
    entry.write_bytes(JsonFiles(folder).sealed(str(entry), forged))  # what the user's own key signed is believed
    assert VersionLoader(repository, folder).load(good, "a.yaml").data["id"] == "forged"


def test_an_unwritable_cache_only_stops_storing(repository: Repository, tmp_path: Path) -> None:
    good = _store_blob(repository.root, GOOD)
    folder = _folder(tmp_path / "cache")
    blob_directory(folder).write_text("not a folder\n")  # entries' folders below a file: never creatable
    loader = VersionLoader(repository, folder)
    assert loader.load(good, "a.yaml").loaded
    assert VersionLoader(repository, folder).load(good, "a.yaml").loaded


def test_prefetch_parses_in_workers_and_agrees_with_one_by_one(repository: Repository, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from agreed.history import versions

    blobs = [_store_blob(repository.root, GOOD.replace(b"demo", f"demo-{index}".encode())) for index in range(6)]
    blobs.append(_store_blob(repository.root, BROKEN))
    monkeypatch.setattr(versions, "VERSIONS_PER_WORKER", 2)  # 7 versions: forked workers on 2 cores
    ahead = VersionLoader(repository, _folder(tmp_path / "ahead"))
    ahead.prefetch([(blob, "a.yaml") for blob in blobs] + [(None, "a.yaml")])
    assert ahead.blobs_read == 7
    one_by_one = VersionLoader(repository, None)
    assert [ahead.load(blob, "a.yaml") for blob in blobs] == [one_by_one.load(blob, "a.yaml") for blob in blobs]
    assert ahead.blobs_read == 7  # loading after the prefetch reads nothing more
    warm = VersionLoader(repository, _folder(tmp_path / "ahead"))
    warm.prefetch([(blob, "a.yaml") for blob in blobs])
    assert warm.blobs_read == 0  # what the cache holds is left for load() to read when needed


def test_prefetch_reads_the_versions_by_one_git_process_without_gitpython(repository: Repository) -> None:
    blobs = [_store_blob(repository.root, GOOD.replace(b"demo", f"demo-{index}".encode())) for index in range(3)]
    program = ("import sys; from pathlib import Path; from agreed.git.repository import Repository\n"
               "from agreed.history.versions import VersionLoader\n"
               f"loader = VersionLoader(Repository.open(Path({str(repository.root)!r})), None)\n"
               f"loader.prefetch([(blob, 'a.yaml') for blob in {blobs!r}])\n"
               f"print([loader.load(blob, 'a.yaml').data['id'] for blob in {blobs!r}], 'git' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["['demo-0',", "'demo-1',", "'demo-2']", "False"]


def _pack_files(folder: CacheFolder) -> list[Path]:
    return sorted((blob_directory(folder) / LAYOUT / "histories").rglob("*.json"))


def _versions(repository: Repository, count: int) -> list[str]:
    return [_store_blob(repository.root, GOOD.replace(b"demo", f"demo-{index}".encode())) for index in range(count)]


def _loaded(loader: VersionLoader, blobs: list[str]) -> list[Any]:
    loader.prefetch([(blob, "a.yaml") for blob in blobs])
    found = [loader.load(blob, "a.yaml").data for blob in blobs]
    loader.save()
    return found


def test_a_history_keeps_its_versions_in_a_few_files(repository: Repository, tmp_path: Path) -> None:
    blobs = _versions(repository, 120)
    folder = _folder(tmp_path / "cache")
    cold = VersionLoader(repository, folder, history="a.yaml")
    first = _loaded(cold, blobs)
    cold.store_outcome(blobs[0], blobs[1], {"changes": [], "problems": []})
    cold.save()
    assert len(_pack_files(folder)) == 1 + -(-120 // pack.CHUNK)  # the index and the chunks, no file per version
    assert not (blob_directory(folder) / LAYOUT / blobs[0][:2]).exists()
    warm = VersionLoader(repository, folder, history="a.yaml")
    assert _loaded(warm, blobs) == first
    assert warm.blobs_read == 0
    assert warm.outcome(blobs[0], blobs[1]) is not None
    assert VersionLoader(repository, folder, history="b.yaml").outcome(blobs[0], blobs[1]) is None  # one pack each


def test_a_missing_or_foreign_chunk_is_a_miss(repository: Repository, tmp_path: Path) -> None:
    blobs = _versions(repository, 3)
    folder = _folder(tmp_path / "cache")
    first = _loaded(VersionLoader(repository, folder, history="a.yaml"), blobs)
    [index, chunk] = sorted(_pack_files(folder), key=lambda path: path.name.count("."))
    chunk.write_bytes(JsonFiles(folder).sealed(str(chunk), b'{"agreed": "0.0.0-other", "blobs": {}}'))
    again = VersionLoader(repository, folder, history="a.yaml")
    assert _loaded(again, blobs) == first
    assert again.blobs_read == 3
    for damage in ("chunk removed", "index not authentic"):
        [index, chunk] = sorted(_pack_files(folder), key=lambda path: path.name.count("."))
        if damage == "chunk removed":
            chunk.unlink()
        else:
            index.write_bytes(b"0" * 64 + b"\n{}")
        loader = VersionLoader(repository, folder, history="a.yaml")
        assert _loaded(loader, blobs) == first, damage
        assert loader.blobs_read == 3, damage


def test_a_pack_keeps_what_the_history_still_uses(repository: Repository, tmp_path: Path) -> None:
    blobs = _versions(repository, 3)
    folder = _folder(tmp_path / "cache")
    _loaded(VersionLoader(repository, folder, history="a.yaml"), blobs[:2])
    rewritten = VersionLoader(repository, folder, history="a.yaml")  # the history now holds versions 1 and 2
    _loaded(rewritten, blobs[1:])
    assert rewritten.blobs_read == 1
    [index] = [path for path in _pack_files(folder) if path.name.count(".") == 1]
    kept = json.loads(index.read_bytes().split(b"\n", 1)[1])["blobs"]
    assert sorted(kept) == sorted(blobs[1:])
    assert len(_pack_files(folder)) == 2  # the chunk of the first run was mostly unused: merged into the new one
    unchanged = VersionLoader(repository, folder, history="a.yaml")
    _loaded(unchanged, blobs[1:])
    assert unchanged.blobs_read == 0
