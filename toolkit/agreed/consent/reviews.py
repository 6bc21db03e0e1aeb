"""Pull-request reviews exported from the code host, read as evidence of consent (``--reviews FILE``).

:func:`read_reviews` recognises the file's shape by itself:

- **GitHub, REST** (``gh api repos/OWNER/REPO/pulls/N/reviews``): a JSON list of
  ``{user: {login}, state, commit_id}``, oldest first. ``gh api --paginate`` writes one list per page, back to back
  (``[...][...]``), and ``gh api --paginate --slurp`` a list of pages (``[[...], [...]]``); both are read as one
  list.
- **GitHub, gh pr view** (``gh pr view N --json reviews``): ``{"reviews": [{author: {login}, state, commit: {oid}}]}``.
  ``latestReviews`` is ignored: gh does not export which commit those were given on.
- **GitLab** (``GET /projects/:id/merge_requests/:iid/approvals``, also what ``glab api`` prints): an object whose
  ``approved_by`` lists ``{user: {username}, approved_at}``, each an approval (state ``APPROVED``). GitLab does not
  say on which commit an approval was given, and neither this object nor its approvals carry a commit. So the
  export must add it, as a top-level ``"sha"``: the full hash of the merge request's head that every listed
  approval was given on. That is only true when the project removes all approvals when commits are added to the
  source branch (``reset_approvals_on_push``), and only for the head the merge request still had after the
  approvals were read. The CI recipe checks both and otherwise writes no ``sha``; without one the file is an error,
  never a guess.

A review names its commit by its full hash (40 or 64 hex digits); anything else (a branch name, ``HEAD``, an
abbreviation) is an error, because the commit decides which terms were approved. The code host reports no commit
for a review whose commit no longer exists: such an approval is left out (it cannot show which terms it approved),
while any other review is kept with an empty ``commit``, so that a later request for changes still withdraws an
earlier approval. A review with no author (a deleted account) is left out.

Bad input is a :class:`ReviewsError` with one line naming the file: unreadable, larger than 16 MiB, not UTF-8,
not JSON, or JSON of any other shape.

Exporting in CI (GitHub Actions, with ``GH_TOKEN: ${{ github.token }}``)::

    gh api --paginate "repos/$GITHUB_REPOSITORY/pulls/$PR_NUMBER/reviews" > reviews.json

GitLab CI (``GITLAB_TOKEN``: a masked variable holding a token with ``read_api``; jq installed)::

    api="projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID"
    glab api "projects/$CI_PROJECT_ID/approvals" | jq -e '.reset_approvals_on_push == true' > /dev/null
    glab api "$api/approvals" > approvals.json
    glab api "$api" | jq -e --arg sha "$CI_COMMIT_SHA" '.sha == $sha' > /dev/null
    jq --arg sha "$CI_COMMIT_SHA" '. + {sha: $sha}' approvals.json > reviews.json
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from agreed.errors import AgreedError
from agreed.reading import Unreadable, Why, read_file

MAX_REVIEWS_BYTES: Final = 16 * 1024 * 1024
APPROVED: Final = "APPROVED"
EXPECTED: Final = ("expected a JSON list of reviews (GitHub: gh api repos/OWNER/REPO/pulls/N/reviews), "
                   "an object with \"reviews\" (gh pr view N --json reviews) or GitLab's merge request approvals "
                   "object with \"approved_by\" and \"sha\"")
_FULL_HASH: Final = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_JSON_SPACE: Final = re.compile(r"[ \t\n\r]*")


class ReviewsError(AgreedError):
    """A reviews export could not be read; ``str(error)`` is a one-line message for users."""


@dataclass(frozen=True, slots=True)
class Review:
    """One pull-request review, in the order the file lists them: who (``login``: the GitHub login or GitLab
    username), what they decided (``state``, upper case: ``APPROVED``, ``CHANGES_REQUESTED``, ``COMMENTED``,
    ``DISMISSED``, ...), and on which commit (``commit``: a full lower-case hash; empty only for a review that does
    not approve and whose commit the code host no longer knows)."""

    login: str
    state: str
    commit: str


@dataclass(frozen=True, slots=True)
class _Fields:
    """Where one export format keeps a review's author login and commit, each a path of keys."""

    login: tuple[str, ...]
    commit: tuple[str, ...]


_REST: Final = _Fields(login=("user", "login"), commit=("commit_id",))
_GH_PR_VIEW: Final = _Fields(login=("author", "login"), commit=("commit", "oid"))


def read_reviews(path: Path) -> list[Review]:
    """The reviews in the export at ``path``, GitHub's or GitLab's (the formats are described above)."""
    documents = _documents(path, _text(path))
    if len(documents) > 1:
        if not all(isinstance(document, list) for document in documents):
            raise ReviewsError(f"{path}: several JSON documents that are not all lists; {EXPECTED}")
        return _github_list(path, [item for page in documents for item in page])
    data = documents[0]
    if isinstance(data, list):
        return _github_list(path, data)
    if isinstance(data, Mapping) and "approved_by" in data:
        return _gitlab(path, data)
    if isinstance(data, Mapping) and isinstance(data.get("reviews"), list):
        return _reviews(path, data["reviews"], _GH_PR_VIEW)
    if isinstance(data, Mapping) and "latestReviews" in data:
        raise ReviewsError(f"{path}: latestReviews do not say which commit was approved; export "
                           f"gh pr view N --json reviews")
    raise ReviewsError(f"{path}: {EXPECTED}")


