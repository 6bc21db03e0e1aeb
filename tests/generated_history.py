"""A long generated history of one agreement, built in about a second with ``git fast-import``: for the history
benchmark (tests/benchmarks/bench_history.py) and the test that history's output does not depend on how versions
are loaded and cached (tests/history/test_long_history.py).

Each commit changes the shipped contracts/sales-onboarding.yaml a little: the outcome deadline slips every third
commit, a target moves, the title's round number goes up every second commit; halfway the file is renamed. With
``varied`` the versions also add and drop deliverables, change the status, and now and then break the YAML (a
version that does not load) or delete the file and bring it back.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[1] / "contracts" / "sales-onboarding.yaml"
OLD_PATH = "contracts/sales-onboarding.yaml"
NEW_PATH = "contracts/enterprise-onboarding.yaml"
ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}

_EXTRA_DELIVERABLE = """\
    - id: extra-{number}
      what: Publish onboarding note {number} to the customer portal
      owner: maria
      due: 2032-{month:02d}-{day:02d}
"""


def version_text(template: str, number: int, *, varied: bool = False) -> str | None:
    """Version ``number`` of the agreement (None where the file is deleted in that commit)."""
    deadline_shift = number // 3  # every third commit slips the deadline by a day
    day = 1 + deadline_shift % 28
    month = 1 + (deadline_shift // 28) % 12
    text = template.replace("  deadline: 2032-06-30", f"  deadline: 2033-{month:02d}-{day:02d}", 1)
    text = text.replace("      target: 30\n", f"      target: {30 + number % 7}\n", 1)
    text = text.replace("title: ", f"title: (rev {number // 2}) ", 1)
    if not varied:
        return text
    if number % 211 == 150:
        return None  # deleted; the next commit brings it back
    if number % 97 == 40:
        return text.replace("results:\n", "results:\n  deadline: [unclosed\n", 1)  # does not load
    extra = "".join(_EXTRA_DELIVERABLE.format(number=index, month=1 + index % 12, day=1 + index % 28)
                    for index in range(number % 5))
    text = text.replace("  deliverables:\n", "  deliverables:\n" + extra, 1)
    if number % 13 == 5:
        text = text.replace("status: active", "status: proposed", 1)
    return text


def fast_import_stream(template: str, versions: int, *, varied: bool = False) -> bytes:
    """A ``git fast-import`` stream of ``versions`` commits on ``main``, renamed from OLD_PATH to NEW_PATH halfway."""
    chunks: list[bytes] = []
    for number in range(versions):
        text = version_text(template, number, varied=varied)
        path = OLD_PATH if number < versions // 2 else NEW_PATH
        message = f"Renegotiate, round {number}".encode()
        stamp = 1_900_000_000 + number * 3600
        chunks.append(b"commit refs/heads/main\n")
        chunks.append(f"mark :{number + 1}\n".encode())
        chunks.append(f"author Maria Chen <maria@example.org> {stamp} +0000\n".encode())
        chunks.append(f"committer Maria Chen <maria@example.org> {stamp} +0000\n".encode())
        chunks.append(f"data {len(message)}\n".encode() + message + b"\n")
        if number:
            chunks.append(f"from :{number}\n".encode())
        if number == versions // 2:
            chunks.append(f"D {OLD_PATH}\n".encode())
        if text is None:
            chunks.append(f"D {path}\n".encode())
            continue
        data = text.encode("utf-8")
        chunks.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
    return b"".join(chunks) + b"done\n"


def build_history(root: Path, versions: int, *, varied: bool = False) -> None:
    """A new repository at ``root`` holding the generated history, its work tree checked out at the last version."""
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, env=ENV, check=True)
    stream = fast_import_stream(TEMPLATE.read_text(encoding="utf-8"), versions, varied=varied)
    subprocess.run(["git", "fast-import", "--quiet", "--done"], cwd=root, env=ENV, input=stream, check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, env=ENV, check=True)
