"""The school register, each school's journey, and the GIAS import."""

from __future__ import annotations

from typing import Annotated

from fastapi import File, Path, Query, Request, Response, UploadFile
from starlette.convertors import StringConvertor, register_url_convertor

from api.persistence.schools_repository import SchoolFilters
from api.routers.access import NATIONAL_ADMIN, SCHOOLS_READ, CurrentPrincipal, access, signed_in
from api.routers.clock import Now
from api.routers.conditional import IfNoneMatch, kept_answer
from api.routers.dependencies import DbSession, OpenSession
from api.routers.feature_router import FeatureRouter
from api.schemas.common import HUB_ID_PATTERN, Page
from api.schemas.schools import URN_PATTERN, ImportReport, Journey, School
from api.services import eligibility, schools
from api.services.gias_import import import_gias

router = FeatureRouter(prefix="/schools", tags=["schools"])


class _UrnSegment(StringConvertor):
    """Any path segment but "imports", so that GET /schools/imports is a 405, not a URN."""

    regex = "(?!imports$)[^/]+"


register_url_convertor("urn", _UrnSegment())

UrnPath = Annotated[
    str, Path(pattern=URN_PATTERN, description="Six digits, as in GIAS", examples=["100001"])
]


@router.get("", response_model=Page[School], **access(SCHOOLS_READ, 304, 422))
async def list_schools(
    request: Request,
    open_session: OpenSession,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Any part of a name or town, a URN, or the start of a postcode",
        ),
    ] = None,
    town: Annotated[str | None, Query(max_length=100)] = None,
    local_authority: Annotated[
        str | None, Query(max_length=100, description="LA code or name")
    ] = None,
    phase: Annotated[
        str | None, Query(max_length=60, description="GIAS phase of education, e.g. Primary")
    ] = None,
    state_funded: bool | None = None,
    status: Annotated[str | None, Query(max_length=60, description="e.g. Open")] = None,
    hub: Annotated[str | None, Query(pattern=HUB_ID_PATTERN, max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Search the register: by name, then URN; with `q`, exact matches (name, URN, postcode)
    first, then names and towns that start with it, then the rest."""
    filters = SchoolFilters(
        q=q,
        town=town,
        la=local_authority,
        phase=phase,
        state_funded=state_funded,
        status=status,
        hub=hub,
    )
    return await kept_answer(
        request,
        open_session,
        schools.PAGES,
        "schools",
        schools.page_key(filters, cursor, limit),
        lambda session, current: schools.search_page(
            session, filters, cursor=cursor, limit=limit, current=current
        ),
        if_none_match,
        media_type="application/json",
    )


@router.post("/imports", **access(NATIONAL_ADMIN, 422))
def import_schools(
    session: DbSession,
    principal: CurrentPrincipal,
    file: Annotated[UploadFile, File(description="edubasealldataYYYYMMDD.csv as published")],
) -> ImportReport:
    """Load a GIAS establishment extract: new schools are added, changed ones updated."""
    report = import_gias(session, file.file, actor=signed_in(principal))
    return ImportReport.model_validate(report, from_attributes=True)


@router.get("/{urn:urn}", response_model=School, **access(SCHOOLS_READ, 304, 404, 422))
async def get_school(
    request: Request, open_session: OpenSession, urn: UrnPath, if_none_match: IfNoneMatch = None
) -> Response:
    """One school of the register."""
    return await kept_answer(
        request,
        open_session,
        schools.ONE_SCHOOL,
        "school",
        (urn,),
        lambda session, current: schools.school_page(session, urn, current=current),
        if_none_match,
        media_type="application/json",
    )


@router.get("/{urn:urn}/journey", **access(SCHOOLS_READ, 404, 422))
def get_journey(session: DbSession, principal: CurrentPrincipal, urn: UrnPath, now: Now) -> Journey:
    """The school's programmes year by year, and the open programmes it may apply for now."""
    return eligibility.journey(session, urn, viewer=signed_in(principal), now=now)
