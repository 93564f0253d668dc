"""The timetable for other systems: published sessions across groups, as JSON and iCalendar.
Public (session times need no sign-in) and free of personal data."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response
from pydantic import Field

from api.domain.work_groups import MeetingKind
from api.persistence.work_groups_repository import TimetableFilters
from api.routers.access import PUBLIC, access
from api.routers.conditional import IfNoneMatch, kept_answer
from api.routers.dependencies import OpenSession
from api.routers.feature_router import FeatureRouter
from api.routers.query_models import QueryModel, QueryReader, documented
from api.schemas.common import ACADEMIC_YEAR_PATTERN, HUB_ID_PATTERN, IsoInstant, Page
from api.schemas.schools import URN_PATTERN
from api.schemas.work_groups import IsoDate, TimetableEntry
from api.services import timetable

router = FeatureRouter(prefix="/timetable", tags=["timetable"])


class TimetableQuery(QueryModel):
    hub: Annotated[str | None, Field(pattern=HUB_ID_PATTERN, max_length=64)] = None
    academic_year: Annotated[
        str | None, Field(pattern=ACADEMIC_YEAR_PATTERN, examples=["2023-24"])
    ] = None
    work_group: Annotated[int | None, Field(ge=1, le=2**31 - 1)] = None
    urn: Annotated[
        str | None, Field(pattern=URN_PATTERN, description="Hosted by, or a member of the group")
    ] = None
    from_: Annotated[
        IsoDate | None, Field(alias="from", description="Sessions on or after this date")
    ] = None
    to: Annotated[IsoDate | None, Field(description="Sessions on or before this date")] = None
    kind: MeetingKind | None = None
    updated_since: Annotated[
        IsoInstant | None, Field(description="Only sessions changed at or after this instant")
    ] = None

    def filters(self) -> TimetableFilters:
        return TimetableFilters(
            hub=self.hub,
            academic_year=self.academic_year,
            work_group=self.work_group,
            urn=self.urn,
            starts_on=self.from_,
            ends_on=self.to,
            kind=self.kind.value if self.kind else None,
            updated_since=self.updated_since,
        )


class TimetablePageQuery(TimetableQuery):
    limit: Annotated[int, Field(ge=1, le=200)] = 50
    cursor: Annotated[str | None, Field(max_length=500)] = None


TimetableAsked = Annotated[TimetableQuery, Depends(QueryReader(TimetableQuery))]
TimetablePageAsked = Annotated[TimetablePageQuery, Depends(QueryReader(TimetablePageQuery))]


@router.get(
    "",
    response_model=Page[TimetableEntry],
    **documented(TimetablePageQuery, access(PUBLIC, 304, 422)),
)
async def list_timetable(
    request: Request,
    open_session: OpenSession,
    query: TimetablePageAsked,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Published sessions by start time: group, programme, hub, kind, local and UTC times."""
    filters, cursor, limit = query.filters(), query.cursor, query.limit
    return await kept_answer(
        request,
        open_session,
        timetable.CACHE,
        "timetable-json",
        timetable.json_key(filters, cursor, limit),
        lambda session, current: timetable.page(
            session, filters, cursor=cursor, limit=limit, current=current
        ),
        if_none_match,
        media_type="application/json",
    )


_ICS_ACCESS = documented(TimetableQuery, access(PUBLIC, 304, 422))
_ICS_ACCESS["responses"][200] = {
    "content": {"text/calendar": {"schema": {"type": "string"}}},
    "description": "The sessions as an iCalendar (RFC 5545) feed",
}


@router.get(".ics", response_class=Response, **_ICS_ACCESS)
async def timetable_feed(
    request: Request,
    open_session: OpenSession,
    query: TimetableAsked,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The same sessions as an iCalendar feed, times in Europe/London; subscribe to it."""
    filters = query.filters()
    return await kept_answer(
        request,
        open_session,
        timetable.CACHE,
        "timetable-ics",
        timetable.ics_key(filters),
        lambda session, current: timetable.calendar(session, filters, current=current),
        if_none_match,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="timetable.ics"'},
    )
