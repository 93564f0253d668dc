"""Hubs, academic years and programmes: the public catalogue."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import EmailStr, Field, StringConstraints

from api.domain import programme_code
from api.domain.journey import ProgrammeType
from api.domain.programme_status import ProgrammeStatus
from api.schemas.common import HUB_ID_PATTERN, ApiModel, LocalInstant, Money


class Hub(ApiModel):
    id: str = Field(examples=["west-yorkshire"])
    name: str = Field(examples=["West Yorkshire Maths Hub"])
    area: str
    contact_name: str | None = Field(description="Published for enquiries.")
    contact_email: str | None = Field(description="Published for enquiries.")
    website: str | None
    updated_at: datetime


class AcademicYear(ApiModel):
    id: str = Field(description="As written in URLs and filters.", examples=["2023-24"])
    label: str = Field(examples=["2023/24"])
    starts_on: date
    ends_on: date


class Stage(StrEnum):
    READINESS = "readiness"
    DEVELOPMENT = "development"
    EMBEDDING = "embedding"
    SUSTAINING = "sustaining"
    SPECIALIST_KNOWLEDGE = "specialist_knowledge"


class Phase(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"


class Audience(StrEnum):
    SCHOOLS = "schools"
    TEACHERS = "teachers"
    TEACHING_ASSISTANTS = "teaching_assistants"
    EARLY_CAREER_TEACHERS = "early_career_teachers"
    MASTERY_ADVOCATES = "mastery_advocates"


class MilestoneKind(StrEnum):
    APPLICATIONS_OPEN = "applications_open"
    CLOSING = "closing"
    SHORTLIST_TOLD = "shortlist_told"
    SELECTION_TOLD = "selection_told"
    PROGRAMME_STARTS = "programme_starts"
    OTHER = "other"


class SessionKind(StrEnum):
    TRG_MEETING = "trg_meeting"
    WORKSHOP = "workshop"
    SCHOOL_VISIT = "school_visit"
    HEAD_TEACHER_UPDATE = "head_teacher_update"
    COLLABORATIVE_PLANNING = "collaborative_planning"
    MODULE = "module"
    COMMUNITY_MEETING = "community_meeting"


class SessionLength(StrEnum):
    HALF_DAY = "half_day"
    FULL_DAY = "full_day"
    SHORT = "short"
    HOURS = "hours"


class SessionFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    BLENDED = "blended"


class GrantKind(StrEnum):
    FIXED = "fixed"
    MATCHED = "matched"


class GrantPurpose(StrEnum):
    RELEASE_TIME = "release_time"
    TEXTBOOKS = "textbooks"
    OTHER = "other"


ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]
# The one shape of a project code (api.domain.programme_code), which the database also checks.
ProgrammeCode = Annotated[
    str, StringConstraints(pattern=programme_code.PATTERN, strip_whitespace=True)
]


class Milestone(ApiModel):
    kind: MilestoneKind
    date: dt.date
    label: ShortText | None = None


class SessionPlanItem(ApiModel):
    count: int = Field(ge=1, le=100, examples=[6])
    kind: SessionKind
    length: SessionLength | None = Field(default=None, description="Null where not yet stated.")
    hours: float | None = Field(
        default=None, gt=0, le=24, description="For length 'hours': how many hours each."
    )
    format: SessionFormat = SessionFormat.IN_PERSON
    note: LongText | None = None


class SessionsAttendedCondition(ApiModel):
    """Paid once the school has attended at least this many of its group's sessions."""

    kind: Literal["sessions_attended"]
    minimum: int = Field(ge=1, le=100, examples=[4])


class SpendEvidencedCondition(ApiModel):
    """Paid once the school has sent evidence of what it spent."""

    kind: Literal["spend_evidenced"]


class NotBeforeCondition(ApiModel):
    """Paid on or after a date."""

    kind: Literal["not_before"]
    on: dt.date


GrantCondition = Annotated[
    SessionsAttendedCondition | SpendEvidencedCondition | NotBeforeCondition,
    Field(discriminator="kind"),
]


class Grant(ApiModel):
    kind: GrantKind = Field(
        description="fixed: the amount is paid; matched: the hub pays what the school itself "
        "spends, up to the amount."
    )
    purpose: GrantPurpose
    amount: Money
    description: LongText | None = None
    conditions: list[GrantCondition] = Field(
        default_factory=list,
        max_length=5,
        description="What must be true before the grant is paid, besides being due (a fixed "
        "grant when the school completes the year, matched funding when it is selected).",
    )


class Funding(ApiModel):
    free_to_participate: bool = True
    grants: list[Grant] = Field(default_factory=list, max_length=10)
    note: LongText | None = None


class ApplicationForm(ApiModel):
    """What the expression of interest asks of a school (the form in 002)."""

    statement_prompt: LongText = Field(
        default="Explain briefly why the school wishes to take part, the benefits and impact "
        "it expects, and why these participants have been chosen.",
    )
    statement_word_limit: int | None = Field(
        default=None, ge=10, le=2000, description="About 150 words in 002.", examples=[150]
    )
    participant_role: Literal[
        "teacher", "maths_lead", "teaching_assistant", "early_career_teacher", "mastery_advocate"
    ] = "teacher"
    participants_min: int = Field(default=1, ge=0, le=12)
    participants_max: int = Field(default=2, ge=1, le=12)
    head_of_department: bool = Field(
        default=False, description="Ask for a head of department, who also signs."
    )


