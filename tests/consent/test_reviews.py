"""Review exports (agreed.consent.reviews): GitHub's reviews API list (also paginated), gh pr view's reviews object,
GitLab's approvals object with the head commit the export adds, malformed inputs, and GitLab approvals making a
party's consent valid through ``agreed consent status|check --reviews`` on a real temporary repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main
from agreed.consent.reviews import MAX_REVIEWS_BYTES, Review, ReviewsError, read_reviews
from gitrepo import git

SOURCE = Path(__file__).resolve().parents[2] / "contracts" / "sales-onboarding.yaml"  # evidence: [review, ...]
AGREEMENT = "contracts/sales-onboarding.yaml"
C1 = "3f786850e387550fdab836ed7e6dc881de23001b"
C2 = "89e6c98d92887913cadf06b2adb97f26cde4849b"


# --- real-shaped exports ------------------------------------------------------------------------------------------


def github_review(login: str | None, state: str, commit: str | None, number: int = 1) -> dict[str, Any]:
    """One review as GitHub's REST API returns it (GET /repos/O/R/pulls/N/reviews)."""
    user = None if login is None else {
        "login": login, "id": 1000 + number, "node_id": f"MDQ6VXNlcj{number}", "type": "User", "site_admin": False,
        "avatar_url": f"https://avatars.githubusercontent.com/u/{1000 + number}?v=4",
        "html_url": f"https://github.com/{login}"}
    return {
        "id": 80 + number, "node_id": f"PRR_kwDOAAABbc{number}", "user": user, "body": "Looks right to me.",
        "state": state, "html_url": f"https://github.com/octo/agreements/pull/12#pullrequestreview-{80 + number}",
        "pull_request_url": "https://api.github.com/repos/octo/agreements/pulls/12",
        "author_association": "MEMBER", "submitted_at": "2031-01-02T10:00:00Z", "commit_id": commit,
        "_links": {"html": {"href": "https://github.com/octo/agreements/pull/12"},
                   "pull_request": {"href": "https://api.github.com/repos/octo/agreements/pulls/12"}}}


def gh_pr_view(*reviews: tuple[str, str, str]) -> dict[str, Any]:
    """``gh pr view N --json reviews,latestReviews`` (gh exports no commit for latestReviews)."""
    nodes = [{"id": f"PRR_kwDOAAABbc{index}", "author": {"login": login}, "authorAssociation": "MEMBER",
              "body": "", "submittedAt": "2031-01-02T10:00:00Z", "includesCreatedEdit": False,
              "reactionGroups": [], "state": state, "commit": {"oid": commit}}
             for index, (login, state, commit) in enumerate(reviews)]
    latest = [{key: node[key] for key in ("author", "authorAssociation", "body", "submittedAt", "state")}
              for node in nodes]
    return {"reviews": nodes, "latestReviews": latest}


def gitlab_user(username: str, number: int) -> dict[str, Any]:
    return {"id": number, "username": username, "name": username.title(), "state": "active", "locked": False,
            "avatar_url": "https://www.gravatar.com/avatar/0?s=80&d=identicon",
            "web_url": f"https://gitlab.example.com/{username}"}


def gitlab_approvals(*usernames: str, sha: str | None = None) -> dict[str, Any]:
    """GET /projects/:id/merge_requests/:iid/approvals as GitLab returns it, plus ``sha`` when given (the export
    adds it; GitLab does not)."""
    data: dict[str, Any] = {
        "id": 5, "iid": 12, "project_id": 1, "title": "Activate sales-onboarding", "description": "",
        "state": "opened", "created_at": "2031-01-02T09:00:00.000Z", "updated_at": "2031-01-02T10:00:00.000Z",
        "merge_status": "can_be_merged", "approved": bool(usernames), "approvals_required": 2,
        "approvals_left": max(0, 2 - len(usernames)), "require_password_to_approve": False,
        "approved_by": [{"user": gitlab_user(name, number), "approved_at": "2031-01-02T10:00:00.000Z"}
                        for number, name in enumerate(usernames, 1)],
        "suggested_approvers": [], "approvers": [], "approver_groups": [], "user_has_approved": False,
        "user_can_approve": True, "approval_rules_left": [], "has_approval_rules": False,
        "merge_request_approvers_available": True, "multiple_approval_rules_available": True,
        "invalid_approvers_rules": []}
    if sha is not None:
        data["sha"] = sha
    return data


