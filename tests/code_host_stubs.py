"""Stand-ins for the code hosts in the tests of the shipped CI jobs: GitHub's command-line client ``gh`` and ``curl``
against GitLab's REST API. Each keeps the host's issues and labels in ``host.json`` and logs every call (its
arguments, one JSON list a line) in ``calls.jsonl``, both in the folder it is given, so that a test can run a job's
script as written and then look at what it did to the host. They behave as the real ones do where the scripts rely
on it: GitHub's REST list of issues holds pull requests too, gives an empty text as null and comes a page at a time
(``gh api --paginate`` applies ``--jq`` to each page; the stub runs the ``jq`` program, as ``jq -r``); gh refuses an
issue with a label the repository lacks and a label that exists already; GitLab answers 401 to a wrong token.

Run as ``python code_host_stubs.py gh|curl FOLDER ARGUMENTS...``; :func:`install` writes the shims on PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import parse_qsl, urlsplit

HOST_FILE = "host.json"
CALLS_FILE = "calls.jsonl"


@dataclass
class Issue:
    number: int
    title: str
    body: str
    labels: list[str]
    state: str = "open"  # GitHub's open/closed; the GitLab stub answers opened/closed
    pull_request: bool = False  # on GitHub, a pull request is an issue too


@dataclass
class Host:
    """What the code host holds. ``token``: the only token the GitLab API accepts; ``answer``: when set, what the
    GitLab API answers to every request instead (a login page, say)."""

    issues: list[Issue] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    token: str = "token"
    answer: str | None = None

    @classmethod
    def load(cls, folder: Path) -> Host:
        data = json.loads((folder / HOST_FILE).read_text(encoding="utf-8"))
        return cls([Issue(**issue) for issue in data["issues"]], data["labels"], data["token"], data["answer"])

    def save(self, folder: Path) -> None:
        (folder / HOST_FILE).write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")

    def issue(self, number: int) -> Issue | None:
        return next((issue for issue in self.issues if issue.number == number), None)

    def new_issue(self, title: str, body: str, labels: list[str]) -> Issue:
        issue = Issue(max((issue.number for issue in self.issues), default=0) + 1, title, body, labels)
        self.issues.append(issue)
        return issue


def install(folder: Path, bin_folder: Path, host: Host) -> None:
    """Put ``gh`` and ``curl`` stubs in ``bin_folder``, answering from ``host`` (kept in ``folder``)."""
    folder.mkdir(parents=True, exist_ok=True)
    bin_folder.mkdir(parents=True, exist_ok=True)
    host.save(folder)
    (folder / CALLS_FILE).write_text("", encoding="utf-8")
    for name in ("gh", "curl"):
        shim = bin_folder / name
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{Path(__file__).resolve()}" {name} "{folder}" "$@"\n',
                        encoding="utf-8")
        shim.chmod(0o755)


def calls(folder: Path) -> list[list[str]]:
    """The arguments of every call the stubs answered, in order (without the program's name)."""
    lines = (folder / CALLS_FILE).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def fail(message: str, code: int = 1) -> NoReturn:
    print(message, file=sys.stderr)
    raise SystemExit(code)


# -- gh ------------------------------------------------------------------------------------------------------------


def _gh_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gh", exit_on_error=False)
    groups = parser.add_subparsers(dest="group", required=True)
    api = groups.add_parser("api")
    api.add_argument("endpoint")
    api.add_argument("--method", default="GET")
    api.add_argument("--paginate", action="store_true")
    api.add_argument("-f", "--raw-field", action="append", default=[])
    api.add_argument("--jq")
    issue = groups.add_parser("issue").add_subparsers(dest="command", required=True)
    edit = issue.add_parser("edit")
    edit.add_argument("number", type=int)
    edit.add_argument("--body-file", required=True)
    create = issue.add_parser("create")
    create.add_argument("--title", required=True)
    create.add_argument("--body-file", required=True)
    create.add_argument("--label", action="append", default=[])
    label = groups.add_parser("label").add_subparsers(dest="command", required=True)
    labels = label.add_parser("list")
    labels.add_argument("--limit", type=int, default=30)
    labels.add_argument("--json", required=True)
    labels.add_argument("--jq")
    new_label = label.add_parser("create")
    new_label.add_argument("name")
    new_label.add_argument("--color")
    new_label.add_argument("--description")
    return parser


def _print_json(rows: list[dict[str, Any]], fields: str, jq: str | None) -> None:
    _print_data(json.dumps([{name: row[name] for name in fields.split(",")} for row in rows]), jq)


def _print_data(data: str, jq: str | None) -> None:
    if jq is None:
        print(data)
        return
    result = subprocess.run(["jq", "-r", jq], input=data, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        fail(f"failed to parse jq expression: {result.stderr.strip()}")
    sys.stdout.write(result.stdout)


def gh(host: Host, arguments: list[str]) -> None:
    if not os.environ.get("GH_TOKEN"):
        fail("gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable.", 4)
    repository = os.environ.get("GH_REPO", "")
    if repository.count("/") != 1:
        fail("no git remotes found (set GH_REPO)")
    try:
        options = _gh_parser().parse_args(arguments)
    except argparse.ArgumentError as error:
        fail(f"unknown arguments: {error}")
    url = f"https://github.com/{repository}/issues"
    match options.group, getattr(options, "command", None):
        case "api", None:
            _rest_issues(host, repository, options)
        case "issue", "edit":
            issue = host.issue(options.number)
            if issue is None:
                fail(f"GraphQL: Could not resolve to an issue or pull request with the number of {options.number}.")
            issue.body = Path(options.body_file).read_text(encoding="utf-8")
            print(f"{url}/{issue.number}")
        case "issue", "create":
            absent = [name for name in options.label if name not in host.labels]
            if absent:
                fail(f"could not add label: '{absent[0]}' not found")
            body = Path(options.body_file).read_text(encoding="utf-8")
            print(f"{url}/{host.new_issue(options.title, body, options.label).number}")
        case "label", "list":
            _print_json([{"name": name} for name in host.labels[:options.limit]], options.json, options.jq)
        case "label", "create":
            if options.name.casefold() in (name.casefold() for name in host.labels):
                fail(f"label with name \"{options.name}\" already exists; use `--force` to update its color and "
                     "description")
            host.labels.append(options.name)


def _rest_issues(host: Host, repository: str, options: argparse.Namespace) -> None:
    """``gh api --method GET [--paginate] repos/OWNER/REPO/issues -f state=... -f labels=a,b -f per_page=N``: the
    newest first, a page at a time, pull requests among them."""
    if options.endpoint != f"repos/{repository}/issues" or options.method != "GET":
        fail(f"gh: the stub answers only GET repos/{repository}/issues, not {options.method} {options.endpoint}")
    query = dict(field.split("=", 1) for field in options.raw_field)
    labels = set(filter(None, query.get("labels", "").split(",")))
    wanted = [issue for issue in sorted(host.issues, key=lambda issue: -issue.number)
              if query.get("state", "open") in ("all", issue.state) and labels <= set(issue.labels)]
    size = int(query.get("per_page", "30"))
    pages = [wanted[start:start + size] for start in range(0, len(wanted), size)] or [[]]
    for page in pages if options.paginate else pages[:1]:
        _print_data(json.dumps([_rest_issue(issue) for issue in page]), options.jq)


def _rest_issue(issue: Issue) -> dict[str, Any]:
    answer = {"number": issue.number, "title": issue.title, "body": issue.body or None, "state": issue.state,
              "labels": [{"name": name} for name in issue.labels]}
    return answer | ({"pull_request": {"url": "..."}} if issue.pull_request else {})


# -- curl against GitLab -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    headers: tuple[str, ...]
    data: tuple[tuple[str, str], ...]
    fail_on_error: bool


def _curl_request(arguments: list[str]) -> Request:
    parser = argparse.ArgumentParser(prog="curl", exit_on_error=False)
    parser.add_argument("--fail", action="store_true")
    parser.add_argument("--silent", action="store_true")
    parser.add_argument("--show-error", action="store_true")
    parser.add_argument("--get", action="store_true")
    parser.add_argument("--request")
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--data", action="append", default=[])
    parser.add_argument("--data-urlencode", action="append", default=[])
    parser.add_argument("url")
    try:
        options = parser.parse_args(arguments)
    except argparse.ArgumentError as error:
        fail(f"curl: unknown arguments: {error}", 2)
    data = [pair for raw in options.data for pair in parse_qsl(raw, keep_blank_values=True)]
    data += [_encoded(piece) for piece in options.data_urlencode]
    method = options.request or ("GET" if options.get or not data else "POST")
    return Request(method, options.url, tuple(options.header), tuple(data), options.fail)


def _encoded(piece: str) -> tuple[str, str]:
    """``--data-urlencode name=content`` or ``name@file`` (the file's content), as curl reads them."""
    equals, at = piece.find("="), piece.find("@")
    if at != -1 and (equals == -1 or at < equals):
        return piece[:at], Path(piece[at + 1:]).read_text(encoding="utf-8")
    if equals == -1:
        fail(f"curl: the stub takes only name=content or name@file, not {piece!r}", 2)
    return piece[:equals], piece[equals + 1:]


def curl(host: Host, arguments: list[str], api: str = "https://gitlab.example/api/v4/projects/42/issues") -> None:
    request = _curl_request(arguments)
    if f"PRIVATE-TOKEN: {host.token}" not in request.headers:
        _http_error(request, 401)
    if host.answer is not None:
        print(host.answer)
        return
    base = request.url.partition("?")[0]
    data = dict(parse_qsl(urlsplit(request.url).query)) | dict(request.data)
    state = {"opened": "open", "closed": "closed"}
    if base == api and request.method == "GET":
        order = 1 if data.get("sort") == "asc" else -1  # by creation: the newest first unless asked
        wanted = [issue for issue in sorted(host.issues, key=lambda issue: order * issue.number)
                  if state.get(data.get("state", ""), issue.state) == issue.state
                  and set(filter(None, data.get("labels", "").split(","))) <= set(issue.labels)]
        print(json.dumps([_gitlab_issue(issue) for issue in wanted[:int(data.get("per_page", "20"))]]))
    elif base == api and request.method == "POST":
        labels = [name for name in data.get("labels", "").split(",") if name]
        host.labels.extend(name for name in labels if name not in host.labels)  # GitLab makes missing labels
        print(json.dumps(_gitlab_issue(host.new_issue(data["title"], data.get("description", ""), labels))))
    elif base.startswith(f"{api}/") and request.method == "PUT":
        issue = host.issue(int(base.removeprefix(f"{api}/")))
        if issue is None:
            _http_error(request, 404)
        issue.body = data.get("description", issue.body)
        print(json.dumps(_gitlab_issue(issue)))
    else:
        _http_error(request, 404)


def _gitlab_issue(issue: Issue) -> dict[str, Any]:
    return {"iid": issue.number, "title": issue.title, "description": issue.body, "labels": issue.labels,
            "state": {"open": "opened"}.get(issue.state, issue.state)}


def _http_error(request: Request, status: int) -> NoReturn:
    if request.fail_on_error:
        fail(f"curl: (22) The requested URL returned error: {status}", 22)
    print(json.dumps({"message": f"{status}"}))
    raise SystemExit(0)


def main(arguments: list[str]) -> None:
    program, folder, *rest = arguments
    with (Path(folder) / CALLS_FILE).open("a", encoding="utf-8") as log:
        log.write(json.dumps(rest) + "\n")
    host = Host.load(Path(folder))
    try:
        if program == "gh":
            gh(host, rest)
        else:
            curl(host, rest)
    finally:
        host.save(Path(folder))


if __name__ == "__main__":
    main(sys.argv[1:])
