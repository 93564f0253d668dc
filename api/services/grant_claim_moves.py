"""One way to move a claim along its life cycle, for every service that moves claims (the
hub's decisions here, statements when they are closed and paid): the domain checks the move,
the claim keeps it in its history, and the audit log records who made it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.domain.claims import (
    HOLDS_THE_ENTITLEMENT,
    ClaimMoveRefused,
    ClaimStatus,
    IneligibleReason,
    allowed_moves,
    move,
)
from api.domain.webhooks import EventType
from api.errors import Conflict
from api.persistence import grant_claims_repository as repo
from api.persistence.models import GrantClaim
from api.services import audit, webhook_events

# Moves whose note is the claim's reason in words (why it is ineligible, voided, clawed back).
_EXPLAINED = frozenset({ClaimStatus.INELIGIBLE, ClaimStatus.VOID, ClaimStatus.AWAITING_CLAWBACK})


def reference_of(claim_id: int) -> str:
    """A claim's reference, from its id: GC-000042."""
    return f"GC-{claim_id:06d}"


def audited_fields(claim: GrantClaim) -> dict[str, Any]:
    return {
        "status": claim.status,
        "reason": claim.reason,
        "reason_detail": claim.reason_detail,
        "duplicate_of_id": claim.duplicate_of_id,
    }


def history_entry(
    status: ClaimStatus, *, by: Principal | None, now: datetime, note: str | None
) -> dict[str, Any]:
    return {
        "status": status.value,
        "at": now.isoformat(),
        "by": audit.actor_key(by),
        "by_name": (by.name or by.label) if by is not None else None,
        "note": note,
    }


def refused(claim: GrantClaim, error: ClaimMoveRefused) -> Conflict:
    """409 claim_move_refused: the claim's status now, and where it may go from there."""
    return Conflict(
        str(error),
        rule="claim_move_refused",
        claim=reference_of(claim.id),
        current_status=error.current.value,
        allowed_moves=sorted(status.value for status in allowed_moves(error.current)),
    )


def move_claim(
    session: Session,
    claim_row: GrantClaim,
    to: ClaimStatus,
    *,
    by: Principal,
    now: datetime,
    note: str | None = None,
    reason: IneligibleReason | None = None,
    duplicate_of: GrantClaim | None = None,
) -> GrantClaim:
    """Move the claim to `to`, or refuse (409 claim_move_refused) and change nothing.

    A claim that is ineligible or void no longer holds its entitlement, so the school may
    claim it again; `note` is kept in the history, and is the claim's reason in words when it
    becomes ineligible, void or awaiting clawback. The caller checks the version it was sent."""
    current = ClaimStatus(claim_row.status)
    try:
        checked = move(
            current,
            to,
            reason=reason,
            duplicate_of=reference_of(duplicate_of.id) if duplicate_of is not None else None,
        )
    except ClaimMoveRefused as exc:
        raise refused(claim_row, exc) from exc
    before = audited_fields(claim_row)
    claim_row.status = checked.status.value
    claim_row.holds_entitlement_id = (
        claim_row.entitlement_id if checked.status in HOLDS_THE_ENTITLEMENT else None
    )
    if checked.status in _EXPLAINED:
        claim_row.reason = checked.reason.value if checked.reason is not None else None
        claim_row.reason_detail = note
        claim_row.duplicate_of_id = duplicate_of.id if duplicate_of is not None else None
    # A new list: the JSON column notices assignment, not a change in place.
    claim_row.history = [
        *claim_row.history,
        history_entry(checked.status, by=by, now=now, note=note),
    ]
    repo.touch(claim_row, now)
    session.flush()
    audit.record(
        session,
        by,
        action=checked.verb,
        resource_type="grant_claim",
        resource_id=claim_row.id,
        hub_id=claim_row.hub_id,
        before=before,
        after=audited_fields(claim_row),
        note=note,
    )
    webhook_events.record(
        session,
        EventType.GRANT_CLAIM_CHANGED,
        hub_id=claim_row.hub_id,
        resource_type="grant_claim",
        resource_id=claim_row.id,
        now=now,
    )
    return claim_row