class Capacity(ApiModel):
    places: int = Field(ge=1, le=10_000)
    unit: Literal["schools", "participants"]


class ProgrammeFields(ApiModel):
    """What a hub writes about a programme."""

    code: ProgrammeCode | None = Field(
        default=None,
        description="National project code, NCP<yy>-<nn>.",
        examples=[programme_code.EXAMPLE],
    )
    title: ShortText
    stage: Stage
    phase: Phase
    audience: Audience
    programme_type: ProgrammeType | None = Field(
        default=None,
        description="The national kind of programme; worked out from phase and stage when "
        "not given (required for SKTM programmes).",
    )
    eligibility_rules: list[dict[str, Any]] | None = Field(
        default=None,
        max_length=30,
        description="Who may take part, as rules [{kind, …}]; the documented rules of its kind "
        "when not given. The application window comes from the dates.",
    )
    summary: LongText
    who_can_take_part: LongText
    what_is_involved: LongText = ""
    how_to_apply: LongText = ""
    applications_open_on: date | None = None
    closing_date: date | None = Field(
        default=None, description="Applications close at 23:59:59 Europe/London on this day."
    )
    claim_deadline: date | None = Field(
        default=None, description="Grant claims close at 23:59:59 Europe/London on this day."
    )
    milestones: list[Milestone] = Field(default_factory=list, max_length=20)
    capacity: Capacity | None = None
    session_plan: list[SessionPlanItem] = Field(default_factory=list, max_length=20)
    time_commitment: LongText | None = None
    funding: Funding = Field(default_factory=Funding)
    commitments: list[LongText] = Field(default_factory=list, max_length=20)
    application_form: ApplicationForm = Field(default_factory=ApplicationForm)
    contact_name: ShortText | None = None
    contact_email: EmailStr | None = None


class ProgrammeCreate(ProgrammeFields):
    hub_id: str = Field(pattern=HUB_ID_PATTERN, max_length=64)
    academic_year: str = Field(pattern=r"^\d{4}-\d{2}$", examples=["2027-28"])


class ProgrammeUpdate(ApiModel):
    """Only the fields sent change. `status` moves along draft → open → fully_booked → closed."""

    code: ProgrammeCode | None = None
    title: ShortText | None = None
    stage: Stage | None = None
    phase: Phase | None = None
    audience: Audience | None = None
    programme_type: ProgrammeType | None = None
    eligibility_rules: list[dict[str, Any]] | None = Field(default=None, max_length=30)
    status: ProgrammeStatus | None = None
    summary: LongText | None = None
    who_can_take_part: LongText | None = None
    what_is_involved: LongText | None = None
    how_to_apply: LongText | None = None
    applications_open_on: date | None = None
    closing_date: date | None = None
    claim_deadline: date | None = None
    milestones: list[Milestone] | None = Field(default=None, max_length=20)
    capacity: Capacity | None = None
    session_plan: list[SessionPlanItem] | None = Field(default=None, max_length=20)
    time_commitment: LongText | None = None
    funding: Funding | None = None
    commitments: list[LongText] | None = Field(default=None, max_length=20)
    application_form: ApplicationForm | None = None
    contact_name: ShortText | None = None
    contact_email: EmailStr | None = None


class ProgrammeCopy(ApiModel):
    academic_year: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}$",
        description="The year to copy into; the next one by default.",
        examples=["2028-29"],
    )


class HubRef(ApiModel):
    id: str
    name: str


class Programme(ProgrammeFields):
    id: int
    hub: HubRef
    academic_year: str = Field(examples=["2023-24"])
    academic_year_label: str = Field(examples=["2023/24"])
    status: ProgrammeStatus
    closes_at: LocalInstant | None = Field(
        description="The moment applications close: 23:59:59 in England on the closing date, "
        "with that day's offset; null without a closing date.",
        examples=["2027-01-26T23:59:59+00:00"],
    )
    claims_close_at: LocalInstant | None = Field(
        description="The moment grant claims close: 23:59:59 in England on the claim deadline, "
        "with that day's offset; null without a claim deadline.",
        examples=["2027-07-31T23:59:59+01:00"],
    )
    version: int = Field(description="Raised by every change; the ETag carries it.")
    created_at: datetime
    updated_at: datetime


class WorkGroupBounds(ApiModel):
    max_schools: int | None = Field(description="At most this many schools; null: no bound")
    max_participants: int | None = Field(
        description="At most this many participants; null: no bound"
    )


class ProgrammeTypeDefaults(ApiModel):
    """What a new programme of this kind starts with: the hub edits any of it."""

    id: ProgrammeType
    label: str = Field(examples=["Primary Development"])
    phase: Phase
    stage: Stage
    audience: Audience
    eligibility_rules: list[dict[str, Any]] = Field(
        description="The documented rules; signatories confirm the commitments below."
    )
    commitments: list[str]
    session_plan: list[SessionPlanItem]
    time_commitment: str | None
    funding: Funding
    application_form: ApplicationForm
    capacity: Capacity | None = Field(
        description="Places for one Work Group, where the documents bound a group."
    )
    bounds: WorkGroupBounds = Field(
        description="Each Work Group's bounds; a group of this programme starts with them."
    )
