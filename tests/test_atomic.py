"""Atomic writes: all or nothing, never overwrite unless asked, and ordinary permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from agreed.atomic import write_atomically


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
