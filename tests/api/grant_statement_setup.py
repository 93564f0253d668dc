"""Claims in a given state, written straight to the database: the statements' tests start
from claims the claims' own API has already moved (tests/api/test_grant_claims.py covers how)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.persistence.models import GrantClaim, GrantEntitlement, Programme, School

LIVE = {"submitted", "eligible", "payable", "paid", "awaiting_clawback", "clawed_back"}


def make_claim(
    db: Session,
    *,
    programme: Programme,
    school: School,
    status: str = "eligible",
    amount_pence: int = 100_000,
    committed_pence: int | None = None,
    grant_index: int = 0,
) -> GrantClaim:
    """An entitlement of the school to the programme's grant, and a claim on it in `status`."""
    entitlement = GrantEntitlement(
        hub_id=programme.hub_id,
        programme_id=programme.id,
        school_urn=school.urn,
        grant_index=grant_index,
        kind="fixed_grant",
        purpose="Teacher release time",
        amount_pence=amount_pence if committed_pence is None else committed_pence,
    )
    db.add(entitlement)
    db.flush()
    claim = GrantClaim(
        reference=f"TMP-{entitlement.id}",
        entitlement_id=entitlement.id,
        holds_entitlement_id=entitlement.id if status in LIVE else None,
        hub_id=programme.hub_id,
        programme_id=programme.id,
        school_urn=school.urn,
        status=status,
        amount_pence=amount_pence,
        submitted_by="user:0",
        history=[{"status": "submitted", "at": "2027-03-01T10:00:00+00:00", "by": None}],
    )
    db.add(claim)
    db.flush()
    claim.reference = f"GC-{claim.id:06d}"
    db.flush()
    return claim


def changed(client: TestClient, url: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    """POST a change to a statement with the ETag of a fresh read; the statement after it."""
    statement_url = url.rsplit("/", 1)[0]
    tag = client.get(statement_url).headers["ETag"]
    response = client.post(url, json=body, headers={"If-Match": tag})
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer
