"""Renegotiation names no one who may start it, or a signal is a feeling rather than something observable.

An agreement that cannot be reopened gets ignored instead. Renegotiation works when every party knows it may start
it (who opens it, and how) and when the signals are things both partners would see the same way: a slip of more
than three weeks, a budget cut, a merger. "If things are not working" or "when either feels unhappy" is a judgement
each partner will make differently, usually one too late; say what would be observed.

Fires on:
    renegotiation:
      signals: [The partnership is not working any more]
      how: A meeting is set up to discuss changes.

Passes:
    renegotiation:
      signals: [A milestone slips by more than 3 weeks, The SMS budget is cut]
      how: Either party opens a pull request setting status to renegotiating.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._answers import EACH, answer, mentioned_parties, party_names, values_at
from agreed.problem import Severity
from agreed.text.measures import has_date, has_number
from agreed.text.patterns import Regex

_RENEGOTIATION = ("relationship", "renegotiation")
# Who may open a renegotiation, besides a party named by id or name.
_STARTER = Regex(
    r"""(?<![\w-])(?:either|any|each|whoever|every\s+(?:party|partner)|an?\s+(?:party|partner)
    |one\s+of\s+(?:us|the\s+(?:parties|partners)))(?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)
# A signal that is a judgement or a mood rather than an observation (unless a number or date pins it down).
_JUDGEMENT = Regex(
    r"""(?<![\w-])(?:feels?|felt|feeling|unhappy|uncomfortable|dissatisfied|frustrat\w*|trust|tensions?|friction
    |not\s+working|stops?\s+working|(?:doesn't|does\s+not|don't|do\s+not)\s+work|go(?:es)?\s+wrong|going\s+wrong
    |badly|poorly|significant(?:ly)?|substantial(?:ly)?|serious(?:ly)?|material(?:ly)?
    |circumstances|if\s+(?:needed|necessary|required)|when\s+(?:needed|necessary|required)|as\s+(?:needed|required)
    |appropriate)(?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    for path, value in values_at(document, (*_RENEGOTIATION, "signals", EACH)):
        signal = answer(value)
        if signal is not None and _is_judgement(signal):
            yield AtPath(path, f"{signal.strip()!r} is a judgement, not a signal both partners would see alike: "
                         "say what would be observed, with a number or date where you can "
                         "(e.g. 'a milestone slips by more than 3 weeks')")
    how = answer(document.value_at((*_RENEGOTIATION, "how")))
    if how is not None and not _names_starter(how, party_names(document)):
        yield AtPath((*_RENEGOTIATION, "how"), "does not say who may start a renegotiation: name the party, or "
                     "write 'either party' (e.g. 'Either party opens a pull request setting status to "
                     "renegotiating')")


def _is_judgement(signal: str) -> bool:
    return _JUDGEMENT.search(signal) is not None and not has_number(signal) and not has_date(signal)


def _names_starter(how: str, names: dict[str, str]) -> bool:
    return _STARTER.search(how) is not None or bool(mentioned_parties(how, names))


RULE = DocumentRule(code="R604", name="renegotiation-without-trigger", category=Category.RELATIONSHIP,
                    severity=Severity.WARNING, doc=__doc__ or "",
                    check=check, elements=("R-RENEGOTIATE",))
