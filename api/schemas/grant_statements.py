"""A hub's monthly statements: the claims they pay or claw back, adjustments, and payment."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from api.domain.statements import StatementStatus
from api.schemas.common import HUB_ID_PATTERN, ApiModel, Id
from api.schemas.grants import ClaimRef, HubRef, ProgrammeBrief, SchoolBrief, SignedMoney
from api.schemas.work_groups import IsoDate

MONTH_PATTERN = r"^\d{4}-(?:0[1-9]|1[0-2])$"
Month = Annotated[str, Field(pattern=MONTH_PATTERN, examples=["2026-12"])]
# What the caller may do to the statement now: the hub's buttons.
StatementAction = Literal["add_line", "add_adjustment", "close", "pay"]
LineKind = Literal["payment", "clawback"]


class SignedTotal(ApiModel):
    """A statement's total: SignedMoney's shape, without its bound on one amount (a statement
    adds many)."""

    amount_pence: int = Field(examples=[250000])
    currency: Literal["GBP"] = "GBP"


class StatementFields(ApiModel):
    id: int
    hub: HubRef
    month: Month
    month_label: str = Field(examples=["December 2026"])
    status: StatementStatus
    total: SignedTotal = Field(description="Its lines plus its adjustments, to the penny.")
    line_count: int
    paid_on: date | None
    payment_reference: str | None
    allowed_actions: list[StatementAction] = Field(description="What you may do to it now.")
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Raised by every change; the ETag carries it.")


class StatementSummary(StatementFields):
    """A statement in a list: its figures without its lines."""


class StatementLine(ApiModel):
    id: int
    kind: LineKind
    amount: SignedMoney = Field(description="Positive for a payment, negative for a clawback.")
    claim: ClaimRef
    school: SchoolBrief
    programme: ProgrammeBrief


class StatementAdjustment(ApiModel):
    id: int
    description: str
    amount: SignedMoney
    created_at: datetime
    created_by_name: str | None


class Statement(StatementFields):
    lines: list[StatementLine]
    adjustments: list[StatementAdjustment]


class StatementCreate(ApiModel):
    hub_id: str = Field(min_length=1, max_length=64, pattern=HUB_ID_PATTERN, examples=["north"])
    month: Month


class StatementLineCreate(ApiModel):
    claim_id: Id = Field(description="An eligible claim of the statement's hub.")


Description = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class StatementAdjustmentCreate(ApiModel):
    description: Description = Field(examples=["Bank charge refunded"])
    amount_pence: int = Field(
        ge=-100_000_000,
        le=100_000_000,
        description="Signed, in pence, never zero: negative takes money off the statement.",
        examples=[-2500],
    )

    @field_validator("amount_pence")
    @classmethod
    def _not_zero(cls, value: int) -> int:
        if value == 0:
            raise ValueError("An adjustment is never £0: give a positive or negative amount")
        return value


class StatementPay(ApiModel):
    paid_on: IsoDate = Field(description="The day the money was paid.")
    payment_reference: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)
    ] = Field(examples=["BACS-2026-12-NORTH"])
