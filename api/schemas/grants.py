"""Shapes every grants resource shares: signed money, and short references to a claim, a
programme, a school and a statement."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from api.domain.claims import ClaimStatus
from api.domain.statements import StatementStatus
from api.schemas.catalogue import HubRef
from api.schemas.common import ApiModel, Money

__all__ = [
    "ClaimRef",
    "HubRef",
    "Money",
    "ProgrammeBrief",
    "SchoolBrief",
    "SignedMoney",
    "StatementRef",
]


class SignedMoney(ApiModel):
    """An amount that may be negative: a clawback, an adjustment, a statement's total."""

    amount_pence: int = Field(ge=-100_000_000, le=100_000_000, examples=[-100000])
    currency: Literal["GBP"] = "GBP"


class ClaimRef(ApiModel):
    id: int
    reference: str = Field(examples=["GC-000042"])
    status: ClaimStatus


class ProgrammeBrief(ApiModel):
    id: int
    title: str
    code: str | None
    academic_year: str = Field(examples=["2026-27"])
    academic_year_label: str = Field(examples=["2026/27"])


class SchoolBrief(ApiModel):
    urn: str
    name: str


class StatementRef(ApiModel):
    id: int
    month: str = Field(examples=["2026-12"])
    status: StatementStatus
