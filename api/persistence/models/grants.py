"""Grants: what a school is entitled to, what it claims (with its evidence), and the hub's monthly
statements that pay claims and claw them back. Nothing here is ever deleted: a claim's states and
who moved it are kept on the claim and in the audit log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from api.persistence.base import Base
from api.persistence.models.common import Timestamped, utc_now

CLAIM_STATUSES = (
    "'submitted', 'eligible', 'ineligible', 'payable', 'paid', 'void', "
    "'awaiting_clawback', 'clawed_back'"
)


class GrantEntitlement(Timestamped, Base):
    """One of a programme's grants for one school, recorded when the school is selected (joins
    the programme's Work Group). Whether it is due and claimable is decided by the domain from
    the school's year each time it is read; `amount_pence` is what is committed (a fixed grant's
    amount, or matched funding's cap)."""

    __tablename__ = "grant_entitlement"
    __table_args__ = (
        UniqueConstraint("programme_id", "school_urn", "grant_index"),
        CheckConstraint("kind IN ('fixed_grant', 'matched_funding')", name="kind_known"),
        CheckConstraint("amount_pence >= 0", name="amount_not_negative"),
        Index("ix_grant_entitlement_school", "school_urn", "id"),
        Index("ix_grant_entitlement_hub", "hub_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"))
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    school_urn: Mapped[str] = mapped_column(ForeignKey("school.urn"))
    work_group_id: Mapped[int | None] = mapped_column(ForeignKey("work_group.id"))
    # The grant's place in the programme's funding list, and what it was when recorded.
    grant_index: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    purpose: Mapped[str] = mapped_column(String(200))
    amount_pence: Mapped[int] = mapped_column(Integer)


class GrantClaim(Timestamped, Base):
    """A school's claim on one entitlement. `holds_entitlement_id` is the entitlement's id while
    the claim holds it (any status but ineligible and void) and NULL otherwise: its unique
    constraint is what refuses a second claim, even from two requests at once."""

    __tablename__ = "grant_claim"
    __table_args__ = (
        UniqueConstraint("reference"),
        UniqueConstraint("holds_entitlement_id"),
        CheckConstraint(f"status IN ({CLAIM_STATUSES})", name="status_known"),
        CheckConstraint("amount_pence >= 0", name="amount_not_negative"),
        CheckConstraint("spend_pence IS NULL OR spend_pence >= 0", name="spend_not_negative"),
        CheckConstraint(
            "(status IN ('ineligible', 'void')) = (holds_entitlement_id IS NULL)",
            name="holds_while_live",
        ),
        # Keyset pages and incremental sync walk these.
        Index("ix_grant_claim_hub_id", "hub_id", "id"),
        Index("ix_grant_claim_school_id", "school_urn", "id"),
        Index("ix_grant_claim_updated", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(32))
    entitlement_id: Mapped[int] = mapped_column(ForeignKey("grant_entitlement.id"))
    holds_entitlement_id: Mapped[int | None] = mapped_column(ForeignKey("grant_entitlement.id"))
    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"))
    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"))
    school_urn: Mapped[str] = mapped_column(ForeignKey("school.urn"))
    status: Mapped[str] = mapped_column(String(24), default="submitted")
    # What the claim pays, decided by the domain when it is made (whole pence).
    amount_pence: Mapped[int] = mapped_column(Integer)
    spend_pence: Mapped[int | None] = mapped_column(Integer)
    invoice_reference: Mapped[str | None] = mapped_column(String(100))
    submitted_by: Mapped[str] = mapped_column(String(64))  # the principal, as audit records it
    submitted_at: Mapped[datetime] = mapped_column(default=utc_now)
    # Why it is ineligible (api.domain.claims.IneligibleReason), in words, and which claim a
    # duplicate repeats; why it was voided or clawed back.
    reason: Mapped[str | None] = mapped_column(String(32))
    reason_detail: Mapped[str | None] = mapped_column(Text)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("grant_claim.id"))
    # Every move: [{"status", "at", "by", "by_name", "note"}], oldest first.
    history: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Set when the retention schedule redacted who moved it and why; amounts stay.
    anonymised_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class GrantEvidence(Base):
    """The file a claim's spend is evidenced by, kept in the database so that any API process
    serves it (api.services.evidence_store is the one interface to it)."""

    __tablename__ = "grant_evidence"
    __table_args__ = (CheckConstraint("size_bytes > 0", name="not_empty"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("grant_claim.id"), unique=True)
    filename: Mapped[str] = mapped_column(String(200))
    # Decided from the file's content, never from what the sender said it was.
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class GrantStatement(Timestamped, Base):
    """A hub's statement for one month: `open → payable → paid`; a paid one is read-only."""

    __tablename__ = "grant_statement"
    __table_args__ = (
        UniqueConstraint("hub_id", "month"),
        CheckConstraint("status IN ('open', 'payable', 'paid')", name="status_known"),
        CheckConstraint(
            "(status = 'paid') = (paid_on IS NOT NULL AND payment_reference IS NOT NULL)",
            name="paid_with_date_and_reference",
        ),
        Index("ix_grant_statement_updated", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hub_id: Mapped[str] = mapped_column(ForeignKey("hub.id"))
    month: Mapped[str] = mapped_column(String(7))  # 2026-12
    status: Mapped[str] = mapped_column(String(16), default="open")
    paid_on: Mapped[date | None] = mapped_column(Date)
    payment_reference: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class GrantStatementLine(Base):
    """A claim on a statement: its payment (positive) or its clawback (negative)."""

    __tablename__ = "grant_statement_line"
    __table_args__ = (
        UniqueConstraint("statement_id", "claim_id", "kind"),
        # A claim is paid once and clawed back once, whatever the statement.
        UniqueConstraint("claim_id", "kind"),
        CheckConstraint("kind IN ('payment', 'clawback')", name="kind_known"),
        CheckConstraint(
            "(kind = 'payment' AND amount_pence >= 0) OR (kind = 'clawback' AND amount_pence <= 0)",
            name="sign_follows_kind",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("grant_statement.id"))
    claim_id: Mapped[int] = mapped_column(ForeignKey("grant_claim.id"))
    kind: Mapped[str] = mapped_column(String(16))
    amount_pence: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class GrantStatementAdjustment(Base):
    """A signed amount the hub adds to an open statement, with what it is for."""

    __tablename__ = "grant_statement_adjustment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("grant_statement.id"))
    description: Mapped[str] = mapped_column(String(300))
    amount_pence: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
