"""Who a verb is about: the subject of the clause before a modal or a verb, and what kind of subject it is.

"Should" means three things in third-party text. In "Ops should publish a summary" a team hedges what it will do;
in "The service should retry failed webhooks 3 times" a specification states a priority (RFC 2119, ISO/IEC/IEEE
29148); in "Customers may export their data" someone other than the committing party is given a right. The words
before the modal tell them apart: :func:`subject_before` finds the subject of the modal's clause and
:func:`classify_subject` sorts it into a :class:`SubjectKind`:

- ``ACTOR``: a person, a team, a party, a role or "we": someone who commits ("Li", "the vendor", "Finance");
- ``SYSTEM``: a system, product, service, component or what it shows ("the API", "the portal", "the dashboard");
- ``RECIPIENT``: someone the commitment serves, who is given rights or told what to do ("customers", "users", "you");
- ``THING``: an event, an amount, a document or a pronoun for one: nobody who acts ("delays", "the results", "it");
- ``NONE``: no subject before the verb: an imperative, an inverted clause ("Should the link fail, ...") or a verb
  that shares the subject of the verb before it.

A :class:`Subject` also says whether its clause is subordinate (after "if", "when", "unless", "that", "which", ...):
a modal there describes a condition or a possibility, not what anyone promises.

A passive names who acts after "by", if at all: :func:`passive_agent` finds that agent ("the database should be
backed up nightly by Ops": Ops), so that a modal is read as being about whoever acts, not about what is acted on.
"""

from __future__ import annotations

import enum
import re

from agreed.record import Record
from agreed.text.patterns import Regex
from agreed.text.sentences import clause_around, sentence_around
from agreed.text.vocabulary import BY_AGENT

__all__ = [
    "Subject",
    "SubjectKind",
    "classify_subject",
    "names_a_class",
    "passive_agent",
    "subject_before",
]


class SubjectKind(enum.Enum):
    ACTOR = "actor"
    SYSTEM = "system"
    RECIPIENT = "recipient"
    THING = "thing"
    NONE = "none"


class Subject(Record):
    """The subject of a clause: its words as written (``""`` when there are none), their kind, and whether the clause
    is subordinate (a condition, a relative or an adverbial clause)."""

    words: str
    kind: SubjectKind
    subordinate: bool = False


# --------------------------------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------------------------------

_PRONOUNS = {
    "we": SubjectKind.ACTOR, "i": SubjectKind.ACTOR, "he": SubjectKind.ACTOR, "she": SubjectKind.ACTOR,
    "they": SubjectKind.ACTOR, "everyone": SubjectKind.ACTOR, "everybody": SubjectKind.ACTOR,
    "someone": SubjectKind.ACTOR, "somebody": SubjectKind.ACTOR, "each": SubjectKind.ACTOR,
    "you": SubjectKind.RECIPIENT, "anyone": SubjectKind.RECIPIENT, "anybody": SubjectKind.RECIPIENT,
    "whoever": SubjectKind.RECIPIENT,
    "it": SubjectKind.THING, "this": SubjectKind.THING, "that": SubjectKind.THING, "these": SubjectKind.THING,
    "those": SubjectKind.THING, "there": SubjectKind.THING, "anything": SubjectKind.THING,
    "something": SubjectKind.THING, "nothing": SubjectKind.THING, "everything": SubjectKind.THING,
    "which": SubjectKind.THING, "what": SubjectKind.THING, "whatever": SubjectKind.THING,
}  # fmt: skip

_SYSTEMS = frozenset((
    "system", "subsystem", "service", "microservice", "product", "platform", "application", "app", "api", "component",
    "module", "software", "tool", "tooling", "portal", "website", "site", "web", "interface", "ui", "gui", "database",
    "db", "server", "device", "solution", "feature", "function", "functionality", "dashboard", "bot", "chatbot",
    "engine", "pipeline", "job", "scheduler", "gateway", "router", "network", "firmware", "library", "sdk", "endpoint",
    "page", "form", "screen", "backend", "frontend", "cache", "integration", "workflow", "model", "algorithm",
    "sensor", "machine", "equipment", "hardware", "cluster", "node", "instance", "container", "script", "program",
    "programme", "crm", "erp", "installer", "client-side", "field", "button", "menu", "display", "export",
    "notification", "alert", "log", "message", "response", "request", "link", "connection", "storage", "backup",
    "environment", "infrastructure", "architecture", "implementation", "design", "code", "codebase", "build",
    "release", "version", "upgrade", "update", "configuration", "setting", "account", "login", "session", "token",
    "password", "key", "certificate", "queue", "batch", "process", "file", "format", "template", "output", "input",
    "search", "index", "catalogue", "catalog", "kiosk", "terminal", "controller", "processor", "monitor", "vehicle",
    "robot", "camera", "meter", "unit", "card", "reader", "printer", "scanner", "phone", "tablet", "laptop", "widget",
    "plugin", "plug-in", "extension", "agent-side", "automation", "tracker", "checker", "validator", "parser",
))  # fmt: skip
"""A system, a product, a service, a component or what it shows: the subjects of a specification's requirements."""

