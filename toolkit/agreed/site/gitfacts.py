"""What git says about the files of a site, asked once for all of them: the newest commit of HEAD's first-parent
history that touched each path below the places the agreements are in (agreement files and consent records alike).

An agreement's history (:func:`agreed.history.timeline.build_timeline`) is a function of the newest commit that
changed its file: a commit names its whole ancestry, and commits after it left the file alone. So that commit, with
the file's own bytes, tells whether a page made before is still true, without asking git about each agreement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from agreed.git.raw import LOG_FORMAT, parse_log
from agreed.git.repository import Repository, literal


@dataclass(frozen=True, slots=True)
class Touched:
    """The newest commit (full sha) that touched each repo-relative path, and each commit's place in the log (0:
    the newest); both empty when HEAD has no history."""

    newest: Mapping[str, str]
    place: Mapping[str, int]

    def of(self, path: str) -> str:
        return self.newest.get(path, "")

    def below(self, folder: str) -> str:
        """The newest commit that touched any path below the repo-relative ``folder`` ("" when none did)."""
        prefix = folder.rstrip("/") + "/"
        found = [commit for path, commit in self.newest.items() if path.startswith(prefix)]
        return min(found, key=self.place.__getitem__) if found else ""


def touched_paths(repository: Repository, places: Iterable[str]) -> Touched:
    """:class:`Touched` for every path below the repo-relative ``places`` (``.``: the whole tree)."""
    if repository.head() is None:
        return Touched({}, {})
    specs = sorted({literal(place) if place not in ("", ".") else "." for place in places})
    output = repository.run("log", "--first-parent", "-z", "--raw", "--no-renames", "--no-abbrev",
                            "--diff-merges=first-parent", "--no-color", "--no-ext-diff", "--encoding=UTF-8",
                            f"--format={LOG_FORMAT}", "HEAD", "--", *specs)
    newest: dict[str, str] = {}
    place: dict[str, int] = {}
    for position, entry in enumerate(parse_log(output)):  # newest first
        place.setdefault(entry.commit, position)
        for change in entry.changes:
            for path in (change.old_path, change.new_path):
                newest.setdefault(path, entry.commit)
    return Touched(newest, place)
