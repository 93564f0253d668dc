"""Personal data: erasure, subject access requests, evaluation extracts."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from api.schemas.common import ApiModel, Id
from api.schemas.schools import Person


class Erasure(ApiModel):
    person: Person
    redacted: dict[str, int] = Field(
        description="Rows whose personal values were redacted, by table", examples=[{"person": 1}]
    )


class SubjectAccessRequestCreate(ApiModel):
    person_id: Id
    received_on: date | None = Field(
        default=None, description="The day the request was received (default: today)"
    )


class SubjectAccessRequest(ApiModel):
    id: int
    person_id: int
    person_name: str
    hub_id: str
    received_on: date
    due_on: date = Field(description="One month after receipt: answer by this day")
    exported_at: datetime | None = Field(description="When the export was first produced")
    created_at: datetime


class ExtractParticipant(ApiModel):
    person: str = Field(description="Pseudonymous id, stable within this extract only")
    school: str | None = Field(description="Pseudonymous id of their school")
    work_group: str = Field(description="Pseudonymous id of the group")
    programme_type: str | None
    roles: list[str]
    sessions_held: int
    sessions_attended: int


class ExtractCount(ApiModel):
    programme_type: str | None
    schools: int | None = Field(description="Null when under 5 (suppressed)")
    participants: int | None = Field(description="Null when under 5 (suppressed)")
    applications: int | None = Field(description="Null when under 5 (suppressed)")


class ExtractStatement(ApiModel):
    application: str = Field(description="Pseudonymous id of the application")
    programme_type: str | None
    status: str
    statement: str = Field(description="Names and email addresses redacted")


class EvaluationExtract(ApiModel):
    extract_id: str
    academic_year: str
    hub_id: str | None
    made_at: datetime
    smallest_count_shown: int
    participants: list[ExtractParticipant]
    counts: list[ExtractCount]
    statements: list[ExtractStatement]
