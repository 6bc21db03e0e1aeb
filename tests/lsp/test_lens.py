"""The renegotiation view: code lenses on ``status`` and on each deliverable, from git and the consent records,
asked of the real server process over its standard streams (:mod:`lsp_client`) in real temporary repositories."""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from agreed.consent.digest import digest_document
from agreed.consent.ledger import new_record, write_record
from agreed.consent.ssh import consent_message, sign
from agreed.document import read_document
from agreed.lsp.lens import Lenses
from gitrepo import DANIEL, EXAMPLE, MARIA, git
from lsp_client import Client
from signed_consents import make_key

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None or shutil.which("git") is None,
                                reason="needs ssh-keygen (OpenSSH) and git")

FILE = Path("contracts/sales-onboarding.yaml")
CHECKLIST_DUE = "      due: 2031-03-31\n"  # the first deliverable's due date
SIGNED_AT = datetime.datetime(2031, 1, 2, tzinfo=datetime.UTC)


def _agreement(public_key: str) -> str:
    """The example with maria's key listed and SSH-signed or author-email consent accepted."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("    keys: []", f'    keys: ["{public_key}"]', 1)
    return text.replace("  evidence: [review, signed-commit]", "  evidence: [ssh-signature, author-email]")


def _edit(repo: Path, old: str, new: str) -> str:
    path = repo / FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def _consent(repo: Path, party: str, key: Path | None = None) -> None:
    """``party``'s record for the terms now on disk, SSH-signed with ``key`` when given."""
    agreement = repo / FILE
    digest = digest_document(read_document(agreement))
    assert isinstance(digest, str)
    signature = sign(consent_message("sales-onboarding", party, digest), key) if key is not None else None
    write_record(agreement, new_record("sales-onboarding", party, digest, lambda: SIGNED_AT, signature))


def _commit(repo: Path, message: str, email: str, name: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, email=email, name=name)


def _head(repo: Path) -> str:
    return git(repo, "rev-parse", "--short=7", "HEAD").strip()


@pytest.fixture
def key(tmp_path: Path) -> tuple[Path, str]:
    keys = tmp_path / "keys"
    keys.mkdir()
    return make_key(keys, "maria")


@pytest.fixture
def repo(tmp_path: Path, key: tuple[Path, str]) -> Path:
    """A repository whose first commit, by Maria Chen, proposes the example agreement."""
    root = tmp_path / "repo"
    (root / "contracts").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / FILE).write_text(_agreement(key[1]), encoding="utf-8")
    _commit(root, "Propose", MARIA, "Maria Chen")
    return root


@contextlib.contextmanager
def _server(folder: Path) -> Iterator[tuple[Client, dict[str, Any]]]:
    """A server started in ``folder`` and initialized, with the capabilities it announced."""
    started = Client(folder)
    try:
        yield started, started.initialize()["capabilities"]
    finally:
        started.close()


@pytest.fixture
def client(repo: Path) -> Iterator[Client]:
    with _server(repo) as (started, _):
        yield started


def _open(client: Client, path: Path) -> str:
    uri = client.open(path, path.read_text(encoding="utf-8"))
    client.next_diagnostics(uri)
    return uri


def _lenses(client: Client, uri: str) -> list[dict[str, Any]]:
    found = client.request("textDocument/codeLens", {"textDocument": {"uri": uri}})
    assert all("command" not in lens or lens["command"] is None for lens in found)  # left to resolve
    return [client.request("codeLens/resolve", lens) for lens in found]


def _titles(client: Client, uri: str) -> dict[str | None, str]:
    """Each lens's text by what it is on: None for ``status``, else the deliverable's id."""
    return {lens["data"]["deliverable"]: lens["command"]["title"] for lens in _lenses(client, uri)}


