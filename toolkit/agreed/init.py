"""``agreed init``: set up a git repository for agreements, without ever overwriting what its users wrote.

What it sets up, each step reported as one :class:`Action`:

- ``contracts/_template.yaml``: the shipped template (a guide to copy, and a valid draft, so lint has a file);
- ``schema/agreement.schema.json``: a copy of the packaged schema, which the template's editor modeline points at;
- ``.agreed.yaml``: the configuration, every setting commented out (the defaults apply);
- ``.pre-commit-config.yaml``: a hook ``agreed`` (a ``local`` hook running the installed ``agreed lint``);
- ``.gitattributes`` lines ``contracts/**/*.[yY][aA][mM][lL] diff=agreed`` (and ``*.[yY][mM][lL]``: every case,
  as every command takes ``a.YAML`` for an agreement) and the repository's local git setting
  ``diff.agreed.command = agreed diff --git-driver``, so ``git diff`` shows semantic changes;
- CI: ``.github/workflows/agreed.yml`` or a job ``agreed`` in ``.gitlab-ci.yml`` (templates in ``data/ci/``);
  on request (:class:`CiExtras`) also a Pages site (``agreed site``: ``.github/workflows/agreed-pages.yml`` or a job
  ``pages``) and a scheduled reminder (``agreed due``, posted to one issue it keeps up to date:
  ``.github/workflows/agreed-due.yml`` or a job ``agreed-due`` for a GitLab pipeline schedule);
- on request (``editor="vscode"``): ``.vscode/extensions.json`` recommending the YAML extension and
  ``.vscode/settings.json`` mapping the schema copy to the agreement files (``yaml.schemas``), each merged into the
  user's file at its own indentation; a file that is not a plain JSON object (comments are common there) is left,
  with what to add; an extension the user marked unwanted is not recommended.

Files that init owns whole (template, schema copy, ``.agreed.yaml``, the workflows) are created when missing and
replaced only with ``force``. Files shared with other tools are never rewritten: ``.gitattributes`` only gets the
lines it lacks (and its own older, case-sensitive lines are replaced where they stand);
``.pre-commit-config.yaml`` and ``.gitlab-ci.yml`` are created when missing, and otherwise, when
they lack the hook or a job, the action carries the text to add by hand (``snippet``, written to be pasted as it is:
the GitLab job at column 0, the pre-commit hook at the indentation of the file's own ``repos:`` items) and where to
add it (``instruction``). Running it twice changes nothing.

The git setting is read and written in the repository's own configuration (``git config --local``) through the git
adapter (:func:`agreed.git.config.config_get` and :func:`~agreed.git.config.config_set`);
this is the only place that writes git settings.
"""

from __future__ import annotations

import enum
import json
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from agreed.atomic import RefusedTarget, write_atomically
from agreed.errors import AgreedError
from agreed.git.config import config_get, config_set
from agreed.git.repository import GitError, Repository
from agreed.reading import Unreadable, read_optional_text
from agreed.schema import schema_path, template_path
from agreed.settings import CONFIG_FILE
from agreed.sources import AGREEMENT_SUFFIXES, DEFAULT_FOLDER
from agreed.yaml_io import load_plain

CI_CHOICES = ("github", "gitlab", "none")
EDITOR_CHOICES = ("vscode", "none")
DIFF_DRIVER_KEY = "diff.agreed.command"
DIFF_DRIVER_COMMAND = "agreed diff --git-driver"


def _any_case(suffix: str) -> str:
    return "".join(f"[{letter.lower()}{letter.upper()}]" if letter.isalpha() else letter for letter in suffix)


# The agreements of agreed.sources as glob patterns: gitattributes and yaml.schemas patterns are case-sensitive, so
# each letter of the suffix is a bracket of both cases
AGREEMENT_GLOBS = tuple(f"{DEFAULT_FOLDER}/**/*{_any_case(suffix)}" for suffix in AGREEMENT_SUFFIXES)
ATTRIBUTE_LINES = tuple(f"{pattern} diff=agreed" for pattern in AGREEMENT_GLOBS)
# what earlier versions of init wrote, matching only the lower-case suffixes: each is upgraded in place
OLD_ATTRIBUTE_LINES = {"contracts/**/*.yaml diff=agreed": ATTRIBUTE_LINES[0],
                       "contracts/**/*.yml diff=agreed": ATTRIBUTE_LINES[1]}