_RECIPIENTS = frozenset((
    "customer", "user", "client", "visitor", "patient", "applicant", "citizen", "resident", "subscriber", "buyer",
    "tenant", "guest", "member", "consumer", "end-user", "enduser", "learner", "student", "passenger", "traveller",
    "traveler", "shopper", "caller", "requester", "requestor", "claimant", "policyholder", "beneficiary",
    "licensee", "holder", "recipient", "reader", "viewer", "participant", "attendee", "candidate", "employee",
    "public", "purchaser", "account-holder", "cardholder", "borrower", "depositor", "investor", "player", "tenderer",
    "bidder", "respondent", "offeror", "proposer",
))  # fmt: skip
"""Someone a commitment serves, given rights or told what to do, rather than someone who commits."""

_ACTORS = frozenset((
    "team", "squad", "party", "partner", "vendor", "supplier", "contractor", "subcontractor", "provider", "manager",
    "lead", "owner", "engineer", "developer", "staff", "department", "group", "office", "agency",
    "company", "organisation", "organization", "firm", "ops", "operations", "sales", "marketing", "finance",
    "legal", "engineering", "support", "it", "hr", "procurement", "security", "product", "qa",
    "management", "leadership", "board", "committee", "council", "authority", "ministry", "consultant", "analyst",
    "agent", "administrator", "admin", "officer", "director", "head", "chair", "coordinator", "champion", "sponsor",
    "steward", "lawyer", "counsel", "accountant", "auditor", "reviewer", "approver", "contact", "representative",
    "rep", "specialist", "nurse", "doctor", "clinician", "teacher", "tutor", "trainer", "coach", "mentor", "clerk",
    "seller", "contractor", "licensor", "lessor", "landlord", "employer", "bank", "insurer", "carrier", "operator",
    "technician", "volunteer", "colleague", "crew", "desk", "helpdesk", "service-desk", "pmo", "cfo", "ceo", "cto",
    "cio", "ciso", "coo", "cmo", "vp", "sre", "devops", "secretariat", "registrar", "hospital", "clinic", "school",
    "university", "council", "store", "branch", "site-lead", "project", "programme-office", "us",
))  # fmt: skip
"""People, teams, parties and roles: those who commit. ("Product" is a team and a system: the systems list is read
first, so "the product should" is a specification, and "Product" alone, capitalised, a team.)"""

_SYSTEM_ACRONYM = Regex(r"[A-Z]{1,4}S")
_KNOWN = _SYSTEMS | _RECIPIENTS | _ACTORS
_ROLE_ENDING = Regex(r"\w{2,}(?:er|or|ist|ian)s?")
_NOT_ROLES = frozenset((
    "order", "number", "error", "letter", "filter", "trigger", "buffer", "register", "factor", "sector", "indicator",
    "folder", "header", "footer", "banner", "paper", "center", "centre", "matter", "chapter", "quarter", "parameter",
    "identifier", "cluster", "container", "calendar", "counter", "layer", "tier", "marker", "cover", "border",
    "answer", "offer", "transfer", "power", "water", "winter", "summer", "member", "corridor", "vector", "colour",
    "color", "behaviour", "behavior", "favour", "favor", "error", "mirror", "floor", "door", "minor", "major",
    "flavour", "checklist", "list", "wishlist", "playlist", "ratio", "other", "either", "neither", "whether",
    "further", "together", "however", "after", "later", "never", "ever", "over", "under", "per", "prior",
))  # fmt: skip