def test_lenses_sit_on_status_and_each_deliverable_with_a_command(repo: Path) -> None:
    with _server(repo) as (client, capabilities):
        assert capabilities["codeLensProvider"] == {"resolveProvider": True}
        assert capabilities["executeCommandProvider"]["commands"] == ["agreed.showHistory"]
        uri = _open(client, repo / FILE)
        found = _lenses(client, uri)
    lines = (repo / FILE).read_text(encoding="utf-8").splitlines()
    places = {lens["data"]["deliverable"]: lens["range"]["start"] for lens in found}
    assert places[None] == {"line": lines.index("status: active"), "character": 0}
    assert places["checklist"] == {"line": lines.index("    - id: checklist"), "character": 6}
    assert set(places) == {None, "checklist", "playbook", "handoff-meetings", "onboarding-time"}
    status = next(lens for lens in found if lens["data"]["deliverable"] is None)
    assert status["command"]["command"] == "agreed.showHistory"
    assert status["command"]["arguments"] == [uri, "status"]
    checklist = next(lens for lens in found if lens["data"]["deliverable"] == "checklist")
    assert checklist["command"]["arguments"] == [uri, "results.deliverables[id=checklist]"]


def test_a_material_change_moves_the_lens_and_a_wording_change_does_not(client: Client, repo: Path) -> None:
    created = _head(repo)
    uri = _open(client, repo / FILE)
    today = datetime.date.today().isoformat()  # git dates the commits now
    assert _titles(client, uri)[None].startswith(f"last material change {today} by Maria Chen ({created})")

    _edit(repo, CHECKLIST_DUE, "      due: 2031-04-15\n")
    _edit(repo, CHECKLIST_DUE, "      due: 2031-04-15\n")  # the playbook's draft milestone, due the same day
    _commit(repo, "Move the checklist", DANIEL, "Daniel Okafor")
    moved = _head(repo)
    titles = _titles(client, uri)
    assert titles[None].startswith(f"last material change {today} by Daniel Okafor ({moved})")
    assert titles["checklist"].startswith(f"last material change {today} by Daniel Okafor ({moved})")
    assert titles["playbook"].startswith(f"last material change {today} by Maria Chen ({created})")

    _edit(repo, "title: Halve enterprise onboarding time", "title: Halve the onboarding time of enterprises")
    _edit(repo, "      due: 2031-04-15\n", "      due: 2031-04-15\n      delivered_on: 2031-04-10\n")
    _commit(repo, "Retitle, and record the checklist delivered", MARIA, "Maria Chen")
    assert _head(repo) != moved
    again = _titles(client, uri)
    assert again[None].startswith(f"last material change {today} by Daniel Okafor ({moved})")
    assert again["checklist"].startswith(f"last material change {today} by Daniel Okafor ({moved})")

    shown = _show_history(client, uri, "results.deliverables[id=checklist]")
    assert f"{moved} {today} Daniel Okafor  Move the checklist" in shown
    assert "results.deliverables[id=checklist].due: 2031-03-31 -> 2031-04-15 (+15 days)" in shown
    assert "milestones" not in shown  # the same commit moved a milestone: not this deliverable's change
    assert "title" not in shown.split("\n", 1)[1]  # wording and records are left out
    everything = _show_history(client, uri, "status")
    assert "results.milestones[id=playbook-draft].due" in everything


def _show_history(client: Client, uri: str, field: str) -> str:
    shown = client.request("workspace/executeCommand", {"command": "agreed.showHistory", "arguments": [uri, field]})
    assert isinstance(shown, str)
    return shown


def test_consent_per_party_from_the_records_on_disk_and_stale_after_a_material_change(
        client: Client, repo: Path, key: tuple[Path, str]) -> None:
    uri = _open(client, repo / FILE)
    assert _titles(client, uri)[None].endswith(" · awaiting: maria, daniel")

    _consent(repo, "maria", key[0])  # signed: valid before it is committed
    assert _titles(client, uri)[None].endswith(" · consented: maria · awaiting: daniel")

    _consent(repo, "daniel")
    _commit(repo, "Daniel consents", DANIEL, "Daniel Okafor")  # author-email evidence
    titles = _titles(client, uri)
    assert all(title.endswith(" · consented: maria, daniel") for title in titles.values())

    _edit(repo, CHECKLIST_DUE, "      due: 2031-05-31\n")
    _commit(repo, "Move the checklist", MARIA, "Maria Chen")
    assert _titles(client, uri)["playbook"].endswith(" · stale: maria, daniel")