HOOK_ID = "agreed"
GITLAB_JOB = "agreed"

TEMPLATE_FILE = "contracts/_template.yaml"
SCHEMA_FILE = "schema/agreement.schema.json"
PRE_COMMIT_FILE = ".pre-commit-config.yaml"
ATTRIBUTES_FILE = ".gitattributes"
GITHUB_WORKFLOW = ".github/workflows/agreed.yml"
GITHUB_PAGES_WORKFLOW = ".github/workflows/agreed-pages.yml"
GITHUB_DUE_WORKFLOW = ".github/workflows/agreed-due.yml"
GITLAB_FILE = ".gitlab-ci.yml"
GITLAB_PAGES_JOB = "pages"  # the name GitLab publishes Pages from
GITLAB_DUE_JOB = "agreed-due"
VSCODE_EXTENSIONS_FILE = ".vscode/extensions.json"
VSCODE_SETTINGS_FILE = ".vscode/settings.json"
YAML_EXTENSION = "redhat.vscode-yaml"  # its yaml.schemas setting gives agreements the schema without a modeline
SCHEMAS_SETTING = "yaml.schemas"
SCHEMA_KEY = f"./{SCHEMA_FILE}"  # relative to the workspace folder, the repository
# The files yaml.schemas gives the schema copy: the agreements, where yaml-language-server's matcher finds them (it
# skips hidden folders and files, so consent records in .consent/ are left out without a pattern of their own)
SCHEMA_GLOBS = AGREEMENT_GLOBS
DEFAULT_JSON_INDENT = " " * 4  # of a .vscode file init creates, or one without an indented line

PRE_COMMIT_HOOK = """\
  - repo: local  # runs the agreed installed on the committer's machine (pip install agreed)
    hooks:
      - id: agreed
        name: agreed lint
        entry: agreed lint
        language: system
        files: ^contracts/.*\\.ya?ml$
        exclude: (^|/)\\.consent/  # consent records are not agreements
        types: [yaml]
        require_serial: true  # cross-file rules must see every agreement at once
"""

PRE_COMMIT_CONFIG = f"""\
# Written by agreed init. Enable with: pre-commit install
repos:
{PRE_COMMIT_HOOK}\
  # Or the hook of the agreed repository itself (pre-commit then installs agreed in its own environment):
  # - repo: <url of the agreed repository>
  #   rev: <tag or commit>
  #   hooks:
  #     - id: agreed
"""

AGREED_CONFIG = """\
# Configuration of agreed (README, "Configuration"). Every setting is commented out: the defaults apply.
# fail-on: error                  # the --fail-on default: error | warning | info | never
# include: ["contracts/**/*.yaml", "contracts/**/*.yml"]   # default: every *.yaml and *.yml of a folder
# exclude: [contracts/archive/]   # gitignore-style, relative to this file
# rules:                          # by code, name or category: off | info | warning | error
#   V109: off
#   T305:
#     options: {max-gap-days: 60}
# per-file-ignores:
#   "contracts/legacy/*.yaml": [V101]
# vague-terms: [synergy]          # your team's own vague words (rule V110)
# allowed-terms: [best effort tier]
# people: people.yaml             # a roster of people that parties are checked against
# site: {url: https://example.github.io/agreements/}   # where agreed site is published: calendar events link there
"""


class Outcome(enum.Enum):
    CREATED = "created"
    UPDATED = "updated"  # replaced (with force) or extended (lines added)
    UNCHANGED = "unchanged"  # already as init would write it, or as the user chose (an extension marked unwanted)
    KEPT = "kept"  # differs from what init writes; replaced only with force
    MANUAL = "add by hand"  # a shared file without agreed's part: ``snippet`` says what to add


@dataclass(frozen=True, slots=True)
class Action:
    """What init did (or left) at one place: a repo-relative file, or the git setting. For :attr:`Outcome.MANUAL`,
    ``snippet`` is the text to add, exactly as it is to be pasted, and ``instruction`` says where (one line ending in
    a colon, e.g. ``append this to .gitlab-ci.yml:``)."""

    target: str
    outcome: Outcome
    note: str = ""
    snippet: str = ""
    instruction: str = ""