_DETERMINERS = frozenset((
    "the", "a", "an", "our", "their", "its", "his", "her", "my", "your", "this", "that", "these", "those", "each",
    "every", "all", "any", "some", "no", "both", "either", "neither", "one", "two", "three", "most", "many",
    "several", "other", "another", "such",
))  # fmt: skip
_QUANTIFIERS = frozenset(("each", "all", "any", "some", "none", "one", "either", "neither", "both", "most", "many"))
_PREPOSITIONS = frozenset((
    "of", "for", "in", "on", "at", "from", "with", "within", "under", "across", "to", "by", "about", "via", "per",
    "without", "behind", "between", "among", "over", "into", "through",
))  # fmt: skip
_ADVERBS = frozenset((
    "also", "then", "still", "always", "never", "now", "first", "too", "only", "therefore", "thus", "hence",
    "however", "instead", "likewise", "again", "even", "just", "not", "so", "meanwhile", "accordingly",
))  # fmt: skip
_SUBORDINATORS = frozenset((
    "if", "when", "whenever", "where", "wherever", "unless", "until", "till", "once", "because", "since", "as",
    "while", "whilst", "whether", "though", "although", "how", "why", "than", "lest", "before", "after", "so",
))  # fmt: skip
_RELATIVES = frozenset(("that", "which", "who", "whom", "whose", "what", "whatever", "whoever"))
_COORDINATORS = frozenset(("and", "or", "but", "nor", "then", "yet"))
_VERBS_BEFORE_THAT = Regex(
    r"\b(?:agree|agreed|agrees|ensure|ensures|confirm|confirms|confirmed|note|notes|noted|accept|accepts|state|states"
    r"|say|says|said|decide|decided|decides|expect|expects|mean|means|require|requires|understand|understands"
    r"|acknowledge|acknowledges|recognise|recognises|recognize|recognizes|promise|promises|know|knows)$"
)
_STOPPING_VERB = Regex(
    r"\b(?:will|shall|must|should|would|can|could|may|might|is|are|was|were|be|been|has|have|had|do|does|did"
    r"|wants?|needs?|agrees?)$"
)
_ROLE_OPENING = Regex(r"\s*as\s+(?:an?|the)\s+([^,.;:]{1,60}),", re.IGNORECASE)
_CONDITION_OPENING = Regex(
    r"(?:in\s+case|in\s+the\s+event|provided|providing|assuming|supposing)(?:\s+that)?\b\s*", re.IGNORECASE
)
_WORD_OR_BREAK = Regex(r"[\w'\u2019&./+\-]*\w|[,;:()\[\]\u2013\u2014]|\s-\s")
_PASSIVE_OPENING = Regex(r"\s*(?:(?:not|also|\w+ly)\s+){0,2}(?:be|get)\s+(?:\w+ly\s+)?[a-z]+\b", re.IGNORECASE)
_AGENT = Regex(BY_AGENT, re.IGNORECASE)
_ENDS_AGENT = _PREPOSITIONS | _SUBORDINATORS | _RELATIVES | _COORDINATORS | _DETERMINERS
_ACTING_KINDS = frozenset((SubjectKind.ACTOR, SubjectKind.SYSTEM, SubjectKind.RECIPIENT))


# --------------------------------------------------------------------------------------------------------------------
# Finding and classifying the subject
# --------------------------------------------------------------------------------------------------------------------


def subject_before(masked: str, start: int) -> Subject:
    """The subject of the clause in which the verb or modal at ``masked[start]`` stands.

    The words between the clause's start (a punctuation mark, a conjunction, a subordinator or the sentence start) and
    the verb, adverbs left out, form the subject. A clause that starts at the verb ("and may send", "Should the link
    fail") has the subject ``NONE`` unless a coordinator ("and", "but") joins it to an earlier clause, whose subject
    it shares.
    """
    sentence_start = sentence_around(masked, start, start)[0]
    subject = _subject_between(masked, sentence_start, start)
    if subject.words.lower() in ("i", "we") and (role := _ROLE_OPENING.match(masked, sentence_start)):
        return subject._replace(kind=classify_subject(role.group(1)))  # "As a user, I should be able to ..."
    return subject


def _subject_between(masked: str, sentence_start: int, start: int) -> Subject:
    tokens = _WORD_OR_BREAK.regex.findall(masked, sentence_start, start)
    words: list[str] = []
    for index in range(len(tokens) - 1, -1, -1):
        token, folded = tokens[index], tokens[index].lower()
        if not token[:1].isalnum() and token not in ("&",):  # a punctuation mark ends the clause
            return _subject(words, subordinate=False) if words else _subject_across_break(tokens[:index])
        if _is_complement_that(tokens, index, words):
            return _subject(words, subordinate=False)
        if folded in _SUBORDINATORS or folded in _RELATIVES:
            return _clause_introduced_by(folded, words, tokens[:index])
        if folded in _COORDINATORS or _STOPPING_VERB.fullmatch(folded):
            if words and _inverts_a_condition(tokens, index):
                return _subject(words, subordinate=True)  # "Should the Supplier wish to replace ..., it shall ..."
            return _subject(words, subordinate=False) if words else _leading_subject(tokens[:index])
        if words or not _is_adverb(token):
            words.insert(0, token)
    return _subject(words, subordinate=False)


