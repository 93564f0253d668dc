"""Shapes shared by several resources."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)


class Page(ApiModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next page; null on the last page."
    )


class Money(ApiModel):
    amount_pence: int = Field(ge=0, le=100_000_000, examples=[100000])
    currency: Literal["GBP"] = "GBP"


AcademicYearSlug = str
ACADEMIC_YEAR_PATTERN = r"^\d{4}-\d{2}$"
HUB_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