@dataclass(frozen=True, slots=True)
class CiExtras:
    """The CI jobs init adds beside the ``agreed`` one, when asked: ``pages`` publishes ``agreed site`` on GitHub or
    GitLab Pages, ``due_reminder`` posts ``agreed due`` on a schedule to one issue it keeps up to date."""

    pages: bool = False
    due_reminder: bool = False


@dataclass(frozen=True, slots=True)
class _CiPart:
    """One CI job of init's: its templates are ``data/ci/{github,gitlab}-<template>.yml``; on GitHub it is the
    workflow ``github_file``, on GitLab the job ``gitlab_job`` of ``.gitlab-ci.yml``. ``github_note`` and
    ``gitlab_note`` say what the user still has to do once it is written."""

    template: str
    github_file: str
    gitlab_job: str
    github_note: str = ""
    gitlab_note: str = ""


_AGREED = _CiPart("agreed", GITHUB_WORKFLOW, GITLAB_JOB,
                  github_note="then set the agreed action it uses: the line marked PLACEHOLDER")
_PAGES = _CiPart("pages", GITHUB_PAGES_WORKFLOW, GITLAB_PAGES_JOB,
                 github_note="then Settings > Pages > Source: GitHub Actions",
                 gitlab_note="mind who may see it: Settings > General > Visibility > Pages")
_DUE = _CiPart("due", GITHUB_DUE_WORKFLOW, GITLAB_DUE_JOB,
               gitlab_note="then add a pipeline schedule and a masked CI variable AGREED_DUE_TOKEN (api scope)")


def _ci_parts(extras: CiExtras) -> list[_CiPart]:
    return [_AGREED, *([_PAGES] if extras.pages else []), *([_DUE] if extras.due_reminder else [])]


class InitError(AgreedError):
    """A step could not be carried out (unwritable file, git failing); ``str(error)`` is one line for users."""


def initialise(root: Path, ci: str, *, force: bool = False, extras: CiExtras = CiExtras(),
               editor: str = "none") -> list[Action]:
    """Set up the repository whose work tree is ``root``; ``ci`` is one of :data:`CI_CHOICES`; ``extras`` (which
    need a CI) are the jobs to add beside the ``agreed`` one; ``editor`` (one of :data:`EDITOR_CHOICES`) is the
    editor whose workspace files to write."""
    if ci not in CI_CHOICES:
        raise ValueError(f"ci must be one of {', '.join(CI_CHOICES)}, not {ci!r}")
    if editor not in EDITOR_CHOICES:
        raise ValueError(f"editor must be one of {', '.join(EDITOR_CHOICES)}, not {editor!r}")
    if ci == "none" and (extras.pages or extras.due_reminder):
        raise ValueError("the Pages and due-reminder jobs need a CI: github or gitlab")
    steps: list[Callable[[], Action]] = [
        lambda: _own_file(root, TEMPLATE_FILE, template_path().read_text(encoding="utf-8"), force),
        lambda: _own_file(root, SCHEMA_FILE, schema_path().read_text(encoding="utf-8"), force),
        lambda: _own_file(root, CONFIG_FILE, AGREED_CONFIG, force),
        lambda: _pre_commit(root),
        lambda: _attributes(root),
        lambda: _diff_driver(root, force),
    ]
    parts = _ci_parts(extras)
    if ci == "github":
        steps.extend(_github_step(root, part, force) for part in parts)
    elif ci == "gitlab":
        steps.append(lambda: _gitlab(root, parts))
    if editor == "vscode":
        steps.append(lambda: _vscode_file(root, VSCODE_EXTENSIONS_FILE, {"recommendations": [YAML_EXTENSION]},
                                          _with_recommendation, f"the recommendation {YAML_EXTENSION!r}"))
        steps.append(lambda: _vscode_file(root, VSCODE_SETTINGS_FILE, {SCHEMAS_SETTING: {SCHEMA_KEY: [*SCHEMA_GLOBS]}},
                                          _with_schema, f"the schema in {SCHEMAS_SETTING!r}"))
    return [step() for step in steps]


