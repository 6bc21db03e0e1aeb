"""``agreed render FILE``: Markdown and HTML of the shipped examples, ``-o`` through the atomic writer, and a one-line
error (exit 2) for every input that is no agreement."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from agreed.cli import main
from agreed.cli.render import command
from agreed.render.formats import RENDER_FORMATS
from gitrepo import EXAMPLE, git

CONTRACTS = EXAMPLE.parent
EXAMPLES = sorted(path for path in CONTRACTS.glob("*.yaml"))


def _render(*arguments: str) -> Result:
    return CliRunner().invoke(main, ["render", *arguments])


def test_the_formats_offered_are_the_registrys() -> None:
    option = next(param for param in command.params if param.name == "output_format")
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == RENDER_FORMATS.names() == ("markdown", "html")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_every_shipped_example_renders_in_both_formats(example: Path) -> None:
    markdown = _render(str(example))
    page = _render(str(example), "--format", "html")
    assert (markdown.exit_code, page.exit_code) == (0, 0), markdown.output + page.output
    assert markdown.output.startswith("# ")
    assert "## Consent" in markdown.output
    assert page.output.startswith("<!DOCTYPE html>")


def test_output_goes_to_the_file_named_and_a_summary_line_is_printed(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    result = _render(str(EXAMPLE), "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.output == f"{EXAMPLE}: rendered. Report (html) written to {target}.\n"
    assert target.read_text(encoding="utf-8") == _render(str(EXAMPLE), "--format", "html").output


def test_output_into_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    result = _render(str(EXAMPLE), "-o", str(tmp_path / "nowhere" / "page.md"))
    assert result.exit_code == 2
    assert "--output creates no folders" in result.output


def test_from_outside_the_repository_the_panel_reads_the_files_repository(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / "contracts").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(EXAMPLE, repo / "contracts" / EXAMPLE.name)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the example")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = _render(str(repo / "contracts" / EXAMPLE.name))
    assert result.exit_code == 0, result.output
    consent = result.output.split("## Consent", 1)[1]
    assert "not in a git repository" not in consent
    assert "| Maria Chen | **missing** |" in consent


def test_no_consent_leaves_the_panel_out() -> None:
    result = _render(str(EXAMPLE), "--no-consent")
    assert result.exit_code == 0
    assert "## Consent" not in result.output


def _fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda tmp: tmp / "absent.yaml", "absent.yaml: no such file"),
    (lambda tmp: tmp, ": is a folder; render takes one agreement file"),
    (_fifo, "pipe.yaml: is a named pipe, not a regular file"),
    (lambda tmp: _file(tmp / "latin.yaml", b"agreed: 1\ntitle: caf\xe9\n"),
     "latin.yaml:2:11: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"),
    (lambda tmp: _file(tmp / "other.yaml", b"name: a roster\n"),
     "other.yaml: not an agreement (it has no 'agreed:' key)"),
    (lambda tmp: _file(tmp / "list.yaml", b"- a\n- b\n"), "list.yaml:1:1: the file must hold a YAML mapping"),
    (lambda tmp: _file(tmp / ".consent" / "a.yaml", b"agreed: 1\n"),
     "a.yaml: a consent record is not an agreement; name the agreement it is for"),
], ids=["missing", "folder", "fifo", "not-utf8", "no-agreement", "not-a-mapping", "consent-record"])
def test_what_is_no_agreement_is_a_one_line_error(tmp_path: Path, make: object, message: str) -> None:
    assert callable(make)
    result = _render(str(make(tmp_path)))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert result.output.startswith("agreed: error: ")
    assert message in result.output
    assert "Traceback" not in result.output


def test_standard_input_is_refused_with_what_render_reads() -> None:
    result = _render("-")
    assert result.exit_code == 2
    assert result.output == "agreed: error: agreed render reads one agreement file, not standard input ('-'): " \
                            "give its path\n"


def _file(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_an_unknown_format_is_a_usage_error() -> None:
    result = _render(str(EXAMPLE), "--format", "pdf")
    assert result.exit_code == 2
    assert "'pdf' is not one of 'markdown', 'html'" in result.output


def test_a_reviews_file_that_cannot_be_read_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    shutil.copytree(CONTRACTS, folder / "contracts")
    git(folder, "init", "-q", "-b", "main")
    result = _render(str(folder / "contracts" / EXAMPLE.name), "--reviews", str(tmp_path / "absent.json"))
    assert result.exit_code == 2
    assert result.output.startswith("agreed: error: --reviews: ")