def read(tmp_path: Path, content: str | bytes | Any, name: str = "reviews.json") -> list[Review]:
    """Write ``content`` (text, bytes, or data to dump as JSON) and read it back as reviews."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2), encoding="utf-8")
    return read_reviews(path)


def error_of(tmp_path: Path, content: str | bytes | Any) -> str:
    with pytest.raises(ReviewsError) as raised:
        read(tmp_path, content)
    message = str(raised.value)
    assert "\n" not in message
    assert str(tmp_path / "reviews.json") in message
    return message


# --- GitHub -------------------------------------------------------------------------------------------------------


def test_the_rest_reviews_list_is_read_in_order(tmp_path: Path) -> None:
    data = [github_review("MChen", "APPROVED", C1, 1), github_review("dokafor", "commented", C2, 2)]
    assert read(tmp_path, data) == [Review("MChen", "APPROVED", C1), Review("dokafor", "COMMENTED", C2)]
    assert read(tmp_path, []) == []


def test_paginated_output_is_one_list(tmp_path: Path) -> None:
    first, second = [github_review("mchen", "APPROVED", C1, 1)], [github_review("mchen", "DISMISSED", C2, 2)]
    expected = [Review("mchen", "APPROVED", C1), Review("mchen", "DISMISSED", C2)]
    assert read(tmp_path, json.dumps(first) + json.dumps(second)) == expected  # gh api --paginate: [...][...]
    assert read(tmp_path, json.dumps(first, indent=2) + "\n" + json.dumps(second) + "\n") == expected
    assert read(tmp_path, [first, second]) == expected  # gh api --paginate --slurp: [[...], [...]]
    assert read(tmp_path, [[], []]) == []


def test_concatenated_documents_must_all_be_lists(tmp_path: Path) -> None:
    message = error_of(tmp_path, json.dumps([github_review("mchen", "APPROVED", C1)]) + json.dumps({"a": 1}))
    assert "several JSON documents that are not all lists" in message


def test_pages_and_reviews_do_not_mix(tmp_path: Path) -> None:
    message = error_of(tmp_path, [[github_review("mchen", "APPROVED", C1)], github_review("mchen", "APPROVED", C1)])
    assert "review 1 is not an object" in message


def test_gh_pr_view_reviews_are_read_and_latest_reviews_ignored(tmp_path: Path) -> None:
    data = gh_pr_view(("mchen", "APPROVED", C1), ("dokafor", "CHANGES_REQUESTED", C2))
    assert read(tmp_path, data) == [Review("mchen", "APPROVED", C1), Review("dokafor", "CHANGES_REQUESTED", C2)]


def test_gh_pr_view_latest_reviews_alone_are_refused(tmp_path: Path) -> None:
    data = gh_pr_view(("mchen", "APPROVED", C1))
    del data["reviews"]
    assert "latestReviews do not say which commit was approved" in error_of(tmp_path, data)


def test_reviews_without_a_commit_field_are_refused(tmp_path: Path) -> None:
    data = gh_pr_view(("mchen", "APPROVED", C1))
    del data["reviews"][0]["commit"]  # what gh wrote before it exported commits
    assert "review 1 does not say which commit it was given on (no commit.oid)" in error_of(tmp_path, data)


def test_a_commit_the_host_no_longer_knows_drops_an_approval_but_keeps_a_withdrawal(tmp_path: Path) -> None:
    data = [github_review("mchen", "APPROVED", None, 1), github_review("mchen", "CHANGES_REQUESTED", None, 2)]
    assert read(tmp_path, data) == [Review("mchen", "CHANGES_REQUESTED", "")]
    pr_view = gh_pr_view(("mchen", "APPROVED", ""), ("mchen", "DISMISSED", ""))  # gh writes a null commit as ""
    assert read(tmp_path, pr_view) == [Review("mchen", "DISMISSED", "")]


def test_a_review_by_a_deleted_account_is_left_out(tmp_path: Path) -> None:
    data = [github_review(None, "APPROVED", C1, 1), github_review("mchen", "APPROVED", C2, 2)]
    assert read(tmp_path, data) == [Review("mchen", "APPROVED", C2)]


@pytest.mark.parametrize("commit", ["HEAD", "main", C1[:12], C1 + "0", "g" * 40])
def test_a_commit_must_be_a_full_hash(tmp_path: Path, commit: str) -> None:
    message = error_of(tmp_path, [github_review("mchen", "APPROVED", commit)])
    assert f"review 1: {commit!r} is not a full commit hash" in message


def test_full_hashes_are_read_in_lower_case_sha1_or_sha256(tmp_path: Path) -> None:
    sha256 = "ab" * 32
    data = [github_review("mchen", "APPROVED", C1.upper(), 1), github_review("mchen", "APPROVED", sha256, 2)]
    assert [review.commit for review in read(tmp_path, data)] == [C1, sha256]


# --- GitLab -------------------------------------------------------------------------------------------------------


def test_gitlab_approvals_with_the_head_commit_are_approvals_on_it(tmp_path: Path) -> None:
    reviews = read(tmp_path, gitlab_approvals("mchen", "dokafor", sha=C1))
    assert reviews == [Review("mchen", "APPROVED", C1), Review("dokafor", "APPROVED", C1)]
    assert read(tmp_path, gitlab_approvals(sha=C2)) == []


def test_gitlab_approvals_without_the_commit_are_refused_never_guessed(tmp_path: Path) -> None:
    message = error_of(tmp_path, gitlab_approvals("mchen"))
    assert "GitLab approvals do not say which commit was approved" in message
    assert 'add the merge request\'s head as "sha"' in message
    assert "is not a full commit hash" in error_of(tmp_path, gitlab_approvals("mchen", sha=C1[:8]))
    assert "is not a full commit hash" in error_of(tmp_path, gitlab_approvals("mchen", sha="$CI_COMMIT_SHA"))


def test_malformed_gitlab_approvals_are_refused(tmp_path: Path) -> None:
    not_a_list = gitlab_approvals(sha=C1) | {"approved_by": {"user": gitlab_user("mchen", 1)}}
    assert "approved_by is not a list" in error_of(tmp_path, not_a_list)
    assert "approved_by[0] is not an object" in error_of(tmp_path, gitlab_approvals(sha=C1) | {"approved_by": [7]})
    bad_name = gitlab_approvals(sha=C1) | {"approved_by": [{"user": {"username": 7}}]}
    assert "approved_by[0]: user.username is not a string" in error_of(tmp_path, bad_name)


# --- malformed files ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "expected"), [
    ("", "empty; expected a JSON list of reviews"),
    (" \n\t ", "empty; expected a JSON list of reviews"),
    ("[{]", "not JSON: Expecting property name enclosed in double quotes: line 1 column 3"),
    ("<html>rate limited</html>", "not JSON: Expecting value: line 1 column 1"),
    (b"[\"\xff\xfe\"]", "not UTF-8 (byte 3)"),
    ("[" * 100_000 + "]" * 100_000, "not JSON: nested too deeply"),
    ("42", "expected a JSON list of reviews"),
    ("{}", "expected a JSON list of reviews"),
    ('{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}',
     "expected a JSON list of reviews"),
    ("[1]", "review 1 is not an object"),
    ('[{"user": {"login": "mchen"}, "commit_id": null}]', "review 1 has no state"),
    ('[{"user": {"login": ["mchen"]}, "state": "APPROVED", "commit_id": null}]', "user.login is not a string"),
    ('[{"user": "mchen", "state": "APPROVED", "commit_id": null}]', "review 1: user is not an object"),
    ('[{"user": {"login": "mchen"}, "state": "APPROVED"}]', "does not say which commit it was given on"),
], ids=["empty", "blank", "broken", "html", "not-utf8", "deep", "scalar", "object", "api-error", "not-object",
        "no-state", "login-list", "user-string", "no-commit"])
def test_malformed_exports_are_one_line_errors(tmp_path: Path, content: str | bytes, expected: str) -> None:
    assert expected in error_of(tmp_path, content)


def test_an_export_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    assert f"larger than {MAX_REVIEWS_BYTES:,} bytes" in error_of(tmp_path, " " * (MAX_REVIEWS_BYTES + 1))
    assert read(tmp_path, "[]" + " " * (MAX_REVIEWS_BYTES - 2)) == []  # exactly at the limit


def test_an_unreadable_export_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ReviewsError, match=r"^cannot read .*missing\.json: no such file$"):
        read_reviews(tmp_path / "missing.json")
    with pytest.raises(ReviewsError, match=r"^cannot read "):
        read_reviews(tmp_path)


# --- end to end: agreed consent status|check --reviews ------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def commit_agreement(repo: Path, text: str, message: str) -> str:
    (repo / AGREEMENT).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "repo"
    (folder / "contracts").mkdir(parents=True)
    monkeypatch.chdir(folder)
    git(folder, "init", "-q", "-b", "main")
    return folder


def consent(command: str, export: Path) -> Result:
    return CliRunner().invoke(main, ["consent", command, "--reviews", str(export)])


@needs_git
def test_gitlab_approvals_make_parties_valid_through_the_cli(repo: Path, tmp_path: Path) -> None:
    head = commit_agreement(repo, SOURCE.read_text(encoding="utf-8"), "Propose")
    export = tmp_path / "approvals.json"
    export.write_text(json.dumps(gitlab_approvals("MChen", sha=head)), encoding="utf-8")
    result = consent("status", export)
    assert result.exit_code == 0, result.output
    assert f"  maria: valid: approved by @mchen on {head[:12]}" in result.output
    assert "  daniel: missing: " in result.output
    assert consent("check", export).exit_code == 1
    export.write_text(json.dumps(gitlab_approvals("mchen", "dokafor", sha=head)), encoding="utf-8")
    result = consent("check", export)
    assert result.exit_code == 0, result.output
    assert f"{AGREEMENT}: ok (active)" in result.output


@needs_git
def test_gitlab_approvals_of_a_head_with_other_terms_do_not_count(repo: Path, tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    older = commit_agreement(repo, text.replace("  deadline: 2032-06-30", "  deadline: 2032-05-31"), "Propose")
    commit_agreement(repo, text, "Move the deadline")
    export = tmp_path / "approvals.json"
    export.write_text(json.dumps(gitlab_approvals("mchen", sha=older)), encoding="utf-8")
    result = consent("status", export)
    assert result.exit_code == 0, result.output
    assert "  maria: missing: " in result.output
    assert "approved no commit with the current terms" in result.output


@needs_git
def test_gitlab_approvals_without_a_commit_exit_2(repo: Path, tmp_path: Path) -> None:
    commit_agreement(repo, SOURCE.read_text(encoding="utf-8"), "Propose")
    export = tmp_path / "approvals.json"
    export.write_text(json.dumps(gitlab_approvals("mchen")), encoding="utf-8")
    result = consent("check", export)
    assert result.exit_code == 2
    assert "GitLab approvals do not say which commit was approved" in result.output


@needs_git
def test_paginated_github_reviews_make_a_party_valid_through_the_cli(repo: Path, tmp_path: Path) -> None:
    head = commit_agreement(repo, SOURCE.read_text(encoding="utf-8"), "Propose")
    export = tmp_path / "reviews.json"
    pages = [[github_review("dokafor", "COMMENTED", head, 1)], [github_review("mchen", "APPROVED", head, 2)]]
    export.write_text("".join(json.dumps(page) for page in pages), encoding="utf-8")
    result = consent("status", export)
    assert result.exit_code == 0, result.output
    assert f"  maria: valid: approved by @mchen on {head[:12]}" in result.output