def test_the_buffer_is_not_the_history_a_new_deliverable_is_not_committed_yet(client: Client, repo: Path) -> None:
    uri = _open(client, repo / FILE)
    committed = _titles(client, uri)["checklist"]
    text = (repo / FILE).read_text(encoding="utf-8").replace(CHECKLIST_DUE, "      due: 2031-06-30\n", 1)
    new = ("    - id: training\n      what: Two training sessions for the 12 onboarding managers\n"
           "      owner: maria\n      for: [daniel]\n      due: 2031-05-31\n")
    text = text.replace("    - id: playbook\n", new + "    - id: playbook\n", 1)
    client.change(uri, text, 2)
    client.next_diagnostics(uri)
    titles = _titles(client, uri)
    assert titles["training"].startswith("not committed yet · awaiting: maria, daniel")
    assert titles["checklist"] == committed  # the unsaved edit is no commit
    commands = {lens["data"]["deliverable"]: lens["command"]["command"] for lens in _lenses(client, uri)}
    assert commands["training"] == ""  # no history to show: the lens is its text alone
    assert commands["checklist"] == "agreed.showHistory"


@pytest.mark.parametrize("field", ["results.deliverables[id=nope]", "bogus"])
def test_the_history_of_a_field_no_version_holds_is_refused_as_the_command_line_refuses_it(
        client: Client, repo: Path, field: str) -> None:
    uri = _open(client, repo / FILE)
    answer = client.answer("workspace/executeCommand", {"command": "agreed.showHistory", "arguments": [uri, field]})
    ran = subprocess.run([sys.executable, "-m", "agreed", "history", str(FILE), "--field", field], cwd=repo,
                         capture_output=True, text=True, check=False)
    assert ran.returncode == 2
    assert answer["error"]["code"] == -32803  # RequestFailed, the message only (no traceback in data)
    assert answer["error"]["message"] == f"no history: bad --field {field!r}: no version of the agreement has it"
    assert not answer["error"].get("data")
    assert f"bad --field {field!r}: no version of the agreement has it" in ran.stderr
    assert "Propose" in _show_history(client, uri, "results.deliverables[id=checklist]")  # a known one is shown


def test_an_unsaved_buffer_has_no_lenses(client: Client, repo: Path) -> None:
    uri = "untitled:Untitled-1"
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": (repo / FILE).read_text(encoding="utf-8")}})
    client.next_diagnostics(uri)
    assert client.request("textDocument/codeLens", {"textDocument": {"uri": uri}}) == []


def test_a_buffer_broken_mid_edit_keeps_the_lenses_of_its_last_version_that_loaded(client: Client,
                                                                                   repo: Path) -> None:
    uri = _open(client, repo / FILE)
    before = _titles(client, uri)
    client.change(uri, (repo / FILE).read_text(encoding="utf-8") + "results: [unclosed\n", 2)
    client.next_diagnostics(uri, lambda found: bool(found))
    assert _titles(client, uri) == before
    never_loaded = client.open(repo / "contracts" / "broken.yaml", "id: [unclosed\n")
    client.next_diagnostics(never_loaded)
    assert client.request("textDocument/codeLens", {"textDocument": {"uri": never_loaded}}) == []


def test_a_file_git_does_not_hold_says_so(client: Client, repo: Path) -> None:
    other = repo / "contracts" / "other.yaml"
    other.write_text((repo / FILE).read_text(encoding="utf-8").replace("id: sales-onboarding", "id: other", 1),
                     encoding="utf-8")
    titles = _titles(client, _open(client, other))
    assert titles[None].startswith("not committed yet · ")
    assert titles["checklist"].startswith("not committed yet · ")


