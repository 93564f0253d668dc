"""Schools, local authorities, people, participations, journeys and eligibility decisions."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import EmailStr, Field, StringConstraints, model_validator

from api.domain.applications import ApplicationStatus
from api.domain.journey import ParticipationOutcome, ProgrammeType
from api.schemas.common import HUB_ID_PATTERN, ApiModel, Id

URN_PATTERN = r"^\d{6}$"
Urn = Annotated[str, StringConstraints(pattern=URN_PATTERN)]
LA_CODE_PATTERN = r"^\d{3}$"


class LocalAuthority(ApiModel):
    code: str = Field(examples=["383"])
    name: str = Field(examples=["Leeds"])


class HubLocalAuthorities(ApiModel):
    hub_id: str
    local_authorities: list[LocalAuthority]


class HubLocalAuthoritiesUpdate(ApiModel):
    codes: list[Annotated[str, StringConstraints(pattern=LA_CODE_PATTERN)]] = Field(
        max_length=200, description="Every local authority the hub covers, by GIAS LA code."
    )


class School(ApiModel):
    """A school as the GIAS register describes it, with the hub its local authority falls in."""

    urn: str = Field(examples=["100001"])
    name: str
    type_of_establishment: str
    type_group: str
    status: str
    phase_of_education: str
    state_funded: bool = Field(description="State-funded and open in England, read from GIAS.")
    local_authority: LocalAuthority | None
    hub_id: str | None
    street: str | None
    town: str | None
    postcode: str | None
    telephone: str | None
    head_teacher: str | None = Field(description="The head's name as GIAS publishes it.")
    country: str | None
    statutory_low_age: int | None
    statutory_high_age: int | None
    open_date: date | None
    close_date: date | None
    last_changed_date: date | None
    updated_at: datetime


class PersonRole(StrEnum):
    TEACHER = "teacher"
    TEACHING_ASSISTANT = "teaching_assistant"
    EARLY_CAREER_TEACHER = "early_career_teacher"
    HEAD_TEACHER = "head_teacher"
    HEAD_OF_DEPARTMENT = "head_of_department"
    MATHS_LEAD = "maths_lead"
    MASTERY_SPECIALIST = "mastery_specialist"
    MASTERY_ADVOCATE = "mastery_advocate"


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class PersonFields(ApiModel):
    name: Name
    email: EmailStr
    roles: list[PersonRole] = Field(min_length=1, max_length=len(PersonRole))
    began_teaching: int | None = Field(
        default=None,
        ge=1950,
        le=2100,
        description="The first calendar year of the academic year they began teaching "
        "(2025 for 2025/26); needed for early career teachers.",
    )
    school_urn: Urn | None = None


class PersonCreate(PersonFields):
    hub_id: str | None = Field(
        default=None,
        pattern=HUB_ID_PATTERN,
        max_length=64,
        description="The hub that keeps the record; your own by default.",
    )


class PersonUpdate(ApiModel):
    name: Name | None = None
    email: EmailStr | None = None
    roles: list[PersonRole] | None = Field(default=None, min_length=1, max_length=len(PersonRole))
    began_teaching: int | None = Field(default=None, ge=1950, le=2100)
    school_urn: Urn | None = None


class Person(PersonFields):
    id: int
    hub_id: str
    version: int
    updated_at: datetime
    erased_at: datetime | None = Field(
        description="When the person was erased: their name and email are redacted."
    )


class ParticipationCreate(ApiModel):
    urn: Urn | None = None
    person_id: Id | None = None
    programme_type: ProgrammeType
    academic_year: str = Field(pattern=r"^\d{4}-\d{2}$", examples=["2019-20"])
    hub_id: str = Field(pattern=HUB_ID_PATTERN, max_length=64)
    outcome: ParticipationOutcome = ParticipationOutcome.COMPLETED
    programme_id: Id | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> ParticipationCreate:
        if (self.urn is None) == (self.person_id is None):
            raise ValueError("Give either urn (a school) or person_id (a person), not both")
        return self


class Participation(ApiModel):
    id: int
    urn: str | None
    person_id: int | None
    programme_type: ProgrammeType
    programme_label: str = Field(examples=["Primary Development"])
    programme_id: int | None
    academic_year: str
    academic_year_label: str
    hub_id: str
    outcome: ParticipationOutcome
    source: str
    updated_at: datetime


class RuleOutcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    PENDING = "pending"


class RuleResult(ApiModel):
    kind: str = Field(examples=["state_funded_school_in_england"])
    code: str = Field(description="A stable reason code.", examples=["not_state_funded"])
    outcome: RuleOutcome
    reason: str = Field(description="A sentence a hub can send to the school.")


class Decision(ApiModel):
    programme_id: int
    urn: str
    person_id: int | None
    eligible: bool = Field(description="Every rule passed.")
    may_apply: bool = Field(description="No rule failed; what is pending is settled on the form.")
    summary: str
    rules: list[RuleResult]


class EligibilityRequest(ApiModel):
    urn: Urn | None = Field(default=None, description="Check a school; needs no sign-in.")
    person_id: int | None = Field(
        default=None, ge=1, description="Check a person (SKTM); for hub staff."
    )

    @model_validator(mode="after")
    def _one_subject(self) -> EligibilityRequest:
        if (self.urn is None) == (self.person_id is None):
            raise ValueError("Give either urn (a school) or person_id (a person)")
        return self


class JourneyYear(ApiModel):
    academic_year: str
    academic_year_label: str
    participations: list[Participation]


class OpenProgramme(ApiModel):
    programme_id: int
    title: str
    hub_id: str
    academic_year: str
    closing_date: date | None
    decision: Decision


class GroupSession(ApiModel):
    """One of a group's sessions, as its schools see it."""

    number: int
    date: date
    start_time: str = Field(description="Local time in England, HH:MM", examples=["13:30"])
    end_time: str = Field(examples=["16:00"])
    starts_at: datetime
    status: str = Field(examples=["scheduled", "cancelled"])
    host_school: str | None = Field(description="The host school's name, when held at one.")
    online_url: str | None


