"""Claims: what a school claims for one entitlement, the claim window, and a claim's states.

DOMAIN.md "Grants and funding": money is counted in whole pence; matched funding equals the
school's own spend up to the cap (000), a fixed grant is its amount (000, 001, 004). A claim
window closes at 23:59:59 Europe/London on the programme's claim deadline. A claim moves
`submitted → eligible → payable → paid`, or becomes `ineligible` with a reason; an unpaid claim
can be voided, a paid one is clawed back (`awaiting_clawback → clawed_back`). Nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from api.domain.entitlements import EntitlementDecision
from api.domain.grants import FixedGrant, Grant, matched_amount
from api.domain.programme_defaults import closes_at
from api.domain.wording import format_date


class ClaimStatus(StrEnum):
    SUBMITTED = "submitted"
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    PAYABLE = "payable"
    PAID = "paid"
    VOID = "void"
    AWAITING_CLAWBACK = "awaiting_clawback"
    CLAWED_BACK = "clawed_back"


class IneligibleReason(StrEnum):
    DUPLICATE = "duplicate"  # names the claim it duplicates
    CONDITIONS_NOT_MET = "conditions_not_met"
    NOTHING_SPENT = "nothing_spent"
    EVIDENCE_REJECTED = "evidence_rejected"


_C = ClaimStatus

# Each move the life cycle allows, and the verb the audit log and the hub's buttons use.
MOVES: Mapping[tuple[ClaimStatus, ClaimStatus], str] = {
    (_C.SUBMITTED, _C.ELIGIBLE): "approve",
    (_C.SUBMITTED, _C.INELIGIBLE): "refuse",
    (_C.SUBMITTED, _C.VOID): "void",
    (_C.ELIGIBLE, _C.PAYABLE): "put on a statement",
    (_C.ELIGIBLE, _C.INELIGIBLE): "refuse",
    (_C.ELIGIBLE, _C.VOID): "void",
    (_C.PAYABLE, _C.PAID): "pay",
    (_C.PAYABLE, _C.VOID): "void",
    (_C.PAID, _C.AWAITING_CLAWBACK): "claw back",
    (_C.AWAITING_CLAWBACK, _C.CLAWED_BACK): "recover on a statement",
}

FINAL = frozenset({_C.INELIGIBLE, _C.VOID, _C.CLAWED_BACK})
# A claim in one of these holds its entitlement: a second claim for it is a duplicate.
HOLDS_THE_ENTITLEMENT = frozenset(set(ClaimStatus) - {_C.INELIGIBLE, _C.VOID})


def allowed_moves(current: ClaimStatus) -> frozenset[ClaimStatus]:
    """The statuses a claim that is `current` may move to."""
    return frozenset(to for (src, to) in MOVES if src is current)


class ClaimMoveRefused(Exception):
    """A move the claim's life cycle does not allow, or one without the reason it needs."""

    def __init__(self, current: ClaimStatus, requested: ClaimStatus, why: str) -> None:
        self.current = current
        self.requested = requested
        super().__init__(why)


@dataclass(frozen=True)
class ClaimMove:
    status: ClaimStatus
    verb: str
    reason: IneligibleReason | None = None
    duplicate_of: str | None = None  # the reference of the claim this one duplicates


def _words(status: ClaimStatus) -> str:
    return status.value.replace("_", " ")


def move(
    current: ClaimStatus,
    requested: ClaimStatus,
    *,
    reason: IneligibleReason | None = None,
    duplicate_of: str | None = None,
) -> ClaimMove:
    """Check a move; `ineligible` needs a reason, and `duplicate` the claim it duplicates."""
    verb = MOVES.get((current, requested))
    if verb is None:
        allowed = ", ".join(sorted(allowed_moves(current))) or "none"
        raise ClaimMoveRefused(
            current,
            requested,
            f"A claim that is {_words(current)} cannot become {_words(requested)}; "
            f"it can become: {allowed}.",
        )
    if requested is not _C.INELIGIBLE:
        if reason is not None or duplicate_of is not None:
            raise ClaimMoveRefused(current, requested, "Only an ineligible claim carries a reason.")
        return ClaimMove(requested, verb)
    if reason is None:
        raise ClaimMoveRefused(current, requested, "Say why the claim is ineligible.")
    if (reason is IneligibleReason.DUPLICATE) != bool(duplicate_of):
        raise ClaimMoveRefused(
            current,
            requested,
            "A duplicate claim names the claim it duplicates, and only a duplicate does.",
        )
    return ClaimMove(requested, verb, reason, duplicate_of)


def claim_amount(grant: Grant, spend_pence: int = 0) -> int:
    """What a claim pays, in whole pence: a fixed grant's amount; for matched funding, the
    school's own spend up to the cap (nothing spent, nothing paid)."""
    if isinstance(grant, FixedGrant):
        return grant.amount_pence
    return matched_amount(spend_pence, grant.cap_pence)


def window_closes(deadline: date) -> datetime:
    """The last moment a claim is accepted: 23:59:59 Europe/London on the claim deadline, with
    that day's offset (+00:00 in winter, +01:00 in summer)."""
    return closes_at(deadline)


class ClaimRefused(Exception):
    """A claim that cannot be made at all (after the window)."""


def check_window(deadline: date, now: datetime) -> None:
    """Refuse a claim made after the window closed; `now` must be an aware instant."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware instant")
    if now > window_closes(deadline):
        raise ClaimRefused(
            f"Claims closed at 23:59:59 on {format_date(deadline)}, so this claim cannot be made."
        )


@dataclass(frozen=True)
class ExistingClaim:
    reference: str
    status: ClaimStatus


def duplicate_of(existing: Iterable[ExistingClaim]) -> str | None:
    """The reference of a claim that already holds the entitlement, if any."""
    for claim in existing:
        if claim.status in HOLDS_THE_ENTITLEMENT:
            return claim.reference
    return None


@dataclass(frozen=True)
class Assessment:
    """The hub's first look at a submitted claim: the move to make, and why in words."""

    move: ClaimMove
    why: str


def assess(entitlement: EntitlementDecision, existing: Iterable[ExistingClaim] = ()) -> Assessment:
    """Eligible, or ineligible with the first reason that applies: a duplicate, a condition not
    met, or nothing to pay."""
    earlier = duplicate_of(existing)
    if earlier is not None:
        return Assessment(
            move(
                _C.SUBMITTED, _C.INELIGIBLE, reason=IneligibleReason.DUPLICATE, duplicate_of=earlier
            ),
            f"Claim {earlier} has already been made for this grant.",
        )
    if not entitlement.claimable:
        return Assessment(
            move(_C.SUBMITTED, _C.INELIGIBLE, reason=IneligibleReason.CONDITIONS_NOT_MET),
            " ".join(entitlement.missing),
        )
    if entitlement.amount_pence == 0:
        return Assessment(
            move(_C.SUBMITTED, _C.INELIGIBLE, reason=IneligibleReason.NOTHING_SPENT),
            "The school has spent nothing of its own, so there is nothing to match.",
        )
    return Assessment(move(_C.SUBMITTED, _C.ELIGIBLE), "Every condition is met.")
