"""CONTRIBUTING.md stays true: every file and folder it names exists, and every registry it names is defined there."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
# A path in backticks: a slash in it, no placeholder (<what_it_finds>) and no spaces.
NAMED_PATH = re.compile(r"`((?:toolkit|tests|schema)/[^`<>\s]*)`")
# "`NAME` in `path`" and "`NAME`, `OTHER` in `path`": registries and functions said to live in a file.
DEFINED_IN = re.compile(r"((?:`[A-Za-z_]+`(?:, )?)+) in `((?:toolkit|tests)/[^`<>\s]+\.py)`")


def test_the_guide_names_paths() -> None:
    assert len(NAMED_PATH.findall(GUIDE)) >= 20


def test_every_path_the_guide_names_exists() -> None:
    missing = [path for path in NAMED_PATH.findall(GUIDE) if not (REPO / path.rstrip("/")).exists()]
    assert missing == []


def test_every_name_said_to_be_in_a_file_is_there() -> None:
    pairs = [(name, path) for names, path in DEFINED_IN.findall(GUIDE) for name in re.findall(r"`(\w+)`", names)]
    assert len(pairs) >= 8
    absent = [(name, path) for name, path in pairs
              if not re.search(rf"^\s*(?:def |class )?{name}\b", (REPO / path).read_text(encoding="utf-8"), re.M)]
    assert absent == []


def test_the_rule_kinds_the_guide_shows_are_built_as_it_says() -> None:
    import dataclasses

    from agreed.lint import rule

    shown = re.findall(r"`(\w+Rule)\(\.\.\., check=\.\.\.\)`", GUIDE)
    assert shown == ["TextRule", "DocumentRule", "RepositoryRule"]
    for kind in shown:
        fields = {field.name for field in dataclasses.fields(getattr(rule, kind))}
        assert {"code", "name", "category", "severity", "doc", "check"} <= fields, kind
