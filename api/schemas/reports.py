"""The reports' shapes: each says what it counted (its definitions, its as-at instant, the
register snapshot it read) beside its figures, and its CSV twin carries the same figures."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field

from api.schemas.common import ApiModel, IsoInstant
from api.schemas.grant_statements import Month
from api.schemas.grant_summary import GrantFigures
from api.schemas.grants import HubRef, ProgrammeBrief
from api.schemas.work_groups import IsoDate


class CoverageBy(StrEnum):
    HUB = "hub"
    LOCAL_AUTHORITY = "local_authority"
    PHASE = "phase"


class CoverageRow(ApiModel):
    key: str = Field(description="The hub's id, the authority's code, or the phase; '' for none")
    label: str
    schools: int = Field(description="Open state-funded schools on the as-at date")
    engaged: int
    coverage_percent: float | None = Field(description="engaged / schools, one decimal place")


class CoverageDefinitions(ApiModel):
    engaged: str
    denominator: str


class AsAtBasis(ApiModel):
    as_at: IsoDate = Field(description="The day in England the figures are as at")
    counted_up_to: IsoInstant = Field(
        description="As at a past day, its last instant in England: rows recorded after it are "
        "left out. As at today, the moment the figures were counted, with all rows so far"
    )
    academic_year: str = Field(examples=["2024-25"])


class CoverageReport(AsAtBasis):
    by: CoverageBy
    hub_id: str | None = Field(description="The one hub reported on; null for every hub")
    phase: Literal["primary", "secondary", "neither"] | None
    local_authority: str | None
    completed_within_years: int
    register_snapshot_imported_at: IsoInstant | None = Field(
        description="The GIAS import the figures read: the latest by the as-at instant "
        "(null when the register was loaded without an import recorded)"
    )
    definitions: CoverageDefinitions
    rows: list[CoverageRow]
    total: CoverageRow = Field(description="Each school once (a school may teach two phases)")


class FunnelRow(ApiModel):
    cohort: str = Field(examples=["2021-22"], description="The first Development year")
    phase: Literal["primary", "secondary"]
    hub_id: str
    hub_name: str
    development: int
    embedding: int
    sustaining: int
    embedding_percent: float | None = Field(description="embedding / development")
    sustaining_percent: float | None = Field(description="sustaining / embedding")


class FunnelReport(AsAtBasis):
    hub_id: str | None
    phase: Literal["primary", "secondary"] | None
    cohort: str | None
    definition: str
    rows: list[FunnelRow]


class RecruitmentDay(ApiModel):
    date: IsoDate
    submitted: int
    cumulative: int


class RecruitmentReport(ApiModel):
    programme_id: int
    title: str
    hub_id: str
    academic_year: str
    applications_open_on: dt.date | None
    closing_date: dt.date | None
    as_at: IsoDate
    definition: str
    days: list[RecruitmentDay]
    submitted: int = Field(description="Expressions of interest submitted in all")
    capacity_places: int | None
    capacity_unit: str | None
    places_filled: int
    places_left: int | None
    waiting_list: int


class AttendanceFigures(ApiModel):
    present: int
    absent_with_apologies: int
    absent: int
    recorded: int
    rate_percent: float | None = Field(description="present / recorded")


class SessionAttendanceRate(AttendanceFigures):
    session_id: int
    number: int
    date: IsoDate


class SchoolShortfall(ApiModel):
    urn: str
    name: str
    days: float
    shortfall_days: float


class GroupAttendance(AttendanceFigures):
    work_group_id: int
    name: str
    hub_id: str
    academic_year: str
    programme_id: int
    programme_title: str
    minimum_days: float | None
    sessions: list[SessionAttendanceRate]
    short_of_minimum: list[SchoolShortfall]


class AttendanceReport(ApiModel):
    hub_id: str | None
    academic_year: str | None
    programme_id: int | None
    work_group_id: int | None
    definition: str
    groups: list[GroupAttendance]


class GrantsDefinitions(ApiModel):
    committed: str
    claimed: str
    paid: str
    clawed_back: str


class GrantsMonth(GrantFigures):
    month: Month
    month_label: str = Field(examples=["December 2026"])


class GrantsRow(GrantsMonth):
    hub: HubRef
    programme: ProgrammeBrief


class GrantsReport(ApiModel):
    hub_id: str | None = Field(description="The one hub reported on; null for every hub")
    academic_year: str | None = Field(description="The programmes' academic year, if asked")
    programme_id: int | None
    from_month: Month | None
    to_month: Month | None
    definitions: GrantsDefinitions = Field(description="What each figure counts, in which month")
    rows: list[GrantsRow] = Field(
        description="By hub name, programme title, then month; only where something counted"
    )
    months: list[GrantsMonth] = Field(
        description="Every row's figures added up by month, from the first month with a figure "
        "to the last, none left out"
    )
    totals: GrantFigures
