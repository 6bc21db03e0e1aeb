"""V101 subjective-quality: quality words that stand where a measurable property should be."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.rule import Category, TextContext, TextRule
from agreed.lint.rules.subjective_quality import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import FlaggedBy, RuleIdentity


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("V101", "subjective-quality", Category.VAGUENESS, Severity.WARNING)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deliver a robust reporting layer.", ["robust"]),
        ("Onboarding is noticeably slow and the build is unstable.", ["noticeably", "unstable"]),
        ("Fix the poor search results and keep the API stable.", ["poor", "stable"]),
        ("Build a user-friendly portal.", ["user-friendly"]),
        ("Provide a User-Friendly Interface.", ["User-Friendly"]),  # Title Case is style, not a name
        ("Goal: Deliver A Fast And Reliable Service.", ["Fast", "Reliable"]),
        ("Build a user friendly portal.", ["user friendly"]),
        ("Offer a world-class onboarding.", ["world-class"]),
        ("Offer a world class onboarding.", ["world class"]),
        ("Provide seamless hand-offs and intuitive dashboards.", ["seamless", "intuitive"]),
        ("Ship high-quality, scalable and efficient services.", ["high-quality", "scalable", "efficient"]),
        ("Adopt a best-in-class, state-of-the-art stack.", ["best-in-class", "state-of-the-art"]),
        ("Take appropriate steps to protect the data.", ["appropriate"]),
        ("Give good, great or excellent service.", ["good", "great", "excellent"]),
        ("Reduce wait times significantly.", ["significantly"]),
        ("Run an effective, streamlined, modern and clean process.", ["effective", "streamlined", "modern", "clean"]),
        ("Write comprehensive documentation for key stakeholders.", ["comprehensive", "key"]),
        ("Keep the wiki up to date.", ["up to date"]),
        ("Migrate with minimal disruption.", ["minimal"]),
        ("Keep costs low during the rollout.", ["low"]),
        ("Keep the backlog under control.", ["under control"]),
        ("Allocate sufficient budget and adequate staff.", ["sufficient", "adequate"]),
        ("Be proactive and transparent with each other.", ["proactive", "transparent"]),
        ("The Client shall not unreasonably withhold approval.", ["unreasonably"]),
        ("Provide accurate, accessible and reliable reports.", ["accurate", "accessible", "reliable"]),
        ("Keep the ROBUST design.", ["ROBUST"]),
        ("Ensure customers are happy after the call.", ["happy"]),
        ("Keep open defects at a manageable level.", ["manageable level"]),
        ("Leverage synergies between sales and service.", ["Leverage synergies"]),
        ("Realise synergies in the two queues.", ["Realise synergies"]),
        ("Deliver a robust reporting layer within 3 weeks.", ["robust"]),
        ("Provide high-quality onboarding for 40 customers.", ["high-quality"]),
        ("Allocate sufficient budget for the project.", ["sufficient"]),
        ("Build a robust layer, with 3 engineers.", ["robust"]),
        ("The Provider will maintain high availability.", ["high availability"]),
        ("Keep the premises in good condition.", ["good condition"]),
        ("We try to keep meetings short.", ["short"]),
        ("We commit to being predictable and mutually beneficial.", ["predictable", "mutually beneficial"]),
        ("Keep the systems secure.", ["secure"]),
        (
            "Reply in a courteous and professional manner with fast, thorough answers.",
            ["courteous", "professional", "fast", "thorough"],
        ),
        (
            "Assign suitably qualified staff and give honest, constructive feedback.",
            ["suitably qualified", "honest", "constructive"],
        ),
        ("Deliver value for money and a hassle-free sign-up.", ["value for money", "hassle-free"]),
        (
            "Give quick, concise and detailed answers over a low-latency link.",
            ["quick", "concise", "detailed", "low-latency"],
        ),
        (
            "Work collaboratively in a safe, inclusive and welcoming team.",
            ["collaboratively", "safe", "inclusive", "welcoming"],
        ),
        ("Push real-time stock levels to the shop.", ["real-time"]),
        ("Guarantee high availability of the ledger.", ["high availability"]),
        ("Build a good-enough importer by 2027-03-01.", ["good-enough"]),
        ("Build a data-driven, holistic roadmap.", ["data-driven", "holistic"]),
    ],
)
def test_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Deliver the reporting layer with p95 latency under 300 ms by 2027-03-31.",
        "Rotate the API key every 90 days.",
        "Track key rotation in the vault.",
        "Sign in good faith; the effective date is 2027-01-01.",
        "The change is effective from 2027-02-01.",
        "Pass with a statistically significant lift at p < 0.05.",
        "Decisions need a simple majority of the 5 board members.",
        "Clean up the 40 stale branches by 2027-02-01.",
        "Clear the backlog of 120 tickets by 2027-03-15.",
        "Escalate where appropriate, as necessary.",
        "Use reasonable efforts to reply.",
        "Publish daily, weekly and monthly reports at exactly 09:00.",
        "Read the guide at https://example.com/robust-and-seamless-setup before 2027-01-10.",
        "Rename the flag `fast_clean_mode` to `checkout_v2` by 2027-02-15.",
        'Replace the banner "a seamless, world-class experience" with the new copy.',
        "Replace the banner \u201ca seamless experience\u201d with the new copy.",
        "Replace the 'robust and intuitive' tagline by 2027-03-01.",
        "Non-robust parsers are out of scope.",
        "Make the portal accessible to WCAG 2.2 AA by 2027-03-01.",
        "Keep the gateway reliable as defined in section 4.3.",
        "Keep the export format consistent with Table 2.",
        "The site is responsive: every page under 1 s on a 4G profile.",
        "Keep the service reliable (99.9 % monthly availability).",
        "Buy sufficient licences for all 40 agents by 2027-02-01.",
        "Hire adequate staff to cover every shift.",
        "Ana will publish the Good Friday holiday schedule by 2027-03-01.",
        "Quality Assurance signs off every release of the Great Lakes Portal.",
        "Run continuous integration and follow good manufacturing practice in plant 2.",
        "Order 40 tablets from Best Buy.",
        'Follow the "Best-Practice Guide" at every store.',
        "Li hosts the Robust Monitoring reviews.",
        "KR: Good Friday and Easter Monday rotas are published to every store by 2027-03-12.",
        "Support replies within a reasonable time.",
        "We will secure funding for 3 analysts by 2027-03-01.",
        "The High Availability cluster fails over within 30 s.",
        "Honestly, Li sends the 3 reports by 2027-02-01.",
        "Use the fast track for the 12 pilot stores.",
        "Encrypt sensitive personal data at rest with AES-256.",
        "Hold professional indemnity insurance of EUR 5M and report fair value per IFRS 13.",
        "Publish the Quick Start guide and the detailed design for the 3 pumps by 2027-03-01.",
        "Boot the 12 kiosks in safe mode; prices are inclusive of VAT.",
        "Install the stable release of the driver by 2027-02-01.",
        "Push stock levels to the shop in near real time, under 2 s after each sale.",
        "Move the ledger to a high-availability pair by 2027-05-01.",
        "Allocate enough people to cover 3 shifts.",
    ],
)
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


def test_message_names_the_word_and_the_fix() -> None:
    assert isinstance(RULE, TextRule)
    (span,) = RULE.check("Deliver a robust layer.", TextContext())
    assert span.message == '"robust" is a subjective quality word: say what measurable property it stands for'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Leverage synergies between the sales and support teams.",
            '"Leverage synergies" is jargon with no checkable outcome: say what will change, for whom, and by how much',
        ),
        (
            "Build a good-enough importer.",
            '"good-enough" is a subjective quality word: say what measurable property it stands for',
        ),
    ],
)
def test_jargon_is_told_apart_from_quality_words(text: str, message: str) -> None:
    assert isinstance(RULE, TextRule)
    assert [span.message for span in RULE.check(text, TextContext())] == [message]
