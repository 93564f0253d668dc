"""Reports for hubs and the national centre: coverage, the journey funnel, recruitment,
attendance and grants, each as JSON and as a `.csv` twin with the same figures (as the applications'
review list is served). Hub staff and their hub's keys see their own hub; national
administrators see every hub side by side, or one with `hub`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Depends, Path, Query, Request, Response
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from api.domain.reports.coverage import DEFAULT_COMPLETED_WITHIN_YEARS, PhaseKey
from api.routers.access import REPORTS_READ, CurrentPrincipal, access, signed_in
from api.routers.clock import Now
from api.routers.conditional import (
    IfNoneMatch,
    known_data_version,
    not_modified,
    not_modified_response,
)
from api.routers.dependencies import DbSession, OpenSession
from api.routers.feature_router import FeatureRouter
from api.routers.query_models import QueryModel, QueryReader, documented
from api.schemas import reports as schemas
from api.schemas.common import ACADEMIC_YEAR_PATTERN, HUB_ID_PATTERN
from api.schemas.grant_statements import MONTH_PATTERN
from api.schemas.schools import LA_CODE_PATTERN
from api.schemas.work_groups import IsoDate
from api.services import reports, reports_csv

router = FeatureRouter(prefix="/reports", tags=["reports"])

ONE_HUB = "One hub (national administrators); others always see their own hub"
AS_AT = "Count only what was recorded by the end of this day (default: now)"

Hub = Annotated[str | None, Query(pattern=HUB_ID_PATTERN, max_length=64, description=ONE_HUB)]
Year = Annotated[str | None, Query(pattern=ACADEMIC_YEAR_PATTERN, examples=["2024-25"])]
IdFilter = Annotated[int | None, Query(ge=1, le=2**31 - 1)]
ProgrammeId = Annotated[int, Path(ge=1, le=2**31 - 1)]

# The coverage report and the funnel are answered from memory once counted: their filters are
# read as one model (api/routers/query_models.py).
OneHub = Annotated[str | None, Field(pattern=HUB_ID_PATTERN, max_length=64, description=ONE_HUB)]
AsAt = Annotated[IsoDate | None, Field(description=AS_AT)]


def _csv_access(description: str, *statuses: int, own_hub_only: bool = False) -> dict[str, Any]:
    kwargs = access(REPORTS_READ, 304, *statuses, own_hub_only=own_hub_only)
    kwargs["responses"][200] = {
        "content": {"text/csv": {"schema": {"type": "string"}}},
        "description": description,
    }
    return kwargs


def _json(body: bytes, tag: str, if_none_match: str | None) -> Response:
    if not_modified(if_none_match, tag):
        return not_modified_response(tag)
    return Response(body, media_type="application/json", headers={"ETag": tag})


def _csv(text: str, name: str, if_none_match: str | None) -> Response:
    body = text.encode()
    tag = reports.etag_of(body)
    if not_modified(if_none_match, tag):
        return not_modified_response(tag)
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"ETag": tag, "Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


# Coverage


class CoverageQuery(QueryModel):
    by: Annotated[
        schemas.CoverageBy, Field(description="Rows by hub, local authority or phase")
    ] = schemas.CoverageBy.HUB
    hub: OneHub = None
    phase: Annotated[PhaseKey | None, Field(description="Only schools teaching this phase")] = None
    local_authority: Annotated[str | None, Field(pattern=LA_CODE_PATTERN, examples=["383"])] = None
    as_at: AsAt = None
    completed_within_years: Annotated[
        int,
        Field(ge=0, le=10, description="Completed a programme in this many years before this one"),
    ] = DEFAULT_COMPLETED_WITHIN_YEARS

    def question(self) -> reports.CoverageQuestion:
        return reports.CoverageQuestion(
            by=self.by,
            hub=self.hub,
            phase=self.phase,
            local_authority=self.local_authority,
            as_at=self.as_at,
            completed_within_years=self.completed_within_years,
        )


CoverageAsked = Annotated[CoverageQuery, Depends(QueryReader(CoverageQuery))]


async def _coverage(
    request: Request,
    open_session: OpenSession,
    principal: CurrentPrincipal,
    now: Now,
    question: reports.CoverageQuestion,
) -> reports.Rendered:
    """From memory when this process's data version is known (PostgreSQL's notifications keep
    it current) and the answer is kept; otherwise counted, in a worker thread."""
    viewer = signed_in(principal)
    known = known_data_version(request)
    if known is not None:
        kept = reports.kept_coverage(viewer, question, now=now, version=known)
        if kept is not None:
            return kept

    def counted() -> reports.Rendered:
        with open_session() as session:
            return reports.coverage(session, viewer, question, now=now, known_version=known)

    return await run_in_threadpool(counted)


@router.get(
    "/coverage.csv",
    response_class=Response,
    **documented(CoverageQuery, _csv_access("Coverage as CSV", 422)),
)
async def coverage_csv(
    request: Request,
    open_session: OpenSession,
    principal: CurrentPrincipal,
    now: Now,
    query: CoverageAsked,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The coverage report's rows and total as CSV."""
    rendered = await _coverage(request, open_session, principal, now, query.question())
    assert isinstance(rendered.report, schemas.CoverageReport)
    name = f"coverage-by-{query.by.value}"
    return _csv(reports_csv.coverage(rendered.report), name, if_none_match)


