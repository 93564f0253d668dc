"""The national view of grants: committed, claimed, paid and clawed back by hub and programme."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from api.schemas.common import ApiModel
from api.schemas.grants import HubRef, ProgrammeBrief


class TotalMoney(ApiModel):
    """Money's shape, without its bound on one amount: a national total adds thousands."""

    amount_pence: int = Field(ge=0, examples=[100000])
    currency: Literal["GBP"] = "GBP"


class GrantFigures(ApiModel):
    committed: TotalMoney = Field(
        description="What the entitlements promise: fixed grants' amounts, matched funding's caps."
    )
    claimed: TotalMoney = Field(
        description="Claims that hold their entitlement: every status but ineligible and void."
    )
    paid: TotalMoney = Field(
        description="Claims paid on a paid statement, those clawed back since included."
    )
    clawed_back: TotalMoney = Field(
        description="Claims whose money came back; paid minus clawed back is what schools keep."
    )


class GrantSummaryRow(GrantFigures):
    hub: HubRef
    programme: ProgrammeBrief


class GrantSummary(ApiModel):
    academic_year: str | None = Field(examples=["2026-27"])
    hub: str | None = Field(description="The hub the figures are for; null: every hub.")
    rows: list[GrantSummaryRow] = Field(description="By hub name, then programme title.")
    totals: GrantFigures
