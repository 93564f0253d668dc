"""The timetable for other systems: published sessions across groups, as JSON and iCalendar.
Public (session times need no sign-in) and free of personal data."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request, Response

from api.domain.work_groups import MeetingKind
from api.persistence.work_groups_repository import TimetableFilters
from api.routers.access import PUBLIC, access
from api.routers.conditional import IfNoneMatch, kept_answer
from api.routers.dependencies import OpenSession
from api.routers.feature_router import FeatureRouter
from api.schemas.common import ACADEMIC_YEAR_PATTERN, HUB_ID_PATTERN, IsoInstant, Page
from api.schemas.schools import URN_PATTERN
from api.schemas.work_groups import IsoDate, TimetableEntry
from api.services import timetable

router = FeatureRouter(prefix="/timetable", tags=["timetable"])

Hub = Annotated[str | None, Query(pattern=HUB_ID_PATTERN, max_length=64)]
Year = Annotated[str | None, Query(pattern=ACADEMIC_YEAR_PATTERN, examples=["2023-24"])]
WorkGroupFilter = Annotated[int | None, Query(ge=1, le=2**31 - 1)]
UrnFilter = Annotated[
    str | None, Query(pattern=URN_PATTERN, description="Hosted by, or a member of the group")
]
From = Annotated[IsoDate | None, Query(alias="from", description="Sessions on or after this date")]
To = Annotated[IsoDate | None, Query(description="Sessions on or before this date")]
UpdatedSince = Annotated[
    IsoInstant | None, Query(description="Only sessions changed at or after this instant")
]


def _filters(
    hub: str | None,
    academic_year: str | None,
    work_group: int | None,
    urn: str | None,
    from_: date | None,
    to: date | None,
    kind: MeetingKind | None,
    updated_since: Any,
) -> TimetableFilters:
    return TimetableFilters(
        hub=hub,
        academic_year=academic_year,
        work_group=work_group,
        urn=urn,
        starts_on=from_,
        ends_on=to,
        kind=kind.value if kind else None,
        updated_since=updated_since,
    )


@router.get("", response_model=Page[TimetableEntry], **access(PUBLIC, 304, 422))
async def list_timetable(
    request: Request,
    open_session: OpenSession,
    hub: Hub = None,
    academic_year: Year = None,
    work_group: WorkGroupFilter = None,
    urn: UrnFilter = None,
    from_: From = None,
    to: To = None,
    kind: MeetingKind | None = None,
    updated_since: UpdatedSince = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Published sessions by start time: group, programme, hub, kind, local and UTC times."""
    filters = _filters(hub, academic_year, work_group, urn, from_, to, kind, updated_since)
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


_ICS_ACCESS = access(PUBLIC, 304, 422)
_ICS_ACCESS["responses"][200] = {
    "content": {"text/calendar": {"schema": {"type": "string"}}},
    "description": "The sessions as an iCalendar (RFC 5545) feed",
}


@router.get(".ics", response_class=Response, **_ICS_ACCESS)
async def timetable_feed(
    request: Request,
    open_session: OpenSession,
    hub: Hub = None,
    academic_year: Year = None,
    work_group: WorkGroupFilter = None,
    urn: UrnFilter = None,
    from_: From = None,
    to: To = None,
    kind: MeetingKind | None = None,
    updated_since: UpdatedSince = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The same sessions as an iCalendar feed, times in Europe/London; subscribe to it."""
    filters = _filters(hub, academic_year, work_group, urn, from_, to, kind, updated_since)
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