@router.get(
    "/coverage",
    response_model=schemas.CoverageReport,
    **documented(CoverageQuery, access(REPORTS_READ, 304, 422)),
)
async def coverage(
    request: Request,
    open_session: OpenSession,
    principal: CurrentPrincipal,
    now: Now,
    query: CoverageAsked,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Engaged schools over open state-funded schools, by hub, local authority or phase, as at
    a day. The answer states its definitions and the register import it read; asked again
    about the same past day, it gives the same figures."""
    rendered = await _coverage(request, open_session, principal, now, query.question())
    return _json(rendered.body, rendered.etag, if_none_match)


# The journey funnel


class FunnelQuery(QueryModel):
    hub: OneHub = None
    phase: Literal["primary", "secondary"] | None = None
    cohort: Annotated[str | None, Field(pattern=ACADEMIC_YEAR_PATTERN, examples=["2024-25"])] = None
    as_at: AsAt = None

    def question(self) -> reports.FunnelQuestion:
        return reports.FunnelQuestion(
            hub=self.hub, phase=self.phase, cohort=self.cohort, as_at=self.as_at
        )


FunnelAsked = Annotated[FunnelQuery, Depends(QueryReader(FunnelQuery))]


async def _funnel(
    request: Request,
    open_session: OpenSession,
    principal: CurrentPrincipal,
    now: Now,
    question: reports.FunnelQuestion,
) -> reports.Rendered:
    """As _coverage, for the funnel."""
    viewer = signed_in(principal)
    known = known_data_version(request)
    if known is not None:
        kept = reports.kept_funnel(viewer, question, now=now, version=known)
        if kept is not None:
            return kept

    def counted() -> reports.Rendered:
        with open_session() as session:
            return reports.funnel(session, viewer, question, now=now, known_version=known)

    return await run_in_threadpool(counted)


@router.get(
    "/funnel.csv",
    response_class=Response,
    **documented(FunnelQuery, _csv_access("The funnel as CSV", 422)),
)
async def funnel_csv(
    request: Request,
    open_session: OpenSession,
    principal: CurrentPrincipal,
    now: Now,
    query: FunnelAsked,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The funnel's rows as CSV."""
    rendered = await _funnel(request, open_session, principal, now, query.question())
    assert isinstance(rendered.report, schemas.FunnelReport)
    return _csv(reports_csv.funnel(rendered.report), "funnel", if_none_match)


@router.get(
    "/funnel",
    response_model=schemas.FunnelReport,
    **documented(FunnelQuery, access(REPORTS_READ, 304, 422)),
)
async def funnel(
    request: Request,
    open_session: OpenSession,
    principal: CurrentPrincipal,
    now: Now,
    query: FunnelAsked,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """For each cohort year (a school's first Development year), phase and hub: the schools
    that did Development, of those Embedding in a later year, of those Sustaining after that,
    with the conversion percentages."""
    rendered = await _funnel(request, open_session, principal, now, query.question())
    return _json(rendered.body, rendered.etag, if_none_match)


# Recruitment


@router.get(
    "/recruitment/{programme_id}.csv",
    response_class=Response,
    **_csv_access("Recruitment per day as CSV", 404, 422, own_hub_only=True),
)
def recruitment_csv(
    session: DbSession,
    principal: CurrentPrincipal,
    now: Now,
    programme_id: ProgrammeId,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """One row a day of the recruitment window, with the places in columns of their own."""
    report = reports.recruitment(session, signed_in(principal), programme_id, now=now)
    return _csv(reports_csv.recruitment(report), f"recruitment-{programme_id}", if_none_match)


@router.get(
    "/recruitment/{programme_id}",
    response_model=schemas.RecruitmentReport,
    **access(REPORTS_READ, 304, 404, 422, own_hub_only=True),
)
def recruitment(
    session: DbSession,
    principal: CurrentPrincipal,
    now: Now,
    programme_id: ProgrammeId,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """A programme's expressions of interest per day and in all across its window, its places
    filled against capacity, and its waiting list."""
    report = reports.recruitment(session, signed_in(principal), programme_id, now=now)
    body = report.model_dump_json().encode()
    return _json(body, reports.etag_of(body), if_none_match)


# Attendance and release time


async def _attendance_question(
    hub: Hub = None,
    academic_year: Year = None,
    programme: IdFilter = None,
    work_group: IdFilter = None,
) -> reports.AttendanceQuestion:
    return reports.AttendanceQuestion(
        hub=hub, academic_year=academic_year, programme=programme, work_group=work_group
    )


AttendanceAsked = Annotated[reports.AttendanceQuestion, Depends(_attendance_question)]


@router.get(
    "/attendance.csv",
    response_class=Response,
    **_csv_access("Attendance, or the schools short of release time, as CSV", 422),
)
def attendance_csv(
    session: DbSession,
    principal: CurrentPrincipal,
    now: Now,
    question: AttendanceAsked,
    table: Annotated[
        Literal["attendance", "release_time"],
        Query(description="Attendance per group and session, or schools short of release time"),
    ] = "attendance",
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Each group's total row, then its sessions; or the schools short of the minimum."""
    report = reports.attendance(session, signed_in(principal), question, now=now)
    if table == "release_time":
        return _csv(reports_csv.release_time(report), "release-time", if_none_match)
    return _csv(reports_csv.attendance(report), "attendance", if_none_match)


@router.get(
    "/attendance", response_model=schemas.AttendanceReport, **access(REPORTS_READ, 304, 422)
)
def attendance(
    session: DbSession,
    principal: CurrentPrincipal,
    now: Now,
    question: AttendanceAsked,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The attendance rate (present over recorded) per group and per session not cancelled,
    and each group's schools short of its programme's release-time minimum. Without a year,
    programme or group: this academic year's groups."""
    report = reports.attendance(session, signed_in(principal), question, now=now)
    body = report.model_dump_json().encode()
    return _json(body, reports.etag_of(body), if_none_match)


# Grants

FromMonth = Annotated[
    str | None,
    Query(alias="from", pattern=MONTH_PATTERN, examples=["2026-09"], description="From this month"),
]
ToMonth = Annotated[
    str | None,
    Query(pattern=MONTH_PATTERN, examples=["2027-08"], description="To this month, inclusive"),
]


async def _grants_question(
    hub: Hub = None,
    academic_year: Year = None,
    programme: IdFilter = None,
    from_: FromMonth = None,
    to: ToMonth = None,
) -> reports.GrantsQuestion:
    return reports.GrantsQuestion(
        hub=hub, academic_year=academic_year, programme=programme, from_month=from_, to_month=to
    )


GrantsAsked = Annotated[reports.GrantsQuestion, Depends(_grants_question)]


@router.get(
    "/grants.csv",
    response_class=Response,
    **_csv_access("Grants by hub, programme and month, or by month, as CSV", 422),
)
def grants_csv(
    session: DbSession,
    principal: CurrentPrincipal,
    question: GrantsAsked,
    table: Annotated[
        Literal["rows", "months"],
        Query(description="By hub, programme and month; or every hub's added up by month"),
    ] = "rows",
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The rows (or the months) with a total row last."""
    report = reports.grants(session, signed_in(principal), question)
    if table == "months":
        return _csv(reports_csv.grant_months(report), "grants-by-month", if_none_match)
    return _csv(reports_csv.grants(report), "grants", if_none_match)


@router.get("/grants", response_model=schemas.GrantsReport, **access(REPORTS_READ, 304, 422))
def grants(
    session: DbSession,
    principal: CurrentPrincipal,
    question: GrantsAsked,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Committed, claimed, paid and clawed back by hub, programme and month, by month across
    them, and in all: committed in the month an entitlement was recorded, claimed in the month
    a claim was submitted, paid and clawed back in the month of the paid statement that paid or
    recovered it. The answer states these rules in `definitions`."""
    report = reports.grants(session, signed_in(principal), question)
    body = report.model_dump_json().encode()
    return _json(body, reports.etag_of(body), if_none_match)
