"""``agreed lsp --docs-url URL``: each finding links its rule's section of docs/rules.md under URL, spoken over the
server's standard streams as an editor hears it; a URL that is no base stops the server before it starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lsp_client import Client, repository_with

BASE = "https://github.com/owner/agreed/tree/v1.2.0"


def vague_findings(client: Client, folder: Path) -> list[dict[str, object]]:
    """The diagnostics of the example agreement with a deliverable rewritten to vague words, typed unsaved."""
    path = folder / "contracts" / "sales-onboarding.yaml"
    text = path.read_text(encoding="utf-8")
    uri = client.open(path, text)
    client.next_diagnostics(uri)
    lines = text.splitlines()
    line = next(number for number, each in enumerate(lines) if "    what: " in each)
    lines[line] = lines[line][: lines[line].index("what:")] + "what: Improve onboarding ASAP, etc."
    client.change(uri, "\n".join(lines) + "\n", 2)
    return client.next_diagnostics(uri, lambda diagnostics: bool(diagnostics))


def test_each_finding_links_its_rules_section_under_the_base_given(tmp_path: Path) -> None:
    folder = repository_with(tmp_path, "sales-onboarding.yaml")
    client = Client(folder, "--docs-url", BASE + "/")
    try:
        client.initialize()
        found = vague_findings(client, folder)
    finally:
        client.close()
    assert len({diagnostic["code"] for diagnostic in found}) > 1
    for diagnostic in found:
        assert diagnostic["codeDescription"] == {"href": f"{BASE}/docs/rules.md#{str(diagnostic['code']).lower()}"}


def test_without_a_base_no_finding_is_linked(tmp_path: Path) -> None:
    folder = repository_with(tmp_path, "sales-onboarding.yaml")
    client = Client(folder)
    try:
        client.initialize()
        found = vague_findings(client, folder)
    finally:
        client.close()
    assert found
    assert all("codeDescription" not in diagnostic for diagnostic in found)  # the package declares no project URL


def test_a_url_that_is_no_base_is_a_usage_error_before_the_server_starts(tmp_path: Path) -> None:
    ran = subprocess.run([sys.executable, "-m", "agreed", "lsp", "--docs-url", "example.org/agreed"], cwd=tmp_path,
                         capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False, timeout=60)
    assert ran.returncode == 2
    assert "--docs-url" in ran.stderr
    assert "Traceback" not in ran.stderr
    assert not ran.stdout
