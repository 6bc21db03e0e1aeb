"""An escape clause lets the committing party decide later whether the promise applies.

"As needed", "if possible", "where feasible", "best effort", "ASAP", "when resources allow", "subject to budget
approval" or "to the maximum extent possible" hand the decision about what was promised to the person who owes it:
whatever they end up doing, they can say the condition was not met. State the condition that triggers the work and
what happens then, or drop the clause and commit. A clause that names what decides ("as required by the 2026
policy", "to the maximum extent permitted by law", "subject to the terms of the master agreement") is no escape.
So are a right the committing party keeps to undo, shrink or move the promise ("reserves the right to cancel",
"may cancel the pilot at her discretion"; a right to extend it or to audit is an option, not an exit), a judgment
left to them ("where it makes sense", "unless it is trivial") and exceptions nobody lists ("exceptions aside").
"ASAP" leaves the time open; it is reported with a message of its own.

Fires on:
    Escalate blockers to the sponsor as needed.
    Deliver the migration plan ASAP.
    Use reasonable efforts to keep the shared drive up to date, resources permitting.
    Run the pilot when resources allow, subject to budget approval.
    The agency will deliver up to 40 leads per month, as agreed.
    Ship the importer by 2027-03-01 unless priorities change, barring emergencies.
    Ship the importer (tentatively) by 2027-03-01, pending approval.
    Li reserves the right to cancel the pilot when her calendar allows.
    Add caching where it makes sense and fix each bug unless it is trivial, exceptions aside.

Passes:
    Escalate any blocker older than 2 business days to Ana Ruiz.
    Deliver the migration plan by 2027-02-15.
    Keep the records required by the 2026 data-retention policy.
    Limit each party's liability to the maximum extent permitted by law.
    The client may, at its discretion, extend the pilot as agreed in section 4.
    Ship the importer by 2027-03-01 unless the client cancels the order.
    Publish a policy allowing remote work by 2027-03-01.
    The client reserves the right to audit the ledger once a year.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import Hit, scan, text_after
from agreed.text.measures import has_number
from agreed.text.names import in_name
from agreed.text.patterns import Regex, TermPattern, alternation, any_word
from agreed.text.subjects import SubjectKind
from agreed.text.vocabulary import NUMBER

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

_CONDITIONS = ("as", "if", "where", "when", "whenever", "wherever")
_STATES = (
    "appropriate", "needed", "necessary", "possible", "feasible", "practical", "practicable", "required", "applicable",
    "relevant", "warranted", "deemed necessary", "deemed appropriate", "at all possible", "reasonably possible",
    "reasonably practicable", "and when needed", "and when required", "and when available",
    "and when possible", "and when appropriate", "and when necessary",
)  # fmt: skip
_PHRASES = (
    "as far as possible", "as far as practicable", "as far as reasonably practicable", "as much as possible",
    "best effort", "best efforts", "best-effort",
    "best endeavours", "best endeavors", "reasonable effort", "reasonable efforts", "reasonable endeavours",
    "reasonable endeavors", "commercially reasonable efforts", "to the extent possible", "to the extent practicable",
    "to the extent feasible", "to the extent reasonable", "when time permits", "if time permits", "time permitting",
    "resources permitting", "budget permitting", "capacity permitting", "workload permitting", "if resources allow",
    "if resources permit", "if capacity allows", "if budget allows", "as time allows", "as capacity allows",
    "as resources allow", "subject to availability", "subject to capacity", "subject to resources", "subject to change",
    "at our discretion", "at their discretion", "at its discretion", "at his discretion", "at her discretion",
    "at our sole discretion", "at their sole discretion", "at its sole discretion", "within reason",
    "as circumstances allow", "as circumstances permit", "circumstances permitting", "if circumstances allow",
    "if circumstances permit", "where circumstances allow", "if practical", "if at all possible",
    "make every effort", "makes every effort", "making every effort", "use every effort", "every reasonable effort",
    "all reasonable efforts", "all reasonable steps", "all reasonable endeavours", "all reasonable endeavors",
    "as available", "if available", "where available", "wherever available", "whenever available",
    "as far as is reasonably practicable", "so far as is reasonably practicable", "so far as reasonably practicable",
    "so far as possible", "so far as is possible", "unless circumstances prevent",
    "unless circumstances dictate otherwise", "tentatively", "provisionally", "in principle", "all being well",
    "all going well", "if all goes well", "if all goes to plan", "if things go to plan",
)  # fmt: skip
_SOON = (
    "as soon as possible", "as soon as practicable", "as soon as feasible", "as soon as reasonably possible",
    "as early as possible", "as quickly as possible", "ASAP", "a.s.a.p.",
)  # fmt: skip
"""A time left to whoever owes the work: no date that it can be missed by."""
TERMS = (*(f"{condition} {state}" for condition in _CONDITIONS for state in _STATES), *_PHRASES, *_SOON)

_LIMITS = (
    "resources", "resource", "time", "budget", "budgets", "funding", "capacity", "workload", "bandwidth", "staffing",
    "circumstances", "priorities", "schedules", "schedule", "the budget", "the schedule", "our capacity",
    "team capacity", "business needs", "business priorities", "demand", "calendar", "calendars", "diary", "agenda",
    "workloads", "things", "conditions", "plans",
)  # fmt: skip
_ALLOW = ("allow", "allows", "permit", "permits", "allowing", "permitting", "is available", "are available",
          "becomes available", "become available", "is there", "frees up", "free up")  # fmt: skip
_CONSENTS = (
    "approval", "approvals", "availability", "capacity", "resources", "resourcing", "funding", "budget", "change",
    "changes", "prioritisation", "prioritization", "priorities", "sign-off", "signoff", "confirmation", "demand",
    "agreement", "review", "discretion",
)  # fmt: skip
_CHANGES = (
    "change",
    "changes",
    "shift",
    "shifts",
    "slip",
    "slips",
    "move",
    "moves",
    "intervene",
    "intervenes",
    "dictate otherwise",
    "require otherwise",
    "do not allow",
    "does not allow",
    "don't allow",
    "doesn't allow",
)
_UNKNOWN_EVENTS = ("comes up", "come up", "crops up", "intervenes", "changes", "happens", "goes wrong")
_EXTENTS = ("extent", "degree")
_OWN = r"(?:(?:the|our|their|its|his|her|my|your|(?-i:[A-Z])[\w\-]*['\u2019]s)\s+)?"
"""A possessive before a limit: "when her calendar allows", "if Li's schedule permits"."""
_WITHDRAWALS = (
    "cancel", "change", "modify", "amend", "alter", "vary", "revise", "withdraw", "terminate", "suspend", "end",
    "stop", "discontinue", "postpone", "delay", "defer", "reduce", "pause", "revoke", "replace", "reschedule",
    "drop", "limit", "restrict", "adjust", "update",
)  # fmt: skip
"""What a reserved right or a discretion can do to the promise itself: undo it, shrink it or move it."""
_SMALL = (
    "trivial", "minor", "small", "insignificant", "negligible", "unimportant", "cosmetic", "low priority",
    "low-priority", "not urgent", "not critical", "not worth it",
)  # fmt: skip
"""A judgment the committing party makes of the case in hand: "unless it is trivial" lets them skip any case."""
_JUDGED = ("sense", "sensible", "worthwhile", "useful", "helpful", "justified", "worth it", "reasonable")
_LIMIT_CLAUSES = TermPattern.raw(
    rf"""(?<![\w\-])(?:
      (?:if|when|whenever|as|once|while|where|until)\s+{_OWN}{alternation(_LIMITS)}\s+{alternation(_ALLOW)}
    | (?:if|when|whenever|as\s+long\s+as|provided)\s+there\s+(?:is|are|'s)\s+(?:enough\s+|sufficient\s+|spare\s+)?
      {alternation(_LIMITS)}
    | (?:depending|dependent|conditional|contingent)\s+(?:up)?on\s+(?:(?:the|our|their|its|available)\s+)?
      (?:[\w\-]+\s+){{0,2}}?(?:{alternation(_CONSENTS)}|{alternation(_LIMITS)})
    | (?:unless|if|should|in\s+case)\s+(?:(?:the|our|their|its|other)\s+)?(?:[\w\-]+\s+)?{alternation(_LIMITS)}\s+
      {alternation(_CHANGES)}
    | (?:if|when|where|wherever|whenever)\s+(?:it|this|that)\s+(?:(?:is|seems|makes)\s+)?(?:business\s+)?
      {alternation(_JUDGED)}
    | (?:if|when|where|wherever|whenever)\s+{alternation(_JUDGED[1:])}
    | unless\s+(?:(?:it|they|this|that|the\s+[\w\-]+)\s+(?:is|are|seems|seem|looks|look)|(?:it|that)['\u2019]s
      |they['\u2019]re)\s+(?:too\s+)?
      {alternation(_SMALL)}
    | (?:(?:some|rare|few|occasional|the\s+odd|certain|reasonable)\s+)?exceptions\s+(?:aside|apart|excepted)
    | with\s+(?:(?:some|rare|few|occasional|the\s+odd|certain|reasonable)\s+)?exceptions
    | (?:except|save|other\s+than)\s+in\s+(?:(?:very|truly|rare|some|certain)\s+)?(?:exceptional|special
      |extraordinary|unusual|rare|certain|specific)\s+(?:cases|circumstances|situations|instances)
    | (?:reserves?|reserved|reserving|retains?|retained|retaining)\s+the\s+right\s+to\s+(?:[\w\-]+\s+)?
      {alternation(_WITHDRAWALS)}
    | unless\s+(?:something|anything)\s+(?:[\w\-]+\s+)?{alternation(_UNKNOWN_EVENTS)}
    | barring\s+(?:(?:any|unforeseen|unexpected|major|the|an?)\s+)?[\w\-]+
    | (?:^|(?<=[,;(])|(?<=[,;(]\s))(?:[\w\-]+\s+)?[\w\-]+\s+(?:permitting|allowing)(?=\s*(?:[,;.)]|$))
    | (?:subject\s+to|pending)\s+(?:(?:the|an?|our|their|its|further|final|prior|internal)\s+)?(?:[\w\-]+\s+){{0,2}}?
      (?:{alternation(_CONSENTS)}\s+)?{alternation(_CONSENTS)}
    | at\s+(?:the\s+)?(?:(?:its|their|his|her|our|my|your)|(?-i:[A-Z])[\w\-]*['\u2019]s)\s+(?:(?:sole|absolute|own
      |reasonable|complete|full)\s+)*discretion
    | (?:unless\s+otherwise|except\s+as\s+otherwise)\s+(?:agreed|decided|arranged|instructed|specified|stated)
    | as\s+(?:previously\s+|already\s+|otherwise\s+)?(?:agreed|discussed|arranged)
    | up\s+to\s+{NUMBER}
    | to\s+the\s+(?:maximum|fullest|greatest|full|largest|widest|highest|best|furthest)\s+{alternation(_EXTENTS)}
      (?:\s+(?:possible|practicable|feasible|reasonable|achievable|reasonably\s+(?:possible|practicable)))?
    )(?![\w\-])""",
    needs=any_word(
        "allow",
        "allows",
        "permit",
        "permits",
        "allowing",
        "permitting",
        "available",
        "subject",
        "extent",
        "unless",
        "barring",
        "pending",
        "degree",
        "there",
        "up",
        "depending",
        "dependent",
        "conditional",
        "contingent",
        "discretion",
        "agreed",
        "discussed",
        "arranged",
        "decided",
        "instructed",
        "specified",
        "stated",
        "sense",
        "sensible",
        "worthwhile",
        "useful",
        "helpful",
        "justified",
        "worth",
        "reasonable",
        *sorted({phrase.split()[-1] for phrase in _CHANGES}),  # each of those phrases holds its last word
        "exceptions",
        "cases",
        "circumstances",
        "situations",
        "instances",
        "right",
    ),
)
"""The general shapes behind the stock phrases: a condition on the committing party's own means ("when resources
allow", "unless priorities change", "priorities permitting": any thing permitting, as an absolute clause of its own),
an event nobody can name in advance ("unless something comes up", "barring emergencies"), a consent still to be
given ("subject to budget approval", "pending approval"), someone's discretion ("at Maria's discretion"),
terms that stand elsewhere unnamed ("as agreed", "unless otherwise agreed"), a ceiling in place of a promise ("deliver
up to 40 leads"), an extent left open ("to the maximum extent possible")."""
_GRANTED = Regex(r"\b(?:may|can|entitled|right|option|free)\b", re.IGNORECASE)
"""Before "at its discretion", a right given to a party ("the Client may, at its discretion, extend the pilot")."""
_WITHDRAWN = Regex(rf"\b{alternation(_WITHDRAWALS)}(?![\w\-])", re.IGNORECASE)
"""A right to undo, shrink or move the promise ("Li may cancel the pilot at her discretion") is an exit from it,
not an option given to the other side."""
_POINTS_TO_TERMS = Regex(
    r"\s+(?:in|under|per|by|on)\s+(?:the\s+)?(?:writing|(?-i:[A-Z])|\S*\d|section|clause|annex|schedule"
    r"|appendix|minutes|contract|agreement|sow|statement)",
    re.IGNORECASE,
)
"""After "as agreed", where the terms stand: "as agreed in section 4", "unless otherwise agreed in writing"."""
_NO_PARTY = frozenset((SubjectKind.SYSTEM, SubjectKind.THING))
"""Subjects whose "up to N" states a capacity ("the gateway sends up to 40 events a second"), not a party's promise,
unless a promise is made of it ("the agency will generate up to 25 referrals")."""
_PROMISED = Regex(r"\b(?:will|shall|must|agrees?\s+to|commits?\s+to|undertakes?\s+to)\b", re.IGNORECASE)
_SUPPLIES = Regex(
    r"\b(?:deliver|delivers|delivering|provide|provides|providing|supply|supplies|generate|generates|produce|produces"
    r"|send|sends|source|sources|refer|refers|book|books|bring|brings|hire|hires|recruit|recruits|create|creates"
    r"|publish|publishes|run|runs|hold|holds|complete|completes|close|closes|onboard|onboards|handle|handles"
    r"|resolve|resolves|introduce|introduces|win|wins|sign|signs)\s+(?:\w+\s+){0,2}?$",
    re.IGNORECASE,
)
"""A verb of supplying right before "up to N": the amount is then a ceiling where a promise was due ("we will
deliver up to 40 leads per month"); "retry up to 3 times" or "refund up to EUR 500" set a limit, and stay."""
_PATTERN = TermPattern.of(TERMS[: -len(_SOON)])
_SOON_PATTERN = TermPattern.of(_SOON, label="soon")
_PERMITTED_BY_LAW = Regex(r"\s+(?:permitted|allowed|required)\s+(?:by|under)\b", re.IGNORECASE)
_ANCHORED = Regex(r"(?:by|under|in\s+accordance\s+with|per|in)\b")


_REOPENS = Regex(
    r"\b(?:renegotiat\w*|revisit\w*|reopen\w*|re-open\w*|review\w*|revis\w*|discuss\w*|reconsider\w*|re-?plan\w*"
    r"|escalat\w*|notify|notifies|inform\w*|tell|tells)\b",
    re.IGNORECASE,
)
"""Around "if circumstances change", a step the change sets off ("renegotiate if things change", "if priorities
change, Ana re-plans the sprint"): a trigger, which renegotiation-without-trigger judges, not a way out of the work."""
_IF_CHANGED = ("if ", "should ", "in case ")
_RESERVED = ("reserve", "retain")
_MESSAGES = {
    "": "is an escape clause: state the condition that triggers the work, or commit without it",
    "soon": 'leaves the time to whoever owes the work: give a date, or a time after a named event (e.g. "within 2 '
    'business days of the request")',
}


def _keep(hit: Hit) -> bool:
    """ "As required by the 2026 policy" or "to the maximum extent permitted by law" name what decides, so they are no
    escape; nor is a term inside a name ("the Best Effort tier")."""
    if in_name(hit):
        return False
    lowered = hit.term.lower()
    if lowered.endswith("discretion"):
        around = f"{hit.before} {text_after(hit.masked, hit.end, 4)}"
        return _GRANTED.search(around) is None or _WITHDRAWN.search(around) is not None
    if lowered.startswith(("as ", "unless ", "except ")) and lowered.endswith(
        ("agreed", "discussed", "arranged", "decided", "instructed", "specified", "stated")
    ):
        return _POINTS_TO_TERMS.match(hit.masked, hit.end) is None
    if lowered.startswith(_RESERVED):
        return not has_number(hit.after)  # "reserves the right to reduce the order by up to 10 units": bounded
    if lowered.startswith(_IF_CHANGED) and lowered.endswith(_CHANGES):
        return _REOPENS.search(hit.sentence) is None
    if lowered.startswith("up to"):
        return _SUPPLIES.search(hit.before) is not None and (
            hit.subject.kind not in _NO_PARTY or _PROMISED.search(hit.before) is not None
        )
    if hit.term.lower().endswith(("required", "necessary", "needed", "applicable", "available")):
        return not _ANCHORED.match(text_after(hit.masked, hit.end, 1))
    if hit.term.lower().endswith(_EXTENTS):
        return _PERMITTED_BY_LAW.match(hit.masked, hit.end) is None
    return True


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    for hit in scan(text, _LIMIT_CLAUSES, _PATTERN, _SOON_PATTERN, keep=_keep):
        yield TextSpan(hit.start, hit.end, f'"{hit.term}" {_MESSAGES[hit.label]}')


RULE = TextRule(
    code="V103",
    name="escape-clause",
    category=Category.VAGUENESS,
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