class SchoolGroup(ApiModel):
    """A Work Group the school is in: its lead and its sessions."""

    id: int
    name: str
    programme_id: int
    programme_title: str
    academic_year: str
    hub_id: str
    lead_name: str = Field(description="The Mastery Specialist who leads it.")
    completed_on: date | None
    sessions: list[GroupSession] = Field(description="Every session, by date.")
    next_session: GroupSession | None = Field(
        description="The first scheduled session that has not started yet."
    )


class SchoolApplication(ApiModel):
    """One of the school's applications, as its journey lists them."""

    id: int
    reference: str = Field(examples=["NCP24-14-0007"])
    programme_id: int
    programme_title: str
    academic_year: str
    hub_id: str
    status: ApplicationStatus
    submitted_at: datetime | None


class Journey(ApiModel):
    urn: str
    school_name: str
    applications: list[SchoolApplication] = Field(
        default_factory=list,
        description="The school's applications (withdrawn ones too), newest first.",
    )
    work_groups: list[SchoolGroup] = Field(
        default_factory=list,
        description="The Work Groups the school is in now (not completed), with their sessions.",
    )
    years: list[JourneyYear] = Field(description="Earliest year first.")
    next_steps: list[ProgrammeType] = Field(
        description="Kinds of programme the mastery journey allows next."
    )
    open_programmes: list[OpenProgramme] = Field(
        description="Programmes open now that the school may apply for, with each decision."
    )


class Rejection(ApiModel):
    line: int
    key: str | None
    reason: str


class ImportReport(ApiModel):
    created: int
    updated: int
    unchanged: int
    rejected: int
    rejections: list[Rejection] = Field(description="The first 1,000 rejected rows.")
