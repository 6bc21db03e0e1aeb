"""The consent gate's run: one service behind ``agreed consent status`` and ``agreed consent check``.

From the paths named (default: ``contracts/`` at the repository root), an optional base revision and an optional
reviews export, it assembles what the gate reads: the agreement files and templates, the base revision restricted to
the places checked, the people roster as it was at the base (else the work tree's), and the status of every
agreement, duplicates and agreements gone since the base included. Callers render the result and decide the exit
code (:func:`agreed.consent.gate.gate_failures`). Nothing here prints or exits: what the caller must refuse is
raised as :class:`GateUsageError`; git, ledger, evidence, reviews and roster errors are raised as they come.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from agreed.consent.reviews import Review, read_reviews
from agreed.consent.roster import roster_at, roster_beside
from agreed.consent.ssh import Verifier
from agreed.consent.status import AgreementStatus, agreement_statuses, gone_since, template_status
from agreed.consent.trust import BaseRevision
from agreed.errors import AgreedError
from agreed.git.repository import Repository
from agreed.people import Roster
from agreed.settings import find_config
from agreed.sources import CHECKED, Kind, NoPathGiven, agreement_files, checked_places, kind_of, named_or_default

SHALLOW = ("this clone is shallow, so who added each consent record cannot be told: run 'git fetch --unshallow', "
           "or check out the whole history in CI (fetch-depth: 0)")


class GateUsageError(AgreedError):
    """What was asked cannot be checked (a shallow clone, a path that holds no agreement, a template named ...)."""


def consent_statuses(here: Path, paths: Sequence[str], base: str | None = None,
                     reviews_file: Path | None = None, workers: int | None = None) -> list[AgreementStatus]:
    """The consent status of every agreement the paths name, as the gate sees it from the folder ``here``. SSH
    signatures are checked by up to ``workers`` ``ssh-keygen`` processes at once (default: one per CPU); the
    statuses do not depend on it."""
    reviews = None if reviews_file is None else read_reviews(reviews_file)
    with Repository.open(here) as repository, Verifier(workers or os.cpu_count() or 1) as verifier:
        if repository.is_shallow():
            raise GateUsageError(SHALLOW)
        arguments = _named_or_default(paths, repository.root)
        agreements, templates = _files(repository, arguments)
        within = [repository.relative(Path(path)) for path in arguments]
        revision = None if base is None else BaseRevision(repository, base, checked_places(arguments,
                                                                                            repository.relative))
        results = _statuses(repository, agreements, within, revision, reviews, gate_roster(repository, here, base),
                            verifier)
        return results + [found for found in map(partial(template_status, repository), templates) if found]


def _statuses(repository: Repository, agreements: Sequence[Path], within: Sequence[str],
              revision: BaseRevision | None, reviews: Sequence[Review] | None, roster: Roster | None,
              verifier: Verifier) -> list[AgreementStatus]:
    results = _agreements(agreement_statuses(repository, agreements, base=revision, reviews=reviews, roster=roster,
                                             verifier=verifier), within)
    if revision is not None:
        known = (result.agreement or revision.id_at(result.path) for result in results)
        present = {agreement for agreement in known if agreement is not None}
        results += gone_since(revision, present, within)
    return results


def _named_or_default(paths: Sequence[str], root: Path) -> Sequence[str]:
    """The paths named, else ``contracts/`` at the repository root (:func:`agreed.sources.named_or_default`)."""
    try:
        return named_or_default(paths, root)
    except NoPathGiven as error:
        raise GateUsageError(str(error)) from None


def _agreements(results: Sequence[AgreementStatus], named: Sequence[str]) -> list[AgreementStatus]:
    """The results without YAML files that are no agreement (a roster, a config kept beside the agreements); such a
    file named itself (``named``: the repo-relative arguments) is a usage error."""
    for result in results:
        if result.stranger and result.path in named:
            raise GateUsageError(f"{result.path}: {result.error}")
    return [result for result in results if not result.stranger]


def _files(repository: Repository, arguments: Sequence[str]) -> tuple[list[Path], list[Path]]:
    """The agreement files and the templates the arguments name (folders are searched, :func:`select`); a usage
    error for a path that does not exist or holds no agreement, and for a consent record or a template named."""
    missing = [argument for argument in arguments if argument != "-" and not Path(argument).exists()]
    if missing:
        raise GateUsageError(f"no such file or folder: {', '.join(missing)}")
    selection = agreement_files(arguments, kinds=CHECKED, error=GateUsageError,
                                refuse_stdin="consent needs agreement files in a repository, not standard input")
    for path, kind in selection.skipped:
        raise GateUsageError(f"{path.as_posix()}: a {kind.value} is not an agreement, there is nothing to consent to")
    named = {repository.relative(Path(argument)) for argument in arguments}
    templates = [file for file in selection.files if kind_of(repository.relative(file)) is Kind.TEMPLATE]
    for template in templates:
        if repository.relative(template) in named:
            raise GateUsageError(f"{template.as_posix()}: the template is not an agreement, there is nothing to "
                                 "consent to; copy it to a file of its own (agreed new)")
    return [file for file in selection.files if file not in templates], templates


def gate_roster(repository: Repository, here: Path, base: str | None) -> Roster | None:
    """The people roster the configuration (found from ``here``) names: as both were at ``base``, else the work
    tree's. A configured roster that cannot be read is an error (RosterError), never no roster."""
    config = find_config(here)
    if config is None:
        return None
    if base is None:
        return roster_beside(config, here.resolve())
    return roster_at(repository, base, repository.relative(config))