def passive_agent(masked: str, end: int) -> Subject | None:
    """Who acts in the passive that follows a modal ending at ``masked[end]``: the noun phrase after "by" in its
    clause ("should be backed up nightly by Ops": Ops) when it names an actor, a system or a recipient. None for an
    active verb ("should publish"), a passive with no agent ("should be logged"), or "by" with a date or a means
    ("should be sent by Friday", "by email")."""
    clause_end = clause_around(masked, end, end)[1]
    if _PASSIVE_OPENING.match(masked, end) is None:
        return None
    agent = _AGENT.search(masked[end:clause_end])
    if agent is None:
        return None
    words = _agent_words((agent.group("agent") or agent.group("people")).split())
    kind = classify_subject(words)
    return Subject(words, kind) if kind in _ACTING_KINDS else None


def _agent_words(words: list[str]) -> str:
    """The agent's noun phrase: the words after "by" up to the first that ends it ("Ops every night": Ops)."""
    for index, word in enumerate(words):
        folded = word.lower()
        ends = folded in _ENDS_AGENT or _is_adverb(word) or word[:1].isdigit()
        if index > 0 and word.islower() and ends and any(w.lower() not in _DETERMINERS for w in words[:index]):
            return " ".join(words[:index])
    return " ".join(words)


def _inverts_a_condition(tokens: list[str], index: int) -> bool:
    return tokens[index].lower() in ("should", "were", "had") and (index == 0 or not tokens[index - 1][:1].isalnum())


def _is_adverb(token: str) -> bool:
    return token in _ADVERBS or (token.islower() and token.endswith("ly"))  # "Emily" is a name


def names_a_class(subject: Subject) -> bool:
    """Whether ``subject`` names a whole class of people with no determiner ("Contractors", "Vendors", "Staff"), to
    whom a "may" gives a permission rather than hedging a promise of one party."""
    words = subject.words.strip().split()
    if subject.kind is not SubjectKind.ACTOR or not words or words[0].lower() in _DETERMINERS:
        return False
    head = words[-1].lower().strip("'\u2019")
    return head in _CLASS_NOUNS or (head.endswith("s") and not head.endswith("ss") and _singular(head) != head)


_CLASS_NOUNS = frozenset(("staff", "personnel", "faculty"))
"""Nouns that name a class of people without a plural ending."""


def classify_subject(words: str) -> SubjectKind:
    """The kind of the noun phrase ``words`` (a subject as written): see :class:`SubjectKind`."""
    tokens = _WORD_OR_BREAK.regex.findall(words)
    head = _head(tokens)
    if head is None:
        return SubjectKind.NONE
    folded = head.lower().strip("'\u2019")
    if folded in _PRONOUNS and not (head.isupper() and len(head) > 1):  # "IT" is a team
        return _PRONOUNS[folded]
    singular = _singular(folded)
    for word in (folded, singular):
        if word in _SYSTEMS and not _is_named_team(head, tokens):
            return SubjectKind.SYSTEM
        if word in _RECIPIENTS:
            return SubjectKind.RECIPIENT
        if word in _ACTORS:
            return SubjectKind.ACTOR
    if _SYSTEM_ACRONYM.fullmatch(head):
        return SubjectKind.SYSTEM  # "the WMS", "the HRIS": a ... system
    if _ROLE_ENDING.fullmatch(folded) and folded not in _NOT_ROLES and singular not in _NOT_ROLES:
        return SubjectKind.ACTOR  # a role: "the planner", "Drivers"
    if head[:1].isupper():
        return SubjectKind.THING if _is_plural_at_start(head, tokens) else SubjectKind.ACTOR  # "Li", "Acme"
    return SubjectKind.THING


def _subject(words: list[str], *, subordinate: bool) -> Subject:
    phrase = " ".join(words)
    if condition := _CONDITION_OPENING.match(phrase):  # "in case the pump should fail": a condition
        phrase, subordinate = phrase[condition.end() :], True
    return Subject(phrase, classify_subject(phrase), subordinate)


