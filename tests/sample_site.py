"""The sample pages the browser tests and the README images are made from, and the one way to start the browser.

:func:`sample_repository` writes a git repository holding a copy of the shipped ``contracts/`` with a short history
(both parties of the complete example consent by author email, a material change follows and only one of them
consents again, then a deliverable is recorded as delivered), so the renegotiation timeline and the consent panel
have something to show.
:func:`build_site` runs the real ``agreed site`` over it, :func:`render_html` the real ``agreed render``. Every date is
fixed, so the same sources give the same pages.

:func:`launch_chromium` starts Debian's chromium through playwright (never a downloaded browser).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

REPO_ROOT = Path(__file__).resolve().parents[1]
SHIPPED_CONTRACTS = REPO_ROOT / "contracts"
TODAY = "2031-06-01"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run")

COMPLETE_EXAMPLE = "contracts/sales-onboarding.yaml"
_MARIA = ("Maria Chen", "maria.chen@example.com")
_DANIEL = ("Daniel Okafor", "daniel.okafor@example.com")
_EDITOR = ("Sam Editor", "sam.editor@example.org")


class SampleError(RuntimeError):
    """A step building the sample pages failed (its command and output are in the message)."""


def _environment(author: tuple[str, str], date: str) -> dict[str, str]:
    name, email = author
    return {**os.environ, "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": "CI",
            "GIT_COMMITTER_EMAIL": "ci@example.org", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C.UTF-8", "TZ": "UTC"}


def _run(command: list[str], cwd: Path, author: tuple[str, str] = _EDITOR,
         date: str = "2031-01-02T09:00:00+00:00") -> str:
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300,
                               env=_environment(author, date), check=False)
    if completed.returncode != 0:
        raise SampleError(f"{' '.join(command)} exited {completed.returncode}:\n{completed.stdout}{completed.stderr}")
    return completed.stdout


def agreed(*arguments: str, cwd: Path) -> str:
    """Run the installed ``agreed`` command line (``python -m agreed``) in ``cwd``; its standard output."""
    return _run([sys.executable, "-m", "agreed", *arguments], cwd)


def _commit(repo: Path, message: str, author: tuple[str, str], date: str) -> None:
    _run(["git", "add", "-A"], repo, author, date)
    _run(["git", "commit", "-q", "-m", message], repo, author, date)


def replace_item_line(text: str, item_id: str, field: str, replace: str) -> str:
    """``text`` with the ``FIELD:`` line of its list item ``- id: ITEM_ID`` replaced by ``replace`` (whole lines)."""
    found = re.search(rf"- id: {re.escape(item_id)}\n(?:(?!\s*- id:).*\n)*?( +{re.escape(field)}: .*\n)", text)
    if found is None:
        raise SampleError(f"no {field} line in the item {item_id}")
    return text[:found.start(1)] + replace + text[found.end(1):]


def _replace_in_item(path: Path, item_id: str, field: str, replace: str) -> None:
    path.write_text(replace_item_line(path.read_text(encoding="utf-8"), item_id, field, replace), encoding="utf-8")


def _sign(repo: Path, party: str, author: tuple[str, str], date: str) -> None:
    """Record ``party``'s consent to the complete example with ``agreed sign``, at ``date`` (the command stamps the
    wall clock; the sample pins it so the pages do not change from one day to the next), committed by ``author``."""
    agreed("sign", COMPLETE_EXAMPLE, "--as", party, cwd=repo)
    stamp = date.replace("+00:00", "Z")
    for line in _run(["git", "ls-files", "--others", "--exclude-standard", "contracts/.consent"], repo).splitlines():
        record = repo / line
        text = record.read_text(encoding="utf-8")
        record.write_text(re.sub(r'signed_at: "[^"]*"', f'signed_at: "{stamp}"', text), encoding="utf-8")
    _commit(repo, f"Consent of {party}", author, date)


def sample_repository(root: Path, *, extra: dict[str, str] | None = None) -> Path:
    """A new git repository at ``root`` with a copy of the shipped contracts and a short history; ``extra`` maps
    further repository-relative paths to their text (added in the first commit). The repository's root."""
    root.mkdir(parents=True, exist_ok=True)
    _run(["git", "init", "-q", "-b", "main"], root)
    shutil.copytree(SHIPPED_CONTRACTS, root / "contracts", ignore=shutil.ignore_patterns(".consent"))
    example = root / COMPLETE_EXAMPLE
    # The parties consent by committing their record as themselves: author-email evidence needs no keys, so every
    # commit, and every page, is the same from one run to the next.
    text, found = re.subn(r"(?m)^(consent:\n  evidence: ).*$", r"\1[author-email]",
                          example.read_text(encoding="utf-8"), count=1)
    if found != 1:
        raise SampleError(f"{COMPLETE_EXAMPLE}: no consent.evidence line to set")
    example.write_text(text, encoding="utf-8")
    for relative, text in (extra or {}).items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    _commit(root, "Agreements as proposed", _EDITOR, "2031-01-02T09:00:00+00:00")
    _sign(root, "maria", _MARIA, "2031-01-03T10:00:00+00:00")
    _sign(root, "daniel", _DANIEL, "2031-01-04T11:00:00+00:00")
    _replace_in_item(example, "checklist", "due", "      due: 2031-04-30\n")
    _commit(root, "Scoping checklist due a month later", _DANIEL, "2031-02-10T15:00:00+00:00")
    _sign(root, "maria", _MARIA, "2031-02-11T08:30:00+00:00")
    _replace_in_item(example, "checklist", "due", "      due: 2031-04-30\n      delivered_on: 2031-04-28\n")
    _commit(root, "Scoping checklist delivered", _MARIA, "2031-04-28T16:00:00+00:00")
    return root


def build_site(repository: Path, output: Path, sources: str = "contracts/") -> Path:
    """``agreed site SOURCES -o OUTPUT --today 2031-06-01`` run in ``repository``; the output folder."""
    agreed("site", sources, "-o", str(output), "--today", TODAY, cwd=repository)
    return output


def render_html(repository: Path, agreement: str, output: Path) -> Path:
    """``agreed render AGREEMENT --format html -o OUTPUT`` run in ``repository``; the written page."""
    agreed("render", agreement, "--format", "html", "-o", str(output), cwd=repository)
    return output


HOSTILE_FOLDER = "hostile/"  # outside contracts/, so the site of the shipped examples does not show it
HOSTILE = f"{HOSTILE_FOLDER}hostile-text.yaml"
HOSTILE_SITE_ID = "hostile-text"


def hostile_agreement() -> str:
    """The complete example with a ``<script>`` in its title and in a deliverable (each setting a global when run),
    and a Markdown link and a ``javascript:`` link in the deliverable's text."""
    text = (REPO_ROOT / COMPLETE_EXAMPLE).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", f"id: {HOSTILE_SITE_ID}", text, count=1)
    text = re.sub(r"(?m)^title: .*$", "title: '<script>window.agreedInjected = \"title\"</script> Hostile text'",
                  text, count=1)
    what = ("      what: '<script>window.agreedInjected = \"deliverable\"</script> Scoping checklist, see "
            "[the guide](https://example.org/guide) and [this](javascript:window.agreedInjected=1)'\n")
    return replace_item_line(text, "checklist", "what", what)


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's chromium, headless, with no network services of its own (the caller closes it)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True)