def ci_template(platform: str, job: str = "agreed") -> str:
    """The shipped CI file for ``github`` (a workflow) or ``gitlab`` (one job) of ``job``: ``agreed`` (lint, diff,
    consent), ``pages`` (the site on Pages) or ``due`` (the scheduled reminder)."""
    return resources.files("agreed").joinpath("data", "ci", f"{platform}-{job}.yml").read_text(encoding="utf-8")


def _github_step(root: Path, part: _CiPart, force: bool) -> Callable[[], Action]:
    return lambda: _own_file(root, part.github_file, ci_template("github", part.template), force, part.github_note)


# -- files ---------------------------------------------------------------------------------------------------------


def _read(path: Path) -> str | None:
    text = read_optional_text(path)
    if isinstance(text, Unreadable):
        raise InitError(f"cannot read {path}: {text.detail}")
    return text


def _write(root: Path, relative: str, text: str) -> None:
    """Write the repository file ``relative``, atomically; never outside the work tree ``root`` (a committed link
    that leads elsewhere is refused) nor in a git directory."""
    path = root / relative
    try:
        write_atomically(path, text, overwrite=True, inside=root)
    except RefusedTarget as error:
        raise InitError(f"not writing {relative}: {error}") from None
    except OSError as error:
        raise InitError(f"cannot write {path}: {error.strerror or error}") from None


def _own_file(root: Path, relative: str, text: str, force: bool, written_note: str = "") -> Action:
    """``written_note``: what the user still has to do once the file is written."""
    current = _read(root / relative)
    if current == text:
        return Action(relative, Outcome.UNCHANGED)
    if current is not None and not force:
        return Action(relative, Outcome.KEPT, "differs from what agreed init writes; --force replaces it")
    _write(root, relative, text)
    return Action(relative, Outcome.CREATED if current is None else Outcome.UPDATED, written_note)


def _shared_file(root: Path, relative: str, text: str, has_ours: Callable[[Any], bool], what: str,
                 to_add: Callable[[str], tuple[str, str]]) -> Action:
    """Create ``relative`` as ``text`` when missing; else leave it, and when it lacks ``what`` say what to add by
    hand: ``to_add(current text)`` gives the snippet and the instruction."""
    current = _read(root / relative)
    if current is None:
        _write(root, relative, text)
        return Action(relative, Outcome.CREATED)
    if has_ours(load_plain(current)):
        return Action(relative, Outcome.UNCHANGED, f"already has {what}")
    snippet, instruction = to_add(current)
    return Action(relative, Outcome.MANUAL, f"has no {what}; not editing a file of yours", snippet, instruction)


def _pre_commit(root: Path) -> Action:
    return _shared_file(root, PRE_COMMIT_FILE, PRE_COMMIT_CONFIG, _has_hook, f"hook '{HOOK_ID}'", _hook_to_add)


_REPOS_KEY = re.compile(r"repos:[ \t]*(#.*)?")
_ITEM = re.compile(r"( *)- ")
_TOP_LEVEL_KEY = re.compile(r"[^\s#-]")


def _hook_to_add(config: str) -> tuple[str, str]:
    """The hook ``agreed`` to add by hand to the pre-commit configuration ``config`` (its text), and where.

    The hook is one more item of the ``repos:`` list, indented like the list's own items (``- repo:`` at column 0,
    2, ...), so that it parses where it is pasted. When ``repos:`` is the file's last top-level key it is simply
    appended to the file; else it goes at the end of that list. Returns ``(snippet, instruction)``.
    """
    lines = config.splitlines()
    start = next((number for number, line in enumerate(lines) if _REPOS_KEY.fullmatch(line)), None)
    items = [] if start is None else [line for line in lines[start + 1:] if line.strip() and
                                      not line.lstrip().startswith("#")]
    first = _ITEM.match(items[0]) if items else None
    if first is None:  # no block list under repos: (missing, empty or in flow style)
        return PRE_COMMIT_HOOK, f"add this as an item of the 'repos:' list in {PRE_COMMIT_FILE}:"
    snippet = textwrap.indent(textwrap.dedent(PRE_COMMIT_HOOK), first.group(1))
    if any(_TOP_LEVEL_KEY.match(line) for line in items):
        return snippet, f"add this at the end of the 'repos:' list in {PRE_COMMIT_FILE}:"
    return snippet, f"append this to {PRE_COMMIT_FILE}:"


