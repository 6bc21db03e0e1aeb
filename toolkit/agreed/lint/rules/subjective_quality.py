"""A subjective quality word stands where a measurable property should be.

Words such as "robust", "user-friendly", "high-quality" or "happy" sound like commitments, but two honest people can
disagree about whether they were met: each partner reads their own standard into the word. Replace the word with
the property it stands for and a number ("p95 latency under 300 ms", "set up in under 10 minutes by a new user",
"zero Sev-1 incidents in March 2027").

A quality word is precise when the same sentence anchors it: a reference to where it is defined (a standard such as
WCAG 2.2 AA or ISO 27001, a table, a section, "as defined in"), a fit criterion ("responsive: every page under 1 s")
or, for a word of sufficiency, the bounded set it must suffice for ("sufficient licences for all 40 agents"). Words
inside a proper name or a technical term ("Good Friday", "Quality Assurance", "good manufacturing practice") are no
quality words; a sentence written in Title Case ("Provide a User-Friendly Interface.") holds no name by its capitals.
A compound that judges something sufficient by no standard ("a good-enough importer") is as vague as "sufficient".
Business jargon ("leverage synergies", "data-driven", "holistic") is reported as jargon: it names no outcome at all.

Fires on:
    Deliver a robust, user-friendly reporting layer by 2027-03-31.
    Provide high-quality onboarding for key stakeholders.
    Migrate the ledger with minimal disruption and keep costs low.
    Ensure customers are happy and keep open defects at a manageable level.
    Leverage synergies between the sales and support teams.
    Onboarding is noticeably slower and the build is unstable.
    Provide a User-Friendly Interface.
    Build a good-enough importer and keep costs low.

Passes:
    Deliver the reporting layer with p95 latency under 300 ms by 2027-03-31.
    Rotate the API key every 90 days.
    Sign the contract in good faith with an effective date of 2027-01-01.
    Replace the banner "a seamless experience" with the new copy by 2027-02-01.
    Make the portal accessible to WCAG 2.2 AA by 2027-03-01.
    Keep the site responsive: every page under 1 s on a 4G profile.
    Buy sufficient licences for all 40 agents by 2027-02-01.
    Publish the Good Friday holiday schedule by 2027-03-01.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import Hit, exempted, scan, text_after
from agreed.text.measures import has_bounded_purpose, has_fit_criterion, has_reference
from agreed.text.names import in_name
from agreed.text.patterns import Regex, TermPattern, alternation, any_word
from agreed.text.vocabulary import verb_forms

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

TERMS = (
    "robust", "robustly", "user-friendly", "user friendly", "customer-friendly", "world-class", "world-leading",
    "industry-leading", "market-leading", "best-in-class",
    "seamless", "seamlessly", "high-quality", "top-quality", "high-performing",
    "high-performance", "high-impact", "performant", "intuitive", "intuitively", "efficient", "efficiently",
    "inefficient", "cost-effective", "scalable", "appropriate", "appropriately", "adequate", "adequately", "sufficient",
    "sufficiently", "reasonable", "reasonably", "good", "great", "excellent", "exceptional", "superior", "significant",
    "significantly", "substantial", "substantially", "considerable", "considerably", "unreasonable", "unreasonably",
    "unduly", "effective", "effectively", "streamlined", "modern", "modernised", "clean", "cleanly", "comprehensive",
    "comprehensively", "strong", "strongly", "solid", "flexible", "proactive", "proactively", "meaningful",
    "meaningfully", "relevant", "necessary", "up to date", "up-to-date", "simple", "simply", "easy",
    "easily", "easy to use", "easy-to-use", "smooth", "smoothly", "minimal", "minimally", "optimal", "optimally",
    "reliable", "reliably", "transparent", "transparently", "clear", "clearly", "well-defined", "well defined",
    "well-documented", "fit for purpose", "fit-for-purpose", "acceptable", "satisfactory", "suitable", "proper",
    "properly", "innovative", "engaging", "compelling", "attractive", "polished", "key",
    "friendly", "accurate", "accurately", "accessible", "competitive", "competitively", "wide range", "wide range of",
    "broad range of", "under control", "best possible", "high standard", "high standards", "to a high standard",
    "satisfactorily", "consistent", "consistently", "responsive", "stakeholder-friendly", "seamless experience",
    "patient-centred", "patient-centered",
    "happy", "happier", "delighted", "manageable", "manageably",
    "manageable level", "manageable levels", "predictable", "predictably", "beneficial", "mutually beneficial",
    "helpful", "unhelpful", "tricky", "graceful", "gracefully", "high availability", "highly available", "real-time",
    "real time", "realtime", "near real-time", "near real time", "near-real-time", "secure",
    "securely", "good condition", "good order", "good working order", "good repair", "good state", "good shape",
    "good working condition", "top talent", "top-notch", "first-class", "first-rate", "premium quality",
    "acceptable level", "acceptable levels", "reasonable level", "appropriate level", "sufficient level",
    "adequate level", "high level of", "fast", "speedy", "courteous",
    "courteously", "polite", "politely", "respectful", "respectfully", "constructive", "constructively",
    "professional", "professionally", "knowledgeable", "competent", "suitably", "suitably qualified",
    "appropriately qualified", "appropriately trained", "adequately trained", "properly trained", "fair", "fairly",
    "honest", "honestly", "openly", "open and honest", "valuable", "useful", "convenient", "conveniently",
    "hassle-free", "frictionless", "effortless", "effortlessly", "painless", "stress-free", "pleasant", "enjoyable",
    "satisfying", "superb", "amazing", "awesome", "wonderful", "nice", "decent", "sensible", "sensibly",
    "thorough", "thoroughly", "rigorous", "rigorously", "diligent", "diligently", "careful", "carefully", "elegant",
    "maintainable", "extensible", "resilient", "usable", "value for money", "best value", "quality service",
    "sensitive", "important", "importantly", "vibrant", "thriving", "quick", "rapid", "rapidly", "low latency",
    "low-latency", "high throughput", "high-throughput", "low cost", "low-cost", "concise", "understandable",
    "readable", "easy to understand", "easy-to-understand", "detailed", "safe", "safely", "productive",
    "productively", "collaborative", "collaboratively", "supportive", "inclusive", "welcoming", "poor", "poorly",
    "stable", "unstable", "noticeable", "noticeably", "markedly", "dramatic", "dramatically",
)  # fmt: skip
JARGON = (
    "synergy", "synergies", "synergistic", "customer-centric", "user-centric", "people-centric", "data-driven",
    "holistic", "best-of-breed", "next-generation", "cutting-edge", "leading-edge", "state-of-the-art",
    "future-proof", "fit-for-the-future", "impactful", "actionable",
    *verb_forms(
        "leverage synergies", "realise synergies", "realize synergies", "unlock synergies", "exploit synergies",
        "create synergies", "capture synergies", "drive synergies", "find synergies",
    ),
)  # fmt: skip
"""Business jargon: words that promise an effect without naming any outcome one could check, not a quality of a
result that a number could pin down."""

_PATTERN = TermPattern.of(TERMS)
_JARGON = TermPattern.of(JARGON, label="jargon")
_LEVEL_VERBS = (
    "keep", "keeps", "keeping", "kept", "remain", "remains", "stay", "stays", "maintain", "maintains", "maintaining",
    "hold", "holds",
)  # fmt: skip
_LEVEL_TARGET = TermPattern.raw(
    rf"""(?<![\w\-]){alternation(_LEVEL_VERBS)}
    \s+(?:[\w\-]+\s+){{0,3}}?(?P<term>low|high|lower|down|minimal|manageable|under\s+control|in\s+check|short
    |brief|small|lean|tidy|tight)(?![\w\-])""",
    needs=any_word(*_LEVEL_VERBS),
)
_KEY_NOUNS = Regex(
    r"(?:stakeholders?|metrics?|kpis?|risks?|partners?|milestones?|deliverables?|areas?|issues?|people|customers?"
    r"|clients?|decisions?|players?|priorities|findings|insights|learnings|messages?|topics?|themes?|initiatives?"
    r"|features?|points?|results?|outcomes?|updates?|information|contacts?|documents?|requirements?|tasks?"
    r"|activities|questions?|concerns?|dates?|members?|staff|roles?|systems?|processes|aspects?|elements?"
    r"|factors?|drivers?|users?|teams?|functions?|workstreams?|projects?|opportunities|goals?|objectives?)\b"
)
_EXEMPT_AFTER = {
    "fast": r"(?:track|lane|path|follow|moving|food|forward|charging)\b",
    "sensitive": r"(?:data|information|personal|fields?|records?|documents?|categor)",
    "fair": r"(?:value|market|use|processing|trading)\b",
    "professional": r"(?:services?|indemnity|body|bodies|standards?|qualifications?|registration|judgement|judgment)\b",
    "important": r"(?:to\s+note)\b",
    "quick": r"(?:start|reference)\b",
    "detailed": r"(?:design)\b",
    "safe": r"(?:mode|harbou?r|zone|room|word|list|deposit)\b",
    "inclusive": r"of\b",
    "stable": r"(?:release|channel|branch|build|version|tag|sort|isotope|coin)s?\b",  # a named track, not a quality
    "good": r"(?:faith|standing|cause)\b",
    "effective": r"(?:date|from|as\s+of|on|immediately|upon)\b",
    "significant": r"(?:at|to\s+the)\b",
    "simple": r"majority\b",
    "clean": r"(?:up|out|room)\b",
    "clear": r"(?:up|out|the|all|any|each|every|by|our|its|their|this|these|those|outstanding|\d)",
    "reasonable": r"(?:efforts?|endeavou?rs?|time|timeframe|period|notice|delay)\b",  # effort: V103; time: T301
}
_EXEMPT_BEFORE = {
    "significant": r"statistically$",
    "necessary": r"(?:if|where|when|as|deemed|whenever)$",
    "appropriate": r"(?:if|where|when|as|whenever)$",
    "relevant": r"(?:if|where|when|as)$",
    "reasonable": r"(?:commercially)$",
    "clear": r"(?:to)$",
    "secure": r"(?:to|will|shall|must|should|can|may|would|could|'ll|and|or|cannot|not)$",  # the verb: "to secure"
}


_SUFFICIENCY = frozenset({
    "sufficient", "sufficiently", "adequate", "adequately", "appropriate", "appropriately", "necessary", "suitable",
    "proper", "properly", "reasonable", "reasonably",
})  # fmt: skip
_JUDGED_ENOUGH = TermPattern.raw(
    r"(?P<term>(?<![\w\-])[a-z]+-enough)(?![\w\-])", needs=lambda text: "-enough" in text.lower()
)
"""A compound that judges something sufficient by no standard: "a good-enough importer", "fast-enough pages"."""


def _keep(hit: Hit) -> bool:
    word = hit.term.lower()
    if word.endswith("ly") and not hit.before.strip() and hit.after.startswith(","):
        return False  # "Honestly, ...": a remark of the writer's, not a quality of the result
    if word == "key":
        return _KEY_NOUNS.match(text_after(hit.masked, hit.end, 1)) is not None  # "key stakeholders", not "API key"
    return not (
        exempted(word, hit, after=_EXEMPT_AFTER, before=_EXEMPT_BEFORE)
        or in_name(hit, modifier=" " not in word)  # "Good Friday rotas ..."; not a verb phrase ("Leverage Synergies")
        or _anchored(hit)
    )


def _anchored(hit: Hit) -> bool:
    """The statement says what the quality word means: a reference where it is defined ("accessible to WCAG 2.2 AA"),
    a fit criterion ("responsive: every page under 1 s") or the bounded purpose it serves ("sufficient licences for
    all 40 agents")."""
    after = hit.after
    return (
        has_reference(hit.sentence)
        or has_fit_criterion(after)
        or (hit.term.lower() in _SUFFICIENCY and has_bounded_purpose(after))
    )


_MESSAGES = {
    "": "is a subjective quality word: say what measurable property it stands for",
    "jargon": "is jargon with no checkable outcome: say what will change, for whom, and by how much",
}


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    for hit in scan(text, _LEVEL_TARGET, _PATTERN, _JARGON, _JUDGED_ENOUGH, keep=_keep):
        yield TextSpan(hit.start, hit.end, f'"{hit.term}" {_MESSAGES[hit.label]}')


RULE = TextRule(
    code="V101",
    name="subjective-quality",
    category=Category.VAGUENESS,
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
