"""Pull-request reviews exported from the code host, read as evidence of consent.

A review export is a JSON file: GitHub's reviews API output (``gh api repos/OWNER/REPO/pulls/N/reviews``), a list
of ``{user: {login}, state, commit_id}``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

MAX_REVIEWS_BYTES: Final = 16 * 1024 * 1024


class ReviewsError(Exception):
    """A reviews export could not be read; ``str(error)`` is a one-line message for users."""


@dataclass(frozen=True, slots=True)
class Review:
    """One pull-request review: who, what they decided, on which commit (in the order the file lists them)."""

    login: str
    state: str
    commit: str


def read_reviews(path: Path) -> list[Review]:
    """The reviews of an exported JSON file (GitHub's reviews API: a list of {user: {login}, state, commit_id})."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_REVIEWS_BYTES + 1)
    except OSError as error:
        raise ReviewsError(f"cannot read {path}: {error.strerror or error}") from None
    if len(raw) > MAX_REVIEWS_BYTES:
        raise ReviewsError(f"{path}: larger than {MAX_REVIEWS_BYTES:,} bytes")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise ReviewsError(f"{path}: not JSON: {error}") from None
    if not isinstance(data, list):
        raise ReviewsError(f"{path}: expected a JSON list of reviews (GitHub's reviews API output)")
    return [review for review in map(_review, data) if review is not None]


def _review(item: Any) -> Review | None:
    if not isinstance(item, Mapping):
        return None
    user, state, commit = item.get("user"), item.get("state"), item.get("commit_id")
    login = user.get("login") if isinstance(user, Mapping) else None
    if not all(isinstance(value, str) and value for value in (login, state, commit)):
        return None
    return Review(str(login), str(state).upper(), str(commit))


