"""The README's consent demo runs as written: `agreed consent check` passes and fails at the right moments."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
# The exit code of each `agreed consent check` in the demo, in order: nothing active; active without consent;
# one party missing; both consented; after the material renegotiation (stale); both consented again.
EXPECTED_CHECKS = [0, 1, 1, 0, 1, 0]


def _demo() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"### Demo: propose, consent, renegotiate, consent again\n.*?```sh\n(.*?)```", text, re.DOTALL)
    if found is None:
        pytest.fail("the README has no consent demo")
    return found.group(1)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_consent_demo_runs_as_written(tmp_path: Path) -> None:
    # Report each check's exit code; the rest of the block runs exactly as printed.
    script = re.sub(r"^(agreed consent check[^\n#]*?)\s*(#.*)?$", r'\1; echo "check-exit=$?"', _demo(),
                    flags=re.MULTILINE)
    script = script.replace("cd \"$(mktemp -d)\"", f"cd '{tmp_path}'", 1)
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
                   "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    ran = subprocess.run(["bash", "-c", script], cwd=REPO, env=environment, capture_output=True, text=True,
                         check=False, timeout=120)
    assert not re.search(r"error|fatal|traceback", ran.stderr, re.IGNORECASE), ran.stderr  # every step ran
    assert [int(code) for code in re.findall(r"check-exit=(\d+)", ran.stdout)] == EXPECTED_CHECKS, ran.stdout
    assert "results.deadline: 2032-06-30 -> 2032-09-30 (+92 days) [material]" in ran.stdout
    assert "  daniel: stale: consented to older terms" in ran.stdout
    assert "; 1 material change since\n    results.deadline: 2032-06-30 -> 2032-09-30" in ran.stdout
