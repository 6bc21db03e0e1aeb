"""The consent gate (``agreed consent check``) as text: per agreement, each gate failure on a line of its own
(``path: failure``), else ``path: ok (status)``; then the consent records that were ignored. Text from a file is
shown with its control characters escaped (:mod:`agreed.visible`)."""

from __future__ import annotations

from collections.abc import Sequence

from agreed.consent.gate import gate_failures
from agreed.consent.status import AgreementStatus
from agreed.visible import visible


def render(results: Sequence[AgreementStatus]) -> str:
    return "".join(_gate_lines(result) for result in results)


def _gate_lines(result: AgreementStatus) -> str:
    failures = gate_failures(result)
    name = visible(result.path)
    lines = [f"{name}: {visible(failure)}" for failure in failures]
    if not failures:
        lines.append(f"{name}: ok ({'deleted' if result.deleted else result.status})")
    lines += [f"{name}: warning: a consent record was ignored: {visible(problem)}" for problem in result.problems]
    return "".join(line + "\n" for line in lines)
