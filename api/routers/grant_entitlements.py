"""Grant entitlements: what each school may claim under its programmes, decided live."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Path, Query, Response

from api.routers.access import GRANTS_READ, CurrentPrincipal, access, signed_in
from api.routers.clock import Now
from api.routers.conditional import not_modified, not_modified_response
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.common import ACADEMIC_YEAR_PATTERN, HUB_ID_PATTERN, Page
from api.schemas.grant_entitlements import Entitlement
from api.schemas.schools import URN_PATTERN
from api.services import grant_entitlements
from api.services.grant_entitlements import EntitlementFilters

router = FeatureRouter(prefix="/grants/entitlements", tags=["grants"])

EntitlementId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("", **access(GRANTS_READ, 403, 422))
def list_entitlements(
    session: DbSession,
    principal: CurrentPrincipal,
    now: Now,
    hub: Annotated[str | None, Query(pattern=HUB_ID_PATTERN, max_length=64)] = None,
    school: Annotated[str | None, Query(pattern=URN_PATTERN, description="A school's URN")] = None,
    programme: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    academic_year: Annotated[
        str | None, Query(pattern=ACADEMIC_YEAR_PATTERN, examples=["2026-27"])
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[Entitlement]:
    """Entitlements of your hub's schools (a school contact: their own school's; a national
    administrator: every hub's, or `hub`), each decided now: whether it is due, whether it can
    be claimed, what is missing and why, and its claim."""
    filters = EntitlementFilters(
        hub_id=hub, school_urn=school, programme_id=programme, academic_year=academic_year
    )
    items, next_cursor = grant_entitlements.list_entitlements(
        session, signed_in(principal), filters, now=now, cursor=cursor, limit=limit
    )
    return Page[Entitlement](items=items, next_cursor=next_cursor)


@router.get(
    "/{entitlement_id}",
    response_model=Entitlement,
    **access(GRANTS_READ, 304, 404, 422, own_hub_only=True),
)
def get_entitlement(
    session: DbSession,
    principal: CurrentPrincipal,
    entitlement_id: EntitlementId,
    response: Response,
    now: Now,
    if_none_match: Annotated[str | None, Header(max_length=1000)] = None,
) -> Entitlement | Response:
    """One entitlement, decided now. Its ETag changes whenever anything it shows does."""
    item = grant_entitlements.get_entitlement(
        session, entitlement_id, signed_in(principal), now=now
    )
    tag = grant_entitlements.etag_of(item)
    if not_modified(if_none_match, tag):
        return not_modified_response(tag)
    response.headers["ETag"] = tag
    return item
