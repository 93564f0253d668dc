"""TEMPORARY stand-in until grants-claims is merged (its version replaces this file)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.domain.claims import ClaimMoveRefused, ClaimStatus, IneligibleReason, move
from api.errors import Conflict
from api.persistence.models import GrantClaim
from api.services import audit


def move_claim(
    session: Session,
    claim_row: GrantClaim,
    to: ClaimStatus,
    *,
    by: Principal | None,
    now: datetime,
    note: str | None = None,
    reason: IneligibleReason | None = None,
    duplicate_of: str | None = None,
) -> GrantClaim:
    try:
        move(ClaimStatus(claim_row.status), to, reason=reason, duplicate_of=duplicate_of)
    except ClaimMoveRefused as exc:
        raise Conflict(str(exc), rule="claim_move_refused") from exc
    before = claim_row.status
    claim_row.status = to.value
    claim_row.history = [
        *claim_row.history,
        {"status": to.value, "at": now.isoformat(), "by": by.label if by else None, "note": note},
    ]
    session.flush()
    audit.record(
        session,
        by,
        action="update",
        resource_type="grant_claim",
        resource_id=claim_row.id,
        hub_id=claim_row.hub_id,
        before={"status": before},
        after={"status": to.value},
        note=note,
    )
    return claim_row