def _has_hook(config: Any) -> bool:
    repos = config.get("repos") if isinstance(config, dict) else None
    return isinstance(repos, list) and any(
        isinstance(hook, dict) and hook.get("id") == HOOK_ID
        for repo in repos if isinstance(repo, dict) and isinstance(repo.get("hooks"), list)
        for hook in repo["hooks"])


def _gitlab(root: Path, parts: list[_CiPart]) -> Action:
    """Create ``.gitlab-ci.yml`` with the jobs of ``parts`` when it is missing; else never edit it, and when it
    lacks some of them, say what to append by hand (the missing jobs, each at column 0, as they are shipped)."""
    current = _read(root / GITLAB_FILE)
    if current is None:
        _write(root, GITLAB_FILE, _gitlab_jobs(parts))
        return Action(GITLAB_FILE, Outcome.CREATED, _notes(parts))
    config = load_plain(current)
    missing = [part for part in parts if not (isinstance(config, dict) and part.gitlab_job in config)]
    if not missing:
        return Action(GITLAB_FILE, Outcome.UNCHANGED, f"already has {_jobs(parts)}")
    note = "; ".join(filter(None, (f"has no {_jobs(missing)}; not editing a file of yours", _notes(missing))))
    return Action(GITLAB_FILE, Outcome.MANUAL, note, _gitlab_jobs(missing), f"append this to {GITLAB_FILE}:")


def _gitlab_jobs(parts: list[_CiPart]) -> str:
    """The shipped GitLab jobs of ``parts``, a blank line between them."""
    return "\n".join(ci_template("gitlab", part.template) for part in parts)


def _notes(parts: list[_CiPart]) -> str:
    return "; ".join(part.gitlab_note for part in parts if part.gitlab_note)


def _jobs(parts: list[_CiPart]) -> str:
    return f"job{'s' * (len(parts) != 1)} {', '.join(repr(part.gitlab_job) for part in parts)}"


def _attributes(root: Path) -> Action:
    """Add the lines of :data:`ATTRIBUTE_LINES` that ``.gitattributes`` lacks. An older line of init's own is
    replaced where it stands rather than followed by the new one: a later line of the user's (``contracts/x.yaml
    -diff``) must still come after it, as git lets the last matching line win."""
    current = _read(root / ATTRIBUTES_FILE)
    lines = (current or "").splitlines(keepends=True)  # a replaced line keeps its line ending
    present = {line.strip() for line in lines}
    upgraded = [_upgraded(line, present) for line in lines]
    replaced = [line.strip() for line, new in zip(lines, upgraded, strict=True) if new != line]
    present = {line.strip() for line in upgraded if line is not None}
    missing = [line for line in ATTRIBUTE_LINES if line not in present]
    if not missing and not replaced:
        return Action(ATTRIBUTES_FILE, Outcome.UNCHANGED)
    text = "".join(line for line in upgraded if line is not None)
    if text and not text.endswith("\n"):
        text += "\n"
    _write(root, ATTRIBUTES_FILE, text + "".join(line + "\n" for line in missing))
    notes = [f"replaced {line!r} with {OLD_ATTRIBUTE_LINES[line]!r}" for line in replaced]
    if missing:
        notes.append(f"added {', '.join(repr(line) for line in missing)}")
    return Action(ATTRIBUTES_FILE, Outcome.CREATED if current is None else Outcome.UPDATED, "; ".join(notes))


def _upgraded(line: str, present: set[str]) -> str | None:
    """``line`` of ``.gitattributes``, or its case-insensitive successor when it is an old line of init's; None
    (dropped) when the successor is in the file already."""
    successor = OLD_ATTRIBUTE_LINES.get(line.strip())
    if successor is None:
        return line
    return None if successor in present else successor + line[len(line.rstrip("\r\n")):]


# -- git settings --------------------------------------------------------------------------------------------------


def _diff_driver(root: Path, force: bool) -> Action:
    target = f"git config {DIFF_DRIVER_KEY}"
    try:
        with Repository.open(root) as repository:
            return _set_diff_driver(repository, target, force)
    except GitError as error:
        raise InitError(f"{target} failed: {error}") from None


