"""A school's entitlement to one of a programme's grants, decided live from its year."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from api.schemas.common import ApiModel, LocalInstant, Money
from api.schemas.grants import ClaimRef, HubRef, ProgrammeBrief, SchoolBrief

GrantKind = Literal["fixed_grant", "matched_funding"]
# A summary for lists: where the entitlement is on its way to being paid.
EntitlementStatus = Literal["not_due", "claimable", "claimed", "paid", "clawed_back"]


class EntitlementCheck(ApiModel):
    code: str = Field(examples=["completed_year", "sessions_attended", "selected"])
    met: bool
    reason: str = Field(
        examples=["Paid once the school has attended 4 sessions; it has attended 3."]
    )


class Entitlement(ApiModel):
    id: int
    hub: HubRef
    programme: ProgrammeBrief
    school: SchoolBrief
    kind: GrantKind
    purpose: str = Field(examples=["teacher release time"])
    description: str = Field(examples=["a £1,000.00 grant towards teacher release time"])
    committed: Money = Field(description="A fixed grant's amount, or matched funding's cap.")
    due: bool = Field(
        description="The school's participation makes the grant due (completed the year for a "
        "fixed grant, selected for matched funding), payment conditions aside."
    )
    claimable: bool = Field(description="Due, with every payment condition met.")
    checks: list[EntitlementCheck] = Field(
        description="Whether it is due (the first check), then each payment condition."
    )
    missing: list[str] = Field(description="The reasons of the checks not met yet, in order.")
    claims_close_at: LocalInstant | None = Field(
        description="The programme's claim window closes at this moment; null: no deadline.",
        examples=["2027-07-31T23:59:59+01:00"],
    )
    window_open: bool = Field(description="A claim made now would be inside the window.")
    claim: ClaimRef | None = Field(description="The live claim, else the latest one; null: none.")
    status: EntitlementStatus
    created_at: datetime
    updated_at: datetime
