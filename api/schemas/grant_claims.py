"""A school's claim on an entitlement, its evidence, and the hub's decisions on it."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from api.domain.claims import ClaimStatus, IneligibleReason
from api.schemas.common import ApiModel, Money
from api.schemas.grant_entitlements import GrantKind
from api.schemas.grants import ClaimRef, HubRef, ProgrammeBrief, SchoolBrief, StatementRef

CLAIM_REFERENCE_PATTERN = r"^GC-\d{6,10}$"
# What the caller may do to the claim now: the hub's buttons.
ClaimAction = Literal["approve", "refuse", "void", "clawback"]
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = ("application/pdf", "image/png", "image/jpeg")


class Evidence(ApiModel):
    filename: str
    content_type: Literal["application/pdf", "image/png", "image/jpeg"] = Field(
        description="Decided from the file's content, not from what the sender said."
    )
    size_bytes: int
    sha256: str
    href: str = Field(examples=["/api/v1/grants/claims/42/evidence"])


class ClaimHistoryItem(ApiModel):
    status: ClaimStatus
    at: datetime
    by_name: str | None
    note: str | None


class Claim(ApiModel):
    id: int
    reference: str = Field(examples=["GC-000042"])
    entitlement_id: int
    hub: HubRef
    programme: ProgrammeBrief
    school: SchoolBrief
    kind: GrantKind
    purpose: str
    status: ClaimStatus
    amount: Money = Field(description="What the claim pays: the grant, or the spend capped.")
    spend: Money | None = Field(description="What the school spent (matched funding only).")
    invoice_reference: str | None
    evidence: Evidence | None
    reason: IneligibleReason | None = Field(description="Why it is ineligible.")
    reason_detail: str | None = Field(
        description="In words: why it is ineligible, voided or clawed back."
    )
    duplicate_of: ClaimRef | None = Field(description="The claim an ineligible duplicate repeats.")
    payment_statement: StatementRef | None
    clawback_statement: StatementRef | None
    allowed_actions: list[ClaimAction] = Field(description="What you may do to it now.")
    history: list[ClaimHistoryItem] = Field(description="Every move, oldest first.")
    submitted_at: datetime
    updated_at: datetime
    version: int = Field(description="Raised by every change; the ETag carries it.")


class ClaimRefuse(ApiModel):
    reason: IneligibleReason
    detail: str = Field(min_length=1, max_length=2000)
    duplicate_of: str | None = Field(
        default=None,
        pattern=CLAIM_REFERENCE_PATTERN,
        description="The claim this one duplicates (reason duplicate only).",
        examples=["GC-000041"],
    )


class ClaimVoid(ApiModel):
    reason: str = Field(min_length=1, max_length=2000)


class ClaimClawback(ApiModel):
    reason: str = Field(min_length=1, max_length=2000)