def _set_diff_driver(repository: Repository, target: str, force: bool) -> Action:
    current = config_get(repository, DIFF_DRIVER_KEY)
    if current == DIFF_DRIVER_COMMAND:
        return Action(target, Outcome.UNCHANGED)
    if current is not None and not force:
        return Action(target, Outcome.KEPT, f"is {current!r}, not {DIFF_DRIVER_COMMAND!r}; --force replaces it")
    config_set(repository, DIFF_DRIVER_KEY, DIFF_DRIVER_COMMAND)
    return Action(target, Outcome.CREATED if current is None else Outcome.UPDATED, f"= {DIFF_DRIVER_COMMAND}")


# -- editor workspace files ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Declined:
    """The user's file says not to add init's entry, for the reason ``why``: it is left, and nothing is asked."""

    why: str


def _vscode_file(root: Path, relative: str, ours: dict[str, Any],
                 merged: Callable[[dict[str, Any]], dict[str, Any] | _Declined | None], what: str) -> Action:
    """Create the JSON file ``relative`` as ``ours`` when missing, else add ``what`` to it: ``merged(existing)`` is
    the file's object with it (itself when it has it already), :class:`_Declined` when the user chose against it,
    or None when the file holds that place otherwise, which is the user's to settle. A file a rewrite would change
    beyond that is left too (:func:`_json_object`); one that is rewritten keeps its indentation."""
    current = _read(root / relative)
    if current is None:
        _write(root, relative, _json_text(ours))
        return Action(relative, Outcome.CREATED)
    existing = _json_object(current)
    updated = merged(existing) if isinstance(existing, dict) else None
    if isinstance(updated, _Declined):
        return Action(relative, Outcome.UNCHANGED, updated.why)
    if not isinstance(existing, dict) or updated is None:
        why = existing if isinstance(existing, str) else f"has {what} otherwise than agreed init writes it"
        return Action(relative, Outcome.MANUAL, f"{why}; not editing a file of yours", _json_text(ours),
                      f"merge this into {relative}:")
    if updated == existing:
        return Action(relative, Outcome.UNCHANGED, f"already has {what}")
    _write(root, relative, _json_text(updated, _indentation(current)))
    return Action(relative, Outcome.UPDATED, f"added {what}")


def _json_object(text: str) -> dict[str, Any] | str:
    """``text`` as a JSON object, or why it is left. VS Code also reads comments and trailing commas, which rewriting
    the file would drop, and a repeated key, of which it would keep one: such a file is left."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError):
        return "is not plain JSON (comments, trailing commas, a repeated key?)"
    return data if isinstance(data, dict) else "is not a JSON object"


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise ValueError("a key is repeated")
    return data



def _indentation(text: str) -> str:
    """The indentation of the JSON ``text``: that of its first indented line (spaces or tabs), else the default."""
    found = re.search(r"^([ \t]+)\S", text, re.MULTILINE)
    return found.group(1) if found else DEFAULT_JSON_INDENT


def _json_text(data: dict[str, Any], indent: str = DEFAULT_JSON_INDENT) -> str:
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"


def _with_recommendation(existing: dict[str, Any]) -> dict[str, Any] | _Declined | None:
    """None when the recommendations are no list; declined when the user marked the YAML extension unwanted."""
    recommendations = existing.get("recommendations", [])
    unwanted = existing.get("unwantedRecommendations", [])
    if isinstance(unwanted, list) and YAML_EXTENSION in unwanted:
        return _Declined(f"its unwantedRecommendations marks {YAML_EXTENSION!r} unwanted; not recommending it")
    if not isinstance(recommendations, list):
        return None
    if YAML_EXTENSION in recommendations:
        return existing
    return {**existing, "recommendations": [*recommendations, YAML_EXTENSION]}


def _with_schema(existing: dict[str, Any]) -> dict[str, Any] | None:
    """None when ``yaml.schemas`` is no object, or maps the schema copy to other files."""
    schemas = existing.get(SCHEMAS_SETTING, {})
    if not isinstance(schemas, dict):
        return None
    mapped = schemas.get(SCHEMA_KEY)
    if mapped == [*SCHEMA_GLOBS]:
        return existing
    if mapped is not None:
        return None
    return {**existing, SCHEMAS_SETTING: {**schemas, SCHEMA_KEY: [*SCHEMA_GLOBS]}}
