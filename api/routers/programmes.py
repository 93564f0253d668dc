"""The programme catalogue: what hubs offer, to whom, when, and with what funding."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Path, Query, Request, Response

from api.domain.academic_year import AcademicYear
from api.domain.programme_status import ProgrammeStatus
from api.persistence.catalogue_repository import ProgrammeFilters
from api.routers.access import HUB_ADMIN, PUBLIC, CurrentPrincipal, access, signed_in
from api.routers.clock import Now
from api.routers.conditional import (
    IfNoneMatch,
    etag,
    expected_version,
    kept_answer,
    not_modified,
    not_modified_response,
)
from api.routers.dependencies import DbSession, OpenSession
from api.routers.feature_router import FeatureRouter
from api.schemas.catalogue import (
    Audience,
    Phase,
    Programme,
    ProgrammeCopy,
    ProgrammeCreate,
    ProgrammeUpdate,
    Stage,
)
from api.schemas.common import ACADEMIC_YEAR_PATTERN, HUB_ID_PATTERN, IsoInstant, Page
from api.schemas.schools import Decision, EligibilityRequest
from api.services import catalogue, eligibility

router = FeatureRouter(prefix="/programmes", tags=["programmes"])

ProgrammeId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("", response_model=Page[Programme], **access(PUBLIC, 304, 422))
async def list_programmes(
    request: Request,
    open_session: OpenSession,
    principal: CurrentPrincipal,
    hub: Annotated[str | None, Query(pattern=HUB_ID_PATTERN, max_length=64)] = None,
    academic_year: Annotated[
        str | None, Query(pattern=ACADEMIC_YEAR_PATTERN, examples=["2023-24"])
    ] = None,
    phase: Phase | None = None,
    stage: Stage | None = None,
    audience: Audience | None = None,
    status: ProgrammeStatus | None = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words in title, summary or code")
    ] = None,
    updated_since: Annotated[
        IsoInstant | None, Query(description="Only programmes changed at or after this instant")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Programmes, newest academic year first, filtered."""
    filters = ProgrammeFilters(
        hub=hub,
        academic_year=academic_year,
        phase=phase,
        stage=stage,
        audience=audience,
        status=status,
        q=q.strip() if q else None,
        updated_since=updated_since,
    )
    return await kept_answer(
        request,
        open_session,
        catalogue.PAGES,
        "programmes",
        catalogue.programmes_key(filters, viewer=principal, cursor=cursor, limit=limit),
        lambda session, current: catalogue.programmes_page(
            session, filters, viewer=principal, cursor=cursor, limit=limit, current=current
        ),
        if_none_match,
        media_type="application/json",
    )


@router.post("", status_code=201, **access(HUB_ADMIN, 409, 422, own_hub_only=True))
def create_programme(
    session: DbSession, principal: CurrentPrincipal, body: ProgrammeCreate, response: Response
) -> Programme:
    """Write a new programme, as a draft that only the hub sees until it opens."""
    programme = catalogue.create_programme(session, body, actor=signed_in(principal))
    response.headers["ETag"] = etag(programme.id, programme.version)
    response.headers["Location"] = f"/api/v1/programmes/{programme.id}"
    return catalogue.to_schema(programme)


@router.get(
    "/{programme_id}",
    response_model=Programme,
    **access(PUBLIC, 304, 404, 422),
)
def get_programme(
    session: DbSession,
    principal: CurrentPrincipal,
    programme_id: ProgrammeId,
    response: Response,
    if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Programme | Response:
    """One programme, with an ETag."""
    programme = catalogue.get_programme(session, programme_id, viewer=principal)
    tag = etag(programme.id, programme.version)
    if not_modified(if_none_match, tag):
        return not_modified_response(tag)
    response.headers["ETag"] = tag
    return catalogue.to_schema(programme)


@router.patch("/{programme_id}", **access(HUB_ADMIN, 404, 409, 412, 422, 428, own_hub_only=True))
def update_programme(
    session: DbSession,
    principal: CurrentPrincipal,
    programme_id: ProgrammeId,
    body: ProgrammeUpdate,
    response: Response,
    now: Now,
    if_match: Annotated[
        str | None, Header(max_length=1000, description="The ETag from your last read")
    ] = None,
) -> Programme:
    """Change some fields, or the status, of a programme you have read (If-Match)."""
    programme = catalogue.update_programme(
        session,
        programme_id,
        body,
        actor=signed_in(principal),
        expected_version=expected_version(if_match, programme_id),
        now=now,
    )
    response.headers["ETag"] = etag(programme.id, programme.version)
    return catalogue.to_schema(programme)


@router.post("/{programme_id}/eligibility", **access(PUBLIC, 401, 403, 404, 422))
def check_eligibility(
    session: DbSession,
    principal: CurrentPrincipal,
    programme_id: ProgrammeId,
    body: EligibilityRequest,
    now: Now,
) -> Decision:
    """Decide, rule by rule, whether a school (by URN, no sign-in) or a person may take part."""
    return eligibility.decide(session, programme_id, body, viewer=principal, now=now)


@router.post(
    "/{programme_id}/copies", status_code=201, **access(HUB_ADMIN, 404, 409, 422, own_hub_only=True)
)
def copy_programme(
    session: DbSession,
    principal: CurrentPrincipal,
    programme_id: ProgrammeId,
    body: ProgrammeCopy,
    response: Response,
) -> Programme:
    """Copy a programme, with its form, rules and commitments, into a later year as a draft."""
    copy = catalogue.copy_programme(
        session,
        programme_id,
        into=AcademicYear.parse(body.academic_year) if body.academic_year else None,
        actor=signed_in(principal),
    )
    response.headers["ETag"] = etag(copy.id, copy.version)
    response.headers["Location"] = f"/api/v1/programmes/{copy.id}"
    return catalogue.to_schema(copy)