def test_outside_a_repository_the_lens_says_why(tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "agreement.yaml")
    with _server(folder) as (started, _):
        titles = _titles(started, _open(started, folder / "agreement.yaml"))
        assert titles[None] == f"no history: {folder / 'agreement.yaml'} is not inside a git repository"
        assert titles["checklist"] == titles[None]
        assert started.process.poll() is None  # the server lives on


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_says_so_in_the_words_of_lint(client: Client, repo: Path) -> None:
    pipe = repo / "contracts" / "pipe.yaml"
    os.mkfifo(pipe)
    uri = client.open(pipe, (repo / FILE).read_text(encoding="utf-8"))  # what the editor shows of it
    client.next_diagnostics(uri)
    lenses = _lenses(client, uri)
    assert {lens["command"]["title"] for lens in lenses} == {f"no history: {pipe} is a named pipe, not a regular file"}
    assert {lens["command"]["command"] for lens in lenses} == {""}  # nothing to show
    linted = subprocess.run([sys.executable, "-m", "agreed", "lint", str(pipe)], cwd=repo, capture_output=True,
                            text=True, check=False, timeout=30)
    assert "is a named pipe, not a regular file" in linted.stdout
    assert _titles(client, _open(client, repo / FILE))[None].startswith("last material change ")


def test_a_shallow_clone_says_its_history_is_incomplete(repo: Path, tmp_path: Path) -> None:
    _edit(repo, CHECKLIST_DUE, "      due: 2031-04-15\n")
    _commit(repo, "Move the checklist", DANIEL, "Daniel Okafor")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(clone)], check=True, capture_output=True)
    with _server(clone) as (started, _):
        titles = _titles(started, _open(started, clone / FILE))
        assert titles[None].startswith("history incomplete in this shallow clone (git fetch --unshallow) · ")


def test_lenses_asked_again_reuse_the_work_until_head_or_the_consent_records_change(repo: Path,
                                                                                     key: tuple[Path, str]) -> None:
    lenses, file = Lenses(), (repo / FILE).resolve()
    first = lenses.title(file, None)
    assert lenses.title(file, "checklist").startswith("last material change ")
    assert lenses.title(file, None) == first
    assert lenses.worked_out == 1
    _consent(repo, "maria", key[0])
    assert lenses.title(file, None) != first
    assert lenses.worked_out == 2
    _commit(repo, "Maria consents", MARIA, "Maria Chen")
    lenses.title(file, None)
    assert lenses.worked_out == 3
    lenses.title(file, "playbook")
    assert lenses.worked_out == 3


def test_consent_counts_the_roster_the_configuration_names(repo: Path) -> None:
    lenses, file = Lenses(), (repo / FILE).resolve()
    _consent(repo, "daniel")
    _commit(repo, "Daniel consents from his other address", "daniel@elsewhere.example", "Daniel Okafor")
    assert lenses.title(file, None).endswith(" · awaiting: maria, daniel")
    (repo / ".agreed.yaml").write_text("people: people.yaml\n", encoding="utf-8")
    (repo / "people.yaml").write_text("people:\n  - id: daniel\n    name: Daniel Okafor\n"
                                      "    email: daniel@elsewhere.example\n", encoding="utf-8")
    assert lenses.title(file, None).endswith(" · consented: daniel · awaiting: maria")


@pytest.mark.parametrize("arguments", [[], ["status"], [1, "status"]], ids=["none", "one", "not-a-uri"])
def test_the_history_command_without_a_file_and_a_field_is_invalid_params(client: Client, repo: Path,
                                                                          arguments: list[object]) -> None:
    answer = client.answer("workspace/executeCommand", {"command": "agreed.showHistory", "arguments": arguments})
    assert answer["error"]["code"] == -32602  # InvalidParams
    assert answer["error"]["message"] == "agreed.showHistory takes two strings, a file URI and a field such as 'status'"
    assert "Propose" in _show_history(client, (repo / FILE).as_uri(), "status")

