"""The library's calendar is the command's: the same service, the same bytes, the same refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from agreed import api
from agreed.cli import main
from agreed.feed.build import CalendarError
from calendar_samples import agreement, write


def test_the_library_gives_the_bytes_the_command_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "contracts" / "pilot.yaml", agreement())
    feed = api.calendar(["contracts"], party="ben", site_url="https://example.org/site")
    command = CliRunner().invoke(main, ["calendar", "contracts", "--party", "ben", "--site-url",
                                        "https://example.org/site"])
    assert feed.text.encode("utf-8") == command.stdout_bytes
    assert (feed.events, feed.agreements, feed.failed) == (6, 1, False)  # not the milestone and announcement of asa


def test_the_library_refuses_what_the_command_refuses(tmp_path: Path) -> None:
    write(tmp_path / "pilot.yaml", agreement())
    with pytest.raises(CalendarError, match="not a party"):
        api.calendar([tmp_path / "pilot.yaml"], party="zoe", here=tmp_path)
    write(tmp_path / "broken.yaml", {"title": "notes"})
    failed = api.calendar([tmp_path / "broken.yaml"], here=tmp_path)
    assert failed.failed
    assert failed.text == ""
