"""Expressions of interest: the form, its signatories, submission and decisions."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import EmailStr, Field, StringConstraints

from api.domain.applications import ApplicationStatus
from api.schemas.common import ApiModel, Id
from api.schemas.schools import Decision, SchoolGroup, Urn

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
YearGroup = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class Contact(ApiModel):
    name: Name
    email: EmailStr


class ParticipantRole(StrEnum):
    TEACHER = "teacher"
    MATHS_LEAD = "maths_lead"
    TEACHING_ASSISTANT = "teaching_assistant"
    EARLY_CAREER_TEACHER = "early_career_teacher"
    MASTERY_ADVOCATE = "mastery_advocate"


class Participant(ApiModel):
    name: Name
    email: EmailStr
    role: ParticipantRole = ParticipantRole.TEACHER
    year_groups: list[YearGroup] = Field(
        default_factory=list, max_length=14, description="Year groups they teach this year."
    )


class ApplicationFields(ApiModel):
    head_teacher: Contact | None = Field(default=None, description="Head teacher or senior leader")
    head_of_department: Contact | None = None
    participants: list[Participant] = Field(default_factory=list, max_length=12)
    statement: Annotated[str, StringConstraints(max_length=20_000)] = ""
    engaging_with_tfm: bool = Field(
        default=False,
        description="The school already engages with teaching for mastery (prioritised, 000).",
    )


class ApplicationCreate(ApplicationFields):
    programme_id: Id
    urn: Urn | None = Field(default=None, description="Your own school by default.")


class ApplicationUpdate(ApiModel):
    head_teacher: Contact | None = None
    head_of_department: Contact | None = None
    participants: list[Participant] | None = Field(default=None, max_length=12)
    statement: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    engaging_with_tfm: bool | None = None


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class Tasks(ApiModel):
    school_details: TaskStatus
    people: TaskStatus
    statement: TaskStatus
    commitments: TaskStatus


class SchoolDetails(ApiModel):
    urn: str
    name: str
    address: str
    telephone: str | None


class SignatoryView(ApiModel):
    id: int
    role: Literal["head_teacher", "head_of_department", "participant"]
    name: str
    email: str
    sent_at: datetime | None
    confirmed_at: datetime | None


class ProgrammeRef(ApiModel):
    id: int
    title: str
    code: str | None
    hub_id: str
    hub_name: str
    academic_year: str


class Application(ApplicationFields):
    id: int
    reference: str = Field(
        description="What people quote: the programme's code and this application's number "
        "within it (P<programme id> for a programme without a code).",
        examples=["NCP24-14-0007"],
    )
    number: int = Field(description="The application's number within its programme.")
    programme: ProgrammeRef
    school: SchoolDetails
    status: ApplicationStatus
    statement_words: int
    statement_word_limit: int | None
    commitments: list[str] = Field(description="What every signatory confirms.")
    signatories: list[SignatoryView]
    tasks: Tasks
    next_step: str = Field(description="What happens next, in plain English.")
    submitted_at: datetime | None
    decided_at: datetime | None
    decision_note: str | None
    priority: int | None = Field(
        default=None, description="Place in the review order, in a programme's review list."
    )
    priority_reason: str | None = None
    work_group: SchoolGroup | None = Field(
        default=None,
        description="A selected school's Work Group on this programme: its lead and sessions.",
    )
    version: int
    created_at: datetime
    updated_at: datetime


class DecisionKind(StrEnum):
    SHORTLISTED = "shortlisted"
    SELECTED = "selected"
    WAITLISTED = "waitlisted"
    NOT_SELECTED = "not_selected"


class DecisionRequest(ApiModel):
    decision: DecisionKind
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None


class WithdrawRequest(ApiModel):
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None


class SubmitRefusal(ApiModel):
    """Body of a refused submission: each failed rule."""

    decision: Decision


class SignaturePage(ApiModel):
    """What a signatory sees from their emailed link."""

    signatory_name: str
    role: str
    school_name: str
    programme_title: str
    hub_name: str
    commitments: list[str]
    other_signatories: list[str] = Field(description="Who else signs, by name and role.")
    confirmed_at: datetime | None
    expires_at: datetime | None


class ConfirmRequest(ApiModel):
    commitments: list[str] = Field(
        min_length=1, max_length=40, description="Every commitment, as shown, confirmed."
    )


class ProgrammeApplicationCounts(ApiModel):
    """How a programme's recruitment stands, for the staff of its hub."""

    programme_id: int
    hub_id: str
    submitted: int = Field(
        description="Applications submitted and not withdrawn (whatever their decision)."
    )
    places_filled: int = Field(description="Schools selected.")
    places: int | None = Field(description="Places for schools; null: no limit set.")
    waiting_list: int = Field(description="Schools on the waiting list.")
    drafts: int = Field(description="Applications started and not submitted yet.")


class ApplicationCounts(ApiModel):
    items: list[ProgrammeApplicationCounts]
