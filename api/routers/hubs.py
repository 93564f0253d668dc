"""Maths Hubs: who runs programmes where, and how to contact them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.routers.access import HUB_ADMIN, PUBLIC, CurrentPrincipal, access, signed_in
from api.routers.dependencies import DbSession
from api.schemas.catalogue import Hub
from api.schemas.common import HUB_ID_PATTERN, Page
from api.schemas.schools import HubLocalAuthorities, HubLocalAuthoritiesUpdate
from api.services import catalogue, schools

router = APIRouter(prefix="/hubs", tags=["hubs"])

HubId = Annotated[str, Path(pattern=HUB_ID_PATTERN, max_length=64)]


@router.get("", **access(PUBLIC, 422))
def list_hubs(
    session: DbSession,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[Hub]:
    """Every Maths Hub, by id."""
    rows, next_cursor = catalogue.list_hubs(session, cursor=cursor, limit=limit)
    return Page[Hub](items=[Hub.model_validate(r) for r in rows], next_cursor=next_cursor)


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
