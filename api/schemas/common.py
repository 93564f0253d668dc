"""Shapes shared by several resources."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

T = TypeVar("T")


class ApiModel(BaseModel):
    # In responses every field is always present, so the schema says so (no `?? []` in clients).
    model_config = ConfigDict(
        extra="forbid", from_attributes=True, json_schema_serialization_defaults_required=True
    )


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


def _iso_instant(value: object) -> object:
    # Pydantic would read "0.5" as a Unix timestamp; the API promises ISO 8601 with an offset.
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValueError("Give a date-time like 2024-03-14T09:00:00Z") from exc
        if parsed.tzinfo is None:
            raise ValueError("Give the date-time with an offset, like 2024-03-14T09:00:00+00:00")
        return parsed
    return value


IsoInstant = Annotated[AwareDatetime, BeforeValidator(_iso_instant)]

# A local time in England written with its offset, "+00:00" included: Pydantic would write a
# zero offset as "Z", which reads as UTC rather than as the time in England that day.
LocalInstant = Annotated[
    AwareDatetime,
    PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


# A database id: PostgreSQL's integer, so a larger one is refused here rather than there.
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
