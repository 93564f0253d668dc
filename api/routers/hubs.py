"""Maths Hubs: who runs programmes where, and how to contact them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Request, Response

from api.routers.access import HUB_ADMIN, PUBLIC, CurrentPrincipal, access, signed_in
from api.routers.conditional import IfNoneMatch, kept_answer
from api.routers.dependencies import DbSession, OpenSession
from api.routers.feature_router import FeatureRouter
from api.schemas.catalogue import Hub
from api.schemas.common import HUB_ID_PATTERN, Page
from api.schemas.schools import HubLocalAuthorities, HubLocalAuthoritiesUpdate
from api.services import catalogue, schools

router = FeatureRouter(prefix="/hubs", tags=["hubs"])

HubId = Annotated[str, Path(pattern=HUB_ID_PATTERN, max_length=64)]


@router.get("", response_model=Page[Hub], **access(PUBLIC, 304, 422))
async def list_hubs(
    request: Request,
    open_session: OpenSession,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Every Maths Hub, by id."""
    return await kept_answer(
        request,
        open_session,
        catalogue.PAGES,
        "hubs",
        (cursor, limit),
        lambda session, current: catalogue.hubs_page(
            session, cursor=cursor, limit=limit, current=current
        ),
        if_none_match,
        media_type="application/json",
    )


@router.get("/{hub_id}", **access(PUBLIC, 404, 422))
def get_hub(session: DbSession, hub_id: HubId) -> Hub:
    """One Maths Hub."""
    return Hub.model_validate(catalogue.get_hub(session, hub_id))


@router.get("/{hub_id}/local-authorities", **access(PUBLIC, 404, 422))
def get_hub_area(session: DbSession, hub_id: HubId) -> HubLocalAuthorities:
    """The local authorities the hub covers; a school's hub follows from its authority."""
    return schools.coverage(session, hub_id)


@router.put("/{hub_id}/local-authorities", **access(HUB_ADMIN, 404, 422, own_hub_only=True))
def set_hub_area(
    session: DbSession,
    principal: CurrentPrincipal,
    hub_id: HubId,
    body: HubLocalAuthoritiesUpdate,
) -> HubLocalAuthorities:
    """Replace the set of local authorities the hub covers."""
    return schools.set_coverage(session, hub_id, body.codes, actor=signed_in(principal))
