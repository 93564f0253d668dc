"""Work Groups, sessions and the public timetable."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AnyHttpUrl, BeforeValidator, Field, StringConstraints, model_validator

from api.domain.calendar import HalfTerm
from api.domain.journey import ProgrammeType
from api.domain.release_time import Attendance
from api.domain.work_groups import MeetingKind, SessionStatus
from api.schemas.common import ApiModel, Id
from api.schemas.schools import Urn

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Bound = Annotated[int, Field(ge=1, le=1000)]
OnlineUrl = Annotated[AnyHttpUrl, Field(max_length=500)]


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?$")


def _iso_date(value: object) -> object:
    # Pydantic would read 0 or "0" as a Unix timestamp; the API promises ISO 8601 dates.
    if not isinstance(value, dt.date) and not (isinstance(value, str) and _DATE.match(value)):
        raise ValueError("Give a date like 2028-03-27")
    return value


def _local_time(value: object) -> object:
    # A local time in England, without an offset: 13:30 or 13:30:00.
    if not isinstance(value, dt.time) and not (isinstance(value, str) and _TIME.match(value)):
        raise ValueError("Give a local time like 13:30, without an offset")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
LocalTime = Annotated[dt.time, BeforeValidator(_local_time)]


class WorkGroupCreate(ApiModel):
    programme_id: Id
    name: Name
    lead_person_id: Id = Field(description="A person with the role mastery_specialist")
    max_schools: Bound | None = Field(
        default=None, description="Defaults by programme type (primary Development: 7)"
    )
    max_participants: Bound | None = Field(
        default=None, description="Defaults by programme type (secondary Development: 12)"
    )
    from_selection: bool = Field(
        default=False,
        description="Form the group from the selection in one step: every school selected for "
        "the programme and in none of its groups joins, and the teachers named on each school's "
        "application become participants, as people records of their school (an existing record "
        "of that school with the same email is reused). Refused (409, rule "
        "`nothing_selected`) when no selected school is left to join.",
    )


class WorkGroupUpdate(ApiModel):
    name: Name | None = None
    lead_person_id: Id | None = None
    max_schools: Bound | None = None
    max_participants: Bound | None = None


class GroupSchool(ApiModel):
    urn: str
    name: str
    town: str | None


class GroupPerson(ApiModel):
    id: int
    name: str
    school_urn: str | None
    school_name: str | None


class WorkGroup(ApiModel):
    id: int
    hub_id: str
    programme_id: int
    programme_title: str
    programme_type: ProgrammeType | None
    academic_year: str = Field(examples=["2023-24"])
    name: str
    lead_person_id: int
    lead: GroupPerson
    max_schools: int | None = Field(description="At most this many member schools; null: no bound")
    max_participants: int | None
    schools: list[GroupSchool] = Field(description="Member schools, in the order they joined")
    participants: list[GroupPerson]
    completed_on: dt.date | None = Field(
        description="When the hub completed the year and wrote the schools' participation history"
    )
    continues_from_id: int | None = Field(description="Last year's group that this one continues")
    continued_by_ids: list[int] = Field(description="Next year's groups that continue this one")
    version: int
    updated_at: dt.datetime


class WorkGroupCompletion(ApiModel):
    withdrawn: list[Urn] = Field(
        default_factory=list,
        max_length=100,
        description="Member schools that stopped taking part: recorded as withdrawn, the rest "
        "as completed",
    )


class WorkGroupContinuation(ApiModel):
    programme_id: Id = Field(description="Next year's programme (Embedding or Sustaining)")
    name: Name | None = Field(default=None, description="Defaults to this group's name")
    lead_person_id: Id | None = Field(default=None, description="Defaults to this group's lead")


class ContinuationVerdict(ApiModel):
    urn: str
    name: str
    continues: bool
    reasons: list[str] = Field(description="Why the school cannot continue; empty if it can")
    to_check: list[str] = Field(description="What the hub should still check")


class WorkGroupContinued(ApiModel):
    work_group: WorkGroup
    schools: list[ContinuationVerdict]


class MemberSchool(ApiModel):
    urn: Urn


class ParticipantAdd(ApiModel):
    person_id: Id


class ScheduleRequest(ApiModel):
    sessions: int | None = Field(
        default=None, ge=1, le=30, description="How many; defaults to the programme's plan, or 6"
    )
    half_terms: list[HalfTerm] | None = Field(
        default=None, min_length=1, max_length=6, description="In order; defaults to all six"
    )
    start_time: LocalTime = Field(examples=["13:30"])
    end_time: LocalTime = Field(examples=["16:00"])
    kind: MeetingKind = MeetingKind.TRG_MEETING

    @model_validator(mode="after")
    def _ends_after_start(self) -> ScheduleRequest:
        if self.end_time <= self.start_time:
            raise ValueError("end_time must be after start_time")
        return self


class SessionCreate(ApiModel):
    kind: MeetingKind
    number: int | None = Field(default=None, ge=1, le=1000, description="Next free if omitted")
    date: IsoDate
    start_time: LocalTime = Field(examples=["13:30"])
    end_time: LocalTime = Field(examples=["16:00"])
    host_urn: Urn | None = Field(default=None, description="A member school, or the lead's")
    online_url: OnlineUrl | None = None
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None
    confirm_non_school_day: bool | None = Field(
        default=None,
        description="Plan it on a weekend, bank holiday or school holiday all the same; "
        "without it such a day is refused (409, rule non_school_day)",
    )

    @model_validator(mode="after")
    def _valid(self) -> SessionCreate:
        if self.end_time <= self.start_time:
            raise ValueError("end_time must be after start_time")
        if self.host_urn is None and self.online_url is None:
            raise ValueError("Give a host school (host_urn) or an online link (online_url)")
        return self


SessionBatch = Annotated[list[SessionCreate], Field(min_length=1, max_length=50)]


class SessionUpdate(ApiModel):
    kind: MeetingKind | None = None
    date: IsoDate | None = None
    start_time: LocalTime | None = None
    end_time: LocalTime | None = None
    host_urn: Urn | None = None
    online_url: OnlineUrl | None = None
    status: SessionStatus | None = None
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None
    confirm_non_school_day: bool | None = Field(
        default=None,
        description="Plan it on a weekend, bank holiday or school holiday all the same; "
        "without it such a day is refused (409, rule non_school_day)",
    )


class SessionCancel(ApiModel):
    reason: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)
    ] = Field(description="Why it is cancelled: told to the participants and the host school")


class SessionChange(ApiModel):
    date: str
    start_time: str
    end_time: str
    status: str
    host_urn: str | None
    online_url: str | None
    sequence: int = Field(description="The SEQUENCE the session had before this change")
    changed_at: str


class Session(ApiModel):
    id: int
    work_group_id: int
    number: int
    kind: MeetingKind
    date: dt.date
    start_time: dt.time
    end_time: dt.time
    timezone: str = Field(examples=["Europe/London"])
    starts_at_local: dt.datetime = Field(description="Local time in England, with its offset")
    ends_at_local: dt.datetime
    starts_at: dt.datetime = Field(description="The UTC instant")
    ends_at: dt.datetime
    half_term: HalfTerm | None
    host_urn: str | None
    online_url: str | None
    status: SessionStatus
    sequence: int = Field(description="iCalendar SEQUENCE: raised at each change")
    history: list[SessionChange]
    note: str | None
    cancellation_reason: str | None = Field(
        default=None, description="Why it was cancelled, when it was"
    )
    version: int
    updated_at: dt.datetime
    register_taken: bool = Field(
        default=False,
        description="Whether the register was taken: someone recorded present or absent "
        "(apologies recorded ahead do not count)",
    )
    present_count: int = Field(default=0, description="How many were recorded present")


class Sessions(ApiModel):
    items: list[Session]


class ProposedSession(ApiModel):
    number: int
    half_term: HalfTerm
    date: dt.date
    start_time: dt.time
    end_time: dt.time
    kind: MeetingKind
    host_urn: str


class ScheduleProposal(ApiModel):
    work_group_id: int
    sessions: list[ProposedSession]


class HostSchool(ApiModel):
    urn: str
    name: str
    town: str | None


class TimetableEntry(ApiModel):
    uid: str = Field(examples=["session-12@mathshubs"])
    session_id: int
    work_group_id: int
    work_group_name: str
    programme_id: int
    programme_title: str
    hub_id: str
    hub_name: str
    academic_year: str
    kind: MeetingKind
    number: int
    status: SessionStatus
    sequence: int
    date: dt.date
    start_time: dt.time
    end_time: dt.time
    timezone: str
    starts_at_local: dt.datetime
    ends_at_local: dt.datetime
    starts_at: dt.datetime
    ends_at: dt.datetime
    host: HostSchool | None
    online: bool
    updated_at: dt.datetime


class AttendanceRecord(ApiModel):
    person_id: Id
    status: Attendance


class AttendanceUpdate(ApiModel):
    records: list[AttendanceRecord] = Field(min_length=1, max_length=100)


class SessionAttendance(ApiModel):
    session_id: int
    records: list[AttendanceRecord]


class SchoolRelease(ApiModel):
    urn: str
    name: str
    days: float = Field(description="Combined days of release from teachers present")
    shortfall_days: float | None = Field(
        description="Days short of the programme's minimum; null where it states none"
    )


class ReleaseTimeReport(ApiModel):
    work_group_id: int
    minimum_days: float | None = Field(
        description="The programme's minimum per school (Primary Development: 10, 004)"
    )
    schools: list[SchoolRelease]


class HalfTermDates(ApiModel):
    half_term: HalfTerm
    starts_on: IsoDate
    ends_on: IsoDate


class HalfTermDatesShown(HalfTermDates):
    source: Literal["default", "hub"] = Field(description="The hub's own dates, or the defaults")


class HubTerms(ApiModel):
    hub_id: str
    academic_year: str = Field(examples=["2027-28"])
    half_terms: list[HalfTermDatesShown]
    bank_holidays: list[dt.date]


class HubTermsUpdate(ApiModel):
    academic_year: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")] = Field(
        examples=["2027-28"]
    )
    half_terms: list[HalfTermDates] = Field(
        max_length=6, description="The hub's own dates; half-terms left out take the defaults"
    )


class CalendarFeedRequest(ApiModel):
    urn: Urn | None = Field(default=None, description="A school's feed: its groups' sessions")
    person_id: Id | None = Field(
        default=None, description="A person's feed: the groups they take part in or lead"
    )

    @model_validator(mode="after")
    def _one_subject(self) -> CalendarFeedRequest:
        if (self.urn is None) == (self.person_id is None):
            raise ValueError("Give either urn or person_id")
        return self


class CalendarFeed(ApiModel):
    urn: str | None
    person_id: int | None
    url: str = Field(
        description="The private feed; shown only now. Asking again resets it: the old URL stops"
    )
    created_at: dt.datetime