def _subject_across_break(tokens: list[str]) -> Subject:
    """The clause starts at the verb right after a punctuation mark: "Li, our lead, may ..." keeps the subject
    before the aside, "Ideally, may ..." has none."""
    leading = _leading_subject(tokens)
    return leading if leading.kind is not SubjectKind.NONE and len(tokens) <= 8 else Subject("", SubjectKind.NONE)


def _clause_introduced_by(word: str, words: list[str], before: list[str]) -> Subject:
    if words or word not in _RELATIVES:
        return Subject(" ".join(words), classify_subject(" ".join(words)), subordinate=True)
    antecedent = _trailing_noun_phrase(before)  # "every defect that may appear": the defect is the subject
    return Subject(antecedent, classify_subject(antecedent) if antecedent else SubjectKind.THING, subordinate=True)


def _is_complement_that(tokens: list[str], index: int, words: list[str]) -> bool:
    """"that" after a verb such as "agree" or "ensure" opens a clause with a subject of its own ("we agree that Li
    may send"); after a noun it is a relative pronoun ("every defect that may appear")."""
    return tokens[index].lower() == "that" and bool(words) and index > 0 and bool(
        _VERBS_BEFORE_THAT.fullmatch(tokens[index - 1].lower())
    )


def _leading_subject(tokens: list[str]) -> Subject:
    """The subject of the first clause of ``tokens``: the words before its first verb or modal."""
    words: list[str] = []
    for token in tokens:
        folded = token.lower()
        if not token[:1].isalnum() or folded in _SUBORDINATORS or _STOPPING_VERB.fullmatch(folded):
            if words and token[:1].isalnum():
                break
            words = []  # an opening phrase ("Ideally,") or a subordinate clause comes before the subject
            continue
        words.append(token)
        if len(words) > 6:
            break
    words = _known_noun_phrase(words)
    return _subject(words, subordinate=False) if words else Subject("", SubjectKind.NONE)


def _known_noun_phrase(words: list[str]) -> list[str]:
    """The words that open ``words`` up to the first that names a known kind of subject: a pronoun, a run of
    capitalised words or a word of the lists ("Li drafts the plan": Li), since a verb without a modal is not told
    from a noun by its form; all of ``words`` when no such word comes within the first three."""
    for index, word in enumerate(words[:3]):
        folded = word.lower()
        if folded in _DETERMINERS and folded not in _PRONOUNS:
            continue
        if word[:1].isupper():
            end = index + 1
            while end < len(words) and words[end][:1].isupper():
                end += 1
            return words[:end]
        if folded in _PRONOUNS or _singular(folded) in _KNOWN or folded in _KNOWN:
            end = index + 1
            while end < len(words) and (words[end].lower() in _KNOWN or _singular(words[end].lower()) in _KNOWN):
                end += 1
            return words[:end]
    return words if len(words) <= 6 else []


def _trailing_noun_phrase(tokens: list[str]) -> str:
    words: list[str] = []
    for token in reversed(tokens):
        if not token[:1].isalnum() or _STOPPING_VERB.fullmatch(token.lower()) or len(words) >= 4:
            break
        words.insert(0, token)
        if token.lower() in _DETERMINERS:
            break  # the noun phrase starts at its determiner
    return " ".join(words)


def _head(tokens: list[str]) -> str | None:
    """The head noun of a noun phrase: its last word before a preposition ("the owner of the service": owner), or
    after it when only a quantifier comes before ("each of the vendors": vendors)."""
    words = [token for token in tokens if token[:1].isalnum()]
    for index, word in enumerate(words):
        if word.lower() in _PREPOSITIONS and index > 0:
            before = [w for w in words[:index] if w.lower() not in _DETERMINERS or w.lower() in _QUANTIFIERS]
            if not all(w.lower() in _QUANTIFIERS for w in before):
                words = words[:index]
            break
    content = [word for word in words if word.lower() not in _DETERMINERS and word.lower() not in _PREPOSITIONS]
    if not content:
        return words[-1] if words else None
    return content[-1]


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _is_plural_at_start(head: str, tokens: list[str]) -> bool:
    """A capitalised plural that opens the phrase ("Delays may occur") is a common noun at the start of a sentence,
    not a name."""
    words = [token for token in tokens if token[:1].isalnum()]
    return words[0] == head and _singular(head.lower()) != head.lower()


def _is_named_team(head: str, tokens: list[str]) -> bool:
    """"Product", "Design" or "Data" capitalised alone, mid-sentence, name a team, not a system."""
    return head[:1].isupper() and len([t for t in tokens if t[:1].isalnum()]) == 1 and head.lower() in _ACTORS

