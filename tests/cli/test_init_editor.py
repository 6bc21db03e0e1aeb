"""``agreed init --editor vscode``, the real command in real git repositories: it recommends the YAML extension and
maps the schema copy to the agreement files, merging into the user's ``.vscode`` files without losing a setting,
leaving (with what to add printed) a file a rewrite would damage, and never writing outside the repository. The
mapping it writes is then read by yaml-language-server, the server behind that extension."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main
from agreed.init import AGREEMENT_GLOBS
from node_clients import node_executable, node_package
from test_schema_completion import LanguageServer

EXTENSIONS = ".vscode/extensions.json"
SETTINGS = ".vscode/settings.json"
SCHEMA_KEY = "./schema/agreement.schema.json"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    monkeypatch.chdir(root)
    return root


def _init(*arguments: str) -> Result:
    return CliRunner().invoke(main, ["init", "--ci", "none", *arguments])


def _json(root: Path, relative: str) -> Any:
    return json.loads((root / relative).read_text(encoding="utf-8"))


def _line(result: Result, target: str) -> str:
    """The line init printed for ``target``: its outcome, two spaces, the target, then any note."""
    return next(line for line in result.stdout.splitlines() if re.search(rf"  {re.escape(target)}(  |$)", line))


def test_a_fresh_repository_gets_the_recommendation_and_the_mapping(repo: Path) -> None:
    result = _init("--editor", "vscode")
    assert result.exit_code == 0, result.output
    assert _json(repo, EXTENSIONS) == {"recommendations": ["redhat.vscode-yaml"]}
    mapped = _json(repo, SETTINGS)["yaml.schemas"][SCHEMA_KEY]
    assert mapped == list(AGREEMENT_GLOBS) == ["contracts/**/*.[yY][aA][mM][lL]", "contracts/**/*.[yY][mM][lL]"]
    assert (repo / "schema" / "agreement.schema.json").is_file()  # what the mapping points at
    assert _line(result, EXTENSIONS).startswith("created")
    again = _init("--editor", "vscode")
    assert _line(again, SETTINGS).startswith("unchanged")
    assert _line(again, EXTENSIONS).startswith("unchanged")
    assert again.stdout.splitlines()[-1] == "Nothing to change: the repository is set up."


def test_without_the_option_no_editor_file_is_written(repo: Path) -> None:
    assert _init().exit_code == 0
    assert not (repo / ".vscode").exists()


def test_existing_files_keep_everything_the_user_wrote(repo: Path) -> None:
    (repo / ".vscode").mkdir()
    extensions = {"recommendations": ["ms-python.python"], "unwantedRecommendations": ["some.other"]}
    settings = {"editor.rulers": [120], "yaml.schemas": {"https://json.schemastore.org/github-workflow.json":
                                                         ".github/workflows/*.yml"}, "files.eol": "\n"}
    (repo / EXTENSIONS).write_text(json.dumps(extensions), encoding="utf-8")
    (repo / SETTINGS).write_text(json.dumps(settings), encoding="utf-8")
    result = _init("--editor", "vscode")
    assert result.exit_code == 0, result.output
    assert _json(repo, EXTENSIONS) == {"recommendations": ["ms-python.python", "redhat.vscode-yaml"],
                                       "unwantedRecommendations": ["some.other"]}
    written = _json(repo, SETTINGS)
    assert list(written) == ["editor.rulers", "yaml.schemas", "files.eol"]
    assert written["editor.rulers"] == [120]
    assert written["files.eol"] == "\n"
    assert list(written["yaml.schemas"]) == ["https://json.schemastore.org/github-workflow.json", SCHEMA_KEY]
    assert _line(result, SETTINGS).startswith("updated")


@pytest.mark.parametrize(("text", "why"), [
    ('{\n  // the team\'s rulers\n  "editor.rulers": [120]\n}\n', "is not plain JSON"),
    ('{"editor.rulers": [120],}\n', "is not plain JSON"),
    ('{"yaml.schemas": {}, "yaml.schemas": {"a.json": "*.yml"}}\n', "is not plain JSON"),
    ("[1, 2]\n", "is not a JSON object"),
    ("null\n", "is not a JSON object"),
    ('{"yaml.schemas": "nonsense"}\n', "has the schema in 'yaml.schemas' otherwise"),
    ('{"yaml.schemas": {"./schema/agreement.schema.json": "deals/*.yaml"}}\n',
     "has the schema in 'yaml.schemas' otherwise"),
], ids=["comment", "trailing-comma", "repeated-key", "array", "null", "schemas-not-an-object",
        "schema-mapped-elsewhere"])
def test_a_settings_file_a_rewrite_would_damage_is_left_with_what_to_add(repo: Path, text: str, why: str) -> None:
    (repo / ".vscode").mkdir()
    (repo / SETTINGS).write_text(text, encoding="utf-8")
    result = _init("--editor", "vscode")
    assert result.exit_code == 0, result.output
    assert (repo / SETTINGS).read_text(encoding="utf-8") == text
    line = _line(result, SETTINGS)
    assert line.startswith("add by hand")
    assert why in line
    assert "not editing a file of yours" in line
    printed = result.stdout.split(f"merge this into {SETTINGS}:\n", 1)[1]
    assert json.loads(printed[:printed.index("\n}\n") + 3])["yaml.schemas"][SCHEMA_KEY][0] == AGREEMENT_GLOBS[0]
    assert "1 step needs your hand" in result.stdout.splitlines()[-1]


def test_an_extension_the_user_marked_unwanted_is_not_recommended(repo: Path) -> None:
    (repo / ".vscode").mkdir()
    text = '{"unwantedRecommendations": ["redhat.vscode-yaml"]}'
    (repo / EXTENSIONS).write_text(text, encoding="utf-8")
    result = _init("--editor", "vscode")
    assert result.exit_code == 0, result.output
    assert (repo / EXTENSIONS).read_text(encoding="utf-8") == text
    line = _line(result, EXTENSIONS)
    assert line.startswith("unchanged")
    assert "marks 'redhat.vscode-yaml' unwanted" in line
    assert "merge this into" not in result.stdout  # nothing is asked of the user against their choice
    assert "otherwise than agreed init writes it" not in result.stdout


def test_recommendations_that_are_no_list_are_left_with_what_to_add(repo: Path) -> None:
    (repo / ".vscode").mkdir()
    text = '{"recommendations": "redhat.vscode-yaml"}'
    (repo / EXTENSIONS).write_text(text, encoding="utf-8")
    result = _init("--editor", "vscode")
    assert (repo / EXTENSIONS).read_text(encoding="utf-8") == text
    line = _line(result, EXTENSIONS)
    assert line.startswith("add by hand")
    assert "has the recommendation 'redhat.vscode-yaml' otherwise than agreed init writes it" in line


@pytest.mark.parametrize("indent", ["  ", "\t", "    "], ids=["two-spaces", "tab", "four-spaces"])
def test_a_merged_file_keeps_its_indentation(repo: Path, indent: str) -> None:
    (repo / ".vscode").mkdir()
    settings = {"editor.rulers": [120], "yaml.schemas": {"other.json": "*.yml"}}
    (repo / SETTINGS).write_text(json.dumps(settings, indent=indent) + "\n", encoding="utf-8")
    assert _init("--editor", "vscode").exit_code == 0
    written = (repo / SETTINGS).read_text(encoding="utf-8")
    expected = {**settings, "yaml.schemas": {"other.json": "*.yml", SCHEMA_KEY: list(AGREEMENT_GLOBS)}}
    assert written == json.dumps(expected, indent=indent) + "\n"


def test_a_merged_file_of_one_line_is_written_at_four_spaces(repo: Path) -> None:
    (repo / ".vscode").mkdir()
    (repo / EXTENSIONS).write_text('{"recommendations": ["ms-python.python"]}', encoding="utf-8")
    assert _init("--editor", "vscode").exit_code == 0
    assert (repo / EXTENSIONS).read_text(encoding="utf-8") == (
        '{\n    "recommendations": [\n        "ms-python.python",\n        "redhat.vscode-yaml"\n    ]\n}\n')


def test_a_vscode_folder_leading_out_of_the_repository_is_refused(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (repo / ".vscode").symlink_to(outside, target_is_directory=True)
    result = _init("--editor", "vscode")
    assert result.exit_code == 2
    assert f"not writing {EXTENSIONS}" in result.output
    assert "Traceback" not in result.output
    assert list(outside.iterdir()) == []


def test_a_settings_file_leading_out_of_the_repository_is_refused(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "settings.json"
    outside.write_text("{}", encoding="utf-8")
    (repo / ".vscode").mkdir()
    (repo / SETTINGS).symlink_to(outside)
    result = _init("--editor", "vscode")
    assert result.exit_code == 2
    assert f"not writing {SETTINGS}" in result.output
    assert outside.read_text(encoding="utf-8") == "{}"


@pytest.mark.parametrize("where", [".vscode", SETTINGS])
def test_a_fifo_in_the_way_is_an_error_not_a_hang(repo: Path, where: str) -> None:
    if where != ".vscode":
        (repo / ".vscode").mkdir()
    os.mkfifo(repo / where)
    agreed = Path(sys.executable).parent / "agreed"  # this environment's, not whichever PATH finds first
    result = subprocess.run([str(agreed), "init", "--ci", "none", "--editor", "vscode"], cwd=repo,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("agreed: ")
    assert "Traceback" not in result.stderr
    assert (repo / where).is_fifo()


def test_an_unknown_editor_is_a_usage_error(repo: Path) -> None:
    result = _init("--editor", "emacs")
    assert result.exit_code == 2
    assert "'emacs' is not one of 'vscode', 'none'" in result.output
    assert not (repo / "contracts").exists()


# -- the mapping as the editor's YAML server reads it -------------------------------------------------------------

BROKEN = "agreed: 1\nid: demo\ntitle: Demo\nstatus: nonsense\n"


class ConfiguredServer(LanguageServer):
    def configure(self, sections: dict[str, Any]) -> None:
        """Tell the server its settings changed and answer its pull of them (``workspace/configuration``) as VS Code
        does: each section asked for (``yaml``, ``http``, ...) from ``sections``, empty when absent."""
        self.notify("workspace/didChangeConfiguration", {"settings": None})
        asked = self._next(lambda message: message.get("method") == "workspace/configuration",
                           "the server's pull of its settings")
        self._send({"jsonrpc": "2.0", "id": asked["id"],
                    "result": [sections.get(item["section"], {}) for item in asked["params"]["items"]]})


def _diagnosed(server: LanguageServer, path: Path) -> list[str]:
    uri = path.as_uri()
    server.notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": BROKEN}})
    found = server.diagnostics(uri)
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return [diagnostic["message"] for diagnostic in found]


def test_yaml_language_server_checks_agreements_and_only_them_by_the_written_mapping(repo: Path) -> None:
    assert _init("--editor", "vscode").exit_code == 0
    settings = _json(repo, SETTINGS)
    entry = node_package("yaml-language-server") / "bin" / "yaml-language-server"
    server = ConfiguredServer([node_executable(), str(entry), "--stdio"], repo)
    try:
        server.configure({"yaml": {"schemas": settings["yaml.schemas"]}})  # VS Code's "yaml" section, dots nested
        assert 'Missing property "parties".' in _diagnosed(server, repo / "contracts" / "deals" / "Demo.YML")
        assert _diagnosed(server, repo / "contracts" / ".consent" / "demo" / "li" / "0123.yaml") == []
        assert _diagnosed(server, repo / "elsewhere.yaml") == []
    finally:
        server.close()