def _text(path: Path) -> str:
    raw = read_file(path, MAX_REVIEWS_BYTES)
    if isinstance(raw, Unreadable) and raw.why is Why.TOO_LARGE:
        raise ReviewsError(f"{path}: larger than {MAX_REVIEWS_BYTES:,} bytes")
    if isinstance(raw, Unreadable):
        raise ReviewsError(f"cannot read {path}: {raw.detail}")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReviewsError(f"{path}: not UTF-8 (byte {error.start + 1})") from None


def _documents(path: Path, text: str) -> list[Any]:
    """Every JSON document in ``text``, back to back as ``gh api --paginate`` writes them; at least one."""
    decoder = json.JSONDecoder()
    documents: list[Any] = []
    position = _skip_space(text, 0)
    while position < len(text):
        try:
            document, position = decoder.raw_decode(text, position)
        except RecursionError:
            raise ReviewsError(f"{path}: not JSON: nested too deeply") from None
        except ValueError as error:
            raise ReviewsError(f"{path}: not JSON: {error}") from None
        documents.append(document)
        position = _skip_space(text, position)
    if not documents:
        raise ReviewsError(f"{path}: empty; {EXPECTED}")
    return documents


def _skip_space(text: str, position: int) -> int:
    match = _JSON_SPACE.match(text, position)
    return position if match is None else match.end()


def _github_list(path: Path, items: list[Any]) -> list[Review]:
    """A REST reviews list, or a list of such lists (``--slurp`` pages)."""
    if items and all(isinstance(item, list) for item in items):
        return _reviews(path, [review for page in items for review in page], _REST)
    return _reviews(path, items, _REST)


def _reviews(path: Path, items: Sequence[Any], fields: _Fields) -> list[Review]:
    reviews = (_review(path, f"review {number}", item, fields) for number, item in enumerate(items, 1))
    return [review for review in reviews if review is not None]


def _review(path: Path, where: str, item: Any, fields: _Fields) -> Review | None:
    """One GitHub review; None when it has no author, or approves a commit the host no longer knows."""
    if not isinstance(item, Mapping):
        raise ReviewsError(f"{path}: {where} is not an object; {EXPECTED}")
    state = item.get("state")
    if not isinstance(state, str) or not state:
        raise ReviewsError(f"{path}: {where} has no state")
    if fields.commit[0] not in item:
        raise ReviewsError(f"{path}: {where} does not say which commit it was given on "
                           f"(no {'.'.join(fields.commit)})")
    login = _string_at(path, where, item, fields.login)
    commit = _string_at(path, where, item, fields.commit)
    if not login or (not commit and state.upper() == APPROVED):
        return None
    return Review(login, state.upper(), _full_hash(path, where, commit) if commit else "")


def _gitlab(path: Path, data: Mapping[str, Any]) -> list[Review]:
    """GitLab's approvals object with the ``sha`` the export added: one approval per ``approved_by`` entry."""
    approvals = data["approved_by"]
    if not isinstance(approvals, list):
        raise ReviewsError(f"{path}: approved_by is not a list; {EXPECTED}")
    sha = data.get("sha")
    if not isinstance(sha, str) or not sha:
        raise ReviewsError(f"{path}: GitLab approvals do not say which commit was approved: the export must add "
                           f"the merge request's head as \"sha\" (only when approvals reset on push)")
    commit = _full_hash(path, "sha", sha)
    reviews = (_approval(path, f"approved_by[{index}]", entry, commit) for index, entry in enumerate(approvals))
    return [review for review in reviews if review is not None]


def _approval(path: Path, where: str, entry: Any, commit: str) -> Review | None:
    if not isinstance(entry, Mapping):
        raise ReviewsError(f"{path}: {where} is not an object; {EXPECTED}")
    username = _string_at(path, where, entry, ("user", "username"))
    return Review(username, APPROVED, commit) if username else None


def _string_at(path: Path, where: str, item: Mapping[str, Any], keys: tuple[str, ...]) -> str:
    """The string at ``keys`` below ``item``; empty when a step is missing or null (the host knows no value)."""
    value: Any = item
    for depth, key in enumerate(keys):
        if value is None:
            return ""
        if not isinstance(value, Mapping):
            raise ReviewsError(f"{path}: {where}: {'.'.join(keys[:depth])} is not an object")
        value = value.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ReviewsError(f"{path}: {where}: {'.'.join(keys)} is not a string")
    return value


def _full_hash(path: Path, where: str, commit: str) -> str:
    if _FULL_HASH.fullmatch(commit.lower()) is None:
        raise ReviewsError(f"{path}: {where}: {commit[:80]!r} is not a full commit hash")
    return commit.lower()

