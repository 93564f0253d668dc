"""Grant claims: made by a school on one entitlement, decided by its hub."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.persistence.models import GrantClaim
from api.schemas.grant_claims import EVIDENCE_MAX_BYTES, Claim, ClaimRefuse
from api.services import grant_statements


@dataclass(frozen=True)
class ClaimFilters:
    hub_id: str | None = None
    school_urn: str | None = None
    programme_id: int | None = None
    statuses: tuple[str, ...] = ()
    updated_since: datetime | None = None


@dataclass(frozen=True)
class ClaimRequest:
    entitlement_id: int
    spend_pence: int | None = None
    invoice_reference: str | None = None
    evidence_filename: str | None = None
    evidence_content: bytes | None = None

    def fingerprint(self) -> str:
        """What makes two requests the same one, for Idempotency-Key."""
        digest = hashlib.sha256(self.evidence_content).hexdigest() if self.evidence_content else ""
        return (
            f"{self.entitlement_id}|{self.spend_pence}|{self.invoice_reference}|"
            f"{self.evidence_filename}|{digest}"
        )


@dataclass(frozen=True)
class StoredEvidence:
    filename: str
    content_type: str
    content: bytes


def read_evidence(file: BinaryIO) -> bytes:
    """The upload's bytes, one more than the limit at most: enough to know it is too large."""
    return file.read(EVIDENCE_MAX_BYTES + 1)


def attachment(filename: str) -> str:
    raise NotImplementedError


def list_claims(
    session: Session,
    actor: Principal,
    filters: ClaimFilters,
    *,
    cursor: str | None,
    limit: int,
) -> tuple[list[GrantClaim], str | None]:
    raise NotImplementedError


def create_claim(
    session: Session, claim: ClaimRequest, *, actor: Principal, now: datetime
) -> GrantClaim:
    raise NotImplementedError


def get(session: Session, claim_id: int, actor: Principal) -> GrantClaim:
    raise NotImplementedError


def evidence_of(session: Session, claim_id: int, actor: Principal) -> StoredEvidence:
    raise NotImplementedError


def approve(
    session: Session, claim_id: int, *, actor: Principal, expected_version: int, now: datetime
) -> GrantClaim:
    raise NotImplementedError


def refuse(
    session: Session,
    claim_id: int,
    body: ClaimRefuse,
    *,
    actor: Principal,
    expected_version: int,
    now: datetime,
) -> GrantClaim:
    raise NotImplementedError


def void(
    session: Session,
    claim_id: int,
    reason: str,
    *,
    actor: Principal,
    expected_version: int,
    now: datetime,
) -> GrantClaim:
    raise NotImplementedError


def clawback(
    session: Session,
    claim_id: int,
    reason: str,
    *,
    actor: Principal,
    expected_version: int,
    now: datetime,
) -> GrantClaim:
    # The statement side (the hub's earliest open statement, or a new one) is the statements'.
    return grant_statements.claw_back(
        session, claim_id, reason, actor=actor, expected_version=expected_version, now=now
    )


def to_schema(session: Session, row: GrantClaim, actor: Principal) -> Claim:
    return to_schemas(session, [row], actor)[0]


def to_schemas(session: Session, rows: Sequence[GrantClaim], actor: Principal) -> list[Claim]:
    raise NotImplementedError
