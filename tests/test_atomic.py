"""Atomic writes: all or nothing, never overwrite unless asked, and ordinary permissions."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from agreed.atomic import RefusedTarget, remove_stale_temporaries, temporary_name, write_atomically


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "a.yaml", "x: 1\n", overwrite=False)
    finally:
        os.umask(old)
    assert _mode(tmp_path / "a.yaml") == 0o644
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == "x: 1\n"


def test_an_overwritten_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "new\n", overwrite=True)
    assert (_mode(target), target.read_text(encoding="utf-8")) == (0o640, "new\n")


def test_refuses_to_overwrite_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomically(target, "new\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.yaml"]


def test_a_device_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    devnull = Path(os.devnull)
    write_atomically(devnull, "discarded\n", overwrite=True)
    assert not stat.S_ISREG(devnull.stat().st_mode)


def test_a_full_device_reports_the_error(tmp_path: Path) -> None:
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full here")
    with pytest.raises(OSError, match="No space left"):
        write_atomically(full, "x" * 100_000, overwrite=True)
    assert not stat.S_ISREG(full.stat().st_mode)


# -- a kill mid-write leaves nothing behind -----------------------------------------------------------------------

KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
import agreed.atomic as atomic
step = sys.argv[3]
if step == "named":
    atomic._write_unnamed = lambda *arguments: False
def kill(*arguments):
    os.kill(os.getpid(), signal.SIGKILL)
if step == "rename":
    os.replace = kill
else:
    os.fsync = kill
atomic.write_atomically(Path(sys.argv[1]), "new\\n" * 1000, overwrite=sys.argv[2] == "replace")
"""


def _killed_write(target: Path, how: str, step: str) -> None:
    """Run a writer of ``target`` in another process that is killed (SIGKILL, which nothing can catch) at ``step``:
    while the content is being made durable (``unnamed``, ``named``: with the system's unnamed files, or without),
    or between naming the complete file and renaming it into place (``rename``)."""
    result = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target), how, step], check=False)
    assert result.returncode == -signal.SIGKILL


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize("how", ["new", "replace"])
def test_a_kill_while_writing_an_unnamed_file_leaves_nothing_visible(tmp_path: Path, how: str) -> None:
    if not hasattr(os, "O_TMPFILE") or not Path("/proc/self/fd").is_dir():
        pytest.skip("no unnamed files here")
    target = tmp_path / "a.yaml"
    if how == "replace":
        target.write_text("old\n", encoding="utf-8")
    _killed_write(target, how, "unnamed")
    assert _names(tmp_path) == ([] if how == "new" else ["a.yaml"])
    if how == "replace":
        assert target.read_text(encoding="utf-8") == "old\n"


@pytest.mark.parametrize(("how", "step"), [("new", "named"), ("replace", "named"), ("replace", "rename")])
def test_a_killed_write_s_temporary_is_removed_by_the_next_write(tmp_path: Path, how: str, step: str) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    if how == "new":
        target = tmp_path / "b.yaml"
    _killed_write(target, how, step)
    left = [name for name in _names(tmp_path) if name not in ("a.yaml", "b.yaml")]
    assert len(left) == 1
    assert re.fullmatch(rf"\.{target.name}\.agreed-[0-9]+-[0-9a-f]+\.tmp", left[0])
    write_atomically(tmp_path / "c.yaml", "c\n", overwrite=False)  # any later write into the folder
    assert _names(tmp_path) == ["a.yaml", "c.yaml"]
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == "old\n"


def test_temporaries_of_running_writes_and_other_hidden_files_are_kept(tmp_path: Path) -> None:
    with subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE) as running:
        kept = [temporary_name("a.yaml", running.pid), temporary_name("a.yaml"), ".a.yaml.tmp",
                ".a.yaml.agreed-x-1.tmp", ".notes", "a.agreed-1-2.tmp"]
        for name in kept:
            (tmp_path / name).write_text("", encoding="utf-8")
        write_atomically(tmp_path / "a.yaml", "a\n", overwrite=True)
        assert _names(tmp_path) == sorted([*kept, "a.yaml"])
        running.communicate(b"")
    assert remove_stale_temporaries(tmp_path) == [tmp_path / kept[0]]  # once its process has ended


def test_a_very_long_name_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 250)
    target.write_text("old\n", encoding="utf-8")
    write_atomically(target, "new\n", overwrite=True)
    assert (_names(tmp_path), target.read_text(encoding="utf-8")) == ([target.name], "new\n")


# -- where a write may go ------------------------------------------------------------------------------------------


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def _refused(path: Path, **options: Any) -> None:
    with pytest.raises(RefusedTarget, match="inside a git directory"):
        write_atomically(path, "#!/bin/sh\necho owned\n", overwrite=True, **options)


def test_never_writes_a_hook(git_repo: Path) -> None:
    _refused(git_repo / ".git" / "hooks" / "pre-commit")
    assert not (git_repo / ".git" / "hooks" / "pre-commit").exists()


def test_never_writes_into_git_through_dot_dots(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (git_repo / "contracts").mkdir()
    monkeypatch.chdir(git_repo / "contracts")
    _refused(Path("../contracts/../.git/hooks/pre-commit"))
    _refused(Path("../.GIT/config"))


def test_never_writes_into_git_through_a_symbolic_link(git_repo: Path) -> None:
    (git_repo / "hooks").symlink_to(git_repo / ".git" / "hooks")
    (git_repo / "report.sarif").symlink_to(git_repo / ".git" / "hooks" / "pre-commit")
    _refused(git_repo / "hooks" / "pre-commit")
    _refused(git_repo / "report.sarif")
    assert not (git_repo / ".git" / "hooks" / "pre-commit").exists()


def test_never_writes_into_a_bare_repository(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "shared.git")], check=True)
    _refused(tmp_path / "shared.git" / "hooks" / "post-receive")


def test_a_link_is_followed_when_replacing_and_refused_for_a_new_file(tmp_path: Path) -> None:
    real, link = tmp_path / "real.json", tmp_path / "link.json"
    real.write_text("old\n", encoding="utf-8")
    link.symlink_to(real)
    write_atomically(link, "new\n", overwrite=True)
    assert (link.is_symlink(), real.read_text(encoding="utf-8")) == (True, "new\n")
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to(tmp_path / "elsewhere.yaml")
    with pytest.raises(FileExistsError):
        write_atomically(dangling, "x\n", overwrite=False)
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_inside_refuses_a_folder_link_that_leads_out(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "repo" / ".consent").symlink_to(tmp_path / "outside")
    with pytest.raises(RefusedTarget, match="outside"):
        write_atomically(tmp_path / "repo" / ".consent" / "r.yaml", "x\n", overwrite=False, inside=tmp_path / "repo")
    assert _names(tmp_path / "outside") == []


def test_a_socket_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a socket's path is short
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("s")
        with pytest.raises(RefusedTarget, match="not a regular file"):
            write_atomically(Path("s"), "x\n", overwrite=True)
    assert stat.S_ISSOCK((tmp_path / "s").stat().st_mode)


def test_folders_are_created_only_when_asked(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_atomically(tmp_path / "reports" / "lint.json", "{}\n", overwrite=True, create_folders=False)
    assert _names(tmp_path) == []
    write_atomically(tmp_path / "reports" / "lint.json", "{}\n", overwrite=True)
    assert _names(tmp_path / "reports") == ["lint.json"]


# -- a descriptor's magic link (/proc/self/fd/N, /dev/stdout) ------------------------------------------------------

needs_proc = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="no /proc/self/fd on this system")


def _descriptor_link(descriptor: int) -> Path:
    return Path(f"/proc/self/fd/{descriptor}")


@needs_proc
def test_an_anonymous_pipe_is_written_through_its_descriptor_link() -> None:
    reading, writing = os.pipe()
    try:
        write_atomically(_descriptor_link(writing), "report\n", overwrite=True)
        os.close(writing)
        with os.fdopen(reading, "rb") as stream:
            assert stream.read() == b"report\n"
    finally:
        for descriptor in (reading, writing):
            with contextlib.suppress(OSError):
                os.close(descriptor)


@needs_proc
def test_a_descriptor_link_to_a_file_inside_git_is_refused(git_repo: Path) -> None:
    config = git_repo / ".git" / "config"
    before = config.read_bytes()
    with config.open("rb") as opened:
        _refused(_descriptor_link(opened.fileno()))
    assert config.read_bytes() == before


@needs_proc
def test_a_descriptor_link_to_a_named_pipe_inside_git_is_refused(git_repo: Path) -> None:
    fifo = git_repo / ".git" / "hooks" / "pipe"
    os.mkfifo(fifo)
    descriptor = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # read and write ends: opening it does not wait
    try:
        _refused(_descriptor_link(descriptor))
        with pytest.raises(BlockingIOError):
            os.read(descriptor, 1)  # nothing was written into it
    finally:
        os.close(descriptor)


@needs_proc
def test_a_descriptor_link_to_a_socket_is_refused() -> None:
    left, right = socket.socketpair()
    with left, right, pytest.raises(RefusedTarget, match="not a regular file"):
        write_atomically(_descriptor_link(left.fileno()), "x\n", overwrite=True)


def test_the_file_a_given_stream_writes_into_is_written_through_that_stream(tmp_path: Path) -> None:
    """``-o /dev/stdout > file``: replacing the file by a rename would leave the stream writing into a file with no
    name, so the text goes through the stream, after what it already wrote, and later writes still land."""
    target = tmp_path / "out.txt"
    with target.open("w", encoding="utf-8") as stream:
        stream.write("before\n")
        stream.flush()
        write_atomically(target, "report\n", overwrite=True, streams=(stream,))
        stream.write("summary\n")
    assert target.read_text(encoding="utf-8") == "before\nreport\nsummary\n"


def test_a_stream_on_another_file_or_without_a_descriptor_changes_nothing(tmp_path: Path) -> None:
    import io

    target, other = tmp_path / "out.txt", tmp_path / "other.txt"
    target.write_text("old\n", encoding="utf-8")
    with other.open("w", encoding="utf-8") as stream:
        write_atomically(target, "new\n", overwrite=True, streams=(io.StringIO(), stream))
    assert target.read_text(encoding="utf-8") == "new\n"
    assert other.read_text(encoding="utf-8") == ""


def test_a_stream_s_file_inside_git_is_still_refused(git_repo: Path) -> None:
    config = git_repo / ".git" / "config"
    before = config.read_bytes()
    with config.open("a", encoding="utf-8") as stream, pytest.raises(RefusedTarget):
        write_atomically(config, "x\n", overwrite=True, streams=(stream,))
    assert config.read_bytes() == before
