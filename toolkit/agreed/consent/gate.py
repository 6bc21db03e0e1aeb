"""The consent gate's policy: which consent statuses fail ``agreed consent check``, and why.

The status of each agreement and party is :mod:`agreed.consent.status`; this module only judges it against the
lifecycle (:func:`gate_failures`).
"""

from __future__ import annotations

from typing import Final

from agreed.agreement import FINAL_STATUSES, IN_FORCE
from agreed.consent.ledger import FOLDER as LEDGER
from agreed.consent.status import DRAFT, KEPT_WHEN_DELETED, VALID, AgreementStatus

ENTERING_FORCE: Final = FINAL_STATUSES | {"renegotiating"}  # active needs every party anyway


def gate_failures(result: AgreementStatus) -> list[str]:
    """Why ``agreed consent check`` fails for this agreement (empty: it passes). The lifecycle it enforces:

    - an ``active`` agreement needs valid consent from every party (so does one that becomes active in the change,
      or gains a party), unless it was ``active`` at the base with the same terms: the gate let it in then, and
      consent given by review lives on the code host, not in the repository;
    - a material change to an agreement in force at the base (``active`` or ``renegotiating``) needs every party's
      consent, unless the agreement is ``renegotiating`` after the change; leaving ``renegotiating`` for
      ``active``, ``fulfilled`` or ``ended`` needs every party's consent to the terms it ends with;
    - an agreement in force goes back to negotiation only through ``renegotiating``, never ``draft`` or
      ``proposed``;
    - once an agreement is past ``draft``: a party the change removes, or whose email, handle or keys it changes,
      must consent (with its identity at the base); a change to the accepted evidence needs every party;
    - ``ended`` and ``fulfilled`` are final: neither terms nor status may change;
    - an agreement that was in force or final at the base may not disappear (deleted, moved out of the checked
      folders, or given another id);
    - an agreement that enters force (any status but ``draft`` and ``proposed``) without having been in force at
      the base (new to the checked folders, or ``draft`` or ``proposed`` there) needs every party's consent;
    - consent to an agreement in force or final is not withdrawn by deleting its record: a record of the base
      that the change removes fails the gate (the party renegotiates instead);
    - an agreement id held by two files, at the base or now, fails: the gate could not tell which is the agreement.
    """
    failures = _duplicate_failures(result)
    if result.deleted:
        return failures + _deletion_failures(result)
    if result.error is not None:
        return [*failures, result.error]
    base, now = result.base_status, result.status
    failures += _lifecycle_failures(result) + _withdrawal_failures(result)
    everyone, reasons = _everyone_needed(result)
    unconsented = [party for party in result.parties if party.state != VALID]
    if everyone:
        failures += reasons if unconsented else []
    elif base in (None, DRAFT) or now == DRAFT:
        unconsented = []
    else:
        unconsented = [party for party in unconsented if party.removed or party.party in result.identity_changed]
        pending = {party.party for party in unconsented}
        failures += [f"{party}'s email, handle or keys changed: it must consent, with its identity at the base"
                     for party in result.identity_changed if party in pending]
    failures += [f"{party.party} is {party.state}: {party.reason}" for party in unconsented]
    return failures


def _lifecycle_failures(result: AgreementStatus) -> list[str]:
    base, now = result.base_status, result.status
    failures: list[str] = []
    if base in FINAL_STATUSES and (result.base_digest != result.digest or now != base):
        failures.append(f"{base} at the base revision, which is final: neither its terms nor its status may change")
    if base in IN_FORCE and now in (DRAFT, "proposed"):
        failures.append(f"{base} at the base revision: an agreement in force reopens through renegotiating, "
                        f"not {now}")
    if base == "proposed" and now == DRAFT:
        failures.append("proposed at the base revision: a proposal is reworked while proposed, it does not go back "
                        "to draft (a draft's parties and identities could then change without anyone's consent)")
    return failures


def _everyone_needed(result: AgreementStatus) -> tuple[bool, list[str]]:
    """Whether this change needs every party's consent, and why when that needs saying (an agreement that is
    active needs no explanation)."""
    base, now = result.base_status, result.status
    terms_changed = result.base_digest is not None and result.base_digest != result.digest
    reasons: list[str] = []
    if base in IN_FORCE and terms_changed and now != "renegotiating":
        reasons.append(f"material change to an agreement that was {base} at the base: move it to renegotiating "
                       f"in this change, or have every party consent to the new terms")
    if base == "renegotiating" and now in FINAL_STATUSES:
        reasons.append(f"leaving renegotiating for {now}: every party must consent to the terms it ends with")
    if result.policy_changed and base not in (None, DRAFT):
        reasons.append("the accepted consent evidence (consent.evidence) changed: every party must consent to it")
    if now in ENTERING_FORCE and (result.new or base in (DRAFT, "proposed")):
        where = f"{base} at the base revision" if base is not None else "new to the checked folders"
        reasons.append(f"{now} and {where}: an agreement that enters force needs every party's consent")
    active = now == "active" and not (base == "active" and not terms_changed)
    return bool(reasons) or active, reasons


def _duplicate_failures(result: AgreementStatus) -> list[str]:
    failures = []
    if result.duplicated:
        failures.append(f"the id {result.agreement} is also held by {', '.join(result.duplicated)}: an agreement id "
                        "must be unique, or the gate cannot tell which file holds the agreed terms; give the copy "
                        "an id of its own, or remove it")
    if result.duplicated_at_base:
        failures.append(f"at the base revision the id {result.agreement} is held by "
                        f"{' and '.join(result.duplicated_at_base)}: the gate cannot tell which of them holds the "
                        "agreed terms, so every change to this agreement fails until the base has one file per id; "
                        "merge the removal of the copies with the code host's review alone")
    return failures


def _withdrawal_failures(result: AgreementStatus) -> list[str]:
    moved = (f"; when an agreement moves, its {LEDGER}/{result.agreement}/ folder moves with it"
             if result.base_path not in (None, result.path) else "")
    return [f"{withdrawal.party} withdrew consent ({withdrawal.path}, to {withdrawal.digest[:19]}…, is gone): "
            f"consent to an agreement {result.base_status} at the base is history and is not withdrawn by "
            f"deleting its record; restore the record, and to change the agreement set status: renegotiating and "
            f"agree new terms{moved}"
            for withdrawal in result.withdrawn]


def _deletion_failures(result: AgreementStatus) -> list[str]:
    if result.base_status not in KEPT_WHEN_DELETED:
        return []
    keep = ("a final agreement stays as it is" if result.base_status in FINAL_STATUSES
            else "set status: ended to close it")
    return [f"{result.base_status} at the base revision, and gone now (deleted, moved out of the checked folders, "
            f"or its id changed): keep it; {keep}"]
